"""Birth dates printed without a label, told by how long before the report's own dates they lie.

A report prints the dates of its own days (collection, validation, earlier visits: within a few
years of one another) and, for its patient, a birth date decades earlier, often with no label
the label list knows: after the age (``AGE : 41 Y 02/01/1983``), or alone on a line under the
patient's name. A full date (day, month and year) at least ``MIN_YEARS_BEFORE`` years before the
latest date the document prints (a date after today is no report's day, and is not counted) is
taken as a birth date. A child's birth date, closer to the report's days, still needs its label.

Only dates that cannot be something else are read: numbers joined by one separator used twice
(``02/01/1983``, ``02/01/83``, ``1983-01-02``; dots and dashes only with a four-digit year, since
``1.5.10`` may be a version and ``10-20-30`` a list), or a month named between day and year
(``02 Jan 1983``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from checkup2action.dates import DAY_MONTH_YEAR, MONTHS
from checkup2action.deid.identifiers import Identifier

#: Years between the document's latest date and a date for that date to be a birth date.
MIN_YEARS_BEFORE = 12

_NUMERIC = re.compile(
    r"(?<![\d/.\-])(?:"
    r"(?P<iso_y>(?:19|20)\d{2})(?P<s1>[-/.])(?P<iso_m>\d{1,2})(?P=s1)(?P<iso_d>\d{1,2})"
    r"|(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>(?:19|20)\d{2}|\d{2})"
    r"|(?P<da>\d{1,2})(?P<s2>[.\-])(?P<db>\d{1,2})(?P=s2)(?P<dy>(?:19|20)\d{2})"
    r")(?![\d/.\-]|\s*[-–~]\s*\d)"
)
#: ``checkup2action.dates``' day, month name and year, not inside a longer number.
_NAMED = re.compile(rf"(?<!\d){DAY_MONTH_YEAR.pattern}(?!\d)")


def _full_year(year: int, today: date) -> int:
    """A printed year in full: a two-digit one is of this century unless that lies ahead."""
    if year >= 100:
        return year
    return 2000 + year if 2000 + year <= today.year else 1900 + year


def _plausible(first: int, second: int) -> bool:
    """Whether two numbers are a day and a month in either order."""
    return 1 <= first <= 31 and 1 <= second <= 31 and min(first, second) <= 12


def _numeric_year(m: re.Match[str], today: date) -> int | None:
    """The year of a numeric date, or None when its day and month cannot be both."""
    if m.group("iso_y"):
        month, day = int(m.group("iso_m")), int(m.group("iso_d"))
        return int(m.group("iso_y")) if 1 <= month <= 12 and 1 <= day <= 31 else None
    first, second, year = (
        (m.group(k) for k in ("a", "b", "y"))
        if m.group("a")
        else (m.group(k) for k in ("da", "db", "dy"))
    )
    if not _plausible(int(first), int(second)):
        return None
    return _full_year(int(year), today)


def dated_spans(text: str, today: date) -> list[tuple[int, int, int]]:
    """``(start, end, year)`` of every full date printed in ``text``."""
    found = []
    for m in _NUMERIC.finditer(text):
        if (year := _numeric_year(m, today)) is not None:
            found.append((m.start(), m.end(), year))
    for m in _NAMED.finditer(text):
        day, month, year = m.group(1), m.group(2), int(m.group(3))
        if month.lower() in MONTHS and 1 <= int(day) <= 31 and 1900 <= year <= 2099:
            found.append((m.start(), m.end(), year))
    return found


def old_dates(lines: Sequence[str], today: date | None = None) -> list[tuple[int, Identifier]]:
    """``(line index, birth date)`` for every full date printed ``MIN_YEARS_BEFORE`` years or
    more before the latest date of the document (not after ``today``)."""
    day = today or date.today()
    dated = [(i, span) for i, text in enumerate(lines) for span in dated_spans(text, day)]
    years = [year for _, (_, _, year) in dated if year <= day.year]
    if not years:
        return []
    latest = max(years)
    return [
        (i, Identifier("birth_date", start, end, lines[i][start:end], "old_date"))
        for i, (start, end, year) in dated
        if year <= latest - MIN_YEARS_BEFORE
    ]
