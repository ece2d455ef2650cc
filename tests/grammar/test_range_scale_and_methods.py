"""A computed flag on the range's own scale, and a printed method in brackets after a name."""

import pytest

from checkup2action.grammar.catalogue import load_catalogue
from checkup2action.grammar.flags import compute_flag, on_range_scale
from checkup2action.report.models import ReferenceRange


@pytest.mark.parametrize(
    ("value", "low", "high", "flag"),
    [
        (5_260_000, 4.6, 6.0, "N"),  # /mm3 against a range printed in millions
        (222_000, 150, 400, "N"),  # against thousands
        (12_000, 4, 10, "H"),  # rescaled, still high
        (50, 4, 10, "H"),  # 5x the limit: a real high value, not another scale
        (0.002, 4, 10, "L"),  # no power of a thousand brings it near the range
    ],
)
def test_a_value_on_another_scale_is_flagged_on_the_range_s(value, low, high, flag):
    assert compute_flag(value, None, None, ReferenceRange(low=low, high=high)) == flag


def test_one_sided_ranges_are_never_rescaled():
    assert on_range_scale(6000, ReferenceRange(high=5)) == 6000


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Hemoglobin (Photometry)", "HGB"),
        ("High Sensitivity CRP (Immunoturbidimetry)", "HSCRP"),
        ("Red Cell Distribution Width (RDW) (Electrical Impedence)", "RDW_CV"),
        ("MCHC (Calculated)", "MCHC"),
        ("Urea (Urease UV)", "UREA"),
        ("Albumin (BCG)", "ALB"),
        ("GFR Estimated (CKD EPI Equation 2021)", "EGFR"),
        ("GFR Category (KDIGO Guideline 2012)", "EGFR_CATEGORY"),
        ("Cholesterol (HDL)", "HDL_C"),  # brackets that name an analyte are kept
        ("Bilirubin (Direct)", "DBIL"),
        ("Hbs-AK", "ANTI_HBS"),
        ("E.S.R (by WESTERGREN)", "ESR"),
        ("TSH (ultra)", "TSH"),
        ("VITAMIN D Total (25-OH)", "VITD25"),
        ("Mean Blood Glucose (MBG)", "EAG"),
    ],
)
def test_a_bracketed_method_after_a_name_is_read_past(name, code):
    assert load_catalogue().match(name).code == code


@pytest.mark.parametrize(
    ("name", "code"),
    [("Bile Salts", "U_BILE_SALTS"), ("Bile Pigments", "U_BILE_PIGMENTS")],
)
def test_urine_bile_salts_and_pigments_are_known(name, code):
    assert load_catalogue().match_any_specimen(name).code == code


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("红细胞(高倍视野)", "U_RBC"),
        ("白细胞（高倍视野）", "U_WBC"),
        ("Epithelial cells (HPF)", "U_EPI"),
        ("管型(低倍视野)", "U_CAST"),
        ("白细胞(UF-1000i)", "U_WBC"),
    ],
)
def test_a_microscopy_field_is_read_past_only_where_the_specimen_is_known(name, code):
    assert load_catalogue().match(name, panel="尿常规").code == code
    assert load_catalogue().match(name) is None  # no specimen: the bare name is a blood test


@pytest.mark.parametrize(
    ("name", "unit", "code"),
    [
        ("T细胞(CD3+)", "%", "CD3_PCT"),
        ("CD4+细胞/T细胞(CD3+CD4+)", "%", "CD4_PCT"),
        ("CD4", "cells/uL", "CD4_ABS"),
        ("CD4 Count", "/uL", "CD4_ABS"),
        ("CD4+T细胞/CD8+T细胞(CD4/CD8)", None, "CD4_CD8"),
        ("CD4+TEM(*)", "%", None),  # a memory subset of CD4 cells is no CD4 count
        ("CD3+CD4+TCRαβ+T细胞(*)", "%", None),
    ],
)
def test_lymphocyte_subsets_follow_their_printed_unit(name, unit, code):
    hit = load_catalogue().match(name, unit=unit)
    assert (hit.code if hit else None) == code
