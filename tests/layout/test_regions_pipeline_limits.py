"""A page too large for layout regions is read without them, with a warning, instead of building
an ink map of gigabytes."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from checkup2action.ingestion import Document, Page
from checkup2action.pipeline import MAX_LAYOUT_AREA, _page_regions


def test_a_poster_sized_page_gets_no_regions_but_a_warning():
    side = (MAX_LAYOUT_AREA**0.5) * 1.5  # points
    page = Page(number=1, width=side, height=side, kind="scanned")
    page.work_image, page.work_dpi = np.full((64, 64, 3), 255, np.uint8), 1.0
    regions, bounds, warnings = _page_regions(Document(Path("poster.png"), "0" * 64, [page]))
    assert regions == {} and bounds == {}
    assert [(w.code, w.page) for w in warnings] == [("LAYOUT_SKIPPED", 1)]
