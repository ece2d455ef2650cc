"""A clean picture of a report reads like the PDF it was rendered from (RapidOCR, offline)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checkup2action.pipeline import ingest
from checkup2action.samples.scoring import FIELDS, score_document

pytest.importorskip("rapidocr", reason="the ocr extra is not installed")

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.mark.slow
@pytest.mark.parametrize("name", ["zh_ruled_37", "en_india_ruled_52"])
def test_rendered_page_through_ocr(tmp_path, name):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(SAMPLES / f"{name}.pdf"))
    path = tmp_path / f"{name}.png"
    pdf[0].render(scale=200 / 72).to_pil().save(path, dpi=(200, 200))
    report = ingest(path)
    truth = json.loads((SAMPLES / f"{name}.truth.json").read_text("utf-8"))
    truth["lab_results"] = [row for row in truth["lab_results"] if row["page"] == 1]
    tally = score_document(truth, report.model_dump(mode="json"), name)
    summary = tally.summary()
    assert summary["recall"] >= 0.95 and summary["precision"] >= 0.95, tally.misses[:10]
    for field in FIELDS:
        assert summary[field] >= 0.95, tally.misses[:10]
    assert {p.source for r in report.lab_results for p in r.provenance} == {"ocr"}
    assert report.source.pages[0].kind == "scanned"
