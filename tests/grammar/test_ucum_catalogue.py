"""Every unit code the project writes is valid UCUM, checked by an independent UCUM parser.

``ucumvert`` (a dev dependency) parses case-sensitive UCUM with a grammar generated from the
official ``ucum-essence.xml``, offline. Checked: the catalogue's canonical and alternative units,
every canonical code of ``units.yaml`` (what ``normalize_unit`` returns, powers of ten included),
the units the converter's IU -> U rule makes, and the vitals' units.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

import checkup2action
from checkup2action.datafiles import load_yaml
from checkup2action.grammar.catalogue import load_catalogue
from checkup2action.grammar.units import enzyme_activity, normalize_unit

PACKAGE = Path(checkup2action.__file__).parent
UNITS_PATH = PACKAGE / "grammar" / "data" / "units.yaml"
VITALS_PATH = PACKAGE / "normalize" / "data" / "vitals.yaml"

ucumvert = pytest.importorskip("ucumvert")


@lru_cache(maxsize=1)
def _parser() -> Any:
    """The UCUM parser, built once (lark grammar from ucum-essence.xml)."""
    return ucumvert.get_ucum_parser()


def is_ucum(code: str) -> bool:
    """True when the whole string parses as a case-sensitive UCUM expression."""
    try:
        _parser().parse(code)
    except Exception:  # lark's UnexpectedInput family: not UCUM
        return False
    return True


@pytest.mark.parametrize(
    "code", ["mm[Hg]", "mmol/L", "10*9/L", "mL/min/{1.73_m2}", "/[HPF]", "mg/(24.h)", "Cel"]
)
def test_the_validator_accepts_ucum(code: str) -> None:
    assert is_ucum(code)


@pytest.mark.parametrize("code", ["mmHg", "mEq/L", "MMOL/L", "IU/L", "bpm", "x10E9/L"])
def test_the_validator_refuses_what_is_not_ucum(code: str) -> None:
    """A strict validator: printed spellings are not codes (UCUM is case-sensitive)."""
    assert not is_ucum(code)


def test_catalogue_units_are_ucum() -> None:
    bad = [
        (a.code, u)
        for a in load_catalogue()
        for u in (a.unit, *a.alt_units)
        if u is not None and not is_ucum(u)
    ]
    assert bad == []


def test_units_yaml_codes_are_ucum() -> None:
    data = load_yaml(UNITS_PATH)
    codes = [*data["units"], *data["case_sensitive"].values()]
    codes += [f"10*9/{den}" for den in data["power_of_ten"]["denominators"].values()]
    assert [c for c in codes if not is_ucum(str(c))] == []


@pytest.mark.parametrize("printed", ["mmHg", "mm Hg", "10^9/L", "x10E3/uL", "mEq/L", "IU/L"])
def test_normalized_spellings_are_ucum(printed: str) -> None:
    code = normalize_unit(printed)
    assert code is not None and is_ucum(code)


def test_enzyme_units_made_from_iu_are_ucum() -> None:
    made = {
        enzyme_activity(u, a.unit)
        for a in load_catalogue()
        if a.unit
        for u in ("[IU]/L", "[IU]/mL", "k[IU]/L", "m[IU]/mL")
    }
    assert [u for u in made if not is_ucum(u)] == []


def test_vitals_units_are_ucum() -> None:
    vitals = load_yaml(VITALS_PATH)["vitals"]
    assert {name: v["unit"] for name, v in vitals.items() if not is_ucum(v["unit"])} == {}


def test_blood_pressure_is_mm_hg_in_brackets() -> None:
    """UCUM's millimetre of mercury is mm[Hg]; the plain mmHg is no code."""
    assert normalize_unit("mmHg") == "mm[Hg]"
    pressures = ("SBP", "DBP", "MAP", "PULSE_PRESSURE")
    assert {load_catalogue().by_code(c).unit for c in pressures} == {"mm[Hg]"}
