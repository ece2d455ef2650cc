"""Names printed without a label in a patient block (fake identities only)."""

import pytest

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


def test_a_plain_name_before_a_birth_date_on_its_own_line_is_a_name():
    assert _names(["Jane Moreira Doe  DN: 04/09/2017 (2 Anos)  SEXO: Masculino"]) == [
        (0, "Jane Moreira Doe")
    ]
    assert _names(["Doe, Jane (id #4711, dob: 09/04/2017)"]) == [(0, "Doe, Jane")]


def test_a_capitals_name_before_a_patient_field_on_its_own_line_is_a_name():
    line = "JANE MOREIRA DA COSTA  DN: 04/09/2017 (7 ANOS)  SEXO: FEMININO"
    assert _names([line]) == [(0, "JANE MOREIRA DA COSTA")]
    assert _names(["HEMOGLOBINA GLICADA  Idade: 45"]) == []  # a test's name
    assert _names(["JANE MOREIRA DA COSTA", "Convênio: PARTICULAR"]) == []  # no patient field


def test_a_staff_list_of_initials_and_surnames_is_names():
    line = "L. DUPONT  J-C MOREAU  B. PETIT  J. DURAND"
    assert [n for _, n in _names([line])] == ["L. DUPONT", "J-C MOREAU", "B. PETIT", "J. DURAND"]
    assert _names(["C. K. Sharma"]) == [(0, "C. K. Sharma")]
    assert _names(["Anil S. Verma"]) == [(0, "Anil S. Verma")]
    assert _names(["Lalhar  M. KHAN LONE  DTM&H (Eng)."]) == [(0, "M. KHAN LONE")]
    assert _names(["des Laboratoires d'Analyses  G. GARNIER  S. LEFEVRE"]) == [
        (0, "G. GARNIER"),
        (0, "S. LEFEVRE"),
    ]


def test_a_name_label_that_lost_its_colon_before_a_wide_gap():
    assert _names(["Name  JANE DOE  Age  45 Yrs"]) == [(0, "JANE DOE")]
    assert _names(["Nome  MARIA DA COSTA  Idade: 40"]) == [(0, "MARIA DA COSTA")]
    assert _names(["Name  Jane Doe"]) == [(0, "Jane Doe")]
    for line in ("Name  Value  Unit", "Name  Glucose Fasting", "Test Name  Result  Units"):
        assert _names([line]) == []
    assert _names(["Name  JANE DOE  Lab No  12"]) == []  # no patient field after it


def test_titled_names_and_name_labels_count_for_a_line_of_initialled_names():
    line = "Dr. JOHN ROE  Powered by : example.com  R.K.DOE"
    assert _names([line]) == [(0, "R.K.DOE")]  # the titled name is found by its title
    assert _names(["Name  S.JANE DOE  AM"]) == [(0, "S.JANE DOE")]  # its colon lost
    assert _names(["Powered by : example.com  Support  R.K.DOE"]) == []


def test_organisms_and_lettered_headings_are_not_staff_names():
    lines = ["E. COLI", "S. Typhi O  1:80", "B. LIPID PROFILE", "K. PNEUMONIAE", "A. Glucose  5.4"]
    assert _names(lines) == []
    assert _names(["Hemoglobin  13.5 g/dL  13.0-17.0", "I. HEMOGRAM"]) == []


def test_a_slavic_full_name_is_told_by_its_patronymic():
    assert _names(["ИВАНОВ ПЁТР СЕРГЕЕВИЧ  050314500437"]) == [(0, "ИВАНОВ ПЁТР СЕРГЕЕВИЧ")]
    assert _names(["Петрова Анна Ивановна"]) == [(0, "Петрова Анна Ивановна")]
    assert _names(["ОБЩИЙ АНАЛИЗ КРОВИ"]) == []


def test_a_capitals_surname_with_a_capitalised_given_name_before_its_fields():
    assert _names(["DOE, Jane (id #4711, dob: 01/02/2010)"]) == [(0, "DOE, Jane")]


@pytest.mark.parametrize(
    ("lines", "names"),
    [
        (["ROUTINE  SAMPLE Erika  Zuweisung vom: 14.10.09", "geb.: 01.02.1971 (W)"],
         [(0, "SAMPLE Erika")]),
        (["DUPONT-MOREAU Marie Anne  Né le: 01/02/1971"], [(0, "DUPONT-MOREAU Marie Anne")]),
        (["HDL Cholesterol  45 mg/dL", "DOB: 01/02/1971"], []),  # a test's name
        (["SAMPLE Erika  Station 4"], []),  # no patient field beside it
    ],
)  # fmt: skip
def test_a_capitals_surname_before_given_names_beside_patient_fields(lines, names):
    assert _names(lines) == names


def test_a_name_mangled_by_a_wrong_decoding_keeps_its_printed_characters():
    assert _names(["DOE, JANÃ‰ (id #4711, dob: 01/02/2010)"]) == [(0, "DOE, JANÃ‰")]


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("王小明  病案号：123456789  标本", ["王小明"]),
        ("王小明  性别：男  年龄：45岁", ["王小明"]),  # a patient field's label
        ("李冰核对者：张三", ["李冰"]),  # glued to the next signer's label
        ("白细胞  病案号：1", []),  # a test's name begins with a surname too
        ("方法  病案号：12", []),
        ("科室：内科  病案号：12", []),  # no surname
        ("受检者姓名：张三", []),  # a label before a label
        ("王小明病理  病案号：1", []),  # more than three characters: a word
    ],
)
def test_a_bare_chinese_name_before_another_field_s_label(line, names):
    assert [name for _, name in _names([line])] == names


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Claire DUBOIS", ["Claire DUBOIS"]),
        ("  Anne-Marie LEROY  ", ["Anne-Marie LEROY"]),
        ("Bilan LIPIDIQUE", []),  # a word of the catalogue or the section vocabulary
        ("Claire DUBOIS  Biologiste", []),  # not alone on its line (a signer: its own rule)
    ],
)
def test_a_given_name_and_capitals_surname_alone_on_a_line(line, names):
    found = [n.text for _, n in unlabelled_names([line]) if n.rule == "given_surname"]
    assert found == names


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Patient Care Summary for Jane Doe", ["Jane Doe"]),
        ("Test Results for Glucose Tolerance", []),  # a test, not a person
        ("Report for Jane Doe 01/02/2020", []),  # a line with figures is no title
    ],
)
def test_the_name_a_title_says_the_document_is_for(line, names):
    assert [n.text for _, n in unlabelled_names([line]) if n.rule == "addressee"] == names
