"""Names printed without a label in a patient block (fake identities only)."""

from checkup2action.deid.blocknames import unlabelled_names


def _names(lines: list[str]) -> list[tuple[int, str]]:
    return [(i, name.text) for i, name in unlabelled_names(lines)]


def test_a_capitals_name_above_a_birth_date_line_is_a_name():
    lines = ["Patient Details  Specimen Details", "DOE, JANE A  Specimen ID: 1", "DOB: 01/02/1960"]
    assert _names(lines) == [(1, "DOE, JANE A")]


def test_a_name_with_a_birth_date_field_on_its_line_is_a_name():
    assert _names(["DOE, JANE    DOB: 01/02/1960    Patient ID: 123"]) == [(0, "DOE, JANE")]
    assert _names(["Report  Doe, Jane  Age: 45 Y"]) == [(0, "Doe, Jane")]


def test_a_plain_name_counts_only_above_a_patient_field_line():
    assert _names(["Jane A. Doe", "Sex: F  Age: 45"]) == [(0, "Jane A. Doe")]
    assert _names(["Jane Doe", "Glucose  5.1  mmol/L"]) == []


def test_test_names_of_the_same_shapes_are_not_names():
    lines = ["PROTEIN, TOTAL  7.1  g/dL", "Total Cholesterol  5.2  mmol/L", "BILIRUBIN, DIRECT"]
    assert _names(lines) == []
    assert _names(["Total Cholesterol  200", "Date collected: 01/02/2024"]) == []
