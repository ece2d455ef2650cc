"""What a report says in words beside its tables: findings, the physician's summary, and the
report's own sections, read from the lines its results and vitals did not take. A numbered line
of a summary that was read as a row with a word for its value (``4. Urine Glucose abnormal``)
is the summary's item: the row's id is in ``absorbed`` and the pipeline leaves it out."""

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
    absorbed: frozenset[str] = frozenset()  # result ids that were a summary's items


def narrative_of(
    lines: Mapping[int, list[TextLine]], results: Iterable[LabResult], vitals: Iterable[Vital]
) -> Narrative:
    """Read the report's words outside its result and vital rows."""
    results = list(results)
    words = [r for r in results if r.value is None]
    numbers = [r for r in results if r.value is not None]
    blocks = outline(lines, _taken(numbers, vitals), _panels(results), _soft(words))
    absorbed = frozenset(rid for block in blocks for rid in block.absorbed)
    return Narrative(findings_of(blocks), summary_of(blocks), sections_of(blocks), absorbed)


def _soft(results: list[LabResult]) -> dict[int, list[tuple[str, Box]]]:
    """Rows whose value is a word, by page: a summary's numbered line can be one of them."""
    out: dict[int, list[tuple[str, Box]]] = {}
    for result in results:
        for page, box in _boxes(result):
            out.setdefault(page, []).append((result.id, box))
    return out


def _taken(results: list[LabResult], vitals: Iterable[Vital]) -> dict[int, list[Box]]:
    """The boxes of every result row and vital, by page."""
    out: dict[int, list[Box]] = {}
    items: list[LabResult | Vital] = [*results, *vitals]
    for item in items:
        for page, box in _boxes(item):
            out.setdefault(page, []).append(box)
    return out


def _boxes(item: LabResult | Vital) -> list[tuple[int, Box]]:
    """An item's provenance boxes with their pages."""
    return [(p.page, (p.bbox.x0, p.bbox.top, p.bbox.x1, p.bbox.bottom)) for p in item.provenance]


def _panels(results: list[LabResult]) -> dict[int, set[str]]:
    """The panel names the table reader gave rows, by the page of the row."""
    out: dict[int, set[str]] = {}
    for result in results:
        if result.panel:
            out.setdefault(result.provenance[0].page, set()).add(result.panel)
    return out
