"""Japanese lab reports: analyte names (``analyte_names.yaml``), comparators written after the
number (``0.05未満``), a qualitative word with its katakana reading, spaced decimal points, and
an ``H`` that OCR reads as ``II`` in an abbreviation."""

from __future__ import annotations

import pytest

from checkup2action.grammar.names import double_i_as_h
from checkup2action.grammar.values import parse_value
from tests.grammar.test_allergens import code_of


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("尿素窒素", "BUN"),
        ("クレアチニン", "CREA"),
        ("カリウム", "K"),
        ("ヘモグロビン量", "HGB"),
        ("ヘマトクリット値", "HCT"),
        ("総コレステロール", "TC"),
        ("中性脂肪", "TG"),
        ("γ-GTP", "GGT"),
        ("HBs抗原 精密測定", "HBSAG"),  # a precise (quantitative) measurement
        ("HBs抗原精密測定", "HBSAG"),
        ("HBs抗体 精密測定", "ANTI_HBS"),
        ("HCV抗体CLIA法", "ANTI_HCV"),  # the assay's acronym glued after the name
        ("血液型ABO式", "ABO"),
    ],
)
def test_japanese_names(name: str, code: str) -> None:
    assert code_of(name) == code


@pytest.mark.parametrize(
    ("name", "code"),
    [("MCII", "MCH"), ("MCIIC", "MCHC"), ("IIDL-C", "HDL_C"), ("IIBs抗原", "HBSAG")],
)
def test_an_h_read_as_two_strokes_is_written_back(name: str, code: str) -> None:
    assert code_of(name) == code


def test_a_roman_numeral_stays_as_printed() -> None:
    assert double_i_as_h("Factor II") == "Factor II"
    assert double_i_as_h("Type IIb") == "Type IIb"
    assert double_i_as_h("MCII") == "MCH"


@pytest.mark.parametrize(
    ("text", "value", "comparator"),
    [
        ("0.05未満", 0.05, "<"),
        ("0.05未满", 0.05, "<"),  # OCR's simplified form of the same word
        ("0.1以下", 0.1, "<="),
        ("0. 1以下", 0.1, "<="),  # a monospaced decimal point with a space after it
        ("30以上", 30.0, ">="),
        ("12. 5", 12.5, None),
    ],
)
def test_comparators_written_after_the_number(
    text: str, value: float, comparator: str | None
) -> None:
    parsed = parse_value(text)
    assert (parsed.ok, parsed.value, parsed.comparator) == (True, value, comparator)


@pytest.mark.parametrize(
    ("text", "meaning"),
    [("陰性 インセイ", "negative"), ("陰性インセイ", "negative"), ("陽性 ヨウセイ", "positive")],
)
def test_a_katakana_reading_after_a_result_word_is_dropped(text: str, meaning: str) -> None:
    parsed = parse_value(text)
    assert (parsed.ok, parsed.value_text) == (True, meaning)


def test_katakana_alone_is_no_result_word() -> None:
    assert parse_value("インセイ").value_text != "negative"


@pytest.mark.parametrize(
    ("text", "low", "high", "inclusive"),
    [
        ("1.0未満", None, 1.0, False),
        ("0.05未满", None, 0.05, False),
        ("0.30以下", None, 0.3, True),
        ("60以上", 60.0, None, True),
        ("30超", 30.0, None, False),
    ],
)
def test_ranges_with_the_comparator_after_the_number(
    text: str, low: float | None, high: float | None, inclusive: bool
) -> None:
    from checkup2action.grammar.ranges import parse_range

    rng = parse_range(text)
    bound_inclusive = rng.high_inclusive if high is not None else rng.low_inclusive
    assert (rng.low, rng.high, bound_inclusive) == (low, high, inclusive)
