"""Output writers: a StructuredReport as JSON, CSV (one row per lab result), Markdown or a FHIR R4
Bundle (``report/fhir.py``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from checkup2action.report.fhir import to_fhir_bundle
from checkup2action.report.models import LabResult, StructuredReport
from checkup2action.report.readable import (
    REVIEW_MARK,
    analyte_text,
    converted_text,
    printed_value,
    range_text,
    review_reasons,
    rows_by_id,
    warning_text,
)

FORMATS: tuple[str, ...] = ("json", "csv", "md", "fhir")
#: File suffix of a format, where it is not the format's own name.
SUFFIXES: dict[str, str] = {"fhir": "fhir.json"}
ABNORMAL_FLAGS: frozenset[str] = frozenset({"H", "L", "HH", "LL", "A"})
COLUMNS: tuple[str, ...] = (
    "id",
    "page",
    "panel",
    "name_raw",
    "analyte_code",
    "loinc",
    "value_raw",
    "value",
    "comparator",
    "value_text",
    "unit_raw",
    "unit",
    "value_canonical",
    "unit_canonical",
    "range_low",
    "range_high",
    "range_text",
    "flag",
    "flag_source",
    "previous_value",
    "previous_date",
    "history",
    "needs_review",
    "confidence",
    "derived",
    "bbox",
)
_MD_HEADERS: tuple[str, ...] = (
    "Test",
    "Analyte (LOINC)",
    "Value",
    "Unit",
    "Converted",
    "Reference range",
    "Flag",
    "Review",
)


def is_abnormal(result: LabResult) -> bool:
    """True when the result carries a flag other than normal."""
    return result.flag in ABNORMAL_FLAGS


def _bbox_text(result: LabResult) -> str:
    """The first provenance box as 'x0,top,x1,bottom'."""
    box = result.provenance[0].bbox
    return ",".join(f"{v:g}" for v in (box.x0, box.top, box.x1, box.bottom))


def _history_text(result: LabResult) -> str | None:
    """Earlier visits as 'value (date); ...', newest first (None when there are none)."""
    if not result.history:
        return None
    return "; ".join(
        f"{e.value_raw} ({e.date.isoformat()})" if e.date else e.value_raw for e in result.history
    )


def _result_row(result: LabResult) -> dict[str, Any]:
    """One flat row of the tabular view."""
    rng = result.reference_range
    analyte = result.analyte
    return {
        "id": result.id,
        "page": result.provenance[0].page,
        "panel": result.panel,
        "name_raw": result.name_raw,
        "analyte_code": analyte.code if analyte else None,
        "loinc": analyte.loinc if analyte else None,
        "value_raw": result.value_raw,
        "value": result.value,
        "comparator": result.comparator,
        "value_text": result.value_text,
        "unit_raw": result.unit_raw,
        "unit": result.unit,
        "value_canonical": result.value_canonical,
        "unit_canonical": result.unit_canonical,
        "range_low": rng.low if rng else None,
        "range_high": rng.high if rng else None,
        "range_text": rng.text if rng else None,
        "flag": result.flag,
        "flag_source": result.flag_source,
        "previous_value": result.previous_value,
        "previous_date": result.previous_date.isoformat() if result.previous_date else None,
        "history": _history_text(result),
        "needs_review": result.needs_review,
        "confidence": result.confidence,
        "derived": result.derived,
        "bbox": _bbox_text(result),
    }


def results_frame(report: StructuredReport) -> pd.DataFrame:
    """The lab results as a flat table, one row per result, columns in COLUMNS order."""
    rows = [_result_row(r) for r in report.lab_results]
    # object dtype keeps numbers exactly as in the model (no int→float, no NaN for None)
    return pd.DataFrame(rows, columns=list(COLUMNS), dtype=object)


def output_path(out_dir: Path, input_name: str, fmt: str) -> Path:
    """Where the output for one input goes: '<out>/<input file name>.<suffix>' (the format's
    name, or ``fhir.json`` for a FHIR Bundle)."""
    return Path(out_dir) / f"{Path(input_name).name}.{SUFFIXES.get(fmt, fmt)}"


def _write_json(report: StructuredReport, path: Path) -> None:
    """Write the report as indented JSON with non-ASCII text kept."""
    text = json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2)
    path.write_text(text + "\n", encoding="utf-8")


def _write_csv(report: StructuredReport, path: Path) -> None:
    """Write one row per lab result, UTF-8 with BOM so Excel reads Chinese correctly."""
    results_frame(report).to_csv(path, index=False, encoding="utf-8-sig")


def _write_md(report: StructuredReport, path: Path) -> None:
    """Write the readable Markdown report."""
    path.write_text(render_markdown(report), encoding="utf-8")


def _write_fhir(report: StructuredReport, path: Path) -> None:
    """Write the report as an indented FHIR R4 Bundle (JSON, non-ASCII text kept)."""
    text = json.dumps(to_fhir_bundle(report), ensure_ascii=False, indent=2)
    path.write_text(text + "\n", encoding="utf-8")


_WRITERS: dict[str, Callable[[StructuredReport, Path], None]] = {
    "json": _write_json,
    "csv": _write_csv,
    "md": _write_md,
    "fhir": _write_fhir,
}


def write_report(
    report: StructuredReport, out_dir: Path, input_name: str, fmt: str = "json"
) -> Path:
    """Write one report in the given format into out_dir and return the file written."""
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise ValueError(f"unknown output format {fmt!r}; expected one of {', '.join(FORMATS)}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = output_path(out_dir, input_name, fmt)
    writer(report, path)
    return path


def _cell(value: Any) -> str:
    """A Markdown table cell: empty for missing values, pipes and newlines escaped."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value).replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def _md_row(result: LabResult, reasons: dict[str, str]) -> list[str]:
    """The readable cells of one result: printed name, analyte and LOINC, value and unit as
    printed, the converted value, range, flag and the review marker with its reason."""
    review = f"{REVIEW_MARK} {reasons[result.id]}" if result.id in reasons else ""
    return [
        result.name_raw,
        analyte_text(result),
        printed_value(result),
        result.unit_raw or result.unit or "",
        converted_text(result),
        range_text(result),
        result.flag or "",
        review,
    ]


