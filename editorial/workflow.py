"""A section's way through the editorial office, as small named transitions.

    待约稿 ──invite──▶ 已约稿 ──accept_manuscript──▶ 已交稿 ──record_review(初审/复审 通过)──▶ 已交稿 …
       └──────────accept_manuscript──────────────▲      │
                                                 │      ├─record_review(终审 通过)──▶ 已定稿
    退改 ◀──return_to_unit (any stage; or the chief reopening 已定稿)──┘
      └──accept_manuscript (the revised manuscript: a new round, 初审 again)──▶ 已交稿

``submit_manuscript`` stores an uploaded Word file and its split into entries without changing anything else;
``accept_manuscript`` writes the entries (one transaction, history "采用供稿单位来稿"). The three stages are
done by three different people in each round, each holding the stage's permission (editorial.review_first /
review_second / review_final) and, where the assignment names a reviewer for the stage, being that person.

Every function raises EditorialError with the reason in the editor's words when the transition is not allowed.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from yearbook.models import Entry

from .core import EditorialError, permissions, save_as
from .intake import ManuscriptError, parse_manuscript
from .models import STAGE_ORDER, Annotation, Assignment, Manuscript, Review, Stage
from .wordcount import count_words

Status = Assignment.Status
ACCEPT_REASON = "采用供稿单位来稿"
STAGE_PERMISSIONS = {stage: f"editorial.review_{stage}" for stage in Stage.values}


def stage_label(stage) -> str:
    return Stage(stage).label


def user_label(user) -> str:
    if user is None:
        return "（无）"
    return user.get_full_name() or user.get_username()


def _editable(assignment: Assignment) -> None:
    edition = assignment.edition
    if not permissions.edition_editable(edition):
        raise EditorialError(permissions.frozen_message(edition))


def _locked(assignment: Assignment) -> Assignment:
    """The assignment re-read under a row lock: two editors acting at once are serialised, not interleaved."""
    return Assignment.objects.select_for_update().select_related("edition", "section").get(pk=assignment.pk)


def _need(user, *perms) -> None:
    if not (user and user.is_active and all(user.has_perm(p) for p in perms)):
        raise EditorialError("您没有做这一步的权限。")


# ---------------------------------------------------------------------------
# 约稿 and 交稿
# ---------------------------------------------------------------------------

@transaction.atomic
def invite(assignment: Assignment, *, user) -> Assignment:
    """待约稿 → 已约稿: the office has asked the unit for its manuscript."""
    _need(user, "editorial.change_assignment")
    assignment = _locked(assignment)
    _editable(assignment)
    if assignment.status != Status.TO_INVITE:
        raise EditorialError(f"“{assignment.section.name}”的状态是“{assignment.get_status_display()}”，"
                             "只有“待约稿”的分目可以约稿。")
    assignment.status = Status.INVITED
    save_as(assignment, user, f"向{assignment.unit.name}约稿")
    return assignment


def _open_for_manuscripts(assignment: Assignment) -> None:
    if assignment.status == Status.SUBMITTED:
        raise EditorialError(f"“{assignment.section.name}”已交稿，正在{stage_label(assignment.pending_stage)}："
                             "要换稿，请审稿人先退改。")
    if assignment.status == Status.FINAL:
        raise EditorialError(f"“{assignment.section.name}”已定稿，不再接收来稿。")


@transaction.atomic
def submit_manuscript(assignment: Assignment, *, file_name: str, data: bytes, user) -> Manuscript:
    """Store a unit's Word file and its split into entries, for an editor to preview and accept.

    Nothing else changes; an earlier manuscript of this assignment still waiting to be accepted is set aside.
    A file that is not a readable .docx, or holds no 【titled】 entries, is refused and nothing is written.
    """
    _need(user, "editorial.add_manuscript")
    assignment = _locked(assignment)
    _editable(assignment)
    _open_for_manuscripts(assignment)
    try:
        parsed = parse_manuscript(data, file_name)
    except ManuscriptError as exc:
        raise EditorialError(str(exc)) from None
    for old in assignment.manuscripts.filter(status=Manuscript.Status.PENDING):
        old.status = Manuscript.Status.SUPERSEDED
        save_as(old, user, "有新的来稿，此稿作废")
    manuscript = Manuscript(
        assignment=assignment, file_name=file_name[:255], content=data, size=len(data),
        entries=[{"title": e.title, "ordinal": e.ordinal, "body": e.body, "paragraph": e.paragraph,
                  "words": e.words} for e in parsed.entries],
        warnings=parsed.warnings, byline=parsed.byline[:200], words=parsed.words, uploaded_by=user,
        uploaded_at=timezone.now())
    save_as(manuscript, user, f"上传来稿《{file_name[:60]}》")
    return manuscript


# ---------------------------------------------------------------------------
# Preview and acceptance
# ---------------------------------------------------------------------------

NEW, REPLACE, SAME = "new", "replace", "same"
ACTION_LABELS = {NEW: "新增", REPLACE: "替换现有条目", SAME: "与现有条目相同，不变"}


@dataclass
class PlannedEntry:
    title: str
    ordinal: int
    body: str
    words: int
    action: str
    existing: Entry | None = None
    old_words: int | None = None

    @property
    def action_label(self) -> str:
        return ACTION_LABELS[self.action]


@dataclass
class Plan:
    """What accepting a manuscript will do to its section: per entry new / replaces / unchanged."""

    rows: list[PlannedEntry] = field(default_factory=list)
    kept: list[Entry] = field(default_factory=list)  # entries of the section the manuscript does not touch

    def count(self, action) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def words(self) -> int:
        return sum(r.words for r in self.rows)


def same_text(a: str, b: str) -> bool:
    """Equal but for spacing and line breaks (Word and the OCR text lay paragraphs out differently)."""
    return "".join((a or "").split()) == "".join((b or "").split())


def entry_words(entry) -> int:
    return count_words(entry.title) + count_words(entry.body)


def plan(manuscript: Manuscript) -> Plan:
    """Compare the manuscript's entries with the section's current ones (same title, same ordinal)."""
    existing = {(e.title, e.ordinal): e for e in manuscript.assignment.section.entries.all()}
    result = Plan()
    touched = set()
    for item in manuscript.entries:
        key = (item["title"], item["ordinal"])
        entry = existing.get(key)
        words = item.get("words") or count_words(item["title"]) + count_words(item["body"])
        if entry is None:
            result.rows.append(PlannedEntry(item["title"], item["ordinal"], item["body"], words, NEW))
            continue
        touched.add(key)
        action = SAME if same_text(entry.body, item["body"]) else REPLACE
        result.rows.append(PlannedEntry(item["title"], item["ordinal"], item["body"], words, action, entry,
                                        entry_words(entry)))
    result.kept = [e for key, e in existing.items() if key not in touched]
    return result


@transaction.atomic
def accept_manuscript(manuscript: Manuscript, *, user) -> dict[str, int]:
    """Write a manuscript's entries into its section and hand the section to review (→ 已交稿, a new round).

    New titles become new entries after the section's last one; an entry of the same title (and ordinal)
    gets the manuscript's text; entries the manuscript does not name stay. Every write is attributed to
    ``user`` with the reason "采用供稿单位来稿"; all of it, or nothing, is written.
    """
    _need(user, "editorial.change_manuscript", "yearbook.add_entry", "yearbook.change_entry")
    assignment = _locked(manuscript.assignment)
    manuscript = Manuscript.objects.select_for_update().get(pk=manuscript.pk)
    manuscript.assignment = assignment
    _editable(assignment)
    if manuscript.status != Manuscript.Status.PENDING:
        raise EditorialError(f"来稿《{manuscript.file_name}》{manuscript.get_status_display()}，不能再采用。")
    _open_for_manuscripts(assignment)
    section = assignment.section
    result = plan(manuscript)
    last = max((e.order for e in section.entries.all()), default=0)
    for row in result.rows:
        if row.action == NEW:
            last += 1
            entry = Entry(section=section, title=row.title, ordinal=row.ordinal, body=row.body, order=last,
                          kind=Entry.Kind.ENTRY)
            save_as(entry, user, ACCEPT_REASON)
        elif row.action == REPLACE:
            row.existing.body = row.body
            save_as(row.existing, user, ACCEPT_REASON)
    now = timezone.now()
    manuscript.status = Manuscript.Status.ACCEPTED
    manuscript.accepted_by, manuscript.accepted_at = user, now
    save_as(manuscript, user, "采用")
    assignment.status = Status.SUBMITTED
    assignment.round += 1
    assignment.passed = 0
    save_as(assignment, user, f"采用来稿《{manuscript.file_name[:60]}》，第 {assignment.round} 稿待初审")
    return {"新增": result.count(NEW), "替换": result.count(REPLACE), "不变": result.count(SAME)}


# ---------------------------------------------------------------------------
# Review: 初审 → 复审 → 终审, three people
# ---------------------------------------------------------------------------

def review_refusal(user, assignment: Assignment, stage: str, reviews=None) -> str | None:
    """Why ``user`` may not do ``stage`` of this assignment now, or None if they may.

    ``reviews``: the assignment's reviews if already fetched (the board checks many assignments at once).
    """
    label = stage_label(stage)
    if not (user and user.is_active and user.has_perm(STAGE_PERMISSIONS[stage])):
        return f"您没有{label}权限。"
    named = assignment.reviewer_for_id(stage)
    if named and named != user.pk:
        return f"本分目的{label}由{user_label(assignment.reviewer_for(stage))}负责。"
    if reviews is None:
        reviews = assignment.reviews.filter(round=assignment.round, user=user)
    earlier = next((r for r in reviews if r.round == assignment.round and r.user_id == user.pk
                    and r.decision == Review.Decision.PASS and r.stage != stage), None)
    if earlier is not None:
        return (f"您已做过本稿的{earlier.get_stage_display()}，{label}须由另一人来做"
                "（初审、复审、终审由三个人分别把关）。")
    return None


def may_review(user, assignment: Assignment) -> bool:
    stage = assignment.pending_stage
    return stage is not None and review_refusal(user, assignment, stage) is None


def open_annotations(assignment: Assignment):
    return assignment.annotations.filter(resolved=False)


@transaction.atomic
def record_review(assignment: Assignment, *, stage: str, decision: str, user, comment: str = "",
                  annotations=()) -> Review:
    """The pending stage's decision: 通过 moves the section on (after 终审: 已定稿); 退改 returns it to the unit.

    ``annotations`` are (entry or None, text) pairs: 批注 made with this review, open until resolved. 终审 is
    refused while any 批注 of the section is still open.
    """
    assignment = _locked(assignment)
    _editable(assignment)
    comment = (comment or "").strip()
    if stage not in Stage.values:
        raise EditorialError("未知的审次。")
    if decision not in Review.Decision.values:
        raise EditorialError("请选择审稿结论：通过或退改。")
    pending = assignment.pending_stage
    label = stage_label(stage)
    if assignment.status != Status.SUBMITTED:
        raise EditorialError(f"“{assignment.section.name}”的状态是“{assignment.get_status_display()}”，"
                             "只有已交稿的分目可以审稿。")
    if stage != pending:
        raise EditorialError(f"“{assignment.section.name}”现在待{stage_label(pending)}，不能做{label}。")
    refusal = review_refusal(user, assignment, stage)
    if refusal:
        raise EditorialError(refusal)
    if decision == Review.Decision.RETURN:
        return _return(assignment, stage=stage, user=user, comment=comment, annotations=annotations)
    if stage == Stage.FINAL:
        n = open_annotations(assignment).count() + sum(1 for _, text in annotations if (text or "").strip())
        if n:
            raise EditorialError(f"“{assignment.section.name}”还有 {n} 条批注未解决，不能通过终审：请先处理批注，"
                                 "或退改。")
    review = Review.objects.create(assignment=assignment, round=assignment.round, stage=stage,
                                   decision=decision, comment=comment, user=user, created_at=timezone.now())
    _annotate_all(assignment, annotations, user, review)
    assignment.passed = STAGE_ORDER.index(stage) + 1
    if stage == Stage.FINAL:
        assignment.status = Status.FINAL
        why = f"终审通过，定稿（{user_label(user)}）"
    else:
        why = f"{label}通过（{user_label(user)}），待{stage_label(STAGE_ORDER[assignment.passed])}"
    save_as(assignment, user, why)
    return review


@transaction.atomic
def return_to_unit(assignment: Assignment, *, user, comment: str, annotations=()) -> Review:
    """Send the section back to its unit for revision (→ 退改), with the reason.

    While submitted this is the pending stage's reviewer saying 退改; a section already 已定稿 may be
    reopened by someone who may do 终审 (an error found late).
    """
    assignment = _locked(assignment)
    _editable(assignment)
    if assignment.status == Status.SUBMITTED:
        stage = assignment.pending_stage
    elif assignment.status == Status.FINAL:
        stage = Stage.FINAL
        if not user.has_perm(STAGE_PERMISSIONS[stage]):
            raise EditorialError("已定稿的分目只能由有终审权限的主编退改。")
    else:
        raise EditorialError(f"“{assignment.section.name}”的状态是“{assignment.get_status_display()}”，"
                             "只有已交稿或已定稿的分目可以退改。")
    if assignment.status == Status.SUBMITTED:
        refusal = review_refusal(user, assignment, stage)
        if refusal:
            raise EditorialError(refusal)
    return _return(assignment, stage=stage, user=user, comment=(comment or "").strip(), annotations=annotations)


def _return(assignment, *, stage, user, comment, annotations) -> Review:
    if not comment:
        raise EditorialError("退改时请写明审稿意见：要供稿单位改什么。")
    review = Review.objects.create(assignment=assignment, round=assignment.round, stage=stage,
                                   decision=Review.Decision.RETURN, comment=comment, user=user,
                                   created_at=timezone.now())
    _annotate_all(assignment, annotations, user, review)
    assignment.status = Status.RETURNED
    assignment.passed = 0
    save_as(assignment, user, f"{stage_label(stage)}退改（{user_label(user)}）：{comment}")
    return review


# ---------------------------------------------------------------------------
# 批注
# ---------------------------------------------------------------------------

def _annotate_all(assignment, annotations, user, review):
    for entry, text in annotations:
        if (text or "").strip():
            _annotate(assignment, text=text, user=user, entry=entry, review=review)


def _annotate(assignment, *, text, user, entry=None, review=None) -> Annotation:
    text = (text or "").strip()
    if not text:
        raise EditorialError("批注不能为空。")
    if entry is not None and entry.section_id != assignment.section_id:
        raise EditorialError(f"条目【{entry.title}】不属于“{assignment.section.name}”。")
    annotation = Annotation(assignment=assignment, entry=entry, entry_title=entry.title if entry else "",
                            review=review, text=text, user=user, created_at=timezone.now())
    save_as(annotation, user, "批注")
    return annotation


@transaction.atomic
def add_annotation(assignment: Assignment, *, text: str, user, entry: Entry | None = None) -> Annotation:
    """A 批注 on the section, or on one of its entries."""
    _need(user, "editorial.add_annotation")
    _editable(assignment)
    return _annotate(assignment, text=text, user=user, entry=entry)


@transaction.atomic
def resolve_annotation(annotation: Annotation, *, user) -> Annotation:
    _need(user, "editorial.change_annotation")
    annotation = Annotation.objects.select_for_update().select_related("assignment__edition").get(pk=annotation.pk)
    _editable(annotation.assignment)
    if annotation.resolved:
        raise EditorialError("这条批注已经解决了。")
    annotation.resolved = True
    annotation.resolved_by, annotation.resolved_at = user, timezone.now()
    save_as(annotation, user, "批注已解决")
    return annotation
