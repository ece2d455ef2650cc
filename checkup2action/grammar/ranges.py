"""Parse printed reference ranges ('3.9-6.1', '<5.2', '阴性', 'M: 4.3-5.8 F: 3.8-5.1')."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from checkup2action.grammar.agebands import (
    ADULT_WORDS,
    adult_band,
    is_age_unit,
    starts_with_age_bracket,
)
from checkup2action.grammar.ocrunits import read_ocr_unit
from checkup2action.grammar.units import normalize_unit
from checkup2action.grammar.values import (
    CJK_BOUND_SYMBOL,
    NUMBER_PATTERN,
    bound_words_as_symbols,
    clean_text,
    dot_grouped_number,
    normalize_qualitative,
    parse_number,
)
from checkup2action.grammar.words import between_words
from checkup2action.memo import content_cache
from checkup2action.report.models import ReferenceRange

__all__ = ["DASHED_RANGE", "dash_for_dot", "dot_as_dash", "parse_range", "sex_code"]

_NUM = rf"[+-]?{NUMBER_PATTERN}"
_PLAIN = r"[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?"
_INTERVAL = re.compile(rf"^[\[(]\s*(?P<a>{_PLAIN})\s*[,;]\s*(?P<b>{_PLAIN})\s*[\])]")
_TWO_SIDED = re.compile(rf"^(?P<a>{_NUM})\s*(?:-|–|—|~|〜|至|to)\s*(?P<b>{_NUM})", re.I)
_TWO_SIDED_DOUBLE = re.compile(rf"^(?P<a>{_NUM})\s*(?:--|——|—|–)\s*(?P<b>{NUMBER_PATTERN})")
#: ``120  160``: a low and a high cell (or a dash OCR lost) and nothing else, the low below the high.
_TWO_CELLS = re.compile(r"^(?P<a>[+-]?\d+(?:[.,]\d+)?)\s+(?P<b>\d+(?:[.,]\d+)?)\s*$")
# (prefix pattern, bound set, inclusive); the longer symbol of each pair comes first.
_ONE_SIDED = [
    (r"<\s*or\s*=|<=|=<|≤|≦|⩽|up\s*to|not\s+more\s+than|no\s+more\s+than|max(?:imum)?|不超过|"
     r"不高于", "high", True),
    (r"<|below|less\s+than|under|lower\s+than|小于|低于", "high", False),
    (r">\s*or\s*=|>=|=>|≥|≧|⩾|at\s+least|not\s+less\s+than|min(?:imum)?|不低于|不少于",
     "low", True),
    (r">|above|more\s+than|greater\s+than|over|higher\s+than|大于|高于|超过", "low", False),
]  # fmt: skip
_PREFIXED = [
    (re.compile(rf"^(?:{pattern})\s*:?\s*(?P<n>{_NUM})", re.I), side, inclusive)
    for pattern, side, inclusive in _ONE_SIDED
]
_SUFFIXED = [
    (re.compile(rf"^(?P<n>{_NUM})\s*(?:or\s+less|or\s+below|and\s+below)", re.I), "high", True),
    (re.compile(rf"^(?P<n>{_NUM})\s*(?:or\s+more|or\s+above|and\s+above)", re.I), "low", True),
    *(  # the words values take too (``0.1以下``, ``1.0未満``: below and not equal)
        (re.compile(rf"^(?P<n>{_NUM})\s*{word}"), "high" if sym[0] == "<" else "low", "=" in sym)
        for word, sym in CJK_BOUND_SYMBOL.items()
    ),
]
_NO_RANGE = frozenset(
    {"notestab", "notestablished", "n/a", "na", "-", "--", "---", "—", "——", "–", "/", "无", "無",
     "none", "未定", "未建立", "nil", "notapplicable"}
)  # fmt: skip
_LABELS = frozenset(
    {"成人", "成年", "成年人", "adult", "adults", "参考值", "参考范围", "ref", "range"}
)
_LEAD_WORD = re.compile(r"^(?P<w>[^\d<>≤≥≦≧=+\-.,(\[]+?)\s*[:]?\s*(?P<rest>[\d<>≤≥≦≧=+\-.(\[].*)$")
#: Words that name a sex before its range in other languages (any case): Portuguese, Spanish,
#: French, Italian, German, Russian, Ukrainian, Hungarian, Polish.
_SEX_WORDS = {
    "M": ("homem", "homens", "masculino", "hombre", "hombres", "varón", "varones", "homme",
          "hommes", "masculin", "uomo", "uomini", "maschile", "mann", "männer", "männlich",
          "мужчины", "мужчин", "муж", "мужской", "чоловіки", "чоловіча", "férfi", "férfiak",
          "mężczyźni"),
    "F": ("mulher", "mulheres", "feminino", "mujer", "mujeres", "femenino", "femme", "femmes",
          "féminin", "donna", "donne", "femminile", "frau", "frauen", "weiblich", "женщины",
          "женщин", "жен", "женский", "жінки", "жіноча", "nő", "nők", "kobiety"),
}  # fmt: skip
_SEX_OF_WORD = {word: sex for sex, words in _SEX_WORDS.items() for word in words}
_SEX_MARKER = re.compile(
    r"(?P<sex>男性?|女性?|(?<![\uac00-\ud7a3])(?:남|여)(?:성|자)?(?![\uac00-\ud7a3])"
    r"|(?<![A-Za-z])(?:[Mm]ales?|MALES?|[Ff]emales?|FEMALES?|[Mm]en|[Ww]omen)"
    r"(?![A-Za-z])|(?<![A-Za-z/])[MF](?=\s*:|\s+[\d<>≤≥(+\-]|\s*\)|\s*$|\d+(?:[.,]\d+)?\s*[-–])"
    rf"|(?i:(?<!\w)(?:{'|'.join(sorted(_SEX_OF_WORD, key=len, reverse=True))})(?!\w)))\s*:?\s*"
)
#: The label of the band a result is judged normal in, when a range prints several: the first
#: one printed wins (``Normal: <90 Desirable: 90-119``, made up, is below 90). Not a band
#: that is only near it (``Near optimal``, ``Above normal``) or the ``ab`` of ``abnormal``.
_PREFERRED = re.compile(
    r"(?<![\w-])(?<!near\s)(?<!above\s)(?<!below\s)(?<!upper\s)(?<!lower\s)"
    r"(?:normal|no\s+risk|desirable|optimal|non[\s-]?diabetics?|aconsejable|deseable|"
    r"desej[aá]vel|[oó]ptimo|[oó]timo|souhaitable|wünschenswert)(?!\w)|理想|合适|适宜",
    re.I,
)
#: The label of the adults' band among bands by age group, a colon after it.
_ADULT_BAND = re.compile(rf"(?<!\w)(?:{ADULT_WORDS})(?=\s*[:：])", re.I)
#: A bullet dash before a band's label (``- Optimal : <200``).
_BULLET = re.compile(r"^[-–•·]\s*(?=[^\W\d_])")


def is_sex_marker(text: str) -> bool:
    """Whether a word is the sex a sex-specific range opens with (``男``, ``Female:``, ``M``)."""
    return _SEX_MARKER.fullmatch(text.strip()) is not None


_WORDY = r"A-Za-z\u4e00-\u9fff"


@dataclass(frozen=True, slots=True)
class _Bounds:
    """Parsed fields of a ReferenceRange (all but the printed text)."""

    low: float | None = None
    high: float | None = None
    low_inclusive: bool = True
    high_inclusive: bool = True
    qualitative: str | None = None
    unit: str | None = None


_EMPTY = _Bounds()


def _tail(rest: str) -> tuple[bool, str | None, str | None]:
    """Text after the numbers: (acceptable, unit, qualitative); a comment without digits is ok."""
    rest = rest.strip(" ,;()")
    if re.match(r"\.[A-Za-zμµ]", rest):  # ``360.00.g/L``: a dot OCR put before the unit
        rest = rest[1:]
    if not rest:
        return True, None, None
    if is_age_unit(rest):
        return False, None, None  # ``1 a 12 anos``: ages, the bracket of a band by age
    unit = normalize_unit(rest) or read_ocr_unit(rest, None)  # ``<3mmol/1``: the litre a 1
    if unit is not None:
        return True, unit, None
    head, *comment = re.split(r"[\s(]", rest, maxsplit=1)
    unit = normalize_unit(head)
    if unit is not None and not re.search(r"\d", "".join(comment)):
        return True, unit, None
    if COUNT_UNIT.fullmatch(rest):
        # ``×10°/L``: a count's unit, its power misread (normalize reads it)
        return True, None, None
    if re.search(r"\d", rest):
        return False, None, None
    return True, None, normalize_qualitative(rest)


#: A count's unit, however OCR garbled the power of ten (``×10°/L``, ``x10%/L``, ``*10^9/L``).
COUNT_UNIT = re.compile(r"[×xX*]\s*10\S{0,3}/[A-Za-zμµ]{1,3}")


def _with_tail(bounds: _Bounds, rest: str) -> _Bounds | None:
    """Attach the unit/qualitative found after the numbers, or reject the parse."""
    ok, unit, qualitative = _tail(rest)
    return replace(bounds, unit=unit, qualitative=qualitative) if ok else None


def _two_sided(s: str) -> _Bounds | None:
    """'a-b', 'a~b', 'a to b', 'a--b', '[a, b]' with negative numbers allowed."""
    for pattern in (_INTERVAL, _TWO_SIDED, _TWO_SIDED_DOUBLE):
        m = pattern.match(s)
        if not m:
            continue
        low, high = _number(m.group("a")), _number(m.group("b"))
        if low is not None and high is not None and low > high:
            low, high = _dot_grouped(m.group("a"), low), _dot_grouped(m.group("b"), high)
        if low is not None and high is not None and low <= high:
            return _with_tail(_Bounds(low=low, high=high), s[m.end() :])
    return None


def _dot_grouped(text: str, value: float) -> float:
    """A bound like ``1.300`` read with its dot as a thousands separator (1300), as a range
    whose bounds would otherwise run backwards asks (``100 até 1.300``); else `value`."""
    grouped = dot_grouped_number(text)
    return value if grouped is None else grouped


def _one_sided(s: str) -> _Bounds | None:
    """'<5.2', '≥60', 'Up to 40', 'Below 200', '40以上'."""
    for pattern, side, inclusive in _PREFIXED:
        m = pattern.match(s)
        if m:
            return _bound(side, inclusive, m.group("n"), s[m.end() :])
    for pattern, side, inclusive in _SUFFIXED:
        m = pattern.match(s)
        if m:
            return _bound(side, inclusive, m.group("n"), s[m.end() :])
    return None


def _bound(side: str, inclusive: bool, number: str, rest: str) -> _Bounds | None:
    """A one-sided interval with its tail."""
    value = _number(number)
    if value is None:
        return None
    if side == "high":
        return _with_tail(_Bounds(high=value, high_inclusive=inclusive), rest)
    return _with_tail(_Bounds(low=value, low_inclusive=inclusive), rest)


def _number(text: str) -> float | None:
    """A signed printed number."""
    sign = -1.0 if text.startswith("-") else 1.0
    value = parse_number(text.lstrip("+-"))
    return None if value is None else sign * value


def _unwrap(s: str) -> str:
    """Drop brackets around the numbers: '(3.9-6.1)', '【3.9-6.1】 mmol/L'; keep '[a, b]'."""
    pairs = {"(": ")", "[": "]", "【": "】", "{": "}"}
    while s[:1] in pairs and not _INTERVAL.match(s):
        close = s.find(pairs[s[0]])
        if close < 0 or s.count(s[0], 0, close + 1) != 1 or s.count(pairs[s[0]]) != 1:
            break
        s = (s[1:close] + " " + s[close + 1 :]).strip()
    return s


def _simple(s: str) -> _Bounds | None:
    """One range without sex sections."""
    for candidate in (s, _unwrap(s)):
        if re.sub(r"[\s.]", "", candidate).lower() in _NO_RANGE:
            return _EMPTY
        qualitative = normalize_qualitative(candidate)
        if qualitative is not None:
            return _Bounds(qualitative=qualitative)
    if with_unit := _qualitative_with_unit(s):
        return with_unit
    s = _unwrap(s)
    if not s:
        return None
    s = _unit_once(bound_words_as_symbols(_words_between(s)))
    return _two_sided(s) or _one_sided(s) or _lead_word(s)


#: A word and a unit after a slash (``未见/LPF``, ``negative /HPF``).
_WORD_SLASH_UNIT = re.compile(r"^(?P<w>[^\d/]+?)\s*(?P<u>/\S+)$")


def _qualitative_with_unit(s: str) -> _Bounds | None:
    """A qualitative range printed with its unit glued on (``未见/LPF``: none seen per low-power
    field); None unless the word is a qualitative result and the rest a unit."""
    m = _WORD_SLASH_UNIT.match(s.strip())
    if not m:
        return None
    qualitative, unit = normalize_qualitative(m.group("w")), normalize_unit(m.group("u"))
    return _Bounds(qualitative=qualitative, unit=unit) if qualitative and unit else None


#: ``50.0%--70.0%``, ``3.5 mmol/L - 5.5 mmol/L``: each bound printed with the unit.
_UNIT_EACH_BOUND = re.compile(
    rf"^(?P<a>{_NUM})\s*(?P<u>[^\d\s\-~–—]+)\s*(?P<sep>--?|~|–|—|至)\s*(?P<b>{_NUM})\s*(?P=u)\s*$"
)


def _unit_once(s: str) -> str:
    """A range whose bounds each carry the same unit, written with the unit once at the end."""
    m = _UNIT_EACH_BOUND.match(s)
    return f"{m.group('a')}-{m.group('b')} {m.group('u')}" if m else s


@lru_cache(maxsize=1)
def _between_re() -> re.Pattern[str]:
    """'70,0 a 120,0', 'de 4 a 10', 'zwischen 4 und 10', '4 bis 10' (words of many languages)."""
    middle, opening = between_words()
    short = "|".join(w for w in middle.split("|") if len(w) <= 2)  # 'a', 'e', 'y': spaced only
    long = "|".join(w for w in middle.split("|") if len(w) > 2)
    joint = rf"(?:\s+(?:{short})\s+|\s*(?:{long})\s*)"
    return re.compile(rf"^(?:(?:{opening})\s*)?(?P<a>{_NUM}){joint}(?P<b>{_NUM})", re.IGNORECASE)


def _words_between(s: str) -> str:
    """A range whose bounds are joined by a word, written with a dash."""
    m = _between_re().match(s)
    if not m or not re.match(r"\s*\S", s[m.end("a") : m.start("b")]):
        return s
    return f"{m.group('a')}-{m.group('b')}{s[m.end() :]}"


def _lead_word(s: str) -> _Bounds | None:
    """'阴性 (<1.0)' keeps both; 'Adult: 0-40' drops the label."""
    m = _LEAD_WORD.match(s)
    if not m:
        return None
    word, rest = m.group("w").strip(), m.group("rest").strip()
    qualitative = normalize_qualitative(word)
    if qualitative is None and not (
        s[m.end("w") :].lstrip().startswith(":") or word.lower() in _LABELS
    ):
        return None
    inner = _simple(rest)
    if inner is None or (qualitative and inner.qualitative):
        return None
    return replace(inner, qualitative=qualitative) if qualitative else inner


def _sex_of(marker: str) -> str:
    """'男', '남', 'Male', 'M', 'men' -> 'M'; the rest -> 'F'."""
    return "M" if sex_code(marker) == "M" else "F"


def _sex_sections(s: str) -> dict[str, str] | None:
    """Split 'M: a-b F: c-d' / '男 a-b 女 c-d' / 'a-b (M) c-d (F)' by sex; None when unsexed."""
    markers = list(_SEX_MARKER.finditer(s))
    if not markers:
        return None
    sections: dict[str, str] = {}
    suffixed = bool(re.search(r"\d", s[: markers[0].start()]))
    for i, m in enumerate(markers):
        if suffixed:
            part = s[markers[i - 1].end() if i else 0 : m.start()]
        else:
            part = s[m.end() : markers[i + 1].start() if i + 1 < len(markers) else len(s)]
        sections.setdefault(_sex_of(m.group("sex")), part.strip(" ;,/|()"))
    return sections


def _by_sex(s: str, sex: str | None) -> _Bounds | None:
    """Bounds of the section for `sex`; without a sex only the shared unit is kept."""
    sections = _sex_sections(s)
    if sections is None:
        return None
    parsed = {k: _section_bounds(v) for k, v in sections.items()}
    unit = next((b.unit for b in parsed.values() if b is not None and b.unit), None)
    chosen = parsed.get(sex) if sex else None
    if chosen is None:
        return _Bounds(unit=unit)
    return chosen if chosen.unit else replace(chosen, unit=unit)


def _section_bounds(section: str) -> _Bounds | None:
    """One sex's section of a range; when it opens with ages (``(20 - 60 anos): 140 a 800``,
    made up), the adults' band of it."""
    found = _simple(section)
    if found is None and starts_with_age_bracket(section):
        band = adult_band(section)
        found = _simple(band) if band else None
    return found


