"""Datasets from folders of reports: ``checkup2action dataset build INPUT_DIR -o OUT_DIR``.

Output layout (``outputs``): ``reports/<hash16><suffix>.json`` (one report per document),
``reports.jsonl``, ``manifest.csv``, ``stats.json``, ``stats.md``, ``results.parquet``,
``vitals.parquet`` and ``state.json`` (what a rerun skips).
"""

from __future__ import annotations

from checkup2action.dataset.build import (
    BuildOptions,
    BuildSummary,
    DocumentEvent,
    build_dataset,
)

__all__ = ["BuildOptions", "BuildSummary", "DocumentEvent", "build_dataset"]
