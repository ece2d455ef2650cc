"""Abnormal flags: read the printed one, compute one from the range, and reconcile them."""

from __future__ import annotations

import math
import re

from checkup2action.grammar.units import normalize_unit
from checkup2action.grammar.values import clean_text
from checkup2action.grammar.words import flag_words, fold_accents
from checkup2action.report.models import ReferenceRange

__all__ = [
    "FLAG_DISAGREES_WITH_RANGE",
    "LEADING_ARROW",
    "compute_flag",
    "minus_read_as_one",
    "parse_flag",
    "range_and_mark",
    "resolve_flag",
    "unit_and_mark",
    "value_and_mark",
]

FLAG_DISAGREES_WITH_RANGE = "FLAG_DISAGREES_WITH_RANGE"

_PRINTED: dict[str, tuple[str, ...]] = {
    "H": ("↑", "▲", "h", "h*", "hi", "high", "偏高", "高", "↑高", "高↑", "↑h", "h↑", "+↑"),
    "L": ("↓", "▼", "l", "l*", "lo", "low", "偏低", "低", "↓低", "低↓", "↓l", "l↓"),
    "HH": ("↑↑", "↑↑↑", "hh", "hh*", "h!", "criticalhigh", "panichigh", "危急高", "危急↑", "↑危急",
           "危急值↑", "极高", "極高"),
    "LL": ("↓↓", "↓↓↓", "ll", "ll*", "l!", "criticallow", "paniclow", "危急低", "危急↓", "↓危急",
           "危急值↓", "极低", "極低"),
    # "十" is OCR's reading of a printed + (the CJK ten)
    "A": ("*", "**", "!", "a", "abn", "abnormal", "异常", "異常", "阳性", "陽性", "positive", "pos",
          "+", "十", "危急", "危急值", "critical", "panic"),
    "N": ("n", "normal", "正常", "neg", "negative", "阴性", "陰性", "wnl"),
}  # fmt: skip
_PRINTED_INDEX = {spelling: flag for flag, forms in _PRINTED.items() for spelling in forms}
_KNOWN = frozenset(_PRINTED)
_DIRECTION = {"H": "H", "HH": "H", "L": "L", "LL": "L", "A": "A", "N": "N"}
_POSITIVE_LIKE = frozenset(
    {"positive", "weakly_positive", "trace", "1+", "2+", "3+", "4+", "abnormal"}
)
_NEGATIVE_LIKE = frozenset({"negative", "normal"})


def is_dipstick_result(value_text: str | None) -> bool:
    """Whether a word result reads on the negative-to-positive scale of a dipstick or a screen
    (``negative``, ``trace``, ``2+``)."""
    return value_text in _POSITIVE_LIKE - {"abnormal"} or value_text == "negative"


def _flag_key(text: str) -> str:
    """Lower-case, spaceless, unbracketed form of a printed flag."""
    key = re.sub(r"\s+", "", clean_text(text)).lower()
    return key[1:-1] if len(key) > 2 and key[0] in "([" and key[-1] in ")]" else key


def _guess(key: str) -> str | None:
    """Flag of a composite text ('↑ H', 'Critical ↑'); None when it says nothing clear."""
    up = bool(re.search(r"[↑▲高]|high", key))
    down = bool(re.search(r"[↓▼低]|low", key))
    critical = bool(re.search(r"危急|critical|panic|↑↑|↓↓", key))
    if up != down:
        return ("HH" if critical else "H") if up else ("LL" if critical else "L")
    return "A" if critical or "异常" in key or "abnormal" in key else None


def parse_flag(text: str | None) -> str | None:
    """Printed flag -> 'H', 'L', 'HH', 'LL', 'A' or 'N'; None when empty or meaningless."""
    if not isinstance(text, str) or not text.strip():
        return None
    key = _flag_key(text[:40])
    if key in _PRINTED_INDEX:
        return _PRINTED_INDEX[key]
    words = flag_words()
    return words.get(key) or words.get(fold_accents(key)) or _guess(key)


