"""An article's paragraphs (款) and numbered items (项), as printed (plain Python, no Django).

The parser keeps an article's printed lines: one paragraph per line, and an item on a line of its own opening
with its number, (一) or （一）, (1) or 1. or 1、. Items belong to the paragraph before them. Each block gets an
anchor under the article's: 第十一条-三 for item (三), 第十一条-第二款 for the second paragraph.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from yearbook.rules import chinese_numeral

ITEM = re.compile(r"^\s*(?:[(（]\s*(?P<cn>[一二三四五六七八九十百]+)\s*[)）]|[(（]\s*(?P<n1>\d{1,3})\s*[)）]"
                  r"|(?P<n2>\d{1,3})\s*[.、．](?!\d))\s*")


@dataclass
class Item:
    label: str      # as printed: (三)
    number: str     # 三 / 3: the anchor's suffix
    text: str
    anchor: str


@dataclass
class Paragraph:
    text: str
    anchor: str
    items: list[Item] = field(default_factory=list)


def article_blocks(article) -> list[Paragraph]:
    """The paragraphs of ``article`` (label, text) with their items, in printed order."""
    return blocks(article.label, article.text)


def blocks(label: str, text: str) -> list[Paragraph]:
    out: list[Paragraph] = []
    for line in (ln.strip() for ln in (text or "").split("\n")):
        if not line:
            continue
        m = ITEM.match(line)
        if m and line[m.end():]:
            number = m.group("cn") or m.group("n1") or m.group("n2")
            if not out:                      # an article opening with an item: an empty first paragraph
                out.append(Paragraph("", f"{label}-第一款"))
            item_label = line[:m.end()].strip()
            out[-1].items.append(Item(item_label, number, line[m.end():], f"{label}-{number}"))
        else:
            out.append(Paragraph(line, f"{label}-第{chinese_numeral(len(out) + 1)}款"))
    return out
