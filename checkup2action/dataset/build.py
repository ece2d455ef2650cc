"""``dataset build``: read every document of an input tree into an output directory, one report
JSON per document, resumably, then rebuild the dataset's tables (``outputs``).

A document is its content (sha256): a file copied into two folders is read once and counted in
its manifest row's ``copies``. A rerun skips each document already read with the same options
(``state.options_fingerprint``): its report is on disk, or it failed and ``retry_failed`` is off.
The tables cover the documents found under the input directory in this run; the report and record
of a document no longer there stay in ``reports/`` and ``state.json``.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from checkup2action.batch.documents import DocumentOutcome, options_fingerprint
from checkup2action.batch.engines import Engine
from checkup2action.batch.run import (
    DEFAULT_MAX_MEMORY_MB,
    DEFAULT_TIMEOUT,
    BatchOptions,
    check_directories,
)
from checkup2action.batch.task import Task, TaskResult
from checkup2action.dataset.inputs import InputDocument, find_inputs, group_by_content
from checkup2action.dataset.outputs import REPORTS_DIR, write_outputs
from checkup2action.dataset.state import (
    STATE_FILE,
    BuildState,
    DocumentRecord,
    record_from_outcome,
)
from checkup2action.dataset.tables import require_pyarrow
from checkup2action.errors import OptionError
from checkup2action.fileio import write_text_atomic
from checkup2action.pipeline import PipelineOptions
from checkup2action.report.models import StructuredReport

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """Settings of one build: the pipeline's options, whether to read failures again, and where
    documents are read: ``workers`` 0 (the default here) reads them one after another in this
    process; N ≥ 1 reads them on N isolated workers of the batch engine ``engine``, with the
    batch's time and memory limits (the command line's default: one worker a core)."""

    pipeline: PipelineOptions = field(default_factory=PipelineOptions)
    retry_failed: bool = False
    workers: int = 0
    timeout: float | None = DEFAULT_TIMEOUT
    max_memory_mb: float | None = DEFAULT_MAX_MEMORY_MB
    engine_name: str = "local"
    address: str | None = None

    def engine(self) -> Engine:
        """The batch engine these options name."""
        batch = BatchOptions(
            pipeline=self.pipeline,
            workers=self.workers,
            timeout=self.timeout,
            max_memory_mb=self.max_memory_mb,
            engine=self.engine_name,
            address=self.address,
        )
        return batch.make_engine()

    @property
    def keep_filenames(self) -> bool:
        """Whether input file names may appear in the outputs."""
        return self.pipeline.deid.keep_filenames


@dataclass(frozen=True, slots=True)
class DocumentEvent:
    """Progress: one document handled, read now (``ran``) or done in an earlier run."""

    index: int  # from 1
    total: int
    label: str  # the hash's first 16 digits, or the input's relative path when names are kept
    record: DocumentRecord
    ran: bool


@dataclass(slots=True)
class BuildSummary:
    """What a build did: documents found, read now, skipped as done, and their statuses."""

    out_dir: Path
    files: int
    documents: int
    processed: int = 0
    skipped: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    unreadable: list[Path] = field(default_factory=list)  # inputs that could not be hashed
    rows: dict[str, int] = field(default_factory=dict)  # rows of each Parquet table

    @property
    def failed(self) -> int:
        """Documents whose record is a failure (read now or earlier)."""
        return self.statuses["failed"]


def report_path(doc: InputDocument, *, keep_filenames: bool) -> str:
    """Where a document's report JSON goes, relative to the output directory: named like a
    de-identified ``source.file_name`` (hash and suffix), or after the input's relative path."""
    name = doc.relative[0] if keep_filenames else f"{doc.sha256[:16]}{doc.suffix}"
    return f"{REPORTS_DIR}/{name}.json"


def _without_names(message: str | None, doc: InputDocument) -> str | None:
    """An error message with the input's file names taken out (typed errors keep the file apart
    from the message; this guards the rest)."""
    for path in doc.paths:
        message = message.replace(path.name, "[file]") if message else message
    return message


def _remove_report(out_dir: Path, relative: str) -> None:
    """Remove a report JSON and the folders it leaves empty below ``reports/`` (a folder can be
    named after a patient when file names were kept)."""
    path = out_dir / relative
    path.unlink(missing_ok=True)
    top = out_dir / REPORTS_DIR
    for folder in path.parents:
        if folder == top or not folder.is_relative_to(top) or any(folder.iterdir()):
            break
        folder.rmdir()


