"""Errors and review items of the parser (no Django).

``ParseError`` stops a parse. ``ReviewLog`` is how every stage reports what it
could not read: in a tolerant parse (the default) a problem becomes a
``ReviewItem`` and the stage goes on with its best reading; in a strict parse
(``strict=True``) the first blocking problem raises ``ParseError`` as the parser
always did. Notices (suspicions such as two persons who may be one) never block.
"""
from __future__ import annotations

from .records import ReviewItem

# What each review code is about, in the editors' words (the review queue shows these).
CODES = {
    "board-token": "名单中的非人名",
    "bulletin": "统计公报",
    "chronicle": "大事记",
    "correction-ambiguous": "校正条目多处匹配",
    "correction-unmatched": "校正条目未匹配",
    "credit-extra": "多余的供稿人",
    "document": "文件",
    "editorial-notes": "编辑说明",
    "entry-cut": "条目文字中断",
    "entry-empty": "条目没有正文",
    "entry-heading": "条目标题",
    "entry-orphan": "无标题的文字",
    "front-matter-block": "正文前内容",
    "honours-line": "表彰表格中的文字",
    "honours-row": "表彰表格行",
    "imprint": "版权页",
    "key-figure": "主要数据",
    "person-homonym": "同名人物",
    "person-variant": "疑似同一人",
    "profile-edition": "配置与卷次不符",
    "profile-rule": "配置规则未匹配",
    "reader-note-unmatched": "读者提示未定位",
    "report-byline": "特载署名",
    "roster-body": "分组名单",
    "roster-empty": "空名单",
    "roster-note": "任职括注",
    "roster-stray": "名单外的文字",
    "roster-title": "名单职务空缺",
    "roster-token": "名单中的文字",
    "section-missing": "分目标题缺失",
    "table": "统计表",
    "title-not-found": "未找到书名行",
}


def code_label(code: str) -> str:
    return CODES.get(code, "其他问题")


class ParseError(Exception):
    """Parsing gave up: carries the file and the 1-based line where it happened."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = self.path or "<text>"
        if self.line:
            where += f":{self.line}"
        return f"{where}: {self.message}"


class ReviewLog:
    """The review items of one parse, in the order they were found."""

    def __init__(self, path: str, strict: bool = False):
        self.path = path
        self.strict = strict
        self.items: list[ReviewItem] = []

    def problem(self, code: str, message: str, line: int | None, *, printed: str = "", guess: str = "",
                error: str = "", path: str | None = None) -> ReviewItem:
        """Something the parser could not read. ``message`` is for editors (Chinese);
        ``error`` is the ParseError text of a strict parse (defaults to ``message``)."""
        if self.strict:
            raise ParseError(error or message, path or self.path, line)
        return self._add(code, message, line, printed, guess, True, path)

    def notice(self, code: str, message: str, line: int | None, *, printed: str = "", guess: str = "",
               path: str | None = None) -> ReviewItem:
        """A suspicion worth an editor's look; never stops a parse."""
        return self._add(code, message, line, printed, guess, False, path)

    def _add(self, code, message, line, printed, guess, blocking, path) -> ReviewItem:
        item = ReviewItem(code=code, message=message, file=path or self.path, line=line,
                          printed=printed, guess=guess, blocking=blocking)
        self.items.append(item)
        return item
