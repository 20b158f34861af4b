"""重要文件辑存: regulations with chapters (章), sections (节) and articles (条), or numbered parts."""
from django.db import models

from yearbook.links import reverse
from yearbook.models import Provenance, Versioned, set_labels, track_history


class Document(Provenance):
    edition = models.ForeignKey("yearbook.Edition", on_delete=models.CASCADE, related_name="documents")
    key = models.CharField("稳定键", max_length=200, help_text="网址中的键：文号")
    title = models.CharField("标题", max_length=300)
    number = models.CharField("文号", max_length=100, blank=True)
    number_printed = models.CharField("文号（印刷）", max_length=100, blank=True)
    date = models.DateField("成文日期", null=True, blank=True)
    kind = models.CharField("文种", max_length=20, blank=True)
    issuing_body = models.CharField("发文机关", max_length=200, blank=True)
    issuing_org = models.ForeignKey("yearbook.Organization", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="documents")
    preamble = models.TextField("前言", blank=True)
    complete = models.BooleanField("完整", default=True, help_text="源文本截断时为否")
    filing_number = models.CharField("备案号", max_length=100, blank=True)
    closing = models.TextField("印发说明", blank=True)
    duplicate_note = models.CharField("重复印刷", max_length=200, blank=True)
    order = models.PositiveIntegerField("顺序")

    history = track_history()
    ORDER_SCOPE = ("order", ("edition",))   # numbered within its edition
    URL_PATHS = ("key",)
    UNIQUE_MESSAGES = {("edition", "key"): "本卷已有网址键为“{key}”的文件。"}
    SEARCH_TEXT = ("title", "number", "preamble")   # under the search's gram index (migration 0004)

    class Meta:
        ordering = ["edition", "order"]
        verbose_name = verbose_name_plural = "重要文件"
        constraints = [
            models.UniqueConstraint(fields=["edition", "order"], name="document_unique_order"),
            models.UniqueConstraint(fields=["edition", "key"], name="document_unique_key"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("documents:detail", kwargs={"year": self.edition.year, "key": self.key})


class Chapter(Versioned):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="chapters")
    number = models.PositiveIntegerField("章序")
    title = models.CharField("章名", max_length=200)
    source_line = models.PositiveIntegerField(null=True, blank=True)

    history = track_history()
    ORDER_SCOPE = ("number", ("document",))   # numbered within its document
    EDITION_PATH = "document__edition"

    class Meta:
        ordering = ["document", "number"]
        verbose_name = verbose_name_plural = "章"
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="chapter_unique_number")]

    def __str__(self):
        return f"第{self.number}章 {self.title}"


class DocSection(Versioned):
    """节 inside a chapter."""

    chapter = models.ForeignKey(Chapter, on_delete=models.CASCADE, related_name="sections")
    number = models.PositiveIntegerField("节序")
    title = models.CharField("节名", max_length=200)

    history = track_history()
    EDITION_PATH = "chapter__document__edition"

    class Meta:
        ordering = ["chapter", "number"]
        verbose_name = verbose_name_plural = "节"
        constraints = [models.UniqueConstraint(fields=["chapter", "number"], name="docsection_unique_number")]

    def __str__(self):
        return self.title


class Article(Versioned):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="articles")
    chapter = models.ForeignKey(Chapter, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles")
    section = models.ForeignKey(DocSection, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="articles")
    number = models.PositiveIntegerField("条序")
    label = models.CharField("条", max_length=20)
    text = models.TextField("条文")
    source_line = models.PositiveIntegerField(null=True, blank=True)

    history = track_history()
    ORDER_SCOPE = ("number", ("document",))   # numbered within its document
    SEARCH_TEXT = ("text",)   # under the search's gram index (migrations 0003, yearbook 0012)
    EDITION_PATH = "document__edition"

    class Meta:
        ordering = ["document", "number"]
        verbose_name = verbose_name_plural = "条"
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="article_unique_number")]

    def __str__(self):
        return self.label


class Part(Versioned):
    """一、… and its (一)… sub-parts, for documents not organised in articles."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="parts")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    order = models.PositiveIntegerField("顺序")
    number = models.PositiveIntegerField("序号")
    label = models.CharField("编号", max_length=20, blank=True, help_text="如 三、 或 (一)")
    title = models.CharField("标题", max_length=300)
    announced_items = models.PositiveIntegerField("标题所称项数", null=True, blank=True)
    text = models.TextField("正文", blank=True)
    items = models.JSONField("条目列表", default=list, blank=True)
    source_line = models.PositiveIntegerField(null=True, blank=True)

    history = track_history()
    ORDER_SCOPE = ("order", ("document",))   # numbered within its document
    EDITION_PATH = "document__edition"
    SEARCH_TEXT = ("title", "text")   # under the search's gram index (migration 0004)

    class Meta:
        ordering = ["document", "order"]
        verbose_name = verbose_name_plural = "部分"
        constraints = [models.UniqueConstraint(fields=["document", "order"], name="part_unique_order")]

    def __str__(self):
        return self.title


set_labels(Document, edition="卷次", issuing_org="发文机关（机构）")
set_labels(Chapter, document="文件", source_line="源文本行")
set_labels(DocSection, chapter="章")
set_labels(Article, document="文件", chapter="章", section="节", source_line="源文本行")
set_labels(Part, document="文件", parent="上级部分", source_line="源文本行")
