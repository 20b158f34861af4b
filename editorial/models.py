"""Contributing units, their assignments to sections, manuscripts, reviews and annotations.

A section's way through the office is its Assignment's ``status`` (待约稿 → 已约稿 → 已交稿 ⇄ 退改 → 已定稿)
and, while submitted, how many review stages it has passed in the current round (``passed``). Every change
goes through editorial/workflow.py.
"""
from django.conf import settings
from django.db import models
from django.db.models import Q

from yearbook.models import Versioned, track_history


class ContributingUnit(Versioned):
    """供稿单位: one row across editions, linked to its agency where it is one."""

    name = models.CharField("单位名称", max_length=200, unique=True)
    organization = models.ForeignKey("yearbook.Organization", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="contributing_units", verbose_name="对应机构")
    contact = models.CharField("联系人", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=40, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    note = models.TextField("备注", blank=True)
    history = track_history()

    class Meta:
        ordering = ["name"]
        verbose_name = verbose_name_plural = "供稿单位"

    def __str__(self):
        return self.name


class Stage(models.TextChoices):
    """The three review stages, in order."""

    FIRST = "first", "初审"
    SECOND = "second", "复审"
    FINAL = "final", "终审"


STAGE_ORDER = [Stage.FIRST, Stage.SECOND, Stage.FINAL]


class Assignment(Versioned):
    """One section of one edition assigned to the unit that writes it, with its deadline and progress."""

    class Status(models.TextChoices):
        TO_INVITE = "to_invite", "待约稿"
        INVITED = "invited", "已约稿"
        SUBMITTED = "submitted", "已交稿"
        RETURNED = "returned", "退改"
        FINAL = "final", "已定稿"

    edition = models.ForeignKey("yearbook.Edition", on_delete=models.CASCADE, related_name="assignments",
                                verbose_name="卷次")
    section = models.ForeignKey("yearbook.Section", on_delete=models.CASCADE, related_name="assignments",
                                verbose_name="分目")
    unit = models.ForeignKey(ContributingUnit, on_delete=models.PROTECT, related_name="assignments",
                             verbose_name="供稿单位")
    deadline = models.DateField("交稿期限", null=True, blank=True)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.TO_INVITE)
    passed = models.PositiveSmallIntegerField(
        "本轮已通过的审次", default=0, help_text="0：待初审；1：初审已通过；2：复审已通过；3：终审已通过")
    round = models.PositiveSmallIntegerField("稿次", default=0, help_text="采用来稿的次数；每次采用开始新一轮审稿")
    target_words = models.PositiveIntegerField("目标字数", null=True, blank=True)
    reviewer_first = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="+", verbose_name="初审人",
                                       help_text="留空则由任一有初审权限的编辑审")
    reviewer_second = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                        on_delete=models.SET_NULL, related_name="+", verbose_name="复审人",
                                        help_text="留空则由任一有复审权限的人审")
    reviewer_final = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="+", verbose_name="终审人",
                                       help_text="留空则由任一有终审权限的主编审")
    note = models.TextField("约稿说明", blank=True)
    history = track_history()

    class Meta:
        ordering = ["edition", "section__order"]
        verbose_name = verbose_name_plural = "供稿分派"
        permissions = [
            ("review_first", "初审分目"),
            ("review_second", "复审分目"),
            ("review_final", "终审分目"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["section"], name="assignment_one_per_section",
                                    violation_error_message="这个分目已经分派给了一个供稿单位。"),
            models.CheckConstraint(condition=Q(passed__lte=3), name="assignment_passed_at_most_three"),
        ]

    def __str__(self):
        return f"{self.section.name} ← {self.unit.name}"

    @property
    def pending_stage(self) -> str | None:
        """The review stage waiting to be done, while the manuscript is submitted."""
        if self.status != self.Status.SUBMITTED or self.passed >= len(STAGE_ORDER):
            return None
        return STAGE_ORDER[self.passed]

    def reviewer_for(self, stage):
        return getattr(self, f"reviewer_{stage}")

    def reviewer_for_id(self, stage):
        return getattr(self, f"reviewer_{stage}_id")


class Manuscript(Versioned):
    """A Word file a unit sent for its section, split into entries; accepted (written) by an editor."""

    class Status(models.TextChoices):
        PENDING = "pending", "待采用"
        ACCEPTED = "accepted", "已采用"
        SUPERSEDED = "superseded", "已作废"

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="manuscripts",
                                   verbose_name="供稿分派")
    file_name = models.CharField("文件名", max_length=255)
    # Kept in the database: a backup holds it, and a refused intake leaves nothing behind anywhere.
    content = models.BinaryField("文件内容")
    size = models.PositiveIntegerField("大小（字节）")
    entries = models.JSONField("拆分出的条目", default=list)
    warnings = models.JSONField("提示", default=list, blank=True)
    byline = models.CharField("供稿署名", max_length=200, blank=True)
    words = models.PositiveIntegerField("字数", default=0)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PENDING)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name="上传人")
    uploaded_at = models.DateTimeField("上传时间")
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name="采用人")
    accepted_at = models.DateTimeField("采用时间", null=True, blank=True)
    history = track_history(excluded_fields=["content"])

    class Meta:
        ordering = ["assignment", "-uploaded_at", "-id"]
        verbose_name = verbose_name_plural = "来稿"

    def __str__(self):
        return self.file_name


class Review(models.Model):
    """One review decision: written once, never changed (it is itself the record of who decided what)."""

    class Decision(models.TextChoices):
        PASS = "pass", "通过"
        RETURN = "return", "退改"

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="reviews",
                                   verbose_name="供稿分派")
    round = models.PositiveSmallIntegerField("稿次")
    stage = models.CharField("审次", max_length=6, choices=Stage.choices)
    decision = models.CharField("结论", max_length=6, choices=Decision.choices)
    comment = models.TextField("审稿意见", blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                             verbose_name="审稿人")
    created_at = models.DateTimeField("时间")

    class Meta:
        ordering = ["assignment", "created_at", "id"]
        verbose_name = verbose_name_plural = "审稿记录"

    def __str__(self):
        return f"{self.get_stage_display()}{self.get_decision_display()}"


class Annotation(Versioned):
    """批注: a comment on a section or on one of its entries, open until someone resolves it."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="annotations",
                                   verbose_name="供稿分派")
    entry = models.ForeignKey("yearbook.Entry", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="annotations", verbose_name="条目")
    entry_title = models.CharField("条目标题", max_length=300, blank=True,
                                   help_text="批注时的条目标题（条目日后删除也看得出批的是哪条）")
    review = models.ForeignKey(Review, null=True, blank=True, on_delete=models.SET_NULL, related_name="annotations",
                               verbose_name="随审稿意见")
    text = models.TextField("批注")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                             verbose_name="批注人")
    created_at = models.DateTimeField("批注时间")
    resolved = models.BooleanField("已解决", default=False)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name="解决人")
    resolved_at = models.DateTimeField("解决时间", null=True, blank=True)
    history = track_history()

    class Meta:
        ordering = ["assignment", "created_at", "id"]
        verbose_name = verbose_name_plural = "批注"

    def __str__(self):
        where = f"【{self.entry_title}】" if self.entry_title else "全分目"
        return f"{where}：{self.text[:30]}"
