"""Derived values (normalize.derived): computed only where the report does not print them, from
inputs nothing casts doubt on, checked against hand-computed references."""

from __future__ import annotations

import pytest

from checkup2action.deid.scrub import DeidOptions, deidentify
from checkup2action.grammar.analyte import loinc_is_valid
from checkup2action.grammar.catalogue import load_catalogue
from checkup2action.grammar.units import convert
from checkup2action.normalize.derived import (
    ag_ratio,
    bmi,
    derive,
    egfr_ckd_epi_2021,
    ldl_friedewald,
    non_hdl,
    rules,
    with_derived,
)
from checkup2action.report.models import (
    BBox,
    LabResult,
    Patient,
    Provenance,
    SourceInfo,
    StructuredReport,
    Vital,
)

_rows = iter(range(1, 10_000))


def _prov(top: float = 100.0) -> list[Provenance]:
    """One box on page 1."""
    return [Provenance(page=1, bbox=BBox(x0=10, top=top, x1=300, bottom=top + 9))]


def lab(code: str | None, value: float | None, unit: str | None, **extra: object) -> LabResult:
    """A read result of ``code`` printed as ``value unit`` (canonical value as normalize gives)."""
    n = next(_rows)
    canonical, canonical_unit = None, None
    ref = None
    if code is not None:
        analyte = load_catalogue().by_code(code)
        ref = analyte.ref(unit)
        if value is not None and unit is not None and analyte.unit:
            canonical = convert(value, unit, analyte.unit, molar_mass=analyte.molar_mass)
            canonical_unit = analyte.unit if canonical is not None else None
    fields: dict = {
        "id": f"r{n:04d}", "name_raw": extra.pop("name_raw", code or "?"),
        "value_raw": extra.pop("value_raw", f"{value}"), "value": value, "unit": unit,
        "unit_raw": unit, "value_canonical": canonical, "unit_canonical": canonical_unit,
        "analyte": ref, "provenance": _prov(100.0 + 10 * n), "panel": "Panel",
    }  # fmt: skip
    fields.update(extra)
    return LabResult(**fields)


def vital(code: str, value: float) -> Vital:
    """A read vital."""
    n = next(_rows)
    return Vital(
        id=f"v{n:04d}", code=code, loinc="0-0", name_raw=code, value_raw=f"{value}", value=value,
        unit={"height": "cm", "weight": "kg", "bmi": "kg/m2"}[code], provenance=_prov(),
    )  # fmt: skip


# ---------------------------------------------------------------------------------- LDL


def test_friedewald_in_mg_dl_is_tc_minus_hdl_minus_tg_over_five():
    tc = lab("TC", 200, "mg/dL", value_raw="200")
    hdl, tg = lab("HDL_C", 50, "mg/dL"), lab("TG", 150, "mg/dL")
    ldl = ldl_friedewald([tc, hdl, tg])
    assert ldl is not None
    # 200 - 50 - 150/5 = 120 mg/dL; 120 / 38.665 (cholesterol, 386.65 g/mol) = 3.1036 mmol/L
    assert (ldl.value, ldl.value_raw, ldl.unit) == (120.0, "120", "mg/dL")
    assert ldl.value_canonical == pytest.approx(3.103582, abs=1e-6)
    assert ldl.unit_canonical == "mmol/L" and ldl.analyte is not None
    assert (ldl.analyte.code, ldl.analyte.loinc) == ("LDL_C_CALC", "13457-7")  # mass: mg/dL
    assert ldl.derived and ldl.name_raw == "LDL cholesterol (Friedewald, derived)"
    assert ldl.flag == "N" and ldl.flag_source == "computed"  # below 130 mg/dL
    assert ldl.reference_range is not None and ldl.reference_range.high == 130
    assert ldl.reference_range.text is None  # nothing was printed
    assert ldl.provenance == tc.provenance + hdl.provenance + tg.provenance


def test_friedewald_in_mmol_l_is_tc_minus_hdl_minus_tg_over_2_2():
    results = [
        lab("TC", 5.2, "mmol/L", value_raw="5.20"),
        lab("HDL_C", 1.3, "mmol/L"),
        lab("TG", 1.1, "mmol/L"),
    ]
    ldl = ldl_friedewald(results)
    assert ldl is not None
    # 5.20 - 1.30 - 1.10/2.2 = 3.40 mmol/L: at the 3.4 borderline-high limit, so H
    assert (ldl.value, ldl.value_raw, ldl.unit, ldl.flag) == (3.4, "3.40", "mmol/L", "H")
    assert ldl.analyte is not None and ldl.analyte.loinc == "39469-2"  # molar: mmol/L


@pytest.mark.parametrize(
    ("tg", "unit", "made"),
    [(400, "mg/dL", True), (401, "mg/dL", False), (4.52, "mmol/L", False), (4.5, "mmol/L", True)],
)
def test_friedewald_only_below_400_mg_dl_of_triglycerides(tg, unit, made):
    tc = lab("TC", 300 if unit == "mg/dL" else 8.0, unit)
    hdl = lab("HDL_C", 40 if unit == "mg/dL" else 1.0, unit)
    assert (ldl_friedewald([tc, hdl, lab("TG", tg, unit)]) is not None) is made


@pytest.mark.parametrize(
    "printed",
    [
        lambda: lab("LDL_C", 3.1, "mmol/L"),
        lambda: lab("LDL_C_CALC", 3.1, "mmol/L"),
        lambda: lab(None, 3.1, "mmol/L", name_raw="LDL-C (direct)"),  # a row no analyte matched
        lambda: lab(None, 3.1, "mmol/L", name_raw="低密度脂蛋白胆固醇测定"),
    ],
)
def test_a_printed_ldl_is_not_derived(printed):
    results = [lab("TC", 5.2, "mmol/L"), lab("HDL_C", 1.3, "mmol/L"), lab("TG", 1.1, "mmol/L")]
    assert ldl_friedewald([*results, printed()]) is None
    assert non_hdl([*results, printed()]) is not None  # the other rules still run


def test_an_ldl_ratio_or_vldl_row_is_no_printed_ldl():
    results = [lab("TC", 5.2, "mmol/L"), lab("HDL_C", 1.3, "mmol/L"), lab("TG", 1.1, "mmol/L")]
    others = [lab(None, 2.0, None, name_raw="LDL-C/HDL-C"), lab(None, 0.5, None, name_raw="VLDL")]
    assert ldl_friedewald([*results, *others]) is not None


@pytest.mark.parametrize(
    "doubt",
    [
        {"needs_review": True},
        {"comparator": "<"},
        {"value": 50.0, "value_canonical": 50.0},  # above cholesterol's physiological limit
        {"value_canonical": None, "unit_canonical": None},  # a unit that does not convert
        {"derived": True},
    ],
)
def test_an_input_in_doubt_gives_nothing(doubt):
    tc = lab("TC", 5.2, "mmol/L").model_copy(update=doubt)
    results = [tc, lab("HDL_C", 1.3, "mmol/L"), lab("TG", 1.1, "mmol/L")]
    assert ldl_friedewald(results) is None and non_hdl(results) is None


def test_two_values_of_one_input_give_nothing_but_a_repeat_is_one():
    base = [lab("HDL_C", 1.3, "mmol/L"), lab("TG", 1.1, "mmol/L")]
    assert non_hdl([lab("TC", 5.2, "mmol/L"), lab("TC", 5.6, "mmol/L"), *base]) is None
    assert non_hdl([lab("TC", 5.2, "mmol/L"), lab("TC", 5.2, "mmol/L"), *base]) is not None


def test_a_negative_ldl_is_not_reported():
    results = [lab("TC", 3.0, "mmol/L"), lab("HDL_C", 2.5, "mmol/L"), lab("TG", 2.0, "mmol/L")]
    assert ldl_friedewald(results) is None  # 3.0 - 2.5 - 0.91 < 0


# ------------------------------------------------------------------------------ non-HDL


def test_non_hdl_in_the_unit_of_total_cholesterol():
    mmol = non_hdl([lab("TC", 5.2, "mmol/L", value_raw="5.20"), lab("HDL_C", 1.3, "mmol/L")])
    assert mmol is not None and (mmol.value_raw, mmol.unit, mmol.flag) == ("3.90", "mmol/L", "N")
    mg = non_hdl([lab("TC", 220, "mg/dL", value_raw="220"), lab("HDL_C", 45, "mg/dL")])
    # 220 - 45 = 175 mg/dL: at or above 160 mg/dL, borderline high
    assert mg is not None and (mg.value_raw, mg.unit, mg.flag) == ("175", "mg/dL", "H")
    assert mg.value_canonical == pytest.approx(175 / 38.665, abs=1e-5)
    assert mg.analyte is not None and mg.analyte.code == "NON_HDL_C"


