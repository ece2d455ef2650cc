"""What a report says in words beside its tables: findings, the physician's summary, and the
report's own sections, read from the lines its results and vitals did not take."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from checkup2action.geometry import Box
from checkup2action.layout.lines import TextLine
from checkup2action.normalize.findings import findings_of
from checkup2action.normalize.sections import outline, sections_of
from checkup2action.normalize.summary import summary_of
from checkup2action.report.models import Finding, LabResult, Section, SummaryItem, Vital


@dataclass(frozen=True, slots=True)
class Narrative:
    """Findings, summary items and sections of one report (boxes in the working frame)."""

    findings: list[Finding]
    summary: list[SummaryItem]
    sections: list[Section]


def narrative_of(
    lines: Mapping[int, list[TextLine]], results: Iterable[LabResult], vitals: Iterable[Vital]
) -> Narrative:
    """Read the report's words outside its result and vital rows."""
    results = list(results)
    blocks = outline(lines, _taken(results, vitals), _panels(results))
    return Narrative(findings_of(blocks), summary_of(blocks), sections_of(blocks))


def _taken(results: list[LabResult], vitals: Iterable[Vital]) -> dict[int, list[Box]]:
    """The boxes of every result row and vital, by page."""
    out: dict[int, list[Box]] = {}
    items: list[LabResult | Vital] = [*results, *vitals]
    for item in items:
        for prov in item.provenance:
            b = prov.bbox
            out.setdefault(prov.page, []).append((b.x0, b.top, b.x1, b.bottom))
    return out


def _panels(results: list[LabResult]) -> dict[int, set[str]]:
    """The panel names the table reader gave rows, by the page of the row."""
    out: dict[int, set[str]] = {}
    for result in results:
        if result.panel:
            out.setdefault(result.provenance[0].page, set()).add(result.panel)
    return out