def _md_table(results: list[LabResult], reasons: dict[str, str]) -> list[str]:
    """A Markdown table of results."""
    lines = ["| " + " | ".join(_MD_HEADERS) + " |", "|" + "---|" * len(_MD_HEADERS)]
    for result in results:
        lines.append("| " + " | ".join(_cell(c) for c in _md_row(result, reasons)) + " |")
    return lines


def _md_patient(report: StructuredReport) -> list[str]:
    """The patient section: sex, age and exam date only."""
    p = report.patient
    age = f"{p.age:g}" if p.age is not None else "—"
    return [
        "## Patient",
        "",
        f"- Sex: {p.sex or '—'}",
        f"- Age: {age}",
        f"- Exam date: {p.exam_date.isoformat() if p.exam_date else '—'}",
        "",
    ]


def _md_abnormal(report: StructuredReport, reasons: dict[str, str]) -> list[str]:
    """The abnormal results section."""
    abnormal = [r for r in report.lab_results if is_abnormal(r)]
    lines = [f"## Abnormal results ({len(abnormal)})", ""]
    lines += _md_table(abnormal, reasons) if abnormal else ["No abnormal results."]
    return [*lines, ""]


def _md_by_panel(report: StructuredReport, reasons: dict[str, str]) -> list[str]:
    """All results, grouped by panel in order of first appearance."""
    results = report.lab_results
    lines = [f"## All results ({len(results)})", ""]
    if not results:
        return [*lines, "No results.", ""]
    for panel in dict.fromkeys(r.panel or "Other" for r in results):
        group = [r for r in results if (r.panel or "Other") == panel]
        lines += [f"### {_cell(panel)}", "", *_md_table(group, reasons), ""]
    return lines


def _md_notice(report: StructuredReport, reasons: dict[str, str]) -> list[str]:
    """What a reader must see first: no result read, or rows that need review."""
    if not report.lab_results:
        codes = ", ".join(dict.fromkeys(w.code for w in report.warnings)) or "none"
        return [f"**No lab results were read.** Warnings: {codes}.", ""]
    if not reasons:
        return []
    many = "result needs" if len(reasons) == 1 else "results need"
    return [
        f"**{REVIEW_MARK} {len(reasons)} {many} review** (marked {REVIEW_MARK}): check them "
        "against the page.",
        "",
    ]


def _md_warnings(report: StructuredReport) -> list[str]:
    """The warnings section: each names its row (printed name and page) or its page."""
    rows = rows_by_id(report)
    lines = [f"## Warnings ({len(report.warnings)})", ""]
    for w in report.warnings:
        lines.append(f"- [{w.stage}/{w.code}] {_cell(warning_text(w, rows, code=False))}")
    if not report.warnings:
        lines.append("None.")
    return [*lines, ""]


def _md_vitals(report: StructuredReport) -> list[str]:
    """Vital signs, one line each (nothing when none was read)."""
    if not report.vitals:
        return []
    lines = [f"## Vital signs ({len(report.vitals)})", ""]
    for v in report.vitals:
        flag = f" ({v.flag})" if v.flag and v.flag != "N" else ""
        derived = " (derived)" if v.derived else ""
        lines.append(f"- {_cell(v.name_raw)}: {v.value:g} {v.unit}{flag}{derived}")
    return [*lines, ""]


def _md_findings(report: StructuredReport) -> list[str]:
    """Findings as printed: heading, findings text, conclusion (nothing when none)."""
    if not report.findings:
        return []
    lines = [f"## Findings ({len(report.findings)})", ""]
    for f in report.findings:
        kind = f.modality or f.category
        lines.append(f"### {_cell(f.heading or kind)} ({kind.replace('_', ' ')})")
        lines.append("")
        if f.text:
            lines += [f"> {_cell(line)}" for line in f.text.split("\n")] + [""]
        if f.impression:
            lines += [f"**Conclusion:** {_cell(f.impression)}", ""]
    return lines


def _md_summary(report: StructuredReport) -> list[str]:
    """The physician's summary and advice, in order (nothing when none)."""
    if not report.summary:
        return []
    lines = [f"## Physician's summary and advice ({len(report.summary)})", ""]
    for item in report.summary:
        lines.append(f"- [{item.kind}] {_cell(item.text)}")
    return [*lines, ""]


def render_markdown(report: StructuredReport) -> str:
    """The report as readable Markdown: patient, abnormal results, all results (each with its
    analyte, LOINC, converted value and review marker), vitals, findings, the physician's
    summary, warnings."""
    reasons = review_reasons(report)
    lines = [f"# Check-up report: {_cell(report.source.file_name)}", ""]
    lines += [f"{report.source.page_count} page(s), schema {report.schema_version}.", ""]
    lines += _md_notice(report, reasons) + _md_patient(report)
    lines += _md_abnormal(report, reasons) + _md_by_panel(report, reasons)
    lines += _md_vitals(report) + _md_findings(report) + _md_summary(report)
    lines += _md_warnings(report)
    return "\n".join(lines).rstrip("\n") + "\n"
