"""Stage: the documents of the appendix 重要文件辑存 (GUIDE §2.7, §2.8, §5 cases 5, 10, 14).

Five documents. Each starts with a header: title, 文号 and date, on one, two or
three lines. Regulations (办法) are read as 章 / 节 / 条; plans (方案) as parts
``一、`` with items ``(一)`` and sub-parts ``(一)…(23处)`` holding numbered lists.

Line-level damage is repaired by named rules that check the exact content they
expect (two columns merged on one line, 5628; names leaked into another item,
5752); every fragment they drop must be printed whole elsewhere in the document.

The first document is printed twice (4742–5081, 5083–5409). It is imported once,
from the first printing; the second is parsed only to check that both have the
same chapters, sections and articles, and to compare texts (tests). Where the
two printings differ, the first printing's OCR errors were fixed in
``sources/corrections/jinchuan-yearbook-2021/documents.csv`` from the second
(``施 T.`` → ``施工``, item-final ``:`` → ``;``); every difference left is an
OCR error of the second printing (``环境卫牛``, ``备幅``, ``;`` read as ``:``).

Note: the file's last line (5770, the 7 names of 地名销名) has no final newline,
so ``wc -l`` reports 5769 lines and misses it; document 5 is not truncated there.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .records import Article, DocChapter, DocPart, Document
from .segment import Segment
from .source import Line, ParseError, SourceText
from .text import chinese_number, compact, tidy

CN = "一二三四五六七八九十百零"

# 文号 of the district government (GUIDE §2.8): 金区政发〔2020〕46号, 金区政办发〔2020〕34 号.
HEADER_RE = re.compile(
    r"^(?P<title>.*?)\s*(?P<number>金区政(?:办)?发\s*〔\s*\d{4}\s*〕\s*\d+\s*号)"
    r"\s*(?:\((?P<date>[^()]*日)\))?$"
)
DATE_LINE_RE = re.compile(r"^\((?P<date>\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\)$")
DATE_RE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
CHAPTER_RE = re.compile(rf"^第([{CN}]+)章\s*(.+)$")
SECTION_RE = re.compile(rf"^第([{CN}]+)节\s*(.+)$")
ARTICLE_RE = re.compile(rf"^第([{CN}]+)条\s*")
# An article that starts in the middle of a line, after the end of the previous one (5550).
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

ISSUERS = (("金区政办发", "金川区人民政府办公室"), ("金区政发", "金川区人民政府"))
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

    def cut(self, start: int, end: int | None = None) -> "Para":
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
    """Join a line to the previous one when that one stopped mid-sentence (GUIDE §3.8).

    Page debris between them is already gone (``€212`` between 5508 and the lone
    ``的`` of 5514). A line ending in ``:`` introduces a list and stays apart.
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
# Line repairs (document 5, GUIDE §5 case 14): each checks the content it expects
# ---------------------------------------------------------------------------

# 5628: two columns interleaved. Column A is item 4 北环路 of 三(三); column B holds
# the tail of item 15 苏州路 and the head of item 16 温州路, both printed whole at 5642/5643.
BEIHUAN_COLUMN_A = ("4. 北环路: 东起河雅路, 经白银路、张", "掖路、酒泉路、嘉峪关路、敦煌路、长春路、",
                    "天津路、上海路、南京路至永昌西路;")
BEIHUAN_COLUMN_B = ("庆东路、西宁东路至北环东路;", "16. 温州路: 南起新华大道", "泰安东路、武汉路、成都路、")

# 5752: the tail of the list (三)地名销名 (5770) leaked into item 11 天美里 of 四(二).
LEAKED_CANCELLED_NAMES_RE = re.compile(r"^(11\.\s*天美里\(60号区\)\s*:\s*东邻常州路\s*,)\s*(天庆里、天乐里。)$")


@dataclass
class Repairs:
    # (line, text) removed from a damaged line; each must be printed whole elsewhere in the document
    dropped_fragments: list[tuple[int, str]] = field(default_factory=list)


def rebuild_beihuan_merge(source: SourceText, ln: Line, repairs: Repairs) -> Line:
    """Keep column A of the merged line; column B is dropped but must be found in items 15/16."""
    a1, a2, a3 = BEIHUAN_COLUMN_A
    b1, b2, b3 = BEIHUAN_COLUMN_B
    if compact(ln.text) != compact(a1 + b1 + a2 + b2 + a3 + b3):
        raise ParseError("two-column merge of item 4 北环路 does not read as expected", source.path, ln.number)
    repairs.dropped_fragments.extend((ln.number, b) for b in BEIHUAN_COLUMN_B)
    return Line(ln.number, " ".join(BEIHUAN_COLUMN_A), ln.printed)


