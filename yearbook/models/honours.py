"""先进集体 / 先进个人: honours won during the year."""
from django.db import models

from yearbook import links

from .base import Precision, Provenance, track_history


class Honour(Provenance):
    class Kind(models.TextChoices):
        COLLECTIVE = "collective", "先进集体"
        INDIVIDUAL = "individual", "先进个人"

    edition = models.ForeignKey("yearbook.Edition", on_delete=models.CASCADE, related_name="honours")
    kind = models.CharField("类别", max_length=10, choices=Kind.choices)
    recipient = models.CharField("获奖单位或个人", max_length=200)
    organization = models.ForeignKey("yearbook.Organization", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="honours")
    person = models.ForeignKey("yearbook.Person", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="honours")
    gender = models.CharField("性别", max_length=1, blank=True)
    work_unit = models.CharField("工作单位", max_length=200, blank=True)
    work_unit_org = models.ForeignKey("yearbook.Organization", null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="staff_honours")
    award = models.CharField("奖项", max_length=300)
    date = models.DateField("授奖时间", null=True, blank=True)
    date_precision = models.CharField(max_length=5, choices=Precision.choices, default=Precision.MONTH)
    awarded_by_names = models.JSONField("授奖单位（印刷）", default=list, blank=True)
    awarded_by = models.ManyToManyField("yearbook.Organization", blank=True, related_name="awards_given")
    printed_cells = models.TextField("原表格文本", blank=True)
    order = models.PositiveIntegerField("顺序")
    history = track_history(m2m_fields=["awarded_by"])
    ORDER_SCOPE = ("order", ("edition", "kind"))   # numbered within its edition and kind
    SEARCH_TEXT = ("recipient", "award", "work_unit")   # under the search's gram index (migration 0012)

    class Meta:
        ordering = ["edition", "kind", "order"]
        verbose_name = verbose_name_plural = "表彰奖励"
        constraints = [models.UniqueConstraint(fields=["edition", "kind", "order"], name="honour_unique_order")]

    def __str__(self):
        return f"{self.recipient}：{self.award}"

    def get_absolute_url(self) -> str:
        return links.honour_url(self)

    @classmethod
    def kind_named(cls, name: str) -> str:
        """The kind a section of honours lists, by the name it bears (先进集体, 先进个人), or ""."""
        return {label: value for value, label in cls.Kind.choices}.get(name, "")
