"""Values computed from other results of a report, only where the report does not print them.

Each result made here has ``derived: true``, an id of its own (``d0001``: no read result has
one), a ``name_raw`` that says how it was made (``LDL cholesterol (Friedewald, derived)``), its
rounded number as ``value_raw``, the catalogue's analyte, ``value_canonical`` in the analyte's
canonical unit, and as provenance the boxes of the results it was computed from. Rules (their
constants, the adult decision limits of the flags and the sources live in ``data/derived.yaml``):

* **LDL cholesterol, Friedewald** (``LDL_C_CALC``, LOINC 13457-7): TC − HDL-C − TG/5 in mg/dL
  (TG/2.2 in mmol/L), in the unit TC is printed in; only when triglycerides are below
  4.52 mmol/L (400 mg/dL). The formula assumes a fasting sample; check-up blood is drawn
  fasting, so it is applied without asking (Friedewald, Levy, Fredrickson, Clin Chem 1972).
* **Non-HDL cholesterol** (``NON_HDL_C``): TC − HDL-C, in TC's unit (NCEP ATP III).
* **Albumin/globulin ratio** (``AG_RATIO``): albumin / globulin, the globulin being total
  protein − albumin when the report does not print it.
* **eGFR, CKD-EPI 2021** (``EGFR``, LOINC 98979-8): 142 × min(Scr/κ, 1)^α × max(Scr/κ, 1)^−1.200
  × 0.9938^age (× 1.012 for women), creatinine in mg/dL, race-free (Inker et al., NEJM 2021);
  adults (18 and over) of known sex and age only.
* **BMI** (a ``Vital`` with code ``bmi``): weight / height², from the report's vitals.

A rule runs only when none of the analytes it yields is printed, told by the analyte code or, for
a row no analyte matched, by its name (``A/G``, ``eGFR (MDRD)``). Each input must be printed once
(repeats of one value are one), with a number in its analyte's canonical unit, no comparator, not
``needs_review`` and within the catalogue's physiological limits; a result that falls outside
its own analyte's limits (a negative LDL) is not reported. Values use canonical units inside, so
mg/dL and mmol/L reports give the same answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from checkup2action.datafiles import load_yaml
from checkup2action.errors import CatalogueError
from checkup2action.grammar.catalogue import Analyte, load_catalogue
from checkup2action.grammar.flags import compute_flag
from checkup2action.grammar.units import convert
from checkup2action.normalize.vitals import vocabulary
from checkup2action.report.models import (
    LabResult,
    Patient,
    Provenance,
    ReferenceRange,
    StructuredReport,
    Vital,
)

DATA_PATH = Path(__file__).parent / "data" / "derived.yaml"
_DECIMALS = re.compile(r"\d+(?:[.,](\d+))?")


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule of ``data/derived.yaml``: what it yields and when the report already has it."""

    key: str
    analyte: str
    name_raw: str
    printed: frozenset[str]
    names: re.Pattern[str]
    loinc: str | None
    band: dict[str, Any]
    params: dict[str, Any]

    def is_printed(self, results: Iterable[LabResult]) -> bool:
        """Whether the report prints what this rule yields (by analyte, or an unmatched name)."""
        for r in results:
            if r.derived:
                continue
            if r.analyte is not None and r.analyte.code in self.printed:
                return True
            if r.analyte is None and self.names.search(r.name_raw):
                return True
        return False


@dataclass(slots=True)
class Derived:
    """Results and vitals computed from the report's own."""

    results: list[LabResult] = field(default_factory=list)
    vitals: list[Vital] = field(default_factory=list)


