"""Tests of the flag a label's own plain value and range imply (made-up values)."""

from __future__ import annotations

import pytest

from checkup2action.evaluation.implied import implied_flag, plain_number, reported_direction
from checkup2action.evaluation.matching import Totals, score_document
from tests.evaluation.test_matching import label_of


@pytest.mark.parametrize(
    ("value", "range_text", "flag"),
    [
        ("4.2", "3.5-5.0", "N"), ("3.4", "3.5-5.0", "L"), ("5,1", "3,5 a 5,0", "H"),
        ("77", "(80 - 95) fL", "L"), ("6.0", "de 4,0 até 6,0 g/dL", "N"),
        ("5.2", "<5.2", "H"), ("5.2", "<=5.2", "N"), ("5.1", "< 5.2 mmol/L", "N"),
        ("60", ">60", "L"), ("60", "≥ 60", "N"), ("59", ">=60 mL/min", "L"),
    ],
)  # fmt: skip
def test_plain_values_against_plain_ranges(value: str, range_text: str, flag: str) -> None:
    assert implied_flag(value, range_text) == flag


@pytest.mark.parametrize(
    ("value", "range_text"),
    [
        ("Negative", "Negative"), ("<0.1", "0-5"), ("4.2", "M: 4-6 F: 3-5"),
        ("4.2", "Desirable: <5.0 Borderline: 5.0-6.0"), ("4.2", "5.0-3.5"),
        ("1,200", "1000-1500"), ("4.2", "0 a 14 dias 3-5"),
    ],
)  # fmt: skip
def test_anything_not_plain_implies_nothing(value: str, range_text: str) -> None:
    assert implied_flag(value, range_text) is None


def test_numbers_and_reported_directions() -> None:
    assert plain_number("4,5") == 4.5 and plain_number("12") == 12.0
    assert plain_number("1,200") is None and plain_number("4.5 H") is None
    assert [reported_direction(f) for f in ("HH", "L", None, "N", "A")] == ["H", "L", "N", "N", "A"]


def test_the_scorer_counts_reported_flags_against_implied_ones() -> None:
    """Three rows printed with no flag: a low value given no flag is counted wrong; a row whose
    page printed a flag is left to the printed-flag figure."""
    lab = label_of(
        [
            {"page": 1, "name": "Sodium", "value": "139", "range": "135-145"},
            {"page": 1, "name": "Potassium", "value": "3.1", "range": "3.5-5.1"},
            {"page": 1, "name": "Glucose", "value": "7.9", "range": "3.9-6.1", "flag": "H"},
        ]
    )
    preds = [
        {"name_raw": n, "value_raw": v, "value": float(v), "flag": f, "provenance": [{"page": 1}]}
        for n, v, f in (("Sodium", "139", "N"), ("Potassium", "3.1", None), ("Glucose", "7.9", "H"))
    ]
    score = score_document(lab, {"lab_results": preds})
    assert (score.implied_ok, score.implied_total) == (1, 2)
    assert "flags_implied=1/2" in Totals.of([score]).line()
