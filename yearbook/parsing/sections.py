"""Sections (分目) and their entries (条目).

One ``Section`` per outline segment. Entries come in three shapes:

* 特载 reports: one long-form ``Entry(kind="report")`` each, with the by-line and
  the report's internal headings (一、… / (一)… / bold lead lines / plain headings).
* ordinary sections and 区情概览: one ``Entry`` per ``【标题】``; roster blocks,
  tables and the ``(供稿…)`` credit are not entry text (other stages read them).
* 大事记, 先进模范, 附录: the section only; other stages parse their bodies.

Paragraphs broken across page or column breaks are re-joined (docs/source-guide.md §3.8), except
where the source profile says the book lost text at the break (``lost_text.csv``).
Displaced text is put back by the profile's rules (``displaced_bodies.csv``: an
entry's body printed before its heading; ``roster_moves.csv`` kind ``after_credit``:
a roster tail and credit printed in the section before their own); each checks the
text it expects. What cannot be read (text outside any entry, a second credit, a
heading not closed, a rule that finds nothing) becomes a review item; a strict
parse refuses it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .records import Entry, Section
from .segment import Segment
from .source import SourceText
from .text import compact, plain_words, tidy

CREDIT_RE = re.compile(r"^\(供稿[::]?\s*(?P<name>[^()]+?)\s*\)$")
ROSTER_TITLE_RE = re.compile(r"(领导班子成员|组成人员)$")
# A line ends its paragraph when it ends a sentence. A closing quote only does so
# after sentence punctuation: 807 `…为"十三五"` and 933 `…抢抓"一带一路"` go on.
SENTENCE_END_RE = re.compile(r"(?:[。!?;…]|[。!?;][\"'])$")
COLON_END_RE = re.compile(r":$")
# In 【】 entries a line-final ':' is the OCR's ';' (`…会议精神:` / `全省…`), never a list
# intro; in the reports it introduces a list.
ENTRY_COLON_ENDS_PARAGRAPH = False
# Tables inside entries: rows carry tabs; titles are short unpunctuated lines ending in
# 表 (some split over two lines: `YYYY 年全区` / `…统计表`); a unit line (`单位:元`) may
# stray after a table.
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
PLAIN_HEADING_MAX = 20    # `YYYY 年工作回顾`, `"十四五"奋斗目标和重点工作`
HEADING_TAIL_MAX = 8      # the end of a broken part heading: `身建设`, `提升议政成效`



@dataclass
class _Piece:
    """A cleaned physical line, or the part of one that starts at an embedded 【."""
    line: int
    text: str
    tabbed: bool = False   # the physical line holds a tab: a table row (docs/source-guide.md §0)


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
    lost = _LostText(source)
    for seg in segments:
        section = _new_section(source, seg)
        kind = seg.outline.kind
        if kind == "report":
            section.entries = [_parse_report(source, seg, lost)]
        elif kind in ("sections", "overview"):
            bodies[seg.order] = _parse_body(source, seg)
        sections.append(section)
    lost.report_unused()

    _move_displaced_credits(source, sections, bodies)
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
    content = [ln.number for ln in source.lines(seg.heading_line, seg.end)]
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
    """Cleaned lines, split before every 【 that is not at the start of its line."""
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

    A heading may be split over two lines; in a two-column roster page the two halves
    can have displaced roster names between them (`【…各专门委` … names … `员会组成人员】`).
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
    source.review.problem("entry-heading", f"条目标题「{p.text[:30]}」没有右括号】，整行读作标题", p.line,
                          printed=p.text, guess=p.text[1:],
                          error=f"entry heading {p.text[:30]!r} is not closed by 】")
    return p.text[1:], "", p.line, i + 1, []


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
            current, in_roster = _EntryDraft(title, p.line), False
            body.entries.append(current)
            if displaced:
                source.review.problem(
                    "entry-heading", f"条目标题「{title}」分两行印刷，中间夹有其他文字；这些文字读作该条目的开头",
                    p.line, printed="\n".join(d.text for d in displaced),
                    error=f"lines inside the split entry heading {title!r}")
                for d in displaced:
                    current.add(d.text, d.line, colon_ends=ENTRY_COLON_ENDS_PARAGRAPH)
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
    _reattach_displaced_entry_bodies(source, seg, body)
    return body


def _reattach_displaced_entry_bodies(source: SourceText, seg: Segment, body: _SectionBody) -> None:
    """An entry's body printed *before* its heading line (profile ``displaced_bodies.csv``).

    The heading line's text stops mid-phrase and the next thing is another heading,
    while the previous entry's last paragraph starts with the words the profile names
    (a fragment such as ``到位、…``): that paragraph is the continuation of the heading
    line's text. An entry that ends mid-phrase with no such rule is a review item.
    """
    rules = {compact(r["entry"]): r for r in source.profile.rows("displaced_bodies.csv", ("entry", "starts_with"))}
    for k in range(1, len(body.entries)):
        prev, entry = body.entries[k - 1], body.entries[k]
        if not entry.open or len(entry.paragraphs) != 1 or entry.lines != [entry.heading_line]:
            continue
        rule = rules.get(compact(entry_title(entry.title)))
        follows = [n for n in prev.lines if n > prev.heading_line]
        has_next = k + 1 < len(body.entries)
        if rule is None or not follows or not has_next or follows[-1] >= entry.heading_line \
                or not prev.paragraphs[-1].startswith(rule["starts_with"]):
            source.review.problem(
                "entry-cut", f"条目「{entry_title(entry.title)}」的文字在行末中断，后文未找到，按原文读入",
                entry.heading_line, printed=entry.paragraphs[0],
                error=f"entry {entry.title!r} ends mid-phrase and nothing continues it")
            continue
        displaced_line = follows[-1]
        displaced = prev.paragraphs.pop()
        prev.lines.remove(displaced_line)
        entry.paragraphs[0] += displaced
        entry.lines.insert(0, displaced_line)
        entry.open = not ends_sentence(displaced)


def _move_displaced_credits(source: SourceText, sections: list[Section],
                            bodies: dict[int, _SectionBody]) -> None:
    """A roster tail and its credit printed after the credit of the section before their own
    (profile ``roster_moves.csv``, kind ``after_credit``): the section has two credits with
    roster lines between them; the names are roster data (the roster stage moves them), the
    second credit goes to the next section."""
    rules = [r for r in source.profile.rows("roster_moves.csv", ("kind",)) if r["kind"] == "after_credit"]
    for rule in rules:
        k = next((i for i, s in enumerate(sections[:-1]) if s.name == rule["section"]), None)
        body = bodies.get(sections[k].order) if k is not None else None
        if body is None:
            continue  # the section is absent: reported by the segmenter
        section, nxt = sections[k], sections[k + 1]
        target = bodies.get(nxt.order)
        credit_line = body.credits[1][1] if len(body.credits) == 2 else None
        orphans = "".join(plain_words(o.text) for o in body.orphans)
        if nxt.name != rule["target_section"] or target is None or credit_line is None \
                or orphans != rule["expect"] or not all(body.credits[0][1] < o.line < credit_line for o in body.orphans):
            source.review.problem(
                "profile-rule", f"配置规则（{rule.origin}）：「{rule['section']}」中应有移往「{rule['target_section']}」"
                f"的名单和供稿行「{rule['expect']}」，未找到", section.source_line, printed=orphans,
                error=f"{rule['section']}: the displaced {rule['target_section']} lines are not where expected")
            continue
        target.credits.insert(0, body.credits.pop())
        body.orphans = []


def _check_body(source: SourceText, section: Section, body: _SectionBody) -> None:
    """What a section holds besides its entries: text outside any entry and extra credits
    are review items (the text is kept as an untitled entry, the first credit wins)."""
    if body.orphans:
        o = body.orphans[0]
        source.review.problem(
            "entry-orphan", f"「{section.name}」中有不属于任何【】条目的文字「{o.text[:30]}」，读作无标题条目",
            o.line, printed="\n".join(x.text for x in body.orphans),
            error=f"{section.name}: text outside any entry: {o.text[:30]!r}")
        orphan = _EntryDraft("", o.line)
        for x in body.orphans:
            orphan.add(x.text, x.line, colon_ends=ENTRY_COLON_ENDS_PARAGRAPH)
        body.entries.insert(0, orphan)
    for name, line in body.credits[1:]:
        source.review.problem(
            "credit-extra", f"「{section.name}」有第二个供稿人「{name}」，只记第一个「{body.credits[0][0]}」", line,
            printed=source.printed(line).strip(), guess=body.credits[0][0],
            error=f"{section.name}: {len(body.credits)} credits")
    for d in body.entries:
        if not d.paragraphs:
            source.review.problem("entry-empty", f"「{section.name}」的条目「{entry_title(d.title)}」没有正文",
                                  d.heading_line, printed=d.title,
                                  error=f"{section.name}: entry {d.title!r} has no text")


# ---------------------------------------------------------------------------
# 特载 reports
# ---------------------------------------------------------------------------

def report_title(printed: str) -> str:
    """The title without OCR spaces, keeping the spaces between parallel slogan phrases.

    a title of parallel slogan phrases (`四字词 四字词 四字词 …长句`) keeps its spaces;
    `YYYY 年…工作报告` and `中国人民政治协商会议 …` (a line wrap) lose theirs.
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


