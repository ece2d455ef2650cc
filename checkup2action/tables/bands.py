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
cut after its dash) are added to that range. A range for each sex or age group is printed the
same way (``HOMEM:  3,0 a 7,2 mg/dL`` over ``MULHER:  2,5 a 5,9 mg/dL``, ``Adultos:  Até 1,1``):
a band is a short label, a colon and anything that reads as a range. A sex alone on its line
(``Mulher:``) heads the bands under it (a phase of the cycle each) and joins the range too.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from checkup2action.grammar.agebands import AGE_BRACKET_TEXT, is_age_unit
from checkup2action.grammar.ranges import is_sex_marker
from checkup2action.ingestion.document import Word
from checkup2action.layout.lines import TextLine, join_words
from checkup2action.tables.content import looks_range
from checkup2action.tables.records import Record
from checkup2action.tables.roles import Role, role_of_header
from checkup2action.tables.tokens import Token, close, is_unit

_NUMBER = r"\d+(?:[.,]\d+)?"
#: A band's label: a short one and its colon (no digit, no ``<>`` in it, but maybe ages in
#: brackets: ``Homens (20 - 60 anos):``, made up), or the ages of a band by age group, a colon
#: maybe after them (``1 a 12 anos``, ``> 18 years:``).
_LABEL = (
    rf"(?P<label>[^\W\d_][^:：\d<>]{{0,30}}?\s*(?:\(\s*{AGE_BRACKET_TEXT}\s*\)\s*)?[:：]"
    rf"|{AGE_BRACKET_TEXT}\s*[:：]?)"
)
#: A bullet dash that may open a band's line (``- Optimal : <200``), or the star of a label
#: printed between stars (``*Homens*: 10,0 - 40,0``, made up).
_LEAD = r"^[-–•·*]?\s*"
#: A band's bound (``<200``; ``= 125`` where a PDF lost the ``>`` of ``>=``), and the start of
#: its span (``200-``, cut or not after its dash).
_BOUND = rf"(?:[<>≤≥]=?|=)\s*{_NUMBER}"
#: An equals sign alone before a band's number: a comparator whose first glyph was lost.
_LOST_COMPARATOR = re.compile(r"^=\s*(?=\d)")
_SPAN_OPEN = rf"{_NUMBER}\s*[-–~]"
#: One labelled band: a short label, a colon, a bound or a span (open when cut after its dash).
BAND = re.compile(rf"{_LEAD}{_LABEL}\s*(?:{_BOUND}|{_SPAN_OPEN}\s*(?:{_NUMBER})?)$")
#: A range that opens with a labelled band (more bands may follow on the same line).
BAND_START = re.compile(rf"{_LEAD}{_LABEL}\s*(?:{_BOUND}|{_SPAN_OPEN})")
#: A short label and its colon before anything (a band when the rest reads as a range).
_LABELLED = re.compile(rf"{_LEAD}{_LABEL}\s*(?P<rest>\S.*)$")
#: A short label and its colon alone (the first token of a band on a result's line).
_LABEL_ONLY = re.compile(rf"^{_LABEL}$")
#: The number ending a band whose span was cut after its dash (``200-`` / ``400``).
_SPAN_END = re.compile(rf"^{_NUMBER}$")
#: How far left of the first band a band below it may start, in line heights.
_BAND_INDENT_EM = 2.0
#: How far a centred band's middle may lie from the middle of the bands above it, in line
#: heights.
_BAND_CENTRE_EM = 1.0


def _label(m: re.Match[str]) -> str:
    """A band's label without its colon."""
    return m.group("label").strip().rstrip(":：").strip()


def _text(words: list[Word]) -> str:
    """The words' text left to right (``join_words``)."""
    return join_words(sorted(words, key=lambda w: w.x0))


def is_band(text: str, names_test: Callable[[str], bool] = lambda _: False) -> bool:
    """Whether text is one labelled band (``- Optimal : <200``, ``MULHER: 2,5 a 5,9 mg/dL``)
    whose label names no test (``names_test``: whether a label names one)."""
    t = text.strip()
    m = BAND.match(t) or _LABELLED.match(t)
    if m is None or names_test(_label(m)):
        return False
    return m.re is BAND or _reads_as_range(m.group("rest"))


def _reads_as_range(text: str) -> bool:
    """A range, perhaps with its unit after it (``3,0 a 7,2 mg/dL``, ``Até 1,1``, ``= 125``
    where a PDF lost the ``>`` of ``>=``)."""
    text = _LOST_COMPARATOR.sub("≥", text)
    head, _, last = text.rpartition(" ")
    return looks_range(text) or (bool(head) and is_unit(last) and looks_range(head))


def _starts_bands(text: str) -> bool:
    """Whether a range opens with a labelled band (more may follow on the same line)."""
    if BAND_START.match(text):
        return True
    m = _LABELLED.match(text.strip())
    return m is not None and _reads_as_range(m.group("rest"))


def ends_bands(
    band_text: str, text: str, names_test: Callable[[str], bool] = lambda _: False
) -> bool:
    """Whether ``text`` is a further band of a range printed as bands (``band_text``): a band,
    or the number that ends a band cut after its dash (``200-`` / ``400``). Under a range with
    no label (``0.30-5.0 mIU/L`` over ``Pregnancy: 0.2-2.4``, made up) only a band whose label
    names no test (``names_test``) is one."""
    if not _starts_bands(band_text):
        return is_band(text, names_test) and not _names_range(text)
    if is_band(text) or _opens_sex_group(text):
        return True
    return bool(_SPAN_END.match(text)) and band_text.endswith(("-", "–", "~"))


