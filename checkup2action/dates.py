"""Calendar dates as reports print them (y-m-d, d.m.y, m/d/y, 2025年3月12日, 12-Apr-2023,
Taiwan's 113/03/05 and 民國113年3月5日).

Shared by the tables stage (dates heading result columns) and the normalize stage (exam dates,
dates of earlier results), so it sits outside both.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

DATE_PARTS = re.compile(r"(\d{1,4})\s*[./\-年]\s*(\d{1,2})\s*[./\-月]\s*(\d{1,4})")
MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
MONTHS = {m: i for i, m in enumerate(MONTH_NAMES, start=1)}
DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[\s/\-.]*([A-Za-z]{3})[A-Za-z]*[\s/\-.,]*(\d{4})")
MONTH_DAY_YEAR = re.compile(
    r"([A-Za-z]{3})[A-Za-z]*[\s/\-.]*(\d{1,2})(?:st|nd|rd|th)?[\s,/\-.]*(\d{4})"
)


#: A month by its name, in English (``Mar``, ``March``).
MONTH_NAME = rf"(?:{'|'.join(MONTH_NAMES)})[a-z]*"
#: A whole date with a four-digit year, as headers of result columns print it: 2024-03-08,
#: 2024/03/08, 2024.03.08, 2024年3月8日, 03/08/2024, 08-Mar-2024; or a Minguo one: 113/03/08,
#: 民國113年3月8日.
FULL_DATE = re.compile(
    r"\d{4}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日?|"
    rf"\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{4}}|\d{{1,2}}[-/ ]?{MONTH_NAME}[-/ ,]*\d{{4}}|"
    r"民[國国]\s*\d{2,3}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日?|(?<!\d)1\d{2}/\d{1,2}/\d{1,2}(?!\d)",
    re.IGNORECASE,
)


#: A numeric date inside other text (``41 2024.04.18``, ``2024年4月18日``).
DATE_IN_TEXT = re.compile(r"\d{1,4}[./\-年]\d{1,2}[./\-月]\d{1,4}日?")
#: Any date printed in a text: a numeric one, or one with a month's name (``12 Mar 2024``,
#: ``Mar 12, 2024``).
PRINTED_DATE = re.compile(
    DATE_IN_TEXT.pattern
    + rf"|\b\d{{1,2}}[ \-]?{MONTH_NAME}\.?[ \-,]*\d{{2,4}}\b"
    + rf"|\b{MONTH_NAME}\.? \d{{1,2}},? \d{{4}}\b",
    re.IGNORECASE,
)


#: Taiwan's Minguo calendar counts years from 1912 (民國1年): ``113`` is 2024.
MINGUO_OFFSET = 1911
_MINGUO_ERA = re.compile(r"民[國国]")


def _minguo_year(first: str, text: str) -> bool:
    """Whether a date's first number is a Minguo year: three digits (no common-era report is that
    old, no day or month that large), or any year after the era's name (``民國99年``)."""
    return len(first) == 3 or (len(first) <= 3 and _MINGUO_ERA.search(text) is not None)


def _named_month_date(text: str) -> date | None:
    """A date written with a month name: 12/Apr/2023, 12 April 2023, Apr 12, 2023."""
    for pattern, order in ((DAY_MONTH_YEAR, (0, 1, 2)), (MONTH_DAY_YEAR, (1, 0, 2))):
        m = pattern.search(text)
        if m:
            parts = m.groups()
            day, month, year = (parts[i] for i in order)
            if month.lower() in MONTHS:
                try:
                    return date(int(year), MONTHS[month.lower()], int(day))
                except ValueError:
                    return None
    return None


def parse_date(text: str, *, day_first: bool | None = False) -> date | None:
    """A calendar date from y-m-d, d.m.y, m/d/y (slashes month first unless ``day_first`` or the
    first number is over 12), a Minguo y/m/d or month-name text."""
    m = DATE_PARTS.search(text)
    if not m:
        return _named_month_date(text)
    a, b, c = (int(g) for g in m.groups())
    sep_is_dot = "." in m.group(0)
    try:
        if _minguo_year(m.group(1), text):
            return date(a + MINGUO_OFFSET, b, c)  # 113/03/05, 民國113年3月5日: Taiwan's years
        if a > 31:
            return date(a, b, c)
        year = c + 2000 if c < 100 else c
        if sep_is_dot or a > 12 or (day_first and b <= 12):
            return date(year, b, a)
        return date(year, a, b)
    except ValueError:
        return None


#: A numeric date with slashes or dashes and the year last: ``05/03/2024``, ``5-3-24``.
_YEAR_LAST = re.compile(r"(?<![\d/.\-])(\d{1,2})([/\-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/.\-])")
#: Words and signs of a place or language that writes dates day first.
DAY_FIRST_CUES = re.compile(
    r"\b(?:India|Pakistan|Sri Lanka|Bangladesh|Nepal|United Kingdom|NHS|Australia|New Zealand|"
    r"Ireland|South Africa|Kenya|Nigeria|Malaysia|Singapore|UAE|Dubai|Egypt|Fecha|Data|Datum|"
    r"Edad|Idade|Sexo|Âge|Età|Geburtsdatum|Né|Née)\b|\+(?:9[1-4]|44|61|64|27|234|254|60|65|971)\b|"
    r"₹|\bRs\.?\s?\d",
    re.IGNORECASE,
)
#: Signs of a United States report (month first): a CLIA number, a state and ZIP code, +1.
MONTH_FIRST_CUES = re.compile(r"\bCLIA\b|\b[A-Z]{2},? \d{5}(?:-\d{4})?\b|\+1[\s(\-]\d")


def day_first_order(texts: Iterable[str]) -> bool | None:
    """Whether the document writes numeric dates day first (True), month first (False), or
    cannot tell (None). Its own dates decide first: a first number over 12 is a day
    (``25/03/2024``), a second one over 12 makes the first a month (``03/25/2024``); when they
    do not tell (or contradict each other), the place or language the text shows does."""
    lines = list(texts)
    firsts, seconds = False, False
    for text in lines:
        for m in _YEAR_LAST.finditer(text):
            firsts |= int(m.group(1)) > 12
            seconds |= int(m.group(3)) > 12
    if firsts != seconds:
        return firsts
    text = "\n".join(lines)
    day, month = DAY_FIRST_CUES.search(text), MONTH_FIRST_CUES.search(text)
    if bool(day) != bool(month):
        return bool(day)
    return None
