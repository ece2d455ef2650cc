"""Command-line interface: `checkup2action ingest`, `redact`, `dataset build`, `schema`,
`check-safety`, the card commands `cards`, `run`, `evaluate` (``cardcli``), `batch`
(``batchcli``) and `--version`."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from checkup2action import __version__, batchcli, cardcli, pipeline, servecli
from checkup2action.batch.run import DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT
from checkup2action.cards.safety import check_text
from checkup2action.cliconsole import EXIT_EMPTY, EXIT_FAILED
from checkup2action.cliconsole import err as _err
from checkup2action.cliconsole import fatal as _fatal
from checkup2action.cliconsole import out as _out
from checkup2action.clioptions import (
    DEFAULT_WORKERS,
    AddressOption,
    DatePolicyChoice,
    DatePolicyOption,
    EngineChoice,
    EngineOption,
    KeepFilenamesOption,
    KeepIdentifiersOption,
    MaxMemoryOption,
    OutDirOption,
    QuietOption,
    TimeoutOption,
    WorkersOption,
    pipeline_options,
)
from checkup2action.cliprogress import ReadingProgress
from checkup2action.clireading import (
    AllowEmptyOption,
    OcrEngineOption,
    OcrLanguageOption,
    PagesOption,
    ThreadsOption,
    with_reading,
)
from checkup2action.cliviews import (
    Outcome,
    batch_table,
    empty_text,
    failure_text,
    narrative_table,
    summary_table,
    warnings_view,
)
from checkup2action.dataset import BuildOptions, BuildSummary, DocumentEvent, build_dataset
from checkup2action.dataset.inputs import INPUT_SUFFIXES
from checkup2action.errors import Checkup2ActionError
from checkup2action.ingestion.failures import as_typed
from checkup2action.progress import StepHook
from checkup2action.report.models import StructuredReport
from checkup2action.report.writers import write_report

app = typer.Typer(
    name="checkup2action",
    help="Turn check-up reports (PDFs, scans, photos) into structured report JSON.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


class OutputFormat(StrEnum):
    """Output file formats."""

    json = "json"
    csv = "csv"
    md = "md"
    fhir = "fhir"  # a FHIR R4 Bundle, written as <name>.fhir.json


class UsageError(Exception):
    """A problem with the command line itself (exit code 2)."""


class FatalError(Exception):
    """An unexpected failure that stops the run (exit code 2)."""


def _version_callback(value: bool) -> None:
    """Print the version and stop."""
    if value:
        typer.echo(f"checkup2action {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version_callback, is_eager=True, help="Show version."),
    ] = False,
) -> None:
    """Turn check-up report PDFs into structured report JSON."""


def _expand(path: Path) -> list[Path]:
    """A file as itself, a directory as its PDFs and pictures (sorted); a missing path is an error."""
    if path.is_dir():
        return sorted(
            p for p in path.iterdir() if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES
        )
    if path.exists():
        return [path]
    raise UsageError(f"no such file or directory: {path}")


def collect_inputs(paths: list[Path], *, distinct_names: bool = True) -> list[Path]:
    """Expand directories and drop duplicates; with ``distinct_names`` (outputs named after the
    inputs) refuse two inputs of the same file name, whose outputs would clash."""
    seen: dict[Path, None] = {}
    for path in paths:
        for item in _expand(path):
            seen.setdefault(item.resolve(), None)
    if not seen:
        raise UsageError("no PDF or picture inputs found")
    names: dict[str, Path] = {}
    for item in seen if distinct_names else ():
        if item.name in names:
            raise UsageError(f"two inputs share the file name {item.name!r}; outputs would clash")
        names[item.name] = item
    return list(seen)


def _prepare_out_dir(out_dir: Path) -> None:
    """Create the output directory, or fail with a usage error."""
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"output path is not a directory: {out_dir}")
    out_dir.mkdir(parents=True, exist_ok=True)


def process_one(
    path: Path,
    out_dir: Path,
    fmt: str,
    options: pipeline.PipelineOptions | None = None,
    progress: StepHook | None = None,
) -> Outcome:
    """Ingest one document and write its output, named like ``source.file_name`` (the content
    hash unless file names are kept); typed errors become a failed outcome."""
    try:
        report = pipeline.ingest(path, options=options, progress=progress)
        write_report(report, out_dir, report.source.file_name, fmt)  # a hash unless kept
    except Exception as exc:
        typed = as_typed(exc, path.name)  # a memory error or a parser's own: the document's
        if typed is None:  # not the document's fault: stop the batch, name only the type
            raise FatalError(f"{path.name}: unexpected error ({type(exc).__name__})") from exc
        return Outcome(path, error=typed)
    return Outcome(path, report=report)


def _report_empty(outcomes: list[Outcome], quiet: bool, allow_empty: bool) -> None:
    """A line on stderr for each document read without lab results (unless allowed and quiet)."""
    if quiet and allow_empty:
        return
    for o in outcomes:
        if o.empty:
            _err().print(empty_text(o))


def _show_report(outcome: Outcome) -> None:
    """Print a report's results table (none without results: stderr says so), its vitals,
    findings and summary, then its warnings."""
    assert outcome.report is not None
    if outcome.report.lab_results:
        _out().print(summary_table(outcome))
    for view in (narrative_table(outcome.report), warnings_view(outcome.report)):
        if view is not None:
            _out().print(view)


def run_single(
    path: Path,
    out_dir: Path,
    fmt: str,
    quiet: bool,
    options: pipeline.PipelineOptions,
    allow_empty: bool = False,
) -> list[Outcome]:
    """Process one document (its steps shown on a terminal) and print its tables and warnings,
    or its failure."""
    with ReadingProgress(1, quiet) as shown:
        outcome = process_one(path, out_dir, fmt, options, shown.document(path))
    if outcome.error is not None:
        _err().print(failure_text(outcome))
    elif not quiet:
        _show_report(outcome)
    _report_empty([outcome], quiet, allow_empty)
    return [outcome]


def run_batch(
    paths: list[Path],
    out_dir: Path,
    fmt: str,
    quiet: bool,
    options: pipeline.PipelineOptions,
    allow_empty: bool = False,
) -> list[Outcome]:
    """Process several documents under a progress display, then print one line per document."""
    outcomes: list[Outcome] = []
    with ReadingProgress(len(paths), quiet) as shown:
        for path in paths:
            outcomes.append(process_one(path, out_dir, fmt, options, shown.document(path)))
            shown.document_done()
    for o in outcomes:
        if o.error is not None:
            _err().print(failure_text(o))
    _report_empty(outcomes, quiet, allow_empty)
    if not quiet:
        _out().print(batch_table(outcomes))
    return outcomes


@app.command()
def ingest(
    files: Annotated[
        list[Path], typer.Argument(help="PDF or picture files, or directories of them.")
    ],
    out_dir: OutDirOption,
    fmt: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.json,
    quiet: QuietOption = False,
    keep_filenames: KeepFilenamesOption = False,
    keep_identifiers: KeepIdentifiersOption = False,
    date_policy: DatePolicyOption = DatePolicyChoice.keep,
    ocr_engine: OcrEngineOption = None,
    threads: ThreadsOption = None,
    pages: PagesOption = None,
    ocr_language: OcrLanguageOption = None,
    allow_empty: AllowEmptyOption = False,
) -> None:
    """Read check-up reports and write one output file per document (de-identified).

    Exit codes: 0 every document read, with lab results; 2 usage or fatal error; 3 some
    document failed; 4 some document gave no lab result (its output is written all the same;
    0 with --allow-empty)."""
    try:
        deid = pipeline_options(keep_filenames, keep_identifiers, date_policy)
        options = with_reading(deid, ocr_engine, threads, pages, ocr_language)
        paths = collect_inputs(files, distinct_names=keep_filenames)
        _prepare_out_dir(out_dir)
        if len(paths) == 1:
            outcomes = run_single(paths[0], out_dir, fmt.value, quiet, options, allow_empty)
        else:
            outcomes = run_batch(paths, out_dir, fmt.value, quiet, options, allow_empty)
    except (UsageError, FatalError) as exc:
        raise _fatal(str(exc)) from None
    except Checkup2ActionError as exc:  # a bad option, an engine named but not installed
        raise _fatal(str(exc)) from None
    except Exception as exc:  # anything else: one line, no traceback, no values
        raise _fatal(f"unexpected error ({type(exc).__name__})") from None
    if any(o.error is not None for o in outcomes):
        raise typer.Exit(EXIT_FAILED)
    if not allow_empty and any(o.empty for o in outcomes):
        raise typer.Exit(EXIT_EMPTY)


@app.command()
def redact(
    file: Annotated[Path, typer.Argument(help="A PDF or picture file.")],
    output: Annotated[
        Path, typer.Option("--out", "-o", help="Redacted copy: .pdf, or a picture suffix.")
    ],
) -> None:
    """Write a copy of a report with a filled box over every identifier found (pages become
    pictures: no text layer is kept)."""
    if not file.is_file():
        raise _fatal(f"no such file: {file}")
    if output.resolve() == file.resolve():
        raise _fatal("the redacted copy must not overwrite its input")
    try:
        summary = pipeline.redact(file, output)
    except Checkup2ActionError as exc:
        _err().print(Text(f"checkup2action: {exc}", style="bold red"))
        raise typer.Exit(EXIT_FAILED) from None
    except Exception as exc:  # anything else: one line, no traceback, no values
        raise _fatal(f"unexpected error ({type(exc).__name__})") from None
    kinds = ", ".join(f"{k} {n}" for k, n in sorted(summary.kinds.items())) or "none found"
    _out().print(f"{output}: {summary.pages} pages, {summary.boxes} boxes ({kinds})")


dataset_app = typer.Typer(help="Datasets from folders of reports.", no_args_is_help=True)
app.add_typer(dataset_app, name="dataset")


def _document_line(event: DocumentEvent) -> Text:
    """One progress line of ``dataset build``: document (its hash unless names are kept), status,
    results or error, time."""
    r = event.record
    if not event.ran:
        what, style = f"done earlier ({r.status})", "dim"
    elif r.error_code:
        what, style = f"failed: {r.error_message} [{r.error_code}]", "red"
    else:
        what, style = f"{r.status}, {r.results} results, {r.seconds:.1f}s", ""
    return Text(f"[{event.index}/{event.total}] {event.label}: {what}", style=style)


def _build_summary(summary: BuildSummary) -> str:
    """The closing line of ``dataset build``."""
    counts = ", ".join(f"{summary.statuses[s]} {s}" for s in ("ok", "partial", "failed"))
    unread = f"; {len(summary.unreadable)} files unreadable" if summary.unreadable else ""
    return (
        f"{summary.documents} documents ({summary.files} files): {counts}; "
        f"{summary.processed} read now, {summary.skipped} done earlier{unread} -> {summary.out_dir}"
    )


@dataset_app.command("build")
def dataset_build(
    input_dir: Annotated[
        Path, typer.Argument(help="A directory of PDFs and pictures, read recursively.")
    ],
    out_dir: OutDirOption,
    retry_failed: Annotated[
        bool, typer.Option("--retry-failed", help="Read again documents that failed before.")
    ] = False,
    quiet: QuietOption = False,
    keep_filenames: KeepFilenamesOption = False,
    keep_identifiers: KeepIdentifiersOption = False,
    date_policy: DatePolicyOption = DatePolicyChoice.keep,
    workers: WorkersOption = DEFAULT_WORKERS,
    timeout: TimeoutOption = DEFAULT_TIMEOUT,
    max_memory: MaxMemoryOption = DEFAULT_MAX_MEMORY_MB,
    engine: EngineOption = EngineChoice.local,
    address: AddressOption = None,
) -> None:
    """Build a dataset in OUT_DIR from every report under INPUT_DIR (resumable).

    A report JSON per document, reports.jsonl, manifest.csv, stats.json, stats.md,
    results.parquet and vitals.parquet; a rerun skips the documents already read with the same
    options."""
    options = BuildOptions(
        pipeline_options(keep_filenames, keep_identifiers, date_policy),
        retry_failed,
        workers=workers,
        timeout=timeout,
        max_memory_mb=max_memory,
        engine_name=engine.value,
        address=address,
    )

    def progress(event: DocumentEvent) -> None:
        """Print a document's line (only failures when quiet)."""
        if not quiet or (event.ran and event.record.error_code):
            _err().print(_document_line(event))

    try:
        summary = build_dataset(input_dir, out_dir, options, on_document=progress)
    except Checkup2ActionError as exc:
        raise _fatal(str(exc)) from None
    except Exception as exc:  # anything else: one line, no traceback, no values
        raise _fatal(f"unexpected error ({type(exc).__name__})") from None
    for path in summary.unreadable:
        _err().print(Text(f"{path}: cannot be read", style="red"))
    if not quiet:
        _out().print(Text(_build_summary(summary)), soft_wrap=True)
    if summary.failed or summary.unreadable:
        raise typer.Exit(EXIT_FAILED)


@app.command()
def schema() -> None:
    """Print the JSON Schema of StructuredReport."""
    typer.echo(json.dumps(StructuredReport.model_json_schema(), ensure_ascii=False, indent=2))


@app.command("check-safety")
def check_safety(
    file: Annotated[Path, typer.Argument(help="A UTF-8 text file to check ('-': standard input).")],
) -> None:
    """Report diagnostic claims, treatment instructions and promised outcomes in a text (exit 3
    when there is any): the gate every Action Card passes, for any text."""
    if str(file) == "-":
        text = sys.stdin.read()
    elif file.is_file():
        text = file.read_text(encoding="utf-8", errors="replace")
    else:
        raise _fatal(f"no such file: {file}")
    found = check_text(text)
    for v in found:
        line = text.count("\n", 0, v.start) + 1
        _out().print(Text(f"line {line}: {v.kind}: {v.text}"))
    _out().print(f"{len(found)} violation(s)" if found else "no violation")
    if found:
        raise typer.Exit(EXIT_FAILED)


cardcli.register(app)
batchcli.register(app)
servecli.register(app)


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
