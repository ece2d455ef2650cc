"""Rows named only ``Test`` or ``Control`` under the test they measure.

Clotting tests are often printed as a heading and two rows (made up)::

    PROTHROMBIN TIME
    TEST     :  14.0  Seconds  11.0 - 13.5
    CONTROL  :  12.0  Seconds

The rows' own names say whose plasma was timed, not which test: the heading above says that.
The line reader reads the heading as a name with no value, so such a row takes the heading's
words before its own (``PROTHROMBIN TIME TEST``), and a second such row under it the same.
"""

from __future__ import annotations

import re

from checkup2action.tables.records import Record
from checkup2action.tables.roles import Role
from checkup2action.tables.tokens import Token

#: A row name that only says whose specimen a value was measured on (the patient's or a control).
GENERIC_NAME = re.compile(
    r"^(?:test|patient(?:'?s)?(?:\s+value)?|control(?:\s+value)?|mean\s+normal(?:\s+value)?|"
    r"mnpt)\s*[:：]?$",
    re.IGNORECASE,
)
#: How many lines above its first row the heading may stand.
_HEADING_REACH = 2


def _generic(rec: Record) -> bool:
    """Whether a finished record is named only by its specimen (``TEST :``)."""
    return rec.complete and bool(GENERIC_NAME.match(rec.cells[Role.NAME].text.strip()))


def _heading_above(records: list[Record], i: int, generic: set[int]) -> Record | None:
    """The name-only record over record i and the rows like it (``generic``) just above it."""
    first = i
    while first > 0 and first - 1 in generic:
        first -= 1
    if first == 0:
        return None
    above = records[first - 1]
    close = records[first].line - above.line <= _HEADING_REACH
    return above if close and set(above.cells) == {Role.NAME} else None


def name_generic_records(records: list[Record]) -> None:
    """Give each record named only ``Test`` or ``Control`` the heading above it as the first
    words of its name (the colon after its own name dropped)."""
    generic = {i for i, rec in enumerate(records) if _generic(rec)}
    for i in sorted(generic):
        rec = records[i]
        heading = _heading_above(records, i, generic)
        if heading is None:
            continue
        own = [w for w in rec.cells[Role.NAME].words if w.text.strip() not in (":", "：")]
        rec.cells[Role.NAME] = Token([*heading.cells[Role.NAME].words, *own])