def _names_range(text: str) -> bool:
    """Whether a band's label is the header word of a range (``Reference Interval: 3-5``): a
    result's range set apart from it, not a further band."""
    m = _LABELLED.match(text.strip())
    return m is not None and role_of_header(_label(m), exact_only=True) is Role.RANGE


def _opens_sex_group(text: str) -> bool:
    """Whether a line is a sex alone with its colon (``Mulher:``, ``*Mulheres*:``): the heading
    of a group of bands under it (``Fase folicular: 2,0 - 12,0``, made up)."""
    m = _LABEL_ONLY.match(text.strip().replace("*", ""))
    return m is not None and is_sex_marker(_label(m))


def labels_range(
    rec: Record, tok: Token, nxt: str, prev: Token | None, names_test: Callable[[str], bool]
) -> bool:
    """Whether a token after a record's value opens its range as a band's label, the next token
    ``nxt`` a range (``HOMEM:  3,0 a 7,2``, ``Adultos:  Até 1,1``): a sex, or a short label
    closed by a colon that names no test (``names_test``), not the name of a next result. The
    label starts a column: a phrase's last word (``até 40 anos:``) opens no range."""
    if not rec.has(Role.VALUE) or rec.has(Role.RANGE) or not looks_range(nxt):
        return False
    if prev is not None and close(prev.words[-1], tok.words[0]):
        return False
    t = tok.text.strip().replace("*", "")  # ``*Homens*:``
    if is_sex_marker(t):
        return True
    m = _LABEL_ONLY.match(t.strip())
    return m is not None and not names_test(_label(m))


def _record_words(rec: Record) -> list[Word]:
    """Every word of a record."""
    return [w for tok in rec.cells.values() for w in tok.words]


def fold_first_bands(
    recs: list[Record], names_test: Callable[[str], bool]
) -> tuple[list[Record], Record | None]:
    """A line's records with a band record that follows a finished result (with no range of its
    own) made that result's range; also the result whose range is a band, if any (the owner of
    bands on the lines below: any result with a range, as an unlabelled range may have labelled
    bands under it). ``names_test``: whether a band's label names a test."""
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
        if rec.has(Role.VALUE) and rec.has(Role.RANGE):
            owner = rec
    return out, owner


def continues_bands(
    owner: Record, line: TextLine, names_test: Callable[[str], bool] = lambda _: False
) -> bool:
    """Whether a line only carries further bands of ``owner``'s range: it is in the range's
    column and is a band, or the number ending a band cut after its dash. In the column: it
    starts not far left of the bands so far, or it is centred on their middle (a centred
    column's wider band starts further left: ``Pré-diabetes: 99 a 124 mg/dL`` under
    ``Normal: < 99 mg/dL``, made up)."""
    band = owner.cells.get(Role.RANGE)
    if band is None or not line.words:
        return False
    em = max(line.height, 1.0)
    x0, x1 = min(w.x0 for w in line.words), max(w.x1 for w in line.words)
    band_x0, band_x1 = min(w.x0 for w in band.words), max(w.x1 for w in band.words)
    left_aligned = x0 >= band_x0 - _BAND_INDENT_EM * em
    centred = abs((x0 + x1) - (band_x0 + band_x1)) / 2 <= _BAND_CENTRE_EM * em
    return (left_aligned or centred) and ends_bands(band.text, _text(line.words), names_test)


def unit_ends_band(rec: Record, t: str, prev: Token | None) -> bool:
    """Whether ``t`` is the unit printed after a result's first band (``Normal: < 99 mg/dL``,
    made up; the result's own unit read before it): it belongs to the band's text, as the bands
    under it print theirs."""
    band = rec.cells.get(Role.RANGE)
    if band is None or prev is None or not rec.has(Role.UNIT) or not is_unit(t):
        return False
    right_after = bool(prev.words) and band.words[-1] is prev.words[-1]
    return right_after and _starts_bands(band.text)


def add_band_line(owner: Record, line: TextLine) -> None:
    """Add a band line's words to the owner's range."""
    owner.put(Role.RANGE, Token(sorted(line.words, key=lambda w: w.x0)))


def opens_age_band(rec: Record, t: str, nxt: str) -> bool:
    """Whether a span after a result, the next word a unit of age (``0 a 10`` ``dias``), is the
    ages of the first band of a range by age group: ages, never the range itself."""
    return rec.has(Role.VALUE) and not rec.has(Role.RANGE) and looks_range(t) and is_age_unit(nxt)


def band_range_follows(rec: Record, t: str) -> bool:
    """Whether a range follows a band's label that opens a result's range (``0 a 10 dias`` then
    ``70-250``; ``Homens (20 - 60 anos):`` then ``140 a 800``, made up): the first band's own
    range."""
    label = rec.cells.get(Role.RANGE)
    return (
        label is not None and _LABEL_ALONE.match(label.text.strip()) is not None and looks_range(t)
    )


#: A band's label and nothing else.
_LABEL_ALONE = re.compile(rf"^{_LEAD}{_LABEL}$")
