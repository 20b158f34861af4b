"""大事记: the dated events of the year."""
from urllib.parse import urlencode

from django.db import models
from django.db.models import F, Q

from yearbook.links import reverse
from yearbook.models import Precision, Provenance, set_labels, track_history


class Event(Provenance):
    class Marker(models.TextChoices):
        DATE = "date", "日期"
        DELTA = "delta", "Δ（同上）"
        MONTH = "month", "是月"

    edition = models.ForeignKey("yearbook.Edition", on_delete=models.CASCADE, related_name="events")
    date = models.DateField("日期", help_text="按月记述的事件取当月1日，精度为“月”")
    date_end = models.DateField("结束日期", null=True, blank=True)
    precision = models.CharField("精度", max_length=5, choices=Precision.choices, default=Precision.DAY)
    text = models.TextField("内容")
    order = models.PositiveIntegerField("顺序")
    marker = models.CharField("标记", max_length=5, choices=Marker.choices, default=Marker.DATE)
    persons = models.ManyToManyField("yearbook.Person", blank=True, related_name="events")
    organizations = models.ManyToManyField("yearbook.Organization", blank=True, related_name="events")
    history = track_history(m2m_fields=["persons", "organizations"])
    ORDER_SCOPE = ("order", ("edition",))   # numbered within its edition
    SEARCH_TEXT = ("text",)   # under the search's gram index (migrations 0003, yearbook 0012)

    class Meta:
        ordering = ["edition", "order"]
        verbose_name = verbose_name_plural = "大事记"
        indexes = [models.Index(fields=["edition", "date"])]
        constraints = [
            models.UniqueConstraint(fields=["edition", "order"], name="event_unique_order"),
            models.CheckConstraint(condition=Q(date_end__isnull=True) | Q(date_end__gte=F("date")),
                                   name="event_end_not_before_start",
                                   violation_error_message="结束日期不能早于日期。"),
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.text[:30]}"

    @property
    def anchor(self) -> str:
        """1月8日, 1月8日-2 (the second event of that day), 4月是月 (an event of the whole month): the event's id
        on the chronicle page. Which of its day it is comes from chronicle.selectors.annotate_event_ordinal."""
        base = f"{self.date.month}月{self.date.day}日" if self.precision == "day" else f"{self.date.month}月是月"
        n = getattr(self, "same_date_before", 0) + 1
        return base if n == 1 else f"{base}-{n}"

    def get_absolute_url(self) -> str:
        url = reverse("chronicle:index", kwargs={"year": self.edition.year})
        return f"{url}?{urlencode({'month': self.date.month})}#{self.anchor}"


set_labels(Event, edition="卷次", persons="提及的人物", organizations="提及的机构")
