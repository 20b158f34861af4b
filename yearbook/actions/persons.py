"""Persons: fold two readings of one person into one (merge), or tell namesakes apart (split)."""
from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from yearbook import names
from yearbook.actions.base import EditorialError, save, stamp
from yearbook.actions.shared import check_merge
from yearbook.models import Person


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


def person_links() -> list[PersonLink]:
    """Every relation pointing at Person, found by introspection so a new one is never forgotten.

    Labelled by the record's name: 任职, 表彰奖励; a mention (many-to-many) as 条目中提及, 大事记中提及."""
    links = []
    for rel in Person._meta.related_objects:
        f, model = rel.field, rel.related_model
        label = f"{model._meta.verbose_name}中提及" if f.many_to_many else str(model._meta.verbose_name)
        links.append(PersonLink(label, model, f.name, f.many_to_many))
    return links


def _move_link(link: PersonLink, record, source: Person, target: Person, user, reason):
    if link.many:
        manager = getattr(record, link.field)
        stamp(record, user, reason)
        manager.remove(source)
        manager.add(target)
    else:
        setattr(record, link.field, target)
        save(record, user, reason)


@transaction.atomic
def merge_persons(keep: Person, others, *, user=None, reason: str = "") -> Person:
    """Fold ``others`` into ``keep`` (one person whose name was read two ways).

    Every appointment, honour, board seat and mention moves to ``keep``; each merged person is then deleted
    (its history keeps its name and key). Who was merged, and why, goes into the history of every record
    touched, never into the public note. Persons named by a published edition are merged by chief editors only.
    """
    others = [p for p in others if p.pk != keep.pk]
    if not others:
        raise EditorialError("请至少选择两位人物来合并。")
    check_merge([keep, *others], user=user)
    reason = (reason or "").strip()
    for other in others:
        why = f"合并：{other.name}（{other.key}）→ {keep.name}（{keep.key}）" + (f"；{reason}" if reason else "")
        for link in person_links():
            for record in link.records(other):
                _move_link(link, record, other, keep, user, why)
        if not keep.gender and other.gender:
            keep.gender = other.gender
        stamp(other, user, why).delete()   # its note stays in its history
    merged = "、".join(f"{o.name}（{o.key}）" for o in others)
    save(keep, user, f"合并人物：{merged}" + (f"；{reason}" if reason else ""))
    return keep


def unique_person_key(name: str) -> str:
    """``name`` if free, else ``name-2``, ``name-3`` …"""
    name = names.clean_path_key(name)
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
    check_merge([person], user=user)
    unknown = set(moves) - set(links)
    if unknown:
        raise EditorialError(f"未知的关联：{', '.join(sorted(unknown))}")
    if not any(moves.values()):
        raise EditorialError("请至少勾选一条归属新人物的记录。")
    name = names.clean_line(name or person.name)
    key = names.clean_path_key(key or "") or unique_person_key(name)
    if Person.objects.filter(key=key).exists():
        raise EditorialError(f"稳定键“{key}”已被使用，请换一个（如 {unique_person_key(name)}）。")
    if not note.strip():
        raise EditorialError("请在“说明”中写明两人的区别（如工作单位、职务），以免日后再混淆。")
    new = Person(name=name, key=key, gender=person.gender if gender is None else gender, note=note.strip())
    why = f"拆分：{person.name}（{person.key}）→ 新人物 {key}"
    save(new, user, why)
    for link_key, ids in moves.items():
        link = links[link_key]
        records = link.records(person).filter(pk__in=ids)
        if records.count() != len(set(ids)):
            raise EditorialError(f"所选的{link.label}记录并不都属于 {person}。")
        for record in records:
            _move_link(link, record, person, new, user, why)
    save(person, user, f"拆分出同名人物 {key}")
    return new
