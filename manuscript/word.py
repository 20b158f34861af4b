"""Write a Manuscript (manuscript/build.py) as a Word document (.docx) with python-docx.

Book order: title page, imprint and editorial board, 编辑说明, 目录 (a Word contents field, filled in
when the document is opened, and the outline with the printed pages), the categories with their sections,
entries, rosters, tables (real Word tables; multi-level headers as merged cells), chronicle, honours,
bulletin and documents, then 人名索引 and 机构索引.
"""
from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from yearbook.rules import chinese_numeral

from .build import Manuscript, TableItem

FONT = "SimSun"          # 宋体: the body face of Chinese books; Word substitutes when it is missing
HEADING_FONT = "SimHei"  # 黑体


def _east_asian(style_or_run, font: str) -> None:
    element = style_or_run.element if hasattr(style_or_run, "element") else style_or_run._element
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        fonts.set(qn(attr), font)


def _setup(doc) -> None:
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(26), Cm(18.5)      # 16开 (the book's format)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin = section.right_margin = Cm(1.8)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(10.5)
    _east_asian(normal, FONT)
    for name, size in (("Title", 26), ("Heading 1", 18), ("Heading 2", 14), ("Heading 3", 12)):
        style = doc.styles[name]
        style.font.size = Pt(size)
        _east_asian(style, HEADING_FONT)
    _page_number_footer(section)


