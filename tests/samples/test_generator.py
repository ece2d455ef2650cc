"""The synthetic report generator: determinism, page counts, text layer versus ground truth,
and the committed sample set."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pdfplumber
import pytest

from checkup2action.samples.generator import FAMILIES, FAMILY_NAMES, generate
from checkup2action.samples.make_samples import MAX_BYTES, MAX_FILES, SAMPLES

ROOT = Path(__file__).resolve().parents[2]
SAMPLES_DIR = ROOT / "samples"
SEEDS = (0, 5)
FLAGS = {"H", "L", "HH", "LL", "A", "N"}


@cache
def report(family: str, seed: int):
    return generate(family, seed)


def _flat(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _subsequence(needle: str, hay: str) -> bool:
    it = iter(hay)
    return all(c in it for c in needle)


def test_families_registered():
    assert len(FAMILY_NAMES) >= 8
    assert set(FAMILIES) == set(FAMILY_NAMES)
    with pytest.raises(KeyError):
        generate("no_such_family", 0)


@pytest.mark.parametrize("family", FAMILY_NAMES)
def test_same_seed_same_bytes(family):
    a = report(family, 0)
    b = generate(family, 0)
    assert a.pdf == b.pdf
    assert a.truth == b.truth
    assert generate(family, 1).pdf != a.pdf


def test_bytes_do_not_depend_on_hash_seed():
    code = (
        "import hashlib,sys;from checkup2action.samples.generator import generate,FAMILY_NAMES;"
        "print(' '.join(hashlib.sha256(generate(f,0).pdf).hexdigest()[:16] for f in FAMILY_NAMES))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         check=True, cwd=ROOT)  # fmt: skip
    here = " ".join(hashlib.sha256(report(f, 0).pdf).hexdigest()[:16] for f in FAMILY_NAMES)
    assert out.stdout.strip() == here


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("family", FAMILY_NAMES)
def test_truth_is_consistent(family, seed):
    r = report(family, seed)
    t = r.truth
    assert t["generator"] == "checkup2action.samples" and t["truth_version"] == 1
    assert (t["family"], t["seed"]) == (family, seed)
    assert t["language"] in ("zh-Hans", "zh-Hant", "en")
    assert 1 <= t["page_count"] <= 6
    assert t["patient"]["sex"] in ("M", "F") and 0 < t["patient"]["age"] < 120
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", t["patient"]["exam_date"])
    assert t["identifiers"], "no identifiers recorded"
    assert len(t["lab_results"]) >= 5
    for row in t["lab_results"]:
        assert 1 <= row["page"] <= t["page_count"]
        assert row["flag"] in FLAGS
        x0, top, x1, bottom = row["bbox"]
        assert 0 <= x0 < x1 <= 595.3 and 0 <= top < bottom <= 841.9
        if row["value_text"] is None:
            assert isinstance(row["value"], float)
        else:
            assert row["value"] is None and row["comparator"] is None
        rr = row["reference_range"]
        if rr and rr["low"] is not None and rr["high"] is not None:
            assert rr["low"] <= rr["high"]
        if row["flag"] in ("HH", "LL"):
            assert row["flag_printed"], "critical flags only where printed"
        assert (row["unit"] is None) == (row["unit_raw"] is None)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("family", FAMILY_NAMES)
def test_text_layer_matches_truth(family, seed):
    """pdfplumber finds each row's value and name inside its box on the stated page."""
    r = report(family, seed)
    problems = []
    with pdfplumber.open(io.BytesIO(r.pdf)) as pdf:
        assert len(pdf.pages) == r.truth["page_count"]
        page_text = [_flat(p.extract_text() or "") for p in pdf.pages]
        for row in r.truth["lab_results"]:
            page = pdf.pages[row["page"] - 1]
            x0, top, x1, bottom = row["bbox"]
            box = (
                max(0, x0 - 1),
                max(0, top - 1),
                min(page.width, x1 + 1),
                min(page.height, bottom + 1),
            )
            inside = _flat(page.crop(box).extract_text() or "")
            if _flat(row["value_raw"]) not in inside:
                problems.append(f"value {row['value_raw']!r} not in box: {inside[:80]!r}")
            if not _subsequence(_flat(row["name_raw"]), inside):
                problems.append(f"name {row['name_raw']!r} not in box: {inside[:80]!r}")
            if row["unit_raw"] and not _subsequence(_flat(row["unit_raw"]), inside):
                problems.append(f"unit {row['unit_raw']!r} not in box: {inside[:80]!r}")
        for ident in r.truth["identifiers"]:
            if not any(_flat(ident) in t for t in page_text):
                problems.append(f"identifier {ident!r} not printed")
    assert not problems, "\n".join(problems[:20])


def _printed(data: bytes) -> list[list[tuple]]:
    """What a PDF prints, page by page: every character (text, font, size, place) and every
    line, rectangle and picture. The embedded fonts' bytes are left out: the CJK font is
    converted with fontTools, whose output changes from version to version, while the pages
    stay the same."""
    pages = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            chars = [
                (
                    c["text"],
                    c["fontname"],
                    round(c["size"], 2),
                    round(c["x0"], 2),
                    round(c["top"], 2),
                )
                for c in page.chars
            ]
            shapes = [
                (kind, *(round(float(o[k]), 2) for k in ("x0", "top", "x1", "bottom")))
                for kind, objects in (
                    ("line", page.lines),
                    ("rect", page.rects),
                    ("image", page.images),
                )
                for o in objects
            ]
            pages.append(chars + shapes)
    return pages


def test_committed_samples_are_regenerated_exactly():
    assert len(SAMPLES) * 2 <= MAX_FILES
    assert {family for family, _ in SAMPLES} == set(FAMILY_NAMES)
    total = 0
    for family, seed in SAMPLES:
        r = report(family, seed) if seed in SEEDS else generate(family, seed)
        pdf = SAMPLES_DIR / f"{family}_{seed}.pdf"
        truth = SAMPLES_DIR / f"{family}_{seed}.truth.json"
        assert pdf.is_file() and truth.is_file(), f"missing {pdf.name}: run `make samples`"
        assert json.loads(truth.read_text("utf-8")) == r.truth, f"{truth.name} is stale"
        assert truth.read_text("utf-8") == r.truth_json()
        stale = f"{pdf.name} is stale: run `make samples`"
        assert _printed(pdf.read_bytes()) == _printed(r.pdf), stale
        total += pdf.stat().st_size + truth.stat().st_size
    assert total <= MAX_BYTES


def test_no_stale_generated_samples():
    listed = {f"{f}_{s}.truth.json" for f, s in SAMPLES}
    for path in SAMPLES_DIR.glob("*.truth.json"):
        data = json.loads(path.read_text("utf-8"))
        if data.get("generator") == "checkup2action.samples":
            assert path.name in listed, f"{path.name} is not produced by make_samples"
