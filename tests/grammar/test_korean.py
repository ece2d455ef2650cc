"""Korean lab reports: analyte names (``analyte_names.yaml``), comparators written after the
number (``100미만``), sex-specific ranges (``남 13-16.5 여 12-15.5``) and header words."""

from __future__ import annotations

import pytest

from checkup2action.grammar.ranges import parse_range
from checkup2action.grammar.values import parse_value
from checkup2action.normalize.results import unit_in_name
from checkup2action.tables.roles import Role, role_of_header
from tests.grammar.test_allergens import code_of


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("혈색소", "HGB"),
        ("공복혈당", "FPG"),
        ("총콜레스테롤", "TC"),
        ("고밀도 콜레스테롤", "HDL_C"),
        ("저밀도 콜레스테롤(mg/dL)", "LDL_C"),  # the unit in brackets after the name
        ("중성지방", "TG"),
        ("혈청 크레아티닌", "CREA"),
        ("신사구체여과율(e-GFR)", "EGFR"),
        ("감마지티피(γGTP)", "GGT"),
        ("요단백", "U_PRO"),
        ("Calcium(칼슘)", "CA"),  # an English name with the Korean one in brackets
        ("Inorganic P(인)", "PHOS"),
        ("WBC COUNT(백혈구수)", "WBC"),
        ("Hct(적혈구 용적율)", "HCT"),
        ("HBsAg(B형간염 표면항원)", "HBSAG"),
        ("Anti-HCV(C형간염 항체)", "ANTI_HCV"),
        ("체질량지수", "BMI"),
        ("허리둘레", "WAIST"),
    ],
)
def test_korean_names(name: str, code: str) -> None:
    assert code_of(name) == code


def test_uric_acid_and_urine_acidity_stay_apart() -> None:
    assert code_of("요산") == "UA" and code_of("요산도") == "U_PH"


@pytest.mark.parametrize(
    ("text", "value", "comparator"),
    [("100미만", 100.0, "<"), ("1.5이하", 1.5, "<="), ("60이상", 60.0, ">="), ("5초과", 5.0, ">")],
)
def test_comparators_after_the_number(text: str, value: float, comparator: str) -> None:
    parsed = parse_value(text)
    assert parsed.value == value and parsed.comparator == comparator


def test_ranges_with_korean_bounds_and_sexes() -> None:
    below = parse_range("100미만")
    assert below.high == 100 and not below.high_inclusive and below.low is None
    assert parse_range("60이상").low == 60 and parse_range("60이상").low_inclusive
    assert parse_range("남 13-16.5 여 12-15.5", sex="M").high == 16.5
    assert parse_range("남 13-16.5 여 12-15.5", sex="F").high == 15.5
    assert parse_range("남 63이하 여 35이하", sex="F").high == 35


def test_korean_header_words() -> None:
    assert role_of_header("검사항목") is Role.NAME
    assert role_of_header("결과") is Role.VALUE
    assert role_of_header("참고치") is Role.RANGE
    assert role_of_header("단위") is Role.UNIT


def test_a_unit_in_brackets_after_the_name() -> None:
    assert unit_in_name("총콜레스테롤(mg/dL)") == "mg/dL"
    assert unit_in_name("AST(SGOT)(IU/L)") == "IU/L"
    assert unit_in_name("AST(SGOT)") is None  # an abbreviation, not a unit
    assert unit_in_name("Calcium(칼슘)") is None


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("시력(좌)", "VA_L"),
        ("시력(우)", "VA_R"),
        ("Vision (L)", "VA_L"),
        ("Visual acuity right", "VA_R"),
        ("视力(左)", "VA_L"),
        ("裸眼視力(右)", "VA_R"),
        ("矫正视力(左)", "VA_CORR_L"),
        ("교정시력(우)", "VA_CORR_R"),
    ],
)
def test_visual_acuity_of_each_eye_is_its_own_analyte(name: str, code: str) -> None:
    assert code_of(name) == code


def test_vision_without_a_side_names_no_analyte() -> None:
    assert code_of("Vision") is None and code_of("시력") is None


@pytest.mark.parametrize(
    ("text", "meaning"),
    [("정상", "normal"), ("음성", "negative"), ("양성", "positive"), ("약양성", "weakly_positive"),
     ("미량", "trace"), ("異常なし", "normal")],
)  # fmt: skip
def test_korean_and_japanese_result_words(text: str, meaning: str) -> None:
    assert parse_value(text).value_text == meaning