def _interval(value: float, comparator: str | None) -> tuple[float, bool, float, bool]:
    """Where the true value lies: (lo, lo_open, hi, hi_open); '<x' assumes a value >= 0."""
    if comparator in ("<", "<="):
        return (0.0 if value > 0 else -math.inf), False, value, comparator == "<"
    if comparator in (">", ">="):
        return value, comparator == ">", math.inf, True
    return value, False, value, False


def _numeric_flag(value: float, comparator: str | None, rng: ReferenceRange) -> str | None:
    """H/L/N from numeric bounds; None when the comparator leaves it undecided."""
    lo, lo_open, hi, hi_open = _interval(value, comparator)
    above = below = False
    if rng.high is not None:
        if lo > rng.high or (lo == rng.high and (lo_open or not rng.high_inclusive)):
            return "H"
        above = hi > rng.high or (hi == rng.high and not hi_open and not rng.high_inclusive)
    if rng.low is not None:
        if hi < rng.low or (hi == rng.low and (hi_open or not rng.low_inclusive)):
            return "L"
        below = lo < rng.low or (lo == rng.low and not lo_open and not rng.low_inclusive)
    return None if above or below else "N"


def _qualitative_flag(value_text: str, expected: str) -> str | None:
    """A/N from the expected qualitative result; None when not comparable."""
    if expected in _NEGATIVE_LIKE:
        if value_text in _NEGATIVE_LIKE:
            return "N"
        return "A" if value_text in _POSITIVE_LIKE else None
    if expected == "positive":
        if value_text in _POSITIVE_LIKE - {"abnormal"}:
            return "N"
        return "A" if value_text == "negative" else None
    return None


_SCALES = (1e-3, 1e-6, 1e3, 1e6)
_SCALE_GAP = 300.0  # a value this many times beyond a two-sided range is on another scale


def on_range_scale(value: float, rng: ReferenceRange) -> float:
    """The value on its range's scale: ``5 260 000 /mm3`` against ``4.6 à 6.0`` (millions) is
    5.26. Only for two-sided positive ranges the value misses by a factor of 300 or more, when
    a power of a thousand brings it within a third of the range's limits; else unchanged."""
    lo, hi = rng.low, rng.high
    if lo is None or hi is None or lo <= 0 or hi <= lo or value <= 0:
        return value
    if lo / _SCALE_GAP < value < hi * _SCALE_GAP:
        return value
    for scale in _SCALES:
        if lo / 3 <= value * scale <= hi * 3:
            return value * scale
    return value


def compute_flag(
    value: float | None,
    comparator: str | None,
    value_text: str | None,
    rng: ReferenceRange | None,
) -> str | None:
    """Flag from the reference range: H/L/N for numbers, A/N for qualitative; else None."""
    if rng is None:
        return None
    numeric_range = rng.low is not None or rng.high is not None
    if value is not None and numeric_range and math.isfinite(value):
        return _numeric_flag(on_range_scale(value, rng), comparator, rng)
    if value_text and rng.qualitative:
        return _qualitative_flag(value_text, rng.qualitative)
    return None


def _disagree(printed: str, computed: str) -> bool:
    """Directions differ: H vs L/N, L vs H/N, A vs N (HH agrees with H, LL with L)."""
    a, b = _DIRECTION[printed], _DIRECTION[computed]
    if a == b:
        return False
    return not ("A" in (a, b) and "N" not in (a, b))


def resolve_flag(
    printed: str | None, styled: bool, computed: str | None
) -> tuple[str | None, str | None, str | None]:
    """(flag, flag_source, disagreement_code): printed wins, then style, then computed."""
    flag = parse_flag(printed)
    known = computed if computed in _KNOWN else None
    if flag is not None:
        disagrees = known is not None and _disagree(flag, known)
        return flag, "printed", FLAG_DISAGREES_WITH_RANGE if disagrees else None
    if styled:
        return (known if known in ("H", "L", "HH", "LL", "A") else "A"), "style", None
    return known, ("computed" if known else None), None


