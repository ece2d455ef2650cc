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
        ("Lab No.  : 452617938  Age  : 30 Years", "Lab No.  : [RECORD_NUMBER]  Age  : 30 Years"),
        ("身份证号：11010519491231002X", "身份证号：[ID_NUMBER]"),
        ("电话：139 1234 5678", "电话：[PHONE]"),
        ("Tel: (555) 123-4567  email: jane.doe@example.com", "Tel: [PHONE]  email: [EMAIL]"),
        ("CNIC: 35202-1234567-1", "CNIC: [ID_NUMBER]"),
        ("DOB: 05/03/1980  Sex: F", "DOB: [BIRTH_DATE]  Sex: F"),
        ("Médico Solicitante:  Rita Moura", "Médico Solicitante:  [NAME]"),
        ("张小明先生  健康体检报告", "[NAME]先生  健康体检报告"),
        ("Dr.JANE DOE MD", "[NAME]"),
        ("Nombres: PEREZ SOTO ANA  Edad : 77", "Nombres: [NAME]  Edad : 77"),
        ("Rut/Fic: 1234567-8 / 0", "Rut/Fic: [ID_NUMBER] / 0"),
        ("Фамилия И.О.: ИВАНОВ ИВАН  ИИН: 050314500437", "Фамилия И.О.: [NAME]  ИИН: [ID_NUMBER]"),
        ("Дата рождения: 14.03.2005", "Дата рождения: [BIRTH_DATE]"),
        # a line OCR spaced word by word: the gaps after the title part the name's words
        ("DOCTEUR  DUPONT  JEAN  MONSIEUR  MARTIN  PAUL", "[NAME]  [NAME]"),
        ("PATIENT  MR. KAMAL  SILVA  Age: 45", "PATIENT  [NAME]  Age: 45"),
        ("LAB/PAT/23-24/47  Report Released on", "[RECORD_NUMBER]  Report Released on"),
        ("Dr. Smith  Glucose  5.4", "[NAME]  Glucose  5.4"),  # over gaps only in capitals
        ("REFERENCE 110000-26 du 24/08/11", "REFERENCE [RECORD_NUMBER] du 24/08/11"),
        ("Kossuth Lajos u.12.", "[ADDRESS]."),
        ("Rua Nova 89, São Paulo, SP 04567-890, BR", "[ADDRESS]"),
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
        "HIV/HBV/HCV  Non reactive",
        "Reference 150000 - 450000",
        "Platelets 150000-450000 /cumm",
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
    assert _kinds("*LAB/PAT/23-24/57*") == [("record_number", "LAB/PAT/23-24/57")]
    assert _kinds("医院检验报告单  No. 20180514MZC813") == [("record_number", "20180514MZC813")]
    assert _kinds("7112.0035.4187 / CIP 7881392046") == [
        ("record_number", "7112.0035.4187"), ("record_number", "7881392046"),
    ]  # fmt: skip
    assert _kinds("Platelets 250.000.000 /L") == []  # thousands separators: a count
    assert _kinds("Assinado Digitalmente  001234567890123P0120250101080000123") == [
        ("record_number", "001234567890123P0120250101080000123")
    ]  # a signature's code, long
    assert _kinds("2024-01-02 08:09:10  20240102-080910-7AB1") == [
        ("record_number", "20240102-080910-7AB1")
    ]  # a sample number of date, time and suffix; the date itself is none
    assert _kinds("Lote 2023-05-20-11") == []
    # the name and the registration after it are removed as one
    assert _kinds("Liberado por: Ana Lima CRBM-SP 34726") == [("name", "Ana Lima CRBM-SP 34726")]


