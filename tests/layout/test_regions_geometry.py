"""Region geometry without the model: ink bands, merging, key-value blocks, margins, order."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image, ImageDraw

from checkup2action.layout.ink import InkMap, runs
from checkup2action.layout.reading_order import reading_order
from checkup2action.layout.regions import (
    Region,
    RegionOptions,
    in_reading_order,
    mark_key_value,
    mark_margins,
    merge_overlaps,
    padded,
    snap_to_lines,
    to_page_regions,
)
from checkup2action.report.models import PageInfo

A4 = (595.0, 842.0)


@dataclass(frozen=True)
class W:
    """A word for the key-value tests."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float


def _page_with_lines(lines: list[tuple[float, float, float, float]]) -> InkMap:
    """An A4 ink map (1 px = 1 pt) with solid black boxes standing in for text lines."""
    img = Image.new("L", (595, 842), 255)
    draw = ImageDraw.Draw(img)
    for box in lines:
        draw.rectangle(box, fill=0)
    return InkMap.from_image(img, 1.0)


def test_runs_joins_short_gaps():
    flags = np.array([1, 1, 0, 1, 0, 0, 0, 1], dtype=bool)
    assert runs(flags) == [(0, 2), (3, 4), (7, 8)]
    assert runs(flags, min_gap=2) == [(0, 4), (7, 8)]


def test_ink_bands_and_box_on_grey_paper():
    img = Image.new("L", (400, 300), 200)  # grey paper: still only the print is ink
    draw = ImageDraw.Draw(img)
    for top in (50, 80, 110):
        draw.rectangle((40, top, 300, top + 9), fill=60)
    ink = InkMap.from_image(img, 0.5)  # 2 px per point
    bands = ink.bands((0, 0, 200, 150))
    flat = [v for band in bands for v in band]
    assert flat == pytest.approx([25, 30, 40, 45, 55, 60], abs=1.5)
    assert ink.ink_box((0, 0, 200, 150)) == pytest.approx((20, 25, 151, 60), abs=1)


def test_snap_moves_edges_off_cut_lines():
    ink = _page_with_lines([(50, 100, 500, 110), (50, 120, 500, 130), (50, 140, 500, 150)])
    cut_through = Region("table", (50, 104, 500, 142), 0.9)  # cuts the first and last lines
    (snapped,) = snap_to_lines([cut_through], ink)
    assert snapped.bbox[1] == pytest.approx(100, abs=1)  # mostly inside: taken in
    assert snapped.bbox[3] == pytest.approx(131, abs=1)  # mostly outside: left out


def test_merge_drops_contained_and_joins_same_kind():
    table = Region("table", (40, 200, 550, 600), 0.9)
    caption = Region("text", (50, 210, 300, 220), 0.6)  # inside the table
    half = Region("table", (40, 500, 550, 700), 0.7)  # half inside the first table
    title = Region("title", (200, 40, 400, 60), 0.95)
    merged = merge_overlaps([caption, half, title, table])
    assert sorted((r.kind, r.bbox) for r in merged) == [
        ("table", (40, 200, 550, 700)),
        ("title", (200, 40, 400, 60)),
    ]


def test_key_value_from_words_splits_a_table():
    table = Region("table", (40, 80, 550, 300), 0.8)
    words = [
        W("姓名：张三", 45, 85, 120, 95),
        W("性别：男", 200, 85, 260, 95),
        W("年龄：50岁", 45, 100, 120, 110),
        W("科室：内科", 200, 100, 260, 110),
        W("项目", 45, 130, 80, 140),
        W("结果", 200, 130, 240, 140),
        W("白细胞", 45, 150, 90, 160),
        W("7.02", 200, 150, 230, 160),
        W("红细胞", 45, 170, 90, 180),
        W("4.5", 200, 170, 230, 180),
    ]
    ink = _page_with_lines([])
    out = mark_key_value([table], ink, words)
    assert [r.kind for r in out] == ["key_value", "table"]
    assert out[0].bbox[3] == pytest.approx(120)  # between the last pair and the table header
    assert out[1].bbox[1] == pytest.approx(120)


def test_key_value_without_words_is_the_block_above_the_main_table():
    lines = [(45, 95 + 15 * i, 540, 103 + 15 * i) for i in range(3)]
    lines += [(45, 160 + 14 * i, 540, 168 + 14 * i) for i in range(20)]
    ink = _page_with_lines(lines)
    header = Region("text", (45, 95, 540, 133), 0.7)
    table = Region("table", (45, 160, 540, 434), 0.9)
    kinds = sorted(r.kind for r in mark_key_value([header, table], ink))
    assert kinds == ["key_value", "table"]


def test_margins_become_header_and_footer():
    regions = [
        Region("text", (40, 30, 200, 45), 0.8),
        Region("text", (40, 790, 500, 810), 0.8),
        Region("header", (40, 400, 200, 410), 0.5),  # not at the top: plain text
        Region("table", (40, 60, 550, 700), 0.9),
    ]
    kinds = [r.kind for r in mark_margins(regions, A4[1], RegionOptions().margin_band)]
    assert kinds == ["header", "footer", "text", "table"]


def test_reading_order_reads_columns_before_rows():
    left = [Region("text", (40, 100 + 60 * i, 280, 140 + 60 * i)) for i in range(3)]
    right = [Region("text", (310, 100 + 60 * i, 550, 140 + 60 * i)) for i in range(3)]
    title = Region("title", (40, 40, 550, 70))
    footer = Region("footer", (40, 800, 550, 820))
    ordered = in_reading_order([footer, *right, title, *left])
    assert [r.bbox for r in ordered] == [r.bbox for r in [title, *left, *right, footer]]
    assert [r.order for r in ordered] == list(range(8))


boxes = st.lists(
    st.tuples(st.floats(0, 500), st.floats(0, 800), st.floats(1, 90), st.floats(1, 40)).map(
        lambda t: (t[0], t[1], t[0] + t[2], t[1] + t[3])
    ),
    max_size=12,
)


@given(boxes, st.randoms())
def test_reading_order_is_a_permutation_independent_of_input_order(items, rnd):
    ordered = reading_order(items, lambda b: b)
    assert sorted(ordered) == sorted(items)
    shuffled = list(items)
    rnd.shuffle(shuffled)
    assert reading_order(shuffled, lambda b: b) == ordered or len(set(items)) < len(items)


def test_padded_regions_stay_on_the_page():
    (r,) = padded([Region("text", (0.5, 1, 595, 842))], *A4)
    assert r.bbox == (0.0, 0.0, 595.0, 842.0)


def test_page_regions_fit_the_report_model():
    regions = in_reading_order(
        [Region("table", (40, 200, 550, 600), 0.97), Region("key_value", (40, 100, 550, 180))]
    )
    info = PageInfo(page=1, kind="scanned", width=595, height=842, regions=to_page_regions(regions))
    dumped = info.model_dump(mode="json")["regions"]
    assert [r["kind"] for r in dumped] == ["key_value", "table"]
    assert dumped[0]["score"] is None and dumped[1]["bbox"]["x1"] == 550