def _preferred_category(s: str) -> _Bounds | None:
    """'<200 Desirable 200-239 Borderline' / 'Desirable: <200 ...' -> the desirable range; else
    the adults' band of bands by age group (``Adultos: < 99 Crianças: 60 - 98``, made up)."""
    s = _BULLET.sub("", s)
    m = _PREFERRED.search(s) or _ADULT_BAND.search(s)
    if not m:
        return None
    if re.match(rf"[{_WORDY}]", s) or m.re is _ADULT_BAND:
        after = s[m.end() :].lstrip(" :")
        with_unit = re.match(rf"[^{_WORDY}]*\d[^{_WORDY}]*\S+", after)  # ``<1.70mmol/L 增高``
        found = _simple(with_unit.group().strip(" :;,")) if with_unit else None
        if found is not None and found.unit:
            return found
        candidate = re.match(rf"[^{_WORDY}]*", after)
        if not (candidate and candidate.group().strip(" :;,")):
            return _band_before_next_label(after)
    else:
        candidate = re.search(rf"[^{_WORDY}]*$", s[: m.start()])
    return _simple(candidate.group().strip(" :;,")) if candidate else None


#: Where the next labelled band starts: a space before a label of up to 30 characters that
#: starts with a letter and ends in a colon (``Crianças > 1 mês:``).
_NEXT_BAND = re.compile(r"\s(?=[^\W\d_][^:：]{0,30}[:：])")


