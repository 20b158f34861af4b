"""Leadership rosters (领导班子成员 / 组成人员) closing the sections of the body.

A roster block starts at a heading ``【X领导班子成员】`` / ``【X组成人员】`` (possibly
split over two lines) and ends at the credit ``(供稿…)``, the next ``【`` line or
the end of its section. Inside a block, titles and names alternate in printed
order: a title applies to the names that follow it until the next title, whether
the title stands on its own line, at the end of the previous line or between
names on one line (docs/source-guide.md §5 case 11).

Sub-bodies: a committee list the profile names (``[rosters.sub_body_parents]``)
gives ONE Roster PER SUB-BODY: ``body`` is the sub-body as printed (法制委员会,
办公室 …), ``organization`` is the sub-body qualified by its parent
(X区人大法制委员会), ``heading`` is the shared block heading and ``source_line``
the sub-body's label line.

Appointments: one RosterMember per person mention, except that a note dating
different parts of the title separately (``(2020年4月任区委副书记,2020年7月任…校长)``)
gives one member row per appointment, each with the title parts it names. A note
dating only one part of the title (``党组成员 2020 年 4 月任``) keeps one row with the
whole title; start/end then hold that date and ``tenure_scope`` names the part it
refers to.

Gender: "F" when 女 is printed in the person's note; some rosters omit the mark,
so a name marked 女 in another roster mention is "F" too, with ``gender_marked``
False. Everyone else is "M" (the book marks only women).

Structural fixes are the profile's ``roster_moves.csv`` (each checks the text it
expects): ``after_credit`` lines printed after one roster's credit that end the next
roster; ``split_heading_tail`` names printed inside a split heading that end the
roster before; ``misplaced_member`` a name read across two columns, moved to the end
of its list with the title given and flagged; ``flag_roster`` a roster flagged with a
note. Garbled names are kept in the profile's reading and flagged
(``garbled_names.csv``). What cannot be read (an unknown note such as
``2020年5月仟``, a token that is neither title nor name) keeps the member as printed
and becomes a review item with the best guess; a strict parse refuses it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .records import Roster, RosterMember, YearMonth
from .segment import Segment
from .source import HAN, SourceText
from .text import compact, plain_words

ROSTER_SUFFIXES = ("领导班子成员", "组成人员")
CREDIT_PREFIX = "(供稿"
SUB_BODY_RE = re.compile(r"^(办公室|[^、\s]{2,}委员会)$")

# Two single characters that are a padded title, not a two-character name.
PADDED_TITLES = {"主任", "书记", "校长", "区长", "县长", "委员", "部长", "局长", "所长", "馆长", "主席"}
SHORT_TITLES = PADDED_TITLES | {
    "副主任", "副书记", "副校长", "副区长", "副县长", "副部长", "副局长", "副所长", "副馆长", "副主席",
    "镇长", "副镇长", "乡长", "副乡长", "理事长", "副理事长",
}
TITLE_END_RE = re.compile(r"(书记|长|主任|主席|委员|成员|常委|专员|辅导员|候选人|\((?:兼|挂)\))$")
# Titles a name can be fused with (曾昭武副主任), and the characters that mark the
# part before them as an organisation or qualifier rather than a personal name.
FUSABLE_TITLE_RE = re.compile(r"^(.{2,3}?)(副?(?:主任|书记|局长|部长|主席)|委员)$")
NON_NAME_CHARS = set("党组委会区县局所办处室社队团部科院镇乡街事务人大政协工纪监职主副理中心站市法")

NOTE_RE = re.compile(r"女|任|年|月|民建|满|挂职")
NAME_RE = re.compile(f"^[{HAN}^]{{2,4}}$")
YM = r"(\d{4})年(\d{1,2})月"
START_RE = re.compile(f"^{YM}任$")
END_RE = re.compile(f"^任至{YM}$")
RANGE_RE = re.compile(f"^{YM}[-—一~]{YM}$")
SCOPED_START_RE = re.compile(f"^([{HAN}、]+?){YM}任$")
APPOINTMENT_RE = re.compile(f"^{YM}任(.+)$")
PARTIES = {"民建", "民盟", "民革", "民进", "农工党", "致公党", "九三学社", "台盟"}
ETHNICITIES = {"满", "回", "藏", "蒙古", "蒙", "土", "东乡", "裕固", "哈萨克", "维吾尔", "保安", "撒拉"}

@dataclass
class _Token:
    text: str
    start: int          # span in the line (corrected text)
    end: int
    forced: bool = False    # inside **…**: always a title
    note: str = ""      # compact parenthesised note following a name


@dataclass
class _Item:
    kind: str           # "title", "name" or "body" (sub-body label)
    text: str           # compact
    line: int
    printed: str = ""   # names: as printed, with padding
    note: str = ""


@dataclass
class _Block:
    segment: Segment
    heading: str
    heading_line: int
    lines: list[tuple[int, str]] = field(default_factory=list)  # (line, corrected text)
    interleaved: list[tuple[int, str]] = field(default_factory=list)  # inside a split heading
    credit_line: int | None = None
    after_credit: list[tuple[int, str]] = field(default_factory=list)


# ---------------------------------------------------------------------------
# Blocks
# ---------------------------------------------------------------------------

def _content(source: SourceText, n: int) -> str | None:
    """The corrected line (``**`` kept), or None for blank and page-debris lines."""
    if not source.cleaned(n).strip():
        return None
    return source.corrected(n).strip()


def _roster_heading(source: SourceText, n: int, last: int):
    """(heading, closing line, lines inside a split heading, rest of the closing line) or None."""
    text = _content(source, n)
    if not text or not text.startswith("【"):
        return None
    if "】" in text:
        head, rest = text[1:].split("】", 1)
        heading = compact(head)
        return (heading, n, [], rest) if heading.endswith(ROSTER_SUFFIXES) else None
    # Heading split over two lines; in the 人大 pages the lines in between come from
    # the other column.
    inside = []
    for m in range(n + 1, min(last, n + 12) + 1):
        t = _content(source, m)
        if t is None:
            continue
        if "】" in t:
            head, rest = t.split("】", 1)
            heading = compact(text[1:] + head)
            return (heading, m, inside, rest) if heading.endswith(ROSTER_SUFFIXES) else None
        if t.startswith("【") or t.startswith(CREDIT_PREFIX):
            return None
        inside.append((m, t))
    return None


def _find_blocks(source: SourceText, segment: Segment) -> list[_Block]:
    blocks: list[_Block] = []
    current: _Block | None = None
    n = segment.start
    while n <= segment.end:
        found = _roster_heading(source, n, segment.end)
        if found:
            heading, close, inside, rest = found
            current = _Block(segment, heading, n, interleaved=inside)
            blocks.append(current)
            if rest.strip():
                current.lines.append((close, rest.strip()))
            n = close + 1
            continue
        text = _content(source, n)
        if text is not None and current is not None:
            if text.startswith("【"):
                current = None
            elif current.credit_line is not None:
                current.after_credit.append((n, text))
            elif text.startswith(CREDIT_PREFIX):
                current.credit_line = n
            else:
                current.lines.append((n, text))
        n += 1
    return blocks


def _moves(source: SourceText, kind: str) -> list:
    return [r for r in source.profile.rows("roster_moves.csv", ("kind",)) if r["kind"] == kind]


def _move_lines_after_credit(source: SourceText, blocks: list[_Block]) -> None:
    """Lines printed after a roster's credit, above the next section heading, that end the
    next roster (profile ``after_credit`` rules: roster, target_roster, expect)."""
    rules = {r["roster"]: r for r in _moves(source, "after_credit")}
    for i, block in enumerate(blocks):
        stray = [(n, t) for n, t in block.after_credit if not t.startswith(CREDIT_PREFIX)]
        if not stray:
            continue
        rule = rules.get(block.heading)
        target = blocks[i + 1] if i + 1 < len(blocks) else None
        words = "".join(plain_words(t) for _, t in stray)
        if rule is None or target is None or target.heading != rule["target_roster"] or words != rule["expect"]:
            n = stray[0][0]
            source.review.problem(
                "roster-stray", f"名单「{block.heading}」的供稿行之后还有「{words}」，不知属于哪个名单，未读入", n,
                printed="\n".join(t for _, t in stray),
                error=f"unexpected text after the credit of roster {block.heading}: {stray[0][1]!r}")
            continue
        target.lines.extend(stray)


def _move_split_heading_tail(source: SourceText, blocks: list[_Block]) -> None:
    """Names printed inside a split roster heading (the column beside it) that end the
    roster before it (profile ``split_heading_tail`` rules: roster, target_roster, expect)."""
    rules = {r["roster"]: r for r in _moves(source, "split_heading_tail")}
    for i, block in enumerate(blocks):
        if not block.interleaved:
            continue
        previous = blocks[i - 1] if i else None
        head = []
        for n, t in block.lines:
            if SUB_BODY_RE.match(compact(t)):
                break
            head.append((n, t))
        moved = block.interleaved + head
        words = "".join(plain_words(t) for _, t in moved)
        rule = rules.get(block.heading)
        if rule is None or previous is None or previous.heading != rule["target_roster"] or words != rule["expect"]:
            source.review.problem(
                "roster-stray", f"名单标题「{block.heading}」分两行印刷，中间夹有「{words}」，读作该名单的开头",
                block.interleaved[0][0], printed="\n".join(t for _, t in block.interleaved),
                error=f"unexpected lines inside the split heading of {block.heading}")
            block.lines = block.interleaved + block.lines
            block.interleaved = []
            continue
        previous.lines.extend(moved)
        block.lines = block.lines[len(head):]
        block.interleaved = []


# ---------------------------------------------------------------------------
# Tokens
# ---------------------------------------------------------------------------

def _closing_paren(text: str, i: int) -> int:
    depth = 0
    for j in range(i, len(text)):
        if text[j] == "(":
            depth += 1
        elif text[j] == ")":
            depth -= 1
            if depth == 0:
                return j
    return -1


def _scan(text: str, line: int, source: SourceText) -> list[_Token]:
    """Split a roster line into raw tokens: whitespace and ``**`` separate tokens; a
    parenthesised note attaches to the token before it; other parentheses (副主席(兼),
    …党校(…行政学校)校长) are part of the token."""
    tokens: list[_Token] = []
    cur: _Token | None = None
    forced = False
    i = 0

    def close():
        nonlocal cur
        if cur is not None:
            tokens.append(cur)
            cur = None

    while i < len(text):
        if text.startswith("**", i):
            close()
            forced = not forced
            i += 2
            continue
        ch = text[i]
        if ch.isspace():
            close()
            i += 1
            continue
        if ch == "(":
            j = _closing_paren(text, i)
            if j < 0:
                source.review.problem("roster-token", f"名单行括号不配对：「{text}」，左括号后的文字按名字或职务读",
                                      line, printed=text, error=f"unbalanced parenthesis in roster line {text!r}")
                j = len(text) - 1
            inner = text[i + 1:j]
            if not forced and NOTE_RE.search(inner):
                close()
                if not tokens:
                    source.review.problem("roster-token", f"名单行「{text}」中的括注「({inner})」前没有人名，未读入",
                                          line, printed=text, error=f"note with no name before it: {text!r}")
                else:
                    tokens[-1].note = compact(inner)
                i = j + 1
                continue
            if cur is None:
                cur = _Token("", i, i, forced)
            cur.text += text[i:j + 1]
            cur.end = j + 1
            i = j + 1
            continue
        if cur is None:
            cur = _Token("", i, i, forced)
        cur.text += ch
        cur.end = i + 1
        i += 1
    close()
    return tokens


def _is_title(token: _Token) -> bool:
    t = token.text
    return (token.forced or "、" in t or "," in t or t in SHORT_TITLES
            or (len(t) >= 4 and bool(TITLE_END_RE.search(t))))


def _merge_padding(tokens: list[_Token]) -> list[_Token]:
    """``主 任`` / ``所 **长**`` / ``书 记赵`` → a title; ``冯 海`` → one two-character name."""
    out: list[_Token] = []
    k = 0
    while k < len(tokens):
        t = tokens[k]
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        if len(t.text) == 1 and not t.note and nxt is not None:
            if t.text + nxt.text[0] in PADDED_TITLES:
                out.append(_Token(t.text + nxt.text[0], t.start, nxt.start + 1, True))
                if len(nxt.text) > 1:  # 书 记赵 静: the rest of the token is a name part
                    tokens[k + 1] = _Token(nxt.text[1:], nxt.start + 1, nxt.end, nxt.forced,
                                           nxt.note)
                    k += 1
                else:
                    k += 2
                continue
            if len(nxt.text) == 1 and not t.forced and not nxt.forced:
                out.append(_Token(t.text + nxt.text, t.start, nxt.end, False, nxt.note))
                k += 2
                continue
        out.append(t)
        k += 1
    return out


def _split_fused(tokens: list[_Token]) -> list[_Token]:
    """A name fused with the next title (``<name>副主任``) → the name + the title 副主任."""
    out: list[_Token] = []
    for t in tokens:
        m = None if (t.forced or "、" in t.text or t.note) else FUSABLE_TITLE_RE.match(t.text)
        if m and not set(m.group(1)) & NON_NAME_CHARS:
            cut = t.start + len(m.group(1))
            out.append(_Token(m.group(1), t.start, cut))
            out.append(_Token(m.group(2), cut, t.end, True))
        else:
            out.append(t)
    return out


def _line_items(source: SourceText, n: int, text: str) -> list[_Item]:
    corrected = source.corrected(n)
    offset = corrected.find(text)
    printed = source.printed(n)
    same_shape = offset >= 0 and len(printed) == len(corrected)
    tokens = _split_fused(_merge_padding(_scan(text, n, source)))
    items = []
    for t in tokens:
        if _is_title(t):
            items.append(_Item("title", compact(t.text).replace(",", "、"), n))
            continue
        if not NAME_RE.match(t.text):
            guess = "页码，略去" if re.fullmatch(r"\S*\d+\S*", t.text) else "略去"
            source.review.problem("roster-token", f"名单中的「{t.text}」既不是职务也不是人名（{guess}），未读入", n,
                                  printed=text, guess=guess,
                                  error=f"roster token {t.text!r} is neither a title nor a name")
            continue
        shown = printed[offset + t.start:offset + t.end] if same_shape else text[t.start:t.end]
        items.append(_Item("name", t.text, n, shown.strip(), t.note))
    return items


# ---------------------------------------------------------------------------
# Notes
# ---------------------------------------------------------------------------

def _ym(year: str, month: str) -> YearMonth:
    return YearMonth(int(year), int(month))


def _split_top_level(note: str) -> list[str]:
    parts, depth, cur = [], 0, ""
    for ch in note:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch in ",，" and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    return [p for p in parts if p]


@dataclass
class _Note:
    female: bool = False
    party: str = ""
    ethnicity: str = ""
    seconded: bool = False
    start: YearMonth | None = None
    end: YearMonth | None = None
    scope: str = ""
    appointments: list[tuple[YearMonth, str]] = field(default_factory=list)


class _Unreadable(ValueError):
    pass


def _parse_note(note: str) -> _Note:
    """The parts of a note (女, 民建, 2020年1月任, 任至…, ranges, appointments …); raises
    _Unreadable on a part it cannot read."""
    out = _Note()
    for part in _split_top_level(note):
        if part == "女":
            out.female = True
        elif part in PARTIES:
            out.party = part
        elif part in ETHNICITIES:
            out.ethnicity = part
        elif part == "挂职":
            out.seconded = True
        elif m := START_RE.match(part):
            out.start = _ym(*m.groups())
        elif m := END_RE.match(part):
            out.end = _ym(*m.groups())
        elif m := RANGE_RE.match(part):
            out.start, out.end = _ym(m[1], m[2]), _ym(m[3], m[4])
        elif m := APPOINTMENT_RE.match(part):
            out.appointments.append((_ym(m[1], m[2]), m[3]))
        elif m := SCOPED_START_RE.match(part):
            out.scope, out.start = m[1], _ym(m[2], m[3])
        else:
            raise _Unreadable(f"unreadable roster note part {part!r} in ({note})")
    return out


def _appointment_titles(title: str, appointments: list[tuple[YearMonth, str]]) -> list[tuple[YearMonth, str]]:
    """Give each dated appointment the parts of the printed title its role names.

    ``区委副书记、…校长`` + ``(2020年4月任区委副书记,2020年7月任…校长)``: one appointment
    per dated role, each with its title parts.
    """
    parts = title.split("、")
    owned: list[list[str]] = [[] for _ in appointments]
    for part in parts:
        holders = [i for i, (_, role) in enumerate(appointments) if part in role]
        if not holders:
            raise _Unreadable(f"title part {part!r} is in no appointment of the note")
        owned[holders[0]].append(part)
    if not all(owned):
        raise _Unreadable(f"an appointment of the note matches no part of title {title!r}")
    return [(start, "、".join(p)) for (start, _), p in zip(appointments, owned)]


def _note_guess(source: SourceText, note: str, title: str) -> str:
    """The note read with the OCR confusions of the profile undone (2020年5月仟 → 2020年5月任),
    when that makes it readable; else ""."""
    confusions = source.profile.get("ocr.confusions", {}) or {}
    guess = note
    for wrong, right in confusions.items():
        guess = guess.replace(wrong, right)
    if guess == note:
        return ""
    try:
        parsed = _parse_note(guess)
        if parsed.appointments:
            _appointment_titles(title, parsed.appointments)
    except _Unreadable:
        return ""
    return guess


# ---------------------------------------------------------------------------
# Members
# ---------------------------------------------------------------------------

def _title_joins(previous: str) -> bool:
    """A title directly followed by another title continues on it when it ends with
    、 or is a fragment broken at a line end (区非公经济组织和社会组 | 织党工委副书记)."""
    return previous.endswith("、") or not TITLE_END_RE.search(previous)


def _build_members(source: SourceText, items: list[_Item], roster: Roster) -> None:
    roster.source_line_end = max([roster.source_line] + [item.line for item in items])
    title: str | None = None
    title_line = 0
    named = True  # the current title has at least one name
    notes = []
    for item in items:
        if item.kind == "title":
            if title is not None and not named and _title_joins(title):
                title += item.text
            else:
                if title is not None and not named:
                    notes.append(f"职务「{title}」（第 {title_line} 行）下没有印人名")
                title, title_line = item.text, item.line
            named = False
            continue
        if title is None:
            source.review.problem("roster-title", f"名单「{roster.heading}」中的「{item.text}」前没有职务，职务空缺",
                                  item.line, printed=item.printed,
                                  error=f"name {item.text!r} before any title in roster {roster.heading}")
        named = True
        roster.members.extend(_members_for(source, item, title or ""))
    if title is not None and not named:
        notes.append(f"职务「{title}」（第 {title_line} 行）下没有印人名")
    if notes:
        roster.needs_review = True
        roster.review_note = "；".join(notes)


def _garbled_names(source: SourceText) -> dict[str, tuple[str, str]]:
    """Garbled names kept in the profile's best reading and flagged (``garbled_names.csv``)."""
    return {r["printed"]: (r["reading"], r["note"])
            for r in source.profile.rows("garbled_names.csv", ("printed", "reading", "note"))}


