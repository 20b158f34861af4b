"""Leadership rosters (领导班子成员 / 组成人员) closing the sections of the body.

A roster block starts at a heading ``【X领导班子成员】`` / ``【X组成人员】`` (possibly
split over two lines) and ends at the credit ``(供稿…)``, the next ``【`` line or
the end of its section. Inside a block, titles and names alternate in printed
order: a title applies to the names that follow it until the next title, whether
the title stands on its own line, at the end of the previous line or between
names on one line (GUIDE §5 case 11).

Sub-bodies: the two 人大 committee lists (专门委员会, 办公室及各工作委员会) give
ONE Roster PER SUB-BODY: ``body`` is the sub-body as printed (法制委员会, 办公室 …),
``organization`` is the sub-body qualified by its parent (金川区人大法制委员会,
金川区人大常委会办公室), ``heading`` is the shared block heading and
``source_line`` the sub-body's label line. 68 blocks therefore give 74 Rosters.

Appointments: one RosterMember per person mention, except that a note dating
different parts of the title separately (李生虎 1554, 马静 3070) gives one member
row per appointment, each with the title parts it names. A note dating only one
part of the title (潘发辉 2736 ``党组成员 2020 年 4 月任``, 张霞 4181) keeps one row
with the whole title; start/end then hold that date and ``tenure_scope`` names
the part it refers to.

Gender: "F" when 女 is printed in the person's note; the book omits the mark in
some rosters (展之春, 田应花 in the 区委 roster, 崔剑梅 in the 常委会 list, 张倩茹
3887), so a name marked 女 in another roster mention is "F" too, with
``gender_marked`` False. Everyone else is "M" (the book marks only women).

Structural fixes (each checks the text it expects and fails loudly otherwise):
* the 区委党校 lines displaced above its section heading (1797–1799) are moved to
  the end of the 区委党校 roster (GUIDE §5 case 2);
* the tail of the 常委会 委员 list, printed inside and after the split heading of
  the 专门委员会 roster (1936, 1938, 1942), is moved back to the 常委会 roster;
* 曹世雄, printed below 主任委员 张生学 in the 法制委员会 list (1948), is read as
  its last 委员 and flagged for review (GUIDE §5 case 3); the 常委会 roster is flagged
  too, as he may be the 委员 missing there between 高荣魁 and 崔荣.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .records import Roster, RosterMember, YearMonth
from .segment import Segment
from .source import HAN, ParseError, SourceText
from .text import compact

ROSTER_SUFFIXES = ("领导班子成员", "组成人员")
CREDIT_PREFIX = "(供稿"

# Canonical names where the heading carries a term number or a stray word.
ORGANIZATION_ALIASES = {
    "金川区八届人大常委会": "金川区人大常委会",
    "政协金川区第八届委员会": "政协金川区委员会",
    "区房管所单位": "区房管所",
}
# Committee lists split into sub-bodies, and the prefix that qualifies each sub-body.
SUB_BODY_PARENTS = {
    "金川区第八届人民代表大会各专门委员会": "金川区人大",
    "金川区人大常委会办公室及各工作委员会": "金川区人大常委会",
}
SUB_BODY_RE = re.compile(r"^(办公室|[^、\s]{2,}委员会)$")

# Two single characters that are a padded title, not a two-character name.
PADDED_TITLES = {"主任", "书记", "校长", "区长", "委员", "部长", "局长", "所长", "馆长", "主席"}
SHORT_TITLES = PADDED_TITLES | {
    "副主任", "副书记", "副校长", "副区长", "副部长", "副局长", "副所长", "副馆长", "副主席",
    "镇长", "副镇长", "理事长", "副理事长",
}
TITLE_END_RE = re.compile(r"(书记|长|主任|主席|委员|成员|常委|专员|辅导员|候选人|\((?:兼|挂)\))$")
# Titles a name can be fused with (曾昭武副主任), and the characters that mark the
# part before them as an organisation or qualifier rather than a personal name.
FUSABLE_TITLE_RE = re.compile(r"^(.{2,3}?)(副?(?:主任|书记|局长|部长|主席)|委员)$")
NON_NAME_CHARS = set("党组委会区局所办处室社队团部科院镇街事务人大政协工纪监职主副理中心站市法")

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

# Garbled names kept in their best reading and flagged (GUIDE §3.3).
GARBLED_NAMES = {
    "呈玉平": ("呈玉平", "呈 is an unusual surname; probably OCR for 吴 or 程 (cannot be verified)"),
    "香兴^萍": ("香兴萍", "printed 香兴^萍: the ^ is OCR junk; 香 may be a misread surname (cannot be verified)"),
    "藩耀林": ("藩耀林", "藩 is probably OCR for 潘 (cannot be verified)"),
    "干英才": ("干英才", "干 is probably OCR for 王 or 于 (cannot be verified)"),
    "干兆平": ("干兆平", "干 is probably OCR for 王 or 于 (cannot be verified)"),
}


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


def _move_party_school_lines(blocks: list[_Block]) -> None:
    """GUIDE §5 case 2: 1797 ``李生虎 (2020 年 7 月任) **副校长**``, 1799 ``王旭辉`` and
    the credit 1801 stand after the 机关工委 roster's credit, above the 区委党校 heading;
    they are the end of the 区委党校 roster (校长 张恒山 → 李生虎; 副校长 王旭辉)."""
    for i, block in enumerate(blocks):
        stray = [(n, t) for n, t in block.after_credit if not t.startswith(CREDIT_PREFIX)]
        if not stray:
            continue
        target = blocks[i + 1] if i + 1 < len(blocks) else None
        if (block.heading != "区委机关工委领导班子成员" or target is None
                or target.heading != "区委党校领导班子成员"
                or not stray[0][1].startswith("李生虎") or "副校长" not in stray[0][1]):
            n = stray[0][0]
            raise ParseError(f"unexpected text after the credit of roster {block.heading}: "
                             f"{stray[0][1]!r}", None, n)
        target.lines.extend(stray)


def _move_standing_committee_tail(blocks: list[_Block]) -> None:
    """GUIDE §5 case 3: the last 委员 of the 常委会 list (崔荣 1936, 崔剑梅 1938,
    湛正宝(民建) 魏云峰 1942) were printed in the column beside the split heading of the
    专门委员会 roster, before its first sub-body label; they go back to the 常委会 roster."""
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
        names = [compact(re.sub(r"\(.*?\)", " ", t)) for _, t in moved]
        if (previous is None or previous.heading != "金川区八届人大常委会组成人员"
                or "".join(names) != "崔荣崔剑梅湛正宝魏云峰"):
            raise ParseError(f"unexpected lines inside the split heading of {block.heading}",
                             None, block.interleaved[0][0])
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


def _scan(text: str, line: int) -> list[_Token]:
    """Split a roster line into raw tokens: whitespace and ``**`` separate tokens; a
    parenthesised note attaches to the token before it; other parentheses (副主席(兼),
    区委党校(区行政学校)校长) are part of the token."""
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
                raise ParseError(f"unbalanced parenthesis in roster line {text!r}", None, line)
            inner = text[i + 1:j]
            if not forced and NOTE_RE.search(inner):
                close()
                if not tokens:
                    raise ParseError(f"note with no name before it: {text!r}", None, line)
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
    """``曾昭武副主任`` (2273) → name 曾昭武 + title 副主任."""
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
    tokens = _split_fused(_merge_padding(_scan(text, n)))
    items = []
    for t in tokens:
        if _is_title(t):
            items.append(_Item("title", compact(t.text).replace(",", "、"), n))
            continue
        if not NAME_RE.match(t.text):
            raise ParseError(f"roster token {t.text!r} is neither a title nor a name", source.path, n)
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


def _parse_note(note: str, line: int, path: str) -> _Note:
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
            raise ParseError(f"unreadable roster note part {part!r} in ({note})", path, line)
    return out


def _appointment_titles(title: str, appointments: list[tuple[YearMonth, str]],
                        line: int, path: str) -> list[tuple[YearMonth, str]]:
    """Give each dated appointment the parts of the printed title its role names.

    1554 区委副书记、区委党校(区行政学校)校长 + (2020年4月任区委副书记,2020年7月任区委党校
    (区行政学校)校长); 3070 党组书记、主任、理事会主任 + (2020年10月任区供销合作社主任、
    理事会主任候选人,2020年12月任中共金川区供销合作社党组书记).
    """
    parts = title.split("、")
    owned: list[list[str]] = [[] for _ in appointments]
    for part in parts:
        holders = [i for i, (_, role) in enumerate(appointments) if part in role]
        if not holders:
            raise ParseError(f"title part {part!r} is in no appointment of the note", path, line)
        owned[holders[0]].append(part)
    if not all(owned):
        raise ParseError(f"an appointment of the note matches no part of title {title!r}", path, line)
    return [(start, "、".join(p)) for (start, _), p in zip(appointments, owned)]


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
                    notes.append(f"title {title} (line {title_line}) is printed with no name")
                title, title_line = item.text, item.line
            named = False
            continue
        if title is None:
            raise ParseError(f"name {item.text!r} before any title in roster {roster.heading}",
                             source.path, item.line)
        named = True
        roster.members.extend(_members_for(source, item, title))
    if title is not None and not named:
        notes.append(f"title {title} (line {title_line}) is printed with no name")
    if notes:
        roster.needs_review = True
        roster.review_note = "; ".join(notes)


def _members_for(source: SourceText, item: _Item, title: str) -> list[RosterMember]:
    note = _parse_note(item.note, item.line, source.path)
    name, review = GARBLED_NAMES.get(item.text, (item.text, ""))
    seconded = note.seconded or "挂职" in title or "(挂)" in title
    appointments = ([(None, None, title)] if not note.appointments else
                    [(start, None, t) for start, t in
                     _appointment_titles(title, note.appointments, item.line, source.path)])
    if note.appointments and (note.start or note.end):
        raise ParseError(f"note mixes appointments and a tenure: ({item.note})", source.path, item.line)
    members = []
    for start, end, t in appointments:
        members.append(RosterMember(
            source_line=item.line, source_line_end=item.line,
            needs_review=bool(review), review_note=review,
            name=name, name_printed=item.printed, title=t,
            gender="F" if note.female else "M", gender_marked=note.female,
            start=start or note.start, end=end or note.end, note=item.note,
            party=note.party, ethnicity=note.ethnicity, seconded=seconded,
            tenure_scope=note.scope,
        ))
    return members


CAO_SHIXIONG_NOTE = (
    "printed alone below 主任委员 张生学 (1948, two columns read across); read as the last 委员 of "
    "法制委员会 (GUIDE §5 case 3). Alternative: a 常委会 委员 displaced like 崔荣/崔剑梅/湛正宝/魏云峰 "
    "(1936–1942): the stroke-ordered 委员 list (1932) has his place free between 高荣魁 and 崔荣, and the "
    "other four heads of the 常委会 office and 工作委员会 (王志雄, 李玉柏, 王爱军, 崔剑梅) are all 常委会 委员; "
    "with him the 法制委员会 would have 6 members against 5 in the other two committees")


def _move_misplaced_committee_member(roster: Roster) -> None:
    """GUIDE §5 case 3: 1948 ``曹世雄`` stands between 主任委员 张生学 and 副主任委员 in the
    法制委员会 list (two columns read across). Best reading: the list's last 委员; flagged."""
    if roster.body != "法制委员会":
        return
    names = [m.name for m in roster.members]
    if names[:2] != ["张生学", "曹世雄"] or roster.members[-1].title != "委员":
        raise ParseError("法制委员会 list is not as expected (张生学, 曹世雄 … 委员)",
                         None, roster.source_line)
    moved = roster.members.pop(1)
    moved.title = "委员"
    moved.needs_review = True
    moved.review_note = CAO_SHIXIONG_NOTE
    roster.members.append(moved)


