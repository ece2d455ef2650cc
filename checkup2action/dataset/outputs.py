"""The dataset's tables, rebuilt at the end of every run from the per-document report JSONs and
the build's records, so they always agree: reports.jsonl, manifest.csv, stats.json, stats.md,
results.parquet and vitals.parquet."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import pandas as pd

from checkup2action.dataset.inputs import InputDocument
from checkup2action.dataset.manifest import manifest_row, write_manifest
from checkup2action.dataset.markdown import render_stats
from checkup2action.dataset.state import DocumentRecord
from checkup2action.dataset.stats import DatasetStats
from checkup2action.dataset.tables import (
    RESULT_COLUMNS,
    VITAL_COLUMNS,
    result_rows,
    vital_rows,
    write_table,
)
from checkup2action.fileio import replacing, write_text_atomic
from checkup2action.report.models import StructuredReport

REPORTS_DIR: Final = "reports"
REPORTS_JSONL: Final = "reports.jsonl"
MANIFEST_CSV: Final = "manifest.csv"
STATS_JSON: Final = "stats.json"
STATS_MD: Final = "stats.md"
RESULTS_PARQUET: Final = "results.parquet"
VITALS_PARQUET: Final = "vitals.parquet"

Entry = tuple[InputDocument, DocumentRecord]


@dataclass(slots=True)
class Collected:
    """What one pass over the reports gathers for the tables and the statistics."""

    stats: DatasetStats
    results: list[pd.DataFrame]
    vitals: list[pd.DataFrame]


def load_report(out_dir: Path, record: DocumentRecord) -> StructuredReport:
    """A document's report JSON, read back and validated."""
    assert record.report is not None
    text = (out_dir / record.report).read_text(encoding="utf-8")
    return StructuredReport.model_validate_json(text)


def _collect(out_dir: Path, entries: list[Entry]) -> Collected:
    """Read every report once: write reports.jsonl (one compact line per report) and gather
    rows and statistics."""
    collected = Collected(DatasetStats(), [], [])
    with replacing(out_dir / REPORTS_JSONL) as tmp, tmp.open("w", encoding="utf-8") as jsonl:
        for doc, record in entries:
            collected.stats.add_record(record, len(doc.paths))
            if record.report is None:
                continue
            report = load_report(out_dir, record)
            jsonl.write(report.to_json(indent=None) + "\n")
            collected.stats.add_report(report)
            collected.results.append(result_rows(report))
            collected.vitals.append(vital_rows(report))
    return collected


def write_outputs(out_dir: Path, entries: list[Entry], *, keep_filenames: bool) -> dict[str, int]:
    """Rebuild every table of the dataset from its documents' records and report JSONs; returns
    the row counts of the Parquet tables."""
    collected = _collect(out_dir, entries)
    rows = [manifest_row(doc, rec, keep_filenames=keep_filenames) for doc, rec in entries]
    write_manifest(out_dir / MANIFEST_CSV, rows, keep_filenames=keep_filenames)
    stats = collected.stats.to_dict()
    write_text_atomic(out_dir / STATS_JSON, json.dumps(stats, ensure_ascii=False, indent=2) + "\n")
    write_text_atomic(out_dir / STATS_MD, render_stats(stats))
    return {
        RESULTS_PARQUET: write_table(out_dir / RESULTS_PARQUET, collected.results, RESULT_COLUMNS),
        VITALS_PARQUET: write_table(out_dir / VITALS_PARQUET, collected.vitals, VITAL_COLUMNS),
    }
