"""Pydantic v2 models of the structured report: the contract later tools rely on.

Coordinates are PDF points with a top-left origin, ``(x0, top, x1, bottom)``; pages count from 1.
Bump ``SCHEMA_VERSION`` whenever a field changes; ``tests/report/test_schema.py`` enforces it.
"""

from __future__ import annotations

from datetime import date
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_NAME: Final = "checkup2action.StructuredReport"
SCHEMA_VERSION = "1.6.0"

Flag = Literal["H", "L", "HH", "LL", "A", "N"]
FlagSource = Literal["printed", "style", "computed"]
Comparator = Literal["<", "<=", ">", ">="]
PageKind = Literal["born_digital", "scanned"]
RegionKind = Literal["title", "key_value", "table", "text", "figure", "header", "footer"]
Sex = Literal["M", "F"]
#: ``date`` under another name, for models with a field called ``date`` (it would shadow the type).
CalendarDate = date


class _Model(BaseModel):
    """Base of every output model: unknown fields are an error."""

    model_config = ConfigDict(extra="forbid")


class BBox(_Model):
    """A box in PDF points, top-left origin."""

    x0: float
    top: float
    x1: float
    bottom: float

    @model_validator(mode="after")
    def _ordered(self) -> BBox:
        """Reject boxes whose corners are swapped."""
        if self.x1 < self.x0 or self.bottom < self.top:
            raise ValueError(f"box corners out of order: {self}")
        return self

    def union(self, other: BBox) -> BBox:
        """Smallest box that holds both."""
        return BBox(
            x0=min(self.x0, other.x0),
            top=min(self.top, other.top),
            x1=max(self.x1, other.x1),
            bottom=max(self.bottom, other.bottom),
        )


class Provenance(_Model):
    """Where a value was read: page, box, and how."""

    page: int = Field(ge=1)
    bbox: BBox
    source: Literal["text_layer", "ocr"] = "text_layer"
    engine: str | None = None
    confidence: float | None = Field(default=None, ge=0.0, le=1.0)


class PageRegion(_Model):
    """A layout region of a page (title, patient key-value block, table, …), in points."""

    kind: RegionKind
    bbox: BBox
    score: float | None = Field(default=None, ge=0.0, le=1.0)  # model confidence; None: geometry


class PageInfo(_Model):
    """One page of the source document."""

    page: int = Field(ge=1)
    kind: PageKind
    width: float
    height: float
    regions: list[PageRegion] = Field(default_factory=list)  # in reading order


class SourceInfo(_Model):
    """The input document."""

    file_name: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    page_count: int = Field(ge=0)
    pages: list[PageInfo]


class Patient(_Model):
    """Demographics kept after de-identification: no names, no identifiers."""

    sex: Sex | None = None
    age: float | None = Field(default=None, ge=0, le=130)
    age_band: Literal["90+"] | None = Field(
        default=None, description="Set when the age was over 89: age then says 90 (de-identified)."
    )
    exam_date: date | None = None


class ReferenceRange(_Model):
    """A reference interval as printed and as parsed."""

    low: float | None = None
    high: float | None = None
    low_inclusive: bool = True
    high_inclusive: bool = True
    qualitative: str | None = Field(
        default=None, description="Expected qualitative result, normalised: 'negative', 'positive'."
    )
    text: str | None = Field(default=None, description="The range exactly as printed.")
    unit: str | None = Field(default=None, description="UCUM unit printed inside the range.")


class AnalyteRef(_Model):
    """The catalogue analyte a result was mapped to."""

    code: str
    loinc: str | None = None
    name_en: str
    name_zh: str | None = None
    category: str


class EarlierResult(_Model):
    """A result of an earlier visit printed beside the current one (a previous-result column)."""

    value_raw: str = Field(description="The value as printed, without a date printed beside it.")
    value: float | None = None
    comparator: Comparator | None = None
    value_text: str | None = Field(default=None, description="Qualitative result, normalised.")
    date: CalendarDate | None = Field(
        default=None, description="Date of the visit: printed in the cell or in its column header."
    )
    header: str | None = Field(default=None, description="The column header as printed.")
    provenance: list[Provenance] = Field(min_length=1)


class LabResult(_Model):
    """One laboratory result row."""

    id: str
    panel: str | None = None
    name_raw: str
    value_raw: str
    value: float | None = None
    comparator: Comparator | None = None
    value_text: str | None = Field(default=None, description="Qualitative result, normalised.")
    unit_raw: str | None = None
    unit: str | None = Field(default=None, description="UCUM unit of value.")
    value_canonical: float | None = None
    unit_canonical: str | None = None
    reference_range: ReferenceRange | None = None
    flag: Flag | None = None
    flag_raw: str | None = None
    flag_source: FlagSource | None = None
    previous_value: float | None = None
    previous_value_raw: str | None = None
    previous_date: date | None = None
    history: list[EarlierResult] = Field(
        default_factory=list,
        description="Results of earlier visits, newest first; previous_* repeat the first.",
    )
    analyte: AnalyteRef | None = None
    provenance: list[Provenance] = Field(min_length=1)
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    needs_review: bool = False
    derived: bool = Field(
        default=False,
        description="True: computed from other results of the report (not printed); provenance "
        "then points at the results it was computed from.",
    )


