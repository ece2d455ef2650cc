"""Columns of short capital codes after the name: a method or analyser column, no name's part.

Some reports print, on every row, a code for how or where the test was run (``PHO``, ``MIK``,
``POT``) in a column of its own after the name. The line reading keeps such codes out of names.
"""

from __future__ import annotations

import re

from checkup2action.ingestion.document import Word
from checkup2action.layout.lines import TextLine
from checkup2action.tables.content import looks_flag, looks_unit

_CODE = re.compile(r"[A-Z]{2,5}")


def constant_codes(lines: list[TextLine]) -> frozenset[str]:
    """Short capital-letter codes printed on many lines in one column after the name (a method
    or analyser column: ``PHO``, ``MIK``, ``POT``); they are no part of a test's name."""
    seen: dict[str, list[Word]] = {}
    for line in lines:
        for w in line.words[1:]:
            if _CODE.fullmatch(w.text.strip()) and not looks_flag(w.text):
                seen.setdefault(w.text.strip(), []).append(w)
    codes = set()
    for text, ws in seen.items():
        em = max(max(w.size, w.height) for w in ws)
        lo, hi = min(w.x0 for w in ws), max(w.x0 for w in ws)
        if len(ws) >= 3 and hi - lo <= 2 * em and not _in_unit_column(lines, lo - em, hi + em):
            codes.add(text)
    return frozenset(codes)


#: Units printed in a column that make it a unit column (a code seen there is a misread unit).
_UNIT_COLUMN_UNITS = 2


def _in_unit_column(lines: list[TextLine], x_from: float, x_to: float) -> bool:
    """Whether other lines print units starting between ``x_from`` and ``x_to``: then a capital
    code repeated there is a unit OCR misread (``UA`` for ``U/l``), not a method column."""
    units = 0
    for line in lines:
        units += any(x_from <= w.x0 <= x_to and looks_unit(w.text) for w in line.words[1:])
        if units >= _UNIT_COLUMN_UNITS:
            return True
    return False
