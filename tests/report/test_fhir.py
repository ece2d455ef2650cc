"""The FHIR R4 Bundle (``--format fhir``): valid FHIR, right codes, the same Bundle every time.

fhir.resources 8 models R5 at its top level and R4B (4.3.0) in ``fhir.resources.R4B``; it has no
4.0.1 package. R4B changed none of the elements written here (Bundle, DiagnosticReport,
Observation, Patient, Quantity, CodeableConcept, Reference), so its models check the R4
structure: element names, types, cardinalities, required elements. They do not check bindings or
invariants, so ``check_r4`` below adds the ones that matter for this Bundle.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from checkup2action.cli import app
from checkup2action.grammar.catalogue import load_catalogue
from checkup2action.report.fhir import INTERPRETATION, LOINC, UCUM, to_fhir_bundle
from checkup2action.report.models import (
    BBox,
    Finding,
    FindingMeasurement,
    LabResult,
    PageInfo,
    Patient,
    Provenance,
    ReferenceRange,
    SourceInfo,
    StructuredReport,
    SummaryItem,
    Vital,
)
from checkup2action.report.writers import write_report

r4b = pytest.importorskip("fhir.resources.R4B")
from fhir.resources.R4B.bundle import Bundle  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
COMPARATORS = {"<", "<=", ">=", ">"}
OBSERVATION_STATUSES = {"registered", "preliminary", "final", "amended"}


def _walk(value: Any, path: str = "") -> list[tuple[str, Any]]:
    """Every (path, value) of a JSON tree."""
    out = [(path, value)]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _walk(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _walk(v, f"{path}[{i}]")
    return out


def _quantities(resource: dict[str, Any]) -> list[dict[str, Any]]:
    """Every Quantity of a resource (values and range bounds, components included)."""
    names = ("valueQuantity", "low", "high")
    return [v for p, v in _walk(resource) if isinstance(v, dict) and p.rsplit(".", 1)[-1] in names]


def check_r4(bundle: dict[str, Any]) -> None:
    """Validate a Bundle with fhir.resources (R4B models) and the R4 rules they leave out."""
    Bundle.model_validate(bundle)
    assert bundle["type"] == "collection"
    urls = [e["fullUrl"] for e in bundle["entry"]]
    assert len(set(urls)) == len(urls)  # bdl-7
    for entry in bundle["entry"]:
        resource = entry["resource"]
        r4b.get_fhir_model_class(resource["resourceType"]).model_validate(resource)
        assert entry["fullUrl"] == f"urn:uuid:{resource['id']}"
    for path, value in _walk(bundle):
        assert value not in (None, "", [], {}), f"empty value at {path}"  # FHIR JSON rule
        if path.endswith(".reference"):
            assert value in urls, f"{path} does not resolve in the Bundle"
    for entry in bundle["entry"]:
        resource = entry["resource"]
        if resource["resourceType"] != "Observation":
            continue
        assert resource["status"] in OBSERVATION_STATUSES
        for q in _quantities(resource):
            assert "code" not in q or q["system"] == UCUM  # qty-3
            assert q.get("comparator", "<") in COMPARATORS
        for rng in resource.get("referenceRange", []):
            assert {"low", "high", "text"} & set(rng)  # obs-3
        for part in [resource, *resource.get("component", [])]:
            for concept in part.get("interpretation", []):
                (coding,) = concept["coding"]
                assert coding["system"] == INTERPRETATION
                assert coding["code"] in {"H", "L", "HH", "LL", "A", "N"}


def observations(bundle: dict[str, Any]) -> list[dict[str, Any]]:
    """The Observations of a Bundle, in order."""
    return [
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Observation"
    ]


def by_text(bundle: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Observations by their code's text (the name as printed)."""
    return {o["code"]["text"]: o for o in observations(bundle)}


def loinc_of(observation: dict[str, Any]) -> str | None:
    """The LOINC code of an Observation, if coded."""
    codings = observation["code"].get("coding", [])
    return next((c["code"] for c in codings if c["system"] == LOINC), None)


def category_of(observation: dict[str, Any]) -> str:
    """The observation-category code."""
    return str(observation["category"][0]["coding"][0]["code"])


def ucum_codes(bundle: dict[str, Any]) -> set[str]:
    """Every UCUM code a Bundle writes."""
    return {q["code"] for o in observations(bundle) for q in _quantities(o) if "code" in q}