@lru_cache(maxsize=1)
def rules() -> dict[str, Rule]:
    """The rules of ``data/derived.yaml``, by key, checked against the catalogue."""
    try:
        raw: Any = load_yaml(DATA_PATH)["rules"]
        catalogue = load_catalogue()
        out = {}
        for key, entry in raw.items():
            catalogue.by_code(entry["analyte"])
            printed = frozenset(entry["printed"])
            for code in printed:
                catalogue.by_code(code)
            params = {k: v for k, v in entry.items() if k not in _RULE_FIELDS}
            out[key] = Rule(
                key, entry["analyte"], entry["name_raw"], printed,
                re.compile(entry["names"], re.IGNORECASE), entry.get("loinc"),
                entry.get("band") or {}, params,
            )  # fmt: skip
    except (OSError, KeyError, TypeError, re.error) as exc:
        raise CatalogueError(f"derived.yaml is malformed: {exc}") from exc
    return out


_RULE_FIELDS = frozenset({"analyte", "name_raw", "printed", "names", "loinc", "band"})


def within_limits(code: str, value: float) -> bool:
    """Whether a value in the analyte's canonical unit lies within its physiological limits."""
    return load_catalogue().by_code(code).within_limits(value)


def _usable(result: LabResult) -> bool:
    """A read number in its analyte's canonical unit that nothing casts doubt on."""
    return (
        result.analyte is not None
        and not result.derived
        and result.value is not None
        and result.value_canonical is not None
        and result.comparator is None
        and not result.needs_review
        and within_limits(result.analyte.code, result.value_canonical)
    )


def _input(results: Sequence[LabResult], code: str) -> LabResult | None:
    """The one printed result of an analyte, when it is usable (a repeat of the same value is
    one result; two values, or any doubtful row, are none)."""
    found = [r for r in results if r.analyte is not None and r.analyte.code == code]
    if not found or not all(_usable(r) for r in found):
        return None
    if len({round(r.value_canonical or 0.0, 6) for r in found}) > 1:
        return None
    return found[0]


def _decimals(result: LabResult, cap: int = 2) -> int:
    """How many decimals a result was printed with (at most ``cap``)."""
    m = _DECIMALS.search(result.value_raw)
    return min(cap, len(m.group(1) or "")) if m else cap


def _band_range(rule: Rule, analyte: Analyte, unit: str) -> ReferenceRange | None:
    """The rule's decision limits as a range in ``unit`` (converted from the canonical unit's
    when the guideline gives none in it)."""
    bounds: dict[str, float | None] = {}
    for side in ("low", "high"):
        by_unit = rule.band.get(side) or {}
        value = by_unit.get(unit)
        if value is None and analyte.unit is not None and analyte.unit in by_unit:
            value = convert(float(by_unit[analyte.unit]), analyte.unit, unit,
                            molar_mass=analyte.molar_mass)  # fmt: skip
        bounds[side] = None if value is None else float(value)
    if bounds["low"] is None and bounds["high"] is None:
        return None
    return ReferenceRange(
        low=bounds["low"], high=bounds["high"],
        high_inclusive=bool(rule.band.get("high_inclusive", False)),
    )  # fmt: skip


def _result(
    rule: Rule, value: float, unit: str, decimals: int, inputs: Sequence[LabResult]
) -> LabResult | None:
    """A derived result of ``value`` in ``unit``; None when it falls outside its analyte's
    physiological limits."""
    analyte = load_catalogue().by_code(rule.analyte)
    assert analyte.unit is not None
    shown = round(value, decimals)
    canonical = convert(shown, unit, analyte.unit, molar_mass=analyte.molar_mass)
    if canonical is None or not within_limits(analyte.code, canonical):
        return None
    rng = _band_range(rule, analyte, unit)
    flag = compute_flag(shown, None, None, rng)
    ref = analyte.ref(unit)  # LOINC by the unit's kind (mass or molar)
    if rule.loinc:
        ref = ref.model_copy(update={"loinc": rule.loinc})
    return LabResult(
        id="d0000", panel=inputs[0].panel, name_raw=rule.name_raw,
        value_raw=f"{shown:.{decimals}f}", value=shown, unit=unit,
        value_canonical=round(canonical, 6), unit_canonical=analyte.unit,
        reference_range=rng, flag=flag, flag_source="computed" if flag else None,  # type: ignore[arg-type]
        analyte=ref, provenance=_provenance(inputs),
        confidence=min(r.confidence for r in inputs), derived=True,
    )  # fmt: skip


