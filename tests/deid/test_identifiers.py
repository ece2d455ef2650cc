"""Identifier detection on header lines as reports print them (fake identities only)."""

import pytest

from checkup2action.deid.identifiers import (
    cn_id_valid,
    find_identifiers,
    is_identifier_label,
    redact_text,
    tw_id_valid,
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("姓名：张小明 性别：男 年龄：45岁", "姓名：[NAME] 性别：男 年龄：45岁"),
        ("姓  名:王丽  门诊号：0012345", "姓  名:[NAME]  门诊号：[RECORD_NUMBER]"),
        ("送检医师(Doctor): 李建国", "送检医师(Doctor): [NAME]"),
        (
            "Patient Name : Mr. RAHUL SHARMA   Age/Sex : 45 Y / M",
            "Patient Name : [NAME]   Age/Sex : 45 Y / M",
        ),
        (
            "Patient ID: 00123456  Ref. By: Dr. A. Khan",
            "Patient ID: [RECORD_NUMBER]  Ref. By: [NAME]",
        ),
        ("Lab No.  : 439854467  Age  : 30 Years", "Lab No.  : [RECORD_NUMBER]  Age  : 30 Years"),
        ("身份证号：11010519491231002X", "身份证号：[ID_NUMBER]"),
        ("电话：139 1234 5678", "电话：[PHONE]"),
        ("Tel: (555) 123-4567  email: jane.doe@example.com", "Tel: [PHONE]  email: [EMAIL]"),
        ("CNIC: 35202-1234567-1", "CNIC: [ID_NUMBER]"),
        ("DOB: 05/03/1980  Sex: F", "DOB: [BIRTH_DATE]  Sex: F"),
        ("Médico Solicitante:  João Silva", "Médico Solicitante:  [NAME]"),
        ("张小明先生  健康体检报告", "[NAME]先生  健康体检报告"),
        ("Dr.JANE DOE MD", "[NAME]"),
        ("Nombres: PEREZ SOTO ANA  Edad : 77", "Nombres: [NAME]  Edad : 77"),
        ("Rut/Fic: 1234567-8 / 0", "Rut/Fic: [ID_NUMBER] / 0"),
        ("Фамилия И.О.: ИВАНОВ ИВАН  ИИН: 060919500436", "Фамилия И.О.: [NAME]  ИИН: [ID_NUMBER]"),
        ("Дата рождения: 19.09.2006", "Дата рождения: [BIRTH_DATE]"),
    ],
)
def test_redacts_identifiers_in_header_lines(line, expected):
    assert redact_text(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Test Name   Result   Unit   Reference Range",
        "Hemoglobin 13.5 g/dL 13.0-17.0",
        "pH 6.0  Specific Gravity 1.020",
        "白细胞 WBC 5.6 10^9/L 3.5-9.5",
        "Platelet Count 250 x10^3/uL 150-450",
        "LDL Cholesterol 130 mg/dL <100",
        "姓名(Name)：  科  别(Dept)：内科",
        "eGFR 98 mL/min/1.73m2 >60",
    ],
)
def test_leaves_result_lines_alone(line):
    assert find_identifiers(line) == []


def test_check_digits():
    assert cn_id_valid("11010519491231002X")
    assert not cn_id_valid("110105194912310021")
    assert tw_id_valid("A123456789")
    assert not tw_id_valid("A123456788")


def test_an_id_number_without_a_label_needs_a_valid_check_digit():
    assert redact_text("ID 11010519491231002X") == "ID [ID_NUMBER]"
    # a wrong check digit: no resident ID, but ten digits or more are a record number anyway
    assert redact_text("ID 110105194912310021") == "ID [RECORD_NUMBER]"
    assert redact_text("Ref 123456789") == "Ref 123456789"  # nine digits need a colon


def test_identifier_labels():
    assert is_identifier_label("Patient ID")
    assert is_identifier_label("姓名：")
    assert not is_identifier_label("Hemoglobin")
    assert not is_identifier_label("Name")  # a column header without a colon: needs one


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(i.kind, i.text) for i in find_identifiers(text)]


def test_numbers_that_identify_by_shape_alone():
    assert _kinds("*DRP/HEA/23-24/57*") == [("record_number", "DRP/HEA/23-24/57")]
    assert _kinds("医院检验报告单  No. 20171203MYB576") == [("record_number", "20171203MYB576")]
    assert _kinds("6006.0004.3039 / CIP 7665816050") == [
        ("record_number", "6006.0004.3039"), ("record_number", "7665816050"),
    ]  # fmt: skip
    assert _kinds("Platelets 250.000.000 /L") == []  # thousands separators: a count
    assert _kinds("Liberado por: Ana Lima CRBM-SP 31513")[-1] == ("record_number", "31513")


def test_registrations_licences_and_spaced_barcodes():
    assert _kinds("* D R P / H E A / 2 3 - 2 4 / 5 7 *") == [
        ("record_number", "D R P / H E A / 2 3 - 2 4 / 5 7")
    ]
    assert ("record_number", "89936") in _kinds("DMC – 89936")  # India's medical councils
    assert ("record_number", "12345") in _kinds("Reg: MCI-12345")
    assert ("record_number", "12345/SP") in _kinds("Responsável Técnico: CRF:12345/SP")
    assert ("record_number", "083743/01-D") in _kinds("LiberadoporAnaVieiraCRBIO-SP083743/01-D")
    assert ("record_number", "3509306") in _kinds("CED. FED. ESPECIALISTA 3509306")
    assert ("record_number", "110713-548") in _kinds("COMPTE RENDU D'ANALYSE N : 110713-548")
    for result in ("MCHC 33.5 g/dL", "MCV – 89 fL", "N 24.1 %", "PMC 12"):
        assert _kinds(result) == []  # results and short numbers are not registrations