def test_a_printed_non_hdl_is_not_derived():
    results = [lab("TC", 5.2, "mmol/L"), lab("HDL_C", 1.3, "mmol/L")]
    assert non_hdl([*results, lab("NON_HDL_C", 3.9, "mmol/L")]) is None
    assert non_hdl([*results, lab(None, 3.9, "mmol/L", name_raw="Non HDL-C")]) is None


# ---------------------------------------------------------------------------------- A/G


def test_ag_ratio_from_total_protein_when_globulin_is_not_printed():
    ratio = ag_ratio([lab("TP", 72, "g/L"), lab("ALB", 45, "g/L")])
    # 45 / (72 - 45) = 1.667
    assert ratio is not None and (ratio.value_raw, ratio.flag) == ("1.67", "N")
    assert ratio.unit == ratio.unit_canonical == "{ratio}"
    assert ratio.analyte is not None and ratio.analyte.code == "AG_RATIO"


def test_ag_ratio_from_printed_globulin_in_g_dl():
    ratio = ag_ratio([lab("ALB", 3.0, "g/dL"), lab("GLB", 3.0, "g/dL"), lab("TP", 9.9, "g/dL")])
    assert ratio is not None and (ratio.value, ratio.flag) == (1.0, "L")  # below 1.2


def test_ag_ratio_printed_or_doubtful_globulin_gives_nothing():
    base = [lab("TP", 72, "g/L"), lab("ALB", 45, "g/L")]
    assert ag_ratio([*base, lab("AG_RATIO", 1.7, None)]) is None
    assert ag_ratio([*base, lab(None, 1.7, None, name_raw="A/G")]) is None
    assert ag_ratio([*base, lab(None, 1.7, None, name_raw="白球比例")]) is None
    doubtful = lab("GLB", 27, "g/L", needs_review=True)
    assert ag_ratio([*base, doubtful]) is None  # no fall-back to total protein
    assert ag_ratio([lab("TP", 40, "g/L"), lab("ALB", 45, "g/L")]) is None  # globulin <= 0


# --------------------------------------------------------------------------------- eGFR


@pytest.mark.parametrize(
    ("sex", "age", "scr", "unit", "egfr"),
    [
        # 142 x (0.8/0.7)^-1.200 x 0.9938^50 x 1.012 = 89.7
        ("F", 50, 0.8, "mg/dL", 90),
        # the worked example of creatinineclearancecalculator.net: 142 x 1.286^-1.2 x 0.711 x
        # 1.012 = 75.5
        ("F", 55, 0.9, "mg/dL", 75),
        # 142 x (1.0/0.9)^-1.200 x 0.9938^60 = 86.2 (NKF calculator: 86)
        ("M", 60, 1.0, "mg/dL", 86),
        ("M", 60, 88.4, "umol/L", 86),  # the same creatinine in µmol/L
        # below kappa: 142 x (0.6/0.7)^-0.241 x 0.9938^30 x 1.012 = 123.8
        ("F", 30, 0.6, "mg/dL", 124),
    ],
)
def test_egfr_ckd_epi_2021(sex, age, scr, unit, egfr):
    result = egfr_ckd_epi_2021([lab("CREA", scr, unit)], Patient(sex=sex, age=age))
    assert result is not None and (result.value, result.value_raw) == (egfr, str(egfr))
    assert result.unit == result.unit_canonical == "mL/min/{1.73_m2}"
    assert result.flag == "N" and result.analyte is not None
    assert (result.analyte.code, result.analyte.loinc) == ("EGFR", "98979-8")


def test_egfr_below_60_is_flagged_low():
    # 142 x (2.0/0.9)^-1.200 x 0.9938^70 = 35.2
    result = egfr_ckd_epi_2021([lab("CREA", 2.0, "mg/dL")], Patient(sex="M", age=70))
    assert result is not None and (result.value, result.flag) == (35.0, "L")


@pytest.mark.parametrize(
    ("patient", "extra"),
    [
        (Patient(sex="F", age=17), []),  # not an adult
        (Patient(sex=None, age=50), []),
        (Patient(sex="F", age=None), []),
        (Patient(sex="F", age=50), [lambda: lab("EGFR", 95, "mL/min/{1.73_m2}")]),
        (Patient(sex="F", age=50), [lambda: lab(None, 95, None, name_raw="eGFR (MDRD)")]),
        (Patient(sex="F", age=50), [lambda: lab(None, 95, None, name_raw="肾小球滤过率估算")]),
    ],
)
def test_egfr_needs_an_adult_of_known_sex_and_no_printed_egfr(patient, extra):
    results = [lab("CREA", 0.8, "mg/dL"), *(make() for make in extra)]
    assert egfr_ckd_epi_2021(results, patient) is None


