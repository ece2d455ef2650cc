"""Page preparation with the real RapidOCR models on generated report pages (offline, slow).

Orientation and skew use the detection pass and a few recognised crops only (about a second a
page); two tests read a whole page: a phone photo through the pipeline, and a clean scan.
"""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("rapidocr", reason="the ocr extra is not installed")

from checkup2action.ocr import pageprep as pp
from checkup2action.ocr.orient import (
    detect_lines,
    refine_skew,
    text_axis,
    vote_turn,
)
from checkup2action.ocr.rapid import create_rapid_engine
from checkup2action.samples.degrade import (
    Degradation,
    degrade_pdf,
    degrade_report,
    render_pages,
)
from checkup2action.samples.generator import generate
from checkup2action.samples.scoring import _iou

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def report():
    return generate("zh_ruled", 3)


@pytest.fixture(scope="module")
def engine():
    return create_rapid_engine()


def scanned(report, **settings) -> np.ndarray:
    """The report's first page as a flatbed scan with the given degradation settings."""
    deg = Degradation(dpi=150, blur_sigma=0.5, noise_std=3, **settings)
    out = degrade_pdf(report.pdf, report.truth, deg, random.Random(7))
    return np.asarray(out.images[0])


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_quarter_turn_is_found_from_a_few_lines(report, engine, rotation):
    picture = scanned(report, rotation=rotation, skew_deg=1.5)
    quads = detect_lines(engine, picture)
    axis = text_axis(quads)
    assert axis is not None and axis.standing == (rotation in (90, 270))
    vote = vote_turn(engine, picture, quads, axis)
    assert vote.turn == (360 - rotation) % 360
    assert vote.margin > 2


@pytest.mark.parametrize("skew", [5.0, -5.0, 12.0, -12.0])
def test_skew_is_measured_from_detected_lines(report, engine, skew):
    page = np.asarray(render_pages(report.pdf, 150)[0])
    h, w = page.shape[:2]
    to_skewed, size = pp.rotation_expanded(w, h, skew)
    picture = pp.warp(page, to_skewed, size)
    axis = text_axis(detect_lines(engine, picture))
    assert axis is not None and not axis.standing
    assert axis.skew == pytest.approx(skew, abs=1.0)  # line quads: roughly
    assert refine_skew(picture, axis) == pytest.approx(skew, abs=0.1)  # ink rows: closely


def test_photo_boxes_map_back_onto_the_picture(tmp_path, report):
    from checkup2action.pipeline import ingest

    deg = degrade_report(report, "photo", 1)  # turned 270, perspective, uneven light
    assert deg.degradation.rotation == 270 and deg.degradation.perspective > 0.04
    dpi = deg.degradation.dpi
    path = tmp_path / "photo.png"
    deg.images[0].save(path, dpi=(dpi, dpi))
    result = ingest(path)
    truth = [r for r in deg.truth["lab_results"] if r["page"] == 1]
    assert len(result.lab_results) >= 0.8 * len(truth)
    good = 0
    for row in truth:
        box = [v * 72.0 / dpi for v in row["bbox_px"]]
        best = max(
            _iou(box, [p.bbox.x0, p.bbox.top, p.bbox.x1, p.bbox.bottom])
            for r in result.lab_results
            for p in r.provenance[:1]
        )
        good += best > 0.5
    assert good >= 0.8 * len(truth)
    width, height = result.source.pages[0].width, result.source.pages[0].height
    assert (round(width), round(height)) == (
        round(deg.images[0].width * 72 / dpi),
        round(deg.images[0].height * 72 / dpi),
    )


def test_clean_upright_scan_is_left_as_it_is(report):
    from checkup2action.ingestion.document import Document, Page
    from checkup2action.ocr.stage import ocr_document

    picture = render_pages(report.pdf, 200)[0]
    page = Page(1, picture.width * 0.36, picture.height * 0.36, "scanned", image=picture, dpi=200)
    doc = Document(path=Path("clean.png"), sha256="", pages=[page])
    ocr_document(doc)
    assert page.transform == pytest.approx((1, 0, 0, 0, 1, 0, 0, 0, 1))
    assert (page.rotation, page.skew) == (0, 0.0)
    assert page.display_size == pytest.approx((page.width, page.height))
    assert np.array_equal(page.work_image, np.asarray(picture))
    text = " ".join(w.text for w in page.words)
    names = [r["name_raw"] for r in report.truth["lab_results"] if r["page"] == 1]
    assert sum(name in text for name in names) >= len(names) - 1
