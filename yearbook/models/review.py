"""审核项: what an import could not read with certainty, queued for an editor to resolve."""
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models

from yearbook.parsing.errors import code_label

from .base import Versioned, track_history


class ReviewItem(Versioned):
    """One problem the parser met in an edition's text (yearbook.parsing.records.ReviewItem), stored by the
    import and resolved by an editor: the reading accepted, a correction written to the source profile, or
    discarded.

    Re-importing the edition replaces its items, but an item that comes back keeps its decision: items are
    matched by ``fingerprint`` (code, printed text and the lines around it, never the line number, which
    moves when lines are added elsewhere)."""

    class Status(models.TextChoices):
        OPEN = "open", "待处理"
        ACCEPTED = "accepted", "已采纳"
        CORRECTED = "corrected", "已校正"
        DISCARDED = "discarded", "已忽略"

    edition = models.ForeignKey("yearbook.Edition", on_delete=models.CASCADE, related_name="review_items")
    code = models.CharField("问题代码", max_length=40)
    message = models.TextField("说明")
    source_file = models.CharField("源文件", max_length=300, blank=True)
    line = models.PositiveIntegerField("行", null=True, blank=True)
    printed = models.TextField("原印文本", blank=True)
    guess = models.TextField("推测读法", blank=True)
    context = models.TextField("上下文", blank=True, help_text="该行及其前后各一行（原印）")
    blocking = models.BooleanField("须处理", default=True, help_text="严格导入时此问题会使导入中止；否则只是提醒")
    fingerprint = models.CharField("识别码", max_length=64, editable=False)
    order = models.PositiveIntegerField("顺序")
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.OPEN)
    resolution_note = models.TextField("处理说明", blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name="处理人")
    resolved_at = models.DateTimeField("处理时间", null=True, blank=True)
    # The record the problem concerns, when the import could tell (the narrowest record on its line).
    content_type = models.ForeignKey("contenttypes.ContentType", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name="记录类型")
    object_id = models.PositiveBigIntegerField("记录编号", null=True, blank=True)
    record = GenericForeignKey("content_type", "object_id")
    history = track_history()
    ORDER_SCOPE = ("order", ("edition",))   # in the order the parse found them

    class Meta:
        ordering = ["edition", "order"]
        verbose_name = verbose_name_plural = "审核项"
        constraints = [
            models.UniqueConstraint(fields=["edition", "fingerprint"], name="review_item_unique_fingerprint"),
        ]
        indexes = [models.Index(fields=["edition", "status"])]
        permissions = [("write_profile_correction", "将校正写入源文本配置（下次导入时生效）")]

    def __str__(self):
        where = f"第 {self.line} 行" if self.line else "未定位"
        return f"{where} · {self.code_label}"

    @property
    def code_label(self) -> str:
        return code_label(self.code)

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN
