"""Scanned and photographed samples: pinned outputs (OCR tolerances) and agreement with truth.

`samples/scanned/` holds pictures made by `make samples` from generated reports (a flatbed scan,
a phone photo, a turned and skewed TIFF, an image-only PDF), each with its `.truth.json`. The
golden outputs of two of them are pinned like the born-digital ones, except that OCR confidences
may move by 0.05, boxes by 3 points, and the review marks that hang on a confidence may flip.
Regenerate with `make golden` after an intended change.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

import pytest

from checkup2action.samples.scoring import score_document

pytest.importorskip("rapidocr")

ROOT = Path(__file__).resolve().parents[1]
SCANNED = ROOT / "samples" / "scanned"
GOLDEN = ROOT / "tests" / "golden" / "scanned"
UPDATE = os.environ.get("C2A_UPDATE_GOLDEN") == "1"
TRUTHS = sorted(SCANNED.glob("*.truth.json"))
PINNED = [next(t for t in TRUTHS if f"_{kind}" in t.name) for kind in ("scan", "photo")]
TOLERANCE = {"confidence": 0.05, "x0": 3.0, "top": 3.0, "x1": 3.0, "bottom": 3.0}
IGNORED = {"needs_review"}  # follows a confidence across the review threshold


def picture_of(truth_path: Path) -> Path:
    """The picture file a truth file describes (the first page's file)."""
    truth = json.loads(truth_path.read_text("utf-8"))
    return SCANNED / truth["pages"][0]["file"]


def differences(a: object, b: object, path: str = "") -> list[str]:
    """Differences between two JSON values within the OCR tolerances."""
    key = path.rsplit(".", 1)[-1]
    if key in IGNORED:
        return []
    if isinstance(a, dict) and isinstance(b, dict):
        if a.get("code") == b.get("code") == "LOW_CONFIDENCE":
            return []
        keys = sorted(set(a) | set(b))
        return [d for k in keys for d in differences(a.get(k), b.get(k), f"{path}.{k}")]
    if isinstance(a, list) and isinstance(b, list):
        if path.endswith("warnings"):  # review warnings follow confidences: compare the rest
            a, b = ([w for w in x if w.get("code") != "LOW_CONFIDENCE"] for x in (a, b))
        if len(a) != len(b):
            return [f"{path}: length {len(a)} != {len(b)}"]
        return [d for i, (x, y) in enumerate(zip(a, b, strict=True)) for d in differences(x, y, f"{path}[{i}]")]  # fmt: skip
    if isinstance(a, int | float) and isinstance(b, int | float) and not isinstance(a, bool):
        tol = TOLERANCE.get(key)
        ok = abs(a - b) <= tol if tol is not None else math.isclose(a, b, rel_tol=1e-6)
        return [] if ok else [f"{path}: {a!r} != {b!r}"]
    return [] if a == b else [f"{path}: {a!r} != {b!r}"]


def test_scanned_samples_are_committed():
    assert len(TRUTHS) >= 4 and len(PINNED) == 2
    assert all(picture_of(t).is_file() for t in TRUTHS)
    assert sum(p.stat().st_size for p in SCANNED.iterdir()) <= 10 * 1024 * 1024


@pytest.mark.parametrize("truth_path", PINNED, ids=[p.stem for p in PINNED])
def test_scanned_golden(truth_path: Path, run_pipeline):
    got = json.loads(run_pipeline(picture_of(truth_path)).to_json())
    golden = GOLDEN / f"{truth_path.name.removesuffix('.truth.json')}.json"
    if UPDATE or not golden.exists():
        if not UPDATE:
            pytest.fail(f"no golden file {golden.name}: run `make golden`")
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n", "utf-8")
    diffs = differences(json.loads(golden.read_text("utf-8")), got)
    assert not diffs, "\n".join(diffs[:20])


@pytest.mark.parametrize("truth_path", TRUTHS, ids=[p.stem for p in TRUTHS])
def test_scanned_sample_reads_close_to_truth(truth_path: Path, run_pipeline):
    truth = json.loads(truth_path.read_text("utf-8"))
    for row in truth["lab_results"]:
        dpi = next(p["dpi"] for p in truth["pages"] if p["page"] == row["page"])
        row["bbox"] = [v * 72.0 / dpi for v in row["bbox_px"]]
    report = run_pipeline(picture_of(truth_path)).model_dump(mode="json")
    summary = score_document(truth, report, truth_path.name).summary()
    assert summary["recall"] >= 0.9 and summary["precision"] >= 0.9
    assert summary["value"] >= 0.9
