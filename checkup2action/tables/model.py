"""Intermediate types of the tables stage: column layouts and raw result rows."""

from __future__ import annotations

from dataclasses import dataclass, field

from checkup2action.geometry import Box, union_box
from checkup2action.ingestion.document import Word
from checkup2action.layout.lines import group_lines, join_words
from checkup2action.tables.roles import Role


@dataclass(slots=True)
class Column:
    """A column of a table: its role, its x-span and its header text."""

    role: Role
    x0: float
    x1: float
    header: str = ""


@dataclass(slots=True)
class TableLayout:
    """Column layout of one table, reusable on a continuation page."""

    columns: list[Column]
    x0: float
    x1: float
    source: str = "header"  # header | content | continued | list


@dataclass(slots=True)
class RawRow:
    """One table row: words per column role, before any normalisation."""

    page: int
    cells: dict[Role, list[Word]] = field(default_factory=dict)
    panel: str | None = None
    table_index: int = 0
    previous_columns: list[Column] = field(default_factory=list)  # one per earlier visit
    style: str | None = None  # 'red' / 'bold' when the value stands out from its column
    second_value: bool = False  # a second result printed on its test's row (percent and count)
    ambiguous: str | None = (
        None  # another reading of the page read this row otherwise, nearly as well
    )

    def text(self, role: Role) -> str:
        """The text of one cell ('' when empty)."""
        return join_words(self.cells.get(role, []))

    def words(self) -> list[Word]:
        """Every word of the row."""
        return [w for ws in self.cells.values() for w in ws]

    def bbox(self) -> Box:
        """Union box of the row's words."""
        return union_box(self.words())

    def add(self, role: Role, words: list[Word]) -> None:
        """Append words to a cell, keeping reading order (line by line, then left to right)."""
        cell = self.cells.setdefault(role, [])
        cell.extend(words)
        cell[:] = [w for line in group_lines(cell) for w in line]


@dataclass(slots=True)
class TableResult:
    """All rows of a document, and pages whose result-like lines gave no row (page, count)."""

    rows: list[RawRow] = field(default_factory=list)
    unread_pages: list[tuple[int, int]] = field(default_factory=list)
