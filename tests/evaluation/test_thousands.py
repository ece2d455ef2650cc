"""The thousands figure's own reading of labels (made-up values)."""

from checkup2action.evaluation.labels import LabelRow
from checkup2action.evaluation.thousands import grouped_value, prints_decimal_commas, reads_grouped


def label(value: str) -> LabelRow:
    """A label row printing ``value``."""
    return LabelRow(page=1, name="Test", value=value)


def test_labels_of_decimal_commas_make_dot_groups_thousands():
    rows = [label("4,5"), label("0,80"), label("5.070"), label("12")]
    assert prints_decimal_commas(rows)
    assert grouped_value(rows[2], True) == 5070
    assert grouped_value(rows[0], True) is None  # not dot-grouped
    assert grouped_value(rows[2], False) is None  # not a decimal-comma document


def test_one_decimal_point_or_no_decimal_mark_tells_nothing():
    assert not prints_decimal_commas([label("4,5"), label("0.8"), label("5.070")])
    assert not prints_decimal_commas([label("5.070"), label("12")])


def test_the_report_must_read_the_thousands():
    assert reads_grouped(5070.0, 5070)
    assert not reads_grouped(5070.0, 5.07)
    assert not reads_grouped(5070.0, None)
