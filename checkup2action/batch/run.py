"""``batch``: read every file under an input directory into an output directory, each document in
an isolated worker with time and memory limits, resumably.

Every input gets exactly one line in ``status.jsonl`` and, unless it failed, its report at
``reports/<input path>.json`` (written atomically). A rerun skips each input already read from
the same content with the same options, and retries failures only when asked. Files with the same
content are read once and their result given to each.
"""

from __future__ import annotations

import logging
import os
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from checkup2action.batch.documents import options_fingerprint
from checkup2action.batch.engines import Engine, make_engine
from checkup2action.batch.local import Limits
from checkup2action.batch.status import STATUS_FILE, StatusLog, StatusRecord, record_of
from checkup2action.batch.task import DEFAULT_RUNNER, Task, TaskResult
from checkup2action.batch.worker import WorkerConfig
from checkup2action.errors import InputError, OptionError
from checkup2action.fileio import sha256_of, write_text_atomic
from checkup2action.pipeline import PipelineOptions

log = logging.getLogger(__name__)

REPORTS_DIR: Final = "reports"
DEFAULT_TIMEOUT: Final = 600.0
DEFAULT_MAX_MEMORY_MB: Final = 2048.0


def default_workers() -> int:
    """One worker a core."""
    return max(1, os.cpu_count() or 1)


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """Settings of a batch: pipeline options, workers, per-document limits, engine, reruns."""

    pipeline: PipelineOptions = field(default_factory=PipelineOptions)
    workers: int = field(default_factory=default_workers)
    timeout: float | None = DEFAULT_TIMEOUT
    max_memory_mb: float | None = DEFAULT_MAX_MEMORY_MB
    engine: str = "local"
    address: str | None = None  # a Ray cluster's address (engine "ray")
    retry_failed: bool = False
    runner: str = DEFAULT_RUNNER  # the task function, ``module:function``

    def make_engine(self) -> Engine:
        """The engine these options name (``workers`` 0: in this process, no isolation)."""
        limits = Limits(self.timeout, self.max_memory_mb)
        return make_engine(self.engine, self.worker_config(), self.workers, limits, self.address)

    def worker_config(self) -> WorkerConfig:
        """What every worker gets: ONNX threads so that workers × threads fill the cores."""
        threads = max(1, (os.cpu_count() or 1) // max(1, self.workers))
        return WorkerConfig(self.pipeline, self.max_memory_mb, threads, self.runner)


@dataclass(frozen=True, slots=True)
class BatchEvent:
    """Progress: one input handled, read now (``ran``) or done in an earlier run."""

    record: StatusRecord
    ran: bool
    done: int
    total: int


@dataclass(slots=True)
class BatchSummary:
    """What a batch did: inputs, read now, skipped as done, statuses and failure codes."""

    out_dir: Path
    inputs: int
    processed: int = 0
    skipped: int = 0
    seconds: float = 0.0
    statuses: Counter[str] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)  # by error code

    @property
    def status_path(self) -> Path:
        """The status file."""
        return self.out_dir / STATUS_FILE


def find_files(root: Path, exclude: Path | None = None) -> list[Path]:
    """Every regular file under ``root`` at any depth, sorted by relative path; hidden files and
    folders and anything under ``exclude`` are left out. Content decides what a file is."""
    skip = exclude.resolve() if exclude is not None else None
    found = []
    for path in root.rglob("*"):
        if not path.is_file() or any(p.startswith(".") for p in path.relative_to(root).parts):
            continue
        if skip is not None and path.resolve().is_relative_to(skip):
            continue
        found.append(path)
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def check_directories(input_dir: Path, out_dir: Path) -> None:
    """Check the input and output directories (OptionError) and create the output."""
    if not input_dir.is_dir():
        raise OptionError(f"not a directory: {input_dir}")
    if out_dir.exists() and not out_dir.is_dir():
        raise OptionError(f"output path is not a directory: {out_dir}")
    if out_dir.exists() and out_dir.resolve() == input_dir.resolve():
        raise OptionError("the output directory must not be the input directory")
    out_dir.mkdir(parents=True, exist_ok=True)


