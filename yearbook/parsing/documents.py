"""Stage: the documents of the appendix 重要文件辑存 (docs/source-guide.md §2.7, §2.8, §5 cases 5, 10, 14).

Five documents. Each starts with a header: title, 文号 and date, on one, two or
three lines. Regulations (办法) are read as 章 / 节 / 条; plans (方案) as parts
``一、`` with items ``(一)`` and sub-parts ``(一)…(23处)`` holding numbered lists.

Line-level damage is repaired by the profile's ``line_repairs.csv``: a damaged line
is the fragments to keep and the fragments to drop, interleaved (two columns
merged on one line; names leaked into another item), and is recognised by that
exact content; every fragment dropped must be printed whole elsewhere in the
document. The 文号 pattern and the issuing bodies are the profile's
``[documents]``.

A regulation printed twice (a second ``第一章`` before the next title) is imported
once, from the first printing; the second is parsed only to check that both have
the same chapters, sections and articles. Numbering out of sequence, a list whose
count differs from its heading, or a document that cannot be read at all become
review items (the last is kept as one block of text); a strict parse refuses them.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .records import Article, DocChapter, DocPart, Document
from .segment import Segment
from .source import Line, SourceText
from .text import chinese_number, compact, tidy

CN = "一二三四五六七八九十百零"



def header_re(source: SourceText) -> re.Pattern:
    """Title, 文号 (the profile's ``documents.number_pattern``) and date on one line."""
    number = source.profile.get("documents.number_pattern") or r"(?!)"
    return re.compile(rf"^(?P<title>.*?)\s*(?P<number>{number})\s*(?:\((?P<date>[^()]*日)\))?$")


DATE_LINE_RE = re.compile(r"^\((?P<date>\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\)$")
DATE_RE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
CHAPTER_RE = re.compile(rf"^第([{CN}]+)章\s*(.+)$")
SECTION_RE = re.compile(rf"^第([{CN}]+)节\s*(.+)$")
ARTICLE_RE = re.compile(rf"^第([{CN}]+)条\s*")
# An article that starts in the middle of a line, after the end of the previous one.
EMBEDDED_ARTICLE_RE = re.compile(rf"(?<=[。;])\s*第([{CN}]+)条\s")
PART_RE = re.compile(rf"^([{CN}]+)、\s*(.+)$")
ITEM_RE = re.compile(rf"^\(([{CN}]+)\)\s*")
# A sub-part heading announces how many items its list holds: (路27条、巷3条), (23处).
SUBPART_RE = re.compile(
    rf"^\((?P<number>[{CN}]+)\)\s*(?P<title>[^。;:]+?\((?P<count>[^()]*\d+\s*[条处][^()]*)\))$"
)
COUNT_RE = re.compile(r"(\d+)\s*[条处]")
NUMBERED_RE = re.compile(r"^(\d+)\.\s*(?=[^\d\s])")
# A second list label inside a numbered item (``… 16. 温州路:``) means two columns were merged.
SECOND_LABEL_RE = re.compile(r"\s(\d+)\.\s*[\u4e00-\u9fff]{2,6}(?:\(\d+号区\))?\s*:")
FILING_RE = re.compile(r"备案号\s*[::]\s*(?P<number>[^。]+?)\s*。?\s*$")
TERMINATORS = tuple('。;:!?"》)】')
MAX_HEADING_CHARS = 30

KINDS = ("办法", "方案", "规定", "细则", "意见", "通知", "条例", "规则", "制度", "计划", "决定")


# ---------------------------------------------------------------------------
# Paragraphs
# ---------------------------------------------------------------------------

@dataclass
class Para:
    """Physical lines joined into one logical paragraph (continuations across breaks)."""

    text: str
    line: int
    line_end: int
    offsets: list[tuple[int, int]] = field(default_factory=list)  # (char offset, physical line)

    def line_at(self, offset: int) -> int:
        line = self.line
        for start, number in self.offsets:
            if start <= offset:
                line = number
        return line

    def cut(self, start: int, end: int | None = None) -> Para:
        """The sub-paragraph text[start:end], keeping the physical lines it spans."""
        end = len(self.text) if end is None else end
        first = self.line_at(start)
        offsets = [(0, first)] + [(o - start, n) for o, n in self.offsets if start < o < end]
        return Para(self.text[start:end], first, self.line_at(max(end - 1, start)), offsets)


def is_heading(text: str) -> bool:
    """Chapter, section and part headings stand alone: they are never continued."""
    if CHAPTER_RE.match(text) or SECTION_RE.match(text):
        return True
    return bool(PART_RE.match(text)) and len(compact(text)) <= MAX_HEADING_CHARS and "。" not in text


def starts_structure(text: str) -> bool:
    """A line that opens a new unit (heading, article, item) never continues the line before."""
    return bool(
        is_heading(text) or ARTICLE_RE.match(text) or ITEM_RE.match(text) or NUMBERED_RE.match(text)
    )


def paragraphs(lines: list[Line]) -> list[Para]:
    """Join a line to the previous one when that one stopped mid-sentence (docs/source-guide.md §3.8).

    Page debris between them is already gone (a page number between a line and its
    lone last glyph ``的``). A line ending in ``:`` introduces a list and stays apart.
    """
    paras: list[Para] = []
    for ln in lines:
        text = ln.text.strip()
        last = paras[-1] if paras else None
        if (last is not None and not is_heading(last.text)
                and not last.text.endswith(TERMINATORS) and not starts_structure(text)):
            last.offsets.append((len(last.text) + 1, ln.number))
            last.text += " " + text
            last.line_end = ln.number
        else:
            paras.append(Para(text, ln.number, ln.number, [(0, ln.number)]))
    return paras


def join_paras(paras: list[Para]) -> str:
    return "\n".join(tidy(p.text) for p in paras if p.text.strip())


# ---------------------------------------------------------------------------
# Line repairs (profile ``line_repairs.csv``): each checks the content it expects
# ---------------------------------------------------------------------------

@dataclass
class Repairs:
    # (line, text) removed from a damaged line; each must be printed whole elsewhere in the document
    dropped_fragments: list[tuple[int, str]] = field(default_factory=list)
    used: set[str] = field(default_factory=set)   # origins of the repair rules applied


@dataclass(frozen=True)
class LineRepair:
    keep: tuple[str, ...]    # fragments kept, in order (joined with a space)
    drop: tuple[str, ...]    # fragments dropped: printed in between the kept ones
    origin: str

    @property
    def damaged(self) -> str:
        """The damaged line without spaces: keep and drop fragments interleaved."""
        parts = []
        for k in range(max(len(self.keep), len(self.drop))):
            parts += list(self.keep[k:k + 1]) + list(self.drop[k:k + 1])
        return compact("".join(parts))


def line_repairs(source: SourceText) -> list[LineRepair]:
    return [LineRepair(tuple(r["keep"].split("|")), tuple(x for x in r["drop"].split("|") if x), r.origin)
            for r in source.profile.rows("line_repairs.csv", ("keep", "drop"))]


def repair_lines(source: SourceText, lines: list[Line], repairs: Repairs) -> list[Line]:
    """A line that starts like a rule's first kept fragment must read exactly as the rule
    says; it is replaced by the kept fragments and the dropped ones are recorded."""
    rules = line_repairs(source)
    out = []
    for ln in lines:
        text = compact(ln.text)
        for rule in rules:
            if not text.startswith(compact(rule.keep[0])) or text == compact(rule.keep[0]):
                continue
            if text != rule.damaged:
                source.review.problem(
                    "profile-rule", f"配置规则（{rule.origin}）：这一行应为两栏错排的「{rule.damaged}」，与原文不符，未修复",
                    ln.number, printed=ln.printed, error=f"the damaged line of rule {rule.origin} does not read as expected")
                break
            repairs.dropped_fragments.extend((ln.number, d) for d in rule.drop)
            repairs.used.add(rule.origin)
            ln = Line(ln.number, " ".join(rule.keep), ln.printed)
            break
        out.append(ln)
    return out


# ---------------------------------------------------------------------------
# Headers
# ---------------------------------------------------------------------------

@dataclass
class Header:
    first: int          # index (in the segment's lines) of the title line
    body_start: int     # index of the first body line
    title: str
    number_printed: str
    date: dt.date | None
    line: int           # physical line of the title


def parse_date(source: SourceText, text: str | None, line: int) -> dt.date | None:
    m = DATE_RE.search(text or "")
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            pass
    source.review.problem("document", f"文件日期「{text or ''}」无法读出", line, printed=text or "",
                          error=f"document date not understood: {text!r}" if text else "document number without a date")
    return None


def find_headers(source: SourceText, lines: list[Line]) -> list[Header]:
    """Title + 文号 + date: on one line, the title on the line above, or the date on the line below."""
    headers = []
    pattern = header_re(source)
    for i, ln in enumerate(lines):
        m = pattern.match(ln.text.strip())
        if not m:
            continue
        first, title = i, m.group("title")
        if not title.strip():
            if i == 0 or starts_structure(lines[i - 1].text):
                source.review.problem("document", f"文号「{m.group('number')}」上方没有文件标题，未作为文件开头",
                                      ln.number, printed=ln.printed,
                                      error="document number without a title line above it")
                continue
            first, title = i - 1, lines[i - 1].text
        date_text, body_start = m.group("date"), i + 1
        if not date_text:
            d = DATE_LINE_RE.match(lines[i + 1].text.strip()) if i + 1 < len(lines) else None
            if d:
                date_text, body_start = d.group("date"), i + 2
        headers.append(Header(first, body_start, compact(title), m.group("number"),
                              parse_date(source, date_text, ln.number), lines[first].number))
    return headers


def issuing_body(number: str, source: SourceText) -> str:
    """The body a 文号 prefix stands for (profile ``[[documents.issuers]]``, longest prefix first)."""
    issuers = sorted(source.profile.get("documents.issuers", []) or [], key=lambda i: -len(i["prefix"]))
    return next((i["body"] for i in issuers if number.startswith(i["prefix"])), "")


def kind_of(title: str) -> str:
    base = re.sub(r"\(试行\)$", "", title)
    return next((k for k in KINDS if base.endswith(k)), "")


# ---------------------------------------------------------------------------
# Regulations: 章 / 节 / 条
# ---------------------------------------------------------------------------

@dataclass
class ArticleDraft:
    number: int
    label: str
    chapter: int | None
    section: int | None
    paras: list[Para] = field(default_factory=list)


@dataclass
class ArticleBody:
    preamble: list[Para] = field(default_factory=list)
    chapters: list[DocChapter] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    filing_number: str = ""
    closing: str = ""
    line_end: int = 0


def is_closing(text: str) -> bool:
    """The transmittal sentence after the last article: ``…现印发给你们,请认真贯彻落实。``"""
    return "印发给你们" in compact(text)


def split_embedded_article(para: Para, expected: int) -> tuple[Para, Para] | None:
    """Split ``…资金。 第八条 使用管理。…`` only at the next article in sequence."""
    for m in EMBEDDED_ARTICLE_RE.finditer(para.text):
        if chinese_number(m.group(1)) == expected and m.start() > 0:
            start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
            return para.cut(0, m.start()), para.cut(start)
    return None


def parse_articles(source: SourceText, paras: list[Para]) -> ArticleBody:
    body = ArticleBody()
    drafts: list[ArticleDraft] = []
    chapter: DocChapter | None = None
    section: int | None = None
    queue = list(paras)
    while queue:
        p = queue.pop(0)
        text = p.text.strip()
        if body.closing:
            source.review.problem("document", "印发语之后还有文字，并入印发语", p.line, printed=p.text,
                                  error="text after the closing transmittal sentence")
            body.closing += "\n" + tidy(text)
            continue
        if m := CHAPTER_RE.match(text):
            number = chinese_number(m.group(1))
            if number != len(body.chapters) + 1:
                _out_of_sequence(source, p, f"第{m.group(1)}章", f"chapter {m.group(1)} out of sequence")
            chapter = DocChapter(number, compact(m.group(2)), source_line=p.line)
            body.chapters.append(chapter)
            section = None
            continue
        if m := SECTION_RE.match(text):
            number = chinese_number(m.group(1))
            if chapter is None or number != len(chapter.sections) + 1:
                _out_of_sequence(source, p, f"第{m.group(1)}节", f"section 第{m.group(1)}节 out of sequence")
                if chapter is None:
                    continue
            chapter.sections.append((number, compact(m.group(2))))
            section = number
            continue
        if drafts and is_closing(text):
            body.closing = tidy(text)
            body.line_end = p.line_end
            continue
        opens_article = bool(ARTICLE_RE.match(text))
        split = None
        if drafts or opens_article:
            split = split_embedded_article(p, len(drafts) + 1 + opens_article)
        if split:
            p, rest = split
            queue.insert(0, rest)
            text = p.text
        if m := ARTICLE_RE.match(text):
            number = chinese_number(m.group(1))
            if number != len(drafts) + 1:
                _out_of_sequence(source, p, f"第{m.group(1)}条", f"article 第{m.group(1)}条 out of sequence")
            drafts.append(ArticleDraft(number, f"第{m.group(1)}条",
                                       chapter.number if chapter else None, section))
            p = p.cut(m.end())
        elif not drafts:
            body.preamble.append(p)
            continue
        drafts[-1].paras.append(p)
        body.line_end = p.line_end
    body.filing_number = extract_filing_number(drafts)
    body.articles = [
        Article(d.number, d.label, join_paras(d.paras), d.chapter, d.section,
                source_line=d.paras[0].line if d.paras else 0,
                source_line_end=d.paras[-1].line_end if d.paras else 0)
        for d in drafts
    ]
    return body


def _out_of_sequence(source: SourceText, p: Para, label: str, error: str) -> None:
    source.review.problem("document", f"文件的「{label}」编号不连续，按原文编号读入", p.line, printed=p.text[:40],
                          error=error)


def extract_filing_number(drafts: list[ArticleDraft]) -> str:
    """``备案号: …`` ends the last article: metadata, not article text."""
    if not drafts or not drafts[-1].paras:
        return ""
    last = drafts[-1].paras[-1]
    m = FILING_RE.search(last.text)
    if not m:
        return ""
    last.text = last.text[: m.start()].rstrip()
    return compact(m.group("number"))


def split_printings(source: SourceText, paras: list[Para]) -> tuple[list[Para], list[Para]]:
    """A second ``第一章`` before the next document starts a second printing (docs/source-guide.md §5 case 10)."""
    firsts = [i for i, p in enumerate(paras)
              if (m := CHAPTER_RE.match(p.text)) and chinese_number(m.group(1)) == 1]
    if len(firsts) > 2:
        source.review.problem("document", "同一文件印刷了两次以上，只读第一遍，其余不读", paras[firsts[2]].line,
                              error="document printed more than twice")
        return paras[: firsts[1]], paras[firsts[1]:firsts[2]]
    if len(firsts) < 2:
        return paras, []
    return paras[: firsts[1]], paras[firsts[1]:]


def check_same_structure(source: SourceText, first: ArticleBody, second: ArticleBody, line: int) -> None:
    """The second printing must hold the same chapters, sections and articles as the first."""
    shape = lambda b: ([(c.number, len(c.sections)) for c in b.chapters],  # noqa: E731
                       [(a.number, a.chapter, a.section) for a in b.articles],
                       compact(b.filing_number), compact(b.closing))
    if shape(first) != shape(second):
        source.review.problem("document", "文件第二遍印刷的章、节、条与第一遍不同，只读第一遍", line,
                              error="the second printing of the document differs in structure from the first")


# ---------------------------------------------------------------------------
# Plans: parts 一、 / items (一) / sub-parts (一)…(N处) with numbered items
# ---------------------------------------------------------------------------

@dataclass
class PartDraft:
    label: str
    number: int
    title: str
    parent: int | None
    line: int
    line_end: int
    announced: int | None = None
    paras: list[Para] = field(default_factory=list)
    items: list[list[Para]] = field(default_factory=list)
    subparts: int = 0

    def to_part(self) -> DocPart:
        return DocPart(self.number, self.title, join_paras(self.paras),
                       [join_paras(item) for item in self.items], self.parent,
                       source_line=self.line, source_line_end=self.line_end, label=self.label,
                       announced_items=self.announced)


@dataclass
class PartBody:
    preamble: list[Para] = field(default_factory=list)
    parts: list[PartDraft] = field(default_factory=list)
    line_end: int = 0


def add_item(source: SourceText, body: PartBody, container: PartDraft | None, number: int, p: Para,
             what: str) -> None:
    if container is None:
        source.review.problem("document", "列表项不在任何部分之内，读作前言", p.line, printed=p.text[:40],
                              error=f"{what} outside any part")
        body.preamble.append(p)
        return
    if number != len(container.items) + 1:
        _out_of_sequence(source, p, f"{container.label}{container.title} 第 {number} 项",
                         f"{what} {number} out of sequence in {container.label}{container.title}")
    container.items.append([p])
    container.line_end = p.line_end


def parse_parts(source: SourceText, paras: list[Para]) -> PartBody:
    body = PartBody()
    part: PartDraft | None = None
    sub: PartDraft | None = None
    for p in paras:
        text = p.text.strip()
        body.line_end = p.line_end
        if is_heading(text) and (m := PART_RE.match(text)):
            number = chinese_number(m.group(1))
            if number != sum(1 for d in body.parts if d.parent is None) + 1:
                _out_of_sequence(source, p, f"{m.group(1)}、", f"part {m.group(1)}、 out of sequence")
            part = PartDraft(f"{m.group(1)}、", number, compact(m.group(2)), None, p.line, p.line_end)
            sub = None
            body.parts.append(part)
        elif part is not None and (m := SUBPART_RE.match(text)):
            number = chinese_number(m.group("number"))
            if number != part.subparts + 1:
                _out_of_sequence(source, p, f"({m.group('number')})", f"sub-part ({m.group('number')}) out of sequence")
            part.subparts += 1
            announced = sum(int(n) for n in COUNT_RE.findall(m.group("count")))
            sub = PartDraft(f"({m.group('number')})", number, compact(m.group("title")), part.number,
                            p.line, p.line_end, announced)
            body.parts.append(sub)
        elif m := ITEM_RE.match(text):
            add_item(source, body, sub or part, chinese_number(m.group(1)), p, f"item ({m.group(1)})")
        elif m := NUMBERED_RE.match(text):
            if SECOND_LABEL_RE.search(text):
                source.review.problem("document", "一行里有两个列表项（两栏错排？），读作一项", p.line,
                                      printed=p.text, error="two list items on one line (two columns merged?)")
            add_item(source, body, sub, int(m.group(1)), p, f"numbered item {m.group(1)}.")
        elif part is None:
            body.preamble.append(p)
        else:
            container = sub or part
            # A paragraph after an item continues that item.
            (container.items[-1] if container.items else container.paras).append(p)
            container.line_end = p.line_end
    return body


def check_item_counts(source: SourceText, body: PartBody, at_file_end: bool) -> bool:
    """Heading counts validate the lists; only the last list may fall short, if the file ends there."""
    complete = True
    for i, d in enumerate(body.parts):
        if d.announced is None or d.announced == len(d.items):
            continue
        if at_file_end and i == len(body.parts) - 1:
            complete = False
            continue
        source.review.problem("document", f"「{d.label}{d.title}」标明 {d.announced} 项，读出 {len(d.items)} 项",
                              d.line, printed=f"{d.label}{d.title}",
                              error=f"{d.label}{d.title} announces {d.announced} items, found {len(d.items)}")
        complete = False
    return complete


def check_dropped_fragments(source: SourceText, body: PartBody, repairs: Repairs) -> None:
    """Text dropped from a damaged line must be printed whole in another paragraph or item."""
    texts = [compact(" ".join(p.text for p in item)) for d in body.parts for item in d.items]
    texts += [compact(p.text) for d in body.parts for p in d.paras]
    for line, fragment in repairs.dropped_fragments:
        if not any(compact(fragment) in t for t in texts):
            source.review.problem("document", f"修复两栏错排时去掉的「{fragment}」在文件别处找不到", line,
                                  printed=fragment, error=f"dropped fragment {fragment!r} is not printed elsewhere")


def names_list_as_items(body: PartBody) -> None:
    """A list heading that announces N items (…(7处)) over one line of N names separated by 、: the names are its items."""
    for d in body.parts:
        if d.announced and not d.items and len(d.paras) == 1:
            names = [compact(n) for n in d.paras[0].text.rstrip("。").split("、")]
            if len(names) == d.announced and all(names):
                p = d.paras.pop()
                d.items = [[Para(n, p.line, p.line_end, [(0, p.line)])] for n in names]


# ---------------------------------------------------------------------------
# Documents
# ---------------------------------------------------------------------------

@dataclass
class ParsedDocument:
    document: Document
    second_printing: ArticleBody | None = None


def parse_document(source: SourceText, header: Header, lines: list[Line], order: int,
                   at_file_end: bool, used: set[str] | None = None) -> ParsedDocument:
    number = compact(header.number_printed)
    doc = Document(source_line=header.line, title=header.title, number=number,
                   number_printed=header.number_printed.strip(), date=header.date,
                   kind=kind_of(header.title), issuing_body=issuing_body(number, source), order=order)
    repairs = Repairs(used=set() if used is None else used)
    paras = paragraphs(repair_lines(source, lines, repairs))
    if not paras:
        source.review.problem("document", f"文件「{header.title}」没有正文", header.line, printed=header.title,
                              error="document without a body")
        doc.complete = False
        return ParsedDocument(doc)
    second = None
    if any(ARTICLE_RE.match(p.text) for p in paras):
        first_paras, second_paras = split_printings(source, paras)
        body = parse_articles(source, first_paras)
        if second_paras:
            second = parse_articles(source, second_paras)
            check_same_structure(source, body, second, second_paras[0].line)
            doc.duplicate_printing = (second_paras[0].line, second.line_end)
        doc.preamble = join_paras(body.preamble)
        doc.chapters, doc.articles = body.chapters, body.articles
        doc.filing_number, doc.closing = body.filing_number, body.closing
        doc.source_line_end = body.line_end
    else:
        body = parse_parts(source, paras)
        check_dropped_fragments(source, body, repairs)
        names_list_as_items(body)
        doc.complete = check_item_counts(source, body, at_file_end)
        doc.preamble = join_paras(body.preamble)
        doc.parts = [d.to_part() for d in body.parts]
        doc.source_line_end = body.line_end
    if at_file_end:
        flag_file_end(doc)
    return ParsedDocument(doc, second)


def flag_file_end(doc: Document) -> None:
    """The source file ends with the last document: say what survives, for the editors.

    The file stops without a final newline in the middle of the appendix, so nothing
    shows where the printed document ended: it is marked incomplete even when every
    announced list is full (the book may print more after (三)地名销名).
    """
    doc.needs_review = True
    lists_complete = doc.complete
    doc.complete = False
    if not lists_complete:
        last = doc.parts[-1]
        doc.review_note = (f"文本止于第 {doc.source_line_end} 行：{last.label}{last.title}标明 "
                           f"{last.announced_items} 项，只印出 {len(last.items)} 项")
    else:
        doc.review_note = (f"源文本以本文件结束（第 {doc.source_line_end} 行，末行无换行）；标明项数的列表都完整，"
                           "但从文本中看不出原书在最后一个列表之后是否还有内容")


def parse_printings(source: SourceText, segment: Segment) -> list[ParsedDocument]:
    lines = list(source.lines(segment.start, segment.end))
    headers = find_headers(source, lines)
    if not headers:
        source.review.problem("document", f"「{segment.name}」中没有找到文件（标题、文号、日期）", segment.start,
                              error=f"no document header (title, 文号, date) in {segment.name}")
        return []
    if headers[0].first != 0:
        source.review.problem("document", "第一个文件标题之前的文字未读入", lines[0].number,
                              printed="\n".join(ln.printed for ln in lines[:headers[0].first]),
                              error="text before the first document title")
    at_end = segment.end >= len(source)
    parsed = []
    used: set[str] = set()
    for k, header in enumerate(headers):
        stop = headers[k + 1].first if k + 1 < len(headers) else len(lines)
        parsed.append(parse_document(source, header, lines[header.body_start:stop], k + 1,
                                     at_end and k + 1 == len(headers), used))
    for rule in line_repairs(source):
        if rule.origin not in used:
            source.review.problem("profile-rule", f"配置规则（{rule.origin}）：未找到应修复的行「{rule.damaged}」",
                                  None, printed=rule.damaged, error=f"line repair {rule.origin} found nothing")
    return parsed


def parse_documents(source: SourceText, segment: Segment) -> list[Document]:
    """The documents of 重要文件辑存, in book order."""
    return [p.document for p in parse_printings(source, segment)]