def test_registrations_licences_and_spaced_barcodes():
    assert _kinds("* L A B / P A T / 2 3 - 2 4 / 9 1 *") == [
        ("record_number", "L A B / P A T / 2 3 - 2 4 / 9 1")
    ]
    # a council registration is taken whole, council and state included
    assert ("record_number", "DMC – 82417") in _kinds("DMC – 82417")  # India's medical councils
    assert ("record_number", "MCI-12345") in _kinds("Reg: MCI-12345")
    assert ("record_number", "DMC DMC - - 24680") in _kinds("DMC DMC - - 24680 24680")  # twice
    assert ("record_number", "DMC DMC NO.13579") in _kinds("DMC DMC NO.13579 NO.13579")
    assert ("record_number", "MCl-11223") in _kinds("MCl-11223")  # OCR's l for I
    assert ("record_number", "CRF:12345/SP") in _kinds("Responsável Técnico: CRF:12345/SP")
    assert ("record_number", "CRBIO-SP061259/02-D") in _kinds("AnaVieiraCRBIO-SP061259/02-D")
    assert ("record_number", "CRBM GO 12345") in _kinds("Biomédica CRBM GO 12345")  # state apart
    assert ("record_number", "CRBio: 64510/01D") in _kinds("CRBio: 64510/01D")
    assert ("record_number", "CREMESP 123456") in _kinds("Médica Responsável CREMESP 123456")
    assert ("record_number", "CREM 10234") in _kinds("Dra. Ana Lima - CREM 10234")
    # Brazil's other councils, glued to their number as a text layer may print them (made up)
    assert ("record_number", "CRQ04512345") in _kinds("Ana Lima - CRQ04512345 (01/02/2026)")
    assert ("record_number", "CRO-SP 12345") in _kinds("Dentista CRO-SP 12345")
    assert ("record_number", "CRMV 4321") in _kinds("CRMV 4321")
    assert _kinds("CRP 12.50 mg/L") == []  # C-reactive protein, not a council
    assert _kinds("Nº do conselho: 123456") == [("record_number", "123456")]
    assert _kinds("Lab Technician: Ravi Mehta") == [("name", "Ravi Mehta")]
    assert ("record_number", "3672418") in _kinds("CED. FED. ESPECIALISTA 3672418")
    assert ("record_number", "110902-317") in _kinds("COMPTE RENDU D'ANALYSE N : 110902-317")
    for result in ("MCHC 33.5 g/dL", "MCV – 89 fL", "N 24.1 %", "PMC 12"):
        assert _kinds(result) == []  # results and short numbers are not registrations


def test_a_registrations_number_is_removed_where_it_stands_alone():
    from checkup2action.deid.scrub import Scrubber, document_identifiers

    scrub = Scrubber(document_identifiers(["DMC DMC - - 24680 24680"]))
    assert scrub.text("DMC DMC - - 24680 24680") == "[RECORD_NUMBER] [IDENTIFIER]"
    assert scrub.text("stamp 24680") == "stamp [IDENTIFIER]"
    assert scrub.text("Platelets 246800") == "Platelets 246800"


def test_street_addresses_by_house_number_and_street_type():
    assert _kinds("4417 MAPLE RD, SPRINGFIELD, KY, 40999  Body Shapes") == [
        ("address", "4417 MAPLE RD, SPRINGFIELD, KY, 40999")
    ]
    assert _kinds("31 BD  D'EUROPE  *") == [("address", "31 BD  D'EUROPE")]
    assert _kinds("Ratio  4 Way") == []  # a number and a street type alone are not enough
    assert _kinds("12 Oak Court, Lakeside, CA 92040 UHID: 318")[0] == (
        "address", "12 Oak Court, Lakeside, CA 92040",
    )  # fmt: skip


def test_an_email_ocr_spaced_at_its_at_sign():
    assert _kinds("E-mail: ybwfo_enp21 @mail.example.net") == [
        ("email", "ybwfo_enp21 @mail.example.net")
    ]


def test_names_with_titles_initials_codes_and_lists():
    assert _kinds("DOCTEUR  DUPONT JEAN  98100") == [("name", "DOCTEUR  DUPONT JEAN")]
    assert _kinds("Orvos: Dr. Tóth Réka (O71294)") == [("name", "Dr. Tóth Réka (O71294)")]
    assert _kinds("操作者：钱雨晴、李强") == [("name", "钱雨晴"), ("name", "李强")]
    assert _kinds("申请医生：1521-周立新") == [("name", "1521-周立新")]
    assert _kinds("02.09.2023 17:37  Петренко Н. Н.") == [("name", "Петренко Н. Н.")]
    assert _kinds("H. pylori Ag  negative") == []  # one initial: a species, not a person
    assert _kinds("Patient: William WalkerDOB: 08/29/1946")[0] == ("name", "William Walker")


def test_labels_are_whole_words_in_any_script():
    assert _kinds("Mintavétel:  2023.03.31. 09:39") == []  # no ``tel`` label inside
    assert _kinds("Szül. idő:  1997.04.03.") == [("birth_date", "1997.04.03")]


def test_codes_of_capitals_and_five_digits_are_record_numbers():
    assert _kinds("JT180400217  Order No") == [("record_number", "JT180400217")]
    assert _kinds("AKH2378154 / AHH2110487") == [
        ("record_number", "AKH2378154"), ("record_number", "AHH2110487"),
    ]  # fmt: skip
    assert _kinds("(E00916") == [("record_number", "E00916")]
    for text in ("25000IU", ">100000CFU/ml", "HBA1C 5.6", "CYP2C19", "HLA-B5801", "ISO15189:2012"):
        assert _kinds(text) == [], text


