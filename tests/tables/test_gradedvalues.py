"""A dipstick's count printed with its grade in brackets is one result, however OCR split it."""

from __future__ import annotations

import pytest

from checkup2action.grammar.values import parse_value
from checkup2action.tables.linereader import line_records
from tests.tables.test_linereader import cells, page_lines


@pytest.mark.parametrize(
    "pieces",
    [
        [("(+++)", 150)],
        [(")", 150), ("+++", 156)],  # OCR lost the opening bracket
        [("(", 150), ("+++", 156), (")", 175)],
    ],
)
def test_a_bracketed_grade_after_a_count_joins_the_value(pieces) -> None:
    """Made-up urinalysis line: count 250, grade, then the negative reference and the unit."""
    line = [("白细胞", 20), ("250", 120), *pieces, ("neg", 200), ("cells/uL", 260)]
    got = cells(line_records(page_lines(line))[0])
    assert got["range"] == "neg"
    parsed = parse_value(got["value"])
    assert (parsed.value, parsed.value_text) == (250.0, "3+")


def test_a_plus_sign_after_a_value_stays_its_flag() -> None:
    line = [("Glucose", 20), ("7.9", 120), ("+", 150), ("3.9-6.1", 200), ("mmol/L", 260)]
    got = cells(line_records(page_lines(line))[0])
    assert got["value"] == "7.9" and got["flag"] == "+"