def remove_leaked_cancelled_names(source: SourceText, ln: Line, repairs: Repairs) -> Line:
    """Drop the leaked names; they must be found again in the 地名销名 list itself."""
    m = LEAKED_CANCELLED_NAMES_RE.match(ln.text.strip())
    assert m
    repairs.dropped_fragments.append((ln.number, m.group(2)))
    return Line(ln.number, m.group(1), ln.printed)


def repair_lines(source: SourceText, lines: list[Line], repairs: Repairs) -> list[Line]:
    out = []
    for ln in lines:
        text = compact(ln.text)
        if text.startswith("4.北环路:") and "16.温州路" in text:
            ln = rebuild_beihuan_merge(source, ln, repairs)
        elif LEAKED_CANCELLED_NAMES_RE.match(ln.text.strip()):
            ln = remove_leaked_cancelled_names(source, ln, repairs)
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
    date: dt.date
    line: int           # physical line of the title


def parse_date(source: SourceText, text: str, line: int) -> dt.date:
    m = DATE_RE.search(text)
    if not m:
        raise ParseError(f"document date not understood: {text!r}", source.path, line)
    return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))


def find_headers(source: SourceText, lines: list[Line]) -> list[Header]:
    """Title + 文号 + date: on one line (5415), title above (4742/4744) or date below (5556/5558)."""
    headers = []
    for i, ln in enumerate(lines):
        m = HEADER_RE.match(ln.text.strip())
        if not m:
            continue
        first, title = i, m.group("title")
        if not title.strip():
            if i == 0 or starts_structure(lines[i - 1].text):
                raise ParseError("document number without a title line above it", source.path, ln.number)
            first, title = i - 1, lines[i - 1].text
        date_text, body_start = m.group("date"), i + 1
        if not date_text:
            d = DATE_LINE_RE.match(lines[i + 1].text.strip()) if i + 1 < len(lines) else None
            if not d:
                raise ParseError("document number without a date", source.path, ln.number)
            date_text, body_start = d.group("date"), i + 2
        headers.append(Header(first, body_start, compact(title), m.group("number"),
                              parse_date(source, date_text, ln.number), lines[first].number))
    return headers


def issuing_body(number: str) -> str:
    for prefix, body in ISSUERS:
        if number.startswith(prefix):
            return body
    return ""


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
    """The transmittal sentence after the last article (5081): ``…现印发给你们,请认真贯彻落实。``"""
    return "印发给你们" in compact(text)


def split_embedded_article(para: Para, expected: int) -> tuple[Para, Para] | None:
    """Split ``…资金。 第八条 使用管理。…`` (5550) only at the next article in sequence."""
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
            raise ParseError("text after the closing transmittal sentence", source.path, p.line)
        if m := CHAPTER_RE.match(text):
            number = chinese_number(m.group(1))
            if number != len(body.chapters) + 1:
                raise ParseError(f"chapter {m.group(1)} out of sequence", source.path, p.line)
            chapter = DocChapter(number, compact(m.group(2)), source_line=p.line)
            body.chapters.append(chapter)
            section = None
            continue
        if m := SECTION_RE.match(text):
            number = chinese_number(m.group(1))
            if chapter is None or number != len(chapter.sections) + 1:
                raise ParseError(f"section 第{m.group(1)}节 out of sequence", source.path, p.line)
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
                raise ParseError(f"article 第{m.group(1)}条 out of sequence", source.path, p.line)
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


def extract_filing_number(drafts: list[ArticleDraft]) -> str:
    """``备案号: JCQZF(2020)2号`` ends the last article (5079): metadata, not article text."""
    if not drafts or not drafts[-1].paras:
        return ""
    last = drafts[-1].paras[-1]
    m = FILING_RE.search(last.text)
    if not m:
        return ""
    last.text = last.text[: m.start()].rstrip()
    return compact(m.group("number"))


def split_printings(source: SourceText, paras: list[Para]) -> tuple[list[Para], list[Para]]:
    """A second ``第一章`` before the next document starts a second printing (GUIDE §5 case 10)."""
    firsts = [i for i, p in enumerate(paras)
              if (m := CHAPTER_RE.match(p.text)) and chinese_number(m.group(1)) == 1]
    if len(firsts) > 2:
        raise ParseError("document printed more than twice", source.path, paras[firsts[2]].line)
    if len(firsts) < 2:
        return paras, []
    return paras[: firsts[1]], paras[firsts[1]:]


