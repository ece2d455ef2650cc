"""Identifiers told by the lines around them: values under labels, repeated bare numbers."""

import pytest

from checkup2action.deid.formlines import (
    code_lines,
    repeated_numbers,
    towns_below_streets,
    values_below_labels,
)


def found(lines):
    """``(line index, kind, text)`` of what ``values_below_labels`` finds."""
    return [(i, item.kind, item.text) for i, item in values_below_labels(lines)]


def test_a_row_of_labels_pairs_with_the_row_of_values_under_it():
    lines = ["Patient Name  Age  Sex", "Jane Roe  45  F"]
    assert found(lines) == [(1, "name", "Jane Roe")]


def test_rows_of_unequal_length_pair_only_their_first_fields():
    lines = ["Data di nascita  Età  Sesso  Cliente", "01/02/1970  54  F"]
    assert found(lines) == [(1, "birth_date", "01/02/1970")]


@pytest.mark.parametrize(
    "values",
    [
        "22/000111  01/01/2024  11-000222  02/01/2024",
        "22/000111  01/01/2024 11-000222  02/01/2024 15:39:37",  # a narrow gap: paired by words
    ],
)
def test_numbered_labels_under_a_header_row_keep_their_numbers(values):
    lines = ["Richiesta n°  Del  Referto n°  Data referto", values]
    assert [(k, t) for _, k, t in found(lines)] == [
        ("record_number", "22/000111"),
        ("record_number", "11-000222"),
    ]


def test_a_label_ending_a_line_takes_the_next_line_as_its_value():
    lines = ["# Prélèvement effectué par :", "DUPONT MARIE", "GLUCOSE  5,4  mmol/L"]
    assert found(lines) == [(1, "name", "DUPONT MARIE")]


def test_results_under_headers_and_colons_are_left_alone():
    assert found(["Test  Result  Unit", "Glucose  5.4  mmol/L"]) == []
    assert found(["Name  Result  Unit", "Glucose  5.4  mmol/L"]) == []  # Name needs its colon
    assert found(["Patient:", "Glucose  5.4  mmol/L"]) == []  # no name on a line with digits
    assert found(["Sample ID  Sex", "Age  Sex"]) == []  # a second row of labels is no value


def test_a_long_number_alone_on_two_lines_is_a_record_number():
    lines = ["3175779", "Glucose 5.4", "3175779", "4500000"]
    assert [(i, item.text) for i, item in repeated_numbers(lines)] == [
        (0, "3175779"),
        (2, "3175779"),
    ]


def test_a_postcode_and_town_ending_the_line_under_a_street_are_its_address():
    lines = [
        "12 Rue de la Paix",
        "DUPONT JEAN  75002 PARIS",
        "12 Main Street",
        "WBC 11000 Cells/cumm",
    ]
    assert [(i, item.text) for i, item in towns_below_streets(lines)] == [(1, "75002 PARIS")]


def test_words_are_not_paired_when_a_label_is_a_name():
    lines = ["Patient Name  Age  Sex  Ward", "Jane Roe  45  F"]
    assert found(lines) == [(1, "name", "Jane Roe")]


def test_a_kazakh_address_label_over_its_address():
    lines = [
        "Тұрғылықты мекенжайы (Адрес пациента):",
        "ОБЛ.ЗНАЧ.: Город , УЛИЦА: Примерная , ДОМ: 12",
    ]
    assert found(lines) == [(1, "address", lines[1])]


def test_a_line_opening_with_a_long_mixed_code_is_a_record_number():
    lines = ["Consultant Pathologist", "41XI24ABCDEF ROE", "HBA1C", "SARSCOV2IGG  Negative"]
    assert [(i, item.text) for i, item in code_lines(lines)] == [(1, "41XI24ABCDEF ROE")]


def test_codes_with_few_digits_or_a_result_after_them_are_not_record_numbers():
    lines = ["25OHVITD3", "COVID19 IGG", "ABCD12EFGH3  4.5 mg/dL", "1234567890"]
    assert code_lines(lines) == []


def test_a_code_before_a_result_word_in_small_letters_is_no_record_number():
    assert code_lines(["ABCD12EFGH3 Negative"]) == []
