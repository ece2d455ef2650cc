"""Progress of ``ingest`` and ``run`` on stderr: the documents (when several) and, within the one
being read, its steps page by page (``scan.pdf: page 3, OCR  2/12``). Shown only on a terminal
and never when quiet; it disappears once done."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from checkup2action.cliconsole import err
from checkup2action.progress import Step, StepHook


class _Count(ProgressColumn):
    """``done/total``, or nothing while the total is unknown."""

    def render(self, task: Task) -> Text:
        """The count of one task."""
        if task.total is None:
            return Text("")
        return Text(f"{int(task.completed)}/{int(task.total)}", style="progress.download")


class ReadingProgress:
    """A documents bar (several documents) and a steps line for the document being read."""

    def __init__(self, documents: int, quiet: bool) -> None:
        console = err()
        self.shown = not quiet and console.is_terminal
        columns = (
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            _Count(),
            TimeElapsedColumn(),
        )
        self.bar = Progress(*columns, console=console, disable=not self.shown, transient=True)
        self.documents: TaskID | None = None
        if documents > 1:
            self.documents = self.bar.add_task("documents", total=documents)
        self.steps = self.bar.add_task("", total=None, visible=False)
        self.name = ""

    def __enter__(self) -> ReadingProgress:
        """Start the display."""
        self.bar.__enter__()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Stop the display and clear it."""
        self.bar.__exit__(kind, exc, traceback)

    def document(self, path: Path) -> StepHook | None:
        """Start showing one document; the hook its steps go to (None when nothing is shown)."""
        self.name = path.name
        self.bar.update(self.steps, description=f"{self.name}: reading", total=None, completed=0)
        self.bar.update(self.steps, visible=True)
        return self.step if self.shown else None

    def step(self, step: Step) -> None:
        """Show a step of the document being read."""
        where = f"page {step.page}, " if step.page is not None else ""
        description = f"{self.name}: {where}{step.name}"
        if step.page is None and step.total <= 1:  # a step of the whole document: no count
            self.bar.update(self.steps, description=description, total=None, completed=0)
            return
        self.bar.update(self.steps, description=description, total=step.total, completed=step.done)

    def document_done(self) -> None:
        """Count a document as done."""
        if self.documents is not None:
            self.bar.advance(self.documents)
