"""How a document writes its decimals, and so what a dot before three digits means.

``5.070`` (made up) is five point oh seven in a report that prints ``4.5`` and five thousand and
seventy in one that prints ``4,5`` (and writes ``140.000 a 400.000`` for a platelet range). The
document's own unambiguous numbers tell which: a decimal comma or point followed by other than
three digits (``5,41``, ``0,65``, ``12.9``). Where they show decimal commas, a row's dot-grouped
numbers are read as thousands, unless that puts the value outside what its analyte can be while
the decimal reading lies within (a urine specific gravity ``1.015``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from checkup2action.grammar.catalogue import Analyte, Catalogue
from checkup2action.grammar.values import has_dot_groups
from checkup2action.report.models import LabResult
from checkup2action.tables.model import RawRow
from checkup2action.tables.roles import Role

#: A number whose decimal mark cannot be a thousands mark: other than three digits after it, or
#: a zero before it (``5,41``, ``0,700``, ``12.5``, ``3.14159``).
_DECIMAL = re.compile(r"(?<![\d.,])(?:0([.,])\d+|\d+([.,])(?:\d{1,2}|\d{4,}))(?![\d.,]?\d)")
#: Unambiguous decimal commas needed to call a document's decimals commas.
MIN_COMMAS = 2
#: ... and how many times the decimal points they must outnumber (OCR misreads a few).
COMMA_MAJORITY = 4


def decimal_marks(texts: Iterable[str]) -> tuple[int, int]:
    """How many unambiguous decimal commas and decimal points the texts print."""
    commas = points = 0
    for text in texts:
        for m in _DECIMAL.finditer(text):
            mark = m.group(1) or m.group(2)
            commas += mark == ","
            points += mark == "."
    return commas, points


def prints_decimal_commas(rows: list[RawRow]) -> bool:
    """Whether the rows' values and ranges show that the document writes decimals with a comma."""
    texts = (row.text(role) for row in rows for role in (Role.VALUE, Role.RANGE))
    commas, points = decimal_marks(texts)
    return commas >= MIN_COMMAS and commas >= COMMA_MAJORITY * points


def has_grouped_numbers(row: RawRow) -> bool:
    """Whether the row's value or range holds a number that may be grouped by dots."""
    return has_dot_groups(row.text(Role.VALUE)) or has_dot_groups(row.text(Role.RANGE))


def _grouping_implausible(
    grouped: float | None, decimal: float | None, analyte: Analyte | None
) -> bool:
    """Whether the thousands reading of a value (in the canonical unit) lies outside its
    analyte's limits while the decimal reading lies within them."""
    if analyte is None or grouped is None or decimal is None:
        return False
    return not analyte.within_limits(grouped) and analyte.within_limits(decimal)


def keeps_decimal_reading(grouped: LabResult, decimal: LabResult, catalogue: Catalogue) -> bool:
    """Whether the decimal reading of a row's dots should stand: its value lies within its own
    range (or it has none), its analyte is sure (a unit printed, or an analyte without one), and
    reading the dots as thousands puts the value outside the analyte's limits while the decimal
    reading is within them (a urine specific gravity)."""
    if grouped.analyte is None or not _within_own_range(decimal):
        return False
    analyte = catalogue.by_code(grouped.analyte.code)
    if not decimal.unit_raw and analyte.unit not in (None, "1"):
        return False  # no unit printed: which analyte (a share or a count) is only a guess

    def amount(r: LabResult) -> float | None:
        """The value in the analyte's unit: converted, or as printed when no unit is."""
        if r.value_canonical is not None:
            return r.value_canonical
        return r.value if r.unit is None or r.unit == analyte.unit else None

    return _grouping_implausible(amount(grouped), amount(decimal), analyte)


def _within_own_range(result: LabResult) -> bool:
    """Whether the value lies within the bounds of its range, or the range has none."""
    rng, value = result.reference_range, result.value
    if rng is None or value is None:
        return True
    return (rng.low is None or value >= rng.low) and (rng.high is None or value <= rng.high)