def record_document(
    doc: InputDocument,
    result: TaskResult,
    out_dir: Path,
    options: BuildOptions,
    fingerprint: str,
    previous: DocumentRecord | None = None,
) -> DocumentRecord:
    """Write a document's report JSON (atomically) from what its worker read and return its new
    record; an earlier report of it under another name is removed."""
    report = None
    written = None
    if result.report_json is not None:
        report = StructuredReport.model_validate_json(result.report_json)
        written = report_path(doc, keep_filenames=options.keep_filenames)
        write_text_atomic(out_dir / written, result.report_json)
    if previous is not None and previous.report and previous.report != written:
        _remove_report(out_dir, previous.report)
    outcome = DocumentOutcome(
        doc.sha256, result.status, result.seconds, report, result.error_code, result.error_message
    )
    record = record_from_outcome(outcome, fingerprint, written)
    if not options.keep_filenames:
        record.error_message = _without_names(record.error_message, doc)
    code = f" [{record.error_code}]" if record.error_code else ""
    log.info("dataset: %s %s%s in %.2fs", doc.sha256[:16], record.status, code, record.seconds)
    return record


def _read_all(
    docs: list[InputDocument],
    state: BuildState,
    out_dir: Path,
    options: BuildOptions,
    on_document: Callable[[DocumentEvent], None] | None,
) -> tuple[int, int]:
    """Read each document not done yet on the batch engine the options name (the state saved
    now and then and at the end, also when interrupted); returns (read now, skipped). Events
    come for the documents done earlier first, then for the others as they finish."""
    fingerprint = options_fingerprint(options.pipeline)
    by_hash = {doc.sha256: doc for doc in docs}
    todo = [
        d for d in docs if not state.is_done(d.sha256, fingerprint, out_dir, options.retry_failed)
    ]
    done = 0

    def event(doc: InputDocument, ran: bool) -> None:
        """Tell the caller of one document handled."""
        nonlocal done
        done += 1
        if on_document is not None:
            label = doc.relative[0] if options.keep_filenames else doc.sha256[:16]
            on_document(DocumentEvent(done, len(docs), label, state.records[doc.sha256], ran))

    def finished(task: Task, result: TaskResult) -> None:
        """Record a document its worker has read."""
        doc = by_hash[task.sha256]
        previous = state.records.get(doc.sha256)
        state.put(record_document(doc, result, out_dir, options, fingerprint, previous))
        event(doc, ran=True)

    for doc in docs:
        if doc not in todo:
            event(doc, ran=False)
    try:
        tasks = [Task(doc.relative[0], str(doc.source), doc.sha256) for doc in todo]
        if tasks:
            options.engine().run(tasks, finished)
    finally:
        state.save()
    return len(todo), len(docs) - len(todo)


def build_dataset(
    input_dir: str | Path,
    out_dir: str | Path,
    options: BuildOptions | None = None,
    *,
    on_document: Callable[[DocumentEvent], None] | None = None,
) -> BuildSummary:
    """Build (or resume) the dataset of every PDF and picture under ``input_dir`` (at any depth)
    in ``out_dir``; a failed document is a manifest row, never the end of the build.

    Raises OptionError for a missing input directory or one without inputs, and
    EngineNotAvailableError when pyarrow (extra ``dataset``) is not installed.
    """
    opts = options or BuildOptions()
    require_pyarrow()  # before hours of reading, not after
    root, out = Path(input_dir), Path(out_dir)
    check_directories(root, out)
    docs, unreadable = group_by_content(root, find_inputs(root, exclude=out))
    if not docs and not unreadable:
        raise OptionError(f"no PDF or picture files under {root}")
    state = BuildState.load(out / STATE_FILE)
    processed, skipped = _read_all(docs, state, out, opts, on_document)
    entries = [(doc, state.records[doc.sha256]) for doc in docs]
    rows = write_outputs(out, entries, keep_filenames=opts.keep_filenames)
    return BuildSummary(
        out_dir=out,
        files=sum(len(doc.paths) for doc in docs),
        documents=len(docs),
        processed=processed,
        skipped=skipped,
        statuses=Counter(record.status for _, record in entries),
        unreadable=unreadable,
        rows=rows,
    )
