"""parse_flag, compute_flag and resolve_flag."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checkup2action.grammar.flags import compute_flag, parse_flag, resolve_flag
from checkup2action.grammar.ranges import parse_range
from checkup2action.report.models import ReferenceRange

PRINTED = [
    ("↑", "H"), ("H", "H"), ("h", "H"), ("High", "H"), ("HIGH", "H"), ("▲", "H"), ("H*", "H"),
    ("偏高", "H"), ("高", "H"), ("↑高", "H"), ("(H)", "H"), (" H ", "H"),
    ("↓", "L"), ("L", "L"), ("Low", "L"), ("▼", "L"), ("L*", "L"), ("偏低", "L"), ("低", "L"),
    ("↑↑", "HH"), ("HH", "HH"), ("Critical high", "HH"), ("危急↑", "HH"),
    ("↓↓", "LL"), ("LL", "LL"), ("Critical low", "LL"),
    ("*", "A"), ("!", "A"), ("A", "A"), ("Abnormal", "A"), ("异常", "A"), ("阳性", "A"),
    ("Positive", "A"), ("危急", "A"),
    ("N", "N"), ("Normal", "N"), ("正常", "N"),
    ("Nguy cơ cao", "A"), ("Nguy co cao", "A"), ("高风险", "A"),  # a screen's high-risk verdict
    ("Giảm", "L"), ("Giam", "L"), ("erhoht", "H"),  # OCR drops accents
]  # fmt: skip


@pytest.mark.parametrize(("text", "flag"), PRINTED)
def test_parse_flag(text: str, flag: str) -> None:
    assert parse_flag(text) == flag


@pytest.mark.parametrize("text", [None, "", "  ", "-", "xyz"])
def test_parse_flag_empty(text: str | None) -> None:
    assert parse_flag(text) is None


R = ReferenceRange
NUMERIC = [
    (5.0, None, R(low=3.9, high=6.1), "N"), (6.1, None, R(low=3.9, high=6.1), "N"),
    (3.9, None, R(low=3.9, high=6.1), "N"), (6.2, None, R(low=3.9, high=6.1), "H"),
    (3.8, None, R(low=3.9, high=6.1), "L"), (5.2, None, R(high=5.2, high_inclusive=False), "H"),
    (5.1, None, R(high=5.2, high_inclusive=False), "N"),
    (1.04, None, R(low=1.04, low_inclusive=False), "L"),
    (0.5, "<", R(high=5.0), "N"), (0.5, "<", R(low=0.0, high=5.0), "N"),
    (0.5, "<", R(low=3.9, high=6.1), "L"), (10.0, "<", R(high=5.0), None),
    (1000.0, ">", R(high=200.0), "H"), (60.0, ">", R(low=60.0), "N"),
    (60.0, ">=", R(low=60.0), "N"), (100.0, ">", R(low=3.9, high=6.1), "H"),
    (5.0, ">", R(low=3.9, high=6.1), None), (5.0, "<=", R(high=5.0), "N"),
    (5.0, ">=", R(high=5.0, high_inclusive=False), "H"), (-4.0, None, R(low=-3.0, high=3.0), "L"),
]  # fmt: skip


@pytest.mark.parametrize(("value", "comparator", "rng", "flag"), NUMERIC)
def test_compute_numeric(
    value: float, comparator: str | None, rng: ReferenceRange, flag: str | None
) -> None:
    assert compute_flag(value, comparator, None, rng) == flag


QUALITATIVE = [
    ("positive", "negative", "A"), ("negative", "negative", "N"),
    ("weakly_positive", "negative", "A"),
    ("trace", "negative", "A"), ("2+", "negative", "A"), ("normal", "negative", "N"),
    ("yellow", "negative", None), ("positive", "positive", "N"), ("negative", "positive", "A"),
]  # fmt: skip


@pytest.mark.parametrize(("value_text", "expected", "flag"), QUALITATIVE)
def test_compute_qualitative(value_text: str, expected: str, flag: str | None) -> None:
    assert compute_flag(None, None, value_text, R(qualitative=expected)) == flag


def test_compute_without_usable_range() -> None:
    assert compute_flag(5.0, None, None, None) is None
    assert compute_flag(5.0, None, None, R(text="Not established")) is None
    assert compute_flag(None, None, "positive", R(low=1, high=2)) is None
    assert compute_flag(None, None, None, R(qualitative="negative")) is None


def test_compute_with_parsed_range() -> None:
    assert compute_flag(7.0, None, None, parse_range("3.9-6.1 mmol/L")) == "H"
    assert compute_flag(None, None, "positive", parse_range("阴性(-)")) == "A"


RESOLVE = [
    (("↑", False, "H"), ("H", "printed", None)),
    (("↑", False, None), ("H", "printed", None)),
    (("H", False, "L"), ("H", "printed", "FLAG_DISAGREES_WITH_RANGE")),
    (("H", False, "N"), ("H", "printed", "FLAG_DISAGREES_WITH_RANGE")),
    (("L", False, "H"), ("L", "printed", "FLAG_DISAGREES_WITH_RANGE")),
    (("L", False, "N"), ("L", "printed", "FLAG_DISAGREES_WITH_RANGE")),
    (("HH", False, "H"), ("HH", "printed", None)),
    (("↓↓", False, "L"), ("LL", "printed", None)),
    (("*", False, "N"), ("A", "printed", "FLAG_DISAGREES_WITH_RANGE")),
    (("*", False, "A"), ("A", "printed", None)),
    (("*", False, "H"), ("A", "printed", None)),
    (("阳性", False, "A"), ("A", "printed", None)),
    (("N", False, "H"), ("N", "printed", "FLAG_DISAGREES_WITH_RANGE")),
    ((None, True, "H"), ("H", "style", None)),
    ((None, True, "L"), ("L", "style", None)),
    ((None, True, "N"), ("A", "style", None)),
    ((None, True, None), ("A", "style", None)),
    ((None, True, "A"), ("A", "style", None)),
    (("", False, "L"), ("L", "computed", None)),
    ((None, False, "N"), ("N", "computed", None)),
    ((None, False, None), (None, None, None)),
    (("?", False, "H"), ("H", "computed", None)),
]  # fmt: skip


@pytest.mark.parametrize(("args", "expected"), RESOLVE)
def test_resolve_flag(args: tuple, expected: tuple) -> None:
    assert resolve_flag(*args) == expected


@given(st.text(max_size=20))
def test_parse_flag_never_raises(text: str) -> None:
    assert parse_flag(text) in (None, "H", "L", "HH", "LL", "A", "N")


@given(
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([None, "<", "<=", ">", ">="]),
    st.one_of(st.none(), st.floats(-1e6, 1e6)),
    st.one_of(st.none(), st.floats(-1e6, 1e6)),
)
def test_compute_flag_never_raises(
    value: float, comparator: str | None, low: float | None, high: float | None
) -> None:
    assert compute_flag(value, comparator, None, R(low=low, high=high)) in (None, "H", "L", "N")


def test_ocr_cjk_ten_is_a_printed_plus() -> None:
    assert parse_flag("十") == parse_flag("+") == "A"


def test_a_critical_value_mark_of_chilean_labs_is_abnormal():
    """``VC`` (valor crítico), printed beside the out-of-range star."""
    from checkup2action.grammar.flags import parse_flag

    assert parse_flag("VC") == "A" and parse_flag("Valor crítico") == "A"


def test_a_flag_glued_before_the_range_is_the_rows_flag() -> None:
    from checkup2action.grammar.flags import range_and_mark

    assert range_and_mark("↓2.4-4.0", by_ocr=True) == ("2.4-4.0", "↓")
    assert range_and_mark("13-8", by_ocr=True) == ("3-8", "*")  # an arrow read as '1'
    assert range_and_mark("13-8", by_ocr=False) == ("13-8", None)  # a text layer says 13-8
    assert range_and_mark("13-18", by_ocr=True) == ("13-18", None)


def test_a_minus_read_as_one_in_a_negative_result_is_a_minus_again() -> None:
    from checkup2action.grammar.flags import minus_read_as_one, range_and_mark

    assert range_and_mark("阴性（一）", by_ocr=True) == ("阴性（-）", None)
    assert range_and_mark("阴性（一）", by_ocr=False) == ("阴性（一）", None)  # text layer: as is
    assert minus_read_as_one("阴性(一)") == "阴性(-)"
    assert minus_read_as_one("（一）血常规") == "（一）血常规"  # a section number stays
