"""parse_range: printed reference intervals."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checkup2action.grammar.ranges import parse_range, unit_only

INF = None  # readability: an open side
TWO_SIDED = [
    "3.9-6.1", "3.9 - 6.1", "3.9–6.1", "3.9—6.1", "3.9~6.1", "3.9～6.1", "3.9 to 6.1", "3.9--6.1",
    "3.9 -- 6.1", "(3.9-6.1)", "（3.9-6.1）", "[3.9-6.1]", "[3.9, 6.1]", "(3.9, 6.1)",
    "【3.9-6.1】",
    "3,9-6,1", "3.9〜6.1", "3.9至6.1", "成人: 3.9-6.1", "Adult: 3.9-6.1", "３．９－６．１",
]  # fmt: skip


@pytest.mark.parametrize("text", TWO_SIDED)
def test_two_sided(text: str) -> None:
    rng = parse_range(text)
    assert rng is not None
    assert (rng.low, rng.high, rng.low_inclusive, rng.high_inclusive) == (3.9, 6.1, True, True)
    assert rng.text == text.strip()
    assert rng.qualitative is None


WITH_UNIT = [
    ("3.9-6.1 mmol/L", 3.9, 6.1, "mmol/L"), ("3.9-6.1mmol/L", 3.9, 6.1, "mmol/L"),
    ("(3.9-6.1) mmol/L", 3.9, 6.1, "mmol/L"), ("3.5-5.5 x10^12/L", 3.5, 5.5, "10*12/L"),
    ("0-5 /HPF", 0.0, 5.0, "/[HPF]"), ("0-2 个/HP", 0.0, 2.0, "/[HPF]"),
    ("150,000-450,000 /cumm", 150000.0, 450000.0, "/uL"),
    ("150 000 - 450 000", 150000.0, 450000.0, None),
    ("0-40 U/L", 0.0, 40.0, "U/L"), ("-3.0-3.0", -3.0, 3.0, None), ("-3~+3", -3.0, 3.0, None),
    ("-5.0--1.0", -5.0, -1.0, None), ("-10 - -2", -10.0, -2.0, None), ("0-40", 0.0, 40.0, None),
    ("3.9-6.1 (fasting)", 3.9, 6.1, None), ("3.9-6.1 mmol/L (空腹)", 3.9, 6.1, "mmol/L"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "low", "high", "unit"), WITH_UNIT)
def test_two_sided_variants(text: str, low: float, high: float, unit: str | None) -> None:
    rng = parse_range(text)
    assert rng is not None
    assert (rng.low, rng.high, rng.unit) == (low, high, unit)


ONE_SIDED = [
    ("<5.2", None, 5.2, True, False), ("< 5.2", None, 5.2, True, False),
    ("≤5.2", None, 5.2, True, True), ("<=5.2", None, 5.2, True, True),
    ("＜5.2", None, 5.2, True, False), (">1.04", 1.04, None, False, True),
    ("≥1.04", 1.04, None, True, True), (">=60", 60.0, None, True, True),
    ("Up to 40", None, 40.0, True, True), ("upto 40", None, 40.0, True, True),
    ("Below 200", None, 200.0, True, False), ("Less than 200", None, 200.0, True, False),
    ("Above 40", 40.0, None, False, True), ("More than 40", 40.0, None, False, True),
    ("<200 Desirable", None, 200.0, True, False), ("小于5.2", None, 5.2, True, False),
    ("大于1.04", 1.04, None, False, True), ("40以上", 40.0, None, True, True),
    ("5以下", None, 5.0, True, True),
    ("> OR = 40", 40.0, None, True, True), ("< OR = 5.0", None, 5.0, True, True),  # Quest
    (">OR=60", 60.0, None, True, True), ("<or= 1.0", None, 1.0, True, True),
    ("<200 Desirable\n200-239 Borderline high\n>=240 High", None, 200.0, True, False),
    ("<200 Desirable 200-239 Borderline >=240 High", None, 200.0, True, False),
    ("Desirable: <200 Borderline: 200-239 High: >=240", None, 200.0, True, False),
    ("- Optimal : <200 - Border Line : 200- 400 - High : >400", None, 200.0, True, False),
]  # fmt: skip


#: Ranges printed as labelled bands (made up): the band the result is normal in is the first one
#: labelled so, never one only near it.
BANDS = [
    ("Normal: < 90 Desirable: 90 - 119 Borderline High : 120 - 149 High : > 150", None, 90.0),
    ("No Risk >55 Moderate Risk 35 - 55 High Risk <35", 55.0, None),
    ("Optimal: <90 Near optimal: 90-119", None, 90.0),
    ("Below normal <12 Normal 12-24 Above normal >24", 12.0, 24.0),
    ("Abnormal: >6 Normal: <6", None, 6.0),
    ("ADULTOS ACONSEJABLE < 180.0 RIESGO MODERADO 180 - 219", None, 180.0),
]  # fmt: skip


ADULT_BANDS = [
    ("Adultos: < 99 mg/dL Pré diabetes: 99 a 124 mg/dL Crianças: 60 - 98 mg/dL", 99.0, "mg/dL"),
    ("Adultos: Até 1,1 mg/dL Crianças > 1 mês: Até 0,9 mg/dL", 1.1, "mg/dL"),
    ("Adults: <0.9 Children: <0.7", 0.9, None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "high", "unit"), ADULT_BANDS)
def test_the_adults_band_of_bands_by_age_group_is_the_range(
    text: str, high: float, unit: str | None
) -> None:
    """Made-up bands by age group: the adults' band, up to the next band's label."""
    rng = parse_range(text)
    assert (rng.low, rng.high, rng.unit) == (None, high, unit)


def test_bands_by_age_give_the_adults_band_and_an_unlabelled_range_stays_first() -> None:
    """Made up: age brackets before each band's range; a range with labelled bands under it."""
    by_age = parse_range("0 a 14 dias 80-250 U/L 15 dias a 1 ano 120-470 U/L Adultos: 40 - 130 U/L")
    assert (by_age.low, by_age.high, by_age.unit) == (40.0, 130.0, "U/L")
    first = parse_range("11.0-22.0 pmol/L First Trimester:9.0-24.0 Second Trimester:6.0-20.0")
    assert (first.low, first.high, first.unit) == (11.0, 22.0, "pmol/L")
    # words after the numbers that are no unit (a method taken in from the next column): no
    # range with bands under it
    taken_in = parse_range("0.30-5.0 Sandwich immunoassay by ECLIA method First Trimester: 0.1-2.5")
    assert (taken_in.low, taken_in.high) == (None, None)


