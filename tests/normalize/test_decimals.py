"""Dots before three digits read as thousands where the document prints decimal commas
(every value below is made up)."""

from checkup2action.grammar.catalogue import load_catalogue
from checkup2action.ingestion.document import Word
from checkup2action.normalize.decimals import decimal_marks, prints_decimal_commas
from checkup2action.normalize.results import normalise_rows
from checkup2action.report.models import Patient
from checkup2action.tables.roles import Role
from tests.normalize.test_results import row

#: Rows that print decimal commas, as a Brazilian blood count does.
COMMA_ROWS = [
    row(name="Hemoglobina", value="14,2", unit="g/dL", range="13,0 a 17,0"),
    row(name="Hematócrito", value="42,8", unit="%", range="38,0 a 49,0"),
]


def read(rows):
    """The results of rows normalised as one document."""
    return normalise_rows(rows, Patient(), load_catalogue()).results


def test_unambiguous_marks_are_counted_and_thousands_groups_are_not():
    assert decimal_marks(["14,2", "0,700", "3.14159", "1.300", "12.05.2024", "5.070"]) == (2, 1)


def test_a_document_of_decimal_commas_is_told_by_its_rows():
    assert prints_decimal_commas(COMMA_ROWS)
    assert not prints_decimal_commas([row(name="Hemoglobina", value="14,2")])  # one is too few
    english = [row(name="Hemoglobin", value="14.2"), row(name="Glucose", value="5.6")]
    assert not prints_decimal_commas(COMMA_ROWS + english)


def test_dot_groups_are_thousands_in_a_decimal_comma_document():
    platelets = row(name="Plaquetas", value="251.000", unit="/mm3", range="140.000 a 400.000")
    *_, result = read([*COMMA_ROWS, platelets])
    assert result.value == 251000
    assert (result.reference_range.low, result.reference_range.high) == (140000, 400000)
    assert result.reference_range.text == "140.000 a 400.000"  # the text stays as printed
    assert result.value_raw == "251.000"
    assert abs(result.value_canonical - 251) < 1e-6  # 10*9/L
    assert result.flag == "N"


def test_a_range_alone_in_thousands_no_longer_flags_a_plain_count():
    cells = row(name="Leucócitos", value="640", unit="/mL", range="0 a 12.000")
    *_, result = read([*COMMA_ROWS, cells])
    assert result.reference_range.high == 12000
    assert result.flag == "N"


def test_the_decimal_reading_stays_where_thousands_are_implausible():
    density = row(name="Densidade", value="1.015", range="1.005 a 1.030")
    *_, result = read([*COMMA_ROWS, density])
    assert result.analyte.code == "U_SG"
    assert result.value == 1.015
    assert result.reference_range.high == 1.03


def test_a_document_of_decimal_points_keeps_reading_dots_as_decimals():
    rows = [
        row(name="Hemoglobin", value="14.2", unit="g/dL", range="13.0-17.0"),
        row(name="Creatinine", value="0.92", unit="mg/dL", range="0.60-1.10"),
        row(name="Bilirubin", value="1.100", unit="mg/dL", range="0.300-1.200"),
    ]
    assert read(rows)[-1].value == 1.1


def test_a_count_without_its_unit_follows_its_range_into_thousands():
    count = row(name="Linfócitos", value="2.480", range="1.000 a 3.500")
    *_, result = read([*COMMA_ROWS, count])
    assert result.value == 2480
    assert result.flag == "N"
    assert result.unit is None  # over a hundred: no share in per cent


def test_a_unit_the_analyte_cannot_convert_does_not_keep_the_decimal_reading():
    urine = row(name="Leucócitos", value="18.000", unit="/mL", range="Até 12.000 /mL")
    *_, result = read([*COMMA_ROWS, urine])
    assert result.value == 18000
    assert result.flag == "H"


def test_earlier_results_are_read_in_thousands_as_the_current_one_is():
    platelets = row(name="Plaquetas", value="251.000", unit="/mm3", range="140.000 a 400.000")
    platelets.add(Role.PREVIOUS, [Word("238.000", 460, 100, 490, 110, 1)])
    *_, result = read([*COMMA_ROWS, platelets])
    assert [h.value for h in result.history] == [238000]
    assert result.previous_value_raw == "238.000"
