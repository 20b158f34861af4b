"""Editorial actions as plain functions: what the admin's buttons do, usable from tests and the shell.

Every change goes through ``save()``/``delete()`` or the m2m managers, so django-simple-history records who
did it, when, what changed and why (the ``_change_reason`` given below), and every step can be undone.
Functions raise ``EditorialError`` with a message meant for the editor.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import F, Max
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from chronicle.models import Event
from stats.models import StatTable, TableColumn, TableRow
from yearbook import permissions, signals
from yearbook.models import (Appointment, Category, Correction, Edition, EditorialBoardMember, HonoraryTitle,
                             Person, Roster, Section)


class EditorialError(Exception):
    """An editorial action that cannot be done, with the reason in the editor's words."""


def _stamp(obj, user, reason):
    """Attribute the next history record of ``obj`` to ``user`` with ``reason``."""
    if user is not None and getattr(user, "is_authenticated", False):
        obj._history_user = user
    if reason:
        obj._change_reason = reason[:100]
    return obj


def _save(obj, user, reason, **kwargs):
    _stamp(obj, user, reason).save(**kwargs)
    return obj


# ---------------------------------------------------------------------------
# Edition lifecycle
# ---------------------------------------------------------------------------

@dataclass
class NextEditionSummary:
    edition: Edition
    counts: dict = field(default_factory=dict)


@transaction.atomic
def start_next_edition(edition: Edition, *, user=None, copy_tables: bool = False) -> NextEditionSummary:
    """Create edition ``year + 1`` as a draft from ``edition``, which is left untouched.

    Copied: the front matter that stays from year to year (compiler, sponsor, publisher, editorial notes,
    the editorial board and the standing honorary titles), the outline (categories and sections), the
    leadership rosters, and every appointment still open (no end date) as the new edition's starting
    roster, marked ``carried_over`` so editors confirm or end each one. With ``copy_tables`` the
    statistical tables' headers and row labels come along too, without their values.
    """
    year = edition.year + 1
    if Edition.objects.filter(year=year).exists():
        raise EditorialError(f"{year} 卷已经存在，不能再次开始。")
    reason = f"由 {edition.year} 卷开始编纂"
    title = _next_years(edition.title, edition)
    if title == edition.title:
        title = f"{edition.title}（{year}）"
    new = Edition(
        year=year, covers_year=edition.covers_year + 1, title=title, compiler=edition.compiler,
        sponsor=edition.sponsor, publisher=edition.publisher, editors_in_charge=edition.editors_in_charge,
        editorial_notes=[_next_years(note, edition) for note in edition.editorial_notes],
        status=Edition.Status.DRAFT, based_on=edition,
    )
    _save(new, user, reason)

    def copy(model, objs):
        return bulk_create_with_history(list(objs), model, default_user=_user(user),
                                        default_change_reason=reason)

    copy(EditorialBoardMember, (EditorialBoardMember(edition=new, body=b.body, title=b.title, name=b.name,
                                                     person=b.person, order=b.order)
                                for b in edition.board.all()))
    copy(HonoraryTitle, (HonoraryTitle(edition=new, name=h.name, order=h.order)
                         for h in edition.honorary_titles.all()))
    old_categories = list(edition.categories.all())
    categories = dict(zip((c.pk for c in old_categories), copy(Category, (
        Category(edition=new, name=c.name, order=c.order) for c in old_categories))))
    old_sections = list(edition.sections.all())
    sections = dict(zip((s.pk for s in old_sections), copy(Section, (
        Section(edition=new, category=categories[s.category_id], name=s.name, heading=s.heading,
                order=s.order, contributor=s.contributor, organization_id=s.organization_id)
        for s in old_sections))))
    old_rosters = list(edition.rosters.all())
    rosters = dict(zip((r.pk for r in old_rosters), copy(Roster, (
        Roster(edition=new, organization_id=r.organization_id, section=sections.get(r.section_id),
               heading=r.heading, body=r.body, order=r.order)
        for r in old_rosters))))
    open_appointments = edition.appointments.filter(end__isnull=True).order_by("roster__order", "order")
    carried = copy(Appointment, (
        Appointment(roster=rosters[a.roster_id], edition=new, organization_id=a.organization_id,
                    person_id=a.person_id, title=a.title, title_normalized=a.title_normalized, start=a.start,
                    start_precision=a.start_precision, end_precision=a.end_precision, party=a.party,
                    ethnicity=a.ethnicity, seconded=a.seconded, tenure_scope=a.tenure_scope,
                    name_printed=a.name_printed, order=a.order, carried_over=True)
        for a in open_appointments))
    counts = {"类目": len(categories), "分目": len(sections), "领导班子名录": len(rosters),
              "延续任职": len(carried), "编纂人员": edition.board.count(), "荣耀金川": edition.honorary_titles.count()}
    if copy_tables:
        counts["统计表"] = _copy_table_outlines(edition, new, sections, copy)
    for _, copied in signals.edition_started.send(sender=Edition, previous=edition, edition=new, user=_user(user),
                                                  reason=reason, options={"copy_tables": copy_tables}):
        counts.update(copied or {})
    return NextEditionSummary(new, counts)


