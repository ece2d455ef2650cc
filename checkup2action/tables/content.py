"""Cheap recognisers of what a cell's text looks like (number, range, unit, flag).

These only classify, for table detection; the normalize stage does the real parsing. Words of
other languages come from the shared grammar.
"""

from __future__ import annotations

import re
import unicodedata

from checkup2action.grammar.flags import unit_and_mark
from checkup2action.grammar.ocrunits import SLASHLESS_LITRE
from checkup2action.grammar.ranges import dash_for_dot, parse_range
from checkup2action.grammar.units import normalize_unit
from checkup2action.grammar.values import (
    CJK_BOUND_SYMBOL,
    MARKED_WORD,
    ONE_IN_N_BODY,
    QUANTITY_LABEL,
    bound_words_as_symbols,
    normalize_qualitative,
    parse_value,
)
from checkup2action.grammar.words import flag_words, word_key
from checkup2action.memo import content_cache

#: A number; thousands set apart by a space (``5 260 000``, as the word prep joins them) only
#: as a whole number (``70 105.00`` is two numbers).
_NUM = r"[-+]?(?:\d{1,3}(?: \d{3})+(?![.,]\d)|\d+)(?:[.,]\d+)*"
VALUE_WITH_FLAG = re.compile(
    rf"^(?:[↑↓▲▼*!]+\s*|[HL]\s+)?[<>≤≥＜＞]?=?\s*{_NUM}\s*(?:[↑↓▲▼*!]+|[(\[]?(?:H|L|HH|LL|A|N)[)\]]?\*?|"
    rf"(?:critical(?:ly)?\s+|crit\s+|panic\s+)?(?:high|low)|abnormal|critical|偏高|偏低|高|低|\+|-)?$",
    re.IGNORECASE,
)
_QUAL_WORDS = (
    r"阴性|陰性|阳性|陽性|弱阳性|弱陽性|可疑|negative|positive|neg|pos|non[-\s]?reactive|reactive|"
    r"weak(?:ly)?\s+positive|weak(?:ly)?\s+reactive|borderline|equivocal|indeterminate|trace|微量|"
    r"正常|normal|abnormal|nil|absent|present|detected|not\s+detected|未检出|未檢出|未见异常|未見異常|未见|未見|未发现|未發現|检出|檢出|"
    r"清|清亮|透明|yellow|pale\s+yellow|straw|amber|clear|turbid|slightly\s+turbid|"
    r"黄色|淡黄色|淡黃色|黃色|[+±]{1,4}|\+/-|\+-|-/\+|\d\+"
)
QUALITATIVE = re.compile(
    rf"^(?:(?:{_QUAL_WORDS})(?:\s*[(（]\s*(?:[-+±]{{1,4}}|\d\+)\s*[)）])?|[(（]\s*(?:[-+±]{{1,4}}|\d\+)\s*[)）])$",
    re.IGNORECASE,
)
RANGE = re.compile(
    rf"^[(\[]?\s*{_NUM}\s*%?\s*(?:-|–|—|~|～|〜|to|--)\s*{_NUM}\s*[)\]]?(?:\s*\S{{1,12}})?$|"
    rf"^[(\[]?\s*(?:[<>≤≥＜＞]=?|up to|below|above|less than|greater than)\s*{_NUM}",
    re.IGNORECASE,
)
#: A lone dash printed as a range: the negative a dipstick test expects (``阴性  -``).
LONE_DASHES = frozenset("-－—–")
SEX_RANGE = re.compile(r"(男|女|male|female|\bM\s*[:：]|\bF\s*[:：])", re.IGNORECASE)
FLAG = re.compile(
    r"^([↑↓▲▼]{1,2}|H|L|HH|LL|H\*|L\*|\*|!|A|ABN|Abnormal|High|Low|Critical|(Critical|Crit|Panic)\s*(High|Low)|"
    r"偏高|偏低|高|低|异常|異常|阳性|陽性)$",
    re.IGNORECASE,
)
UNIT = re.compile(
    r"^(?:[x×X*]?\s*10\s*[\^*E~]?\s*\d{1,2}\s*/\s*[uμµ]?[lL]|[munpfμµ]?(?:g|mol|IU|U|iu|u)\s*/\s*"
    r"(?:[dmμµu]?[lL]|\d+h|24h|kg)|[GT]/L|%|％|[fF][lL]|pg|mm/h(?:r)?|mm/1h|s|sec|秒|/HPF|/LPF|/hpf|"
    r"个/[μµu]?[lL]|个/HPF?|/[μµu]?[lL]|/cumm|cells/cumm|/mm3|Mil/cumm|million/cumm|thou/cumm|[KM]/[uμµ]L|"
    r"seconds|secs|sec\.|minutes|mins|min|ml/min/1\.73m[2²]|mL/min/1\.73\s*m[2²]|mmol/mol|INR|ratio|COI|S/CO|mOsm/kg|kg/m[2²]|mmHg|"
    r"[munμµ]IU/m[lL]|[munμµ]?IU/[lL]|U/m[lL]|KU/L|kIU/L|g/24h|mg/24h|titer|pH)$",
    re.IGNORECASE,
)


