"""Interpretive bands printed as a result's range, one band per line.

Lipid, HbA1c and skin-test results often print their reference as labelled bands stacked in
the range column (made up)::

    Triglyceride   160   mg/dl   - Optimal : <200
                                 - Border Line : 200-
                                 400
                                 - High : >400

The line reader reads the first band as a record of its own (name ``Optimal :``, value
``<200``) and the lines below as further ones. Here the first band becomes the range of the
result it ends, and the lines under it that only carry bands (or the number that ends a band
cut after its dash) are added to that range.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from checkup2action.ingestion.document import Word
from checkup2action.layout.lines import TextLine, join_words
from checkup2action.tables.records import Record
from checkup2action.tables.roles import Role
from checkup2action.tables.tokens import Token

_NUMBER = r"\d+(?:[.,]\d+)?"
#: One labelled band: a short label, a colon, a bound or a span (open when cut after its dash).
BAND = re.compile(
    rf"^[-–•·]?\s*(?P<label>[^\W\d_][^:：\d<>]{{0,30}}?)\s*[:：]\s*"
    rf"(?:[<>≤≥]=?\s*{_NUMBER}|{_NUMBER}\s*[-–~]\s*(?:{_NUMBER})?)$"
)
#: A range that opens with a labelled band (more bands may follow on the same line).
BAND_START = re.compile(
    rf"^[-–•·]?\s*[^\W\d_][^:：\d<>]{{0,30}}?\s*[:：]\s*(?:[<>≤≥]=?\s*{_NUMBER}|{_NUMBER}\s*[-–~])"
)
#: The number ending a band whose span was cut after its dash (``200-`` / ``400``).
_SPAN_END = re.compile(rf"^{_NUMBER}$")
#: How far left of the first band a band below it may start, in line heights.
_BAND_INDENT_EM = 2.0


def _text(words: list[Word]) -> str:
    """The words' text left to right (``join_words``)."""
    return join_words(sorted(words, key=lambda w: w.x0))


def is_band(text: str, names_test: Callable[[str], bool] = lambda _: False) -> bool:
    """Whether text is one labelled band (``- Optimal : <200``) whose label names no test
    (``names_test``: whether a label names one)."""
    m = BAND.match(text.strip())
    return m is not None and not names_test(m.group("label"))


def ends_bands(band_text: str, text: str) -> bool:
    """Whether ``text`` is a further band of a range printed as bands (``band_text``): a band,
    or the number that ends a band cut after its dash (``200-`` / ``400``)."""
    if not BAND_START.match(band_text):
        return False
    return is_band(text) or (bool(_SPAN_END.match(text)) and band_text.endswith(("-", "–", "~")))


def _record_words(rec: Record) -> list[Word]:
    """Every word of a record."""
    return [w for tok in rec.cells.values() for w in tok.words]


def fold_first_bands(
    recs: list[Record], names_test: Callable[[str], bool]
) -> tuple[list[Record], Record | None]:
    """A line's records with a band record that follows a finished result (with no range of its
    own) made that result's range; also the result whose range is a band, if any (the owner of
    bands on the lines below). ``names_test``: whether a band's label names a test."""
    out: list[Record] = []
    owner: Record | None = None
    for rec in recs:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.complete
            and not prev.has(Role.RANGE)
            and not rec.has(Role.UNIT)
            and is_band(_text(_record_words(rec)), names_test)
        ):
            prev.put(Role.RANGE, Token(sorted(_record_words(rec), key=lambda w: w.x0)))
            owner = prev
            continue
        out.append(rec)
        if rec.complete and rec.has(Role.RANGE) and BAND_START.match(rec.cells[Role.RANGE].text):
            owner = rec
    return out, owner


def continues_bands(owner: Record, line: TextLine) -> bool:
    """Whether a line only carries further bands of ``owner``'s range: it starts in the range's
    column and is a band, or the number ending a band cut after its dash."""
    band = owner.cells.get(Role.RANGE)
    if band is None or not line.words:
        return False
    em = max(line.height, 1.0)
    if min(w.x0 for w in line.words) < band.x0 - _BAND_INDENT_EM * em:
        return False
    return ends_bands(band.text, _text(line.words))


def add_band_line(owner: Record, line: TextLine) -> None:
    """Add a band line's words to the owner's range."""
    owner.put(Role.RANGE, Token(sorted(line.words, key=lambda w: w.x0)))
