"""An edition of the yearbook and its outline: categories, sections, entries, front matter."""
from django.conf import settings
from django.db import models
from django.db.models import F, Q

from yearbook import links

from .base import Provenance, Versioned, track_history


class Edition(Versioned):
    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        PUBLISHED = "published", "已发布"

    year = models.PositiveSmallIntegerField("卷次年份", unique=True)
    covers_year = models.PositiveSmallIntegerField("记述年份")
    title = models.CharField("书名", max_length=200)
    compiler = models.CharField("编纂", max_length=200, blank=True)
    sponsor = models.CharField("主办", max_length=200, blank=True)
    publisher = models.CharField("出版发行", max_length=200, blank=True)
    isbn = models.CharField("ISBN", max_length=40, blank=True)
    cip_number = models.CharField("CIP 数据核字", max_length=80, blank=True)
    published = models.CharField("版次", max_length=80, blank=True)
    price = models.CharField("定价", max_length=40, blank=True)
    printing = models.CharField("印次", max_length=80, blank=True)
    printer = models.CharField("印刷", max_length=200, blank=True)
    editors_in_charge = models.CharField("责任编辑", max_length=200, blank=True)
    editorial_notes = models.JSONField("编辑说明", default=list, blank=True)
    reader_notes = models.JSONField(
        "读者提示", default=dict, blank=True,
        help_text="待核实的记录向读者显示的说明；导入时按源文本配置中的读者提示表，依原文在文本中找到各条所在的行")
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.DRAFT)
    source_file = models.CharField("源文件", max_length=300, blank=True)
    source_sha256 = models.CharField("源文件 SHA-256", max_length=64, blank=True)
    source_profile = models.CharField("源文本配置", max_length=100, blank=True,
                                      help_text="导入时所用的源文本配置：本书的体例、名称和校正表")
    imported_at = models.DateTimeField("导入时间", null=True, blank=True)
    based_on = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="successors", verbose_name="由此卷开始",
                                 help_text="“开始编纂下一卷”时所依据的上一卷")
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name="发布人")
    history = track_history()
    EDITION_PATH = ""   # an edition is its own
    UNIQUE_MESSAGES = {("year",): "已有 {year} 卷。"}

    class Meta:
        ordering = ["-year"]
        verbose_name = verbose_name_plural = "年鉴卷"
        permissions = [
            ("publish_edition", "发布或撤回年鉴卷"),
            ("start_next_edition", "开始编纂下一卷"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(covers_year__lt=F("year")), name="edition_covers_earlier_year",
                                   violation_error_message="记述年份应早于卷次年份（2022 卷记述 2021 年）。"),
        ]

    def __str__(self):
        return f"{self.title}（{self.year}）"

    def get_absolute_url(self) -> str:
        return links.edition_url(self)

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class EditorialBoardMember(Versioned):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="board")
    body = models.CharField("机构", max_length=100)
    title = models.CharField("职务", max_length=50)
    name = models.CharField("姓名", max_length=50)
    person = models.ForeignKey("yearbook.Person", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="board_seats")
    order = models.PositiveIntegerField("顺序")
    source_line = models.PositiveIntegerField(null=True, blank=True)
    history = track_history()
    ORDER_SCOPE = ("order", ("edition",))   # numbered within its edition

    class Meta:
        ordering = ["edition", "order"]
        verbose_name = verbose_name_plural = "编纂人员"
        constraints = [models.UniqueConstraint(fields=["edition", "order"], name="board_unique_order")]

    def __str__(self):
        return f"{self.title} {self.name}"


class HonoraryTitle(Versioned):
    """荣耀金川: the district's standing honorary titles."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="honorary_titles")
    name = models.CharField("称号", max_length=200)
    order = models.PositiveIntegerField("顺序")
    source_line = models.PositiveIntegerField(null=True, blank=True)
    history = track_history()
    ORDER_SCOPE = ("order", ("edition",))   # numbered within its edition

    class Meta:
        ordering = ["edition", "order"]
        verbose_name = verbose_name_plural = "荣耀金川"
        constraints = [models.UniqueConstraint(fields=["edition", "order"], name="honorary_unique_order")]

    def __str__(self):
        return self.name


class KeyFigure(Versioned):
    """数字金川: a key figure of the year."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="key_figures")
    indicator = models.CharField("指标", max_length=200)
    value = models.DecimalField("数值", max_digits=20, decimal_places=6, null=True, blank=True)
    value_text = models.CharField("印刷数值", max_length=100, blank=True)
    unit = models.CharField("单位", max_length=40, blank=True)
    change_pct = models.DecimalField("比上年增减(%)", max_digits=12, decimal_places=4, null=True, blank=True)
    change_value = models.DecimalField("比上年增减量", max_digits=20, decimal_places=6, null=True, blank=True)
    change_unit = models.CharField("增减量单位", max_length=40, blank=True)
    text = models.TextField("原文", blank=True)
    order = models.PositiveIntegerField("顺序")
    source_line = models.PositiveIntegerField(null=True, blank=True)
    history = track_history()
    ORDER_SCOPE = ("order", ("edition",))   # numbered within its edition

    class Meta:
        ordering = ["edition", "order"]
        verbose_name = verbose_name_plural = "数字金川"
        constraints = [models.UniqueConstraint(fields=["edition", "order"], name="keyfigure_unique_order")]

    def __str__(self):
        return f"{self.indicator} {self.value_text or self.value or ''}{self.unit}"