def check_same_structure(source: SourceText, first: ArticleBody, second: ArticleBody, line: int) -> None:
    """The second printing must hold the same chapters, sections and articles as the first."""
    shape = lambda b: ([(c.number, len(c.sections)) for c in b.chapters],  # noqa: E731
                       [(a.number, a.chapter, a.section) for a in b.articles],
                       compact(b.filing_number), compact(b.closing))
    if shape(first) != shape(second):
        raise ParseError("the second printing of the document differs in structure from the first",
                         source.path, line)


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


def add_item(source: SourceText, container: PartDraft | None, number: int, p: Para, what: str) -> None:
    if container is None:
        raise ParseError(f"{what} outside any part", source.path, p.line)
    if number != len(container.items) + 1:
        raise ParseError(f"{what} {number} out of sequence in {container.label}{container.title}",
                         source.path, p.line)
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
                raise ParseError(f"part {m.group(1)}、 out of sequence", source.path, p.line)
            part = PartDraft(f"{m.group(1)}、", number, compact(m.group(2)), None, p.line, p.line_end)
            sub = None
            body.parts.append(part)
        elif part is not None and (m := SUBPART_RE.match(text)):
            number = chinese_number(m.group("number"))
            if number != part.subparts + 1:
                raise ParseError(f"sub-part ({m.group('number')}) out of sequence", source.path, p.line)
            part.subparts += 1
            announced = sum(int(n) for n in COUNT_RE.findall(m.group("count")))
            sub = PartDraft(f"({m.group('number')})", number, compact(m.group("title")), part.number,
                            p.line, p.line_end, announced)
            body.parts.append(sub)
        elif m := ITEM_RE.match(text):
            add_item(source, sub or part, chinese_number(m.group(1)), p, f"item ({m.group(1)})")
        elif m := NUMBERED_RE.match(text):
            if SECOND_LABEL_RE.search(text):
                raise ParseError("two list items on one line (two columns merged?)", source.path, p.line)
            add_item(source, sub, int(m.group(1)), p, f"numbered item {m.group(1)}.")
        elif part is None:
            body.preamble.append(p)
        else:
            container = sub or part
            # A paragraph after an item continues that item (5466 after 六(四)).
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
        raise ParseError(f"{d.label}{d.title} announces {d.announced} items, found {len(d.items)}",
                         source.path, d.line)
    return complete


def check_dropped_fragments(source: SourceText, body: PartBody, repairs: Repairs) -> None:
    """Text dropped from a damaged line must be printed whole in another paragraph or item."""
    texts = [compact(" ".join(p.text for p in item)) for d in body.parts for item in d.items]
    texts += [compact(p.text) for d in body.parts for p in d.paras]
    for line, fragment in repairs.dropped_fragments:
        if not any(compact(fragment) in t for t in texts):
            raise ParseError(f"dropped fragment {fragment!r} is not printed elsewhere", source.path, line)


def names_list_as_items(body: PartBody) -> None:
    """(三)地名销名(7处) prints its 7 names on one line (5770): make them the list's items."""
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
                   at_file_end: bool) -> ParsedDocument:
    number = compact(header.number_printed)
    doc = Document(source_line=header.line, title=header.title, number=number,
                   number_printed=header.number_printed.strip(), date=header.date,
                   kind=kind_of(header.title), issuing_body=issuing_body(number), order=order)
    repairs = Repairs()
    paras = paragraphs(repair_lines(source, lines, repairs))
    if not paras:
        raise ParseError("document without a body", source.path, header.line)
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
        doc.review_note = (f"the file ends at line {doc.source_line_end}: {last.label}{last.title} "
                           f"announces {last.announced_items} items and {len(last.items)} are printed")
    else:
        doc.review_note = (f"the source file ends with this document (line {doc.source_line_end}, "
                           "no final newline); every announced list is complete, but whether the "
                           "printed document continued after its last list cannot be seen in the file")


def parse_printings(source: SourceText, segment: Segment) -> list[ParsedDocument]:
    lines = list(source.lines(segment.start, segment.end))
    headers = find_headers(source, lines)
    if not headers:
        raise ParseError("no document header (title, 文号, date) in 重要文件辑存", source.path, segment.start)
    if headers[0].first != 0:
        raise ParseError("text before the first document title", source.path, lines[0].number)
    at_end = segment.end >= len(source)
    parsed = []
    for k, header in enumerate(headers):
        stop = headers[k + 1].first if k + 1 < len(headers) else len(lines)
        parsed.append(parse_document(source, header, lines[header.body_start:stop], k + 1,
                                     at_end and k + 1 == len(headers)))
    return parsed


def parse_documents(source: SourceText, segment: Segment) -> list[Document]:
    """The documents of 重要文件辑存, in book order."""
    return [p.document for p in parse_printings(source, segment)]