def _band_before_next_label(text: str, *, unit_only: bool = False) -> _Bounds | None:
    """The range at the start of a band's text that runs on into the next bands
    (``Até 1,1 mg/dL Crianças > 1 mês: Até 0,9 mg/dL``, made up): the longest piece ending
    before a band's label that parses. ``unit_only``: after the numbers only a unit may follow
    (a cell that took in the next columns' words, ``0.4-4.0 by ECLIA``, is no band)."""
    for cut in reversed([m.start() for m in _NEXT_BAND.finditer(text)]):
        piece = text[:cut].strip(" ;,/")
        found = _simple(piece)
        if found is None or found == _EMPTY:
            continue
        tail = _LEADING_BOUNDS.sub("", piece).strip()
        if not unit_only or not tail or found.unit is not None:
            return found
    return None


#: The numbers, comparators and joints a range starts with (``0.30-5.0 ``, ``< 90 ``).
_LEADING_BOUNDS = re.compile(r"^[\d\s.,<>≤≥=()\-–~]+")


@content_cache(maxsize=4096)
def _parse(printed: str, sex: str | None) -> _Bounds:
    """Cached body of parse_range."""
    lines = [clean_text(line) for line in printed.splitlines() if line.strip()]
    whole = " ".join(lines)
    found = _by_sex(whole, sex) or _simple(whole)
    if found is None and starts_with_age_bracket(whole):
        band = adult_band(whole)  # bands by age group: the adults' band, or none
        return (_simple(band) if band else None) or _EMPTY
    if found is None and len(lines) > 1:
        found = _simple(lines[0])
    if found is None and (bare := _without_label_words(whole)) != whole:
        found = _simple(bare)
    if found is None and (glued := _GLUED_COUNT_UNIT.search(whole)):
        found = _simple(whole[: glued.start()])
        if found is not None and found.unit is None:
            found = replace(found, unit=_glued_count_unit(glued.group(0)))
    if found is None and (dashed := dash_for_dot(whole)) is not None:
        found = _simple(dashed)
    if found is None and re.match(r"[\d<>≤≥(]", whole):
        found = _band_before_next_label(whole, unit_only=True)  # ``0.3-5.0 Pregnancy: 0.2-2.4``
    if found is None:
        found = _preferred_category(whole)
    return found or _EMPTY


