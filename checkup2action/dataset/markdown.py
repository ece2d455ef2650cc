"""stats.md: the dataset's statistics (``stats.json``) as a readable page."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from checkup2action.dataset.stats import MD_TOP


def _cell(value: object) -> str:
    """A Markdown table cell: empty for None, pipes escaped, on one line."""
    text = "" if value is None else str(value)
    return " ".join(text.replace("|", "\\|").split())


def _table(headers: tuple[str, ...], rows: Sequence[Sequence[object]]) -> list[str]:
    """A Markdown table."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines


def _rate(entry: dict[str, Any]) -> str:
    """An abnormal rate as 'abnormal/flagged (percent)'."""
    if entry["abnormal_rate"] is None:
        return "—"
    return f"{entry['abnormal']}/{entry['flagged']} ({entry['abnormal_rate']:.0%})"


def _counts(counts: dict[str, int]) -> str:
    """Counts as 'key n, key n'."""
    return ", ".join(f"{k} {n}" for k, n in counts.items())


def _documents(stats: dict[str, Any]) -> list[str]:
    """The documents section."""
    docs, results = stats["documents"], stats["results"]
    return [
        "## Documents",
        "",
        f"{docs['total']} documents ({docs['files']} files, {docs['pages']} pages: "
        f"{_counts(docs['page_kinds']) or 'none'}).",
        "",
        f"- By status: {_counts(docs['by_status'])}",
        f"- Failures by code: {_counts(docs['failed_by_code']) or 'none'}",
        f"- Results: {results['results']} ({results['mapped']} mapped to an analyte, "
        f"{results['unmapped']} unmapped, {results['needs_review']} to review); "
        f"abnormal {_rate(results)}",
        "",
    ]


def _analytes(stats: dict[str, Any]) -> list[str]:
    """The analytes section, most results first."""
    items = list(stats["analytes"].items())
    rows = [
        (code, a["name_en"], a["results"], a["documents"], _rate(a), _counts(a["units"]))
        for code, a in items[:MD_TOP]
    ]
    headers = ("Code", "Analyte", "Results", "Documents", "Abnormal", "Units")
    more = [f"… and {len(items) - MD_TOP} more in stats.json.", ""] if len(items) > MD_TOP else []
    return [f"## Analytes ({len(items)})", "", *_table(headers, rows), "", *more]


def _unmapped(stats: dict[str, Any]) -> list[str]:
    """The unmapped names, most frequent first: what to add to the catalogue next."""
    names = stats["unmapped_names"]
    lines = [f"## Unmapped test names ({len(names)})", ""]
    if not names:
        return [*lines, "None: every result was mapped to an analyte.", ""]
    rows = [(n["name"], n["results"], n["documents"]) for n in names[:MD_TOP]]
    return [*lines, *_table(("Printed name", "Results", "Documents"), rows), ""]


def _vitals_and_warnings(stats: dict[str, Any]) -> list[str]:
    """The vitals and warnings sections."""
    rows = [(code, v["results"], _rate(v)) for code, v in stats["vitals"].items()]
    lines = [f"## Vitals ({len(rows)})", ""]
    lines += [*_table(("Vital", "Count", "Abnormal"), rows), ""] if rows else ["None.", ""]
    warnings = [(code, n) for code, n in stats["warnings"].items()]
    lines += [f"## Warnings ({len(warnings)})", ""]
    lines += [*_table(("Code", "Count"), warnings), ""] if warnings else ["None.", ""]
    return lines


def render_stats(stats: dict[str, Any]) -> str:
    """The statistics as Markdown: documents, analytes, unmapped names, vitals, warnings."""
    lines = ["# Dataset statistics", ""]
    lines += _documents(stats) + _analytes(stats) + _unmapped(stats)
    lines += _vitals_and_warnings(stats)
    return "\n".join(lines).rstrip("\n") + "\n"