def _tasks(root: Path, files: list[Path]) -> tuple[list[Task], list[StatusRecord]]:
    """A task for each file that can be hashed; a failed record for each one that cannot."""
    tasks, unreadable = [], []
    for path in files:
        name = path.relative_to(root).as_posix()
        try:
            tasks.append(Task(name, str(path.resolve()), sha256_of(path)))
        except OSError as exc:
            message = f"the file cannot be read ({type(exc).__name__})"
            unreadable.append(StatusRecord(name, None, "failed", InputError.code, message))
    return tasks, unreadable


def report_name(name: str) -> str:
    """Where an input's report goes, relative to the output directory."""
    return f"{REPORTS_DIR}/{name}.json"


class _Recorder:
    """Writes each finished document's report and status line, and counts them."""

    def __init__(self, out_dir: Path, log_: StatusLog, fingerprint: str, summary: BatchSummary):
        self.out_dir, self.log, self.fingerprint, self.summary = out_dir, log_, fingerprint, summary
        self.copies: dict[str, list[Task]] = {}  # content hash -> inputs waiting for it
        self.on_event: Callable[[BatchEvent], None] | None = None
        self.done = 0

    def finished(self, task: Task, result: TaskResult) -> None:
        """Record a document read now, for every input with its content."""
        for copy in self.copies.pop(task.sha256, [task]):
            report = None
            if result.report_json is not None:
                report = report_name(copy.name)
                write_text_atomic(self.out_dir / report, result.report_json)
            self.add(record_of(copy, result, self.fingerprint, report), ran=True)

    def add(self, record: StatusRecord, *, ran: bool) -> None:
        """Count a record (appended to the status file when read now) and report progress."""
        if ran:
            self.log.append(record)
            self.summary.processed += 1
            code = f" [{record.error_code}]" if record.error_code else ""
            log.info("batch: %s %s%s", (record.sha256 or "-")[:16], record.status, code)
        else:
            self.summary.skipped += 1
        self.summary.statuses[record.status] += 1
        if record.error_code and record.status == "failed":
            self.summary.failures[record.error_code] += 1
        self.done += 1
        if self.on_event is not None:
            self.on_event(BatchEvent(record, ran, self.done, self.summary.inputs))


def run_batch(
    input_dir: str | Path,
    out_dir: str | Path,
    options: BatchOptions | None = None,
    *,
    on_event: Callable[[BatchEvent], None] | None = None,
) -> BatchSummary:
    """Read (or resume) a batch of every file under ``input_dir`` into ``out_dir``.

    Raises OptionError for a missing input directory, an output that is no directory or an
    unknown engine, and EngineNotAvailableError for ``ray`` without the extra installed.
    """
    opts = options or BatchOptions()
    root, out = Path(input_dir), Path(out_dir)
    check_directories(root, out)
    start = time.monotonic()
    tasks, unreadable = _tasks(root, find_files(root, exclude=out))
    status = StatusLog(out / STATUS_FILE)
    fingerprint = options_fingerprint(opts.pipeline)
    summary = BatchSummary(out_dir=out, inputs=len(tasks) + len(unreadable))
    recorder = _Recorder(out, status, fingerprint, summary)
    recorder.on_event = on_event
    for record in unreadable:
        recorder.add(record, ran=True)
    todo = []
    for task in tasks:
        if status.is_done(task.name, task.sha256, fingerprint, out, opts.retry_failed):
            recorder.add(status.records[task.name], ran=False)
        elif task.sha256 in recorder.copies:
            recorder.copies[task.sha256].append(task)
        else:
            recorder.copies[task.sha256] = [task]
            todo.append(task)
    try:
        if todo:
            opts.make_engine().run(todo, recorder.finished)
    finally:
        names = [r.input for r in unreadable] + [t.name for t in tasks]
        status.compact(sorted(names))
        summary.seconds = time.monotonic() - start
    return summary