@pytest.mark.parametrize(("text", "low", "high"), BANDS)
def test_the_band_labelled_normal_is_the_range(
    text: str, low: float | None, high: float | None
) -> None:
    rng = parse_range(text)
    assert (rng.low, rng.high) == (low, high)


@pytest.mark.parametrize(("text", "low", "high", "low_inc", "high_inc"), ONE_SIDED)
def test_one_sided(
    text: str, low: float | None, high: float | None, low_inc: bool, high_inc: bool
) -> None:
    rng = parse_range(text)
    assert rng is not None
    assert (rng.low, rng.high, rng.low_inclusive, rng.high_inclusive) == (
        low, high, low_inc, high_inc,
    )  # fmt: skip
    assert rng.text == text.strip()


@pytest.mark.parametrize(
    "text", ["Negative", "阴性", "陰性", "阴性(-)", "(-)", "Non-reactive", "NEG", "阴性（-）"]
)
def test_qualitative_negative(text: str) -> None:
    rng = parse_range(text)
    assert rng is not None
    assert (rng.qualitative, rng.low, rng.high) == ("negative", None, None)


def test_qualitative_with_numbers() -> None:
    for text in ("阴性 (<1.0)", "<1.0 阴性", "Negative (<1.0)"):
        rng = parse_range(text)
        assert rng is not None
        assert (rng.qualitative, rng.high, rng.high_inclusive) == ("negative", 1.0, False)


@pytest.mark.parametrize(
    "text",
    ["Not Estab.", "Not established", "N/A", "--", "-", "—", "6.1-3.9", "abc"],
)
def test_no_bounds_keeps_text(text: str) -> None:
    rng = parse_range(text)
    assert rng is not None
    assert (rng.low, rng.high, rng.qualitative, rng.text) == (None, None, None, text)


@pytest.mark.parametrize("text", [None, "", "   \n "])
def test_empty(text: str | None) -> None:
    assert parse_range(text) is None