#: A count's unit OCR read onto the range's upper bound, its litre maybe a ``1`` (``4.00~10.00
#: 10^9/1``, glued: ``4.00~10.0010^9/L``, ``0.12--0.8.10^9/1``).
_GLUED_COUNT_UNIT = re.compile(r"(?<=\d)[.\s]?10(?:[\^*]\d{1,2}(?:/[lLI1])?|~\d{1,2}/[lLI1])$")


def _glued_count_unit(glued: str) -> str | None:
    """The UCUM unit of a count's unit glued to a bound (``10^9/1`` → ``10*9/L``; a bare
    ``10^9``, its litre cut off, is none)."""
    text = re.sub(r"^10~", "10^", glued.lstrip(". "))
    return normalize_unit(re.sub(r"/[1I]$", "/L", text))


#: The dash between two bounds read as a dot by OCR: alone or on one bound's side of a space
#: (``10.8 . 14.7``, ``32.0. 45.0``) or glued, the bounds' decimals of one or two digits
#: (``3.7.5.7``, ``35.00.43.00``, ``5.0.15``); thousands groups (``1.300.000``) have three.
_DOT_FOR_DASH_SPACED = re.compile(
    r"^(\d+(?:[.,]\d+)?)(?:\s+[.·]\s*|[.·]\s+)(\d+(?:[.,]\d+)?)(?=\s|$)"
)
_DOT_FOR_DASH_GLUED = re.compile(r"^(\d+)\.(\d{1,2})\.(\d+)(?:\.(\d{1,2}))?(?=\s|$)")


