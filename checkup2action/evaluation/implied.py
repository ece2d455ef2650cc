"""The flag a label row's own value and range imply, where the page prints none.

A report that prints no flag still gets one from the pipeline (computed from the range it read),
and that flag is what a patient's Action Card acts on. To score it, the label's value and range
are read here by hand, independently of the pipeline's parsers, and only where both are plain:
a number, and a range of two numbers (``3.5-5.0``, ``3,5 a 5,0``, ``(76 - 96)``) or one bound
(``<5.2``, ``≥ 60``), perhaps with a unit after it. Anything else (bands, ages, sexes, words)
implies nothing here.
"""

from __future__ import annotations

import re

from checkup2action.evaluation.labels import LabelRow

_NUM = r"\d+(?:[.,]\d+)?"
#: Two bounds joined by a dash or a word (a unit, no further number, may follow).
_SPAN = re.compile(
    rf"^\(?\s*(?:de\s+)?({_NUM})\s*(?:-+|–|~|a|à|to|até|bis)\s*({_NUM})\s*\)?[^\d<>≤≥=]*$", re.I
)
#: One bound: a comparator, then the number (a unit may follow).
_ONE = re.compile(rf"^(<=|>=|<|>|≤|≥)\s*({_NUM})[^\d<>≤≥=]*$")
_PLAIN_VALUE = re.compile(rf"^{_NUM}$")


def plain_number(text: str) -> float | None:
    """A printed number with a decimal point or comma (``4,5``); None for a thousands group."""
    text = text.strip()
    if not _PLAIN_VALUE.match(text):
        return None
    if re.fullmatch(r"\d+,\d{3}", text):
        return None  # ``1,200``: a thousands group or a decimal comma, no telling
    return float(text.replace(",", "."))


def implied_flag(value: str, range_text: str) -> str | None:
    """``H``, ``L`` or ``N`` as a plain value against a plain range; None when either is not
    plain."""
    number = plain_number(value)
    if number is None:
        return None
    if m := _SPAN.match(range_text.strip()):
        low, high = plain_number(m.group(1)), plain_number(m.group(2))
        if low is None or high is None or low > high:
            return None
        return "L" if number < low else "H" if number > high else "N"
    if m := _ONE.match(range_text.strip()):
        bound = plain_number(m.group(2))
        if bound is None:
            return None
        below = {"<": number < bound, "<=": number <= bound, "≤": number <= bound}
        above = {">": number > bound, ">=": number >= bound, "≥": number >= bound}
        op = m.group(1)
        if op in below:
            return "N" if below[op] else "H"
        return "N" if above[op] else "L"
    return None


def row_implied_flag(row: LabelRow) -> str | None:
    """The flag a label row printed with no flag implies (:func:`implied_flag`); None when it
    printed one, has no range, or either is not plain."""
    if row.flag is not None or not row.range:
        return None
    return implied_flag(row.value, row.range)


def reported_direction(flag: str | None) -> str:
    """A report's flag as H, L or N (no flag is normal; ``A`` stays ``A``)."""
    return {"H": "H", "HH": "H", "L": "L", "LL": "L", "A": "A"}.get(flag or "", "N")
