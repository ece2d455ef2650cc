"""Reading one document for a dataset: a pure function of a path and options to an outcome, so
it can run in a worker process (spawn) as well as in the build's own."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

from checkup2action import pipeline
from checkup2action.errors import Checkup2ActionError
from checkup2action.report.models import StructuredReport

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
    except Checkup2ActionError as exc:
        code, message = exc.code, exc.message
    except Exception as exc:  # not a typed error: recorded, and the build goes on
        code, message = UNEXPECTED_ERROR, f"unexpected error ({type(exc).__name__})"
    else:
        seconds = time.perf_counter() - start
        return DocumentOutcome(job.sha256, report_status(report), seconds, report=report)
    seconds = time.perf_counter() - start
    return DocumentOutcome(job.sha256, "failed", seconds, error_code=code, error_message=message)
