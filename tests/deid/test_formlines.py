"""Identifiers told by the lines around them: values under labels, repeated bare numbers, the
wrapped rest of a name or a phone number (fake identities only)."""

import pytest

from checkup2action.deid.formlines import (
    code_lines,
    repeated_numbers,
    towns_below_streets,
    values_below_labels,
    wrapped_names,
    wrapped_phones,
)
from checkup2action.deid.identifiers import find_identifiers
from checkup2action.deid.scrub import document_identifiers


def found(lines):
    """``(line index, kind, text)`` of what ``values_below_labels`` finds."""
    return [(i, item.kind, item.text) for i, item in values_below_labels(lines)]


def test_a_row_of_labels_pairs_with_the_row_of_values_under_it():
    lines = ["Patient Name  Age  Sex", "Jane Roe  45  F"]
    assert found(lines) == [(1, "name", "Jane Roe")]


def test_rows_of_unequal_length_pair_only_their_first_fields():
    lines = ["Data di nascita  Età  Sesso  Cliente", "01/02/1971  54  F"]
    assert found(lines) == [(1, "birth_date", "01/02/1971")]


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


def _wrapped(lines: list[str]) -> list[str]:
    """Texts of the wrapped rests of names in ``lines`` (as the report finds them)."""
    found = [find_identifiers(text) for text in lines]
    return [item.text for _, item in wrapped_names(lines, found)]


@pytest.mark.parametrize(
    "lines, rest",
    [
        (["Фамилия И.О.:  ИВАНОВ ПЕТР  ИИН: 060101500123", "ИВАНОВИЧ"], "ИВАНОВИЧ"),
        (["Solicitante:  Dr(a).: LIVIA ROSA SOUZA  Data:  25/04/2025", "  DUARTE"], "DUARTE"),
        (["Patient Name:  JANE ROSE", "SAMPLE-DOE"], "SAMPLE-DOE"),
    ],
)
def test_the_rest_of_a_name_in_capitals_wrapped_onto_the_next_line_is_a_name(lines, rest):
    assert _wrapped(lines) == [rest]


@pytest.mark.parametrize(
    "lines",
    [
        ["Patient Name:  JANE ROSE", "HAEMATOLOGY"],  # a heading
        ["Patient Name:  JANE ROSE", "FEMALE"],  # a sex
        ["Patient Name:  JANE ROSE", "SODIUM 140"],  # a result
        ["Patient Name:  JANE ROSE", "SAMPLE DOE TWO"],  # three words: not a wrapped rest
        ["Patient Name:  Jane Rose", "SAMPLE"],  # the name is not in capitals
        ["Patient Name:  JANE ROSE", "Sample"],
        ["Patient Name:  JANE ROSE", "AN"],  # two letters: a code or a word
        ["Patient Name:  JANE ROSE", "", "SAMPLE"],  # not the next line
        ["Hemoglobin  13.5  g/dL", "SAMPLE"],  # no name above
    ],
)
def test_other_lines_under_a_name_are_no_part_of_it(lines):
    assert _wrapped(lines) == []


def test_the_report_finds_the_wrapped_rest_and_keeps_the_whole_name():
    lines = ["Patient Name:  JANE ROSE  MRN: 00123456", "SAMPLE"]
    found = document_identifiers(lines)
    assert [(i.kind, i.text) for i in found] == [
        ("name", "JANE ROSE"), ("record_number", "00123456"), ("name", "SAMPLE"),
    ]  # fmt: skip
    assert found[-1].whole == "JANE ROSE SAMPLE"


def test_a_rest_another_rule_found_is_not_found_twice():
    found = document_identifiers(["Patient Name:  JANE ROSE", "SAMPLE"])  # a row of labels
    assert [(i.text, i.rule) for i in found] == [
        ("JANE ROSE", "label:Patient Name"), ("SAMPLE", "below:label_row"),
    ]  # fmt: skip


def test_a_phone_number_cut_at_a_line_end_is_found_in_both_parts():
    lines = ["Contact: Ph. tel:+1-555-", "0100199;ext=12", "Fax 555-123-", "4567 more"]
    found = [(i, item.text, item.whole) for i, item in wrapped_phones(lines)]
    assert found == [
        (0, "+1-555-", "+1-555-0100199;ext=12"),
        (1, "0100199;ext=12", "+1-555-0100199;ext=12"),
        (2, "555-123-", "555-123-4567"),
        (3, "4567", "555-123-4567"),
    ]
    found = [(i, item.text) for i, item in wrapped_phones(["Tel. +55 11 2151-", "5555 ramal 5"])]
    assert found == [(0, "+55 11 2151-"), (1, "5555 ramal 5")]  # any extension a phone may have


def test_a_range_cut_at_a_line_end_is_no_phone():
    assert wrapped_phones(["Hemoglobin 13.5 g/dL 12-", "16 normal"]) == []
    assert wrapped_phones(["Ref. 100-", "200 mg/dL"]) == []
