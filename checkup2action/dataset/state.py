"""The build's memory between runs: one record per document (content sha256), with the
fingerprint of the options it was read with, kept in ``state.json`` in the output directory."""

from __future__ import annotations

import json
import logging
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from checkup2action import __version__
from checkup2action.batch.documents import DocumentOutcome, Status
from checkup2action.fileio import write_text_atomic
from checkup2action.report.models import SCHEMA_VERSION

log = logging.getLogger(__name__)

STATE_FILE: Final = "state.json"
STATE_FORMAT: Final = 1
SAVE_EVERY_SECONDS: Final = 5.0


@dataclass(slots=True)
class DocumentRecord:
    """What the build knows of one document: how it was read (fingerprint), its status, where its
    report is and the counts the manifest shows. Never a file name unless names are kept."""

    sha256: str
    fingerprint: str
    status: Status
    seconds: float
    processed_at: str
    report: str | None = None  # the report JSON, relative to the output directory
    pages: int | None = None
    page_kinds: dict[str, int] = field(default_factory=dict)
    results: int | None = None
    unmapped: int | None = None
    vitals: int | None = None
    warnings: dict[str, int] = field(default_factory=dict)
    error_code: str | None = None
    error_message: str | None = None


def record_from_outcome(
    outcome: DocumentOutcome, fingerprint: str, report_path: str | None
) -> DocumentRecord:
    """The record of a document just read."""
    record = DocumentRecord(
        sha256=outcome.sha256,
        fingerprint=fingerprint,
        status=outcome.status,
        seconds=round(outcome.seconds, 3),
        processed_at=datetime.now(UTC).isoformat(timespec="seconds"),
        report=report_path,
        error_code=outcome.error_code,
        error_message=outcome.error_message,
    )
    report = outcome.report
    if report is not None:
        record.pages = report.source.page_count
        record.page_kinds = dict(Counter(p.kind for p in report.source.pages))
        record.results = len(report.lab_results)
        record.unmapped = sum(r.analyte is None for r in report.lab_results)
        record.vitals = len(report.vitals)
        record.warnings = dict(Counter(w.code for w in report.warnings))
    return record


class BuildState:
    """The records of every document read into this output directory, saved atomically."""

    def __init__(self, path: Path, records: dict[str, DocumentRecord] | None = None):
        self.path = path
        self.records = records or {}
        self._saved_at = time.monotonic()

    @classmethod
    def load(cls, path: Path) -> BuildState:
        """The state saved at ``path``; a missing or unreadable file is an empty state."""
        if not path.is_file():
            return cls(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            records = {sha: DocumentRecord(**r) for sha, r in data["documents"].items()}
        except (ValueError, KeyError, TypeError) as exc:
            log.warning("dataset: state file unreadable (%s); starting afresh", type(exc).__name__)
            return cls(path)
        return cls(path, records)

    def is_done(self, sha256: str, fingerprint: str, out_dir: Path, retry_failed: bool) -> bool:
        """Whether a document was read with these options: its report is on disk, or it failed
        and failures are not retried."""
        record = self.records.get(sha256)
        if record is None or record.fingerprint != fingerprint:
            return False
        if record.status == "failed":
            return not retry_failed
        return record.report is not None and (out_dir / record.report).is_file()

    def put(self, record: DocumentRecord) -> None:
        """Keep a document's new record (replacing an older one) and save now and then."""
        self.records[record.sha256] = record
        if time.monotonic() - self._saved_at >= SAVE_EVERY_SECONDS:
            self.save()

    def save(self) -> None:
        """Write the state file atomically."""
        data: dict[str, Any] = {
            "format": STATE_FORMAT,
            "package_version": __version__,
            "schema_version": SCHEMA_VERSION,
            "documents": {sha: asdict(r) for sha, r in sorted(self.records.items())},
        }
        write_text_atomic(self.path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        self._saved_at = time.monotonic()
