"""Weigh a candidate row by its content, with the normaliser's own grammar and the catalogue.

A reading of a table region proposes rows (cells by role); this module says how much each looks
like a lab result: the name is an analyte in some language, the value parses, the unit is a unit
and fits that analyte, the range parses and is of the value's magnitude, the value lies within
the analyte's physiological limits, the flag parses. The reader keeps the readings whose rows
score best (``tables.choose``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from checkup2action.grammar.catalogue import Analyte, Catalogue, load_catalogue
from checkup2action.grammar.flags import parse_flag, range_and_mark, unit_and_mark
from checkup2action.grammar.ocrunits import read_ocr_unit, unit_fits
from checkup2action.grammar.ranges import parse_range
from checkup2action.grammar.units import convert, normalize_unit
from checkup2action.grammar.values import normalize_qualitative, parse_value
from checkup2action.grammar.words import describes, description_kind
from checkup2action.memo import content_cache
from checkup2action.tables.content import ONE_IN_N, looks_count_span
from checkup2action.tables.model import RawRow
from checkup2action.tables.roles import Role, role_of_header
from checkup2action.tables.rows import INTERPRETIVE_NAME
from checkup2action.tables.settings import DEFAULT_SETTINGS, TableSettings

_DATE = re.compile(
    r"^\d{1,4}[-/.年]\d{1,2}[-/.月]\d{1,4}日?$|^\d{1,2}[-/ ](?i:jan|feb|mar|apr|may|jun|jul|aug|"
    r"sep|oct|nov|dec)[a-z]*[-/ ]\d{2,4}$|^\d{1,2}:\d{2}(:\d{2})?$"
)
_LABEL = re.compile(r"[:：]\s*$|^(?:[^\W\d_]+\s?){1,3}[:：]\s*\S")
#: Words of a patient block or of page furniture: never an analyte's name.
_NOT_A_NAME = re.compile(
    r"^(?:name|patient|age|sex|gender|dob|date|page|tel|phone|fax|email|address|doctor|ref\.?"
    r"|report|sample|specimen|barcode|id|mrn|uhid|visit|bed|ward|姓名|性别|年龄|科室|床号|病历号"
    r"|门诊号|住院号|样本号|标本|日期|时间|医生|医师|电话|地址|页)\b",
    re.IGNORECASE,
)


#: A person's title before a name, or a professional register's number (a signature line:
#: ``Sob a responsabilidade do Dr. …  CRM 117.464``): never an analyte's name.
_PERSON = re.compile(
    r"\b(?i:dr|dra|drs|prof|dott|mr|mrs|ms)\.\s*[^\W\d_]|\b(?:CRM|CRF|CRBM|CRBio|COREN|CRN)\b"
)


#: Names of interpretive bands and targets printed beside reference tables, not tests.
_RISK_WORDS = re.compile(
    r"\b(?:extreme|very\s+high|very\s+low|risk\s+group|target|goal|desirable|optimal)\b|很高|很低|"
    r"目标|理想|合适",
    re.IGNORECASE,
)


#: Normalised qualitative results the grammar gives that are no plain word (grades).
_QUALITATIVE_TEXTS = frozenset({"1+", "2+", "3+", "4+", "trace", "negative", "positive"})


@dataclass(slots=True)
class RowScore:
    """A row's score, the analyte its name matched, and the evidence behind it."""

    total: float
    analyte: Analyte | None = None
    evidence: list[str] = field(default_factory=list)

    def add(self, points: float, why: str) -> None:
        """Add points with a short reason."""
        self.total += points
        self.evidence.append(f"{why}{points:+.1f}")


@lru_cache(maxsize=1)
def _catalogue() -> Catalogue:
    """The bundled catalogue (loaded once)."""
    return load_catalogue()


def names_analyte(name: str) -> bool:
    """Whether the catalogue knows a name (in any language it holds)."""
    return _catalogue().match(name) is not None


def names_word_result_analyte(name: str) -> bool:
    """Whether a name denotes an analyte whose results are words (blood group, smear findings)."""
    return _results_are_words(_catalogue().match(name))


def _results_are_words(analyte: Analyte | None) -> bool:
    """Whether an analyte's results are words, never numbers (qualitative, no unit)."""
    return analyte is not None and analyte.kind == "qualitative" and analyte.unit is None


