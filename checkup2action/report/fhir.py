"""A StructuredReport as a FHIR R4 Bundle, in plain dicts (no FHIR library at run time).

The Bundle is of type ``collection``: a ``document`` Bundle must open with a Composition that
an author attests, which a de-identified extraction cannot honestly supply, and a
``transaction`` asks a server to write. It holds one DiagnosticReport (LOINC 11502-2,
"Laboratory report") whose ``result`` lists every Observation, one Patient with nothing but its
gender (no name, identifier or birth date: the report is de-identified), one Observation per
lab result (category ``laboratory``), per vital sign (``vital-signs``; a systolic and diastolic
pair read from one box becomes one blood-pressure panel, 85354-9, with two components) and per
finding (ECG ``procedure``, imaging ``imaging``, physical examination ``exam``; text only, no
code). A lab result's LOINC code is the catalogue's code for its unit's kind (mass or molar
concentration), values are ``valueQuantity`` in UCUM, flags the v3 ObservationInterpretation
codes. Resource ids are UUIDs derived from the document's sha256 and the item's id, so one
report always gives the same Bundle. Earlier visits' results (``history``), warnings, sections
and the page boxes are not exported: they belong to other reports or to this tool's review.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from checkup2action.errors import CatalogueError
from checkup2action.grammar.catalogue import load_catalogue
from checkup2action.report.models import (
    Finding,
    LabResult,
    Provenance,
    ReferenceRange,
    StructuredReport,
    Vital,
)

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
SNOMED = "http://snomed.info/sct"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
DIAGNOSTIC_SERVICE = "http://terminology.hl7.org/CodeSystem/v2-0074"
#: Namespace of the resource UUIDs (uuid5 of the document's sha256 and an item's id).
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://checkup2action.invalid/fhir")
REPORT_CODE = ("11502-2", "Laboratory report")
BP_PANEL = ("85354-9", "Blood pressure panel with all children optional")
INTERPRETATIONS = {
    "H": "High", "L": "Low", "HH": "Critical high", "LL": "Critical low", "A": "Abnormal",
    "N": "Normal",
}  # fmt: skip
GENDERS = {"M": "male", "F": "female"}
#: Qualitative results with a SNOMED CT qualifier value; others keep their text only.
QUALITATIVE = {"negative": ("260385009", "Negative"), "positive": ("10828004", "Positive")}
FINDING_CATEGORIES = {"ecg": "procedure", "imaging": "imaging", "physical_exam": "exam"}
_DERIVED_NOTE = "Computed from other results of this report; not printed on it."
_REVIEW_NOTE = "Read with doubt (OCR confidence, an OCR slip or an ambiguous row): check the page."
_GUIDELINE_NOTE = "Flag from a documented adult guideline band; the report printed no range."

Resource = dict[str, Any]
_BoxKey = tuple[int, float, float, float, float]


@dataclass(slots=True)
class _Context:
    """What every resource of one Bundle shares, and the Observations made so far."""

    sha256: str
    patient_url: str
    effective: str | None
    entries: list[Resource] = field(default_factory=list)
    lab_boxes: dict[_BoxKey, str] = field(default_factory=dict)
    vital_boxes: dict[_BoxKey, str] = field(default_factory=dict)

    def url(self, key: str) -> str:
        """The ``urn:uuid:`` full URL of an item (stable for one document)."""
        return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'{self.sha256}/{key}')}"

    def add(self, url: str, resource: Resource) -> str:
        """Add a resource (id from its URL) as a Bundle entry; return its URL."""
        resource = {"resourceType": resource.pop("resourceType"), "id": url[9:], **resource}
        self.entries.append({"fullUrl": url, "resource": _compact(resource)})
        return url


def _compact(value: Any) -> Any:
    """Drop None, empty strings, lists and objects at any depth (FHIR JSON forbids them)."""
    if isinstance(value, dict):
        items = ((k, _compact(v)) for k, v in value.items())
        return {k: v for k, v in items if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [v for v in (_compact(v) for v in value) if v not in (None, "", [], {})]
    return value


def _box(p: Provenance) -> _BoxKey:
    """A provenance entry as a hashable key: page and box."""
    return (p.page, p.bbox.x0, p.bbox.top, p.bbox.x1, p.bbox.bottom)


def _coding(system: str, code: str, display: str | None = None) -> dict[str, str | None]:
    """One Coding."""
    return {"system": system, "code": code, "display": display}


def _concept(loinc: str | None, text: str | None, display: str | None = None) -> Resource:
    """A CodeableConcept: a LOINC coding when known, and the text as printed."""
    return {"coding": [_coding(LOINC, loinc, display)] if loinc else [], "text": text}


def _category(code: str) -> list[Resource]:
    """An Observation's category (observation-category code system)."""
    return [{"coding": [_coding(OBSERVATION_CATEGORY, code)]}]


