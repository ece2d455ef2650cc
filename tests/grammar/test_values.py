"""parse_value: numbers, comparators, qualitative words, glued flags and units."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checkup2action.grammar.values import (
    ParsedValue,
    has_dot_groups,
    normalize_qualitative,
    parse_number,
    parse_value,
    ungroup_dots,
)

NUMBERS = [
    ("5,6", 5.6), ("1,234", 1234.0), ("1,234.5", 1234.5), ("1.234,5", 1234.5), ("1 234", 1234.0),
    ("12 345.6", 12345.6), ("0,123", 0.123), ("1.234", 1.234), ("1,234,567", 1234567.0),
    ("１２．３", 12.3), ("−3.2", -3.2), ("+2.5", 2.5), ("-0.5", -0.5), ("1.2E+03", 1200.0),
    ("1.2e-3", 0.0012), ("1.2×10^3", 1200.0), ("1.2×10³", 1200.0), ("1.2 x 10^3", 1200.0),
    ("1'234", 1234.0), (".5", 0.5), ("5.", 5.0), ("4,50", 4.5), ("12", 12.0),
]  # fmt: skip


@pytest.mark.parametrize(("text", "value"), NUMBERS)
def test_numbers(text: str, value: float) -> None:
    parsed = parse_value(text)
    assert parsed.value == pytest.approx(value)
    assert parsed.ok
    assert parsed.comparator is None


COMPARATORS = [
    ("<0.5", "<", 0.5), ("< 0.5", "<", 0.5), ("≤5", "<=", 5.0), ("<=5", "<=", 5.0),
    (">1000", ">", 1000.0), (">=60", ">=", 60.0), ("≥60", ">=", 60.0), ("＜0.5", "<", 0.5),
    ("＞1000", ">", 1000.0), ("=<3", "<=", 3.0), ("≦3", "<=", 3.0),
]  # fmt: skip


@pytest.mark.parametrize(("text", "comparator", "value"), COMPARATORS)
def test_comparators(text: str, comparator: str, value: float) -> None:
    parsed = parse_value(text)
    assert (parsed.comparator, parsed.value, parsed.ok) == (comparator, value, True)


FLAGGED = [
    ("6.5↑", 6.5, "↑"), ("↑6.5", 6.5, "↑"), ("12.3 H", 12.3, "H"), ("H 12.3", 12.3, "H"),
    ("*12.3", 12.3, "*"), ("3.2 L", 3.2, "L"), ("12.3H", 12.3, "H"), ("3.2↓", 3.2, "↓"),
    ("8.0↑↑", 8.0, "↑↑"), ("1.0 ↓↓", 1.0, "↓↓"), ("9 HH", 9.0, "HH"), ("0.1 LL", 0.1, "LL"),
    ("5▲", 5.0, "▲"), ("5▼", 5.0, "▼"), ("7.1 High", 7.1, "High"), ("Low 3.2", 3.2, "Low"),
    ("7.1偏高", 7.1, "偏高"), ("3.1 偏低", 3.1, "偏低"), ("7.1高", 7.1, "高"), ("3.1低", 3.1, "低"),
    ("5 (H)", 5.0, "(H)"), ("5 H*", 5.0, "H*"), (">1000↑", 1000.0, "↑"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "value", "flag"), FLAGGED)
def test_glued_flags(text: str, value: float, flag: str) -> None:
    parsed = parse_value(text)
    assert (parsed.value, parsed.flag_raw, parsed.ok) == (value, flag, True)


UNITS = [
    ("5.2 mmol/L", 5.2, "mmol/L"), ("6.5×10^9/L", 6.5, "×10^9/L"), ("6.5×10⁹/L", 6.5, "×10^9/L"),
    ("6.5 10^9/L", 6.5, "10^9/L"), ("7 109/L", 7.0, "109/L"), ("140g/L", 140.0, "g/L"),
    ("12 345 /uL", 12345.0, "/uL"), ("45 %", 45.0, "%"), ("5.2 (mmol/L)", 5.2, "mmol/L"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "value", "unit"), UNITS)
def test_glued_units(text: str, value: float, unit: str) -> None:
    parsed = parse_value(text)
    assert (parsed.value, parsed.unit_raw, parsed.ok) == (value, unit, True)


def test_flag_and_unit_together() -> None:
    assert parse_value("5.2 mmol/L ↑") == ParsedValue(5.2, None, None, "↑", "mmol/L", True)


QUALITATIVE = [
    ("阴性", "negative"), ("陰性", "negative"), ("阴性(-)", "negative"), ("阴性（-）", "negative"),
    ("(-)", "negative"), ("-", "negative"), ("--", "negative"), ("—", "negative"),
    ("Negative", "negative"), ("NEG", "negative"), ("Neg", "negative"),
    ("Non-reactive", "negative"), ("Nonreactive", "negative"), ("Non Reactive", "negative"),
    ("阳性", "positive"), ("陽性", "positive"), ("阳性(+)", "positive"), ("(+)", "positive"),
    ("+", "positive"), ("Positive", "positive"), ("POS", "positive"), ("Reactive", "positive"),
    ("弱阳性", "weakly_positive"), ("±", "weakly_positive"), ("+-", "weakly_positive"),
    ("trace", "trace"), ("Trace", "trace"), ("微量", "trace"), ("1+", "1+"), ("++", "2+"),
    ("2+", "2+"), ("+++", "3+"), ("3+", "3+"), ("++++", "4+"), ("阳性(++)", "2+"),
    ("正常", "normal"), ("Normal", "normal"), ("异常", "abnormal"), ("Abnormal", "abnormal"),
    ("Yellow", "yellow"), ("Clear", "clear"), ("淡黄色", "淡黄色"), ("1:320", "1:320"),
    ("3-5", "3-5"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "word"), QUALITATIVE)
def test_qualitative(text: str, word: str) -> None:
    parsed = parse_value(text)
    assert (parsed.value, parsed.value_text, parsed.ok) == (None, word, True)


def test_qualitative_with_flag_and_number() -> None:
    assert parse_value("阳性↑") == ParsedValue(None, None, "positive", "↑", None, True)
    assert parse_value("0.003(阴性)") == ParsedValue(0.003, None, "negative", None, None, True)
    assert parse_value("Negative (0.12)").value == 0.12
    assert parse_value("<1:80") == ParsedValue(None, "<", "1:80", None, None, True)
    assert parse_value("1/640") == ParsedValue(None, None, "1/640", None, None, True)  # a risk
    assert parse_value(">1/20").comparator == ">" and parse_value("1/2").value_text is None


def test_a_number_after_its_quantitys_name_and_a_colon() -> None:
    """A breath test's ``DOB:2.4`` (delta over baseline); a unit named first is the unit."""
    assert parse_value("DOB:2.4") == ParsedValue(2.4, None, None, None, None, True)
    assert parse_value("S/CO: 0.31") == ParsedValue(0.31, None, None, None, "S/CO", True)
    assert not parse_value("Note: 5").ok  # a word that names no quantity
    assert parse_value("3-5 /HPF").unit_raw == "/HPF"


