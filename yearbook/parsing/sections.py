"""Sections (分目) and their entries (条目).

One ``Section`` per outline segment. Entries come in three shapes:

* 特载 reports: one long-form ``Entry(kind="report")`` each, with the by-line and
  the report's internal headings (一、… / (一)… / bold lead lines / plain headings).
* ordinary sections and 区情概览: one ``Entry`` per ``【标题】``; roster blocks,
  tables and the ``(供稿…)`` credit are not entry text (other stages read them).
* 大事记, 先进模范, 附录: the section only; other stages parse their bodies.

Paragraphs broken across page or column breaks are re-joined (GUIDE §3.8).
Displaced text (GUIDE §5 cases 2 and 4) is fixed by the named rules at the end of
this module; each checks the text it expects and raises ParseError otherwise.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .records import Entry, Section
from .segment import Segment
from .source import ParseError, SourceText
from .text import compact, tidy

CREDIT_RE = re.compile(r"^\(供稿[::]?\s*(?P<name>[^()]+?)\s*\)$")
ROSTER_TITLE_RE = re.compile(r"(领导班子成员|组成人员)$")
# A line ends its paragraph when it ends a sentence. A closing quote only does so
# after sentence punctuation: 807 `…为"十三五"` and 933 `…抢抓"一带一路"` go on.
SENTENCE_END_RE = re.compile(r"(?:[。!?;…]|[。!?;][\"'])$")
COLON_END_RE = re.compile(r":$")
# In 【】 entries a line-final ':' is the OCR's ';' (1536 `…会议精神:` / 1538 `全省…`),
# never a list intro; in the reports it introduces a list (871, 897, 915, 923).
ENTRY_COLON_ENDS_PARAGRAPH = False
# Tables inside entries (人社 3677–3741, 医保 3769–3806): rows carry tabs; titles
# are short unpunctuated lines ending in 表 (some split over two lines: 3684/3686);
# a unit line (3723 `单位:元`) may stray after a table.
TABLE_TITLE_RE = re.compile(r"^[^,。;:!?]{4,45}(统计表|明细表|比例表|情况表)$")
TABLE_TITLE_HEAD_RE = re.compile(r"^[^,。;:!?【]{2,12}$")
UNIT_LINE_RE = re.compile(r"^单位[::]\s*\S{1,12}$")

# 特载 reports
CN_NUM = "一二三四五六七八九十"
REPORT_PART_RE = re.compile(rf"^[{CN_NUM}]+、")
REPORT_SUBPART_RE = re.compile(rf"^\([{CN_NUM}]+\)")
PROSE_PUNCT_RE = re.compile(r"[,。;:!?、]")
BYLINE_RE = re.compile(r"^——")
LEAD_LINE_MAX = 25        # bold lead sentences on their own line (763 `发展动能有效释放。`)
PLAIN_HEADING_MAX = 20    # 637 `2020 年工作回顾`, 861 `"十四五"奋斗目标和重点工作`
HEADING_TAIL_MAX = 8      # 696 `身建设`, 735 `用中体现责任担当`, 1055 `提升议政成效`

# Report paragraphs that end unfinished because the book lost text at the break
# (GUIDE §3.7): the next line starts a new thought and must not be glued on.
LOST_TEXT_BREAKS = {
    538: "要把向",          # 538 → 540 `根据区委关于"十四五"规划的建议…`
    931: "产业集群提质",    # 931 → 933 `纵深推进开放开发。…` (增效。 lost)
}


@dataclass
class _Piece:
    """A cleaned physical line, or the part of one that starts at an embedded 【."""
    line: int
    text: str
    tabbed: bool = False   # the physical line holds a tab: a table row (GUIDE §0)


@dataclass
class _EntryDraft:
    title: str
    heading_line: int
    lines: list[int] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    open: bool = False   # the last paragraph is unfinished and may continue

    def add(self, text: str, line: int, *, colon_ends: bool = False) -> None:
        text = text.strip()
        if not text:
            return
        if self.open and self.paragraphs:
            self.paragraphs[-1] += text
        else:
            self.paragraphs.append(text)
        self.lines.append(line)
        self.open = not ends_sentence(text, colon_ends=colon_ends)

    def break_paragraph(self) -> None:
        self.open = False


@dataclass
class _SectionBody:
    entries: list[_EntryDraft] = field(default_factory=list)
    credits: list[tuple[str, int]] = field(default_factory=list)      # (name, line)
    orphans: list[_Piece] = field(default_factory=list)              # text outside any entry
    rosters: list[tuple[str, int]] = field(default_factory=list)      # (heading, line)
    table_lines: list[int] = field(default_factory=list)


def ends_sentence(text: str, *, colon_ends: bool = False) -> bool:
    text = text.rstrip()
    return bool(SENTENCE_END_RE.search(text) or (colon_ends and COLON_END_RE.search(text)))


def contributor_name(text: str) -> str | None:
    """``(供稿: 李 强)`` → ``李强``; None when the line is not a credit."""
    m = CREDIT_RE.match(text.strip())
    return compact(m.group("name")) if m else None


def entry_title(raw: str) -> str:
    return tidy(raw)


# ---------------------------------------------------------------------------
# Public entry point
# ---------------------------------------------------------------------------

def parse_sections(source: SourceText, segments: list[Segment]) -> list[Section]:
    sections: list[Section] = []
    bodies: dict[int, _SectionBody] = {}
    for seg in segments:
        section = _new_section(source, seg)
        kind = seg.outline.kind
        if kind == "report":
            section.entries = [_parse_report(source, seg)]
        elif kind in ("sections", "overview"):
            bodies[seg.order] = _parse_body(source, seg)
        sections.append(section)

    _move_displaced_party_school_lines(source, sections, bodies)
    for section in sections:
        body = bodies.get(section.order)
        if body is None:
            continue
        _check_body(source, section, body)
        if body.credits:
            section.contributor, section.contributor_line = body.credits[0]
        kind = "overview" if section.kind == "overview" else "entry"
        section.entries = [_finish_entry(source, d, i + 1, kind) for i, d in enumerate(body.entries)]
    return sections


def _new_section(source: SourceText, seg: Segment) -> Section:
    content = [l.number for l in source.lines(seg.heading_line, seg.end)]
    heading = "" if seg.outline.kind == "overview" else source.cleaned(seg.heading_line).strip()
    return Section(
        # a section the outline flags (a placement that is an editorial guess) carries its note
        needs_review=bool(seg.outline.review_note), review_note=seg.outline.review_note,
        source_line=seg.heading_line,
        source_line_end=content[-1] if content else seg.heading_line,
        page=seg.outline.page,
        category=seg.category,
        name=seg.name,
        heading=heading,
        order=seg.order,
        kind=seg.outline.kind,
    )


def _finish_entry(source: SourceText, d: _EntryDraft, order: int, kind: str) -> Entry:
    first = min([d.heading_line, *d.lines])
    last = max([d.heading_line, *d.lines])
    return Entry(
        source_line=first,
        source_line_end=last,
        title=entry_title(d.title),
        text="\n".join(tidy(p) for p in d.paragraphs),
        order=order,
        kind=kind,
    )


# ---------------------------------------------------------------------------
# Ordinary sections: 【】 entries, rosters, tables, credits
# ---------------------------------------------------------------------------

def _pieces(source: SourceText, first: int, last: int) -> list[_Piece]:
    """Cleaned lines, split before every 【 that is not at the start (1483, 1522, 3351)."""
    out = []
    for line in source.lines(first, last):
        parts = re.split(r"(?=【)", line.text)
        for part in parts:
            if part.strip():
                out.append(_Piece(line.number, part.strip(), "\t" in line.text))
    return out


def _read_heading(source: SourceText, pieces: list[_Piece], i: int
                  ) -> tuple[str, str, int, int, list[_Piece]]:
    """Title, the text after 】 and its line, the index after the heading, displaced lines inside it.

    A heading may be split over two lines (1516/1518, 1870/1872, 2163/2165); in the
    人大 rosters the two halves have displaced roster names between them
    (1934 … 1936 崔荣, 1938 崔剑梅 … 1940 `员会组成人员】`).
    """
    p = pieces[i]
    if "】" in p.text:
        title, _, rest = p.text[1:].partition("】")
        return title, rest.strip(), p.line, i + 1, []
    for j in range(i + 1, min(i + 6, len(pieces))):
        q = pieces[j]
        if q.text.startswith("【") or contributor_name(q.text):
            break
        if "】" in q.text:
            tail, _, rest = q.text.partition("】")
            return p.text[1:] + tail, rest.strip(), q.line, j + 1, pieces[i + 1:j]
    raise ParseError(f"entry heading {p.text[:30]!r} is not closed by 】", source.path, p.line)


def _is_table_matter(pieces: list[_Piece], i: int) -> bool:
    text = pieces[i].text
    if pieces[i].tabbed or TABLE_TITLE_RE.match(text) or UNIT_LINE_RE.match(text):
        return True
    nxt = pieces[i + 1].text if i + 1 < len(pieces) else ""
    return bool(TABLE_TITLE_HEAD_RE.match(text) and TABLE_TITLE_RE.match(nxt) and re.match(r"\d", text))


def _parse_body(source: SourceText, seg: Segment) -> _SectionBody:
    body = _SectionBody()
    pieces = _pieces(source, seg.start, seg.end)
    current: _EntryDraft | None = None
    in_roster = False
    i = 0
    while i < len(pieces):
        p = pieces[i]
        name = contributor_name(p.text)
        if name is not None:
            body.credits.append((name, p.line))
            current, in_roster = None, False
            i += 1
            continue
        if p.text.startswith("【"):
            title, rest, rest_line, i, displaced = _read_heading(source, pieces, i)
            if ROSTER_TITLE_RE.search(compact(title)):
                body.rosters.append((compact(title), p.line))
                current, in_roster = None, True
                continue
            if displaced:
                raise ParseError(f"lines inside the split entry heading {title!r}", source.path, p.line)
            current, in_roster = _EntryDraft(title, p.line), False
            body.entries.append(current)
            current.add(rest, rest_line, colon_ends=ENTRY_COLON_ENDS_PARAGRAPH)
            continue
        i += 1
        if in_roster:
            continue
        if _is_table_matter(pieces, i - 1):
            body.table_lines.append(p.line)
            if current:
                current.break_paragraph()
            continue
        if current is None:
            body.orphans.append(p)
            continue
        current.add(p.text, p.line, colon_ends=ENTRY_COLON_ENDS_PARAGRAPH)
    _reattach_displaced_entry_bodies(source, body)
    return body


def _reattach_displaced_entry_bodies(source: SourceText, body: _SectionBody) -> None:
    """GUIDE §5 case 4: an entry's body printed *before* its heading line (2696/2698).

    ``2694 【讳法建设拆除】…。`` / ``2696 到位、场地到位、…`` / ``2698 【养犬管理】 围绕"五个到位"(宣传``
    The heading line's text stops mid-phrase and the next thing is another heading,
    while the previous entry's last paragraph starts mid-phrase (``到位、``): that
    paragraph is the continuation of the heading line's text.
    """
    for k in range(1, len(body.entries)):
        prev, entry = body.entries[k - 1], body.entries[k]
        if not entry.open or len(entry.paragraphs) != 1 or entry.lines != [entry.heading_line]:
            continue
        next_line = body.entries[k + 1].heading_line if k + 1 < len(body.entries) else None
        follows = [l for l in prev.lines if l > prev.heading_line]
        if not follows or next_line is None:
            raise ParseError(f"entry {entry.title!r} ends mid-phrase and nothing continues it",
                             source.path, entry.heading_line)
        displaced_line = follows[-1]
        displaced = prev.paragraphs[-1]
        if displaced_line >= entry.heading_line or not displaced.startswith("到位、"):
            raise ParseError(f"entry {entry.title!r} ends mid-phrase; expected its displaced body "
                             f"before the heading", source.path, entry.heading_line)
        prev.paragraphs.pop()
        prev.lines.remove(displaced_line)
        entry.paragraphs[0] += displaced
        entry.lines.insert(0, displaced_line)
        entry.open = not ends_sentence(displaced)


def _move_displaced_party_school_lines(source: SourceText, sections: list[Section],
                                       bodies: dict[int, _SectionBody]) -> None:
    """GUIDE §5 case 2: the 区委党校 roster tail and credit printed inside 机关党建.

    ``1795 (供稿: 杨永斐)`` closes 机关党建; ``1797 李生虎 … 副校长`` / ``1799 王旭辉`` /
    ``1801 (供稿: 马燕琴)`` belong to 区委党校(区行政学校), whose heading follows at 1803.
    The names are roster data (the roster stage reads them); the credit moves.
    """
    for k, section in enumerate(sections[:-1]):
        body = bodies.get(section.order)
        if section.name != "机关党建" or body is None:
            continue
        school = sections[k + 1]
        if school.name != "区委党校(区行政学校)" or len(body.credits) != 2:
            raise ParseError("机关党建: expected two credits (its own and the displaced 区委党校 one)",
                             source.path, section.source_line)
        credit_line = body.credits[1][1]
        orphan_text = "".join(o.text for o in body.orphans)
        if not (orphan_text.startswith("李生虎") and "副校长" in orphan_text
                and all(body.credits[0][1] < o.line < credit_line for o in body.orphans)):
            raise ParseError("机关党建: the displaced 区委党校 roster lines are not where expected",
                             source.path, credit_line)
        school_body = bodies[school.order]
        school_body.credits.insert(0, body.credits.pop())
        body.orphans = []


def _check_body(source: SourceText, section: Section, body: _SectionBody) -> None:
    if body.orphans:
        o = body.orphans[0]
        raise ParseError(f"{section.name}: text outside any entry: {o.text[:30]!r}", source.path, o.line)
    if len(body.credits) > 1:
        raise ParseError(f"{section.name}: {len(body.credits)} credits", source.path, body.credits[1][1])
    for d in body.entries:
        if not d.paragraphs:
            raise ParseError(f"{section.name}: entry {d.title!r} has no text", source.path, d.heading_line)


# ---------------------------------------------------------------------------
# 特载 reports
# ---------------------------------------------------------------------------

def report_title(printed: str) -> str:
    """The title without OCR spaces, keeping the spaces between parallel slogan phrases.

    482 `立足新阶段 贯彻新理念 融入新格局 奋力开启…新征程` keeps its three spaces;
    749 `2020 年金昌市…` and 1022 `中国人民政治协商会议 金昌市…` (a line wrap) lose theirs.
    """
    chunks = printed.split()
    if len(chunks) >= 3 and all(len(c) <= 6 for c in chunks[:-1]) and all(
            re.fullmatch(r"[\u4e00-\u9fff]+", c) for c in chunks):
        return " ".join(chunks)
    return tidy(printed)


def _report_heading_kind(text: str) -> str | None:
    if REPORT_PART_RE.match(text):
        return "part"
    if REPORT_SUBPART_RE.match(text):
        return "subpart"
    if len(compact(text)) <= PLAIN_HEADING_MAX and not PROSE_PUNCT_RE.search(text):
        return "plain"
    return None


def _parse_report(source: SourceText, seg: Segment) -> Entry:
    lines = list(source.lines(seg.start, seg.end))
    if len(lines) < 3 or not BYLINE_RE.match(lines[1].text):
        raise ParseError(f"特载 report {seg.name}: expected title then a —— by-line",
                         source.path, seg.heading_line)
    title_line, byline_line = lines[0], lines[1]
    paragraphs: list[list] = []   # [text, kind, first_line]
    subheadings: list[str] = []
    prev_open = False
    for line in lines[2:]:
        text = line.text.strip()
        kind = _report_heading_kind(text)
        last = paragraphs[-1] if paragraphs else None
        if last and last[1] == "part" and kind == "plain" and len(compact(text)) <= HEADING_TAIL_MAX:
            last[0] += text                      # broken heading: 694+696, 733+735, 1053+1055
            continue
        if last and prev_open and last[1] is None and kind not in ("part", "subpart"):
            last[0] += text                      # paragraph broken by a page or column break
        else:
            paragraphs.append([text, kind, line.number])
        prev_open = not ends_sentence(text, colon_ends=True)
        lost = LOST_TEXT_BREAKS.get(line.number)
        if lost is not None:
            if not text.endswith(lost):
                raise ParseError(f"expected the lost-text break after {lost!r}", source.path, line.number)
            prev_open = False
    for para in paragraphs:
        text, kind = para[0], para[1]
        if kind is None and len(compact(text)) <= LEAD_LINE_MAX and text.endswith("。") \
                and text.count("。") == 1:
            para[1] = kind = "lead"
        if kind == "subpart":
            subheadings.append(tidy(text.split("。", 1)[0]))
        elif kind is not None:
            subheadings.append(tidy(text).rstrip("。"))
    return Entry(
        source_line=title_line.number,
        source_line_end=lines[-1].number,
        title=report_title(title_line.text),
        text="\n".join(tidy(p[0]) for p in paragraphs),
        order=1,
        kind="report",
        subheadings=subheadings,
        byline=re.sub(r"\s+", " ", byline_line.text).strip(),
    )
