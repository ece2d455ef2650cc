"""Ratio names made of two analytes' names (grammar/ratios.py, through the catalogue)."""

from __future__ import annotations

import pytest

from checkup2action.errors import CatalogueError
from checkup2action.grammar.analyte import parse_entry
from checkup2action.grammar.catalogue import Catalogue, load_catalogue
from checkup2action.grammar.ratios import ratio_code, ratio_parts


def test_a_ratio_name_splits_into_its_two_names() -> None:
    assert ratio_parts("TC/HDL Ratio") == ("TC", "HDL")
    assert ratio_parts("Ratio BUN : Creatinine") == ("BUN", "Creatinine")
    assert ratio_parts("Na-/K-Quotient") == ("Na", "K")
    assert ratio_parts("尿素氮 / 肌酐比值") == ("尿素氮", "肌酐")
    assert ratio_parts("Glucose") is None
    assert ratio_parts("A/B/C ratio") is None
    assert ratio_parts("/HDL ratio") is None


def test_the_ratio_is_the_one_that_divides_the_two_analytes_in_that_order() -> None:
    ratios = {("X", "Y"): "X_Y"}
    codes = {"ex": "X", "why": "Y"}.get
    assert ratio_code("ex/why ratio", codes, ratios) == "X_Y"
    assert ratio_code("why/ex ratio", codes, ratios) is None
    assert ratio_code("ex/zed ratio", codes, ratios) is None


@pytest.mark.parametrize(
    ("name", "panel", "code"),
    [
        ("TC/HDL Ratio", None, "TC_HDL"),
        ("LDL/HDL cholesterol ratio", None, "LDL_HDL"),
        ("3. 尿素氮 / 肌酐", None, "BUN_CREA"),
        ("SGOT/SGPT Ratio", None, "AST_ALT"),
        ("Free PSA / Total PSA", None, "FPSA_RATIO"),
        ("Albumin/Creatinine", "Urine", "U_ACR"),
        ("Neutrophil/Lymphocyte Ratio", None, "NLR"),
    ],
)
def test_printed_ratio_names_find_their_ratio(name: str, panel: str | None, code: str) -> None:
    hit = load_catalogue().match(name, panel=panel)
    assert hit is not None and hit.code == code


@pytest.mark.parametrize("name", ["HDL/LDL ratio", "Glucose/Urea", "Sodium/Potassium ratio"])
def test_two_analytes_no_ratio_divides_give_no_match(name: str) -> None:
    assert load_catalogue().match(name) is None


def test_two_names_of_one_analyte_still_name_it() -> None:
    hit = load_catalogue().match("PCV/HCT")
    assert hit is not None and hit.code == "HCT"


def _entry(code: str, **extra: object) -> dict[str, object]:
    """A minimal valid catalogue entry (made-up analyte)."""
    base: dict[str, object] = {
        "code": code, "loinc": None, "name_en": f"Test {code}", "name_zh": f"测试{code}",
        "name_zh_hant": f"測試{code}", "abbreviations": [], "aliases": [],
        "category": "chemistry", "kind": "quantitative", "unit": "mg/dL", "alt_units": [],
        "molar_mass": None, "ref_low": None, "ref_high": None, "plausible_low": None,
        "plausible_high": None,
    }  # fmt: skip
    return base | extra


def test_a_ratio_of_an_unknown_code_is_a_catalogue_error() -> None:
    one = parse_entry(_entry("AAA"), 1)
    ratio = parse_entry(_entry("AAA_BBB", unit="{ratio}", ratio_of=["AAA", "BBB"]), 2)
    with pytest.raises(CatalogueError, match="BBB"):
        Catalogue([one, ratio])


def test_ratio_of_takes_two_other_codes() -> None:
    with pytest.raises(CatalogueError, match="ratio_of"):
        parse_entry(_entry("AAA", ratio_of=["AAA", "BBB"]), 1)
    with pytest.raises(CatalogueError, match="ratio_of"):
        parse_entry(_entry("AAA", ratio_of=["BBB"]), 1)