def _next_years(text: str, edition: Edition) -> str:
    """Move the edition's years on by one in a copied text (2021 卷 → 2022 卷, 2020 年 → 2021 年)."""
    years = {str(edition.year): str(edition.year + 1), str(edition.covers_year): str(edition.covers_year + 1)}
    return re.sub("|".join(years), lambda m: years[m.group()], text)


def _copy_table_outlines(edition, new, sections, copy) -> int:
    tables = list(edition.tables.prefetch_related("columns", "rows"))
    for t in tables:
        table = copy(StatTable, [StatTable(
            edition=new, section=sections.get(t.section_id), key=t.key, number=t.number,
            title=_next_years(t.title, edition), unit=t.unit, label_header=t.label_header, chapter=t.chapter,
            order=t.order)])[0]
        copy(TableColumn, (TableColumn(table=table, order=c.order, label=c.label, path=c.path, unit=c.unit,
                                       printed=c.printed) for c in t.columns.all()))
        rows = {}
        for r in t.rows.all():  # one by one: a row's parent is an earlier row
            rows[r.pk] = copy(TableRow, [TableRow(table=table, order=r.order, label=r.label, group=r.group,
                                                  parent=rows.get(r.parent_id), unit=r.unit)])[0]
    return len(tables)


def _user(user):
    return user if user is not None and getattr(user, "is_authenticated", False) else None


def publication_blockers(edition: Edition) -> list[str]:
    """What the apps say must be done before the edition may be published (see signals.publication_blockers)."""
    return [reason for _, reasons in signals.publication_blockers.send(sender=Edition, edition=edition)
            for reason in (reasons or [])]


def publish_edition(edition: Edition, *, user, override: str = "") -> list[str]:
    """Publish a draft (chief editors only). Returns warnings worth telling the chief editor.

    While the apps report blockers (sections not through final review, say), publishing is refused unless
    the chief editor gives an ``override`` reason; it is recorded in the edition's history."""
    if not permissions.can_publish(user):
        raise EditorialError("只有主编可以发布年鉴卷。")
    if edition.is_published:
        raise EditorialError(f"{edition.year} 卷已经发布。")
    blockers = publication_blockers(edition)
    override = (override or "").strip()
    if blockers and not override:
        raise EditorialError("尚不能发布：" + "；".join(blockers) + "。如确需发布，请填写破例发布的理由。")
    edition.status = Edition.Status.PUBLISHED
    edition.published_at = timezone.now()
    edition.published_by = _user(user)
    _save(edition, user, f"发布（破例：{override}）" if blockers else "发布")
    return publication_warnings(edition)


def unpublish_edition(edition: Edition, *, user) -> None:
    """Withdraw a published edition to a draft (chief editors only): the public no longer sees it."""
    if not permissions.can_publish(user):
        raise EditorialError("只有主编可以撤回发布。")
    if not edition.is_published:
        raise EditorialError(f"{edition.year} 卷尚未发布。")
    edition.status = Edition.Status.DRAFT
    _save(edition, user, "撤回发布，改回草稿")


def pending_carried_over(edition: Edition):
    """Carried-over appointments nobody has confirmed or ended yet."""
    return edition.appointments.filter(carried_over=True, confirmed=False, end__isnull=True)