def _field(paragraph, instruction: str, placeholder: str = "") -> None:
    """A Word field (PAGE, TOC…): Word computes it when the document is opened or printed."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = instruction
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    text = OxmlElement("w:t")
    text.text = placeholder
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, instr, separate, text, end):
        run._r.append(element)


def _page_number_footer(section) -> None:
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(p, "PAGE", "1")


def _page_break(doc) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _set_cell(cell, text: str, bold: bool = False, align=None) -> None:
    cell.text = ""
    p = cell.paragraphs[0]
    run = p.add_run(text)
    run.bold = bold
    run.font.size = Pt(9)
    if align is not None:
        p.alignment = align


def add_stat_table(doc, item: TableItem) -> None:
    """A statistical table with its header levels as merged cells, the row labels indented by depth."""
    layout = item.layout
    caption = doc.add_paragraph(item.title, style="Caption" if "Caption" in doc.styles else None)
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if item.unit:
        unit = doc.add_paragraph(f"单位：{item.unit}")
        unit.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    stub = 1 + int(layout.has_unit)
    depth = max(len(layout.header_rows), 1)
    table = doc.add_table(rows=depth + len(layout.lines), cols=stub + len(layout.columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    # The stub header spans every header row.
    _set_cell(table.cell(0, 0), layout.stub_header or "", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    if depth > 1:
        table.cell(0, 0).merge(table.cell(depth - 1, 0))
    if layout.has_unit:
        _set_cell(table.cell(0, 1), "单位", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        if depth > 1:
            table.cell(0, 1).merge(table.cell(depth - 1, 1))
    occupied: set[tuple[int, int]] = set()
    for level, row in enumerate(layout.header_rows):
        col = 0
        for cell in row:
            while (level, col) in occupied:
                col += 1
            top = table.cell(level, stub + col)
            _set_cell(top, cell.text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
            bottom_row = level + cell.rowspan - 1
            right_col = col + cell.colspan - 1
            if cell.rowspan > 1 or cell.colspan > 1:
                top.merge(table.cell(bottom_row, stub + right_col))
            for r in range(level, bottom_row + 1):
                for c in range(col, right_col + 1):
                    occupied.add((r, c))
            col = right_col + 1
    for i, line in enumerate(layout.lines):
        r = depth + i
        _set_cell(table.cell(r, 0), "　" * line.depth + line.label, bold=line.is_group)
        if layout.has_unit:
            _set_cell(table.cell(r, 1), line.unit)
        for j, (text, value) in enumerate(zip(line.cells, line.values)):
            if j in line.covered:
                continue
            cell = table.cell(r, stub + j)
            _set_cell(cell, text, align=WD_ALIGN_PARAGRAPH.RIGHT if value is not None else None)
            rowspan, colspan = line.spans.get(j, (1, 1))
            if rowspan > 1 or colspan > 1:   # a merged cell of the book
                cell.merge(table.cell(r + rowspan - 1, stub + j + colspan - 1))
    for note in item.notes:
        doc.add_paragraph(note)


def _simple_table(doc, header: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=1 + len(rows), cols=len(header))
    table.style = "Table Grid"
    for j, text in enumerate(header):
        _set_cell(table.cell(0, j), text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for i, row in enumerate(rows, start=1):
        for j, text in enumerate(row):
            _set_cell(table.cell(i, j), text or "")


def _title_page(doc, m: Manuscript) -> None:
    for _ in range(6):
        doc.add_paragraph()
    title = doc.add_paragraph(m.title, style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub = doc.add_paragraph(f"（记述 {m.covers_year} 年）" + (f"　{m.only_category}" if m.only_category else ""))
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for _label, value in m.imprint[:3]:
        p = doc.add_paragraph(value)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_break(doc)
    if m.imprint:
        doc.add_heading("版权页", level=2)
        for label, value in m.imprint:
            doc.add_paragraph(f"{label}：{value}")
    for body, rows in m.board:
        doc.add_heading(body, level=2)
        for title, names in rows:
            doc.add_paragraph(f"{title}　{names}")
    _page_break(doc)


def _contents(doc, m: Manuscript) -> None:
    doc.add_heading("目　录", level=1)
    _field(doc.add_paragraph(), 'TOC \\o "1-2" \\h \\z \\u', "（打开文档后按 F9 更新目录）")
    doc.add_heading("原书目录（页码为原书页码）", level=3)
    for c in m.categories:
        p = doc.add_paragraph()
        p.add_run(c.name).bold = True
        for s in c.sections:
            doc.add_paragraph(f"　　{s.name}" + (f"……{s.page}" if s.page else ""))
    doc.add_paragraph("人名索引")
    doc.add_paragraph("机构索引")
    _page_break(doc)


def _section(doc, s) -> None:
    doc.add_heading(s.name, level=2)
    for e in s.entries:
        if e.report:
            doc.add_heading(f"〔{e.number}〕{e.title}", level=3)
            if e.byline:
                by = doc.add_paragraph(e.byline)
                by.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for text, is_heading in e.paragraphs:
                p = doc.add_paragraph()
                p.add_run(text).bold = is_heading
            continue
        first = True
        for text, is_heading in e.paragraphs or [("", False)]:
            p = doc.add_paragraph()
            p.paragraph_format.first_line_indent = Pt(21)
            if first:
                head = p.add_run(f"〔{e.number}〕【{e.title}】")
                head.bold = True
                _east_asian(head, HEADING_FONT)
                first = False
            p.add_run(text).bold = is_heading
    for t in s.tables:
        add_stat_table(doc, t)
    if s.events:
        month = None
        for ev in s.events:
            if ev.month != month:
                month = ev.month
                doc.add_heading(f"{month}月", level=3)
            p = doc.add_paragraph()
            p.add_run(ev.date_label + "　").bold = True
            p.add_run(ev.text)
    if s.honours:
        _simple_table(doc, s.honours.header, s.honours.rows)
    if s.bulletin:
        b = s.bulletin
        doc.add_heading(b.title, level=3)
        if b.author or b.issued:
            p = doc.add_paragraph(f"{b.author}　{b.issued}".strip())
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if b.intro:
            doc.add_paragraph(b.intro)
        for title, text, tables in b.chapters:
            doc.add_paragraph().add_run(title).bold = True
            for para in (text or "").split("\n"):
                if para.strip():
                    doc.add_paragraph(para.strip()).paragraph_format.first_line_indent = Pt(21)
            for t in tables:
                add_stat_table(doc, t)
        for note in b.notes:
            doc.add_paragraph(note)
    for d in s.documents:
        doc.add_heading(d.title, level=3)
        meta = "　".join(x for x in (d.number, f"（{d.date}）" if d.date else "") if x)
        if meta:
            doc.add_paragraph(meta).alignment = WD_ALIGN_PARAGRAPH.CENTER
        if d.preamble:
            doc.add_paragraph(d.preamble)
        for style, text in d.blocks:
            p = doc.add_paragraph()
            run = p.add_run(text)
            if style in ("chapter", "section", "part"):
                run.bold = True
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER if style in ("chapter", "section") else None
            elif style in ("article", "text", "item", "subpart"):
                p.paragraph_format.first_line_indent = Pt(21)
        if d.filing_number:
            doc.add_paragraph(f"备案号：{d.filing_number}")
        if d.closing:
            doc.add_paragraph(d.closing)
    for r in s.rosters:
        p = doc.add_paragraph()
        head = p.add_run(f"〔{r.number}〕【{r.heading}】")
        head.bold = True
        for line in r.members:
            doc.add_paragraph(line).paragraph_format.left_indent = Pt(21)
    if s.contributor:
        p = doc.add_paragraph(f"（供稿：{s.contributor}）")
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _index(doc, title: str, entries, explanation: str) -> None:
    doc.add_heading(title, level=1)
    doc.add_paragraph(explanation)
    initial = None
    for e in entries:
        if e.initial != initial:
            initial = e.initial
            doc.add_heading(initial, level=3)
        p = doc.add_paragraph()
        p.paragraph_format.left_indent = Pt(21)
        p.paragraph_format.first_line_indent = Pt(-21)
        p.add_run(e.name)
        if e.note:
            p.add_run(f"（{e.note}）")
        p.add_run("　" + e.locator_text)


INDEX_EXPLANATION = ("按汉语拼音排序。数字为原书页码（取所在分目的起始页），〔 〕内为本稿条目（含领导班子名录）编号，"
                     "原书页码不详时以条目编号检索。")


def write_docx(m: Manuscript) -> bytes:
    doc = Document()
    _setup(doc)
    doc.core_properties.title = m.title + (f" · {m.only_category}" if m.only_category else "")
    doc.core_properties.subject = "校样"
    _title_page(doc, m)
    if m.editorial_notes:
        doc.add_heading("编辑说明", level=1)
        for i, note in enumerate(m.editorial_notes, start=1):
            doc.add_paragraph(f"{chinese_numeral(i)}、{note}")
        _page_break(doc)
    _contents(doc, m)
    for c in m.categories:
        doc.add_heading(c.name, level=1)
        for s in c.sections:
            _section(doc, s)
        doc.add_section(WD_SECTION.NEW_PAGE)
    _index(doc, "人名索引", m.persons, INDEX_EXPLANATION)
    _page_break(doc)
    _index(doc, "机构索引", m.organizations, INDEX_EXPLANATION)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()

