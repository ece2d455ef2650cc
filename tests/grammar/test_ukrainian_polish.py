"""Ukrainian and Polish: analyte names, result and range words, header words (made-up rows)."""

from __future__ import annotations

import pytest

from checkup2action.grammar.catalogue import load_catalogue
from checkup2action.grammar.ranges import parse_range
from checkup2action.grammar.units import normalize_unit
from checkup2action.grammar.values import parse_value
from checkup2action.tables.roles import Role, role_of_header


@pytest.mark.parametrize(
    ("name", "unit", "code"),
    [
        ("Лейкоцити", "10^9/л", "WBC"),
        ("Гемоглобін", "г/л", "HGB"),
        ("Середній об'єм еритроцита", "фл", "MCV"),
        ("Тромбоцити", "10^9/л", "PLT"),
        ("Нейтрофіли", "%", "NEUT_PCT"),
        ("ШОЕ", "мм/год", "ESR"),
        ("Креатинін", "мкмоль/л", "CREA"),
        ("Білірубін загальний", "мкмоль/л", "TBIL"),
        ("Холестерин ЛПНЩ", "ммоль/л", "LDL_C"),
        ("Тиреотропний гормон (ТТГ)", "мМО/л", "TSH"),
        ("С-реактивний білок", "мг/л", "CRP"),
        ("Глікований гемоглобін", "%", "HBA1C"),
        ("Krwinki białe (WBC)", "tys/µl", "WBC"),
        ("Płytki krwi", "tys/µl", "PLT"),
        ("Limfocyty", "%", "LYMPH_PCT"),
        ("Odczyn Biernackiego", "mm/h", "ESR"),
        ("Kreatynina", "mg/dl", "CREA"),
        ("Bilirubina całkowita", "mg/dl", "TBIL"),
        ("Cholesterol całkowity", "mg/dl", "TC"),
        ("Fosfataza zasadowa", "U/l", "ALP"),
        ("Hemoglobina glikowana", "%", "HBA1C"),
        ("Witamina D (25-OH)", "ng/ml", "VITD25"),
    ],
)
def test_names(name: str, unit: str, code: str) -> None:
    hit = load_catalogue().match(name, unit=unit)
    assert hit is not None and hit.code == code


@pytest.mark.parametrize(
    ("text", "word"),
    [("негативний", "negative"), ("не виявлено", "negative"), ("виявлено", "positive"),
     ("ujemny", "negative"), ("nie wykryto", "negative"), ("dodatni", "positive")],
)  # fmt: skip
def test_result_words(text: str, word: str) -> None:
    assert parse_value(text).value_text == word


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [("від 3,5 до 5,1", 3.5, 5.1), ("od 3,5 do 5,1", 3.5, 5.1), ("менше 5", None, 5.0),
     ("powyżej 40", 40.0, None)],
)  # fmt: skip
def test_range_words(text: str, low: float | None, high: float | None) -> None:
    r = parse_range(text)
    assert r is not None and (r.low, r.high) == (low, high)


@pytest.mark.parametrize(
    ("text", "role"),
    [("Показник", Role.NAME), ("Результат", Role.VALUE), ("Одиниці виміру", Role.UNIT),
     ("Референтні значення", Role.RANGE), ("Badanie", Role.NAME), ("Wynik", Role.VALUE),
     ("Jednostka", Role.UNIT), ("Zakres referencyjny", Role.RANGE)],
)  # fmt: skip
def test_header_words(text: str, role: Role) -> None:
    assert role_of_header(text) == role


@pytest.mark.parametrize(
    ("raw", "ucum"),
    [("мм/год", "mm/h"), ("тис/мкл", "10*3/uL"), ("Од/л", "U/L"), ("мМО/л", "m[IU]/L"),
     ("мкМО/мл", "u[IU]/mL"), ("tys/µl", "10*3/uL"), ("mln/µl", "10*6/uL"), ("mm/godz", "mm/h")],
)  # fmt: skip
def test_units(raw: str, ucum: str) -> None:
    assert normalize_unit(raw) == ucum