def _members_for(source: SourceText, item: _Item, title: str) -> list[RosterMember]:
    name, review = _garbled_names(source).get(item.text, (item.text, ""))
    try:
        note = _parse_note(item.note)
        if note.appointments and (note.start or note.end):
            raise _Unreadable(f"note mixes appointments and a tenure: ({item.note})")
        appointments = ([(None, title)] if not note.appointments else
                        _appointment_titles(title, note.appointments))
    except _Unreadable as exc:
        # The member is kept with its note as printed and no dates; the editor gets the guess.
        guess = _note_guess(source, item.note, title)
        source.review.problem(
            "roster-note", f"「{name}」的括注「({item.note})」无法读出任职时间，按原文保留"
                           + (f"；可能是「({guess})」" if guess else ""),
            item.line, printed=f"{item.printed}({item.note})", guess=guess, error=f"{exc}")
        note = _Note(female="女" in _split_top_level(item.note))
        appointments = [(None, title)]
        review = "；".join(x for x in (review, f"括注无法读出：({item.note})") if x)
    seconded = note.seconded or "挂职" in title or "(挂)" in title
    members = []
    for start, t in appointments:
        members.append(RosterMember(
            source_line=item.line, source_line_end=item.line,
            needs_review=bool(review), review_note=review,
            name=name, name_printed=item.printed, title=t,
            gender="F" if note.female else "M", gender_marked=note.female,
            start=start or note.start, end=note.end, note=item.note,
            party=note.party, ethnicity=note.ethnicity, seconded=seconded,
            tenure_scope=note.scope,
        ))
    return members


