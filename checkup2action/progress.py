"""Progress within one document: a stage reports each step it starts (a page to OCR, say), so a
caller can show how far a long scanned PDF has got. Reporting never changes what is read."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Step:
    """One step of reading a document, reported as it starts."""

    name: str  # what is done: "OCR", "text layer check", "layout", "tables"
    done: int = 0  # steps of this name finished before this one
    total: int = 1  # steps of this name the document needs
    page: int | None = None  # the page's number in the document, for a step on one page


#: Called with each step as it starts; it must return quickly and not raise.
StepHook = Callable[[Step], None]


def report_step(hook: StepHook | None, step: Step) -> None:
    """Report a step to the hook, when there is one."""
    if hook is not None:
        hook(step)
