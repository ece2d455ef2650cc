"""Sex, age and exam date are read from header lines in many spellings; no names are kept."""

from datetime import date

import pytest

from checkup2action.dates import day_first_order
from checkup2action.normalize.demographics import parse_date, patient_from_lines


@pytest.mark.parametrize(
    ("lines", "sex", "age", "exam"),
    [
        (["姓名：王小明 性别：男 年龄：45岁 体检日期：2025-03-12"], "M", 45, date(2025, 3, 12)),
        (["姓名：陳雅婷  性別：女  年齡：30歲  報到日期：2023-03-22"], "F", 30, date(2023, 3, 22)),
        (
            ["Patient: Jane Doe  DOB: 1980-04-02  Sex: F  Age: 44 Y  Collected: 03/12/2025"],
            "F",
            44,
            date(2025, 3, 12),
        ),
        (
            ["Age/Gender  : 36 Y / Male  Collected  : 12/Apr/2023 08:12 AM"],
            "M",
            36,
            date(2023, 4, 12),
        ),
        (
            [
                "Page 1 of 2",
                "Age(y/m/d): 055/11/27",
                "Gender: F",
                "Date collected: 01/28/2025 0732",
            ],
            "F",
            55,
            date(2025, 1, 28),
        ),
        (
            [
                "Patient: Keller, Maria  Date of birth:  11.06.1943",
                "Sex: female",
                "Sample collected: 28.10.2024",
            ],
            "F",
            81,
            date(2024, 10, 28),
        ),
        (["DOB: Apr 2, 1980  Collected: Mar 12, 2025"], None, 44, date(2025, 3, 12)),
        (["采样时间：2023-03-21 12:33"], None, None, date(2023, 3, 21)),
        (["no header here"], None, None, None),
    ],
)
def test_patient_from_lines(lines, sex, age, exam):
    patient = patient_from_lines(lines)
    assert (patient.sex, patient.age, patient.exam_date) == (sex, age, exam)


@pytest.mark.parametrize(
    ("lines", "sex", "age"),
    [
        (["张**  男  45岁", "采样时间：2024-03-05 08:30"], "M", 45),
        (["吳*怡女 50歲"], "F", 50),
        (["Emily W***  Female  45 yrs"], "F", 45),
        (["姓名：王小明 性别：女", "张**  男  45岁"], "F", 45),  # a labelled field wins
        (["男 130-175 女 115-150"], None, None),  # a sex-specific range is no patient line
    ],
)
def test_unlabelled_app_patient_line(lines, sex, age):
    patient = patient_from_lines(lines)
    assert (patient.sex, patient.age) == (sex, age)


def test_page_number_is_not_an_age():
    assert patient_from_lines(["Page 1 of 3"]).age is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-03-12", date(2025, 3, 12)),
        ("2025年3月12日", date(2025, 3, 12)),
        ("12.03.2025", date(2025, 3, 12)),
        ("03/12/2025", date(2025, 3, 12)),
        ("25/12/2025", date(2025, 12, 25)),
        ("12-Apr-2023", date(2023, 4, 12)),
        ("113/03/05", date(2024, 3, 5)),  # Taiwan's Minguo years
        ("民國113年3月5日", date(2024, 3, 5)),
        ("民国99年12月31日", date(2010, 12, 31)),
        ("2025-02-30", None),
        ("nothing", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_a_minguo_exam_date_after_its_label() -> None:
    assert patient_from_lines(["檢查日期：民國113年3月5日"]).exam_date == date(2024, 3, 5)
    assert patient_from_lines(["採檢日期: 113/03/05"]).exam_date == date(2024, 3, 5)


@pytest.mark.parametrize(
    ("lines", "day_first"),
    [
        (["Collected: 25/03/2024", "Reported: 26/03/2024"], True),  # a day over 12 comes first
        (["Collected: 03/25/2024"], False),  # ... or second
        (["Collected: 05/03/2024", "Apollo Diagnostics, Pune, India"], True),  # the place tells
        (["Collected: 05/03/2024", "CLIA 12D3456789  Springfield, IL 62704"], False),
        (["Fecha: 05/03/2024"], True),  # so does the language
        (["Collected: 05/03/2024"], None),  # nothing tells: month first, as before
        (["25/03/2024", "03/25/2024"], None),  # the dates contradict each other
    ],
)
def test_the_document_says_which_way_its_dates_are_written(lines, day_first):
    assert day_first_order(lines) is day_first


def test_an_exam_date_is_read_the_documents_way():
    lines = ["Sample Collected: 05/03/2024  Reported: 25/03/2024"]
    order = day_first_order(lines)
    assert patient_from_lines(lines, day_first=order).exam_date == date(2024, 3, 5)
    assert patient_from_lines(lines).exam_date == date(2024, 5, 3)  # without evidence: m/d/y
    assert parse_date("05/13/2024", day_first=True) == date(2024, 5, 13)  # no 13th month


@pytest.mark.parametrize(
    ("line", "sex"),
    [("Sexo: Feminino", "F"), ("Sexo: MASCULINO", "M"), ("Sexe : F", "F"),
     ("Geschlecht: männlich", "M"), ("Пол: жен.", "F"), ("Sesso: femminile", "F"),
     ("Sexo: Mulher", None)],
)  # fmt: skip
def test_a_sex_field_in_other_languages(line: str, sex: str | None) -> None:
    """A sex field's own words, not only ``男``/``Male``/``F``; a range's sex word is no field
    value (``Mulher`` opens a woman's range, not a patient's sex)."""
    assert patient_from_lines([line]).sex == sex
