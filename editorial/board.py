"""The progress board of an edition being compiled: per category and section, where it stands.

A fixed number of queries whatever the size of the edition (one per kind of figure, grouped by section);
the word counts are counted in Python over the entries' texts (see wordcount.py for the rule).
"""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from yearbook.models import Appointment, Entry

from .models import STAGE_ORDER, Annotation, Assignment, Manuscript, Review, Stage
from .wordcount import count_words
from .workflow import review_refusal, user_label

NOT_ASSIGNED = "none"


def deadline_text(deadline: dt.date | None, today: dt.date, done: bool = False) -> str:
    """Days to the deadline in the office's words: 还有 5 天 / 今天截止 / 逾期 3 天."""
    if done:
        return "已定稿"
    if deadline is None:
        return "未定期限"
    days = (deadline - today).days
    if days < 0:
        return f"逾期 {-days} 天"
    if days == 0:
        return "今天截止"
    return f"还有 {days} 天"


@dataclass
class Row:
    section: object
    assignment: Assignment | None
    words: int = 0
    entries: int = 0
    tables: int = 0
    tables_filled: int = 0
    pending_tenures: int = 0
    review_items: int = 0
    open_annotations: int = 0
    manuscript_waiting: bool = False
    reviewers: list[str] = field(default_factory=list)
    deadline_text: str = ""
    overdue: bool = False
    mine: bool = False

    @property
    def status(self) -> str:
        return self.assignment.status if self.assignment else NOT_ASSIGNED

    @property
    def status_label(self) -> str:
        a = self.assignment
        if a is None:
            return "未分派"
        if a.status == Assignment.Status.SUBMITTED:
            return f"已交稿 · 待{Stage(a.pending_stage).label}"
        return a.get_status_display()

    @property
    def target(self) -> int | None:
        return self.assignment.target_words if self.assignment else None

    @property
    def percent(self) -> int | None:
        return round(self.words * 100 / self.target) if self.target else None


@dataclass
class CategoryBlock:
    category: object
    rows: list[Row] = field(default_factory=list)

    @property
    def words(self) -> int:
        return sum(r.words for r in self.rows)

    @property
    def target(self) -> int:
        return sum(r.target or 0 for r in self.rows)

    @property
    def done(self) -> int:
        return sum(1 for r in self.rows if r.status == Assignment.Status.FINAL)

    @property
    def assigned(self) -> int:
        return sum(1 for r in self.rows if r.assignment is not None)


@dataclass
class Board:
    edition: object
    blocks: list[CategoryBlock]
    today: dt.date

    @property
    def rows(self) -> list[Row]:
        return [r for b in self.blocks for r in b.rows]

    @property
    def words(self) -> int:
        return sum(b.words for b in self.blocks)

    @property
    def target(self) -> int:
        return sum(b.target for b in self.blocks)

    def status_counts(self) -> list[tuple[str, str, int]]:
        counts = Counter(r.status for r in self.rows)
        choices = [*Assignment.Status.choices, (NOT_ASSIGNED, "未分派")]
        return [(value, label, counts.get(value, 0)) for value, label in choices]

    @property
    def overdue(self) -> int:
        return sum(1 for r in self.rows if r.overdue)


def build_board(edition, *, user=None, mine: bool = False, status: str = "", category: int | None = None,
                today: dt.date | None = None) -> Board:
    today = today or timezone.localdate()
    sections = list(edition.sections.select_related("category").order_by("category__order", "order"))
    assignments = {a.section_id: a for a in Assignment.objects.filter(edition=edition).select_related(
        "unit", "reviewer_first", "reviewer_second", "reviewer_final")}
    reviews = defaultdict(list)
    for r in Review.objects.filter(assignment__edition=edition).select_related("user"):
        reviews[r.assignment_id].append(r)

    words, entry_count, review_items = Counter(), Counter(), Counter()
    for section_id, title, body, needs_review in Entry.objects.filter(section__edition=edition).values_list(
            "section_id", "title", "body", "needs_review"):
        words[section_id] += count_words(title) + count_words(body)
        entry_count[section_id] += 1
        review_items[section_id] += needs_review

    tables, filled = Counter(), Counter()
    StatTable = apps.get_model("stats", "StatTable")
    TableCell = apps.get_model("stats", "TableCell")
    has_cells = Exists(TableCell.objects.filter(row__table=OuterRef("pk")).filter(~Q(text="") | Q(value__isnull=False)))
    for section_id, is_filled, needs_review in (StatTable.objects.filter(edition=edition, section__isnull=False)
                                                .annotate(filled=has_cells)
                                                .values_list("section_id", "filled", "needs_review")):
        tables[section_id] += 1
        filled[section_id] += bool(is_filled)
        review_items[section_id] += needs_review

    pending_tenures = Counter()
    for section_id, pending, flagged in (
            Appointment.objects.filter(edition=edition, roster__section__isnull=False)
            .values("roster__section_id")
            .annotate(pending=Count("pk", filter=Q(carried_over=True, confirmed=False, end__isnull=True)),
                      flagged=Count("pk", filter=Q(needs_review=True)))
            .values_list("roster__section_id", "pending", "flagged")):
        pending_tenures[section_id] = pending
        review_items[section_id] += flagged

    annotations = Counter(dict(Annotation.objects.filter(assignment__edition=edition, resolved=False)
                               .values("assignment__section_id").annotate(n=Count("pk"))
                               .values_list("assignment__section_id", "n")))
    waiting = set(Manuscript.objects.filter(assignment__edition=edition, status=Manuscript.Status.PENDING)
                  .values_list("assignment__section_id", flat=True))

    blocks: dict[int, CategoryBlock] = {}
    for s in sections:
        a = assignments.get(s.pk)
        row = Row(section=s, assignment=a, words=words[s.pk], entries=entry_count[s.pk], tables=tables[s.pk],
                  tables_filled=filled[s.pk], pending_tenures=pending_tenures[s.pk],
                  review_items=review_items[s.pk] + bool(s.needs_review), open_annotations=annotations[s.pk],
                  manuscript_waiting=s.pk in waiting)
        if a is not None:
            done = a.status == Assignment.Status.FINAL
            row.deadline_text = deadline_text(a.deadline, today, done)
            row.overdue = not done and a.deadline is not None and a.deadline < today
            row.reviewers = reviewer_lines(a, reviews[a.pk])
            stage = a.pending_stage
            row.mine = bool(user is not None and stage and review_refusal(user, a, stage, reviews[a.pk]) is None)
        if mine and not row.mine:
            continue
        if status and row.status != status:
            continue
        if category and s.category_id != category:
            continue
        blocks.setdefault(s.category_id, CategoryBlock(s.category)).rows.append(row)
    return Board(edition, list(blocks.values()), today)


def reviewer_lines(assignment: Assignment, reviews: list[Review]) -> list[str]:
    """Per stage: who passed it in this round, else who is named for it (待 …)."""
    passed = {r.stage: r.user for r in reviews
              if r.round == assignment.round and r.decision == Review.Decision.PASS}
    lines = []
    for i, stage in enumerate(STAGE_ORDER):
        label = Stage(stage).label
        if stage in passed and assignment.passed > i:
            lines.append(f"{label}：{user_label(passed[stage])} ✓")
        elif assignment.reviewer_for_id(stage):
            lines.append(f"{label}：{user_label(assignment.reviewer_for(stage))}")
    return lines
