"""Damaged files give odd geometry: a word off the page or with its edges the wrong way round, a
page of one point. The OCR stage's helpers must take them without an exception."""

from __future__ import annotations

import numpy as np
from PIL import Image

from checkup2action.ingestion.document import Word
from checkup2action.ocr.pageink import paper_map
from checkup2action.ocr.verify import _crops


def test_words_off_the_page_or_inverted_still_give_a_crop_each():
    words = [
        Word("left", -80.0, 10.0, -40.0, 20.0, 1),
        Word("inverted", 60.0, 30.0, 20.0, 20.0, 1),
        Word("fine", 10.0, 10.0, 40.0, 20.0, 1),
    ]
    crops = _crops(Image.new("RGB", (200, 200), "white"), words, 2.0)
    assert len(crops) == 3 and all(c.width >= 1 and c.height >= 1 for c in crops)
    assert crops[1].width > 60  # the inverted box put in order


def test_the_paper_of_a_page_of_one_point_is_found():
    tiny = np.full((3, 3, 3), 240, np.uint8)
    paper = paper_map(tiny, 72.0 / 200.0, 24.0)
    assert paper.colour.size > 0