def _clean(text: str) -> str:
    """NFKC and stripped."""
    return unicodedata.normalize("NFKC", text).strip()


def bad_name(name: str, header_words: bool = True) -> bool:
    """A name that is no test: empty, a number or date, a label (``Name:``), a header word
    (unless ``header_words`` is False: a row with a number and a range under a heading names
    its result ``TEST`` and ``CONTROL``, a repeated header line prints no number)."""
    t = _clean(name)
    letters = sum(c.isalpha() for c in t)
    if letters == 0 or _DATE.match(t) or _NOT_A_NAME.match(t):
        return True
    if _LABEL.search(t) and not _colon_after_test(t) and not _test_after_section(t):
        return True
    if _PERSON.search(t):
        return True
    if INTERPRETIVE_NAME.match(t) or _RISK_WORDS.search(t):
        return True
    if (inner := _BRACKETED.fullmatch(t)) and _catalogue().match(inner.group(1)) is None:
        return True  # ``(Oxidation)``, ``(IFCC-AMP)``: the method printed under a test's name
    return header_words and role_of_header(t, exact_only=True) is not None


def measured_row(value: str, range_text: str) -> bool:
    """Whether a row's value cell holds a number and its range cell a range (so a header
    word in its name cell is the name of a result, not a header printed again)."""
    bounds = parse_range(range_text) if range_text else None
    has_bound = bounds is not None and (bounds.low is not None or bounds.high is not None)
    return has_bound and parse_value(value).value is not None


#: A name wholly in brackets, or the start of one that wraps onto the next line (``(CKD``).
_BRACKETED = re.compile(r"[(（]([^()（）]+)[)）]?")


def _colon_after_test(name: str) -> bool:
    """A test's name printed with a colon after it (``Mean Corpuscular Hb Conc (M.C.H.C.):``),
    not a label such as ``Sample Id:`` or a short word that is also an abbreviation (``Lap:``,
    Hungarian for page, is LAP)."""
    head = _TRAILING_COLON.sub("", name)
    if head == name or (len(head) <= SHORT_LABEL and not _SPACED_COLON.search(name)):
        return False  # ``HCT :``: a colon set apart, as a column of colons is, is no label's
    return _catalogue().match_any_specimen(head) is not None


def _test_after_section(name: str) -> bool:
    """A test's name after a section word and a colon that the catalogue reads as one name
    (``镜检：红细胞``, microscopy: red cells), not a label with its value (``Sample: Serum``)
    nor a short label ending in a colon (``Lap:``)."""
    after = re.split(r"[:：]", name, maxsplit=1)[1].strip()
    return bool(after) and _catalogue().match(name) is not None


#: A name this short before its colon stays a label even when it spells an abbreviation.
SHORT_LABEL = 4


_TRAILING_COLON = re.compile(r"\s*[:：]\s*$")
#: A colon set apart from the name by a space.
_SPACED_COLON = re.compile(r"\s[:：]\s*$")


def score_cells(
    name: str,
    value: str,
    unit: str = "",
    range_text: str = "",
    flag: str = "",
    settings: TableSettings = DEFAULT_SETTINGS,
) -> RowScore:
    """How much a row of these cell texts looks like a lab result (a fresh copy each call)."""
    cached = _score_cells(name, value, unit, range_text, flag, settings)
    return RowScore(cached.total, cached.analyte, list(cached.evidence))


