"""Columns of quantities derived from each row's own result become second results."""

from checkup2action.ingestion.document import Word
from checkup2action.tables.derived import with_derived_rows
from checkup2action.tables.model import Column, RawRow
from checkup2action.tables.roles import Role


def _word(text, x):
    return Word(text, x, 100, x + 6 * len(text), 110, 1, size=10)


COLUMNS = [
    Column(Role.NAME, 0, 150, ""),
    Column(Role.UNIT, 150, 250, "Unit"),
    Column(Role.VALUE, 250, 350, "Concentration"),
    Column(Role.DERIVED, 350, 450, "MoM"),
]


def test_a_mom_column_gives_each_test_a_second_result_named_after_it():
    row = RawRow(
        page=1,
        cells={
            Role.NAME: [_word("hCG", 20), _word("Total", 45)],
            Role.UNIT: [_word("mIU/mL", 170)],
            Role.VALUE: [_word("52800", 270)],
            Role.DERIVED: [_word("2.31", 380)],
        },
    )
    rows = with_derived_rows([row], COLUMNS)
    assert [r.text(Role.NAME) for r in rows] == ["hCG Total", "hCG Total MoM"]
    assert rows[0].text(Role.VALUE) == "52800" and Role.DERIVED not in rows[0].cells
    assert rows[1].text(Role.VALUE) == "2.31" and rows[1].second_value
    assert Role.UNIT not in rows[1].cells


def test_a_row_without_a_name_or_a_derived_cell_stays_alone():
    plain = RawRow(page=1, cells={Role.NAME: [_word("AFP", 20)], Role.VALUE: [_word("41.2", 270)]})
    nameless = RawRow(
        page=1, cells={Role.VALUE: [_word("3", 270)], Role.DERIVED: [_word("1.1", 380)]}
    )
    assert with_derived_rows([plain, nameless], COLUMNS) == [plain, nameless]
