"""How a statistical table is laid out on the page: multi-level headers and row hierarchy.

Plain functions over the rows of the database (no queries): the header matrix is
built from TableColumn.path (top level first), the row tree from TableRow.parent and
TableRow.group.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class HeaderCell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    leaf: bool = False


@dataclass
class Shown:
    """A cell as the page sets it: numbers right-aligned, a merged cell spanning rows or columns."""
    text: str
    number: bool
    rowspan: int = 1
    colspan: int = 1


@dataclass
class Line:
    """One printed row, or a group heading that stands for a rowspan cell of the book."""
    label: str
    depth: int = 0
    unit: str = ""
    cells: list[str] = field(default_factory=list)      # as printed, one per column ("" where merged away)
    values: list[Decimal | None] = field(default_factory=list)
    is_group: bool = False      # a heading row without values (按经营地分, 医疗救助)
    synthetic: bool = False     # a rowspan group of the book, not a row of its own
    parent_label: str = ""
    source_line: int | None = None
    spans: dict[int, tuple[int, int]] = field(default_factory=dict)  # column → (rowspan, colspan) starting here
    covered: set[int] = field(default_factory=set)     # columns a merged cell from above or the left covers

    @property
    def shown(self) -> list[Shown]:
        """The cells to set, left to right: a merged cell once, with its spans; the cells it covers not at all."""
        return [Shown(c, v is not None, *self.spans.get(i, (1, 1)))
                for i, (c, v) in enumerate(zip(self.cells, self.values)) if i not in self.covered]


@dataclass
class Layout:
    stub_header: str
    header_rows: list[list[HeaderCell]]
    depth: int
    columns: list            # the TableColumn rows, in order
    column_labels: list[str]  # one flat label per column: 2020年 / 绝对数
    lines: list[Line]
    has_unit: bool

    @property
    def flat(self) -> bool:
        """No row hierarchy: every line is a top-level row."""
        return all(ln.depth == 0 and not ln.is_group for ln in self.lines)

    @property
    def width(self) -> int:
        return 1 + int(self.has_unit) + len(self.columns)


def cell_display(text: str, value: Decimal | None) -> str:
    """The printed cell without the OCR's spaces inside a number (8. 20 → 8.20, trailing zeros kept);
    text that is not the number (90%, 在一个结算年) stays as printed."""
    compact = "".join((text or "").split())
    if value is None:
        return (text or "").strip()
    try:
        if Decimal(compact) == value:
            return compact
    except ArithmeticError:
        pass
    if not compact:
        return f"{value.normalize():f}"
    return compact


def column_path(column) -> list[str]:
    path = [p for p in (column.path or []) if p]
    return path or [column.label]


def header_rows(paths: list[list[str]]) -> list[list[HeaderCell]]:
    """Merge equal header prefixes into colspans; a shorter path's leaf spans the rows below it."""
    depth = max((len(p) for p in paths), default=1)
    out: list[list[HeaderCell]] = []
    for level in range(depth):
        row: list[HeaderCell] = []
        j = 0
        while j < len(paths):
            path = paths[j]
            if len(path) <= level:
                j += 1
                continue
            leaf = len(path) == level + 1
            span = 1
            if not leaf:
                while (j + span < len(paths) and len(paths[j + span]) > level + 1
                       and paths[j + span][:level + 1] == path[:level + 1]):
                    span += 1
            row.append(HeaderCell(path[level], colspan=span, rowspan=depth - level if leaf else 1, leaf=leaf))
            j += span
        out.append(row)
    return out


def table_layout(table, columns=None, rows=None) -> Layout:
    """The layout of a table whose columns, rows and cells were prefetched."""
    columns = list(table.columns.all()) if columns is None else columns
    rows = list(table.rows.all()) if rows is None else rows
    position = {c.pk: i for i, c in enumerate(columns)}
    children = {r.parent_id for r in rows if r.parent_id}
    labels = {r.pk: r.label for r in rows}
    depth_of: dict[int, int] = {}
    lines: list[Line] = []
    line_of_row: list[int] = []     # the line index of each row
    merged: list[tuple[int, int, int, int]] = []    # (row index, column, rowspan, colspan)
    current_group = ""
    for k, r in enumerate(rows):
        cells = [""] * len(columns)
        values: list[Decimal | None] = [None] * len(columns)
        for cell in r.cells.all():
            i = position.get(cell.column_id)
            if i is not None:
                cells[i] = cell_display(cell.text, cell.value)
                values[i] = cell.value
                if cell.rowspan > 1 or cell.colspan > 1:
                    merged.append((k, i, min(cell.rowspan, len(rows) - k), min(cell.colspan, len(columns) - i)))
        if r.parent_id:
            depth = depth_of.get(r.parent_id, 0) + 1
            current_group = ""
        elif r.group:
            # A rowspan group of the book (医疗救助): print its name once, as a heading row.
            if r.group != current_group:
                lines.append(Line(label=r.group, is_group=True, synthetic=True))
                current_group = r.group
            depth = 1
        else:
            depth = 0
            current_group = ""
        depth_of[r.pk] = depth
        line_of_row.append(len(lines))
        lines.append(Line(label=r.label, depth=depth, unit=r.unit, cells=cells, values=values,
                          is_group=r.pk in children and not any(cells),
                          parent_label=labels.get(r.parent_id, "") or r.group, source_line=r.source_line))
    for k, i, rowspan, colspan in merged:
        first, last = line_of_row[k], line_of_row[k + rowspan - 1]
        lines[first].spans[i] = (last - first + 1, colspan)   # in lines of the page (group headings included)
        for below in range(k, k + rowspan):
            line = lines[line_of_row[below]]
            line.covered.update(j for j in range(i, i + colspan) if (below, j) != (k, i))
    paths = [column_path(c) for c in columns]
    return Layout(stub_header=table.label_header or "", header_rows=header_rows(paths),
                  depth=max((len(p) for p in paths), default=1), columns=columns,
                  column_labels=[" / ".join(p) for p in paths], lines=lines,
                  has_unit=any(r.unit for r in rows))
