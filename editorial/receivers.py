"""How the workflow takes part in an edition's life (connected in EditorialConfig.ready()).

* Publication: every *assigned* section of the edition must have passed 终审 (已定稿). Sections without an
  assignment do not block: an edition imported from a printed book (2021) has none and publishes as before.
* Start the next edition: each assignment comes along to the new edition's section of the same place in
  the outline, with the same unit, target and reviewers, its deadline a year later, status 待约稿.
"""
import datetime as dt

from simple_history.utils import bulk_create_with_history

from .models import Assignment

SHOWN = 5


def unreviewed_sections(sender, edition, **kwargs) -> list[str]:
    waiting = list(Assignment.objects.filter(edition=edition).exclude(status=Assignment.Status.FINAL)
                   .order_by("section__order").values_list("section__name", flat=True))
    if not waiting:
        return []
    names = "、".join(waiting[:SHOWN]) + ("等" if len(waiting) > SHOWN else "")
    return [f"还有 {len(waiting)} 个分目未通过终审：{names}"]


def next_year(day: dt.date | None) -> dt.date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def carry_over_assignments(sender, previous, edition, user, reason, **kwargs) -> dict[str, int]:
    sections = {s.order: s for s in edition.sections.all()}
    old = Assignment.objects.filter(edition=previous).select_related("section")
    new = [Assignment(edition=edition, section=sections[a.section.order], unit_id=a.unit_id,
                      deadline=next_year(a.deadline), target_words=a.target_words,
                      reviewer_first_id=a.reviewer_first_id, reviewer_second_id=a.reviewer_second_id,
                      reviewer_final_id=a.reviewer_final_id, note=a.note)
           for a in old if a.section.order in sections]
    if new:
        bulk_create_with_history(new, Assignment, default_user=user, default_change_reason=reason)
    return {"供稿分派": len(new)}
