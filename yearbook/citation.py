"""How a record is cited and where it came from (the "cite" and "出处" lines)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Citation:
    book: str          # 《金川区年鉴 2021》
    where: str         # 经济管理 › 统计
    page: int | None
    url: str

    @property
    def text(self) -> str:
        parts = [self.book]
        if self.where:
            parts.append(self.where)
        if self.page:
            parts.append(f"第{self.page}页")
        return "，".join(parts) + "。" + self.url


def book_title(edition) -> str:
    """《金川区年鉴 2021》."""
    return f"《{edition.title}》"


def cite(edition, *, where: str = "", page: int | None = None, url: str = "") -> Citation:
    return Citation(book=book_title(edition), where=where, page=page, url=url)


def source_lines_label(record) -> str:
    """源文本第 1302 行 / 第 1302—1306 行 (lines of the OCR source, for the 出处 line)."""
    first = getattr(record, "source_line", None)
    if not first:
        return ""
    last = getattr(record, "source_line_end", None)
    if last and last != first:
        return f"源文本第{first}—{last}行"
    return f"源文本第{first}行"