# ------------------------------------------------------------------ a real report


@pytest.fixture(scope="module")
def us_lab(request: pytest.FixtureRequest) -> StructuredReport:
    """The born-digital US lab sample read by the whole pipeline."""
    run = request.getfixturevalue("run_pipeline")
    report: StructuredReport = run(SAMPLES / "en_us_lab_28.pdf")
    return report


def test_pipeline_report_gives_a_valid_r4_bundle(us_lab: StructuredReport) -> None:
    bundle = to_fhir_bundle(us_lab)
    check_r4(bundle)
    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert kinds[:2] == ["DiagnosticReport", "Patient"]
    assert kinds.count("Observation") == len(us_lab.lab_results) + len(us_lab.vitals)
    report = bundle["entry"][0]["resource"]
    assert report["status"] == "final" and loinc_of(report) == "11502-2"
    assert report["category"][0]["coding"][0]["code"] == "LAB"
    assert report["effectiveDateTime"] == us_lab.patient.exam_date.isoformat()  # type: ignore[union-attr]
    assert [r["reference"] for r in report["result"]] == [e["fullUrl"] for e in bundle["entry"][2:]]
    assert all(category_of(o) == "laboratory" for o in observations(bundle))


def test_patient_is_de_identified(us_lab: StructuredReport) -> None:
    patient = to_fhir_bundle(us_lab)["entry"][1]["resource"]
    assert set(patient) == {"resourceType", "id", "gender"} and patient["gender"] == "female"


def test_mass_units_get_mass_loinc_codes(us_lab: StructuredReport) -> None:
    obs = by_text(to_fhir_bundle(us_lab))
    glucose, creatinine = obs["Glucose A, 02"], obs["Serum Creatinine"]
    assert (loinc_of(glucose), glucose["valueQuantity"]["code"]) == ("2345-7", "mg/dL")
    assert (loinc_of(creatinine), creatinine["valueQuantity"]["code"]) == ("2160-0", "mg/dL")
    assert loinc_of(obs["Cholesterol, Total 02"]) == "2093-3"
    assert loinc_of(obs["Calcium"]) == "17861-6"
    assert glucose["interpretation"][0]["coding"][0]["code"] == "LL"
    assert glucose["referenceRange"] == [
        {
            "low": {"value": 70.0, "unit": "mg/dL", "system": UCUM, "code": "mg/dL"},
            "high": {"value": 99.0, "unit": "mg/dL", "system": UCUM, "code": "mg/dL"},
            "text": "70-99",
        }
    ]


def test_every_coded_loinc_matches_its_unit_kind(us_lab: StructuredReport) -> None:
    catalogue = load_catalogue()
    obs = observations(to_fhir_bundle(us_lab))
    for result, o in zip(us_lab.lab_results, obs, strict=True):
        if result.analyte is not None:
            expected = catalogue.by_code(result.analyte.code).loinc_for(result.unit)
            assert loinc_of(o) == expected == result.analyte.loinc


def test_comparator_and_qualitative_results(us_lab: StructuredReport) -> None:
    obs = by_text(to_fhir_bundle(us_lab))
    crp = obs["C-Reactive Protein, Quant 02"]["valueQuantity"]
    assert (crp["comparator"], crp["value"], crp["code"]) == ("<", 0.3, "mg/L")
    protein = obs["Urine Protein 02"]
    assert protein["valueCodeableConcept"]["coding"][0]["code"] == "260385009"  # Negative
    blood = obs["Occult Blood 02"]
    assert blood["valueCodeableConcept"] == {"text": "weakly positive"}
    assert blood["interpretation"][0]["coding"][0]["code"] == "A"


def test_bundle_is_deterministic(us_lab: StructuredReport) -> None:
    one = json.dumps(to_fhir_bundle(us_lab), sort_keys=True)
    two = json.dumps(to_fhir_bundle(us_lab.model_copy(deep=True)), sort_keys=True)
    assert one == two
    other = us_lab.model_copy(
        update={"source": us_lab.source.model_copy(update={"sha256": "1" * 64})}
    )
    assert to_fhir_bundle(other)["id"] != json.loads(one)["id"]


