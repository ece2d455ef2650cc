"""One document of a batch as an engine sees it: the ``Task`` a worker is given and the
``TaskResult`` it sends back (plain data, so it crosses a pipe or Ray unchanged)."""

from __future__ import annotations

import importlib
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from checkup2action.batch.documents import (
    DocumentJob,
    DocumentOutcome,
    Status,
    failure_of,
    process_document,
)
from checkup2action.pipeline import PipelineOptions


@dataclass(frozen=True, slots=True)
class Task:
    """A document to read: its name in the batch (path below the input directory), its file and
    its content hash."""

    name: str
    path: str
    sha256: str


@dataclass(frozen=True, slots=True)
class TaskResult:
    """What reading a document gave: status, error, counts, time, peak memory and the report
    JSON (None when it failed)."""

    status: Status
    seconds: float
    error_code: str | None = None
    error_message: str | None = None
    pages: int | None = None
    results: int | None = None
    warnings: dict[str, int] = field(default_factory=dict)
    peak_mb: float | None = None
    report_json: str | None = None

    def with_peak(self, peak_mb: float | None) -> TaskResult:
        """The same result with the peak memory the worker measured."""
        return replace(self, peak_mb=None if peak_mb is None else round(peak_mb, 1))


def failed(code: str, message: str, seconds: float, peak_mb: float | None = None) -> TaskResult:
    """A failure the engine records itself (a worker stopped or lost)."""
    return TaskResult("failed", round(seconds, 3), code, message).with_peak(peak_mb)


def result_of(outcome: DocumentOutcome, *, with_report: bool = True) -> TaskResult:
    """An outcome of ``process_document`` as plain data (the report's JSON only when asked)."""
    report = outcome.report
    if report is None:
        return failed(outcome.error_code or "", outcome.error_message or "", outcome.seconds)
    return TaskResult(
        status=outcome.status,
        seconds=round(outcome.seconds, 3),
        pages=report.source.page_count,
        results=len(report.lab_results),
        warnings=dict(Counter(w.code for w in report.warnings)),
        report_json=report.to_json() + "\n" if with_report else None,
    )


def read_task(task: Task, options: PipelineOptions) -> TaskResult:
    """Read one document of a batch: the function every engine runs for every task."""
    return result_of(process_document(DocumentJob(Path(task.path), task.sha256, options)))


TaskRunner = Callable[[Task, PipelineOptions], TaskResult]
DEFAULT_RUNNER = "checkup2action.batch.task:read_task"


def run_guarded(run: TaskRunner, task: Task, options: PipelineOptions) -> TaskResult:
    """A task function's result; an exception it lets out (a memory error outside the
    pipeline, say) becomes a failed result instead of ending the worker."""
    start = time.perf_counter()
    try:
        return run(task, options)
    except Exception as exc:
        code, message = failure_of(exc)
        return failed(code, message, time.perf_counter() - start)


def resolve_runner(spec: str) -> TaskRunner:
    """The task function a ``module:function`` names (tests name faulty ones)."""
    module, _, name = spec.partition(":")
    runner: TaskRunner = getattr(importlib.import_module(module), name)
    return runner
