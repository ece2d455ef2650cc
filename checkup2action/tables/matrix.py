"""Grids of results: row labels down the left, column labels across the top and a qualitative
result in every cell (a Widal test's antigens against dilutions, an allergy or susceptibility
grid of marks).

No other reading fits such a grid: a header reading takes one cell per row as the value, a line
reading one value per line. Each cell is a result of its own, named by its row label and its
column label (``S TYPHI (O) 1/80`` = ``+``), as a person reading the grid names it.

Only grids of marks and words are read here (``+``, ``-``, ``R``, ``Negative``): a grid of numbers
under column labels is a table with earlier results (visits), read by the header reading.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from checkup2action.ingestion.document import Word
from checkup2action.layout.lines import Segment, TextLine
from checkup2action.tables.content import looks_qualitative, looks_range, looks_value
from checkup2action.tables.model import RawRow
from checkup2action.tables.roles import Role, role_of_header
from checkup2action.tables.rows import MARK_RESULT
from checkup2action.tables.visits import is_bare_date
from checkup2action.tables.wordprep import replace_text

#: A grid has at least this many result columns ...
MIN_COLUMNS = 3
#: ... and this many rows of results.
MIN_ROWS = 2
#: Column labels are short.
MAX_LABEL_CHARS = 16
#: A dilution labels a column (``1/80``, ``1:80``).
DILUTION = re.compile(r"^1\s*[:/]\s*(\d+)$")


@dataclass(slots=True)
class Matrix:
    """A grid found on a page: the lines it covers and one row per cell."""

    lines: list[TextLine]
    rows: list[RawRow]


def find_matrices(lines: list[TextLine], page: int) -> list[Matrix]:
    """Every grid of qualitative results on a page's lines, top to bottom."""
    found: list[Matrix] = []
    i = 0
    while i < len(lines):
        columns = _column_labels(lines[i])
        body = _body(lines, i + 1, columns) if columns else []
        if len(body) >= MIN_ROWS:
            rows = [
                _cell_row(label, col, cell, page) for label, cells in body for col, cell in cells
            ]
            found.append(Matrix(lines[i : i + 1 + len(body)], rows))
            i += 1 + len(body)
        else:
            i += 1
    return found


def _column_labels(line: TextLine) -> list[Segment] | None:
    """The column labels of a grid's top line (a corner cell first), or None when the line
    cannot head a grid: too few cells, a table header's words, dates (visits), results."""
    whole = _split_where(line.segments, lambda w: DILUTION.match(w.text.strip()) is not None)
    corner = not (whole and DILUTION.match(whole[0].text.strip()))  # labels may start at once
    segs = _slashes_restored(whole[1:] if corner else whole)
    if len(segs) < MIN_COLUMNS:
        return None
    for seg in segs:
        t = seg.text.strip()
        if len(t) > MAX_LABEL_CHARS or is_bare_date(t) or _result_cell(t):
            return None
        if (looks_value(t) or looks_range(t)) and not DILUTION.match(t):
            return None  # a result row (``尿比重 1.015 1.005~1.030``), not column labels
        if role_of_header(t, exact_only=True) is not None:
            return None
    return segs


#: A dilution whose slash OCR lost (``1160`` for ``1/160``).
_SLASHLESS_DILUTION = re.compile(r"^1(\d{2,4})$")


def _slashes_restored(segs: list[Segment]) -> list[Segment]:
    """Column labels with a dilution's lost slash put back (``1/80  1160  1/320``): a number
    among at least two dilutions that is one of them read without its slash, its titre a
    doubling or a tenfold step of another's."""
    titres = [int(m.group(1)) for s in segs if (m := DILUTION.match(s.text))]
    if len(titres) < 2:
        return segs
    out = []
    for seg in segs:
        m = _SLASHLESS_DILUTION.match(seg.text.strip())
        if m and len(seg.words) == 1 and _in_series(int(m.group(1)), titres):
            seg = Segment([replace_text(seg.words[0], f"1/{m.group(1)}")])
        out.append(seg)
    return out


def _in_series(titre: int, titres: list[int]) -> bool:
    """Whether a titre is another's double, half, tenfold or tenth."""
    return any(titre in (t * 2, t * 10) or t in (titre * 2, titre * 10) for t in titres)


