"""Golden files: every committed sample's report JSON is pinned (floats compared with tolerance).

Regenerate with `make golden` (sets C2A_UPDATE_GOLDEN=1) after an intended change.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.pdf"))
GOLDEN = ROOT / "tests" / "golden"
UPDATE = os.environ.get("C2A_UPDATE_GOLDEN") == "1"


def _close(a: object, b: object, path: str = "") -> list[str]:
    """Differences between two JSON values, floats within 1e-6 relative."""
    if isinstance(a, dict) and isinstance(b, dict):
        keys = sorted(set(a) | set(b))
        return [d for k in keys for d in _close(a.get(k), b.get(k), f"{path}.{k}")]
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return [f"{path}: length {len(a)} != {len(b)}"]
        return [
            d
            for i, (x, y) in enumerate(zip(a, b, strict=True))
            for d in _close(x, y, f"{path}[{i}]")
        ]
    if isinstance(a, float) or isinstance(b, float):
        ok = (
            isinstance(a, int | float)
            and isinstance(b, int | float)
            and math.isclose(a, b, rel_tol=1e-6)
        )
        return [] if ok else [f"{path}: {a!r} != {b!r}"]
    return [] if a == b else [f"{path}: {a!r} != {b!r}"]


def test_samples_exist():
    assert len(SAMPLES) >= 8


@pytest.mark.parametrize("pdf", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_golden(pdf: Path, run_pipeline):
    got = json.loads(run_pipeline(pdf).to_json())
    golden = GOLDEN / f"{pdf.stem}.json"
    if UPDATE or not golden.exists():
        if not UPDATE:
            pytest.fail(f"no golden file {golden.name}: run `make golden`")
        golden.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n", "utf-8")
    diffs = _close(json.loads(golden.read_text("utf-8")), got)
    assert not diffs, "\n".join(diffs[:20])