def _quantity(value: float, unit: str | None, printed: str | None = None) -> Resource:
    """A Quantity in UCUM; a unit we could not read into UCUM stays as printed, uncoded."""
    if unit:
        return {"value": value, "unit": unit, "system": UCUM, "code": unit}
    return {"value": value, "unit": printed}


def _interpretation(flag: str | None) -> list[Resource]:
    """The v3 ObservationInterpretation of a flag (H, L, HH, LL, A, N)."""
    if flag not in INTERPRETATIONS:
        return []
    return [{"coding": [_coding(INTERPRETATION, flag, INTERPRETATIONS[flag])]}]


def _reference_range(rng: ReferenceRange | None, unit: str | None) -> list[Resource]:
    """A referenceRange: inclusive bounds as quantities of the value's unit (or the range's own),
    and the range as printed. FHIR bounds are inclusive, so an exclusive one (``>39``) stays in
    the text only."""
    if rng is None:
        return []
    unit = rng.unit or unit
    low = _quantity(rng.low, unit) if rng.low is not None and rng.low_inclusive else None
    high = _quantity(rng.high, unit) if rng.high is not None and rng.high_inclusive else None
    out = _compact({"low": low, "high": high, "text": rng.text or rng.qualitative})
    return [out] if out else []


def _lab_value(result: LabResult) -> Resource:
    """value[x] of a lab result: a Quantity, a coded or worded qualitative result, or the print."""
    if result.value is not None:
        quantity = _quantity(result.value, result.unit, result.unit_raw)
        return {"valueQuantity": {**quantity, "comparator": result.comparator}}
    if result.value_text is not None:
        coded = QUALITATIVE.get(result.value_text)
        coding = [_coding(SNOMED, *coded)] if coded else []
        text = result.value_text.replace("_", " ")
        return {"valueCodeableConcept": {"coding": coding, "text": text}}
    return {"valueString": result.value_raw}


def _lab_loinc(result: LabResult) -> str | None:
    """The LOINC code of a result: the catalogue's code for the kind of its unit (mass or molar
    concentration), else the code the report carries."""
    if result.analyte is None:
        return None
    try:
        analyte = load_catalogue().by_code(result.analyte.code)
    except (KeyError, CatalogueError):
        return result.analyte.loinc
    return analyte.loinc_for(result.unit)


def _derived_from(item: LabResult | Vital, boxes: Iterable[dict[_BoxKey, str]]) -> list[Resource]:
    """References to the Observations read from the boxes a derived item points at."""
    urls: dict[str, None] = {}
    for p in item.provenance:
        url = next((b[_box(p)] for b in boxes if _box(p) in b), None)
        if url is not None:
            urls[url] = None
    return [{"reference": u} for u in urls]


def _notes(*texts: str | None) -> list[Resource]:
    """Annotations for the texts given."""
    return [{"text": t} for t in texts if t]