def dash_for_dot(text: str) -> str | None:
    """The range with the dot OCR read for its dash written as a dash, when only one reading
    has its low below its high; None when the text is not so shaped."""
    if m := _DOT_FOR_DASH_SPACED.match(text):
        splits = [(m.group(1), m.group(2))]
    elif m := _DOT_FOR_DASH_GLUED.match(text):
        a, b, c, d = m.groups()
        if d is not None:
            splits = [(f"{a}.{b}", f"{c}.{d}")]
        else:
            splits = [(f"{a}.{b}", c)] + ([(a, f"{b}.{c}")] if len(c) <= 2 else [])
    else:
        return None
    rising = [(low, high) for low, high in splits if _rises(low, high)]
    if len(rising) != 1:
        return None
    low, high = rising[0]
    return f"{low}-{high}{text[m.end() :]}"


#: One number of two whole parts, alone among the words of a range cell (``U/L 134.146``).
#: The high has two digits or more: ``1.5`` and ``0.10`` are far likelier decimal numbers.
_WHOLE_DOT_WHOLE = re.compile(r"^(?P<low>[1-9]\d*)\.(?P<high>[1-9]\d+)$")


def dot_as_dash(text: str) -> str | None:
    """The range with the dot between two whole numbers written as a dash (``134.146`` ->
    ``134-146``), when that number is the cell's only one and its low part is below its high;
    else None. Such a number is also a decimal one: ask only where the cell's column prints its
    other ranges with a dash."""
    words = text.split()
    numeric = [i for i, w in enumerate(words) if any(c.isdigit() for c in w)]
    if len(numeric) != 1 or not (m := _WHOLE_DOT_WHOLE.match(words[numeric[0]])):
        return None
    low, high = m.group("low"), m.group("high")
    if not _rises(low, high) or len(high) < len(low):
        return None
    words[numeric[0]] = f"{low}-{high}"
    return " ".join(words)