class _LostText:
    """Report lines after which the book lost text (profile ``lost_text.csv``): the paragraph
    ends there unfinished and the next line starts a new thought, so it is not joined on."""

    def __init__(self, source: SourceText):
        self.source = source
        self.rules = source.profile.rows("lost_text.csv", ("ends_with",))
        self.used: set[str] = set()

    def breaks_after(self, text: str) -> bool:
        for rule in self.rules:
            if text.endswith(rule["ends_with"]):
                self.used.add(rule.origin)
                return True
        return False

    def report_unused(self) -> None:
        for rule in self.rules:
            if rule.origin not in self.used:
                self.source.review.problem(
                    "profile-rule", f"配置规则（{rule.origin}）：报告中应有以「{rule['ends_with']}」结尾的断句，未找到",
                    None, printed=rule["ends_with"],
                    error=f"expected the lost-text break after {rule['ends_with']!r} ({rule.origin})")


def _parse_report(source: SourceText, seg: Segment, lost: _LostText) -> Entry:
    lines = list(source.lines(seg.start, seg.end))
    if not lines:
        return Entry(source_line=seg.heading_line, source_line_end=seg.heading_line, title=seg.name,
                     order=1, kind="report")
    has_byline = len(lines) >= 2 and bool(BYLINE_RE.match(lines[1].text))
    if len(lines) < 3 or not has_byline:
        source.review.problem("report-byline", f"特载「{seg.name}」标题下没有“——”开头的署名行", seg.heading_line,
                              printed=lines[1].text if len(lines) > 1 else "",
                              error=f"特载 report {seg.name}: expected title then a —— by-line")
    title_line = lines[0]
    byline = re.sub(r"\s+", " ", lines[1].text).strip() if has_byline else ""
    paragraphs: list[list] = []   # [text, kind, first_line]
    subheadings: list[str] = []
    prev_open = False
    for line in lines[2 if has_byline else 1:]:
        text = line.text.strip()
        kind = _report_heading_kind(text)
        last = paragraphs[-1] if paragraphs else None
        if last and last[1] == "part" and kind == "plain" and len(compact(text)) <= HEADING_TAIL_MAX:
            last[0] += text                      # a heading broken over two lines
            continue
        if last and prev_open and last[1] is None and kind not in ("part", "subpart"):
            last[0] += text                      # paragraph broken by a page or column break
        else:
            paragraphs.append([text, kind, line.number])
        prev_open = not ends_sentence(text, colon_ends=True) and not lost.breaks_after(text)
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
        byline=byline,
    )