SEXED = [
    ("M: 4.3-5.8 F: 3.8-5.1", (4.3, 5.8), (3.8, 5.1)),
    ("M13-17,F12-16 gm/dl", (13.0, 17.0), (12.0, 16.0)),  # the letter glued to the span
    ("Male 4.3-5.8; Female 3.8-5.1", (4.3, 5.8), (3.8, 5.1)),
    ("Male: 4.3-5.8\nFemale: 3.8-5.1", (4.3, 5.8), (3.8, 5.1)),
    ("男 130-175 女 115-150", (130.0, 175.0), (115.0, 150.0)),
    ("男:130~175 女:115~150", (130.0, 175.0), (115.0, 150.0)),
    ("男：130～175 女：115～150", (130.0, 175.0), (115.0, 150.0)),
    ("男性 130-175 女性 115-150", (130.0, 175.0), (115.0, 150.0)),
    ("女 115-150 男 130-175", (130.0, 175.0), (115.0, 150.0)),
    ("4.3-5.8 (M) 3.8-5.1 (F)", (4.3, 5.8), (3.8, 5.1)),
    ("Men <1.0 Women <0.8", (None, 1.0), (None, 0.8)),
    ("HOMEM: 3,0 a 7,2\nMULHER: 2,5 a 5,9", (3.0, 7.2), (2.5, 5.9)),
    ("Homens: 20 - 300; Mulheres: 10 - 120", (20.0, 300.0), (10.0, 120.0)),
    ("Hombres 0,7-1,2 Mujeres 0,5-1,0", (0.7, 1.2), (0.5, 1.0)),
    ("Männer: <55 Frauen: <35", (None, 55.0), (None, 35.0)),
    ("Hommes : 0,7 - 1,2 Femmes : 0,5 - 1,0", (0.7, 1.2), (0.5, 1.0)),
    ("Мужчины 62-115 Женщины 53-97", (62.0, 115.0), (53.0, 97.0)),
]


@pytest.mark.parametrize(
    ("word", "sex"),
    [
        ("Mulher", "F"),
        ("MUJERES", "F"),
        ("Frau", "F"),
        ("Homem:", "M"),
        ("Masculino", "M"),
        ("мужчины", "M"),
    ],
)
def test_a_patients_sex_in_other_languages(word: str, sex: str) -> None:
    """``Mulher`` opens with an m and is a woman: the word is looked up before its letter."""
    rng = parse_range("Homem: 3,0 a 7,2 Mulher: 2,5 a 5,9", sex=word)
    assert rng is not None
    assert (rng.low, rng.high) == ((3.0, 7.2) if sex == "M" else (2.5, 5.9))


@pytest.mark.parametrize(("text", "male", "female"), SEXED)
def test_sex_specific(text: str, male: tuple, female: tuple) -> None:
    for sex, expected in (("M", male), ("F", female), ("male", male), ("女", female)):
        rng = parse_range(text, sex=sex)
        assert rng is not None
        assert (rng.low, rng.high) == expected
    unsexed = parse_range(text)
    assert unsexed is not None
    assert (unsexed.low, unsexed.high, unsexed.text) == (None, None, text.strip())


def test_sex_specific_shared_unit() -> None:
    rng = parse_range("M: 4.3-5.8 F: 3.8-5.1 10^12/L", sex="M")
    assert rng is not None
    assert (rng.low, rng.high, rng.unit) == (4.3, 5.8, "10*12/L")
    unsexed = parse_range("M: 4.3-5.8 F: 3.8-5.1 10^12/L")
    assert unsexed is not None and unsexed.unit == "10*12/L"


def test_unit_letters_are_not_sex_markers() -> None:
    rng = parse_range("4.5-5.5 M/uL")
    assert rng is not None
    assert (rng.low, rng.high, rng.unit) == (4.5, 5.5, "10*6/uL")
    assert parse_range("M13-17,F12-16 gm/dl").unit == "g/dL"  # the unit shared by both


bounds = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


@given(bounds, bounds)
def test_range_round_trip(a: float, b: float) -> None:
    a, b = sorted((a, b))
    if a == b:
        return
    rng = parse_range(f"{a}-{b}")
    assert rng is not None
    assert (rng.low, rng.high) == (a, b)


@given(st.text(max_size=40), st.sampled_from([None, "M", "F"]))
def test_parse_range_never_raises(text: str, sex: str | None) -> None:
    parse_range(text, sex=sex)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [("100 até 1.300", 100, 1300), ("de 100 até 1.300", 100, 1300), ("0.5 - 1.025", 0.5, 1.025)],
)
def test_dots_read_as_thousands_only_when_the_bounds_would_run_backwards(text, low, high) -> None:
    rng = parse_range(text)
    assert (rng.low, rng.high) == (low, high)


@pytest.mark.parametrize(
    ("text", "high"), [("(COI < 1.0)", 1.0), ("(< 0.30 OD)", 0.3), ("(C01 < 1.0 )", 1.0)]
)
def test_a_measure_word_inside_the_brackets_is_no_part_of_the_bounds(text, high) -> None:
    rng = parse_range(text)
    assert rng.low is None and rng.high == high