def _provenance(inputs: Iterable[LabResult | Vital]) -> list[Provenance]:
    """The boxes of the results a value was computed from, in order."""
    return [p for r in inputs for p in r.provenance]


def _mass_unit(unit: str | None) -> bool:
    """Whether a unit is a mass concentration (mg/dL, g/L), not a molar one."""
    return unit is not None and convert(1.0, unit, "mg/dL") is not None


def _in_unit(mmol: float, unit: str, molar_mass: float) -> float | None:
    """A cholesterol concentration in mmol/L expressed in ``unit``."""
    return convert(mmol, "mmol/L", unit, molar_mass=molar_mass)


def ldl_friedewald(results: Sequence[LabResult]) -> LabResult | None:
    """LDL cholesterol by Friedewald's formula, in TC's unit (see the module docstring)."""
    rule = rules()["ldl_friedewald"]
    tc, hdl, tg = (_input(results, c) for c in ("TC", "HDL_C", "TG"))
    if tc is None or hdl is None or tg is None or tc.unit is None or rule.is_printed(results):
        return None
    chol, trig = load_catalogue().by_code("TC"), load_catalogue().by_code("TG")
    tc_mmol, hdl_mmol, tg_mmol = (r.value_canonical or 0.0 for r in (tc, hdl, tg))
    if tg_mmol >= float(rule.params["tg_below_mmol_l"]) or not chol.molar_mass:
        return None  # Friedewald does not hold at 400 mg/dL of triglycerides and above
    if _mass_unit(tc.unit) and trig.molar_mass:  # TG/5 in mg/dL, read back as cholesterol
        vldl_mg_dl = tg_mmol * trig.molar_mass / 10 / float(rule.params["tg_divisor_mass"])
        ldl_mmol = tc_mmol - hdl_mmol - vldl_mg_dl * 10 / chol.molar_mass
    else:
        ldl_mmol = tc_mmol - hdl_mmol - tg_mmol / float(rule.params["tg_divisor_molar"])
    value = _in_unit(ldl_mmol, tc.unit, chol.molar_mass)
    if value is None:
        return None
    return _result(rule, value, tc.unit, _decimals(tc), [tc, hdl, tg])


def non_hdl(results: Sequence[LabResult]) -> LabResult | None:
    """Non-HDL cholesterol, TC − HDL-C, in TC's unit."""
    rule = rules()["non_hdl"]
    tc, hdl = _input(results, "TC"), _input(results, "HDL_C")
    if tc is None or hdl is None or tc.unit is None or rule.is_printed(results):
        return None
    mmol = (tc.value_canonical or 0.0) - (hdl.value_canonical or 0.0)
    value = _in_unit(mmol, tc.unit, load_catalogue().by_code("TC").molar_mass or 0.0)
    return None if value is None else _result(rule, value, tc.unit, _decimals(tc), [tc, hdl])


def ag_ratio(results: Sequence[LabResult]) -> LabResult | None:
    """Albumin / globulin; the globulin is total protein − albumin when it is not printed."""
    rule = rules()["ag_ratio"]
    alb = _input(results, "ALB")
    if alb is None or rule.is_printed(results):
        return None
    albumin = alb.value_canonical or 0.0
    if any(r.analyte is not None and r.analyte.code == "GLB" for r in results):
        glb = _input(results, "GLB")  # printed: it must be usable itself
        inputs, globulin = [alb, glb], glb.value_canonical if glb else None
    else:
        tp = _input(results, "TP")
        inputs, globulin = [tp, alb], (tp.value_canonical or 0.0) - albumin if tp else None
    if globulin is None or globulin <= 0:
        return None
    return _result(rule, albumin / globulin, "{ratio}", 2, [r for r in inputs if r is not None])


