"""Findings of the editorial consistency report, and the editor's decision on each."""
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models

from .checks import KINDS


class Finding(models.Model):
    """One thing the report found in an edition. ``fingerprint`` identifies it across runs (it is built
    from what was found, never from database ids), so re-running keeps the editor's decision."""

    Kind = models.TextChoices("Kind", [(k, (k, label)) for k, label in KINDS.items()])

    class Status(models.TextChoices):
        PENDING = "pending", "待处理"
        KEEP = "keep", "按原文保留"
        FIXED = "fixed", "已修改"

    edition = models.ForeignKey("yearbook.Edition", on_delete=models.CASCADE, related_name="findings",
                                verbose_name="卷次")
    kind = models.CharField("类别", max_length=20, choices=Kind.choices)
    fingerprint = models.CharField("指纹", max_length=64, editable=False)
    message = models.TextField("说明")
    details = models.JSONField("详情", default=dict, blank=True)
    source_lines = models.JSONField("源文本行", default=list, blank=True)
    status = models.CharField("处理状态", max_length=10, choices=Status.choices, default=Status.PENDING)
    note = models.TextField("编辑备注", blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name="处理人")
    decided_at = models.DateTimeField("处理时间", null=True, blank=True)
    first_seen = models.DateTimeField("首次发现", auto_now_add=True)
    last_seen = models.DateTimeField("最近一次检查", null=True, blank=True)
    resolved_at = models.DateTimeField("不再出现于", null=True, blank=True,
                                       help_text="最近一次检查已不再发现此问题")
    order = models.PositiveIntegerField("顺序", default=0)

    class Meta:
        ordering = ["edition", "resolved_at", "order", "id"]
        verbose_name = verbose_name_plural = "一致性检查结果"
        constraints = [models.UniqueConstraint(fields=["edition", "fingerprint"], name="finding_unique_fingerprint")]
        indexes = [models.Index(fields=["edition", "kind", "status"])]

    def __str__(self):
        return self.message[:60]

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


class FindingRecord(models.Model):
    """A record a finding involves: a generic link, with its label and public page as of the last run."""

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="records", verbose_name="检查结果")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+",
                                     verbose_name="记录类型")
    object_id = models.PositiveBigIntegerField("记录编号")
    label = models.CharField("记录", max_length=300)
    source_line = models.PositiveIntegerField("源文本行", null=True, blank=True)
    public_url = models.CharField("公开网址", max_length=500, blank=True)
    order = models.PositiveIntegerField("顺序", default=0)

    class Meta:
        ordering = ["finding", "order"]
        verbose_name = verbose_name_plural = "涉及的记录"

    def __str__(self):
        return self.label


class ReportRun(models.Model):
    """When the report last ran on an edition, and what it found (shown above the list)."""

    edition = models.ForeignKey("yearbook.Edition", on_delete=models.CASCADE, related_name="consistency_runs",
                                verbose_name="卷次")
    started_at = models.DateTimeField("检查时间", auto_now_add=True)
    seconds = models.FloatField("用时（秒）", default=0)
    found = models.PositiveIntegerField("发现", default=0)
    new = models.PositiveIntegerField("新增", default=0)
    resolved = models.PositiveIntegerField("不再出现", default=0)
    run_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+", verbose_name="检查人")

    class Meta:
        ordering = ["-started_at"]
        verbose_name = verbose_name_plural = "一致性检查记录"

    def __str__(self):
        return f"{self.edition.year} {self.started_at:%Y-%m-%d %H:%M}"