#: A range printed with a dash between two numbers (``3.5 - 5.1``, ``134-146``).
DASHED_RANGE = re.compile(r"\d\s*[-–]\s*\d")


def _rises(low: str, high: str) -> bool:
    """Whether two printed numbers read as a low below a high."""
    a, b = _number(low), _number(high)
    return a is not None and b is not None and a < b


#: A short word set inside the range's brackets before its bound or after its number: the
#: measure it is printed in (``(COI < 1.0)``, ``(< 0.30 OD)``; OCR: ``C01``, ``0D``).
_LEADING_LABEL = re.compile(r"^([(\[]?)\s*(?=[\w/]*[A-Za-z])[A-Za-z0-9/]{2,4}\s+(?=[<>≤≥]|\d)")
_TRAILING_LABEL = re.compile(r"(?<=\d)\s+(?=[\w/]*[A-Za-z])[A-Za-z0-9/]{2,4}\s*([)\]]?)$")


def _without_label_words(text: str) -> str:
    """The range with a short measure word at either end of its brackets dropped."""
    return _TRAILING_LABEL.sub(r"\1", _LEADING_LABEL.sub(r"\1", text))


def sex_code(sex: str | None) -> str | None:
    """'M', 'male', '男', '남' -> 'M'; 'F', 'female', '女', '여' -> 'F'; anything else -> None."""
    if not sex or not isinstance(sex, str):
        return None
    word = _SEX_OF_WORD.get(sex.strip().rstrip(":").lower())
    if word is not None:
        return word
    first = sex.strip()[:1].lower()
    return {"m": "M", "男": "M", "남": "M", "f": "F", "女": "F", "w": "F", "여": "F"}.get(first)