@content_cache(maxsize=65536)
def _score_cells(
    name: str, value: str, unit: str, range_text: str, flag: str, settings: TableSettings
) -> RowScore:
    """The cached body of :func:`score_cells` (callers add points to their copies)."""
    w = settings.weights
    score = RowScore(0.0)
    unit = unit_and_mark(unit, by_ocr=True)[0] if unit else unit  # ``↑pg``: the flag's mark
    range_text = range_and_mark(range_text, by_ocr=True)[0] if range_text else range_text
    if bad_name(name, header_words=not measured_row(value, range_text)):
        score.add(w.bad_name, "name")
    else:
        ucum_unit = normalize_unit(unit) if unit else None
        score.analyte = _catalogue().match_any_specimen(name, unit=ucum_unit)
        slip = None if score.analyte else _catalogue().match_ocr(name, unit=ucum_unit)
        if slip is not None and _long_enough_for_slip(slip[1].key):
            score.analyte = slip[0]
            score.add(w.analyte_by_slip, "name-slip")
        else:
            score.add(w.analyte if score.analyte else w.texty_name, "name")
    number = _score_value(score, value, settings)
    ucum = _score_unit(score, unit, settings)
    if range_text:
        qualitative = number is None and (
            normalize_qualitative(_clean(value)) is not None
            or ONE_IN_N.match(_clean(value)) is not None
        )
        _score_range(score, range_text, number, qualitative, settings)
    if flag and parse_flag(flag):
        score.add(w.flag, "flag")
    if number is not None and not range_text and _bound_only(value):
        score.add(w.comparator_value, "bound")  # ``<200`` with no range beside it is often one
        if not unit:
            score.add(w.bound_only, "bound-only")  # ``LDL  <100`` of a table of targets
    if number is not None and score.analyte is not None and ucum:
        _score_plausible(score, number, ucum, settings)
    return score


#: A name misread by a character still names its analyte for a row's score when its key is at
#: least this long: three CJK or Hangul characters, eight Latin letters (``乳房`` is no slip of
#: ``乳酸``, nor ``least`` of ``yeast``: short names are other words).
MIN_SLIP_KEY = {True: 8, False: 3}


def _long_enough_for_slip(key: str) -> bool:
    """Whether a catalogue key is long enough for a one-character slip to count in a score."""
    return len(key) >= MIN_SLIP_KEY[key.isascii()]


def _bound_only(value: str) -> bool:
    """A value that is a comparator and a number and nothing else."""
    return bool(re.match(r"^\s*[<>≤≥]=?\s*\d", _clean(value)))


#: A stage or category code (``G1``, ``G3a``, ``A2``), the result of a staging analyte.
_STAGE = re.compile(r"[A-Z]{1,2}\d{1,2}[a-b]?")


def _score_value(score: RowScore, value: str, settings: TableSettings) -> float | None:
    """Points for the value cell; its number when numeric."""
    w = settings.weights
    t = _clean(value)
    parsed = parse_value(t)
    if _STAGE.fullmatch(t) and _results_are_words(score.analyte):
        score.add(w.qualitative_value, "value")  # ``G1``: a stage or category code
        return None
    if not t or _DATE.match(t) or not parsed.ok or _glossed_test_name(t):
        score.add(w.bad_value, "value")
        return None
    if parsed.value is not None:
        score.add(w.numeric_value, "value")
        if re.fullmatch(r"0\d+", t):
            score.add(w.zero_padded, "code")  # ``04``, ``01``: a lab site code more than a value
        return parsed.value
    known = (
        normalize_qualitative(t) is not None
        or parsed.value_text in _QUALITATIVE_TEXTS
        or ONE_IN_N.match(parsed.value_text or "") is not None
        or looks_count_span(t)
        or _qualitative_lead(t)
    )
    if known or _results_are_words(score.analyte):
        score.add(w.qualitative_value, "value")  # words are what this analyte's results are
    else:  # a descriptive word (棕黄色, Turvo) more than a phrase (see note)
        score.add(w.text_value if len(t.split()) == 1 else w.text_value / 2, "value")
    _score_word_fit(score, t, known, settings)
    return None


#: A name with its translation in brackets after it (``Alk. Phos(알칼리인산분해효소)``).
_GLOSSED = re.compile(r"[^()（）]*[A-Za-z][^()（）]*[(（]([^()（）]{2,})[)）]")


def _glossed_test_name(text: str) -> bool:
    """Whether a value cell holds another test's name glossed in a second language (the next
    item's name taken for this one's value): a result is not printed with a translation."""
    m = _GLOSSED.fullmatch(text)
    return m is not None and not any(c.isdigit() for c in m.group(1)) and names_analyte(m.group(1))


#: A result phrase runs to at most this many words (``Absence de cylindres``).
RESULT_PHRASE_WORDS = 4


def _qualitative_lead(text: str) -> bool:
    """A short phrase led by a result word (``Absence de cylindres``, ``Negative for blood``)."""
    words = text.split()
    return 1 < len(words) <= RESULT_PHRASE_WORDS and normalize_qualitative(words[0]) is not None


