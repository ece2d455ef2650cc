"""manifest.csv: one row per document of the input (a file copied twice is one document) with its
hash, status, error, pages, page kinds, counts and timing; input paths only when names are kept."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Final

from checkup2action.dataset.inputs import InputDocument
from checkup2action.dataset.state import DocumentRecord
from checkup2action.fileio import write_text_atomic

MANIFEST_COLUMNS: Final = (
    "sha256", "status", "error_code", "error_message", "pages", "page_kinds", "results",
    "unmapped", "vitals", "warnings", "copies", "seconds", "processed_at", "report",
)  # fmt: skip
PATHS_COLUMN: Final = "input_paths"  # only with --keep-filenames
PATHS_SEPARATOR: Final = "; "


def _counts_text(counts: dict[str, int]) -> str:
    """Counts as 'key:n;key:n', keys sorted ('born_digital:2;scanned:1')."""
    return ";".join(f"{k}:{n}" for k, n in sorted(counts.items()))


def manifest_row(
    doc: InputDocument, record: DocumentRecord, *, keep_filenames: bool
) -> dict[str, object]:
    """One row of the manifest; the input paths only when file names are kept."""
    row: dict[str, object] = {
        "sha256": record.sha256,
        "status": record.status,
        "error_code": record.error_code,
        "error_message": record.error_message,
        "pages": record.pages,
        "page_kinds": _counts_text(record.page_kinds),
        "results": record.results,
        "unmapped": record.unmapped,
        "vitals": record.vitals,
        "warnings": _counts_text(record.warnings),
        "copies": len(doc.paths),
        "seconds": record.seconds,
        "processed_at": record.processed_at,
        "report": record.report,
    }
    if keep_filenames:
        row[PATHS_COLUMN] = PATHS_SEPARATOR.join(doc.relative)
    return row


def write_manifest(path: Path, rows: list[dict[str, object]], *, keep_filenames: bool) -> None:
    """Write the manifest as CSV, UTF-8 with BOM like the other CSV outputs (Excel reads it)."""
    columns = [*MANIFEST_COLUMNS, PATHS_COLUMN] if keep_filenames else list(MANIFEST_COLUMNS)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    write_text_atomic(path, buffer.getvalue(), encoding="utf-8-sig")