def _move_misplaced_members(source: SourceText, roster: Roster, used: set[str]) -> None:
    """A name read across two columns, printed in the wrong place of a list (profile
    ``misplaced_member`` rules: roster heading, body, expect = the first names of the list
    ``A|B``, title): B is moved to the end of the list with the rule's title and flagged
    with the rule's note. The list's last member must already hold that title."""
    for rule in _moves(source, "misplaced_member"):
        if rule["roster"] != roster.heading or rule["body"] != roster.body:
            continue
        used.add(rule.origin)
        expect = rule["expect"].split("|")
        names = [m.name for m in roster.members]
        if len(expect) != 2 or names[:2] != expect or roster.members[-1].title != rule["title"]:
            source.review.problem(
                "profile-rule", f"配置规则（{rule.origin}）：名单「{roster.body or roster.heading}」应以"
                f"「{'、'.join(expect)}」开头、以「{rule['title']}」结尾，与原文不符，未移动", roster.source_line,
                printed="、".join(names[:3]),
                error=f"{roster.body or roster.heading} list is not as expected ({', '.join(expect)} … {rule['title']})")
            continue
        moved = roster.members.pop(1)
        moved.title = rule["title"]
        moved.needs_review = True
        moved.review_note = rule["note"]
        roster.members.append(moved)


