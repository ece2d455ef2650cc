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


@pytest.mark.slow
def test_turned_and_skewed_photo_is_read_upright(tmp_path):
    import pypdfium2 as pdfium
    from PIL import Image

    name = "zh_ruled_37"
    page = pdfium.PdfDocument(str(SAMPLES / f"{name}.pdf"))[0].render(scale=200 / 72).to_pil()
    # a quarter turn clockwise and 3 degrees of skew, on a white background
    photo = page.rotate(-3, expand=True, fillcolor="white").rotate(-90, expand=True)
    path = tmp_path / "photo.png"
    photo.save(path, dpi=(200, 200))
    report = ingest(path)
    truth = json.loads((SAMPLES / f"{name}.truth.json").read_text("utf-8"))
    tally = score_document(truth, _upright_boxes(report, photo.size), name)
    assert tally.summary()["value"] >= 0.9 and tally.matched >= 0.9 * tally.truth_rows, (
        tally.misses[:10]
    )
    width, height = report.source.pages[0].width, report.source.pages[0].height
    assert (round(width), round(height)) == (
        round(photo.width * 72 / 200),
        round(photo.height * 72 / 200),
    )
    for result in report.lab_results:
        box = result.provenance[0].bbox
        assert 0 <= box.x0 < box.x1 <= width and 0 <= box.top < box.bottom <= height
    assert isinstance(photo, Image.Image)


def _upright_boxes(report, size):
    """Results with boxes cleared, so rows are matched by name (boxes are in the photo's frame)."""
    data = report.model_dump(mode="json")
    for row in data["lab_results"]:
        row["provenance"][0]["bbox"] = {"x0": 0, "top": 0, "x1": 0, "bottom": 0}
    return data


@pytest.mark.slow
def test_layout_model_run_beside_ocr_finds_what_it_finds_after(tmp_path, monkeypatch):
    import threading

    import pypdfium2 as pdfium

    import checkup2action.pipeline as pipeline

    path = tmp_path / "page.png"
    pdf = pdfium.PdfDocument(str(SAMPLES / "en_india_ruled_52.pdf"))
    pdf[0].render(scale=200 / 72).to_pil().save(path, dpi=(200, 200))
    threads = []
    own = pipeline.page_model_regions

    def recorded(*args, **kwargs):
        threads.append(threading.current_thread().name)
        return own(*args, **kwargs)

    monkeypatch.setattr(pipeline, "page_model_regions", recorded)
    ahead = pipeline.read_pages(path)
    assert threads and threads[0].startswith("layout")  # run in the pool, beside OCR
    monkeypatch.setattr(pipeline.LayoutAhead, "found", lambda self, page: None)
    after = pipeline.read_pages(path)  # the model run by detect_regions, after OCR
    assert ahead.regions[1] and ahead.regions == after.regions
    assert ahead.bounds == after.bounds
