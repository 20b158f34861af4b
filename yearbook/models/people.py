"""Agencies, persons and their appointments (the leadership rosters)."""
from django.db import models
from django.db.models import F, Q

from yearbook import links
from yearbook.pinyin import name_initials, name_pinyin

from .base import Precision, Provenance, Versioned, track_history


class Organization(Versioned):
    """One agency, one row across editions; the book's other spellings are aliases."""

    class Kind(models.TextChoices):
        PARTY = "party", "党委机构"
        CONGRESS = "congress", "人大"
        GOVERNMENT = "government", "政府"
        BUREAU = "bureau", "政府部门"
        CPPCC = "cppcc", "政协"
        DISCIPLINE = "discipline", "纪检监察"
        MASS_ORG = "mass_org", "人民团体"
        JUDICIAL = "judicial", "政法机关"
        TOWN = "town", "镇"
        SUBDISTRICT = "subdistrict", "街道"
        VILLAGE = "village", "村"
        COMMUNITY = "community", "社区"
        SCHOOL = "school", "学校"
        HOSPITAL = "hospital", "医疗机构"
        ENTERPRISE = "enterprise", "企业"
        HIGHER = "higher", "上级机关"
        OTHER = "other", "其他"

    name = models.CharField("名称", max_length=200, unique=True)
    kind = models.CharField("类型", max_length=12, choices=Kind.choices, default=Kind.OTHER)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children")
    name_pinyin = models.CharField("拼音", max_length=600, blank=True, db_index=True)
    name_initials = models.CharField("拼音首字母", max_length=200, blank=True, db_index=True)
    history = track_history()
    UNIQUE_MESSAGES = {("name",): "已有名为“{name}”的机构（或以此为别名的机构）。如是同一机构，请直接选用它。"}
    URL_PATHS = ("name",)   # /agencies/<name>/
    PUBLIC_FIELDS = ("name", "kind", "parent")   # what readers see (frozen once published: actions.shared)

    class Meta:
        ordering = ["name"]
        verbose_name = verbose_name_plural = "机构"

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        return links.agency_url(self)

    def save(self, *args, **kwargs):
        self.normalise_text()
        self.name_pinyin = name_pinyin(self.name, surname=False)
        self.name_initials = name_initials(self.name, surname=False)
        super().save(*args, **kwargs)


class OrganizationAlias(Versioned):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField("别名", max_length=200, unique=True)
    history = track_history()
    UNIQUE_MESSAGES = {("name",): "别名“{name}”已被使用。"}
    URL_PATHS = ("name",)   # an agency's other name finds it as its own name does
    PUBLIC_FIELDS = ("name", "organization")

    class Meta:
        ordering = ["name"]
        verbose_name = verbose_name_plural = "机构别名"

    def __str__(self):
        return self.name


class Person(Versioned):
    """One person, however many roles they hold. ``key`` tells same-name persons apart."""

    class Gender(models.TextChoices):
        FEMALE = "F", "女"
        MALE = "M", "男"

    name = models.CharField("姓名", max_length=50, db_index=True)
    key = models.CharField("稳定键", max_length=80, unique=True,
                           help_text="网址中的键：通常即姓名；同名不同人加序号（李晓燕-2）")
    gender = models.CharField("性别", max_length=1, choices=Gender.choices, blank=True)
    name_pinyin = models.CharField("拼音", max_length=200, blank=True, db_index=True)
    name_initials = models.CharField("拼音首字母", max_length=20, blank=True, db_index=True)
    note = models.TextField("说明", blank=True)
    history = track_history()
    UNIQUE_MESSAGES = {("key",): "稳定键“{key}”已被另一位人物使用，请换一个（如 {key}-2），或留空自动生成。"}
    URL_PATHS = ("key",)   # /people/<key>/
    PUBLIC_FIELDS = ("name", "key", "gender", "note")   # what readers see (frozen once published: actions.shared)

    class Meta:
        ordering = ["name_pinyin", "key"]
        verbose_name = verbose_name_plural = "人物"

    def __str__(self):
        return self.name if self.key == self.name else f"{self.name}（{self.key}）"

    def get_absolute_url(self) -> str:
        return links.person_url(self)

    def save(self, *args, **kwargs):
        self.normalise_text()
        self.name_pinyin = name_pinyin(self.name)
        self.name_initials = name_initials(self.name)
        if not self.key:
            self.key = self.name
        super().save(*args, **kwargs)


class Roster(Provenance):
    """A printed roster block (领导班子成员 / 组成人员) of one agency in one edition."""

    edition = models.ForeignKey("yearbook.Edition", on_delete=models.CASCADE, related_name="rosters")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="rosters")
    section = models.ForeignKey("yearbook.Section", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="rosters")
    heading = models.CharField("标题", max_length=200)
    body = models.CharField("下设机构", max_length=100, blank=True)
    order = models.PositiveIntegerField("顺序")
    history = track_history()
    ORDER_SCOPE = ("order", ("edition",))   # numbered within its edition

    class Meta:
        ordering = ["edition", "order"]
        verbose_name = verbose_name_plural = "领导班子名录"
        constraints = [models.UniqueConstraint(fields=["edition", "order"], name="roster_unique_order")]

    def __str__(self):
        return self.heading


class Appointment(Provenance):
    """One post held by one person, with tenure as data: start and end with their precision."""

    roster = models.ForeignKey(Roster, on_delete=models.CASCADE, related_name="appointments")
    edition = models.ForeignKey("yearbook.Edition", on_delete=models.CASCADE, related_name="appointments")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="appointments")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="appointments")
    title = models.CharField("职务（印刷）", max_length=200, blank=True)
    title_normalized = models.CharField("职务（规范）", max_length=200, blank=True, db_index=True)
    start = models.DateField("任职起", null=True, blank=True)
    start_precision = models.CharField(max_length=5, choices=Precision.choices, default=Precision.MONTH)
    end = models.DateField("任职止", null=True, blank=True)
    end_precision = models.CharField(max_length=5, choices=Precision.choices, default=Precision.MONTH)
    note = models.CharField("注（印刷）", max_length=300, blank=True)
    party = models.CharField("党派", max_length=40, blank=True)
    ethnicity = models.CharField("民族", max_length=40, blank=True)
    seconded = models.BooleanField("挂职", default=False)
    tenure_scope = models.CharField("任职时间所指职务", max_length=100, blank=True,
                                    help_text="注中的日期只指职务的一部分时（党组成员 2020年4月任）")
    carried_over = models.BooleanField("上卷延续", default=False,
                                       help_text="由上一卷延续而来，待编辑确认或结束")
    name_printed = models.CharField("姓名（印刷）", max_length=60, blank=True)
    order = models.PositiveIntegerField("顺序")
    confirmed = models.BooleanField("已确认仍在任", default=False,
                                    help_text="上卷延续的任职经编辑核实，本卷仍在任")
    history = track_history()
    ORDER_SCOPE = ("order", ("roster",))   # numbered within its roster

    class Meta:
        ordering = ["roster", "order"]
        verbose_name = verbose_name_plural = "任职"
        constraints = [
            models.UniqueConstraint(fields=["roster", "order"], name="appointment_unique_order"),
            models.CheckConstraint(condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=F("start")),
                                   name="appointment_end_not_before_start",
                                   violation_error_message="任职止不能早于任职起。"),
        ]

    def __str__(self):
        return f"{self.person.name} {self.title}"
