"""Allergen-specific IgE tests: told by ImmunoCAP code or name, with the test's words or panel."""

from __future__ import annotations

import pytest

from checkup2action.errors import CatalogueError
from checkup2action.grammar.allergens import AllergenIndex, parse_allergens
from checkup2action.grammar.analyte import loinc_is_valid
from checkup2action.grammar.catalogue import load_catalogue
from checkup2action.grammar.units import normalize_unit


def code_of(name: str, panel: str | None = None) -> str | None:
    """The catalogue code a printed name gets."""
    hit = load_catalogue().match(name, panel=panel)
    return hit.code if hit is not None else None


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("PEANUT (F13) IGE", "SIGE_F13"),  # name, code in brackets, the test's word
        ("WHEAT (F 4) IGE", "SIGE_F4"),  # the code split by OCR
        ("f2 Milk", "SIGE_F2"),  # code and name agree: no IgE word needed
        ("Egg white sIgE", "SIGE_F1"),
        ("Dermatophagoides pteronyssinus (d1) IgE", "SIGE_D1"),
        ("Erdnuss (f13)", "SIGE_F13"),
        ("花生特异性IgE", "SIGE_F13"),
        ("IgE Específico (F245)", "SIGE_F245"),
        ("Katzenschuppen IgE", "SIGE_E1"),
        ("Macska hámantigén IgE", "SIGE_E1"),
        ("Nyírfa pollen IgE", "SIGE_T3"),
    ],
)
def test_an_allergen_is_told_by_its_code_or_its_name(name: str, code: str) -> None:
    assert code_of(name) == code


def test_a_bare_allergen_name_is_a_test_only_under_an_allergy_panel() -> None:
    assert code_of("Milk") is None
    assert code_of("Milk", panel="Food Allergy Panel") == "SIGE_F2"
    assert code_of("屋尘螨", panel="过敏原检测") == "SIGE_D1"


def test_a_code_and_a_name_that_disagree_name_nothing() -> None:
    assert code_of("Peanut (f14) IgE") is None
    assert code_of("Mogyoró pollen IgE") is None  # hazel pollen (t4), not the nut (f17)


def test_other_tests_keep_their_own_analytes() -> None:
    assert code_of("Total IgE") == "IGE"
    assert code_of("IgE") == "IGE"
    assert code_of("T3", panel="Allergy panel") == "T3"  # ImmunoCAP t3 is birch pollen
    assert code_of("Vitamin D2") is None  # no IgE word, no allergy panel: not d2


def test_allergen_tests_carry_loinc_unit_and_category() -> None:
    peanut = load_catalogue().by_code("SIGE_F13")
    assert (peanut.loinc, peanut.unit, peanut.category) == ("6206-7", "kU/L", "allergy")
    assert peanut.name_en == "Peanut IgE"
    coded = [a.loinc for a in load_catalogue() if a.code.startswith("SIGE_") and a.loinc]
    assert len(coded) >= 60 and all(loinc_is_valid(c) for c in coded)
    assert len(set(coded)) == len(coded)


def test_allergen_units_read_as_kilo_units_per_litre() -> None:
    assert normalize_unit("kUA/L") == normalize_unit("KUA/L") == "kU/L"


def test_an_allergen_name_given_to_two_allergens_is_a_catalogue_error() -> None:
    data = {
        "languages": ["en", "es"],
        "allergens": [
            {"code": "f92", "loinc": None, "en": ["Banana"], "es": ["Plátano"]},
            {"code": "t11", "loinc": None, "en": ["London plane"], "es": ["Platano"]},
        ],
    }
    with pytest.raises(CatalogueError, match="Platano"):
        AllergenIndex(parse_allergens(data))


@pytest.mark.parametrize(
    "entry",
    [
        {"code": "peanut", "loinc": None, "en": ["Peanut"]},  # not an ImmunoCAP code
        {"code": "f13", "loinc": None, "zh": ["花生"]},  # no English name
        {"code": "f13", "loinc": None, "en": ["Peanut"], "xx": ["?"]},  # unlisted language
    ],
)
def test_a_bad_allergen_entry_is_a_catalogue_error(entry: dict) -> None:
    with pytest.raises(CatalogueError):
        parse_allergens({"languages": ["en", "zh"], "allergens": [entry]})
