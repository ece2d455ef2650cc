"""Sex, age and examination date from the report's header lines (no names, no IDs)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from checkup2action.dates import parse_date
from checkup2action.grammar.ranges import sex_code
from checkup2action.report.models import Patient

#: A sex field's label and value in the languages of ``grammar.ranges``' sex words (``Sexo:
#: Feminino``, ``Geschlecht: weiblich``, ``Пол: жен``).
SEX = re.compile(
    r"(?:性别|性別|sex|gender|sexo|sexe|sesso|geschlecht|пол|стать|płeć|neme)\s*[:：]?\s*"
    r"(男|女|male|female|m|f|masculino|feminino|femenino|masculin|féminin|maschile|femminile|"
    r"männlich|weiblich|мужской|женский|муж|жен|чоловіча|жіноча|férfi|nő)(?!\w)|"
    r"(?:age\s*/\s*sex|age\s*/\s*gender)\s*[:：]?\s*\d{1,3}\s*\w*\s*/\s*(male|female|m|f)\b",
    re.IGNORECASE,
)
AGE = re.compile(
    r"(?:年龄|年齡|\bage\b(?:\s*/\s*(?:sex|gender))?(?:\s*\([^)]{0,10}\))?)\s*[:：]?\s*(\d{1,3}(?:\.\d)?)\s*"
    r"(岁|歲|周岁|y|yr|yrs|years?|years old)?",
    re.IGNORECASE,
)
# An app's unlabelled patient line: `张**  男  45岁`, `Emily W***  Female  45 yrs`.
SEX_AGE = re.compile(
    r"(?:(男|女)|\b(male|female))\s*[|,，·/]?\s*(\d{1,3})\s*(?:岁|歲|y|yrs?|years?)(?![A-Za-z])",
    re.IGNORECASE,
)
DATE_KEYS = (
    r"体检日期|體檢日期|检查日期|檢查日期|采样时间|采样日期|採樣日期|採檢日期|采集时间|送检日期|送檢日期|"
    r"检验日期|檢驗日期|报到日期|報到日期|登记日期|登記日期|就诊日期|就診日期|检查时间|檢查時間|"
    r"报告日期|報告日期|报告时间|接收时间|collected|collection date|date collected|"
    r"sample date|exam date|date of exam|examination date|visit date|report date|reported|date"
)
DATE_AFTER_KEY = re.compile(
    rf"(?:{DATE_KEYS})\s*[:：]?\s*((?:民[國国]\s*)?[0-9A-Za-z][0-9A-Za-z./\-年月日, ]{{5,16}})",
    re.IGNORECASE,
)
DOB = re.compile(
    r"(?:\bdob\b|date of birth|出生日期|出生年月)\s*[:：]?\s*([0-9A-Za-z][0-9A-Za-z./\-年月日, ]{5,16})",
    re.IGNORECASE,
)


def _sex(text: str) -> str | None:
    """'M' or 'F' from a sex field."""
    m = SEX.search(text)
    if not m:
        return None
    return sex_code(m.group(1) or m.group(2))


def _age(text: str) -> float | None:
    """Age in years from an age field (months/days are not handled as years)."""
    for m in AGE.finditer(text):
        tail = text[m.end() : m.end() + 3].lower()
        if tail.startswith(("月", "天", "mo", "d")):
            continue
        age = float(m.group(1))
        if 0 <= age <= 130:
            return age
    return None


def _age_from_dob(text: str, exam: date | None, day_first: bool | None = None) -> float | None:
    """Age in whole years from a date of birth and the exam date."""
    m = DOB.search(text)
    born = parse_date(m.group(1), day_first=day_first) if m else None
    if born is None or exam is None:
        return None
    years = exam.year - born.year - ((exam.month, exam.day) < (born.month, born.day))
    return float(years) if 0 <= years <= 130 else None


def _sex_age_pair(
    texts: list[str], sex: str | None, age: float | None
) -> tuple[str | None, float | None]:
    """Fill sex and age missing from labelled fields from an unlabelled ``男  45岁`` pair."""
    m = next((m for t in texts if (m := SEX_AGE.search(t))), None)
    if m is None:
        return sex, age
    found = "M" if (m.group(1) or m.group(2)).lower() in ("男", "male") else "F"
    return sex or found, age if age is not None else float(m.group(3))


def patient_from_lines(lines: Iterable[str], *, day_first: bool | None = None) -> Patient:
    """Read sex, age and exam date from header text lines; first hit wins. ``day_first``: how
    the document writes numeric dates (``dates.day_first_order``)."""
    sex: str | None = None
    age: float | None = None
    exam: date | None = None
    texts = list(lines)
    for text in texts:
        sex = sex or _sex(text)
        age = age if age is not None else _age(text)
        if exam is None and (m := DATE_AFTER_KEY.search(text)):
            exam = parse_date(m.group(1), day_first=day_first)
    if age is None:
        age = next((a for t in texts if (a := _age_from_dob(t, exam, day_first)) is not None), None)
    if sex is None or age is None:
        sex, age = _sex_age_pair(texts, sex, age)
    return Patient(sex=sex, age=age, exam_date=exam)  # type: ignore[arg-type]


SPECIMEN = re.compile(
    r"(?:标本种类|标本类型|标本|样本类型|样本种类|样本|檢體|检体|標本|specimen(?:\s+type)?|sample\s+type)"
    r"\s*[:：]\s*([^\s:：]{1,12})",
    re.IGNORECASE,
)


def specimen_from_lines(lines: Iterable[str]) -> str | None:
    """The specimen a header names (``标本种类：尿液``, ``Sample Type : Urine``), if any."""
    for text in lines:
        m = SPECIMEN.search(text)
        if m:
            return m.group(1)
    return None
