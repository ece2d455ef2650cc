"""Cells tidied after the words were dealt to columns."""

from checkup2action.ingestion.document import Word
from checkup2action.tables.cellfix import tidy_cells
from checkup2action.tables.model import RawRow
from checkup2action.tables.roles import Role


def _words(*items):
    return [Word(t, x, 100, x + 6 * len(t), 110, 1, size=10) for t, x in items]


def test_borders_colon_and_a_flag_before_the_unit():
    row = RawRow(
        page=1,
        cells={
            Role.NAME: _words(("Creatinina", 31), (":", 207)),
            Role.VALUE: _words(("2,55", 247)),
            Role.UNIT: _words(("*", 300), ("mg/dL", 315)),
            Role.RANGE: _words(("|", 428), ("0,57", 452), ("-", 476), ("1,11", 500), ("|", 524)),
        },
    )
    tidy_cells([row])
    assert row.text(Role.NAME) == "Creatinina"
    assert row.text(Role.UNIT) == "mg/dL"
    assert row.text(Role.FLAG) == "*"
    assert row.text(Role.RANGE) == "0,57 - 1,11"


def test_a_lone_unit_letter_stays_a_unit():
    row = RawRow(page=1, cells={Role.VALUE: _words(("5", 200)), Role.UNIT: _words(("L", 300))})
    tidy_cells([row])
    assert row.text(Role.UNIT) == "L" and Role.FLAG not in row.cells


def test_a_glued_colon_goes_and_a_printed_flag_is_kept():
    row = RawRow(
        page=1,
        cells={
            Role.NAME: _words(("Uremia:", 31)),
            Role.UNIT: _words(("H", 300), ("mg/dL", 315)),
            Role.FLAG: _words(("↑", 290)),
        },
    )
    tidy_cells([row])
    assert row.text(Role.NAME) == "Uremia"
    assert row.text(Role.UNIT) == "H mg/dL" and row.text(Role.FLAG) == "↑"