def _flag_rosters(source: SourceText, rosters: list[Roster]) -> None:
    """Rosters the profile flags with a note (``flag_roster`` rules), e.g. the other list an
    ambiguous member may belong to, so an editor looking at either list sees the question."""
    for rule in _moves(source, "flag_roster"):
        hits = [r for r in rosters if r.heading == rule["roster"]]
        if len(hits) != 1:
            source.review.problem(
                "profile-rule", f"配置规则（{rule.origin}）：名单「{rule['roster']}」未找到或出现多次", None,
                printed=rule["roster"], error=f"the roster {rule['roster']} is missing or repeated")
            continue
        hits[0].needs_review = True
        hits[0].review_note = rule["note"]


# ---------------------------------------------------------------------------
# Rosters
# ---------------------------------------------------------------------------

def _organization(source: SourceText, heading: str) -> str:
    """The agency a heading names; the profile maps headings with a term number or a stray
    word to the canonical name (``[rosters.organization_aliases]``)."""
    name = heading
    for suffix in ROSTER_SUFFIXES:
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    aliases = source.profile.get("rosters.organization_aliases", {}) or {}
    return aliases.get(name, name)


def _block_items(source: SourceText, block: _Block, sub_bodies: bool) -> list[_Item]:
    items: list[_Item] = []
    for n, text in block.lines:
        if sub_bodies and SUB_BODY_RE.match(compact(text)):
            items.append(_Item("body", compact(text), n))
        else:
            items.extend(_line_items(source, n, text))
    return items


