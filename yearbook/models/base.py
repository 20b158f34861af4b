"""Shared model pieces: provenance of every record, and date precision."""
from django.db import models


class Precision(models.TextChoices):
    DAY = "day", "日"
    MONTH = "month", "月"
    YEAR = "year", "年"


class Provenance(models.Model):
    """Where a record came from in the printed book, and whether its text was corrected."""

    source_line = models.PositiveIntegerField("源文本行", null=True, blank=True)
    source_line_end = models.PositiveIntegerField("源文本止行", null=True, blank=True)
    page = models.PositiveIntegerField("页码", null=True, blank=True)
    corrected = models.BooleanField("经校正", default=False)
    printed_text = models.TextField("原印文本", blank=True, help_text="校正前的印刷文本")
    needs_review = models.BooleanField("待审核", default=False)
    review_note = models.TextField("审核说明", blank=True)

    class Meta:
        abstract = True