def test_labels_of_more_languages_and_separators():
    assert _kinds("Prontuário:  1587264  Atendimento:  021 - 0488123  Nasc:  04/09/2017") == [
        ("record_number", "1587264"),
        ("record_number", "021 - 0488123"),
        ("birth_date", "04/09/2017"),
    ]
    assert _kinds("Número de Acesso: 38294516/17") == [("record_number", "38294516/17")]
    assert _kinds("Doe, Jane (id #4711, dob: 09/04/2017)")[:2] == [
        ("record_number", "4711"), ("birth_date", "09/04/2017"),
    ]  # fmt: skip
    assert _kinds("Report Saved By - RAVI KUMAR RAO  08:25 AM)") == [("name", "RAVI KUMAR RAO")]
    assert _kinds("Episode  : IP  :118364 / IS417  1") == [("record_number", "118364 / IS417")]
    assert _kinds("Napi sorszám:  152 / 2023.04.12.") == [("record_number", "152 / 2023.04.12")]
    assert _kinds("Születési ideje:  1997.04.03.") == [("birth_date", "1997.04.03")]
    assert _kinds("TAJ száma:  118097300") == [("id_number", "118097300")]
    assert _kinds("используя логин 1020483917 и пароль 781925") == [
        ("record_number", "1020483917"), ("record_number", "781925"),
    ]  # fmt: skip
    assert _kinds("Solicitante:  Dr(a).: ANA PAULA LIMA") == [("name", "Dr(a).: ANA PAULA LIMA")]


def test_vietnamese_and_indian_hospital_field_labels():
    assert _kinds("Họ và tên  : NGUYEN VAN AN  Giới tính: Nam  Tuổi: 40") == [
        ("name", "NGUYEN VAN AN")
    ]
    assert _kinds("Địa chỉ  : 12 Phố Hàng Bông  Mã bệnh nhân  : 42013") == [
        ("address", "12 Phố Hàng Bông"), ("record_number", "42013"),
    ]  # fmt: skip
    assert _kinds("Số điện thoại: 0912 345 678") == [("phone", "0912 345 678")]
    assert _kinds("UH ID  : 80123  OP/IP  : 230111/0") == [
        ("record_number", "80123"), ("record_number", "230111/0"),
    ]  # fmt: skip


def test_a_list_of_staff_with_registry_codes():
    assert _kinds("Validáló: Kis Anna (EESZT: VDKISA), Nagy Eva (EESZT: KBNAGY)") == [
        ("name", "Kis Anna (EESZT: VDKISA)"), ("name", "Nagy Eva (EESZT: KBNAGY)"),
    ]  # fmt: skip


def test_streets_named_before_their_house_number_and_more_phone_forms():
    assert _kinds("Contato:  Rua das Flores 89, Campinas") == [
        ("address", "Rua das Flores 89, Campinas")  # the town after a comma is the address's too
    ]
    assert _kinds("Hauptstraße 12, 1010 Wien") == [("address", "Hauptstraße 12")]
    assert _kinds("Calcium  2.5 mmol/L  2.1-2.6") == []
    assert _kinds("(11) 2151-5555") == [("phone", "(11) 2151-5555")]
    assert _kinds("+43 (0)1 12345-67890") == [("phone", "+43 (0)1 12345-67890")]


def test_a_phone_number_keeps_its_extension():
    assert _kinds("Tel: +1-555-010-0199;ext=013 Fax") == [("phone", "+1-555-010-0199;ext=013")]
    assert _kinds("(555) 123-4567 x 204") == [("phone", "(555) 123-4567 x 204")]
    assert _kinds("电话：0571-88880000转8021") == [("phone", "0571-88880000转8021")]
    assert _kinds("555-123-4567 x10^9/L") == [("phone", "555-123-4567")]  # a unit, no extension