def _flag_standing_committee_alternative(rosters: list[Roster]) -> None:
    """The other reading of 曹世雄 (1948) puts him in the 常委会 委员 list: flag that roster
    too, so an editor looking at either list sees the open question."""
    standing = [r for r in rosters if r.heading == "金川区八届人大常委会组成人员"]
    if len(standing) != 1:
        raise ParseError("the 常委会 roster (1926) is missing or repeated", None, 1926)
    standing[0].needs_review = True
    standing[0].review_note = ("曹世雄 (line 1948, read as a 委员 of 法制委员会) may be a 委员 of this list: "
                               "in stroke order he would stand between 高荣魁 and 崔荣")


# ---------------------------------------------------------------------------
# Rosters
# ---------------------------------------------------------------------------

def _organization(heading: str) -> str:
    name = heading
    for suffix in ROSTER_SUFFIXES:
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return ORGANIZATION_ALIASES.get(name, name)


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


def _rosters_of_block(source: SourceText, block: _Block) -> list[Roster]:
    parent = SUB_BODY_PARENTS.get(_organization(block.heading))
    items = _block_items(source, block, parent is not None)
    if parent is None:
        roster = _new_roster(block, _organization(block.heading), "", block.heading_line)
        _build_members(source, items, roster)
        rosters = [roster]
    else:
        if not items or items[0].kind != "body":
            raise ParseError(f"committee list {block.heading} does not start with a sub-body",
                             source.path, block.heading_line)
        groups: list[tuple[_Item, list[_Item]]] = []
        for item in items:
            if item.kind == "body":
                groups.append((item, []))
            else:
                groups[-1][1].append(item)
        rosters = []
        for label, group in groups:
            roster = _new_roster(block, parent + label.text, label.text, label.line)
            _build_members(source, group, roster)
            _move_misplaced_committee_member(roster)
            rosters.append(roster)
    for roster in rosters:
        if not roster.members:
            raise ParseError(f"roster {roster.heading} {roster.body} has no member",
                             source.path, roster.source_line)
        for i, member in enumerate(roster.members, start=1):
            member.order = i
    return rosters


def _infer_unmarked_women(rosters: list[Roster]) -> None:
    """The 区委 and 常委会 lists omit (女) for women marked elsewhere (展之春 1574 / 1684)."""
    women = {m.name for r in rosters for m in r.members if m.gender_marked}
    for r in rosters:
        for m in r.members:
            if m.name in women:
                m.gender = "F"


def parse_rosters(source: SourceText, segments: list[Segment]) -> list[Roster]:
    try:
        blocks = [b for s in segments if s.outline.kind == "sections" for b in _find_blocks(source, s)]
        _move_party_school_lines(blocks)
        _move_standing_committee_tail(blocks)
        rosters = [r for b in blocks for r in _rosters_of_block(source, b)]
        _flag_standing_committee_alternative(rosters)
    except ParseError as exc:
        exc.path = exc.path or source.path
        raise
    _infer_unmarked_women(rosters)
    for i, roster in enumerate(rosters, start=1):
        roster.order = i
    return rosters
