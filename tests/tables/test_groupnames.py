"""A column of group names printed before the tests' names."""

from __future__ import annotations

from checkup2action.ingestion.document import Word
from checkup2action.tables.groupnames import without_group_column
from checkup2action.tables.model import RawRow
from checkup2action.tables.roles import Role


def row(*names: tuple[str, float, float]) -> RawRow:
    """A row whose name cell holds these words (text, x0, top) and a value."""
    out = RawRow(page=1)
    out.cells[Role.NAME] = [
        Word(t, x, top, x + 10 * len(t), top + 10, 1, size=10) for t, x, top in names
    ]
    out.cells[Role.VALUE] = [Word("101", 400, 100, 420, 110, 1, size=10)]
    return out


def test_a_group_label_before_a_known_test_name_is_left_out() -> None:
    r = without_group_column(row(("당뇨병", 20, 100), ("공복혈당(mg/dL)", 160, 100)))
    assert r.text(Role.NAME) == "공복혈당(mg/dL)"
    r = without_group_column(row(("Kidney", 20, 100), ("Creatinine", 160, 100)))
    assert r.text(Role.NAME) == "Creatinine"


def test_names_that_are_no_group_and_test_stay_whole() -> None:
    field = row(("Episode", 20, 100), (":", 160, 100), ("IP", 172, 100))
    assert without_group_column(field).text(Role.NAME) == "Episode : IP"  # a field and its value
    two_lines = row(("Lipid", 20, 80), ("Creatinine", 160, 100))
    assert without_group_column(two_lines).text(Role.NAME) == "Lipid Creatinine"
    unknown = row(("Liver", 20, 100), ("Widget", 160, 100))
    assert without_group_column(unknown).text(Role.NAME) == "Liver Widget"


def test_a_unit_left_before_a_field_label_is_no_group() -> None:
    leftover = row(("cm", 20, 100), ("Weight:", 160, 100))
    assert without_group_column(leftover).text(Role.NAME) == "cm Weight:"


def test_a_field_and_its_value_touching_a_test_name_are_left_out() -> None:
    """An information block's field printed on a test's line, its word abutting the name's
    (made-up words)."""
    glued = row(("样本：全血", 20, 100), ("平均红细胞体积", 71, 100))
    assert without_group_column(glued).text(Role.NAME) == "平均红细胞体积"
    spaced = row(("Dept:", 20, 100), ("OPD", 71, 100), ("Hemoglobin", 102, 100))
    assert without_group_column(spaced).text(Role.NAME) == "Hemoglobin"


def test_a_label_without_a_value_before_a_test_name_stays() -> None:
    specimen = row(("Urine:", 20, 100), ("Glucose", 81, 100))
    assert without_group_column(specimen).text(Role.NAME) == "Urine: Glucose"