def test_units_are_ucum(us_lab: StructuredReport) -> None:
    ucumvert = pytest.importorskip("ucumvert")
    parser = ucumvert.get_ucum_parser()
    for code in ucum_codes(to_fhir_bundle(us_lab)):
        parser.parse(code)  # raises on a code that is not UCUM


def test_molar_units_and_a_blood_pressure_panel(run_pipeline: Any) -> None:
    """A Chinese check-up: molar units get the molar LOINC codes; 'BP 119/75' is one panel."""
    report = run_pipeline(SAMPLES / "zh_checkup_multi_42.pdf")
    bundle = to_fhir_bundle(report)
    check_r4(bundle)
    obs = by_text(bundle)
    assert loinc_of(obs["肌酐"]) == "14682-9" and obs["肌酐"]["valueQuantity"]["code"] == "umol/L"
    assert loinc_of(obs["总胆固醇"]) == "14647-2"
    assert loinc_of(obs["三酰甘油"]) == "14927-8"
    assert loinc_of(obs["尿酸"]) == "14933-6"
    assert loinc_of(obs["血红蛋白"]) == "718-7"  # g/L: mass
    vitals = [o for o in observations(bundle) if category_of(o) == "vital-signs"]
    assert len(vitals) == len(report.vitals) - 1  # systolic and diastolic share one panel
    (panel,) = [o for o in vitals if loinc_of(o) == "85354-9"]
    assert "valueQuantity" not in panel
    parts = {loinc_of(c): c["valueQuantity"] for c in panel["component"]}
    assert set(parts) == {"8480-6", "8462-4"}
    assert {q["code"] for q in parts.values()} == {"mm[Hg]"}
    assert ucum_codes(bundle) >= {"mm[Hg]", "cm", "kg", "kg/m2", "/min"}


# ------------------------------------------------------------------ a report made by hand


def _prov(x0: float, page: int = 1) -> list[Provenance]:
    """One provenance entry: a box starting at x0 on a line of the page."""
    return [Provenance(page=page, bbox=BBox(x0=x0, top=100, x1=x0 + 50, bottom=110))]


def _result(rid: str, name: str, x0: float, **fields: Any) -> LabResult:
    """A lab result with the fields given."""
    return LabResult(id=rid, name_raw=name, provenance=_prov(x0), **fields)


def _vital(vid: str, code: str, loinc: str, value: float, unit: str, x0: float, **kw: Any) -> Vital:
    """A vital sign."""
    return Vital(
        id=vid, code=code, loinc=loinc, name_raw=kw.pop("name_raw", code), value_raw=f"{value:g}",
        value=value, unit=unit, provenance=kw.pop("provenance", None) or _prov(x0), **kw,
    )  # fmt: skip