def _score_word_fit(score: RowScore, text: str, known: bool, settings: TableSettings) -> None:
    """Points for a word result that suits its analyte (黄色 for a colour test) and against one
    that does not (``++`` for a colour, 黄色 for mucus): a value paired with the wrong row."""
    if score.analyte is None or score.analyte.kind != "qualitative":
        return
    kind = description_kind(score.analyte.code)
    w = settings.weights
    if kind is not None and describes(text, kind):
        score.add(w.word_fits, "fits")
    elif (kind is not None and known) or (kind is None and not known and describes(text)):
        score.add(w.word_misfits, "misfits")


def _score_unit(score: RowScore, unit: str, settings: TableSettings) -> str | None:
    """Points for the unit cell; its UCUM code when known."""
    if not unit:
        return None
    w = settings.weights
    printed = normalize_unit(unit)
    ucum = printed or read_ocr_unit(unit, score.analyte)  # ucum_of, knowing which it was
    if ucum is None:
        score.add(w.bad_unit, "unit")
        return None
    if printed is None and score.analyte is None:
        return ucum  # an OCR slip undone with no analyte to confirm it (``KUL``): no points
    score.add(w.unit, "unit")
    if score.analyte is not None and unit_fits(ucum, score.analyte):
        score.add(w.unit_fits, "fits")
    return ucum


def ucum_of(unit: str, analyte: Analyte | None) -> str | None:
    """The UCUM code of a printed unit, or of the OCR slip of one that fits the analyte
    (``U/`` → ``U/L``) or that no other unit reads as (``KUL``, ``mmol/I``); None when neither."""
    return normalize_unit(unit) or read_ocr_unit(unit, analyte)


def _score_range(
    score: RowScore, text: str, number: float | None, qualitative: bool, settings: TableSettings
) -> None:
    """Points for a range that parses, and for a value of the range's magnitude or kind."""
    w = settings.weights
    if qualitative and ONE_IN_N.match(_clean(text)):
        score.add(w.range + w.range_agrees, "cut-off")  # a risk beside the risk it is judged by
        return
    rng = parse_range(text, two_cells=False)
    if rng is None or (rng.low is None and rng.high is None and rng.qualitative is None):
        return
    score.add(w.range, "range")
    if qualitative and rng.qualitative is not None:
        score.add(w.range_agrees, "kind")  # a qualitative result beside a qualitative expectation
    if number is None or (rng.low is None and rng.high is None):
        return
    far = settings.range_magnitude
    too_high = rng.high is not None and rng.high > 0 and number > rng.high * far
    too_low = rng.low is not None and rng.low > 0 and 0 <= number < rng.low / far
    score.add(w.range_disagrees if too_high or too_low else w.range_agrees, "magnitude")


def _score_plausible(score: RowScore, number: float, ucum: str, settings: TableSettings) -> None:
    """Points for a value within (or outside) the analyte's physiological limits."""
    a = score.analyte
    if a is None or a.unit is None or (a.plausible_low is None and a.plausible_high is None):
        return
    canonical = convert(number, ucum, a.unit, molar_mass=a.molar_mass)
    if canonical is None:
        return
    w = settings.weights
    score.add(w.plausible if a.within_limits(canonical) else w.implausible, "plausible")


def score_row(row: RawRow, settings: TableSettings = DEFAULT_SETTINGS) -> RowScore:
    """Score a table row from its cells (a code cell stands in for a missing name)."""
    name = row.text(Role.NAME) or row.text(Role.CODE)
    if row.text(Role.CODE) and row.text(Role.NAME):
        name = f"{row.text(Role.CODE)} {row.text(Role.NAME)}"
    return score_cells(
        name,
        row.text(Role.VALUE),
        row.text(Role.UNIT),
        row.text(Role.RANGE),
        row.text(Role.FLAG),
        settings,
    )


def is_result(score: RowScore, settings: TableSettings = DEFAULT_SETTINGS) -> bool:
    """Whether a row of a reading without a header is good enough to be a result."""
    if score.analyte is not None:
        return score.total >= settings.min_row_score
    return score.total >= settings.min_row_score_unknown_name