class Category(Versioned):
    """类目."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="categories")
    name = models.CharField("类目", max_length=100)
    order = models.PositiveIntegerField("顺序")
    history = track_history()
    ORDER_SCOPE = ("order", ("edition",))   # numbered within its edition
    UNIQUE_MESSAGES = {("edition", "name"): "本卷已有名为“{name}”的类目。"}
    URL_SEGMENTS = ("name",)   # /2021/<category>/

    class Meta:
        ordering = ["edition", "order"]
        verbose_name = verbose_name_plural = "类目"
        constraints = [
            models.UniqueConstraint(fields=["edition", "order"], name="category_unique_order"),
            models.UniqueConstraint(fields=["edition", "name"], name="category_unique_name"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        return links.category_url(self)


class Section(Provenance):
    """分目, named uniquely within its category (重要会议 occurs in three categories).

    ``kind`` says what the section holds: entries (with rosters and tables among them), or the records of
    a page of their own (the chronicle, the honours lists, the statistics, the documents)."""

    class Kind(models.TextChoices):
        ENTRIES = "entries", "条目"
        CHRONICLE = "chronicle", "大事记"
        ROSTER = "roster", "领导班子名录"
        HONOURS = "honours", "表彰"
        TABLES = "tables", "统计资料"
        DOCUMENTS = "documents", "文件"

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="sections")
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="sections")
    name = models.CharField("分目", max_length=200)
    heading = models.CharField("印刷标题", max_length=200, blank=True)
    kind = models.CharField("内容类型", max_length=10, choices=Kind.choices, default=Kind.ENTRIES)
    order = models.PositiveIntegerField("顺序")
    contributor = models.CharField("供稿", max_length=100, blank=True)
    contributor_line = models.PositiveIntegerField(null=True, blank=True)
    organization = models.ForeignKey("yearbook.Organization", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="sections")
    history = track_history()
    ORDER_SCOPE = ("order", ("edition",))   # numbered within its edition
    UNIQUE_MESSAGES = {("category", "name"): "本类目中已有名为“{name}”的分目。"}
    URL_SEGMENTS = ("name",)   # /2021/<category>/<section>/

    class Meta:
        ordering = ["edition", "order"]
        verbose_name = verbose_name_plural = "分目"
        constraints = [
            models.UniqueConstraint(fields=["edition", "order"], name="section_unique_order"),
            models.UniqueConstraint(fields=["category", "name"], name="section_unique_name_in_category"),
        ]

    def __str__(self):
        return f"{self.category.name} › {self.name}"

    def get_absolute_url(self) -> str:
        return links.section_url(self)


class Entry(Provenance):
    """条目: 【标题】 and its text; the 特载 reports are long-form entries."""

    class Kind(models.TextChoices):
        ENTRY = "entry", "条目"
        REPORT = "report", "特载报告"
        OVERVIEW = "overview", "区情概览"

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="entries")
    title = models.CharField("标题", max_length=300)
    ordinal = models.PositiveIntegerField("同名序号", default=1,
                                          help_text="同一分目内同名条目的序号，构成稳定网址")
    body = models.TextField("正文")
    order = models.PositiveIntegerField("顺序")
    kind = models.CharField("类型", max_length=10, choices=Kind.choices, default=Kind.ENTRY)
    subheadings = models.JSONField("小标题", default=list, blank=True)
    byline = models.TextField("题注", blank=True)
    persons = models.ManyToManyField("yearbook.Person", blank=True, related_name="entries")
    organizations = models.ManyToManyField("yearbook.Organization", blank=True, related_name="entries")
    history = track_history(m2m_fields=["persons", "organizations"])
    ORDER_SCOPE = ("order", ("section",))   # numbered within its section
    EDITION_PATH = "section__edition"
    UNIQUE_MESSAGES = {("section", "title", "ordinal"): "本分目中已有标题为“{title}”的条目（同名序号 {ordinal}）；"
                                                        "确是另一条同名条目时，请把“同名序号”改为下一个数字。"}
    SEARCH_TEXT = ("title", "body")   # under the search's gram index (migrations 0005, 0006, 0012)

    class Meta:
        ordering = ["section", "order"]
        verbose_name = verbose_name_plural = "条目"
        constraints = [
            models.UniqueConstraint(fields=["section", "order"], name="entry_unique_order"),
            models.UniqueConstraint(fields=["section", "title", "ordinal"], name="entry_unique_key"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return links.entry_url(self)

    @property
    def anchor(self) -> str:
        return self.title if self.ordinal == 1 else f"{self.title}-{self.ordinal}"


class Correction(Versioned):
    """One fix of the OCR text: the printed and the corrected text of a source line.

    Corrections made by editors in the admin also name the record and field they changed.
    """

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="corrections")
    source_line = models.PositiveIntegerField("源文本行")
    printed = models.TextField("原印")
    corrected = models.TextField("校正为", blank=True)
    reason = models.CharField("理由", max_length=300)
    content_type = models.ForeignKey("contenttypes.ContentType", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name="记录类型")
    object_id = models.PositiveBigIntegerField("记录编号", null=True, blank=True)
    field_name = models.CharField("字段", max_length=60, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name="校正人")
    created_at = models.DateTimeField("校正时间", null=True, blank=True)
    history = track_history()

    class Meta:
        ordering = ["edition", "source_line", "id"]
        verbose_name = verbose_name_plural = "校正记录"
        indexes = [models.Index(fields=["edition", "source_line"])]

    def __str__(self):
        return f"{self.source_line}: {self.printed} → {self.corrected}"