VitalCode = Literal[
    "height", "weight", "bmi", "waist", "systolic_bp", "diastolic_bp", "pulse", "temperature",
    "spo2", "respiratory_rate",
]  # fmt: skip


class Vital(_Model):
    """One vital sign or body measurement (a blood pressure gives two: systolic, diastolic)."""

    id: str
    code: VitalCode
    loinc: str
    name_raw: str = Field(description="The label as printed.")
    value_raw: str
    value: float
    unit: str = Field(description="UCUM unit of value (converted from the printed unit).")
    unit_raw: str | None = None
    reference_range: ReferenceRange | None = None
    flag: Literal["H", "L", "N"] | None = None
    flag_source: Literal["printed_range", "guideline"] | None = Field(
        default=None,
        description="printed_range: the range on the line; guideline: the documented adult band "
        "of normalize/data/vitals.yaml (no range printed).",
    )
    provenance: list[Provenance] = Field(min_length=1)
    derived: bool = Field(
        default=False, description="True: computed from other vitals (BMI from height and weight)."
    )


FindingCategory = Literal["ecg", "imaging", "physical_exam"]
Modality = Literal[
    "ecg", "ultrasound", "x_ray", "ct", "mri", "bone_density", "mammography", "endoscopy",
    "fundus", "other",
]  # fmt: skip


class FindingMeasurement(_Model):
    """A number printed inside a finding (an ECG interval, a nodule's size), as printed."""

    name_raw: str
    value_raw: str
    value: float | None = None
    unit: str | None = Field(default=None, description="UCUM unit of value.")


class Finding(_Model):
    """An examination reported in words: ECG, imaging or a physical-exam line. Verbatim: the text
    is what the report prints, never an interpretation."""

    id: str
    category: FindingCategory
    modality: Modality | None = Field(default=None, description="ECG and imaging only.")
    heading: str | None = Field(default=None, description="The examination's name as printed.")
    body_site: str | None = Field(default=None, description="As printed (甲状腺, Chest).")
    text: str | None = Field(default=None, description="The findings as printed.")
    impression: str | None = Field(default=None, description="The conclusion as printed.")
    measurements: list[FindingMeasurement] = Field(default_factory=list)
    provenance: list[Provenance] = Field(min_length=1)


class SummaryItem(_Model):
    """One item of the physician's summary or advice, in the report's order."""

    id: str
    kind: Literal["conclusion", "advice"] = Field(
        description="conclusion: what the physician found (总检结论, Summary, Impression); "
        "advice: what they recommend (建议, Recommendations)."
    )
    heading: str | None = Field(default=None, description="The item's own title, as printed.")
    text: str
    provenance: list[Provenance] = Field(min_length=1)


SectionKind = Literal[
    "patient", "vitals", "physical_exam", "laboratory", "ecg", "imaging", "summary", "other"
]


class Section(_Model):
    """One of the report's own headings and the pages it spans."""

    title: str = Field(description="The heading as printed.")
    kind: SectionKind
    page_start: int = Field(ge=1)
    page_end: int = Field(ge=1)
    provenance: list[Provenance] = Field(min_length=1, description="The heading's box.")


class ReportWarning(_Model):
    """Something a reader of the report should know about."""

    stage: str
    code: str
    message: str
    page: int | None = Field(default=None, ge=1)
    result_id: str | None = None


class KeptIdentifier(_Model):
    """An identifier found on the document, kept only when asked for (clinical use)."""

    kind: Literal["name", "id_number", "record_number", "phone", "email", "address", "birth_date"]
    text: str
    rule: str = Field(
        description="What told us: a field label (label:...) or the shape (shape:...)."
    )


class StructuredReport(_Model):
    """The structured, normalised content of one check-up report."""

    schema_name: Literal["checkup2action.StructuredReport"] = SCHEMA_NAME
    schema_version: str = SCHEMA_VERSION
    source: SourceInfo
    patient: Patient = Field(default_factory=Patient)
    lab_results: list[LabResult] = Field(default_factory=list)
    vitals: list[Vital] = Field(
        default_factory=list,
        description="Vital signs and body measurements, wherever printed (a table row that is one "
        "stays in lab_results too).",
    )
    findings: list[Finding] = Field(
        default_factory=list, description="ECG, imaging and physical-exam findings, verbatim."
    )
    summary: list[SummaryItem] = Field(
        default_factory=list, description="The physician's summary and advice, in order."
    )
    sections: list[Section] = Field(
        default_factory=list, description="The report's own headings, in reading order."
    )
    warnings: list[ReportWarning] = Field(default_factory=list)
    date_policy: Literal["keep", "month", "year", "shift"] = Field(
        default="keep",
        description="How dates were generalised: keep (as printed), month (the 1st of the month),"
        " year (1 January), shift (every date of the document moved by one undisclosed number"
        " of days).",
    )
    identifiers: list[KeptIdentifier] = Field(
        default_factory=list,
        description="IDENTIFIERS of the patient and staff: empty unless keep_identifiers was asked "
        "for (clinical use); every other field is de-identified either way.",
    )

    def to_json(self, indent: int | None = 2) -> str:
        """Serialise with non-ASCII text kept readable."""
        import json

        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False, indent=indent)