def publication_warnings(edition: Edition) -> list[str]:
    warnings = []
    pending = pending_carried_over(edition).count()
    if pending:
        warnings.append(f"还有 {pending} 条上卷延续的任职未确认也未结束。")
    from yearbook.models import Entry, Honour
    review = (Entry.objects.filter(section__edition=edition, needs_review=True).count()
              + Event.objects.filter(edition=edition, needs_review=True).count()
              + Honour.objects.filter(edition=edition, needs_review=True).count()
              + edition.appointments.filter(needs_review=True).count())
    if review:
        warnings.append(f"还有 {review} 条记录标记为“待审核”。")
    return warnings


def confirm_appointments(appointments, *, user=None) -> int:
    """Confirm carried-over appointments as still held this year."""
    n = 0
    for a in appointments:
        if a.confirmed or a.end is not None:
            continue
        a.confirmed = True
        _save(a, user, "确认仍在任")
        n += 1
    return n


# ---------------------------------------------------------------------------
# Order of records within their parent
# ---------------------------------------------------------------------------

# model label → (order field, fields that scope the order's uniqueness)
ORDER_SCOPES = {
    "yearbook.category": ("order", ["edition"]),
    "yearbook.section": ("order", ["edition"]),
    "yearbook.entry": ("order", ["section"]),
    "yearbook.roster": ("order", ["edition"]),
    "yearbook.appointment": ("order", ["roster"]),
    "yearbook.honour": ("order", ["edition", "kind"]),
    "yearbook.keyfigure": ("order", ["edition"]),
    "yearbook.honorarytitle": ("order", ["edition"]),
    "yearbook.editorialboardmember": ("order", ["edition"]),
    "chronicle.event": ("order", ["edition"]),
    "stats.stattable": ("order", ["edition"]),
    "stats.tablecolumn": ("order", ["table"]),
    "stats.tablerow": ("order", ["table"]),
    "documents.document": ("order", ["edition"]),
    "documents.part": ("order", ["document"]),
    "documents.article": ("number", ["document"]),
    "documents.chapter": ("number", ["document"]),
}
_SHIFT = 1_000_000


def order_scope(obj):
    spec = ORDER_SCOPES.get(obj._meta.label_lower)
    if spec is None:
        return None, None
    name, scope = spec
    values = {f"{s}_id" if obj._meta.get_field(s).is_relation else s: getattr(
        obj, f"{s}_id" if obj._meta.get_field(s).is_relation else s) for s in scope}
    if any(v is None for v in values.values()):
        return name, None
    return name, type(obj)._default_manager.filter(**values)


def next_order(obj, *, taken=()) -> int:
    """The number after the last one in the record's parent (and after any in ``taken``)."""
    name, siblings = order_scope(obj)
    last = siblings.aggregate(m=Max(name))["m"] if siblings is not None else None
    return max([last or 0, *taken]) + 1


def fill_order(obj, *, taken=()) -> None:
    name, _ = order_scope(obj)
    if name and getattr(obj, name) in (None, ""):
        setattr(obj, name, next_order(obj, taken=taken))


def make_room(siblings, name: str, at: int) -> None:
    """Shift every sibling numbered ``at`` or later down by one (in two steps, so no unique clash).

    The shifted records' versions move on, so a stale form of one of them is caught, not saved over.
    """
    later = siblings.filter(**{f"{name}__gte": at})
    later.update(**{name: F(name) + _SHIFT, "version": F("version") + 1})
    siblings.filter(**{f"{name}__gte": at + _SHIFT}).update(**{name: F(name) - (_SHIFT - 1)})


def place_event(event: Event) -> None:
    """Give a new (or re-dated) event its place in date order: before the first later event."""
    siblings = Event.objects.filter(edition_id=event.edition_id).exclude(pk=event.pk)
    later = siblings.filter(date__gt=event.date).order_by("order").first()
    if later is None:
        event.order = (siblings.aggregate(m=Max("order"))["m"] or 0) + 1
    else:
        make_room(siblings, "order", later.order)
        event.order = later.order


# ---------------------------------------------------------------------------
# Persons: merge and split
# ---------------------------------------------------------------------------

@dataclass
class PersonLink:
    """One kind of link to a person: appointments, honours, board seats, mentions in entries or events."""

    label: str
    model: type
    field: str
    many: bool

    @property
    def key(self) -> str:
        return f"{self.model._meta.label_lower}.{self.field}"

    def records(self, person):
        return self.model._default_manager.filter(**{self.field: person})


LINK_LABELS = {
    "yearbook.appointment.person": "任职",
    "yearbook.honour.person": "表彰奖励",
    "yearbook.editorialboardmember.person": "编纂人员",
    "yearbook.entry.persons": "条目中提及",
    "chronicle.event.persons": "大事记中提及",
}


