"""Statistical tables (multi-level headers, row hierarchy, exact cells) and the bulletin."""
from django.db import models

from yearbook.links import reverse
from yearbook.models import Provenance, Versioned, set_labels, track_history


class StatTable(Provenance):
    edition = models.ForeignKey("yearbook.Edition", on_delete=models.CASCADE, related_name="tables")
    section = models.ForeignKey("yearbook.Section", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="tables")
    key = models.CharField("稳定键", max_length=200, help_text="网址中的键：表号或表名")
    number = models.CharField("表号", max_length=20, blank=True)
    title = models.CharField("表名", max_length=300)
    unit = models.CharField("单位", max_length=60, blank=True)
    notes = models.JSONField("注", default=list, blank=True)
    label_header = models.CharField("首列表头", max_length=100, blank=True)
    chapter = models.PositiveIntegerField("公报章序", null=True, blank=True)
    order = models.PositiveIntegerField("顺序")

    history = track_history()
    ORDER_SCOPE = ("order", ("edition",))   # numbered within its edition
    URL_PATHS = ("key",)
    UNIQUE_MESSAGES = {("edition", "key"): "本卷已有网址键为“{key}”的统计表。"}
    SEARCH_TEXT = ("title",)   # under the search's gram index (migration 0004)

    class Meta:
        ordering = ["edition", "order"]
        verbose_name = verbose_name_plural = "统计表"
        constraints = [
            models.UniqueConstraint(fields=["edition", "order"], name="table_unique_order"),
            models.UniqueConstraint(fields=["edition", "key"], name="table_unique_key"),
        ]

    def __str__(self):
        return f"{self.number} {self.title}".strip()

    def get_absolute_url(self) -> str:
        return reverse("stats:table", kwargs={"year": self.edition.year, "key": self.key})


class TableColumn(Versioned):
    table = models.ForeignKey(StatTable, on_delete=models.CASCADE, related_name="columns")
    order = models.PositiveIntegerField("顺序")
    label = models.CharField("列名", max_length=200)
    path = models.JSONField("多级表头", default=list, blank=True)
    unit = models.CharField("单位", max_length=60, blank=True)
    printed = models.CharField("印刷表头", max_length=200, blank=True)

    history = track_history()
    ORDER_SCOPE = ("order", ("table",))   # numbered within its table
    EDITION_PATH = "table__edition"

    class Meta:
        ordering = ["table", "order"]
        verbose_name = verbose_name_plural = "统计表列"
        constraints = [models.UniqueConstraint(fields=["table", "order"], name="column_unique_order")]

    def __str__(self):
        return self.label


class TableRow(Versioned):
    table = models.ForeignKey(StatTable, on_delete=models.CASCADE, related_name="rows")
    order = models.PositiveIntegerField("顺序")
    label = models.CharField("行名", max_length=200)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    group = models.CharField("所属分组", max_length=200, blank=True,
                             help_text="上级行或合并单元格的名称（其中、按经营地分、医疗救助…）")
    label_printed = models.CharField("印刷行名", max_length=200, blank=True)
    unit = models.CharField("单位", max_length=60, blank=True)
    source_line = models.PositiveIntegerField(null=True, blank=True)

    history = track_history()
    ORDER_SCOPE = ("order", ("table",))   # numbered within its table
    EDITION_PATH = "table__edition"
    SEARCH_TEXT = ("label",)   # under the search's gram index (migration 0004)

    class Meta:
        ordering = ["table", "order"]
        verbose_name = verbose_name_plural = "统计表行"
        constraints = [models.UniqueConstraint(fields=["table", "order"], name="row_unique_order")]

    def __str__(self):
        return self.label


class TableCell(Versioned):
    """One cell. A merged cell of the book (one value printed over several rows or columns) is stored once,
    in its first row and column, with ``rowspan`` / ``colspan``; the cells it covers are not stored."""

    row = models.ForeignKey(TableRow, on_delete=models.CASCADE, related_name="cells")
    column = models.ForeignKey(TableColumn, on_delete=models.CASCADE, related_name="cells")
    value = models.DecimalField("数值", max_digits=24, decimal_places=8, null=True, blank=True)
    text = models.CharField("印刷文本", max_length=300, blank=True)
    rowspan = models.PositiveSmallIntegerField("合并行数", default=1, help_text="合并单元格向下跨越的行数（含本行）")
    colspan = models.PositiveSmallIntegerField("合并列数", default=1, help_text="合并单元格向右跨越的列数（含本列）")

    history = track_history()
    EDITION_PATH = "row__table__edition"

    class Meta:
        ordering = ["row", "column__order"]
        verbose_name = verbose_name_plural = "单元格"
        constraints = [
            models.UniqueConstraint(fields=["row", "column"], name="cell_unique_position"),
            models.CheckConstraint(condition=models.Q(rowspan__gte=1, colspan__gte=1), name="cell_span_positive"),
        ]

    def __str__(self):
        return self.text


class Bulletin(Versioned):
    """The statistical bulletin of an edition: title, author, date, intro and notes."""

    edition = models.OneToOneField("yearbook.Edition", on_delete=models.CASCADE, related_name="bulletin")
    title = models.CharField("标题", max_length=200)
    author = models.CharField("发布机关", max_length=200, blank=True)
    issued = models.DateField("发布时间", null=True, blank=True)
    intro = models.TextField("导语", blank=True)
    notes = models.JSONField("注", default=list, blank=True)
    source_line = models.PositiveIntegerField(null=True, blank=True)

    history = track_history()

    class Meta:
        verbose_name = verbose_name_plural = "统计公报"

    def __str__(self):
        return self.title


class BulletinChapter(Provenance):
    """A chapter of the statistical bulletin (一、综合 …)."""

    edition = models.ForeignKey("yearbook.Edition", on_delete=models.CASCADE, related_name="bulletin_chapters")
    number = models.PositiveIntegerField("章序")
    title = models.CharField("标题", max_length=200)
    text = models.TextField("正文", blank=True)
    tables = models.JSONField("所含表", default=list, blank=True)

    history = track_history()

    class Meta:
        ordering = ["edition", "number"]
        verbose_name = verbose_name_plural = "统计公报章节"
        constraints = [models.UniqueConstraint(fields=["edition", "number"], name="bulletin_unique_number")]

    def __str__(self):
        return self.title


set_labels(StatTable, edition="卷次", section="分目")
set_labels(TableColumn, table="统计表")
set_labels(TableRow, table="统计表", parent="上级行", source_line="源文本行")
set_labels(TableCell, row="行", column="列")
set_labels(Bulletin, edition="卷次", source_line="源文本行")
set_labels(BulletinChapter, edition="卷次")
