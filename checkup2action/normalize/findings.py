"""Findings of examinations reported in words: ECG, imaging and physical-exam departments.

Each block of the report's outline (``normalize.sections``) whose heading names an ECG, an
imaging study or a physical-exam department becomes one finding. Inside it, sub-labels split the
findings as printed (``超声所见``, ``Findings``) from the conclusion (``提示``, ``Impression``,
a department's ``小结``); lines that only say who signed it and when are left out. Without
sub-labels an ECG's lines are its conclusion, and an imaging study's are its findings (one line
alone: its conclusion). The text is kept verbatim, lines joined by newlines; numbers printed in
an ECG block (heart rate, PR, QRS, QT, QTc, axis) are also listed as measurements.
"""

from __future__ import annotations

from collections.abc import Iterable

from checkup2action.normalize.sections import Block, FreeLine, provenance
from checkup2action.normalize.sectionwords import (
    department_summary,
    ecg_measurements,
    sub_label,
)
from checkup2action.report.models import Finding, FindingMeasurement

#: Section kinds that hold findings, and the finding category each gives.
CATEGORIES = {"ecg": "ecg", "imaging": "imaging", "physical_exam": "physical_exam"}


def findings_of(blocks: Iterable[Block]) -> list[Finding]:
    """One finding per ECG, imaging or physical-exam block that prints something."""
    out: list[Finding] = []
    for block in blocks:
        category = CATEGORIES.get(block.kind.kind)
        if category is None:
            continue
        finding = _finding(block, category, f"f{len(out) + 1:04d}")
        if finding is not None:
            out.append(finding)
    return out


def _finding(block: Block, category: str, finding_id: str) -> Finding | None:
    """The finding a block prints, or None when it prints nothing."""
    lines = block.content()
    if not lines:
        return None
    if category == "physical_exam":
        text, impression = _department_parts(lines)
    else:
        text, impression = _exam_parts(lines, ecg=category == "ecg")
    if not text and not impression:
        return None
    modality = "ecg" if category == "ecg" else block.kind.modality
    if category == "imaging" and modality is None:
        modality = "other"
    measurements = _measurements(lines) if category == "ecg" else []
    return Finding(
        id=finding_id,
        category=category,  # type: ignore[arg-type]
        modality=modality,  # type: ignore[arg-type]
        heading=block.title or None,
        body_site=block.kind.body_site,
        text=text,
        impression=impression,
        measurements=measurements,
        provenance=provenance(([block.heading] if block.heading else []) + lines),
    )


def _joined(parts: list[str]) -> str | None:
    """Lines joined by newlines; None when there is none."""
    kept = [p.strip() for p in parts if p.strip()]
    return "\n".join(kept) or None


def _exam_parts(lines: list[FreeLine], *, ecg: bool) -> tuple[str | None, str | None]:
    """Findings text and conclusion of an ECG or imaging block, split at its sub-labels."""
    parts: dict[str | None, list[str]] = {None: [], "text": [], "impression": []}
    current: str | None = None
    for line in lines:
        label, rest = sub_label(line.text)
        if label is not None:
            current = label
            parts[label].append(rest)
        else:
            parts[current].append(line.text)
    unlabelled = parts[None]
    if not parts["text"] and not parts["impression"]:
        if ecg or len(unlabelled) == 1:
            return None, _joined(unlabelled)
        return _joined(unlabelled), None
    if parts["text"]:  # lines above ``超声所见`` / ``Findings`` are the study's particulars
        unlabelled = []
    return _joined(unlabelled + parts["text"]), _joined(parts["impression"])


def _department_parts(lines: list[FreeLine]) -> tuple[str | None, str | None]:
    """A physical-exam department's item lines, and its own conclusion line."""
    items, conclusion = [], []
    for line in lines:
        rest = department_summary(line.text)
        if rest is not None:
            conclusion.append(rest)
        else:
            items.append(line.text)
    return _joined(items), _joined(conclusion)


def _measurements(lines: list[FreeLine]) -> list[FindingMeasurement]:
    """ECG numbers printed in the block, each once."""
    out, seen = [], set()
    for line in lines:
        for code, label, number, unit in ecg_measurements(line.text):
            if code in seen:
                continue
            seen.add(code)
            out.append(
                FindingMeasurement(name_raw=label, value_raw=number, value=float(number), unit=unit)
            )
    return out