def person_links() -> list[PersonLink]:
    """Every relation pointing at Person, found by introspection so a new one is never forgotten."""
    links = []
    for rel in Person._meta.related_objects:
        if rel.related_model._meta.app_label == "edit_history":
            continue
        f = rel.field
        link = PersonLink("", rel.related_model, f.name, f.many_to_many)
        link.label = LINK_LABELS.get(link.key, f"{rel.related_model._meta.verbose_name}·{f.verbose_name}")
        links.append(link)
    return links


def _move_link(link: PersonLink, record, source: Person, target: Person, user, reason):
    if link.many:
        manager = getattr(record, link.field)
        _stamp(record, user, reason)
        manager.remove(source)
        manager.add(target)
    else:
        setattr(record, link.field, target)
        _save(record, user, reason)


@transaction.atomic
def merge_persons(keep: Person, others, *, user=None, reason: str = "") -> Person:
    """Fold ``others`` into ``keep`` (one person whose name was read two ways).

    Every appointment, honour, board seat and mention moves to ``keep``; each merged person is then deleted
    (its history keeps its name and key) and noted on ``keep``.
    """
    others = [p for p in others if p.pk != keep.pk]
    if not others:
        raise EditorialError("请至少选择两位人物来合并。")
    notes = []
    for other in others:
        why = f"合并：{other.name}（{other.key}）→ {keep.name}（{keep.key}）" + (f"；{reason}" if reason else "")
        for link in person_links():
            for record in link.records(other):
                _move_link(link, record, other, keep, user, why)
        if not keep.gender and other.gender:
            keep.gender = other.gender
        notes.append(f"已合并“{other.name}”（稳定键 {other.key}）" + (f"：{reason}" if reason else ""))
        if other.note:
            notes.append(other.note)
        _stamp(other, user, why).delete()
    keep.note = "\n".join(filter(None, [keep.note, *notes]))
    _save(keep, user, "合并人物：" + "、".join(f"{o.name}（{o.key}）" for o in others))
    return keep


def unique_person_key(name: str) -> str:
    """``name`` if free, else ``name-2``, ``name-3`` …"""
    if not Person.objects.filter(key=name).exists():
        return name
    taken = set(Person.objects.filter(key__startswith=f"{name}-").values_list("key", flat=True))
    n = 2
    while f"{name}-{n}" in taken:
        n += 1
    return f"{name}-{n}"


@transaction.atomic
def split_person(person: Person, moves: dict[str, list[int]], *, name: str = "", key: str = "",
                 note: str = "", gender: str | None = None, user=None) -> Person:
    """Make a new person (a namesake) and move the chosen links to them.

    ``moves`` maps a link key (see ``person_links()``, e.g. ``"yearbook.appointment.person"``) to the ids of
    the records that belong to the new person; everything else stays with ``person``.
    """
    links = {link.key: link for link in person_links()}
    unknown = set(moves) - set(links)
    if unknown:
        raise EditorialError(f"未知的关联：{', '.join(sorted(unknown))}")
    if not any(moves.values()):
        raise EditorialError("请至少勾选一条归属新人物的记录。")
    name = (name or person.name).strip()
    key = (key or "").strip() or unique_person_key(name)
    if Person.objects.filter(key=key).exists():
        raise EditorialError(f"稳定键“{key}”已被使用，请换一个（如 {unique_person_key(name)}）。")
    if not note.strip():
        raise EditorialError("请在“说明”中写明两人的区别（如工作单位、职务），以免日后再混淆。")
    new = Person(name=name, key=key, gender=person.gender if gender is None else gender, note=note.strip())
    why = f"拆分：{person.name}（{person.key}）→ 新人物 {key}"
    _save(new, user, why)
    for link_key, ids in moves.items():
        link = links[link_key]
        records = link.records(person).filter(pk__in=ids)
        if records.count() != len(set(ids)):
            raise EditorialError(f"所选的{link.label}记录并不都属于 {person}。")
        for record in records:
            _move_link(link, record, person, new, user, why)
    _save(person, user, f"拆分出同名人物 {key}")
    return new


# ---------------------------------------------------------------------------
# Corrections
# ---------------------------------------------------------------------------

