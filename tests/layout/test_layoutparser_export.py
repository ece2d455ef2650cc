"""Regions exported in layoutparser's layout format: its JSON form without layoutparser, its
objects where it is installed (offline; no layoutparser models)."""

from __future__ import annotations

import sys

import pytest

from checkup2action.errors import EngineNotAvailableError
from checkup2action.layout.layoutparser_export import to_layoutparser, to_layoutparser_dict
from checkup2action.layout.regions import Region, in_reading_order

REGIONS = in_reading_order(
    [
        Region("table", (40.0, 200.0, 550.0, 600.0), 0.97),
        Region("key_value", (40.0, 100.0, 550.0, 180.0), None),
        Region("title", (200.0, 40.0, 400.0, 60.0), 0.95),
    ]
)


def test_layout_json_needs_no_layoutparser(monkeypatch):
    monkeypatch.setitem(sys.modules, "layoutparser", None)
    assert to_layoutparser_dict(REGIONS) == {
        "page_data": {},
        "blocks": [
            {"x_1": 200.0, "y_1": 40.0, "x_2": 400.0, "y_2": 60.0, "block_type": "rectangle"}
            | {"id": 0, "type": "title", "score": 0.95},
            {"x_1": 40.0, "y_1": 100.0, "x_2": 550.0, "y_2": 180.0, "block_type": "rectangle"}
            | {"id": 1, "type": "key_value"},
            {"x_1": 40.0, "y_1": 200.0, "x_2": 550.0, "y_2": 600.0, "block_type": "rectangle"}
            | {"id": 2, "type": "table", "score": 0.97},
        ],
    }
    assert to_layoutparser_dict([]) == {"page_data": {}, "blocks": []}


def test_layout_json_is_what_layoutparser_writes():
    pytest.importorskip("layoutparser", reason="layoutparser is not installed")
    assert to_layoutparser(REGIONS).to_dict() == to_layoutparser_dict(REGIONS)


def test_layout_of_text_blocks_in_reading_order():
    lp = pytest.importorskip("layoutparser", reason="layoutparser is not installed")
    layout = to_layoutparser(REGIONS)
    assert isinstance(layout, lp.Layout)
    assert [b.type for b in layout] == ["title", "key_value", "table"]
    table = layout[2]
    assert isinstance(table, lp.TextBlock) and isinstance(table.block, lp.Rectangle)
    assert table.coordinates == (40.0, 200.0, 550.0, 600.0)
    assert (table.score, table.id) == (0.97, 2)
    frame = layout.to_dataframe()
    assert list(frame["type"]) == ["title", "key_value", "table"]


def test_a_reports_own_regions_export_too():
    lp = pytest.importorskip("layoutparser", reason="layoutparser is not installed")
    from checkup2action.report.models import BBox, PageRegion

    shown = [
        PageRegion(
            kind=r.kind,
            bbox=BBox(x0=r.bbox[0], top=r.bbox[1], x1=r.bbox[2], bottom=r.bbox[3]),
            score=r.score,
        )
        for r in REGIONS
    ]  # as report.source.pages[n].regions lists them: in reading order
    layout = to_layoutparser(shown)
    assert isinstance(layout, lp.Layout)
    assert [(b.type, b.id) for b in layout] == [("title", 0), ("key_value", 1), ("table", 2)]
    assert layout[2].coordinates == (40.0, 200.0, 550.0, 600.0)


def test_empty_regions_give_an_empty_layout():
    pytest.importorskip("layoutparser", reason="layoutparser is not installed")
    assert len(to_layoutparser([])) == 0


def test_missing_layoutparser_points_to_the_json_form(monkeypatch):
    monkeypatch.setitem(sys.modules, "layoutparser", None)  # import raises ImportError
    with pytest.raises(EngineNotAvailableError, match="not an extra") as info:
        to_layoutparser(REGIONS)
    assert "to_layoutparser_dict()" in info.value.message
    assert "--no-deps" not in info.value.message
