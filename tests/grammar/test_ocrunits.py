"""Units misread by OCR are read back only when the reading fits the analyte."""

from __future__ import annotations

import pytest

from checkup2action.grammar.catalogue import load_catalogue
from checkup2action.grammar.ocrunits import ocr_variants, read_ocr_unit


def analyte(code):
    return load_catalogue().by_code(code)


@pytest.mark.parametrize(
    ("raw", "code", "expected"),
    [
        ("G/I", "WBC", "10*9/L"),
        ("UVL", "GGT", "U/L"),  # the slash read with its neighbour as V: U/L or UI/L, one unit
        ("UNL", "ALT", "U/L"),
        ("µmoVL", "TBIL", "umol/L"),
        ("T/I", "RBC", "10*12/L"),
        ("U/I", "ALT", "U/L"),
        ("U/", "AST", "U/L"),
        ("g/", "ALB", "g/L"),
        ("pmol/1", "FT4", "pmol/L"),
        ("mg/dI", "CREA", "mg/dL"),
        ("96", "HCT", "%"),
        ("gL", "ALB", "g/L"),  # the slash lost
        ("μmolL", "TBIL", "umol/L"),
        ("UL", "GGT", "U/L"),
        ("iL", "MCV", "fL"),
        ("fcumm", "LYMPH_ABS", "/uL"),
        ("ulU/mL", "TSH", "u[IU]/mL"),  # the I of IU read as l
        ("Pg", "MCH", "pg"),  # pico- read upper case
        ("×10°/L", "NEUT_ABS", "10*9/L"),  # a count's power garbled: the analyte's own power
        ("x10%/L", "PLT", "10*9/L"),
        ("×10^2/L", "RBC", "10*12/L"),
        ("1O^3/uL", "WBC", "10*3/uL"),  # a letter O for the zero of the power
        ("UA", "AST", "U/L"),  # the slash lost and the litre read as A
        ("LL", "HCT", "1"),  # litres per litre with the slash lost
        ("f", "MCV", "fL"),  # the L lost
        ("P9", "MCH", "pg"),  # g read as 9
        ("mmo/L", "NA", "mmol/L"),  # one letter lost
        ("106μL", "RBC", "10*6/uL"),  # the caret and the slash lost
        ("x10°6/μl", "RBC", "10*6/uL"),  # a degree sign for the caret
        ("gl", "WBC", "10*9/L"),  # giga per litre in lower case, its slash lost
        ("g/1", "LYMPH_ABS", "10*9/L"),
        ("g/", "WBC", "10*9/L"),
    ],
)
def test_misread_units_that_fit_the_analyte(raw, code, expected):
    assert read_ocr_unit(raw, analyte(code)) == expected


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("96", "GLU"),  # a percent sign is not a glucose unit
        ("U/", "HGB"),  # U/L is not a haemoglobin unit
        ("xyz", "ALT"),
        ("96", None),  # without an analyte only a litre read as I or 1 is undone
        ("U/", None),
        ("UA", "HGB"),  # U/L is not a haemoglobin unit
        ("UA", None),  # nor is a bare UA read without an analyte
        ("f", "GLU"),
        ("P9", "HGB"),
    ],
)
def test_readings_that_do_not_fit_are_refused(raw, code):
    assert read_ocr_unit(raw, analyte(code) if code else None) is None


def test_variants_keep_the_likeliest_first():
    assert next(ocr_variants("mmol/1")) == "mmol/l"


def test_a_unit_that_lost_its_slash_is_still_a_unit_cell():
    from checkup2action.tables.content import looks_unit

    assert all(looks_unit(u) for u in ("gL", "UL", "μmolL", "mmolL", "GL"))
    assert not any(looks_unit(u) for u in ("HDL", "ALL", "Cell", "TSH"))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("mmol/I", "mmol/L"),
        ("g/1", "g/L"),
        ("U/I", "U/L"),
        ("G/I", "10*9/L"),
        ("mg/dI", "mg/dL"),
        ("1O^6/uL", "10*6/uL"),  # a letter O in a power of ten is no unit either
        ("x1O*9/L", "10*9/L"),
        ("mmo1/L", "mmol/L"),  # the l of mol read as 1
        ("umoI/l", "umol/L"),
        ("mmo1/1", "mmol/L"),
        ("μmo171", "umol/L"),  # and its slash read as 7
        ("mmol7l", "mmol/L"),
        ("mo17", None),
        ("x10°6/μl", "10*6/uL"),  # a degree sign for the caret of the power
        ("0/0", "%"),  # a per cent sign misread: it tells a share from a count
        ("%o", "%"),
        ("KUL", "kU/L"),  # a slash lost before the litre: no unit is written so
        ("mgL", "mg/L"),
        ("mmolL", "mmol/L"),
        ("IUL", "[IU]/L"),
        ("GL", "10*9/L"),
        ("NIL", None),  # a word, not a unit without its slash
        ("COL", None),
    ],
)
def test_a_litre_read_as_i_or_1_is_undone_without_an_analyte(raw, expected):
    assert read_ocr_unit(raw, None) == expected


@pytest.mark.parametrize(
    ("raw", "code", "expected"),
    [
        ("amol/L", "TG", "mmol/L"),  # one character slipped
        ("mmol/.", "LDL_C", "mmol/L"),
        ("mmol", "CL", "mmol/L"),  # cut at the crop's edge
        ("mmo", "CL", None),  # too little left to say
        ("umol", "TG", None),  # not a start of the analyte's own units
        ("f1", "MPV", "fL"),
        ("f]", "MCV", "fL"),  # the l read as a bracket
        ("10^12/LMON#", "RBC", "10*12/L"),  # the next panel's code glued on
        ("109/L2", "NEUT_ABS", "10*9/L"),
        ("U/A", "ALT", "U/L"),  # the litre's l read as A or t
        ("μmol/t", "CREA", "umol/L"),
    ],
)
def test_a_unit_one_slip_or_a_cut_away_from_the_analyte_s_own(raw, code, expected) -> None:
    assert read_ocr_unit(raw, analyte(code)) == expected


def test_a_letter_for_the_litre_is_undone_only_with_an_analyte_to_confirm_it() -> None:
    assert read_ocr_unit("U/A", None) is None


def test_a_unit_with_the_flag_mark_glued_before_it() -> None:
    from checkup2action.tables.content import looks_marked_unit

    assert all(looks_marked_unit(u) for u in ("↑pg", "↓×10^9/L", "1×10^9/L", "1%"))
    assert not any(looks_marked_unit(u) for u in ("pg", "%", "10^9/L", "1.5", "↑", "12%"))
