"""Read a unit's Word manuscript (.docx) and split it into entries by their 【bracketed titles】.

Plain Python (python-docx, no Django): bytes in, a ParsedManuscript out, or ManuscriptError with a message
for the editor. A paragraph that starts with 【标题】 opens an entry; the rest of that paragraph and the
following paragraphs, up to the next title, are its body (one line per paragraph). Text before the first
title belongs to no entry and is reported as a warning, as are tables (entered as statistical tables) and
entries without text. A closing byline such as （供稿：张淑霞） is kept apart, not added to the last entry.
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from .wordcount import count_words

MAX_BYTES = 10 * 1024 * 1024
TITLE = re.compile(r"^【([^【】]*)】\s*(.*)$", re.DOTALL)
BYLINE = re.compile(r"^[（(]\s*(?:供稿|撰稿|供稿人|撰稿人)\s*[:：].*[）)]$")
MAX_TITLE = 300


class ManuscriptError(ValueError):
    """The file cannot be read as a manuscript; the message says why, in the editor's words."""


@dataclass
class ParsedEntry:
    title: str
    body: str
    ordinal: int = 1  # the n-th entry of this title in the manuscript (titles may repeat)
    paragraph: int = 0  # where its title is, counting the document's paragraphs from 1

    @property
    def words(self) -> int:
        return count_words(self.title) + count_words(self.body)


@dataclass
class ParsedManuscript:
    entries: list[ParsedEntry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    byline: str = ""

    @property
    def words(self) -> int:
        return sum(e.words for e in self.entries)


def tidy(text: str) -> str:
    """A paragraph's text without Word's layout spaces (leading/trailing, non-breaking, doubled)."""
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\t", " ")
    return re.sub(r" {2,}", " ", text).strip().strip("\u3000").strip()


def paragraphs_of(data: bytes, name: str) -> tuple[list[str], int]:
    """The document's paragraph texts, and how many tables it holds."""
    label = f"“{name}”" if name else "上传的文件"
    if not data:
        raise ManuscriptError(f"{label}是空文件。")
    if len(data) > MAX_BYTES:
        raise ManuscriptError(f"{label}超过 {MAX_BYTES // 1024 // 1024} MB，请把图片另行报送，来稿只留文字。")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        old_word = data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        hint = "这是旧版 Word（.doc）文件，" if old_word else ""
        raise ManuscriptError(f"{label}不是 Word 的 .docx 文件：{hint}请在 Word 中“另存为”“Word 文档（*.docx）”后再上传。")
    from docx import Document  # imported here: the rest of the module needs no python-docx

    try:
        document = Document(io.BytesIO(data))
        texts = [tidy(p.text) for p in document.paragraphs]
        tables = len(document.tables)
    except Exception as exc:  # noqa: BLE001 — a zip that is not a Word document, or a damaged one
        raise ManuscriptError(f"{label}打不开：它不是完好的 Word .docx 文件（{type(exc).__name__}）。"
                              "请在 Word 中打开后重新“另存为 .docx”再上传。") from None
    return texts, tables


def parse_manuscript(data: bytes, name: str = "") -> ParsedManuscript:
    texts, tables = paragraphs_of(data, name)
    result = ParsedManuscript()
    before: list[tuple[int, str]] = []
    seen: dict[str, int] = {}
    current: ParsedEntry | None = None
    body: list[str] = []

    def close():
        if current is not None:
            current.body = "\n".join(body)
            result.entries.append(current)

    numbered = [(i, t) for i, t in enumerate(texts, start=1) if t]
    if numbered and BYLINE.match(numbered[-1][1]):
        result.byline = numbered[-1][1]
        numbered = numbered[:-1]
    for number, text in numbered:
        m = TITLE.match(text)
        if m is None:
            if current is not None:
                body.append(text)
            else:
                before.append((number, text))
            continue
        title, rest = tidy(m.group(1)), tidy(m.group(2))
        if not title:
            result.warnings.append(f"第 {number} 段的标题【】是空的，这一段按正文处理。")
            if current is not None:
                body.append(text)
            else:
                before.append((number, text))
            continue
        close()
        if len(title) > MAX_TITLE:
            raise ManuscriptError(f"第 {number} 段的标题超过 {MAX_TITLE} 字，可能缺了右括号“】”。")
        seen[title] = seen.get(title, 0) + 1
        current, body = ParsedEntry(title=title, body="", ordinal=seen[title], paragraph=number), []
        if rest:
            body.append(rest)
    close()
    if not result.entries:
        if not numbered:
            raise ManuscriptError(f"“{name}”里没有文字。" if name else "文件里没有文字。")
        raise ManuscriptError("来稿中没有以【标题】开头的段落，无法拆分为条目：请在每个条目的第一段开头写上【条目标题】。")
    if before:
        first = before[0][1]
        excerpt = first if len(first) <= 20 else first[:20] + "…"
        result.warnings.append(f"第一个【标题】之前有 {len(before)} 段文字（第 {before[0][0]} 段起：“{excerpt}”），"
                               "不属于任何条目，不会采用：请把它并入某个条目或删去。")
    for title, n in seen.items():
        if n > 1:
            result.warnings.append(f"【{title}】在来稿中出现 {n} 次，将作为同名的 {n} 个条目。")
    for e in result.entries:
        if not e.body:
            result.warnings.append(f"条目【{e.title}】（第 {e.paragraph} 段）没有正文。")
    if tables:
        result.warnings.append(f"来稿中有 {tables} 个表格，表格内容不拆分为条目：请按统计表另行录入或导入。")
    return result
