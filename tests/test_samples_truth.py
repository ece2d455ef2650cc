"""Every committed sample is read exactly as its ground truth says (rows and fields)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checkup2action.samples.scoring import FIELDS, score_document

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.pdf"))


@pytest.mark.parametrize("pdf", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_sample_matches_truth(pdf: Path, run_pipeline):
    truth = json.loads(pdf.with_suffix(".truth.json").read_text("utf-8"))
    report = run_pipeline(pdf)
    tally = score_document(truth, report.model_dump(mode="json"), pdf.name)
    s = tally.summary()
    assert s["recall"] == 1.0 and s["precision"] == 1.0, "\n".join(tally.misses[:20])
    for field in FIELDS:
        assert s[field] == 1.0, "\n".join(tally.misses[:20])


@pytest.mark.parametrize("pdf", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_no_identifier_reaches_the_output(pdf: Path, run_pipeline):
    truth = json.loads(pdf.with_suffix(".truth.json").read_text("utf-8"))
    text = run_pipeline(pdf).to_json()
    for ident in truth.get("identifiers", []):
        assert ident not in text


@pytest.mark.parametrize("pdf", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_patient_demographics(pdf: Path, run_pipeline):
    truth = json.loads(pdf.with_suffix(".truth.json").read_text("utf-8"))
    patient = run_pipeline(pdf).patient.model_dump(mode="json")
    got = {k: patient[k] for k in ("sex", "age", "exam_date")}
    assert got == {k: truth["patient"].get(k) for k in ("sex", "age", "exam_date")}
    assert patient["age_band"] is None  # generated ages are under 90
