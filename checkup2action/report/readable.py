"""Texts of a report for people, shared by the terminal table and the Markdown: the value as
printed, the canonical analyte with its LOINC, the value converted to the analyte's unit, why a
row needs review, and which row or page a warning is about."""

from __future__ import annotations

import math

from checkup2action.report.models import LabResult, ReportWarning, StructuredReport

#: The marker of a row that needs review.
REVIEW_MARK = "⚠"
#: Short reasons of the warnings that mark a row for review (``report.review``,
#: ``normalize.results``).
REVIEW_REASONS: dict[str, str] = {
    "LOW_CONFIDENCE": "OCR unsure",
    "IMPLAUSIBLE_VALUE": "implausible value",
    "UNIT_OCR_MISREAD": "unit misread by OCR",
    "ANALYTE_OCR_MATCH": "name matched despite OCR slips",
    "AMBIGUOUS_READING": "row reads two ways",
}


def number_text(value: float) -> str:
    """A number with three significant digits and no exponent (2.11, 71.6, 176, 12346)."""
    if value == 0 or not math.isfinite(value):
        return f"{value:g}"
    decimals = max(0, 2 - math.floor(math.log10(abs(value))))
    text = f"{value:.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def printed_value(result: LabResult) -> str:
    """The value as printed, without a flag word printed in the same cell (``17.6 High``: the
    flag has its own column)."""
    raw, flag = result.value_raw.strip(), (result.flag_raw or "").strip()
    if flag and raw.endswith(flag) and len(raw) > len(flag):
        return raw[: -len(flag)].rstrip()
    return raw


def analyte_text(result: LabResult) -> str:
    """The catalogue analyte's name and LOINC, ``Hemoglobin (718-7)``; empty when unmapped."""
    analyte = result.analyte
    if analyte is None:
        return ""
    return f"{analyte.name_en} ({analyte.loinc})" if analyte.loinc else analyte.name_en


def converted_text(result: LabResult) -> str:
    """The value in the analyte's canonical unit, ``176 g/L``, when conversion changed the
    number (``10^3/uL`` to ``10*9/L`` or IU/L to U/L change none); empty otherwise."""
    value, unit = result.value_canonical, result.unit_canonical
    if value is None or not unit:
        return ""
    if result.value is not None and math.isclose(value, result.value, rel_tol=1e-9):
        return ""
    return f"{result.comparator or ''}{number_text(value)} {unit}"


def range_text(result: LabResult) -> str:
    """The reference range as printed (or its expected qualitative result)."""
    rng = result.reference_range
    return (rng.text or rng.qualitative or "") if rng else ""


def review_reasons(report: StructuredReport) -> dict[str, str]:
    """Why each row that needs review does, by result id: the short reasons of its review
    warnings (``OCR unsure (70%)``), else its confidence."""
    codes: dict[str, list[str]] = {}
    for w in report.warnings:
        if w.result_id and w.code in REVIEW_REASONS:
            codes.setdefault(w.result_id, []).append(w.code)
    out = {}
    for r in report.lab_results:
        if not r.needs_review:
            continue
        reasons = [_reason(code, r) for code in dict.fromkeys(codes.get(r.id, []))]
        if not reasons and r.confidence < 1:
            reasons = [f"confidence {r.confidence:.0%}"]
        out[r.id] = ", ".join(reasons) or "needs review"
    return out


def _reason(code: str, result: LabResult) -> str:
    """The short reason of one review warning's code."""
    reason = REVIEW_REASONS[code]
    return f"{reason} ({result.confidence:.0%})" if code == "LOW_CONFIDENCE" else reason


def warning_place(warning: ReportWarning, rows: dict[str, LabResult]) -> str:
    """Where a warning points: ``page 2, "Glucose"`` for a row, ``page 2`` for a page, or empty
    for the whole document."""
    page = f"page {warning.page}" if warning.page else ""
    if warning.result_id is None:
        return page
    row = rows.get(warning.result_id)
    if row is None:
        return ", ".join(filter(None, (page, f"row {warning.result_id}")))
    page = page or f"page {row.provenance[0].page}"
    return f'{page}, "{row.name_raw}"'


def warning_text(warning: ReportWarning, rows: dict[str, LabResult], code: bool = True) -> str:
    """A warning on one line: where, what, and its code: ``page 1, "Glucose": … [CODE]``."""
    row = rows.get(warning.result_id or "")
    unsure = row is not None and warning.code == "LOW_CONFIDENCE"
    text = warning.message + (f" (confidence {row.confidence:.0%})" if row and unsure else "")
    text += f" [{warning.code}]" if code else ""
    place = warning_place(warning, rows)
    return f"{place}: {text}" if place else text


def rows_by_id(report: StructuredReport) -> dict[str, LabResult]:
    """The report's lab results by id."""
    return {r.id: r for r in report.lab_results}
