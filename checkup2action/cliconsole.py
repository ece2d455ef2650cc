"""What every command-line command shares: exit codes, the two consoles, the one-line error."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.text import Text

EXIT_OK, EXIT_USAGE, EXIT_FAILED = 0, 2, 3
#: ``ingest`` and ``run``: every document was read, but some gave no lab result.
EXIT_EMPTY = 4


def out() -> Console:
    """Console on stdout (created per call so test runners can capture it)."""
    return Console(highlight=False)


def err() -> Console:
    """Console on stderr."""
    return Console(stderr=True, highlight=False, soft_wrap=True)


def fatal(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    """Print a one-line error and return the exit to raise (usage error unless ``code``)."""
    err().print(Text(f"checkup2action: {message}", style="bold red"))
    return typer.Exit(code)