def _lab_observation(result: LabResult, ctx: _Context) -> None:
    """Add one lab result as an Observation (category laboratory)."""
    url = ctx.url(f"lab/{result.id}")
    derived = result.derived
    resource = {
        "resourceType": "Observation",
        "status": "final",
        "category": _category("laboratory"),
        "code": _concept(_lab_loinc(result), result.name_raw),
        "subject": {"reference": ctx.patient_url},
        "effectiveDateTime": ctx.effective,
        **_lab_value(result),
        "interpretation": _interpretation(result.flag),
        "note": _notes(
            _DERIVED_NOTE if derived else None, _REVIEW_NOTE if result.needs_review else None
        ),
        "referenceRange": _reference_range(result.reference_range, result.unit),
        "derivedFrom": _derived_from(result, (ctx.lab_boxes, ctx.vital_boxes)) if derived else [],
    }
    ctx.add(url, resource)


def _vital_url(vitals: list[Vital], ctx: _Context) -> str:
    """The full URL of a vital's Observation (or of a blood-pressure pair's panel)."""
    return ctx.url("vital/" + "+".join(v.id for v in vitals))


def _vital_component(vital: Vital) -> Resource:
    """One vital as a component of a panel (code, value, interpretation, range)."""
    return {
        "code": _concept(vital.loinc, vital.name_raw),
        "valueQuantity": _quantity(vital.value, vital.unit),
        "interpretation": _interpretation(vital.flag),
        "referenceRange": _reference_range(vital.reference_range, vital.unit),
    }


def _vital_observation(vitals: list[Vital], ctx: _Context) -> None:
    """Add one vital, or a systolic/diastolic pair as a blood-pressure panel (vital-signs)."""
    head = vitals[0]
    url = _vital_url(vitals, ctx)
    names = {v.name_raw for v in vitals}
    guideline = any(v.flag_source == "guideline" and v.flag for v in vitals)
    resource: Resource = {
        "resourceType": "Observation",
        "status": "final",
        "category": _category("vital-signs"),
        "subject": {"reference": ctx.patient_url},
        "effectiveDateTime": ctx.effective,
        "note": _notes(
            _DERIVED_NOTE if head.derived else None, _GUIDELINE_NOTE if guideline else None
        ),
        "derivedFrom": (
            _derived_from(head, (ctx.vital_boxes, ctx.lab_boxes)) if head.derived else []
        ),
    }
    if len(vitals) == 2:
        text = head.name_raw if len(names) == 1 else "Blood pressure"
        resource["code"] = _concept(BP_PANEL[0], text, BP_PANEL[1])
        resource["component"] = [_vital_component(v) for v in vitals]
    else:
        resource.update(_vital_component(head))
    ctx.add(url, resource)


def _diastolic_mate(systolic: Vital, vitals: list[Vital], used: set[str]) -> Vital | None:
    """The diastolic pressure read from the same boxes as a systolic one (``BP 128/86``)."""
    if systolic.code != "systolic_bp" or systolic.derived:
        return None
    boxes = [_box(p) for p in systolic.provenance]
    mates = (d for d in vitals if d.code == "diastolic_bp" and not d.derived and d.id not in used)
    return next((d for d in mates if [_box(p) for p in d.provenance] == boxes), None)


def _blood_pressure_pairs(vitals: list[Vital]) -> list[list[Vital]]:
    """Vitals in order, a systolic and a diastolic read from the same boxes grouped together."""
    groups: list[list[Vital]] = []
    used: set[str] = set()
    for v in vitals:
        if v.id in used:
            continue
        used.add(v.id)
        mate = _diastolic_mate(v, vitals, used)
        if mate is not None:
            used.add(mate.id)
        groups.append([v, mate] if mate is not None else [v])
    return groups


