"""A test printed again in another unit on the next line takes the name of the line above."""

from __future__ import annotations

from checkup2action.tables.model import RawRow
from checkup2action.tables.roles import Role
from checkup2action.tables.unitrows import is_note_name, name_second_units
from tests.tables.test_listitems import words_at


def row(top: float, **cells: tuple[str, float]) -> RawRow:
    """A raw row from role=(text, x0) cells on one line."""
    out = RawRow(page=1)
    for role, (text, x0) in cells.items():
        out.cells[Role(role)] = words_at(text, x0, top)
    return out


def test_a_count_under_its_percentage_takes_the_name_and_keeps_its_linking_word() -> None:
    rows = [
        row(100, name=("Neutrophils %", 10), value=("59,5", 200), unit=("%", 240)),
        row(111, name=("Soit", 10), value=("5,67", 200), unit=("10^3/uL", 240)),
        row(122, name=("Lymphocytes %", 10), value=("28,2", 200), unit=("%", 240)),
    ]
    name_second_units(rows)
    assert [r.text(Role.NAME) for r in rows] == ["Neutrophils %", "Neutrophils %", "Lymphocytes %"]
    assert rows[1].text(Role.METHOD) == "Soit"


def test_a_molar_value_that_is_not_the_mass_value_converted_keeps_its_own_name() -> None:
    rows = [
        row(100, name=("ACIDE URIQUE", 10), value=("58,7", 200), unit=("mg/l", 240)),
        row(111, name=("(Méthode Uricase)", 10), value=("120", 200), unit=("µmol/l", 240)),
    ]
    name_second_units(rows)  # 58,7 mg/l is 349 µmol/l, not 120: no second unit
    assert rows[1].text(Role.NAME) == "(Méthode Uricase)"


def test_a_second_unit_far_below_or_in_another_column_is_left_alone() -> None:
    rows = [
        row(100, name=("CREATININE", 10), value=("9,9", 200), unit=("mg/l", 240)),
        row(160, name=("Soit", 10), value=("88", 200), unit=("µmol/l", 240)),
    ]
    name_second_units(rows)
    assert rows[1].text(Role.NAME) == "Soit"


def test_note_names() -> None:
    assert all(map(is_note_name, ["(Méthode PAP, ADVIA 1800)", "Soit", "Méthode SFBC", "= "]))
    assert not any(map(is_note_name, ["Sodium", "Soluble transferrin receptor", "Methotrexate"]))
