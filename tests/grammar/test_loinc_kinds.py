"""LOINC codes follow the kind of a result's unit: a mass and a substance concentration of one
analyte are two LOINC codes (glucose mg/dL 2345-7, mmol/L 14749-6)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checkup2action.errors import CatalogueError
from checkup2action.grammar.analyte import loinc_is_valid
from checkup2action.grammar.catalogue import load_catalogue
from checkup2action.grammar.units import concentration_kind

#: (code, mass LOINC, molar LOINC) the catalogue must give.
PAIRS = [
    ("GLU", "2345-7", "14749-6"), ("FPG", "1558-6", "14771-0"), ("CREA", "2160-0", "14682-9"),
    ("U_CREA", "2161-8", "14683-7"), ("TC", "2093-3", "14647-2"), ("HDL_C", "2085-9", "14646-4"),
    ("LDL_C", "18262-6", "69419-0"), ("LDL_C_CALC", "13457-7", "39469-2"),
    ("TG", "2571-8", "14927-8"), ("UREA", "3091-6", "22664-7"), ("BUN", "3094-0", "14937-7"),
    ("UA", "3084-1", "14933-6"), ("TBIL", "1975-2", "14631-6"), ("DBIL", "1968-7", "14629-0"),
    ("IBIL", "1971-1", "14630-8"), ("CA", "17861-6", "2000-8"), ("HGB", "718-7", "59260-0"),
    ("NON_HDL_C", "43396-1", "70204-3"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("unit", "kind"),
    [("mg/dL", "mass"), ("g/L", "mass"), ("ug/dL", "mass"), ("mmol/L", "molar"),
     ("umol/L", "molar"), ("meq/L", "molar"), ("%", None), ("U/L", None), ("mmol/mol", None),
     ("mg/(24.h)", None), ("10*9/L", None), (None, None), ("not a unit", None)],
)  # fmt: skip
def test_concentration_kind(unit: str | None, kind: str | None) -> None:
    assert concentration_kind(unit) == kind


@pytest.mark.parametrize(("code", "mass", "molar"), PAIRS)
def test_loinc_follows_the_unit_kind(code: str, mass: str, molar: str) -> None:
    analyte = load_catalogue().by_code(code)
    assert analyte.loinc_for("mg/dL") == mass
    assert analyte.loinc_for("mmol/L") == molar
    assert analyte.ref("umol/L").loinc == molar and analyte.ref("g/L").loinc == mass
    assert analyte.loinc_for(None) == analyte.loinc  # unit unknown: the catalogue's own code


def test_every_kind_code_is_valid_and_has_a_unit_of_its_kind() -> None:
    for a in load_catalogue():
        kinds = dict(a.loinc_by_kind)
        assert all(loinc_is_valid(c) for c in kinds.values()), a.code
        assert not kinds or a.loinc in kinds.values(), a.code
        units = {concentration_kind(u) for u in (a.unit, *a.alt_units)}
        assert set(kinds) <= units, a.code


def test_an_analyte_printed_in_mass_and_molar_units_has_both_codes() -> None:
    """Where the catalogue converts mass <-> molar, LOINC splits the two for these analytes."""
    assert {code for code, _, _ in PAIRS} <= {a.code for a in load_catalogue() if a.loinc_by_kind}


def test_other_analytes_keep_one_code() -> None:
    wbc = load_catalogue().by_code("WBC")
    assert wbc.loinc_for("10*9/L") == wbc.loinc_for("mg/dL") == "6690-2"


def test_egfr_has_its_loinc_code() -> None:
    """eGFR (creatinine-based, CKD-EPI 2021): 98979-8."""
    assert load_catalogue().by_code("EGFR").loinc == "98979-8"


ENTRY = """
- code: GLU
  loinc: 2345-7
  loinc_by_kind: {KINDS}
  name_en: Glucose
  name_zh: 葡萄糖
  name_zh_hant: 葡萄糖
  abbreviations: []
  aliases: []
  category: glucose
  kind: quantitative
  unit: mmol/L
  alt_units: [mg/dL]
  molar_mass: 180.16
  ref_low: null
  ref_high: null
  plausible_low: null
  plausible_high: null
"""


@pytest.mark.parametrize(
    ("kinds", "message"),
    [("{mass: 2345-7, molar: 14749-5}", "bad LOINC"),
     ("{mass: 2345-7, volume: 14749-6}", "invalid loinc_by_kind"),
     ("{mass: 2093-3, molar: 14749-6}", "loinc must be one of"),
     ("{}", "invalid loinc_by_kind")],
)  # fmt: skip
def test_bad_loinc_by_kind_is_refused(tmp_path: Path, kinds: str, message: str) -> None:
    path = tmp_path / "analytes.yaml"
    path.write_text(ENTRY.replace("{KINDS}", kinds), encoding="utf-8")
    with pytest.raises(CatalogueError, match=message):
        load_catalogue(path)


def test_a_kind_without_a_unit_of_that_kind_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "analytes.yaml"
    text = ENTRY.replace("{KINDS}", "{mass: 2345-7, molar: 14749-6}").replace("[mg/dL]", "[]")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogueError, match="no mass unit"):
        load_catalogue(path)
