"""Values grouped in thousands by dots, in documents whose labels print decimal commas.

The value figure matches a printed ``5.070`` (made up) whichever way it is read, since a label
cannot say. But a document's labels can: where every labelled value with an unambiguous decimal
mark uses a comma (``4,5``, ``0,65``), a value printed ``5.070`` is five thousand and seventy, and
a report that reads it as five is off a thousandfold (a platelet count reads as critically low).
This module picks those rows out, by hand and independently of the pipeline's parsers.
"""

from __future__ import annotations

import re

from checkup2action.evaluation.labels import LabelRow

#: A printed number whose mark can only be a decimal mark: a zero before it, or other than three
#: digits after it.
_DECIMAL = re.compile(r"^(?:0([.,])\d+|\d+([.,])(?:\d{1,2}|\d{4,}))$")
_DOT_GROUPED = re.compile(r"^\d{1,3}(?:\.\d{3})+$")


def prints_decimal_commas(rows: list[LabelRow]) -> bool:
    """Whether the labelled values' decimal marks are all commas (at least one printed)."""
    marks = [m.group(1) or m.group(2) for r in rows if (m := _DECIMAL.match(r.value.strip()))]
    return bool(marks) and set(marks) == {","}


def grouped_value(row: LabelRow, decimal_commas: bool) -> float | None:
    """The value a row printed as a dot-grouped number means in a decimal-comma document;
    None when the document or the value is not of that kind."""
    text = row.value.strip()
    if not decimal_commas or not _DOT_GROUPED.match(text):
        return None
    return float(text.replace(".", ""))


def reads_grouped(expected: float, reported: object) -> bool:
    """Whether the report's value is the thousands reading."""
    return isinstance(reported, int | float) and abs(reported - expected) < 1e-6 * max(1, expected)