def hand_made(sex: str | None = "M", exam: date | None = date(2025, 3, 12)) -> StructuredReport:
    """Every kind of item the Bundle writes."""
    cat = load_catalogue()
    glu = cat.by_code("GLU")
    crea = cat.by_code("CREA")
    bp = _prov(400)
    results = [
        _result("r1", "葡萄糖", 10, value_raw="25.1", value=25.1, unit_raw="mmol/l", unit="mmol/L",
                flag="HH", flag_source="printed", analyte=glu.ref("mmol/L"),
                reference_range=ReferenceRange(low=3.9, high=6.1, text="3.9-6.1")),
        _result("r2", "肌酐", 70, value_raw="88", value=88.0, unit="umol/L", flag="N",
                analyte=crea.ref("umol/L"),
                reference_range=ReferenceRange(low=57, high=111, high_inclusive=False,
                                               text="57-<111")),
        _result("r3", "HDL", 130, value_raw="38", value=38.0, unit="mg/dL", flag="L",
                analyte=cat.by_code("HDL_C").ref("mg/dL"),
                reference_range=ReferenceRange(low=39, low_inclusive=False, text=">39")),
        _result("r4", "CRP", 190, value_raw="<0.5", value=0.5, comparator="<", unit="mg/L",
                analyte=cat.by_code("CRP").ref("mg/L"), flag="N"),
        _result("r5", "尿蛋白", 250, value_raw="阳性(+)", value_text="positive", flag="A",
                analyte=cat.by_code("U_PRO").ref(None),
                reference_range=ReferenceRange(qualitative="negative", text="阴性")),
        _result("r6", "Mystery test", 310, value_raw="12", value=12.0, unit_raw="zz/L",
                needs_review=True, confidence=0.6),
        _result("r7", "Colour", 370, value_raw="Straw"),
        LabResult(id="r8", name_raw="eGFR", value_raw="99", value=99.0,
                  unit="mL/min/{1.73_m2}", analyte=cat.by_code("EGFR").ref(), derived=True,
                  provenance=_prov(70)),
    ]  # fmt: skip
    vitals = [
        _vital("v1", "height", "8302-2", 176.0, "cm", 500),
        _vital("v2", "weight", "29463-7", 80.0, "kg", 560),
        _vital("v3", "systolic_bp", "8480-6", 150, "mm[Hg]", 0, provenance=bp, name_raw="BP",
               flag="H", flag_source="guideline"),
        _vital("v4", "diastolic_bp", "8462-4", 95, "mm[Hg]", 0, provenance=bp, name_raw="BP",
               flag="H", flag_source="guideline"),
        _vital("v5", "bmi", "39156-5", 25.8, "kg/m2", 0, derived=True, flag="H",
               provenance=_prov(500) + _prov(560)),
    ]  # fmt: skip
    finding = Finding(
        id="f1", category="imaging", modality="ultrasound", heading="腹部彩超", body_site="肝脏",
        text="肝脏回声增粗", impression="脂肪肝", provenance=_prov(10, page=2),
        measurements=[FindingMeasurement(name_raw="大小", value_raw="12 mm", value=12, unit="mm")],
    )  # fmt: skip
    summary = [
        SummaryItem(id="s1", kind="conclusion", text="血糖升高", provenance=_prov(10, page=3)),
        SummaryItem(id="s2", kind="advice", heading="饮食", text="少糖", provenance=_prov(20, page=3)),
    ]  # fmt: skip
    source = SourceInfo(
        file_name="abc.pdf", sha256="ab" * 32, page_count=3,
        pages=[PageInfo(page=p, kind="born_digital", width=595, height=842) for p in (1, 2, 3)],
    )  # fmt: skip
    return StructuredReport(
        source=source, patient=Patient(sex=sex, age=50, exam_date=exam),  # type: ignore[arg-type]
        lab_results=results, vitals=vitals, findings=[finding], summary=summary,
    )  # fmt: skip


@pytest.fixture(scope="module")
def made() -> dict[str, Any]:
    """The hand-made report's Bundle, checked."""
    bundle = to_fhir_bundle(hand_made())
    check_r4(bundle)
    return bundle


def test_hand_made_report_is_valid_r4(made: dict[str, Any]) -> None:
    assert len(observations(made)) == 8 + 4 + 1  # labs; height, weight, BP panel, BMI; finding
    assert made["entry"][1]["resource"]["gender"] == "male"


def test_molar_codes_critical_flag_and_inclusive_bounds(made: dict[str, Any]) -> None:
    obs = by_text(made)
    glucose = obs["葡萄糖"]
    assert loinc_of(glucose) == "14749-6"
    assert glucose["valueQuantity"] == {"value": 25.1, "unit": "mmol/L", "system": UCUM,
                                        "code": "mmol/L"}  # fmt: skip
    assert glucose["interpretation"][0]["coding"][0] == {
        "system": INTERPRETATION, "code": "HH", "display": "Critical high"
    }  # fmt: skip
    assert loinc_of(obs["肌酐"]) == "14682-9"
    assert loinc_of(obs["HDL"]) == "2085-9"  # mg/dL: mass
    # FHIR bounds are inclusive: an exclusive bound stays in the printed text only
    assert set(obs["肌酐"]["referenceRange"][0]) == {"low", "text"}
    assert obs["HDL"]["referenceRange"] == [{"text": ">39"}]


def test_comparator_qualitative_and_unread_values(made: dict[str, Any]) -> None:
    obs = by_text(made)
    assert obs["CRP"]["valueQuantity"]["comparator"] == "<"
    protein = obs["尿蛋白"]
    assert protein["valueCodeableConcept"]["coding"] == [
        {"system": "http://snomed.info/sct", "code": "10828004", "display": "Positive"}
    ]
    assert protein["referenceRange"] == [{"text": "阴性"}]
    mystery = obs["Mystery test"]
    assert "coding" not in mystery["code"]  # no analyte: the printed name only
    assert mystery["valueQuantity"] == {"value": 12.0, "unit": "zz/L"}  # not UCUM: no code
    assert "check the page" in mystery["note"][0]["text"]
    assert obs["Colour"]["valueString"] == "Straw"