def egfr_ckd_epi_2021(results: Sequence[LabResult], patient: Patient) -> LabResult | None:
    """eGFR by the race-free CKD-EPI 2021 creatinine equation, for adults of known sex."""
    rule = rules()["egfr_ckd_epi_2021"]
    crea = _input(results, "CREA")
    p = rule.params
    if crea is None or patient.sex is None or patient.age is None or rule.is_printed(results):
        return None
    if patient.age < float(p["min_age"]):
        return None
    creatinine = load_catalogue().by_code("CREA")
    scr = convert(crea.value_canonical or 0.0, creatinine.unit or "umol/L", "mg/dL",
                  molar_mass=creatinine.molar_mass)  # fmt: skip
    if scr is None or scr <= 0:
        return None
    sex = p["sex"][patient.sex]
    ratio = scr / float(sex["kappa"])
    value = (
        float(p["constant"])
        * min(ratio, 1.0) ** float(sex["alpha"])
        * max(ratio, 1.0) ** float(p["upper_exponent"])
        * float(p["age_base"]) ** patient.age
        * float(sex["factor"])
    )
    return _result(rule, value, "mL/min/{1.73_m2}", 0, [crea])


def _one_vital(vitals: Sequence[Vital], code: str) -> Vital | None:
    """The report's one value of a vital (printed once, or repeated with the same value)."""
    found = [v for v in vitals if v.code == code and not v.derived]
    return found[0] if found and len({v.value for v in found}) == 1 else None


def bmi(vitals: Sequence[Vital], results: Sequence[LabResult]) -> Vital | None:
    """Body mass index from the printed height and weight (a ``Vital``), flagged by the WHO band
    of ``vitals.yaml``."""
    rule = rules()["bmi"]
    if any(v.code == "bmi" and not v.derived for v in vitals) or rule.is_printed(results):
        return None
    height, weight = _one_vital(vitals, "height"), _one_vital(vitals, "weight")
    if height is None or weight is None:
        return None
    kind = vocabulary().kinds["bmi"]
    value = round(weight.value / (height.value / 100) ** 2, 1)
    if not kind.limits[0] <= value <= kind.limits[1]:
        return None
    flag = None
    if kind.band is not None:
        low, high = kind.band
        flag = "L" if value < low else "H" if value >= high else "N"
    return Vital(
        id="d0000", code="bmi", loinc=kind.loinc, name_raw=rule.name_raw, value_raw=f"{value:.1f}",
        value=value, unit=kind.unit, flag=flag, flag_source="guideline" if flag else None,  # type: ignore[arg-type]
        provenance=_provenance([height, weight]), derived=True,
    )  # fmt: skip


def derive(results: Sequence[LabResult], vitals: Sequence[Vital], patient: Patient) -> Derived:
    """Every value the report does not print but its results give, numbered ``d0001``, …
    (results first, then vitals)."""
    found = [
        ldl_friedewald(results),
        non_hdl(results),
        ag_ratio(results),
        egfr_ckd_epi_2021(results, patient),
    ]
    out = Derived()
    for r in found:
        if r is not None:
            out.results.append(r.model_copy(update={"id": f"d{len(out.results) + 1:04d}"}))
    body = bmi(vitals, results)
    if body is not None:
        out.vitals.append(body.model_copy(update={"id": f"d{len(out.results) + 1:04d}"}))
    return out


def with_derived(report: StructuredReport) -> StructuredReport:
    """The report with its derived results after the read ones and its derived vitals after the
    read vitals."""
    derived = derive(report.lab_results, report.vitals, report.patient)
    if not derived.results and not derived.vitals:
        return report
    return report.model_copy(
        update={
            "lab_results": [*report.lab_results, *derived.results],
            "vitals": [*report.vitals, *derived.vitals],
        }
    )
