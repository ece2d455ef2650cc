"""Pages read from pictures carry their layout regions in the report, on the page as given."""

from __future__ import annotations

import random

import pytest

from checkup2action.errors import EngineNotAvailableError
from checkup2action.layout import cdla
from checkup2action.pipeline import PipelineOptions, ingest
from checkup2action.samples.degrade import Degradation, degrade_pdf
from checkup2action.samples.generator import generate

pytest.importorskip("rapidocr")
try:
    cdla.model_path()
except EngineNotAvailableError:
    pytest.skip("the layout extra (ONNX Runtime) is not installed", allow_module_level=True)


@pytest.fixture(scope="module")
def turned_scan(tmp_path_factory):
    """A 90°-turned scan of a generated report page, and its truth boxes in picture points."""
    gen = generate("zh_ruled", 4)
    deg = degrade_pdf(gen.pdf, gen.truth, Degradation(dpi=150, rotation=90), random.Random(1))
    path = tmp_path_factory.mktemp("regions") / "turned.png"
    deg.images[0].save(path, dpi=(150, 150))
    rows = [
        [v * 72 / 150 for v in r["bbox_px"]] for r in deg.truth["lab_results"] if r["page"] == 1
    ]
    return path, rows


def test_table_region_covers_the_results_on_the_turned_picture(turned_scan):
    path, rows = turned_scan
    report = ingest(path)
    tables = [r.bbox for r in report.source.pages[0].regions if r.kind == "table"]
    assert tables
    inside = [
        any(t.x0 - 2 <= x0 and x1 <= t.x1 + 2 and t.top - 2 <= top and bottom <= t.bottom + 2
            for t in tables)
        for x0, top, x1, bottom in rows
    ]  # fmt: skip
    assert sum(inside) >= 0.9 * len(rows)


def test_regions_can_be_switched_off(turned_scan):
    path, _ = turned_scan
    report = ingest(path, options=PipelineOptions(regions=False))
    assert report.source.pages[0].regions == []
