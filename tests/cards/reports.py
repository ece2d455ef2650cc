"""Small structured reports for the card tests, built item by item."""

from __future__ import annotations

from checkup2action.grammar.catalogue import load_catalogue
from checkup2action.report.models import (
    BBox,
    Finding,
    LabResult,
    Provenance,
    ReferenceRange,
    SourceInfo,
    StructuredReport,
    Vital,
)

PROV = [Provenance(page=1, bbox=BBox(x0=10, top=20, x1=200, bottom=30))]


def result(
    rid: str,
    name: str,
    value: float,
    flag: str | None,
    *,
    code: str | None = None,
    low: float | None = None,
    high: float | None = None,
    unit: str | None = None,
    canonical: float | None = None,
    panel: str | None = None,
) -> LabResult:
    """A numeric lab result; ``code`` names its analyte (None: the catalogue does not know it)."""
    analyte = load_catalogue().by_code(code) if code else None
    return LabResult(
        id=rid, panel=panel, name_raw=name, value_raw=str(value), value=value, unit=unit,
        value_canonical=canonical, unit_canonical=analyte.unit if analyte else None,
        reference_range=ReferenceRange(low=low, high=high) if low is not None or high is not None else None,
        flag=flag, analyte=analyte.ref(unit) if analyte else None, provenance=PROV,
    )  # fmt: skip


def vital(vid: str, code: str, value: float, name: str) -> Vital:
    """A vital sign."""
    return Vital(id=vid, code=code, loinc="39156-5", name_raw=name, value_raw=str(value),
                 value=value, unit="1", provenance=PROV)  # fmt: skip


def finding(
    fid: str, category: str, heading: str, text: str, impression: str | None = None
) -> Finding:
    """A finding as printed."""
    return Finding(id=fid, category=category, heading=heading, text=text, impression=impression,
                   provenance=PROV)  # fmt: skip


def report(results=(), vitals=(), findings=()) -> StructuredReport:
    """A report holding those items."""
    return StructuredReport(
        source=SourceInfo(file_name="x", sha256="a" * 64, page_count=1, pages=[]),
        lab_results=list(results), vitals=list(vitals), findings=list(findings),
    )  # fmt: skip