def clean(text: str) -> str:
    """NFKC-normalise and strip a cell's text."""
    return unicodedata.normalize("NFKC", text).strip()


TRAILING_FLAG = re.compile(
    r"\s*(?:[↑↓▲▼*!]+|\bH\b|\bL\b|\bA\b|high|low|abnormal|偏高|偏低)\s*$", re.IGNORECASE
)


@content_cache(maxsize=65536)
def looks_value(text: str) -> bool:
    """A number (maybe with comparator or a glued flag) or a qualitative result (maybe flagged),
    in any language the grammar knows (``Negativo``, ``Inferior a 0,10``)."""
    t = clean(text)
    if not t:
        return False
    return (
        bool(VALUE_WITH_FLAG.match(t))
        or bool(QUALITATIVE.match(t))
        or bool(QUALITATIVE.match(TRAILING_FLAG.sub("", t)))
        or normalize_qualitative(t) is not None
        or (t[:1].isalpha() and bool(VALUE_WITH_FLAG.match(bound_words_as_symbols(t))))
        or _graded_number(t)
        or _marked_word(t)
        or _labelled_number(t)
        or _bound_after(t)
    )


def looks_numeric_value(text: str) -> bool:
    """A value with a digit in it (a number, maybe flagged or graded), not a result word."""
    return looks_value(text) and any(c.isdigit() for c in text)


def _parses_to_number(t: str) -> bool:
    """Whether the value grammar reads the whole text, and a number from it."""
    parsed = parse_value(t)
    return parsed.ok and parsed.value is not None


def _bound_after(t: str) -> bool:
    """A number with its comparator word after it, as CJK reports print one (``0.05以下``)."""
    return t.endswith(tuple(CJK_BOUND_SYMBOL)) and _parses_to_number(t)


def _labelled_number(t: str) -> bool:
    """A number after the name of its quantity and a colon (``DOB:1.9``, ``S/CO: 0.12``)."""
    return QUANTITY_LABEL.match(t) is not None and _parses_to_number(t)


def _marked_word(t: str) -> bool:
    """A result word after the mark that flags it (``+ positiv``, ``* Reactive``)."""
    m = MARKED_WORD.match(t)
    return m is not None and normalize_qualitative(m.group(2)) is not None


#: A count printed as a span, as urine and stool microscopy report it (``0-2/HP``, ``3-5 个/HPF``):
#: a result only where a header says the column holds results.
COUNT_SPAN = re.compile(
    r"^\d{1,3}\s*[-~～]\s*\d{1,3}\s*(?:个?\s*/\s*(?:HPF?|LPF?|hpf?|lpf?|高倍视野|低倍视野|高倍|低倍))?$"
)


def looks_count_span(text: str) -> bool:
    """A microscopy count printed as a span (``0-2/HP``), see :data:`COUNT_SPAN`."""
    return bool(COUNT_SPAN.match(clean(text)))


#: A titer or a risk printed as one in N (``1:320``, ``>1/10``, ``1/808``).
ONE_IN_N = re.compile(rf"^[<>≤≥]?\s*{ONE_IN_N_BODY}$")