def _new_roster(block: _Block, organization: str, body: str, line: int) -> Roster:
    # page is left None: SourceText.page_of() reads the nearest page number before a line,
    # and page numbers are missing on most pages here (it gives p.37 for the 区委 roster).
    return Roster(source_line=line, organization=organization,
                  heading=block.heading, section=block.segment.name,
                  category=block.segment.category, body=body)


def _rosters_of_block(source: SourceText, block: _Block, used: set[str]) -> list[Roster]:
    organization = _organization(source, block.heading)
    parent = (source.profile.get("rosters.sub_body_parents", {}) or {}).get(organization)
    items = _block_items(source, block, parent is not None)
    if parent is not None and not any(i.kind == "body" for i in items):
        source.review.problem(
            "roster-body", f"分组名单「{block.heading}」中没有分组名称，按一个名单读入", block.heading_line,
            printed=block.heading, error=f"committee list {block.heading} does not start with a sub-body")
        parent = None
    if parent is None:
        roster = _new_roster(block, organization, "", block.heading_line)
        _build_members(source, items, roster)
        rosters = [roster]
    else:
        groups: list[tuple[_Item | None, list[_Item]]] = []
        for item in items:
            if item.kind == "body":
                groups.append((item, []))
            elif not groups:
                # names before the first sub-body label (an unconfirmed displacement, already
                # a review item): a list of the block's own agency
                groups.append((None, [item]))
            else:
                groups[-1][1].append(item)
        rosters = []
        for label, group in groups:
            if label is None:
                roster = _new_roster(block, organization, "", block.heading_line)
            else:
                roster = _new_roster(block, parent + label.text, label.text, label.line)
            _build_members(source, group, roster)
            _move_misplaced_members(source, roster, used)
            rosters.append(roster)
    for roster in rosters:
        if not roster.members:
            source.review.problem("roster-empty", f"名单「{roster.body or roster.heading}」中没有读出任何人",
                                  roster.source_line, printed=roster.heading,
                                  error=f"roster {roster.heading} {roster.body} has no member")
        for i, member in enumerate(roster.members, start=1):
            member.order = i
    return rosters


def _infer_unmarked_women(rosters: list[Roster]) -> None:
    """Some lists omit (女) for women marked elsewhere: a name marked 女 once is "F" everywhere."""
    women = {m.name for r in rosters for m in r.members if m.gender_marked}
    for r in rosters:
        for m in r.members:
            if m.name in women:
                m.gender = "F"


def parse_rosters(source: SourceText, segments: list[Segment]) -> list[Roster]:
    blocks = [b for s in segments if s.outline.kind == "sections" for b in _find_blocks(source, s)]
    _move_lines_after_credit(source, blocks)
    _move_split_heading_tail(source, blocks)
    used: set[str] = set()
    rosters = [r for b in blocks for r in _rosters_of_block(source, b, used)]
    for rule in _moves(source, "misplaced_member"):
        if rule.origin not in used:
            source.review.problem("profile-rule", f"配置规则（{rule.origin}）：名单「{rule['body'] or rule['roster']}」未找到",
                                  None, printed=rule["roster"], error=f"the list {rule['roster']} {rule['body']} is missing")
    _flag_rosters(source, rosters)
    _infer_unmarked_women(rosters)
    for i, roster in enumerate(rosters, start=1):
        roster.order = i
    return rosters
