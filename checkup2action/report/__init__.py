"""The output contract: pydantic models of the structured report and its JSON Schema."""

from checkup2action.report.models import (
    SCHEMA_NAME,
    SCHEMA_VERSION,
    AnalyteRef,
    BBox,
    EarlierResult,
    LabResult,
    PageInfo,
    Patient,
    Provenance,
    ReferenceRange,
    ReportWarning,
    SourceInfo,
    StructuredReport,
)

__all__ = [
    "SCHEMA_NAME",
    "SCHEMA_VERSION",
    "AnalyteRef",
    "BBox",
    "EarlierResult",
    "LabResult",
    "PageInfo",
    "Patient",
    "Provenance",
    "ReferenceRange",
    "ReportWarning",
    "SourceInfo",
    "StructuredReport",
]