NOT_CORRECTABLE = {"printed_text", "review_note", "name_pinyin", "name_initials", "key", "source_file",
                   "source_sha256", "printed_cells", "label_printed", "number_printed", "name_printed"}


def correctable_fields(model) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField)) and f.editable and not f.choices
            and f.name not in NOT_CORRECTABLE]


@transaction.atomic
def add_correction(record, *, field_name: str, printed: str, corrected: str, reason: str,
                   user=None) -> Correction:
    """Correct ``printed`` to ``corrected`` in one field of a record, keeping the printed text beside it.

    The record is marked ``corrected``; its ``printed_text`` keeps the text as printed (set now if the record
    had not been corrected before); a Correction row records what, where, why and who.
    """
    fields = {f.name: f for f in correctable_fields(type(record))}
    if field_name not in fields:
        raise EditorialError(f"“{field_name}”不是可校正的文字字段。")
    printed, corrected, reason = printed.strip(), corrected.strip(), reason.strip()
    if not printed:
        raise EditorialError("请填写要校正的原文。")
    if printed == corrected:
        raise EditorialError("校正后的文字与原文相同。")
    if not reason:
        raise EditorialError("请填写校正理由（如“OCR 把‘生’误作‘牛’，见第 1554 行”）。")
    text = getattr(record, field_name) or ""
    count = text.count(printed)
    label = fields[field_name].verbose_name
    if count == 0:
        raise EditorialError(f"{label}中没有“{printed}”。")
    if count > 1:
        raise EditorialError(f"“{printed}”在{label}中出现 {count} 次，请多写几个前后的字，以确定要改哪一处。")
    edition = permissions.edition_of(record)
    if edition is None:
        raise EditorialError("这类记录不属于某一卷，请直接修改。")
    if hasattr(record, "printed_text"):
        if not record.corrected or not record.printed_text:
            record.printed_text = record.printed_text or text
        record.corrected = True
    setattr(record, field_name, text.replace(printed, corrected, 1))
    _save(record, user, f"校正：{printed} → {corrected}（{reason}）")
    correction = Correction(
        edition=edition, source_line=getattr(record, "source_line", None) or 0, printed=printed,
        corrected=corrected, reason=reason, content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk, field_name=field_name, created_by=_user(user), created_at=timezone.now())
    _save(correction, user, "添加校正")
    return correction


def corrections_of(record):
    """The corrections editors made to this record in the admin."""
    kind = ContentType.objects.get_for_model(record)
    return Correction.objects.filter(content_type=kind, object_id=record.pk)


def corrections_for(record):
    """Every correction of this record: the source's OCR fixes on its lines, and the editors' ones."""
    mine = corrections_of(record)
    edition = permissions.edition_of(record)
    first = getattr(record, "source_line", None)
    if edition is None or not first:
        return mine
    last = getattr(record, "source_line_end", None) or first
    on_lines = Correction.objects.filter(edition=edition, content_type__isnull=True, source_line__gte=first,
                                         source_line__lte=last)
    return (mine | on_lines).order_by("source_line", "id")


# ---------------------------------------------------------------------------
# Restoring deleted records
# ---------------------------------------------------------------------------

def restore_deleted(historical_record, *, user=None):
    """Bring back a deleted record from its last history entry (same id, same values)."""
    if historical_record.history_type != "-":
        raise EditorialError("这条历史记录不是删除操作。")
    model = historical_record.instance_type
    if model._default_manager.filter(pk=historical_record.instance.pk).exists():
        raise EditorialError("这条记录已经恢复过了。")
    edition = permissions.edition_of(historical_record.instance)
    if edition is not None and not permissions.edition_editable(edition):
        raise EditorialError(permissions.frozen_message(edition))
    obj = historical_record.instance
    reason = f"恢复被删除的记录（{timezone.localtime(historical_record.history_date):%Y-%m-%d %H:%M} 删除）"
    _save(obj, user, reason, force_insert=True)
    # many-to-many links (mentions, awarding bodies) as they were in the last version before the deletion
    before = historical_record.prev_record
    for m2m in getattr(historical_record, "_history_m2m_fields", []):
        if before is None:
            continue
        target = m2m.m2m_reverse_field_name()
        ids = [getattr(row, f"{target}_id") for row in getattr(before, m2m.name).all()]
        if ids:
            _stamp(obj, user, reason)
            getattr(obj, m2m.name).set(ids)
    return obj

