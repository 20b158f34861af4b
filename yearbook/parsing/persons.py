"""Person identity checks of an edition (no Django): names an editor should look at before
the import keeps one person per name.

* HOMONYM: a two-character name (the kind most often shared by different people) held in
  the rosters of two or more unrelated agencies (no common root in the organisation
  registry), with no tenure linking the posts (one ending the month another starts). The
  members are flagged and a notice lists every post of the name, the compiling committee's
  included.
* VARIANT: two three-character names that differ only in the middle character (same surname,
  same last character), both in rosters of one category, one of them arriving or leaving
  during the year: possibly one person read two ways by the OCR. A notice for the pair.
"""
from __future__ import annotations

from collections import defaultdict

from .errors import ReviewLog
from .records import OrganizationInfo, RosterMember, Yearbook


def _roots(orgs: list[OrganizationInfo]) -> dict[str, str]:
    """Each agency's topmost ancestor in the registry (itself when it has no parent)."""
    parent = {o.name: o.parent for o in orgs}
    roots = {}
    for name in parent:
        seen, node = set(), name
        while parent.get(node) and node not in seen:
            seen.add(node)
            node = parent[node]
        roots[name] = node
    return roots


def _moved(members: list[RosterMember]) -> bool:
    """A tenure links two posts: one ends in the month (or the month before) another starts."""
    ends = {m.end for m in members if m.end}
    starts = {m.start for m in members if m.start}
    return any(s.year * 12 + s.month - (e.year * 12 + e.month) in (0, 1) for s in starts for e in ends)


def check_identities(book: Yearbook, review: ReviewLog) -> None:
    """Flag homonyms and report possible OCR variants of one name (see the module doc)."""
    roots = _roots(book.organizations)
    posts: dict[str, list[tuple[str, RosterMember]]] = defaultdict(list)
    for roster in book.rosters:
        for m in roster.members:
            posts[m.name].append((roster.organization, m))
    board = defaultdict(list)
    for b in book.edition.board:
        board[b.name].append(b)
    for name, held in posts.items():
        families = {roots.get(org, org) for org, _ in held}
        members = [m for _, m in held]
        if len(name) != 2 or len(families) < 2 or _moved(members):
            continue
        where = [f"{org} {m.title}（第 {m.source_line} 行）" for org, m in held]
        where += [f"{b.body} {b.title}（第 {b.source_line} 行）" for b in board[name]]
        note = f"同名「{name}」出现在 {len(where)} 处：{'；'.join(where)}；没有证据表明是同一人，导入时会合并为一人，请核对"
        for m in members:
            m.needs_review = True
            m.review_note = "；".join(x for x in (m.review_note, note) if x)
        review.notice("person-homonym", note, members[0].source_line, printed=name, guess=name)
    _report_variants(book, posts, review)


def _report_variants(book: Yearbook, posts: dict, review: ReviewLog) -> None:
    category = {r.organization: r.category for r in book.rosters}
    names = [n for n in posts if len(n) == 3]
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            if a[0] != b[0] or a[2] != b[2] or a[1] == b[1]:
                continue
            cats_a = {category[org] for org, _ in posts[a]}
            cats_b = {category[org] for org, _ in posts[b]}
            members = [m for _, m in posts[a] + posts[b]]
            if not cats_a & cats_b or not any(m.start or m.end for m in members):
                continue
            first, second = posts[a][0][1], posts[b][0][1]
            review.notice(
                "person-variant",
                f"「{a}」（{posts[a][0][0]}，第 {first.source_line} 行）与「{b}」（{posts[b][0][0]}，第 "
                f"{second.source_line} 行）只差一个字，且其中一人年内调动：可能是同一人，OCR 误读了其中一字，请核对",
                first.source_line, printed=f"{a} / {b}", guess=f"{a} = {b}？")
