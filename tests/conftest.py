"""Shared fixtures: the pipeline run once per sample and reused across tests."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from checkup2action.pipeline import ingest
from checkup2action.report.models import StructuredReport


@lru_cache(maxsize=64)
def _ingest_cached(path: str, mtime: float) -> StructuredReport:
    """Run the pipeline once per file version."""
    return ingest(path)


@pytest.fixture(scope="session")
def run_pipeline():
    """Return a function that reads a PDF through the pipeline, cached per file."""

    def run(path: Path) -> StructuredReport:
        return _ingest_cached(str(path), path.stat().st_mtime)

    return run
