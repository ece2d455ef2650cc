"""Checkup2Action: clinical check-up reports in, structured report JSON out."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["__version__", "ingest", "ingest_many"]

if TYPE_CHECKING:
    from checkup2action.pipeline import ingest, ingest_many


def __getattr__(name: str) -> Any:
    """Import the pipeline lazily so `import checkup2action` stays cheap."""
    if name in ("ingest", "ingest_many"):
        from checkup2action import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)