@pytest.mark.parametrize(
    ("text", "low", "high", "unit", "kept"),
    [
        ("65-99 mg/dL 01", 65.0, 99.0, "mg/dL", "65-99 mg/dL"),
        ("> OR = 40 mg/dL 01", 40.0, None, "mg/dL", "> OR = 40 mg/dL"),
        ("<130 mg/dL (calc) 01", None, 130.0, "mg/dL", "<130 mg/dL (calc)"),
        ("1-01", 1.0, 1.0, None, "1-01"),  # no unit before it: a bound, not a lab's code
    ],
)
def test_a_lab_site_code_after_the_unit_is_no_part_of_the_range(text, low, high, unit, kept):
    rng = parse_range(text)
    assert (rng.low, rng.high, rng.unit, rng.text) == (low, high, unit, kept)


def test_a_range_cell_holding_only_a_unit_gives_the_unit() -> None:
    assert unit_only("kU/L 01") == "kU/L" and unit_only("mg/dL") == "mg/dL"
    assert unit_only("65-99 mg/dL") is None and unit_only("Negative") is None
    assert unit_only("See Note: mg/dL") == "mg/dL"  # the range is in a note
    assert unit_only("See Note") is None and unit_only("See Note: 4-10") is None


@pytest.mark.parametrize(
    ("text", "high", "unit"),
    [
        ("适宜<1.70mmol/L 增高", 1.7, "mmol/L"),  # the desirable band's unit glued to it
        ("适宜 <5.20 mmol/L 增高", 5.2, "mmol/L"),
        ("Desirable: <200 mg/dL Borderline 200-239", 200.0, "mg/dL"),
        ("适宜<1.70 增高", 1.7, None),
    ],
)
def test_the_desirable_band_keeps_the_unit_printed_after_it(text, high, unit) -> None:
    rng = parse_range(text)
    assert (rng.low, rng.high, rng.unit) == (None, high, unit)


def test_two_bare_numbers_are_a_low_and_a_high_cell_unless_asked_not_to() -> None:
    rng = parse_range("120 160")
    assert (rng.low, rng.high, rng.text) == (120.0, 160.0, "120 160")
    assert (parse_range("4,4 11,3").low, parse_range("4,4 11,3").high) == (4.4, 11.3)
    assert parse_range("160 120").low is None  # a high before a low is no range
    assert parse_range("1.2 3.4 5.6").low is None
    assert parse_range("120 160", two_cells=False).low is None  # a guess at columns: no points


def test_a_unit_on_each_bound_and_a_count_unit_with_a_garbled_power() -> None:
    for text, low, high, unit in [
        ("50.0%--70.0%", 50.0, 70.0, "%"),
        ("3.5 mmol/L - 5.5 mmol/L", 3.5, 5.5, "mmol/L"),
        ("2.00--7.00×10°/L", 2.0, 7.0, None),  # bounds kept; normalize reads the unit
        ("<1.00×10°/L", None, 1.0, None),
    ]:
        rng = parse_range(text)
        assert (rng.low, rng.high, rng.unit) == (low, high, unit), text
    assert parse_range("5%-10").low is None  # a unit on one bound only: no reading


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("4.00~10.0010^9/L", 4.0, 10.0, "10*9/L"),  # the unit glued onto the upper bound
        ("2.00~5.5010^12/L", 2.0, 5.5, "10*12/L"),
        ("30.00~90.00 10^9/1", 30.0, 90.0, "10*9/L"),  # its litre read as a 1
        ("0.12--0.8.10^9/1", 0.12, 0.8, "10*9/L"),
        ("100.00~300.0010^9", 100.0, 300.0, None),  # its litre cut off: no unit
    ],
)
def test_a_count_unit_ocr_read_onto_the_upper_bound_is_taken_off_as_the_unit(
    text, low, high, unit
) -> None:
    rng = parse_range(text)
    assert (rng.low, rng.high, rng.unit, rng.text) == (low, high, unit, text)


