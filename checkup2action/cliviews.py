"""What ``ingest`` shows of the documents it read: a table of each report's results (printed
name, analyte and LOINC, value, converted value, range, flag, review marker), its vitals, findings
and summary, its warnings naming their rows, a line per document of a batch, and the lines of a
failed document or of one without results."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.console import Group
from rich.table import Table
from rich.text import Text

from checkup2action.errors import Checkup2ActionError
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
from checkup2action.report.writers import is_abnormal

FLAG_STYLES = {"HH": "bold red", "H": "red", "LL": "bold blue", "L": "blue", "A": "magenta"}
REVIEW_STYLE = "bold yellow"
#: The code of the line a document without lab results gets (it is written all the same).
NO_RESULTS = "NO_RESULTS"


@dataclass
class Outcome:
    """What happened to one input document."""

    path: Path
    report: StructuredReport | None = None
    error: Checkup2ActionError | None = None

    @property
    def empty(self) -> bool:
        """Whether the document was read but gave no lab result."""
        return self.report is not None and not self.report.lab_results


def failure_text(outcome: Outcome) -> Text:
    """The failure line 'file: message [CODE]', in red."""
    exc = outcome.error
    assert exc is not None
    page = f"page {exc.page}: " if exc.page else ""
    return Text(f"{outcome.path.name}: {page}{exc.message} [{exc.code}]", style="red")


def _other_parts(report: StructuredReport) -> str:
    """What a report holds besides lab results: ``2 vital signs, 1 finding``, or empty."""
    parts = (
        (len(report.vitals), "vital sign"),
        (len(report.findings), "finding"),
        (len(report.summary), "summary item"),
    )
    return ", ".join(f"{n} {what}{'s' if n > 1 else ''}" for n, what in parts if n)


def empty_text(outcome: Outcome) -> Text:
    """The line of a document read without any lab result: why, by its warnings' codes."""
    report = outcome.report
    assert report is not None
    codes = ", ".join(dict.fromkeys(w.code for w in report.warnings))
    other = _other_parts(report)
    read = f" (read: {other})" if other else ""
    why = f"; warnings: {codes}" if codes else ""
    if not (codes or other):
        why = "; nothing else was read either: it may not be a report"
    line = f"{outcome.path.name}: no lab results found{read}{why} [{NO_RESULTS}]"
    return Text(line, style="yellow")


def _sort_key(result: LabResult) -> int:
    """Abnormal results first, keeping page order otherwise."""
    return 0 if is_abnormal(result) else 1


def summary_table(outcome: Outcome) -> Table:
    """Rich table of one report's results, abnormal first, coloured by flag: printed name,
    analyte and LOINC, value and unit as printed, the converted value (a column only when some
    value was converted), range, flag, and ``⚠`` before rows that need review."""
    report = outcome.report
    assert report is not None
    results = sorted(report.lab_results, key=_sort_key)
    abnormal = sum(is_abnormal(r) for r in results)
    reasons = review_reasons(report)
    review = f", {len(reasons)} to review ({REVIEW_MARK})" if reasons else ""
    table = Table(title=f"{outcome.path.name}: {len(results)} results, {abnormal} abnormal{review}")
    converted = [converted_text(r) for r in results]
    headers = ["Test", "Analyte (LOINC)", "Result"]
    headers += ["Converted"] if any(converted) else []
    if reasons:
        table.add_column("", no_wrap=True)
    for header in [*headers, "Range", "Flag"]:
        table.add_column(header)
    for r, conv in zip(results, converted, strict=True):
        value = f"{printed_value(r)} {r.unit_raw or r.unit or ''}".strip()
        cells = [r.name_raw, analyte_text(r), value] + ([conv] if any(converted) else [])
        mark = Text(REVIEW_MARK if r.id in reasons else "", style=REVIEW_STYLE)
        row = [mark] if reasons else []
        row += [Text(c) for c in (*cells, range_text(r), r.flag or "")]
        table.add_row(*row, style=FLAG_STYLES.get(r.flag or "", ""))
    return table


def warnings_view(report: StructuredReport) -> Group | None:
    """The report's warnings, one line each naming its row (printed name, page) or page, the
    rows to review marked; None when there is none."""
    if not report.warnings:
        return None
    rows, reasons = rows_by_id(report), review_reasons(report)
    lines = [Text(f"Warnings ({len(report.warnings)})", style="bold")]
    for w in report.warnings:
        review = w.result_id in reasons
        mark = REVIEW_MARK if review else "•"
        style = REVIEW_STYLE if review else "yellow"
        lines.append(Text(f"  {mark} {warning_text(w, rows)}", style=style))
    return Group(*lines)


#: Longest text shown in a cell of the terminal's narrative table (the JSON has it all).
CELL_CHARS = 90


def _clip(text: str | None) -> str:
    """A text on one line, cut to ``CELL_CHARS``."""
    flat = " / ".join(part.strip() for part in (text or "").splitlines() if part.strip())
    return flat if len(flat) <= CELL_CHARS else flat[: CELL_CHARS - 1] + "…"


def narrative_table(report: StructuredReport) -> Table | None:
    """Rich table of a report's vitals, findings and summary items, or None when it has none."""
    if not (report.vitals or report.findings or report.summary):
        return None
    table = Table(title="Vitals, findings and summary")
    for header in ("Part", "Heading", "Text"):
        table.add_column(header)
    for v in report.vitals:
        unit = v.unit_raw or v.unit
        value = f"{v.value_raw} {unit}".strip() + (f"  [{v.flag}]" if v.flag else "")
        table.add_row(
            v.code, Text(v.name_raw), Text(value), style=FLAG_STYLES.get(v.flag or "", "")
        )
    for f in report.findings:
        shown = f.impression or f.text
        table.add_row(f.modality or f.category, Text(f.heading or ""), Text(_clip(shown)))
    for item in report.summary:
        table.add_row(item.kind, Text(item.heading or ""), Text(_clip(item.text)))
    return table


def batch_table(outcomes: list[Outcome]) -> Table:
    """One summary line per document: file, results, abnormal, to review, warnings, what else
    it read, status."""
    table = Table(
        title=f"{len(outcomes)} documents",
        caption="V/F/S: vitals / findings / summary items",
    )
    table.add_column("File", overflow="fold")
    for header in ("Results", "Abnormal", "Review", "Warnings", "V/F/S"):
        table.add_column(header, justify="right")
    table.add_column("Status", no_wrap=True)
    for o in outcomes:
        if o.report is not None:
            r = o.report
            abnormal = sum(is_abnormal(x) for x in r.lab_results)
            review = sum(x.needs_review for x in r.lab_results)
            more = f"{len(r.vitals)}/{len(r.findings)}/{len(r.summary)}"
            status, style = ("no results", "yellow") if o.empty else ("ok", "")
            style = style or ("green" if not abnormal else "")
            counts = (len(r.lab_results), abnormal, review, len(r.warnings))
            row = (*map(str, counts), more, status)
            table.add_row(Text(o.path.name), *row, style=style)
        else:
            code = o.error.code if o.error else "?"
            failed = Text(f"failed [{code}]")
            table.add_row(Text(o.path.name), "-", "-", "-", "-", "-", failed, style="red")
    return table
