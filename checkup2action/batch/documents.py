"""Reading one document: a pure function of a path and options to an outcome, so it runs the same
in a batch worker process (spawn), on a Ray worker and in the caller's own process."""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

from checkup2action import __version__, pipeline
from checkup2action.ingestion.failures import as_typed
from checkup2action.report.models import SCHEMA_VERSION, StructuredReport

Status = Literal["ok", "partial", "failed"]
STATUSES: Final[tuple[Status, ...]] = ("ok", "partial", "failed")
#: Warnings that say part of the document was not read: its report is ``partial``.
PARTIAL_WARNINGS: Final = frozenset({"RESULT_LINES_UNREAD", "PAGE_NOT_READ"})
#: The error code of a failure that is not one of the package's typed errors.
UNEXPECTED_ERROR: Final = "UNEXPECTED_ERROR"


@dataclass(frozen=True, slots=True)
class DocumentJob:
    """What a worker needs to read one document: its file, content hash and pipeline options."""

    path: Path
    sha256: str
    options: pipeline.PipelineOptions


@dataclass(frozen=True, slots=True)
class DocumentOutcome:
    """What reading one document gave: a report, or an error code and message; and the time."""

    sha256: str
    status: Status
    seconds: float
    report: StructuredReport | None = None
    error_code: str | None = None
    error_message: str | None = None


def options_fingerprint(options: pipeline.PipelineOptions) -> str:
    """A hash of everything that decides a report's content: package and schema version, the
    pipeline options and, for shifted dates, the shift key (hashed; unset: a random key)."""
    key = os.environ.get("C2A_DATE_SHIFT_KEY") if options.deid.date_policy == "shift" else None
    parts = {
        "package": __version__,
        "schema": SCHEMA_VERSION,
        "options": repr(options),
        "shift_key": hashlib.sha256(key.encode()).hexdigest() if key else None,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:32]


def report_status(report: StructuredReport) -> Status:
    """``partial`` when the report has no lab result or a warning of ``PARTIAL_WARNINGS``,
    else ``ok``."""
    if not report.lab_results or any(w.code in PARTIAL_WARNINGS for w in report.warnings):
        return "partial"
    return "ok"


def process_document(job: DocumentJob) -> DocumentOutcome:
    """Read one document; a typed error, or any other exception (named by its type only, never
    its message, which may quote the document), becomes a failed outcome."""
    start = time.perf_counter()
    try:
        report = pipeline.ingest(job.path, options=job.options)
    except Exception as exc:  # recorded, and the batch goes on
        code, message = failure_of(exc)
    else:
        seconds = time.perf_counter() - start
        return DocumentOutcome(job.sha256, report_status(report), seconds, report=report)
    seconds = time.perf_counter() - start
    return DocumentOutcome(job.sha256, "failed", seconds, error_code=code, error_message=message)


def failure_of(exc: BaseException) -> tuple[str, str]:
    """The code and message of a failure (``as_typed``); anything else is named by its type
    only, never its message (which may quote the document)."""
    typed = as_typed(exc)
    if typed is not None:
        return typed.code, typed.message
    return UNEXPECTED_ERROR, f"unexpected error ({type(exc).__name__})"