#: A flag arrow glued before a cell's text (``↑pg``, ``↓2.4-4.0``).
LEADING_ARROW = re.compile(r"^\s*([↑↓▲▼])\s*(?=\S)")
#: ``1×10^9/L``, ``1%``: a unit whose first character is a flag arrow OCR read as ``1``.
_ONE_BEFORE_UNIT = re.compile(r"^\s*1(?=\s*[×xX*]\s*10|\s*%)")


def unit_and_mark(text: str, *, by_ocr: bool) -> tuple[str, str | None]:
    """A unit cell's unit and the flag mark it took from the flag column beside it: an arrow
    glued before it (``↑pg``, ``↓ *10^12/L``), or on an OCR read an arrow read as ``1``
    (``1×10^9/L``: no unit starts so) as ``*``, whose direction the range gives."""
    m = LEADING_ARROW.match(text)
    if m:
        return text[m.end() :], m.group(1)
    m = _ONE_BEFORE_UNIT.match(text) if by_ocr else None
    if m and normalize_unit(text.strip()) is None and normalize_unit(text[m.end() :].strip()):
        return text[m.end() :], "*"
    return text, None


#: ``34.8  1``, ``+  1``: a value or a sign grade and, set apart from it, a flag arrow OCR read
#: as ``1``.
_ONE_AFTER_VALUE = re.compile(r"^\s*([<>≤≥]?\d+(?:[.,]\d+)?|\+{1,4})\s+1\s*$")


def value_and_mark(text: str, *, by_ocr: bool) -> tuple[str, str | None]:
    """A value cell's value and, on an OCR read, a flag arrow read as a lone ``1`` after it
    (``34.8 1``, ``+ 1``) as the mark ``*``, whose direction the range gives."""
    m = _ONE_AFTER_VALUE.match(text) if by_ocr else None
    return (m.group(1).strip(), "*") if m else (text, None)


#: ``个  2.00-7.00``: an up arrow before the range that a Chinese recogniser read as 个 (a lone
#: 个 is no range, unit or name; 个/HP is a unit and keeps it).
_UP_AS_GE = re.compile(r"^\s*(个)\s+(?=[\d<>≤≥])")
#: ``13-8``: a range whose first digit is an arrow OCR read as ``1`` (``↑3-8``).
_ONE_GLUED = re.compile(r"^\s*1(\d+(?:\.\d+)?)\s*[-~～]\s*(\d+(?:\.\d+)?)\s*$")


#: ``阴性(一)``: the minus sign of a negative result read as the character one (same glyph).
_SIGN_AS_ONE = re.compile(r"(阴性|陰性|阴|陰)\s*([（(])\s*一\s*([)）])")


def minus_read_as_one(text: str) -> str:
    """``阴性（一）`` as printed, ``阴性（-）``: OCR reads the minus in the bracket as ``一``."""
    return _SIGN_AS_ONE.sub(lambda m: f"{m.group(1)}{m.group(2)}-{m.group(3)}", text)


def range_and_mark(text: str, *, by_ocr: bool) -> tuple[str, str | None]:
    """A range cell's range and the flag mark glued before it (``↓2.4-4.0``), if any; on an OCR
    read, a range that runs backwards (``13-8``) but reads right without its first ``1`` had an
    arrow read as that ``1``: the mark is then ``*``, its direction given by the range."""
    text = minus_read_as_one(text) if by_ocr else text
    m = LEADING_ARROW.match(text) or (_UP_AS_GE.match(text) if by_ocr else None)
    if m:
        return text[m.end() :], "↑" if m.group(1) == "个" else m.group(1)
    m = _ONE_GLUED.match(text) if by_ocr else None
    if m:
        low, high = float("1" + m.group(1)), float(m.group(2))
        if low > high >= float(m.group(1)):
            return text.strip()[1:], "*"
    return text, None
