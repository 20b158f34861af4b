"""How a record is cited and where it came from (the "cite" and "出处" lines).

A citation names the part of the book cited (an entry, a table, a roster, an article…), the book, and the
printed page where the book gives one (a section's page from the table of contents, a record's own page),
in three forms: GB/T 7714-2015 (a part of a book, 析出文献, read online: [M/OL] with the date of citation
and the URL), RIS and BibTeX for reference managers. The place of publication is data:
sources/publishers.csv (publisher, place).
"""
from __future__ import annotations

import csv
import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

PUBLISHERS_PATH = Path(__file__).resolve().parents[1] / "sources" / "publishers.csv"
FORMATS = {"ris": ("application/x-research-info-systems", "ris"), "bib": ("application/x-bibtex", "bib")}


@functools.lru_cache(maxsize=1)
def publisher_places() -> dict[str, str]:
    if not PUBLISHERS_PATH.exists():
        return {}
    with open(PUBLISHERS_PATH, encoding="utf-8", newline="") as f:
        return {row["publisher"].strip(): row["place"].strip() for row in csv.DictReader(f)}


def publication_year(edition) -> int:
    """The year the edition was printed (版次 2022年1月第1版 → 2022), else its volume year."""
    m = re.search(r"(\d{4})\s*年", getattr(edition, "published", "") or "")
    return int(m.group(1)) if m else edition.year


@dataclass(frozen=True)
class Citation:
    book: str          # 《金川区年鉴 2021》
    where: str         # 经济管理 › 统计
    page: int | None
    url: str
    title: str = ""            # the part cited (an entry's title); '' for the book itself
    author: str = ""           # the compiler (金川区地方志编纂中心)
    book_name: str = ""        # 金川区年鉴 2021
    publisher: str = ""
    place: str = ""
    year: int | None = None
    isbn: str = ""
    accessed: dt.date = field(default_factory=dt.date.today)
    key: str = ""              # BibTeX key

    @property
    def text(self) -> str:
        parts = [self.book]
        if self.where:
            parts.append(self.where)
        if self.page:
            parts.append(f"第{self.page}页")
        return "，".join(parts) + "。" + self.url

    @property
    def gbt7714(self) -> str:
        """GB/T 7714-2015: 金川区地方志编纂中心. 统计法治建设[M/OL]//金川区地方志编纂中心. 金川区年鉴 2021.
        兰州: 甘肃文化出版社, 2022: 128[2026-12-05]. https://…"""
        author = self.author or "佚名"
        where = f"{self.place}: " if self.place else ""
        imprint = f"{where}{self.publisher}, {self.year}" if self.publisher else str(self.year or "")
        page = f": {self.page}" if self.page else ""
        accessed = f"[{self.accessed.isoformat()}]"
        if self.title:
            head = f"{author}. {self.title}[M/OL]//{author}. {self.book_name}. "
        else:
            head = f"{author}. {self.book_name}[M/OL]. "
        return f"{head}{imprint}{page}{accessed}. {self.url}."

    @property
    def ris(self) -> str:
        lines = [("TY", "CHAP" if self.title else "BOOK")]
        lines += [("TI", self.title), ("T2", self.book_name)] if self.title else [("TI", self.book_name)]
        lines += [("AU", self.author), ("PB", self.publisher), ("CY", self.place), ("PY", str(self.year or "")),
                  ("SP", str(self.page or "")), ("SN", self.isbn), ("UR", self.url),
                  ("Y2", self.accessed.isoformat()), ("LA", "zh"), ("ER", "")]
        return "".join(f"{tag}  - {value}\r\n" for tag, value in lines if value or tag == "ER")

    @property
    def bibtex(self) -> str:
        def esc(v: str) -> str:
            return str(v).replace("\\", "\\textbackslash{}").replace("{", "\\{").replace("}", "\\}")

        kind = "incollection" if self.title else "book"
        fields = [("title", self.title or self.book_name), ("booktitle", self.book_name if self.title else ""),
                  ("author", "{" + self.author + "}" if self.author else ""), ("publisher", self.publisher),
                  ("address", self.place), ("year", str(self.year or "")), ("pages", str(self.page or "")),
                  ("isbn", self.isbn), ("url", self.url), ("urldate", self.accessed.isoformat()),
                  ("language", "chinese")]
        body = ",\n".join(f"  {name} = {{{esc(v) if name != 'author' else v}}}" for name, v in fields if v)
        return f"@{kind}{{{self.key or 'yearbook'},\n{body}\n}}\n"


def book_title(edition) -> str:
    """《金川区年鉴 2021》."""
    return f"《{edition.title}》"


def cite(edition, *, where: str = "", page: int | None = None, url: str = "", title: str = "",
         key: str = "") -> Citation:
    return Citation(book=book_title(edition), where=where, page=page, url=url, title=title,
                    author=getattr(edition, "compiler", "") or "", book_name=edition.title,
                    publisher=getattr(edition, "publisher", "") or "",
                    place=publisher_places().get(getattr(edition, "publisher", "") or "", ""),
                    year=publication_year(edition), isbn=getattr(edition, "isbn", "") or "",
                    key=key or f"jinchuan{edition.year}")


def download(citation: Citation, fmt: str, filename: str):
    """The citation as a RIS or BibTeX file (``fmt`` ris or bib)."""
    from django.http import HttpResponse
    from django.utils.http import content_disposition_header

    content_type, ext = FORMATS[fmt]
    body = citation.ris if fmt == "ris" else citation.bibtex
    response = HttpResponse(body.encode("utf-8"), content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, f"{filename}.{ext}")
    return response


def source_lines_label(record) -> str:
    """源文本第 1302 行 / 第 1302—1306 行 (lines of the OCR source, for the 出处 line)."""
    first = getattr(record, "source_line", None)
    if not first:
        return ""
    last = getattr(record, "source_line_end", None)
    if last and last != first:
        return f"源文本第{first}—{last}行"
    return f"源文本第{first}行"