def test_the_egfr_loinc_is_well_formed():
    assert loinc_is_valid(rules()["egfr_ckd_epi_2021"].loinc or "")


# ---------------------------------------------------------------------------------- BMI


def test_bmi_from_height_and_weight():
    height, weight = vital("height", 170.0), vital("weight", 65.0)
    body = bmi([height, weight], [])
    # 65 / 1.70^2 = 22.49
    assert body is not None and (body.code, body.value, body.value_raw) == ("bmi", 22.5, "22.5")
    assert (body.unit, body.loinc) == ("kg/m2", "39156-5")
    assert (body.flag, body.flag_source) == ("N", "guideline")  # WHO 18.5-25
    assert body.derived and body.provenance == height.provenance + weight.provenance
    heavy = bmi([vital("height", 160.0), vital("weight", 80.0)], [])  # 80 / 1.6^2 = 31.25
    assert heavy is not None and (heavy.value, heavy.flag) == (31.2, "H")


def test_a_printed_bmi_or_two_weights_give_no_bmi():
    base = [vital("height", 170.0), vital("weight", 65.0)]
    assert bmi([*base, vital("bmi", 22.5)], []) is None
    assert bmi(base, [lab("BMI", 22.5, "kg/m2")]) is None
    assert bmi(base, [lab(None, 22.5, None, name_raw="体重指数")]) is None
    assert bmi([*base, vital("weight", 66.0)], []) is None


# ---------------------------------------------------------------------- the whole report


def _report(results: list[LabResult], vitals: list[Vital]) -> StructuredReport:
    source = SourceInfo(file_name="a.pdf", sha256="0" * 64, page_count=1, pages=[])
    return StructuredReport(
        source=source, patient=Patient(sex="F", age=50), lab_results=results, vitals=vitals
    )


def test_derived_items_come_after_the_read_ones_with_ids_of_their_own():
    results = [
        lab("TC", 5.2, "mmol/L"), lab("HDL_C", 1.3, "mmol/L"), lab("TG", 1.1, "mmol/L"),
        lab("ALB", 45, "g/L"), lab("TP", 72, "g/L"), lab("CREA", 70.7, "umol/L"),
    ]  # fmt: skip
    vitals = [vital("height", 170.0), vital("weight", 65.0)]
    report = with_derived(_report(results, vitals))
    assert report.lab_results[:6] == results and report.vitals[:2] == vitals
    derived = report.lab_results[6:]
    assert [r.id for r in derived] == ["d0001", "d0002", "d0003", "d0004"]
    assert [r.analyte.code for r in derived if r.analyte] == [
        "LDL_C_CALC", "NON_HDL_C", "AG_RATIO", "EGFR",
    ]  # fmt: skip
    assert [(v.id, v.code, v.derived) for v in report.vitals[2:]] == [("d0005", "bmi", True)]
    assert not any(r.derived for r in report.lab_results[:6])


def test_nothing_to_derive_leaves_the_report_as_it_is():
    report = _report([lab("GLU", 5.1, "mmol/L")], [])
    assert with_derived(report) is report
    assert derive(report.lab_results, [], report.patient).results == []


def test_de_identification_passes_over_derived_items():
    results = [
        lab("TC", 5.2, "mmol/L"), lab("HDL_C", 1.3, "mmol/L"), lab("TG", 1.1, "mmol/L"),
        lab("ALB", 45, "g/L"), lab("TP", 72, "g/L"), lab("CREA", 70.7, "umol/L"),
    ]  # fmt: skip
    report = with_derived(_report(results, [vital("height", 170.0), vital("weight", 65.0)]))
    out = deidentify(report, ["Name: Jane Roe", "DOB: 1975-01-02"], DeidOptions())
    assert [r for r in out.lab_results if r.derived] == report.lab_results[6:]  # untouched
    assert [v.code for v in out.vitals if v.derived] == ["bmi"]


def test_every_rule_names_catalogue_analytes():
    catalogue = load_catalogue()
    for rule in rules().values():
        assert catalogue.by_code(rule.analyte)
        assert rule.printed and all(catalogue.by_code(code) for code in rule.printed)
