"""A carried table's columns fitted to where a photographed page prints them."""

from __future__ import annotations

from checkup2action.layout.lines import cluster_lines
from checkup2action.tables.model import Column, TableLayout
from checkup2action.tables.refit import refit_layout
from checkup2action.tables.roles import Role
from tests.tables.test_listitems import words_at

#: The columns a header set on the page before (name, value, unit, range).
LAYOUT = TableLayout(
    columns=[
        Column(Role.NAME, 0.0, 190.0),
        Column(Role.VALUE, 190.0, 235.0),
        Column(Role.UNIT, 235.0, 320.0),
        Column(Role.RANGE, 320.0, 600.0),
    ],
    x0=0.0,
    x1=600.0,
)
ROWS = [
    ("Glucose", "5.2", "mmol/L", "3.8 - 6.0"),
    ("Urea", "5.5", "mmol/L", "2.8 - 7.2"),
    ("Creatinine", "86", "umol/L", "64 - 104"),
    ("Sodium", "140", "mmol/L", "134 - 146"),
    ("Potassium", "4.9", "mmol/L", "3.5 - 5.1"),
    ("Chloride", "101", "mmol/L", "98 - 107"),
]


def page_lines(shift: float):
    """The rows printed in the layout's columns moved ``shift`` points to the right."""
    words = []
    for i, (name, value, unit, rng) in enumerate(ROWS):
        top = 100.0 + 14 * i
        for text, x in ((name, 40), (value, 200), (unit, 250), (rng, 400)):
            words += words_at(text, x + shift, top)
    return cluster_lines(words)


def column_of(layout: TableLayout, x: float) -> Role | None:
    return next((c.role for c in layout.columns if c.x0 <= x < c.x1), None)


def test_columns_follow_a_page_photographed_further_right():
    lines = page_lines(35.0)
    assert column_of(LAYOUT, 200 + 35 + 5) is Role.UNIT  # as they are, values read as units
    fitted = refit_layout(LAYOUT, lines)
    assert column_of(fitted, 40 + 35 + 10) is Role.NAME
    assert column_of(fitted, 200 + 35 + 5) is Role.VALUE
    assert column_of(fitted, 250 + 35 + 10) is Role.UNIT
    assert column_of(fitted, 400 + 35 + 10) is Role.RANGE


def test_columns_that_already_fit_are_kept():
    assert refit_layout(LAYOUT, page_lines(0.0)) is LAYOUT
    assert refit_layout(LAYOUT, page_lines(2.0)) is LAYOUT  # a small drift changes nothing