@pytest.mark.parametrize("dash", ["-", "--", "—", "——", "–"])
def test_dash_depends_on_context(dash: str) -> None:
    assert parse_value(dash).value_text == "negative"
    assert parse_value(dash, qualitative_dash=False) == ParsedValue()
    assert parse_value("(-)", qualitative_dash=False).value_text == "negative"


@pytest.mark.parametrize("text", ["", "   ", "H", "abc 5", "5.6 see note", "1e999", "1.2×10^999"])
def test_not_ok(text: str) -> None:
    assert not parse_value(text).ok


def test_parse_number_rejects_bad_grouping() -> None:
    assert parse_number("1.2.3") is None
    assert parse_number("1,23,4") is None


@given(st.text(max_size=40))
def test_parse_value_never_raises(text: str) -> None:
    parsed = parse_value(text)
    assert isinstance(parsed, ParsedValue)
    assert parsed.comparator in (None, "<", "<=", ">", ">=")


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False))
def test_parse_value_round_trips_floats(value: float) -> None:
    parsed = parse_value(repr(value))
    assert parsed.ok
    assert parsed.value == value


@pytest.mark.parametrize(
    ("text", "flag"),
    [("5.2 ↑ mmol/L", "↑"), ("5 H↑", "H↑"), ("↑高 6.5", "↑高"), ("↑ 5 H", "↑H"), ("<↑5", "↑")],
)
def test_flags_keep_printed_order(text: str, flag: str) -> None:
    assert parse_value(text).flag_raw == flag


@pytest.mark.parametrize(
    ("text", "value", "flag"), [("13,8 +", 13.8, "+"), ("5.2 -", 5.2, "-"), ("2.1 ++", 2.1, "++")]
)
def test_sign_beside_a_number_is_a_flag(text, value, flag):
    parsed = parse_value(text)
    assert (parsed.value, parsed.flag_raw, parsed.value_text, parsed.ok) == (
        value,
        flag,
        None,
        True,
    )