#: A performing-lab code printed after the range's unit in a column of its own (``01``: Quest
#: and its partners' site codes), read into the range cell when no header names that column.
_LAB_CODE_TAIL = re.compile(r"(?<=[A-Za-zµμ%)\]])\s+0\d$")


def without_lab_code(text: str) -> str:
    """The range text without a lab's site code after its unit (``65-99 mg/dL 01``)."""
    return _LAB_CODE_TAIL.sub("", text.strip())


#: A pointer to a note where the range would be (``See Note:``, ``see comment``).
_SEE_NOTE = re.compile(r"^see\s+(?:notes?|comments?|below|report)\b\.?:?\s*", re.IGNORECASE)


def unit_only(text: str) -> str | None:
    """The unit, when a range cell holds a unit and nothing else (``kU/L 01``: no range
    printed, the unit set in the range's column; ``See Note: mg/dL``: the range in a note);
    else None."""
    bare = _SEE_NOTE.sub("", without_lab_code(text))
    return bare if bare and normalize_unit(bare) is not None else None


def _two_cells(text: str) -> _Bounds:
    """A low and a high number and nothing else (``120  160``), the low below the high."""
    m = _TWO_CELLS.match(clean_text(text))
    low, high = (_number(m.group("a")), _number(m.group("b"))) if m else (None, None)
    return (
        _Bounds(low=low, high=high)
        if low is not None and high is not None and low < high
        else _EMPTY
    )


def parse_range(
    text: str | None, *, sex: str | None = None, two_cells: bool = True
) -> ReferenceRange | None:
    """Printed reference range -> ReferenceRange (text kept as printed, less a lab's site code
    after it); None when empty. ``two_cells``: two bare numbers are a low and a high (a range
    cell's words; a reading that guesses a line's columns asks without it)."""
    if not isinstance(text, str) or not text.strip():
        return None
    printed = without_lab_code(text)
    try:
        bounds = _parse(printed[:300], sex_code(sex))
    except (ValueError, OverflowError, RecursionError):
        bounds = _EMPTY
    if two_cells and bounds == _EMPTY:
        bounds = _two_cells(printed)
    return ReferenceRange(
        low=bounds.low,
        high=bounds.high,
        low_inclusive=bounds.low_inclusive,
        high_inclusive=bounds.high_inclusive,
        qualitative=bounds.qualitative,
        text=printed,
        unit=bounds.unit,
    )