def test_a_dot_ocr_put_between_the_upper_bound_and_the_unit_is_dropped() -> None:
    rng = parse_range("320.00~360.00.g/L")
    assert (rng.low, rng.high, rng.unit) == (320.0, 360.0, "g/L")
    assert parse_range("1.2-3.4.mmol/L").unit == "mmol/L"
    assert parse_range("3.5-5.5.5").low is None  # digits after the dot: no unit to read


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("3.7.5.7", 3.7, 5.7),  # glued: the middle dot was the dash
        ("35.00.43.00", 35.0, 43.0),
        ("0.60.1.05", 0.6, 1.05),
        ("5.0.15", 5.0, 15.0),  # 5-0.15 would run backwards
        ("10.8 . 14.7", 10.8, 14.7),  # a dot alone between the bounds
        ("70.0 . 120.0 %", 70.0, 120.0),
        ("32.0. 45.0", 32.0, 45.0),  # the dot glued to the low bound
        ("3,4 .4,5", 3.4, 4.5),
    ],
)
def test_a_dash_ocr_read_as_a_dot_between_the_bounds_is_a_dash(text, low, high) -> None:
    rng = parse_range(text)
    assert (rng.low, rng.high) == (low, high)


@pytest.mark.parametrize(
    "text", ["1.300.000", "140.450", "12.5.3", "150.000.450.000", "45.0 . 32.0"]
)
def test_dotted_numbers_that_read_no_one_way_are_no_range(text) -> None:
    """Thousands groups (three digits after each dot), one number, or no rising reading."""
    rng = parse_range(text)
    assert rng.low is None and rng.high is None


@pytest.mark.parametrize(
    ("text", "high", "unit"),
    [
        ("<0.25g/1", 0.25, "g/L"),  # the litre read as a 1, the unit glued to the bound
        ("<3mmol/1", 3.0, "mmol/L"),
        ("<17umol/I", 17.0, "umol/L"),
    ],
)
def test_a_unit_whose_litre_ocr_read_as_a_one_is_the_ranges_unit(text, high, unit) -> None:
    rng = parse_range(text)
    assert (rng.low, rng.high, rng.unit) == (None, high, unit)
    assert parse_range("<5 /1").high is None  # no unit is only a slash and a one


def test_a_qualitative_range_with_its_unit_glued_on_gives_both() -> None:
    rng = parse_range("未见/LPF")
    assert (rng.qualitative, rng.unit) == ("negative", "/[LPF]")
    assert parse_range("Negative /HPF").unit == "/[HPF]"
    assert parse_range("少见/HPF").qualitative is None  # not a qualitative result word
    assert parse_range("阴性/cm").unit is None  # the rest is no unit: no reading


def test_the_non_diabetic_band_of_a_banded_range_is_the_reference() -> None:
    rng = parse_range("- Non Diabetics:3-6 - Target of therapy:<7 - Change of therapy:>8")
    assert (rng.low, rng.high) == (3.0, 6.0)


def test_ate_without_its_accent_joins_two_bounds() -> None:
    """Made up: Portuguese ``até`` printed (or read by OCR) without its accent."""
    assert (parse_range("1003 ate 1035").low, parse_range("1003 ate 1035").high) == (1003.0, 1035.0)
    assert (parse_range("4,5 ate 6,5").low, parse_range("4,5 ate 6,5").high) == (4.5, 6.5)
    assert parse_range("Ate 1,3").high == 1.3


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        # made-up bands by age group: the adults' band, by its label or by its ages
        ("0 a 10 dias 70-250 U/L 10 dias a 1 ano 90-420 U/L Adultos: 35 - 115 U/L", 35, 115),
        ("0 a 10 dias 70-250 U/L 1 a 17 anos 100-380 U/L > 18 anos 35-115 U/L", 35, 115),
        ("<1 year: 5-20; 1-10 years: 4-15; >10 years: 3-12", 3, 12),
        ("18-50岁: 3.9-6.1", 3.9, 6.1),  # one band, an adults' one
        # no adults' band, or two of them: no bounds rather than a child's
        ("0 a 10 dias 70-250 U/L 1 a 12 anos 100-380 U/L", None, None),
        ("Adultos até 40 anos: 2,1 - 7,0; Adultos acima de 41 anos: 1,5 - 6,5", None, None),
        ("0 a 10 dias", None, None),  # a bracket alone is ages, not a range
        ("3 a 7 anos", None, None),
    ],
)
def test_bands_by_age_group_give_the_adults_band(
    text: str, low: float | None, high: float | None
) -> None:
    rng = parse_range(text)
    assert (rng.low, rng.high) == (low, high)


@pytest.mark.parametrize(
    ("sex", "low", "high"), [("M", 140, 800), ("F", 15, 600), (None, None, None)]
)
def test_a_sexs_band_that_opens_with_ages_gives_its_bounds(sex, low, high) -> None:
    text = "Homens (20 - 60 anos): 140 a 800 pg/mL Mulheres (18 - 45 anos): 15 a 600 pg/mL"
    rng = parse_range(text, sex=sex)
    assert (rng.low, rng.high, rng.unit) == (low, high, "pg/mL")  # made up