def test_the_label_start_filter_changes_no_match():
    """The lookahead that skips places where no label can begin finds what the bare pattern does
    (the labels' pattern and the pattern of labels that end a value)."""
    import re

    from checkup2action.deid import identifiers
    from checkup2action.deid.keydata import key_data, keys_of

    data = key_data()
    keys = [k for kind in identifiers.KINDS for k in keys_of(data[kind])]
    compiled = identifiers._keys()
    for pattern, its_keys in ((compiled.labels, keys), (compiled.stops, keys + data["stop_keys"])):
        start = identifiers._label_start(its_keys)
        assert pattern.pattern.startswith(start)
        bare = re.compile(pattern.pattern[len(start) :], re.IGNORECASE)
        lines = [
            f"{pre}{key.upper() if n % 2 else key}: Jane Roe 12345"
            for n, key in enumerate(its_keys)
            for pre in ("", "xx ", "x", "1 ", "（")
        ]
        for line in lines:
            found = [(m.span(), m.lastgroup) for m in pattern.finditer(line)]
            assert found == [(m.span(), m.lastgroup) for m in bare.finditer(line)], line
        assert not pattern.search("Haemoglobin 13.5 g/dL")


@pytest.mark.parametrize(
    ("line", "code"),
    [("送检医生： X947  临床诊断：感冒", "X947"), ("Ordered by: D20417", "D20417")],
)
def test_a_staff_code_where_a_name_label_s_name_would_be(line, code):
    found = find_identifiers(line)
    assert [(i.kind, i.text) for i in found] == [("record_number", code)]


def test_a_name_label_before_a_measurement_finds_nothing():
    assert find_identifiers("Name: 12.5 g/dL") == []


def test_a_sample_type_between_a_number_label_and_its_number():
    assert [i.text for i in find_identifiers("样本编号：常规 95")] == ["95"]


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Patient: Jane Sample  Report Date: 01-Jan-2020", ["Jane Sample"]),
        ("DR. PAUL WARD", ["DR. PAUL WARD"]),
        ("Name: Jane Doe Sample", ["Jane Doe Sample"]),
        ("Name: Jane Doe Sex M Age 40", ["Jane Doe"]),  # a label with its value after it
        ("Name: Jane Doe  Ward: 5", ["Jane Doe"]),  # a label with its colon
        ("Name: John Doe Age", ["John Doe"]),  # a patient field's label is one even alone
        ("姓名：张三 标本", ["张三"]),  # so is a Chinese label
    ],
)
def test_a_label_without_colon_or_value_is_a_word_of_the_name(line, names):
    assert [i.text for i in find_identifiers(line) if i.kind == "name"] == names


def test_a_biochemist_s_title_before_a_name():
    assert _kinds("BQ. ANA TORRES") == [("name", "BQ. ANA TORRES")]
    assert _kinds("5 Bq 12") == []  # becquerels


def test_a_name_mangled_by_a_wrong_decoding_is_found_whole():
    found = find_identifiers("Dear Jane GonÃ§alves,  Date: 01/02/2020")
    assert [(i.kind, i.text) for i in found][:1] == [("name", "Jane GonÃ§alves")]


@pytest.mark.parametrize(
    ("line", "numbers"),
    [
        ("№  110", ["110"]),
        ("Направление № 12345 от 01.02.2020", ["12345"]),
        ("№ п/п  Показатель  Результат", []),
    ],
)
def test_the_numero_sign_alone_is_a_number_label(line, numbers):
    assert [i.text for i in find_identifiers(line)] == numbers


def test_a_label_where_a_shape_starts_gives_no_empty_identifier():
    found = find_identifiers("Тегі А.Ә. (Фамилия И.О.):  ИВАНОВ ПЕТР")
    assert all(item.text for item in found)
    assert [item.text for item in found if item.kind == "name"] == ["ИВАНОВ ПЕТР"]


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("COMPTERENDU D'ANALYSEN: 123456-789", "123456-789"),  # OCR glued the words and the N
        ("COMPTE RENDU D'ANALYSES N° 987654-321", "987654-321"),
        ("N° de dossier : 55-1234", "55-1234"),
        ("IPP: 4455667", "4455667"),
    ],
)
def test_french_report_and_file_numbers(line: str, number: str) -> None:
    found = [line[i.start : i.end] for i in find_identifiers(line) if i.kind == "record_number"]
    assert found == [number]


def test_a_french_report_heading_without_a_number_is_no_identifier() -> None:
    assert find_identifiers("Compte rendu d'analyse normal") == []


def test_a_number_in_spaced_groups_that_fills_its_field_is_found_whole() -> None:
    # made-up number: groups of digits and the day it was issued, then the next field
    found = find_identifiers("REFERENCE No.  12 3456 01/02/23  SAMPLE DATE  01/02/2023")
    assert [(i.kind, i.text) for i in found] == [("record_number", "12 3456 01/02/23")]
    # one group stays what the number pattern reads
    found = find_identifiers("Lab No.  : 123456789  Age  : 40 Years")
    assert [i.text for i in found] == ["123456789"]