def test_derived_results_point_at_their_sources(made: dict[str, Any]) -> None:
    obs = by_text(made)
    urls = {o["id"]: f"urn:uuid:{o['id']}" for o in observations(made)}
    egfr = obs["eGFR"]
    assert loinc_of(egfr) == "98979-8"
    assert egfr["valueQuantity"]["code"] == "mL/min/{1.73_m2}"
    assert egfr["derivedFrom"] == [{"reference": urls[obs["肌酐"]["id"]]}]
    assert "not printed" in egfr["note"][0]["text"]
    bmi = obs["bmi"]
    sources = [urls[obs["height"]["id"]], urls[obs["weight"]["id"]]]
    assert [d["reference"] for d in bmi["derivedFrom"]] == sources


def test_blood_pressure_pair_is_one_panel(made: dict[str, Any]) -> None:
    panel = by_text(made)["BP"]
    assert category_of(panel) == "vital-signs"
    assert panel["code"]["coding"][0]["code"] == "85354-9"
    systolic, diastolic = panel["component"]
    assert (loinc_of(systolic), systolic["valueQuantity"]["value"]) == ("8480-6", 150)
    assert (loinc_of(diastolic), diastolic["valueQuantity"]["code"]) == ("8462-4", "mm[Hg]")
    assert diastolic["interpretation"][0]["coding"][0]["code"] == "H"
    assert "guideline" in panel["note"][0]["text"]


def test_a_lone_systolic_stays_its_own_observation() -> None:
    report = hand_made()
    report.vitals[3] = report.vitals[3].model_copy(update={"provenance": _prov(700)})
    bundle = to_fhir_bundle(report)
    check_r4(bundle)
    codes = [loinc_of(o) for o in observations(bundle) if category_of(o) == "vital-signs"]
    assert "85354-9" not in codes and {"8480-6", "8462-4"} <= set(codes)


def test_finding_and_summary(made: dict[str, Any]) -> None:
    finding = by_text(made)["腹部彩超"]
    assert category_of(finding) == "imaging"
    assert finding["valueString"] == "肝脏回声增粗" and finding["bodySite"] == {"text": "肝脏"}
    assert finding["note"] == [{"text": "Impression: 脂肪肝"}]
    assert finding["component"][0]["valueQuantity"]["code"] == "mm"
    assert made["entry"][0]["resource"]["conclusion"] == "血糖升高\nAdvice: 饮食: 少糖"


def test_no_sex_and_no_exam_date() -> None:
    bundle = to_fhir_bundle(hand_made(sex=None, exam=None))
    check_r4(bundle)
    assert set(bundle["entry"][1]["resource"]) == {"resourceType", "id"}
    assert not any(p.endswith("effectiveDateTime") for p, _ in _walk(bundle))


def test_an_empty_report_is_a_valid_bundle() -> None:
    report = hand_made().model_copy(
        update={"lab_results": [], "vitals": [], "findings": [], "summary": []}
    )
    bundle = to_fhir_bundle(report)
    check_r4(bundle)
    assert [e["resource"]["resourceType"] for e in bundle["entry"]] == [
        "DiagnosticReport",
        "Patient",
    ]


# ------------------------------------------------------------------ writer and command line


def test_writer_names_the_file_fhir_json(tmp_path: Path) -> None:
    path = write_report(hand_made(), tmp_path, "abc.pdf", "fhir")
    assert path.name == "abc.pdf.fhir.json"
    check_r4(json.loads(path.read_text(encoding="utf-8")))
    assert "葡萄糖" in path.read_text(encoding="utf-8")  # non-ASCII kept readable


def test_cli_format_fhir(tmp_path: Path, us_lab: StructuredReport) -> None:
    """The command writes <content hash>.pdf.fhir.json: the Bundle of the API's report."""
    out = tmp_path / "out"
    args = ["ingest", str(SAMPLES / "en_us_lab_28.pdf"), "-o", str(out), "--format", "fhir", "-q"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    (written,) = out.iterdir()
    assert written.name.endswith(".pdf.fhir.json") and "en_us_lab" not in written.name  # a hash
    bundle = json.loads(written.read_text(encoding="utf-8"))
    check_r4(bundle)
    assert bundle == to_fhir_bundle(us_lab)