def test_vietnamese_and_chinese_not_seen_words_with_or_without_accents() -> None:

    assert normalize_qualitative("Âm tính") == "negative"
    assert normalize_qualitative("Am tính") == "negative"
    assert normalize_qualitative("Dương tính") == "positive"
    assert normalize_qualitative("未见") == "negative"
    assert normalize_qualitative("未查见") == normalize_qualitative("未找到") == "negative"
    parsed = parse_value("Âm tính 0.032")
    assert parsed.value == 0.032 and parsed.value_text == "negative"
    assert parse_value("25.000 /mL").unit_raw == "/mL"


def test_a_bracketed_grade_is_the_result_read_qualitatively_not_a_high_low_mark() -> None:
    assert parse_value("3(-)").value_text == "negative" and parse_value("3(-)").flag_raw is None
    assert parse_value("66(+)").value_text == "positive"
    assert parse_value("40(+-)").value_text == "weakly_positive"
    assert parse_value("13,8 +").flag_raw == "+"  # beside a number, unbracketed: a high mark
    graded = parse_value("500(+3)")  # an analyser's count and the grade it stands for
    assert (graded.ok, graded.value, graded.value_text) == (True, 500.0, "3+")
    assert parse_value("80(+2)").value_text == "2+" and parse_value("+3").value == 3.0
    assert parse_value("3级").ok and parse_value("3级").value == 3.0  # an analyser grade


def test_a_long_result_word_read_with_one_letter_wrong_keeps_its_meaning() -> None:
    assert normalize_qualitative("Am tlnh") == "negative"  # OCR: Âm tính
    assert normalize_qualitative("Negatlve") == "negative"
    assert normalize_qualitative("Glucose") is None
    assert normalize_qualitative("Nega") is None  # too short to guess
    assert parse_value("Am túnh 0.01").value_text == "negative"


def test_an_antinuclear_antibody_pattern_is_a_positive_result_word() -> None:
    assert normalize_qualitative("核颗粒型") == "positive"
    assert normalize_qualitative("Speckled") == "positive"


def test_chinese_urine_appearance_and_empty_analyser_flags() -> None:
    assert normalize_qualitative("清晰") == "normal"  # urine clarity: clear
    assert normalize_qualitative("浑浊") == "abnormal"  # turbid
    # an analyser's flag field with nothing to report
    assert normalize_qualitative("未提示") == "normal"


@pytest.mark.parametrize("text", ["|", "||", "/", "#", "…", ":"])
def test_a_cell_of_marks_only_is_no_value(text: str) -> None:
    # a table rule OCR read as a character, or a stray mark: no letter, digit or known sign
    assert not parse_value(text).ok


@pytest.mark.parametrize(
    ("text", "word"), [("-", "negative"), ("+", "positive"), ("±", "weakly_positive")]
)
def test_signs_stay_values(text: str, word: str) -> None:
    assert parse_value(text).value_text == word


@pytest.mark.parametrize(
    ("text", "ungrouped"),
    [
        ("0 a 12.000", "0 a 12000"),
        ("150.000 a 1.300.000 /mm3", "150000 a 1300000 /mm3"),
        ("1.300,5", "1.300,5"),  # a decimal comma after the group: parse_number reads it
        ("12.05.2024", "12.05.2024"),  # a date
        ("3.14159", "3.14159"),
        ("4.5 - 10.5", "4.5 - 10.5"),
    ],
)
def test_dot_groups_are_ungrouped_and_nothing_else(text: str, ungrouped: str) -> None:
    assert ungroup_dots(text) == ungrouped
    assert has_dot_groups(text) == (text != ungrouped)


def test_slip_index_finds_what_comparing_every_word_finds() -> None:
    """A qualitative word read with one letter changed (made-up slips of the bundled words) gets
    the meaning that comparing it with every word of its length gives."""
    import random

    from checkup2action.grammar import values
    from checkup2action.grammar.words import fold_accents, letters_apart, qualitative_words

    words = {fold_accents(k): m for k, m in values._QUALITATIVE_INDEX.items()}
    words.update({fold_accents(k): m for k, m in qualitative_words().items()})
    rng = random.Random(5)
    long_words = sorted(w for w in words if len(w) >= 6 and w.isalpha())
    found = 0
    for word in rng.sample(long_words, min(300, len(long_words))):
        i = rng.randrange(len(word))
        slip = word[:i] + rng.choice("aeilnorstx") + word[i + 1 :]
        near = {m for k, m in words.items() if len(k) == len(slip) and letters_apart(k, slip) == 1}
        expected = near.pop() if len(near) == 1 else None
        assert values._slip_meaning(slip) == expected, slip
        found += expected is not None
    assert found > 20
