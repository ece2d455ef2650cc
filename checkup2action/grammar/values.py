"""Parse a printed result cell: number, comparator, qualitative word, glued flag and unit."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

from checkup2action.grammar.units import normalize_unit
from checkup2action.grammar.words import (
    bound_words,
    fold_accents,
    qualitative_words,
)
from checkup2action.memo import content_cache

__all__ = [
    "NUMBER_PATTERN",
    "ParsedValue",
    "clean_text",
    "normalize_comparator",
    "normalize_qualitative",
    "parse_number",
    "parse_value",
]

# Digits with optional thousands groups (space, comma, dot, apostrophe) and decimal part.
NUMBER_PATTERN = (
    r"(?:\d+(?: (?!10\d/)\d{3}(?![\d^*]))*(?:[.,'’]\d+)*|[.,]\d+)(?:[eE][+-]?\d{1,4}(?!\d))?"
)

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻", "0123456789+-")
_SUPERSCRIPT_RUN = re.compile(r"[⁺⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_MINUS = str.maketrans({"−": "-", "‒": "-", "﹣": "-", "➖": "-"})

_QUALITATIVE: dict[str, tuple[str, ...]] = {
    "negative": ("阴性", "陰性", "阴", "陰", "(-)", "阴性(-)", "陰性(-)", "neg", "neg(-)",
                 "negative", "negative(-)", "-ve", "nonreactive", "non-reactive", "未检出",
                 "未檢出", "未见", "未見", "未发现", "未發現", "未查见", "未查見", "未找到", "未找见",
                 "未找見", "未查到", "未检到", "未檢到", "notdetected", "notseen", "nil", "absent", "无", "無",
                 "음성"),
    "positive": ("阳性", "陽性", "阳", "陽", "(+)", "阳性(+)", "陽性(+)", "+", "pos", "pos(+)",
                 "positive", "positive(+)", "+ve", "reactive", "检出", "檢出", "detected",
                 "present", "양성"),
    "weakly_positive": ("弱阳性", "弱陽性", "±", "+-", "+/-", "(±)", "(+-)", "(+/-)",
                        "弱阳性(±)", "弱陽性(±)", "weaklypositive", "weakpositive",
                        "weaklyreactive", "weakreactive", "약양성"),
    "trace": ("trace", "traces", "tr", "微量", "极微量", "極微量", "미량"),
    "1+": ("1+", "(1+)", "+1+", "(+1)"),
    "2+": ("2+", "(2+)", "++", "(++)", "(+2)"),
    "3+": ("3+", "(3+)", "+++", "(+++)", "(+3)"),
    "4+": ("4+", "(4+)", "++++", "(++++)", "(+4)"),
    "normal": ("normal", "正常", "wnl", "未见异常", "未見異常", "nad", "정상", "異常なし", "異常無し"),
    "abnormal": ("abnormal", "异常", "異常"),
}  # fmt: skip
_QUALITATIVE_INDEX = {spelling: word for word, forms in _QUALITATIVE.items() for spelling in forms}
_GRADES = frozenset({"1+", "2+", "3+", "4+"})
_SIGN_FLAGS = frozenset({"+", "-", "++", "--"})
#: A bracketed grade after a number (``66(+)``, ``3(-)``, ``40(+-)``, ``500(+3)``): the result
#: read qualitatively, not a high or low mark.
BRACKET_GRADES = frozenset(
    {"-", "+", "+-", "±", "++", "+++", "++++", "+1", "+2", "+3", "+4", "1+", "2+", "3+", "4+"}
)
#: A grade's word after its number (``3级``: grade 3 of an analyser's scale).
_GRADE_WORDS = frozenset({"级", "級"})
_DASHES = frozenset({"-", "--", "---", "—", "——", "–", "––", "-—"})
_COMPARATORS = {"<": "<", "<=": "<=", "=<": "<=", "≤": "<=", "≦": "<=", "⩽": "<=",
                ">": ">", ">=": ">=", "=>": ">=", "≥": ">=", "≧": ">=", "⩾": ">="}  # fmt: skip

_FLAG_SYMBOL = r"(?:↑↑|↓↓|↑|↓|▲|▼|\*{1,3}|!|偏高|偏低|高|低)"
_FLAG_WORD = r"(?:HH|LL|H\*?|L\*?|A|(?i:(?:critical(?:ly)?\s+|crit\.?\s+|panic\s+)?(?:high|low)|abnormal|critical))"
_FLAG_TRAILING = re.compile(
    rf"(?:\s*[(\[]?{_FLAG_SYMBOL}[)\]]?|(?:^|(?<=[\s\d)\]]))[(\[]?{_FLAG_WORD}[)\]]?)\s*$"
)
_FLAG_LEADING = re.compile(
    rf"^\s*(?:[(\[]?{_FLAG_SYMBOL}[)\]]?|[(\[]?{_FLAG_WORD}[)\]]?(?=[\s\d<>≤≥+\-.,]|$))\s*"
)
_COMPARATOR_RE = re.compile(r"^\s*(<=|>=|=<|=>|[<>≤≥≦≧⩽⩾])\s*")
_VALUE_RE = re.compile(
    rf"(?P<sign>[+-])?(?P<num>{NUMBER_PATTERN})"
    r"(?:\s?[×xX*]\s?10\s?(?:\^|\*\*?|[eE])?\s?(?P<pow>[+-]?\d{1,3}+)(?![\d\s]*/))?"
)
#: One in N, as a titer or a risk is printed (``1:320``, ``1/808``), without its comparator.
ONE_IN_N_BODY = r"1\s*(:\s*\d{1,6}|/\s*\d{2,6})"
#: A titer or a risk printed as one in N (``1:320``, ``1/808``, ``>1/10``).
_TITER = re.compile(rf"^(<=|>=|[<>≤≥])?\s*{ONE_IN_N_BODY}$")
_SPAN = re.compile(r"^(\d{1,4})\s*[-~–]\s*(\d{1,4})\s*(?P<unit>\D*)$")
_WORD_WITH_GRADE = re.compile(r"^(.+?)\((.+)\)$")
#: A number after the name of what it measures and a colon (``DOB:1.9``, a breath test's delta
#: over baseline; ``S/CO: 0.12``): the name is a unit when it is one, else set aside.
QUANTITY_LABEL = re.compile(r"^([A-Za-z][A-Za-z/]{0,5})\s*[:：]\s*(?=[<>≤≥]?\d)(.+)$")
#: Names of quantities printed before their number that are no units.
_QUANTITY_NAMES = frozenset({"DOB", "OD"})


@dataclass(frozen=True, slots=True)
class ParsedValue:
    """What a result cell holds, split into its parts; ``ok`` when all of it was understood."""

    value: float | None = None
    comparator: str | None = None
    value_text: str | None = None
    flag_raw: str | None = None
    unit_raw: str | None = None
    ok: bool = False


def clean_text(text: str) -> str:
    """Superscripts -> ^n, NFKC (full-width), unicode minus -> '-', single spaces, stripped."""
    s = _SUPERSCRIPT_RUN.sub(lambda m: "^" + m.group().translate(_SUPERSCRIPTS), text)
    s = unicodedata.normalize("NFKC", s).translate(_MINUS)
    return re.sub(r"\s+", " ", s).strip()


def normalize_comparator(symbol: str | None) -> str | None:
    """'≤', '=<', '＜' ... -> one of '<', '<=', '>', '>='; None when not a comparator."""
    if not symbol:
        return None
    return _COMPARATORS.get(clean_text(symbol).replace(" ", ""))


def normalize_qualitative(text: str | None) -> str | None:
    """A qualitative result word -> 'negative', 'positive', '2+' ...; None when not one."""
    if not text:
        return None
    key = re.sub(r"\s+", "", clean_text(text)).lower()
    meaning = _meaning(key) or _slip_meaning(fold_accents(key))
    if meaning is not None:
        return meaning
    m = _WORD_WITH_GRADE.match(key)
    outer = _meaning(m.group(1)) if m else None
    if m and outer is not None:
        inner = _meaning(m.group(2)) or _meaning(f"({m.group(2)})")
        if inner is None:
            return None
        return inner if inner in _GRADES else outer
    return None


#: Words at least this long may be read with one letter wrong (OCR: ``Am tlnh`` for ``Âm tính``).
_SLIP_MIN_LENGTH = 6


@content_cache(maxsize=4096)
def _slip_meaning(key: str) -> str | None:
    """The meaning of a long word OCR read with one letter wrong, when only one word is that near."""
    if len(key) < _SLIP_MIN_LENGTH or not key.isalpha():
        return None
    masked = _words_with_a_letter_masked()
    near = {
        meaning
        for i in range(len(key))
        for known, meaning in masked.get((i, key[:i] + key[i + 1 :]), ())
        if known != key
    }
    return near.pop() if len(near) == 1 else None


@lru_cache(maxsize=1)
def _words_with_a_letter_masked() -> dict[tuple[int, str], tuple[tuple[str, str], ...]]:
    """Qualitative words (accents dropped) with their meanings, filed under each (position,
    word without the letter at that position): two words of one length differ by one letter
    exactly when they are filed under one such key and differ."""
    words = {fold_accents(k): m for k, m in _QUALITATIVE_INDEX.items()}
    words.update({fold_accents(k): m for k, m in qualitative_words().items()})
    out: dict[tuple[int, str], list[tuple[str, str]]] = {}
    for word, meaning in words.items():
        for i in range(len(word)):
            out.setdefault((i, word[:i] + word[i + 1 :]), []).append((word, meaning))
    return {k: tuple(v) for k, v in out.items()}


def _meaning(key: str) -> str | None:
    """The meaning of a qualitative word's key: the built-in words, then other languages'."""
    words = qualitative_words()
    return _QUALITATIVE_INDEX.get(key) or words.get(key) or words.get(fold_accents(key))


@lru_cache(maxsize=1)
def _bound_phrases() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """'inferior a 0,10' / '5,0 alatt' → '<'; 'superior a 30' → '>' (words of many languages)."""
    words = bound_words()
    before = "|".join(f"(?P<{side}>{words[side][0]})" for side in ("below", "above"))
    after = "|".join(
        f"(?P<{side}>{words[side][1]})" for side in ("below", "above") if words[side][1]
    )
    lead = re.compile(rf"^(?:{before})\s*(?=[\d.,])", re.IGNORECASE)
    tail = re.compile(rf"(?<=\d)\s*(?:{after})$", re.IGNORECASE)
    return lead, tail


def bound_words_as_symbols(s: str) -> str:
    """A value or bound with a comparator word written as its symbol (`Inferior a 0,10` → `<0,10`)."""
    lead, tail = _bound_phrases()
    m = lead.match(s)
    if m:
        return ("<" if m.group("below") else ">") + s[m.end() :]
    m = tail.search(s)
    if m:
        return ("<" if m.group("below") else ">") + s[: m.start()]
    return s


#: A number grouped in thousands by dots (``1.300``, ``202.000``, ``1.300.000``).
_DOT_GROUPED = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+")


def dot_grouped_number(text: str) -> float | None:
    """``1.300`` read with its dot as a thousands separator (1300); None when not so printed."""
    t = text.strip()
    return float(t.replace(".", "")) if _DOT_GROUPED.fullmatch(t) else None


#: A dot-grouped number inside a longer text: not part of a date, a decimal-comma number
#: (``1.300,5``) or a longer run of digits and marks.
_DOT_GROUPED_IN_TEXT = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?![\d.,]?\d)")


def ungroup_dots(text: str) -> str:
    """The text with the dots of its dot-grouped numbers taken out (``0 a 12.000`` ->
    ``0 a 12000``): how a document that prints decimal commas writes thousands."""
    return _DOT_GROUPED_IN_TEXT.sub(lambda m: m.group().replace(".", ""), text)


def has_dot_groups(text: str) -> bool:
    """Whether the text holds a number that could be grouped in thousands by dots (``1.300``)."""
    return _DOT_GROUPED_IN_TEXT.search(text) is not None


def parse_number(text: str) -> float | None:
    """A number as printed (thousands separators, decimal comma, exponent) -> float."""
    s = text.replace(" ", "").replace("'", "").replace("’", "")
    mantissa, _, exponent = s.replace("E", "e").partition("e")
    if "," in mantissa and "." in mantissa:
        decimal = "," if mantissa.rfind(",") > mantissa.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        mantissa = mantissa.replace(thousands, "").replace(decimal, ".")
    elif mantissa.count(",") == 1:
        head, tail = mantissa.split(",")
        grouped = len(tail) == 3 and 1 <= len(head) <= 3 and head != "0"
        mantissa = head + tail if grouped else f"{head}.{tail}"
    elif mantissa.count(",") > 1 or mantissa.count(".") > 1:
        sep = "," if "," in mantissa else "."
        head, *groups = mantissa.split(sep)
        if any(len(g) != 3 for g in groups):
            return None
        mantissa = head + "".join(groups)
    try:
        number = float(f"{mantissa}e{exponent}" if exponent else mantissa)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _strip_flags(s: str) -> tuple[str, str | None]:
    """Remove flag symbols/words glued at either end; return (rest, flags as printed)."""
    head: list[str] = []
    tail: list[str] = []
    for _ in range(4):
        m = _FLAG_TRAILING.search(s)
        found = tail if m else head
        m = m or _FLAG_LEADING.search(s)
        if not m or m.end() == m.start():
            break
        found.insert(0 if found is tail else len(found), m.group().strip())
        s = (s[: m.start()] + " " + s[m.end() :]).strip()
    return s, ("".join(head + tail) or None)


_PLUS_MARKS = frozenset("十+()（）±- ")
#: A mark set before a result word (``+ positiv``, ``* Reactive``): the word is the result, the
#: mark its flag.
MARKED_WORD = re.compile(r"^([+*!])\s+(\S.*)$")


def _qualitative_or_text(s: str, flag: str | None, dash: bool) -> ParsedValue:
    """A cell with no number: qualitative word, dash, titer or free text."""
    if "十" in s and set(s) <= _PLUS_MARKS:  # OCR reads a printed + as the CJK ten: (十), 十十
        s = s.replace("十", "+")
    if s.replace(" ", "") in _DASHES:
        return (
            ParsedValue(value_text="negative", flag_raw=flag, ok=True)
            if dash
            else ParsedValue(flag_raw=flag)
        )
    word = normalize_qualitative(s)
    if word is not None:
        return ParsedValue(value_text=word, flag_raw=flag, ok=True)
    marked = MARKED_WORD.match(s)
    if marked and (word := normalize_qualitative(marked.group(2))) is not None:
        return ParsedValue(value_text=word, flag_raw=marked.group(1), ok=True)  # + positiv
    if not s and flag and (word := normalize_qualitative(flag)) is not None:
        return ParsedValue(value_text=word, ok=True)  # the whole cell is a word like "Abnormal"
    if not any(c.isalnum() for c in s):
        return ParsedValue(flag_raw=flag)  # a rule or a stray mark (``|``, ``/``): no value
    return ParsedValue(value_text=s.lower(), flag_raw=flag, ok=True)


def _leftover(part: str) -> tuple[str | None, str | None, str | None, bool]:
    """Text beside the number: (unit_raw, qualitative, flag, understood)."""
    grade = part.strip(" ,;")
    if grade.startswith("(") and grade.endswith(")") and grade.strip("()") in BRACKET_GRADES:
        return None, normalize_qualitative(grade), None, True  # ``3(-)``: a graded result
    part, flag = _strip_flags(part)
    part = part.strip(" ,;().")
    if not part or part in _GRADE_WORDS:
        return None, None, flag, True  # ``3级``: an analyser's grade is its number
    if part in _SIGN_FLAGS:  # `13,8 +`: beside a number a sign is a high/low mark, not a result
        return None, None, (flag or "") + part, True
    if normalize_unit(part) is not None:
        return part, None, flag, True
    word = normalize_qualitative(part)
    return None, word, flag, word is not None


def _numeric(s: str, m: re.Match[str], flag: str | None) -> ParsedValue:
    """A cell holding a number, with whatever surrounds it."""
    number = parse_number(m.group("num"))
    if number is not None and m.group("pow"):
        number = _scale(number, int(m.group("pow")))
    if number is not None and m.group("sign") == "-":
        number = -number
    pre, post = s[: m.start()], s[m.end() :]
    comparator = None
    cm = _COMPARATOR_RE.match(pre)
    if cm:
        comparator, pre = _COMPARATORS[cm.group(1)], pre[cm.end() :]
    unit_a, word_a, flag_a, ok_a = _leftover(pre)
    unit_b, word_b, flag_b, ok_b = _leftover(post)
    return ParsedValue(
        value=number,
        comparator=comparator,
        value_text=word_a or word_b,
        flag_raw="".join(f for f in (flag_a, flag, flag_b) if f) or None,
        unit_raw=unit_b or unit_a,
        ok=number is not None and ok_a and ok_b and not (unit_a and unit_b),
    )


def _scale(number: float, power: int) -> float | None:
    """number × 10^power, None when it overflows."""
    try:
        scaled = number * 10.0**power
    except OverflowError:
        return None
    return scaled if math.isfinite(scaled) else None


def _special(s: str, flag: str | None) -> ParsedValue | None:
    """Titers and risks (``1:320``, ``1/808``) and counted spans (``3-5 /HPF``) kept as text."""
    m = _TITER.match(s)
    if m:
        comparator = _COMPARATORS[m.group(1)] if m.group(1) else None
        return ParsedValue(
            comparator=comparator,
            value_text="1" + re.sub(r"\s+", "", m.group(2)),
            flag_raw=flag,
            ok=True,
        )
    m = _SPAN.match(s)
    if m and int(m.group(1)) <= int(m.group(2)):
        unit = m.group("unit").strip() or None
        if unit is None or normalize_unit(unit) is not None:
            text = f"{int(m.group(1))}-{int(m.group(2))}"
            return ParsedValue(value_text=text, flag_raw=flag, unit_raw=unit, ok=True)
    return None


#: A comparator written after the number, as Japanese (and Chinese) reports print it:
#: ``0.05未満`` (below; OCR may read the simplified ``未满``), ``0.1以下``, ``30以上``, ``5超``;
#: and Korean ones: ``100미만`` (below), ``1.5이하``, ``60이상``, ``5초과`` (above).
CJK_BOUND_SYMBOL = {
    "未満": "<", "未满": "<", "以下": "<=", "以上": ">=", "超": ">",
    "미만": "<", "이하": "<=", "이상": ">=", "초과": ">",
}  # fmt: skip
_CJK_BOUND_AFTER = re.compile(rf"(?<=\d)\s*({'|'.join(CJK_BOUND_SYMBOL)})$")
#: A qualitative word followed by its reading in katakana (``陰性 インセイ``), as some Japanese
#: lab systems print it.
_KATAKANA_READING = re.compile(r"^(\S*?[\u4e00-\u9fff]\S*?)\s*[\u30a0-\u30ff]{2,}$")
#: A space after a decimal point before its digits (``0. 1``, monospaced Japanese printing).
_SPACED_DECIMAL = re.compile(r"^(\d+)\.\s+(?=\d+\D*$)")


def _japanese_forms(s: str) -> str:
    """A value with a comparator word after its number written as the symbol before it, a
    katakana reading after a qualitative word dropped, and a spaced decimal point closed."""
    m = _KATAKANA_READING.match(s)
    if m and normalize_qualitative(m.group(1)) is not None:
        return m.group(1)
    s = _SPACED_DECIMAL.sub(r"\1.", s)
    m = _CJK_BOUND_AFTER.search(s)
    return CJK_BOUND_SYMBOL[m.group(1)] + s[: m.start()] if m else s


def _labelled_number(s: str, flag: str | None, dash: bool) -> ParsedValue | None:
    """A number printed after its quantity's name (``DOB:1.9``, ``S/CO: 0.12``); else None."""
    m = QUANTITY_LABEL.match(s)
    label = m.group(1) if m else ""
    as_unit = label if m and normalize_unit(label) is not None else None
    if m is None or (as_unit is None and label.upper() not in _QUANTITY_NAMES):
        return None
    inner = _parse(m.group(2), dash)
    return replace(inner, unit_raw=inner.unit_raw or as_unit, flag_raw=inner.flag_raw or flag)


@content_cache(maxsize=8192)
def _parse(text: str, dash: bool) -> ParsedValue:
    """Cached body of parse_value."""
    s, flag = _strip_flags(_japanese_forms(clean_text(text)))
    if not s or s.replace(" ", "") in _DASHES or normalize_qualitative(s) is not None:
        return _qualitative_or_text(s, flag, dash)
    s = bound_words_as_symbols(s)
    if not s:
        return _qualitative_or_text(s, flag, dash)
    special = _special(s, flag)
    if special is not None:
        return special
    labelled = _labelled_number(s, flag, dash)
    if labelled is not None:
        return labelled
    m = _VALUE_RE.search(s)
    if m is None:
        return _qualitative_or_text(s, flag, dash)
    return _numeric(s, m, flag)


def parse_value(text: str, *, qualitative_dash: bool = True) -> ParsedValue:
    """Parse a printed result cell; never raises (odd input gives ok=False)."""
    if not isinstance(text, str) or len(text) > 200:
        return ParsedValue()
    try:
        return _parse(text, qualitative_dash)
    except (ValueError, OverflowError, RecursionError):
        return ParsedValue()