def _result_cell(text: str) -> bool:
    """A grid cell's result: a mark or a qualitative word (no number)."""
    t = text.strip()
    if MARK_RESULT.match(t):
        return True
    return looks_qualitative(t) and not any(c.isdigit() for c in t)


def _body(
    lines: list[TextLine], start: int, columns: list[Segment]
) -> list[tuple[list, list[tuple[Segment, Segment]]]]:
    """The grid's rows under its column labels: (row label words, [(column, cell)])."""
    body = []
    for line in lines[start:]:
        row = _grid_row(line, columns)
        if row is None:
            break
        body.append(row)
    return body


def _grid_row(
    line: TextLine, columns: list[Segment]
) -> tuple[list, list[tuple[Segment, Segment]]] | None:
    """A row label and its cells, each under its own column label; None when the line is no row
    of the grid."""
    left = columns[0].x0 - max(w.height for w in columns[0].words)

    def in_grid(w: Word) -> bool:
        """A word under the column labels that reads as a result."""
        return w.xc >= left and _result_cell(w.text.strip().translate(_DASH_LOOKALIKES))

    segs = _split_where(line.segments, in_grid)
    if len(segs) < 1 + MIN_COLUMNS:
        return None
    label, cells = segs[0], [_dash_restored(c) for c in segs[1:]]
    if looks_value(label.text) or not any(c.isalpha() for c in label.text):
        return None
    if label.x1 > columns[0].x0 or not all(_result_cell(c.text) or _garbled(c) for c in cells):
        return None
    placed: list[tuple[Segment, Segment]] = []
    for cell in (c for c in cells if _result_cell(c.text)):
        col = _column_of(cell, columns)
        if col is None or any(col is p for p, _ in placed):
            return None
        placed.append((col, cell))
    return (label.words, placed) if len(placed) >= MIN_COLUMNS else None


#: Characters OCR reads for the dash of a ``(-)`` mark (a CJK one, long dashes, a low line).
_DASH_LOOKALIKES = str.maketrans({"一": "-", "—": "-", "–": "-", "_": "-", "−": "-"})
#: A grid cell OCR garbled beyond reading (``(θ)``): at most this many characters, no digit.
GARBLED_CHARS = 4


def _split_where(segs: list[Segment], is_cell: Callable[[Word], bool]) -> list[Segment]:
    """Segments with the words that are cells of their own set apart (``1/160 1/320`` set tight,
    a row label with its first mark run on): the words before the first cell stay together."""
    out: list[Segment] = []
    for seg in segs:
        at = next((k for k, w in enumerate(seg.words) if is_cell(w)), None)
        if at is None or len(seg.words) == 1:
            out.append(seg)
            continue
        if at:
            out.append(Segment(seg.words[:at]))
        out += [Segment([w]) for w in seg.words[at:]]
    return out


def _dash_restored(cell: Segment) -> Segment:
    """A grid cell whose mark's dash OCR read as a lookalike (``(一)``) with the dash put back."""
    text = cell.text.strip()
    fixed = text.translate(_DASH_LOOKALIKES)
    if fixed == text or len(cell.words) != 1 or not MARK_RESULT.match(fixed):
        return cell
    return Segment([replace_text(cell.words[0], fixed)])


def _garbled(cell: Segment) -> bool:
    """A short cell with no digit that reads as no result (``(θ)``): skipped, not fatal."""
    t = cell.text.strip()
    return len(t) <= GARBLED_CHARS and not any(c.isdigit() for c in t)


def _column_of(cell: Segment, columns: list[Segment]) -> Segment | None:
    """The column label a cell stands under (centres within a label's width and an em)."""
    em = max(max(w.height for w in cell.words), 1.0)
    xc = (cell.x0 + cell.x1) / 2
    near = [c for c in columns if c.x0 - em <= xc <= c.x1 + em]
    return min(near, key=lambda c: abs((c.x0 + c.x1) / 2 - xc)) if near else None


def _cell_row(label: list, column: Segment, cell: Segment, page: int) -> RawRow:
    """One grid cell as a row named by its row and column labels."""
    return RawRow(page=page, cells={Role.NAME: [*label, *column.words], Role.VALUE: cell.words})
