"""Columns of quantities derived from each row's own result (``MoM``, ``Z-score``): each cell is
a second result of its row's test, named after the test and the column (``AFP MoM``)."""

from __future__ import annotations

from dataclasses import replace

from checkup2action.ingestion.document import Word
from checkup2action.tables.model import Column, RawRow
from checkup2action.tables.roles import Role
from checkup2action.tables.wordprep import replace_text


def with_derived_rows(rows: list[RawRow], columns: list[Column]) -> list[RawRow]:
    """The rows, each followed by one row per derived column it fills (a prenatal screen's
    ``AFP  ng/mL  80.30  1.40`` under ``MoM``: the second row is ``AFP MoM`` = 1.40)."""
    heads = [c for c in columns if c.role is Role.DERIVED]
    out: list[RawRow] = []
    for row in rows:
        words = row.cells.pop(Role.DERIVED, [])
        out.append(row)
        name = row.cells.get(Role.NAME)
        if not words or not name or not heads:
            continue
        for column in heads:
            own = [w for w in words if _nearest(w, heads) is column]
            if own:
                out.append(_derived_row(row, name, column, own))
    return out


def _nearest(word: Word, heads: list[Column]) -> Column:
    """The derived column whose span is nearest the word's centre."""
    return min(heads, key=lambda c: max(c.x0 - word.xc, word.xc - c.x1, 0.0))


def _derived_row(row: RawRow, name: list[Word], column: Column, words: list[Word]) -> RawRow:
    """A second result of the row's test: its name followed by the column's header (a copy of the
    name's last word, with no width, set at its end), its value the column's cell."""
    label = replace(replace_text(name[-1], column.header), x0=name[-1].x1)  # no width of its own
    cells = {Role.NAME: [*name, label], Role.VALUE: words}
    return replace(row, cells=cells, second_value=True, previous_columns=[], style=None)