def _graded_number(t: str) -> bool:
    """A number with its grade or sign (``3(-)``, ``66(+)``, ``40(+-)``), a titer (``1:320``) or
    a risk (``1/808``)."""
    if ONE_IN_N.match(t):
        return True
    if len(t) > 16 or not t[:1].isdigit() or "(" not in t:
        return False
    return _parses_to_number(t)


@content_cache(maxsize=65536)
def looks_range(text: str) -> bool:
    """A reference interval or bound, or a sex-specific pair of them (``4 bis 10``, ``Até 18``)."""
    t = clean(text)
    if RANGE.match(t) or (SEX_RANGE.search(t) and re.search(r"\d", t)):
        return True
    if (dashed := dash_for_dot(t)) is not None and RANGE.match(dashed):
        return True  # ``3.7.5.7``: OCR read the dash as a dot
    if not re.search(r"\d", t) or not re.search(r"[^\W\d_]", t):
        return False
    rng = parse_range(t)
    return rng is not None and (rng.low is not None or rng.high is not None)


def looks_range_only(text: str) -> bool:
    """A range that cannot be read as a value instead (``4.4-11.3``; not ``<0.5``, which is one)."""
    return looks_range(text) and not looks_value(text)


@content_cache(maxsize=65536)
def looks_flag(text: str) -> bool:
    """A printed abnormality flag (``H``, ``↑``, ``High``, ``erhöht``, ``magas``)."""
    t = clean(text)
    return bool(FLAG.match(t)) or word_key(t) in flag_words()


# Spellings outside the list above still look like units: short, no spaces, letters around a slash.
GENERIC_UNIT = re.compile(r"^[A-Za-zμµ%*^×·0-9.]{0,8}[A-Za-zμµ%]/[A-Za-zμµ0-9.²³ ]{1,10}$")


@content_cache(maxsize=65536)
def looks_unit(text: str) -> bool:
    """A unit of measure."""
    t = clean(text).replace(" ", "")
    if UNIT.match(t) or SLASHLESS_LITRE.match(t):
        return True
    if "/" in t and normalize_unit(t) is not None:
        return True  # a spelling the unit table knows (``mL/min/1.73``)
    if t.isalpha() and len(t) >= SPELLED_UNIT_CHARS and normalize_unit(t) is not None:
        return True  # a unit spelled out (``femtolitre``, ``Sekunden``)
    return bool(GENERIC_UNIT.match(t)) and not looks_range(t)


def looks_any_unit(text: str) -> bool:
    """A unit of measure, the short ones the unit table knows included (``cm``, ``kg``, and
    ``1``, UCUM's unit of a plain count: callers that read numbers rule those out first)."""
    return looks_unit(text) or normalize_unit(text) is not None


#: A word at least this long that the unit table knows is a unit spelled out.
SPELLED_UNIT_CHARS = 6


def looks_marked_unit(text: str) -> bool:
    """A unit with the flag column's mark glued before it: an arrow (``↑pg``), or on a photo an
    arrow OCR read as ``1`` (``1×10^9/L``, ``1%``)."""
    rest, mark = unit_and_mark(clean(text), by_ocr=True)
    return mark is not None and looks_unit(rest)


@content_cache(maxsize=65536)
def looks_qualitative(text: str) -> bool:
    """A qualitative result or expectation (Negative, 阴性(-), Nil, 1+, Negativo, négatif)."""
    t = clean(text)
    return bool(QUALITATIVE.match(t)) or normalize_qualitative(t) is not None


#: A number with a unit (and maybe an arrow) glued on: ``10.7sec``, ``104↑fl``, ``40.3%``.
GLUED_VALUE_UNIT = re.compile(r"^([<>≤≥]?\d+(?:[.,]\d+)?)([↑↓]?)([A-Za-zμµ%/].*)$")


def glued_value_unit(text: str) -> tuple[str, str, str] | None:
    """(value, arrow, unit) of a value OCR read together with its unit; None if it is not one."""
    m = GLUED_VALUE_UNIT.match(text.strip())
    if m is None or not looks_unit(m.group(3)):
        return None
    return m.group(1), m.group(2), m.group(3)
