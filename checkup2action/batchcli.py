"""The ``batch`` command (registered on the main app by ``checkup2action.cli``): every file under a
directory, each in an isolated worker, with a progress bar and a summary table."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from checkup2action.batch.run import (
    DEFAULT_MAX_MEMORY_MB,
    DEFAULT_TIMEOUT,
    BatchEvent,
    BatchOptions,
    BatchSummary,
    run_batch,
)
from checkup2action.cliconsole import EXIT_FAILED, err, fatal, out
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
from checkup2action.errors import Checkup2ActionError

STATUS_STYLES = {"ok": "green", "partial": "yellow", "failed": "red"}


def _counts(summary_counts: dict[str, int]) -> str:
    """``ok 3 · partial 1 · failed 0``."""
    return " · ".join(f"{s} {summary_counts.get(s, 0)}" for s in STATUS_STYLES)


def summary_table(summary: BatchSummary) -> Table:
    """The end-of-batch table: inputs by status, failures by code, time and throughput."""
    table = Table(title=f"batch → {summary.out_dir}", title_justify="left")
    table.add_column("outcome")
    table.add_column("inputs", justify="right")
    for status, style in STATUS_STYLES.items():
        table.add_row(Text(status, style=style), str(summary.statuses.get(status, 0)))
    for code, count in sorted(summary.failures.items()):
        table.add_row(Text(f"  {code}", style="red"), str(count))
    rate = summary.processed / summary.seconds * 60 if summary.seconds else 0.0
    table.add_row("read now / done earlier", f"{summary.processed} / {summary.skipped}")
    table.add_row("time", f"{summary.seconds:.1f} s ({rate:.1f} documents a minute)")
    table.add_row("status file", str(summary.status_path))
    return table


def _failure_line(event: BatchEvent) -> Text:
    """One line for an input that failed now."""
    record = event.record
    return Text(f"{record.input}: {record.message} [{record.error_code}]", style="red")


def batch(
    input_dir: Annotated[Path, typer.Argument(help="A directory of reports, read recursively.")],
    out_dir: OutDirOption,
    workers: WorkersOption = DEFAULT_WORKERS,
    timeout: TimeoutOption = DEFAULT_TIMEOUT,
    max_memory: MaxMemoryOption = DEFAULT_MAX_MEMORY_MB,
    engine: EngineOption = EngineChoice.local,
    address: AddressOption = None,
    retry_failed: Annotated[
        bool, typer.Option("--retry-failed", help="Read again inputs that failed before.")
    ] = False,
    quiet: QuietOption = False,
    keep_filenames: KeepFilenamesOption = False,
    keep_identifiers: KeepIdentifiersOption = False,
    date_policy: DatePolicyOption = DatePolicyChoice.keep,
) -> None:
    """Read every file under INPUT_DIR into OUT_DIR, each in an isolated worker.

    OUT_DIR/status.jsonl gets one line per input (status ok, partial or failed, error code,
    pages, seconds, peak memory) and OUT_DIR/reports/ a report JSON per input that did not
    fail. A rerun skips what is done. Exit code 0 when nothing failed, 3 when some input
    failed, 2 on a usage error."""
    options = BatchOptions(
        pipeline=pipeline_options(keep_filenames, keep_identifiers, date_policy),
        workers=workers,
        timeout=timeout,
        max_memory_mb=max_memory,
        engine=engine.value,
        address=address,
        retry_failed=retry_failed,
    )
    console = out()
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[counts]}"),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
    )
    hide = quiet or not console.is_terminal
    with Progress(*columns, console=console, disable=hide, transient=True) as progress:
        bar = progress.add_task("documents", total=None, counts="")
        counts: dict[str, int] = {}

        def on_event(event: BatchEvent) -> None:
            """Advance the bar; print a failure at once."""
            counts[event.record.status] = counts.get(event.record.status, 0) + 1
            progress.update(bar, total=event.total, completed=event.done, counts=_counts(counts))
            if event.ran and event.record.status == "failed":
                err().print(_failure_line(event))

        try:
            summary = run_batch(input_dir, out_dir, options, on_event=on_event)
        except Checkup2ActionError as exc:
            raise fatal(str(exc)) from None
    if not quiet:
        console.print(summary_table(summary))
    if summary.statuses.get("failed"):
        raise typer.Exit(EXIT_FAILED)


def register(app: typer.Typer) -> None:
    """Add the batch command to the main app."""
    app.command("batch")(batch)
