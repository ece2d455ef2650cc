"""Tables printed on their side: tests across the top, one line per visit down the left.

A lab's history summary prints ``Date | Total Chol. | TG | HDL-C | LDL-C`` over lines of dated
results, and the tests' ``Ref. Interval`` and ``Units`` as lines of their own under them. Read
line by line, every line is a date and a run of numbers with no name. Here each column is a test:
its result is the number on the latest visit's line, its range and unit those of its column.
"""

from __future__ import annotations

import re

from checkup2action.layout.lines import Segment, TextLine
from checkup2action.tables.content import looks_value
from checkup2action.tables.matrix import Matrix
from checkup2action.tables.model import RawRow
from checkup2action.tables.roles import Role, role_of_header
from checkup2action.tables.scoring import names_analyte

#: At least this many columns name tests the catalogue knows.
MIN_TESTS = 3
#: A visit's date (the first cell of a body line), marks such as ``†`` allowed after it.
VISIT_DATE = re.compile(r"^(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})\W*$")


def find_transposed(lines: list[TextLine], page: int) -> list[Matrix]:
    """Every table on its side on a page's lines (as the lines it covers and a row per test)."""
    found: list[Matrix] = []
    i = 0
    while i < len(lines):
        dated_below = i + 1 < len(lines) and _visit_date(lines[i + 1]) is not None
        tests = _test_columns(lines[i]) if dated_below else None
        end = _body_end(lines, i + 1, tests) if tests else i + 1
        visits = [ln for ln in lines[i + 1 : end] if _visit_date(ln)]
        if tests and visits:
            found.append(Matrix(lines[i:end], _rows(tests, lines[i + 1 : end], visits, page)))
            i = end
        else:
            i += 1
    return found


def _test_columns(line: TextLine) -> list[Segment] | None:
    """The test columns of a header line (a corner cell first), or None when fewer than
    ``MIN_TESTS`` of its cells name a test."""
    cells = line.segments[1:]
    known = [c for c in cells if names_analyte(c.text)]
    return cells if len(cells) >= MIN_TESTS and len(known) >= MIN_TESTS else None


def _visit_date(line: TextLine) -> tuple[int, int, int] | None:
    """A body line's date as a sortable (year, a, b), or None when it starts with no date."""
    m = VISIT_DATE.match(line.segments[0].text.strip()) if line.segments else None
    if m is None:
        return None
    a, b, c = (int(g) for g in m.groups())
    return (a, b, c) if a > 31 else (c, a, b)


def _body_end(lines: list[TextLine], start: int, tests: list[Segment]) -> int:
    """Index after the table's last line: visit lines and range / unit lines under the tests."""
    end = start
    for k in range(start, len(lines)):
        line = lines[k]
        if not line.segments or len(line.segments) - 1 > len(tests):
            break
        if not (_visit_date(line) or _side_role(line) is not None):
            break
        end = k + 1
    return end


def _side_role(line: TextLine) -> Role | None:
    """RANGE or UNIT for a line labelled ``Ref. Interval`` / ``Units``; else None."""
    role = role_of_header(line.segments[0].text, exact_only=True) if line.segments else None
    return role if role in (Role.RANGE, Role.UNIT) else None


def _rows(
    tests: list[Segment], body: list[TextLine], visits: list[TextLine], page: int
) -> list[RawRow]:
    """One row per test column: the latest visit's value, the column's range and unit."""
    latest = max(visits, key=lambda ln: _visit_date(ln) or (0, 0, 0))
    rows = []
    for col in tests:
        value = _cell_under(latest, col)
        if value is None or not looks_value(value.text):
            continue
        row = RawRow(page=page, cells={Role.NAME: list(col.words), Role.VALUE: list(value.words)})
        for line in body:
            role = _side_role(line)
            cell = _cell_under(line, col) if role is not None else None
            if role is not None and cell is not None:
                row.cells[role] = list(cell.words)
        rows.append(row)
    return rows


def _cell_under(line: TextLine, col: Segment) -> Segment | None:
    """The cell of a line standing under a column (centres within the column's width and an
    em), the row label left out."""
    em = max(max(w.height for w in col.words), 1.0)
    for seg in line.segments[1:]:
        xc = (seg.x0 + seg.x1) / 2
        if col.x0 - em <= xc <= col.x1 + em:
            return seg
    return None
