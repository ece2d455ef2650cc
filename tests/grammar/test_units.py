"""normalize_unit spellings and the UCUM-subset converter."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checkup2action.grammar.units import (
    _parse_ucum,
    _tables,
    convert,
    enzyme_activity,
    normalize_unit,
)

SPELLINGS = [
    ("10^9/L", "10*9/L"), ("×10⁹/L", "10*9/L"), ("x10^9/L", "10*9/L"), ("X10^9/L", "10*9/L"),
    ("10*9/L", "10*9/L"), ("10E9/L", "10*9/L"), ("10~9/L", "10*9/L"), ("G/L", "10*9/L"),
    ("109/L", "10*9/L"), ("10^9个/L", "10*9/L"), ("× 10^9 / L", "10*9/L"), ("g/L", "g/L"),
    ("mill/cmm", "10*6/uL"), ("lac/cmm", "10*5/uL"), ("K/cmm", "10*3/uL"),
    ("10^12/L", "10*12/L"), ("T/L", "10*12/L"), ("×10¹²/L", "10*12/L"),
    ("10E3/uL", "10*3/uL"), ("x10^3/ul", "10*3/uL"), ("10^3/µL", "10*3/uL"), ("K/uL", "10*3/uL"),
    ("K/µL", "10*3/uL"), ("thou/cumm", "10*3/uL"), ("1000/uL", "10*3/uL"),
    ("/cumm", "/uL"), ("cells/cumm", "/uL"), ("/mm3", "/uL"), ("/mm³", "/uL"), ("/uL", "/uL"),
    ("个/μL", "/uL"), ("Mil/cumm", "10*6/uL"), ("million/cumm", "10*6/uL"),
    ("10^6/uL", "10*6/uL"), ("M/uL", "10*6/uL"), ("lakhs/cumm", "10*5/uL"),
    ("g/l", "g/L"), ("g/dl", "g/dL"), ("gm/dL", "g/dL"), ("gm%", "g/dL"), ("mg/dl", "mg/dL"),
    ("mg%", "mg/dL"), ("mg/L", "mg/L"), ("mmol/l", "mmol/L"), ("mmol/L", "mmol/L"),
    ("umol/L", "umol/L"), ("μmol/L", "umol/L"), ("µmol/L", "umol/L"), ("nmol/l", "nmol/L"),
    ("pmol/L", "pmol/L"), ("U/L", "U/L"), ("IU/L", "[IU]/L"), ("u/l", "U/L"),
    ("mIU/L", "m[IU]/L"), ("uIU/mL", "u[IU]/mL"), ("µIU/ml", "u[IU]/mL"), ("μIU/mL", "u[IU]/mL"),
    ("mIU/mL", "m[IU]/mL"), ("ng/ml", "ng/mL"), ("pg/ml", "pg/mL"), ("ug/L", "ug/L"),
    ("μg/L", "ug/L"), ("mcg/L", "ug/L"), ("microUI/mL", "u[IU]/mL"), ("micromol/L", "umol/L"), ("ng/dL", "ng/dL"), ("ug/dL", "ug/dL"), ("ng/L", "ng/L"),
    ("fl", "fL"), ("fL", "fL"), ("f L", "fL"), ("pg", "pg"), ("%", "%"), ("％", "%"),
    ("mm/h", "mm/h"), ("mm/hr", "mm/h"), ("mm/1h", "mm/h"), ("mm/1st hr", "mm/h"),
    ("sec", "s"), ("s", "s"), ("秒", "s"), ("INR", "{ratio}"), ("ratio", "{ratio}"),
    ("mL/min/1.73m²", "mL/min/{1.73_m2}"), ("ml/min/1.73m2", "mL/min/{1.73_m2}"),
    ("/HPF", "/[HPF]"), ("/hpf", "/[HPF]"), ("个/HP", "/[HPF]"), ("个/HPF", "/[HPF]"),
    ("/LPF", "/[LPF]"), ("g/24h", "g/(24.h)"), ("mg/24h", "mg/(24.h)"), ("mmol/mol", "mmol/mol"),
    ("kg/m²", "kg/m2"), ("mmHg", "mm[Hg]"), ("COI", "{COI}"), ("S/CO", "{s_co_ratio}"),
    ("mOsm/kg", "mosm/kg"), ("U/mL", "U/mL"), ("KU/L", "kU/L"), ("kIU/L", "k[IU]/L"),
    ("IU/mL", "[IU]/mL"), ("titer", "{titer}"), ("pH", "[pH]"), ("mg/g", "mg/g"),
    ("（mmol/L）", "mmol/L"), ("ＭＭＯＬ／Ｌ", "mmol/L"), (" mmol / L ", "mmol/L"),
    ("% of total Hgb", "%"), ("mcg/mg creat", "ug/mg"), ("mg/g creat", "mg/g"),
    ("/látótér", "/[HPF]"), ("/campo", "/[HPF]"), ("x campo", "/[HPF]"), ("/champ", "/[HPF]"),
    ("kUA/L", "kU/L"), ("milhões/mm3", "10*6/uL"), ("Milhões/µL", "10*6/uL"),
    ("millions/mm³", "10*6/uL"),
    # Indian labs' older spellings
    ("Cubic Microns", "fL"), ("cu micron", "fL"), ("Micro-micro gm", "pg"), ("gms%", "g/dL"),
]  # fmt: skip


@pytest.mark.parametrize(("raw", "code"), SPELLINGS)
def test_normalize_unit(raw: str, code: str) -> None:
    assert normalize_unit(raw) == code


@pytest.mark.parametrize("raw", [None, "", "   ", "foo", "10^9", "mmol/", "x" * 500])
def test_normalize_unit_unrecognised(raw: str | None) -> None:
    assert normalize_unit(raw) is None


def test_every_canonical_code_is_parseable_and_maps_to_itself() -> None:
    _, lower, _ = _tables()
    for code in set(lower.values()):
        assert _parse_ucum(code) is not None, code
        assert normalize_unit(code) == code


CONVERSIONS = [
    (6500, "/uL", "10*9/L", None, 6.5), (4.5, "10*6/uL", "10*12/L", None, 4.5),
    (7.2, "10*3/uL", "10*9/L", None, 7.2), (2.5, "10*5/uL", "10*9/L", None, 250),
    (100, "mg/dL", "mmol/L", 180.16, 5.55), (1.0, "mg/dL", "umol/L", 113.12, 88.4),
    (14, "g/dL", "g/L", None, 140), (5, "u[IU]/mL", "m[IU]/L", None, 5),
    (5, "m[IU]/mL", "[IU]/L", None, 5), (200, "mg/dL", "mmol/L", 386.65, 5.17),
    (88.4, "umol/L", "mg/dL", 113.12, 1.0), (50, "%", "1", None, 0.5),
    (1, "mg/(24.h)", "g/(24.h)", None, 0.001), (1, "mg/mmol", "mg/g", 113.12, 8.84),
    (1, "kU/L", "U/L", None, 1000), (3, "k[IU]/L", "[IU]/mL", None, 3),
    (90, "mL/min/{1.73_m2}", "mL/min/{1.73_m2}", None, 90), (1, "ng/mL", "ug/L", None, 1),
    (5.3, "kPa", "mm[Hg]", None, 39.75), (40, "mm[Hg]", "kPa", None, 5.333),
]  # fmt: skip


@pytest.mark.parametrize(("value", "src", "dst", "mm", "expected"), CONVERSIONS)
def test_convert(value: float, src: str, dst: str, mm: float | None, expected: float) -> None:
    assert convert(value, src, dst, molar_mass=mm) == pytest.approx(expected, rel=2e-3)


@pytest.mark.parametrize(
    ("src", "dst", "mm"),
    [
        ("/[HPF]", "/uL", None), ("{COI}", "1", None), ("{COI}", "{s_co_ratio}", None),
        ("mg/dL", "mmol/L", None), ("mmol/mol", "%", None), ("mmol/mol", "%", 100.0),
        ("U/L", "[IU]/L", None), ("[pH]", "1", None), ("g/L", "s", None), ("nonsense", "g/L", None),
        ("g/L", "mg/dL(", None), ("mg/dL", "mmol/L", -1.0), ("mm/h", "s", None),
    ],
)  # fmt: skip
def test_convert_refuses(src: str, dst: str, mm: float | None) -> None:
    assert convert(1.0, src, dst, molar_mass=mm) is None


def test_convert_identity_and_non_finite() -> None:
    assert convert(3.0, "/[HPF]", "/[HPF]") == 3.0
    assert convert(float("nan"), "g/L", "g/dL") is None
    assert convert(float("inf"), "g/L", "g/dL") is None


CODES = ["10*9/L", "/uL", "10*3/uL", "g/L", "g/dL", "mg/dL", "ug/dL", "ng/mL", "mg/L", "ug/L"]
MOLAR = ["mmol/L", "umol/L", "nmol/L", "pmol/L"]


@given(
    value=st.floats(min_value=1e-6, max_value=1e6),
    pair=st.sampled_from(
        [(a, b) for a in CODES for b in CODES if (a in CODES[:3]) == (b in CODES[:3])]
    ),
)
def test_convert_round_trip(value: float, pair: tuple[str, str]) -> None:
    there = convert(value, pair[0], pair[1])
    assert there is not None
    assert convert(there, pair[1], pair[0]) == pytest.approx(value, rel=1e-9)


@given(
    value=st.floats(min_value=1e-6, max_value=1e6),
    mass=st.sampled_from(CODES[3:]),
    molar=st.sampled_from(MOLAR),
    molar_mass=st.floats(min_value=1.0, max_value=1e6),
)
def test_convert_molar_round_trip(value: float, mass: str, molar: str, molar_mass: float) -> None:
    there = convert(value, mass, molar, molar_mass=molar_mass)
    assert there is not None
    back = convert(there, molar, mass, molar_mass=molar_mass)
    assert back == pytest.approx(value, rel=1e-9)


@given(st.text(max_size=30))
def test_normalize_unit_never_raises(text: str) -> None:
    result = normalize_unit(text)
    assert result is None or isinstance(result, str)


@given(st.text(max_size=20), st.text(max_size=20))
def test_convert_never_raises(src: str, dst: str) -> None:
    convert(1.0, src, dst, molar_mass=100.0)


def test_international_units_as_romance_languages_print_them() -> None:
    assert normalize_unit("UI/L") == "[IU]/L" and normalize_unit("mUI/mL") == "m[IU]/mL"
    assert normalize_unit("µUI/mL") == "u[IU]/mL"


def test_height_and_weight_units_of_a_general_examination() -> None:
    assert (
        normalize_unit("cm") == "cm"
        and normalize_unit("Kg") == "kg"
        and normalize_unit("公斤") == "kg"
    )
    assert convert(1.775, "m", "cm") == 177.5 and normalize_unit("mS/cm") == "mS/cm"


def test_equivalents_convert_to_moles_by_the_ions_valence() -> None:
    assert convert(140, "meq/L", "mmol/L", valence=1) == 140.0  # sodium
    assert convert(5, "meq/L", "mmol/L", valence=2) == 2.5  # calcium: two charges per ion
    assert convert(2.5, "mmol/L", "meq/L", valence=2) == 5.0
    assert convert(5, "meq/L", "mg/dL", valence=2, molar_mass=40.078) == pytest.approx(10.0195)
    assert convert(140, "meq/L", "mmol/L") is None  # no valence: no conversion


def test_international_units_of_an_enzyme_are_its_units() -> None:
    assert enzyme_activity("[IU]/L", "U/L") == "U/L"
    assert convert(40, enzyme_activity("[IU]/L", "U/L"), "U/L") == 40.0
    assert enzyme_activity("m[IU]/L", "m[IU]/L") == "m[IU]/L"  # a hormone's IU stay apart
    assert convert(40, "[IU]/L", "U/L") is None  # UCUM alone keeps them apart


def test_a_cyrillic_unit_read_in_latin_lookalikes() -> None:
    """A Russian report read by a Latin OCR model: ``мг/л`` comes out ``mr/n``."""
    assert normalize_unit("mr/n") == "mg/L"
    assert normalize_unit("mME/mn") == "m[IU]/mL"
    assert normalize_unit("c") is None  # a lone letter says too little
    assert normalize_unit("Hb") is None and normalize_unit("mg/dL") == "mg/dL"


def test_cyrillic_l_and_p_taken_for_each_other() -> None:
    """OCR reads ``л`` as ``п`` and ``п`` as ``л``; a Latin ``n`` may be either (made-up
    readings)."""
    assert normalize_unit("нмоль/п") == "nmol/L"  # the litre's л read п
    assert normalize_unit("nr/mn") == "pg/mL"  # пг/мл in Latin letters: one n is п, one л
    assert normalize_unit("нг/мп") == "ng/mL"
    assert normalize_unit("пп") is None and normalize_unit("п") is None