def test_street_addresses_by_house_number_and_street_type():
    assert _kinds("11802 RIDGE RD, LOUISVILLE, KY, 40223  Body Shapes") == [
        ("address", "11802 RIDGE RD, LOUISVILLE, KY, 40223")
    ]
    assert _kinds("29 BD  D'ITALIE  *") == [("address", "29 BD  D'ITALIE")]
    assert _kinds("Ratio  4 Way") == []  # a number and a street type alone are not enough
    assert _kinds("12 Oak Court, Lakeside, CA 92040 UHID: 318")[0] == (
        "address", "12 Oak Court, Lakeside, CA 92040",
    )  # fmt: skip


def test_an_email_ocr_spaced_at_its_at_sign():
    assert _kinds("E-mail: ybwfo_enp21 @mail.example.net") == [
        ("email", "ybwfo_enp21 @mail.example.net")
    ]


def test_names_with_titles_initials_codes_and_lists():
    assert _kinds("DOCTEUR  MARQUET ROLAND  98000") == [("name", "DOCTEUR  MARQUET ROLAND")]
    assert _kinds("Orvos: Dr. Sólya Zsuzsanna (O68436)") == [
        ("name", "Dr. Sólya Zsuzsanna (O68436)")
    ]
    assert _kinds("操作者：孙润慈、张明") == [("name", "孙润慈"), ("name", "张明")]
    assert _kinds("申请医生：1521-吕良敬") == [("name", "1521-吕良敬")]
    assert _kinds("02.09.2023 17:37  Никитенко Н. Н.") == [("name", "Никитенко Н. Н.")]
    assert _kinds("H. pylori Ag  negative") == []  # one initial: a species, not a person
    assert _kinds("Patient: William WalkerDOB: 08/29/1946")[0] == ("name", "William Walker")


def test_labels_are_whole_words_in_any_script():
    assert _kinds("Mintavétel:  2023.03.31. 09:39") == []  # no ``tel`` label inside
    assert _kinds("Szül. idő:  1999.06.08.") == [("birth_date", "1999.06.08")]


def test_codes_of_capitals_and_five_digits_are_record_numbers():
    assert _kinds("JT170900096  Order No") == [("record_number", "JT170900096")]
    assert _kinds("AKH2431933 / AHH2006962") == [
        ("record_number", "AKH2431933"), ("record_number", "AHH2006962"),
    ]  # fmt: skip
    assert _kinds("(E00473") == [("record_number", "E00473")]
    for text in ("25000IU", ">100000CFU/ml", "HBA1C 5.6", "CYP2C19", "HLA-B5801", "ISO15189:2012"):
        assert _kinds(text) == [], text


def test_labels_of_more_languages_and_separators():
    assert _kinds("Prontuário:  1432031  Atendimento:  021 - 0576985  Nasc:  06/11/2018") == [
        ("record_number", "1432031"),
        ("record_number", "021 - 0576985"),
        ("birth_date", "06/11/2018"),
    ]
    assert _kinds("Número de Acesso: 37167897/17") == [("record_number", "37167897/17")]
    assert _kinds("Doe, Jane (id #2028, dob: 11/06/2018)")[:2] == [
        ("record_number", "2028"), ("birth_date", "11/06/2018"),
    ]  # fmt: skip
    assert _kinds("Report Saved By - RAVI KUMAR RAO  08:25 AM)") == [("name", "RAVI KUMAR RAO")]
    assert _kinds("Episode  : IP  :112902 / IS206  1") == [("record_number", "112902 / IS206")]
    assert _kinds("Napi sorszám:  146 / 2023.03.31.") == [("record_number", "146 / 2023.03.31")]
    assert _kinds("Születési ideje:  1999.06.08.") == [("birth_date", "1999.06.08")]
    assert _kinds("TAJ száma:  116086200") == [("id_number", "116086200")]
    assert _kinds("используя логин 1010769586 и пароль 773638") == [
        ("record_number", "1010769586"), ("record_number", "773638"),
    ]  # fmt: skip
    assert _kinds("Solicitante:  Dr(a).: ANA PAULA LIMA") == [("name", "Dr(a).: ANA PAULA LIMA")]


def test_a_list_of_staff_with_registry_codes():
    assert _kinds("Validáló: Kis Anna (EESZT: VDKISA), Nagy Eva (EESZT: KBNAGY)") == [
        ("name", "Kis Anna (EESZT: VDKISA)"), ("name", "Nagy Eva (EESZT: KBNAGY)"),
    ]  # fmt: skip


def test_streets_named_before_their_house_number_and_more_phone_forms():
    assert _kinds("Contato:  Rua das Flores 89, Campinas") == [("address", "Rua das Flores 89")]
    assert _kinds("Hauptstraße 12, 1010 Wien") == [("address", "Hauptstraße 12")]
    assert _kinds("Calcium  2.5 mmol/L  2.1-2.6") == []
    assert _kinds("(11) 2151-5555") == [("phone", "(11) 2151-5555")]
    assert _kinds("+43 (0)1 12345-67890") == [("phone", "+43 (0)1 12345-67890")]