def _is_vital_row(result: LabResult, vitals: list[Vital]) -> bool:
    """A result row that is also a vital (same LOINC, value and page): the vital stands for it."""
    loinc = result.analyte.loinc if result.analyte else None
    page = result.provenance[0].page
    return loinc is not None and any(
        v.loinc == loinc and v.value == result.value and v.provenance[0].page == page
        for v in vitals
    )


def _finding_observation(finding: Finding, ctx: _Context) -> None:
    """Add one finding as an Observation in words (ECG, imaging or physical examination)."""
    title = finding.heading or (finding.modality or finding.category).replace("_", " ")
    text = finding.text or finding.impression
    impression = (
        f"Impression: {finding.impression}" if finding.text and finding.impression else None
    )
    resource = {
        "resourceType": "Observation",
        "status": "final",
        "category": _category(FINDING_CATEGORIES[finding.category]),
        "code": {"text": title},
        "subject": {"reference": ctx.patient_url},
        "effectiveDateTime": ctx.effective,
        "valueString": text,
        "note": _notes(impression),
        "bodySite": {"text": finding.body_site},
        "component": [
            {
                "code": {"text": m.name_raw},
                **(
                    {"valueQuantity": _quantity(m.value, m.unit)}
                    if m.value is not None
                    else {"valueString": m.value_raw}
                ),
            }
            for m in finding.measurements
        ],
    }
    ctx.add(ctx.url(f"finding/{finding.id}"), resource)


def _conclusion(report: StructuredReport) -> str | None:
    """The physician's summary and advice as one text, in the report's order."""
    lines = []
    for item in report.summary:
        head = f"{item.heading}: " if item.heading else ""
        lines.append(("Advice: " if item.kind == "advice" else "") + head + item.text)
    return "\n".join(lines) or None


def _register_boxes(labs: list[LabResult], vitals: list[list[Vital]], ctx: _Context) -> None:
    """Remember which Observation each printed box went to, for derived items' derivedFrom."""
    for result in labs:
        if not result.derived:
            url = ctx.url(f"lab/{result.id}")
            for p in result.provenance:
                ctx.lab_boxes.setdefault(_box(p), url)
    for group in vitals:
        if not group[0].derived:
            url = _vital_url(group, ctx)
            for p in group[0].provenance:
                ctx.vital_boxes.setdefault(_box(p), url)


def to_fhir_bundle(report: StructuredReport) -> dict[str, Any]:
    """The report as a FHIR R4 Bundle (type collection) of plain JSON-ready dicts."""
    exam = report.patient.exam_date
    ctx = _Context(sha256=report.source.sha256, patient_url="", effective=None)
    ctx.patient_url = ctx.url("patient")
    ctx.effective = exam.isoformat() if exam else None
    labs = [r for r in report.lab_results if r.derived or not _is_vital_row(r, report.vitals)]
    vitals = _blood_pressure_pairs(report.vitals)
    _register_boxes(labs, vitals, ctx)
    for result in labs:
        _lab_observation(result, ctx)
    for group in vitals:
        _vital_observation(group, ctx)
    for finding in report.findings:
        _finding_observation(finding, ctx)
    observations, ctx.entries = ctx.entries, []
    diagnostic = {
        "resourceType": "DiagnosticReport",
        "status": "final",
        "category": [{"coding": [_coding(DIAGNOSTIC_SERVICE, "LAB", "Laboratory")]}],
        "code": _concept(REPORT_CODE[0], "Check-up report", REPORT_CODE[1]),
        "subject": {"reference": ctx.patient_url},
        "effectiveDateTime": ctx.effective,
        "result": [{"reference": e["fullUrl"]} for e in observations],
        "conclusion": _conclusion(report),
    }
    ctx.add(ctx.url("report"), diagnostic)
    ctx.add(
        ctx.patient_url,
        {"resourceType": "Patient", "gender": GENDERS.get(report.patient.sex or "")},
    )
    return {
        "resourceType": "Bundle",
        "id": ctx.url("bundle")[9:],
        "type": "collection",
        "entry": ctx.entries + observations,
    }
