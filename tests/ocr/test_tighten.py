"""OCR line boxes fitted to their ink."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from checkup2action.ocr.base import OcrLine, OcrWord, quad_from_box
from checkup2action.ocr.tighten import GREY_WEIGHTS, grey_of, ink_rows, tighten_lines
from checkup2action.threads import BAND_ROWS


def test_ink_rows_skip_a_ruling_and_specks():
    strip = np.full((40, 300), 250, np.float32)
    strip[2, :] = 0  # a ruling crossing the padded box
    strip[12:28, 20:280:7] = 10  # glyph strokes
    strip[36, 5] = 0  # a speck
    assert ink_rows(strip) == (12, 27)


def test_tighten_moves_line_and_word_boxes_onto_the_ink():
    img = Image.new("RGB", (400, 100), "white")
    draw = ImageDraw.Draw(img)
    for x in range(50, 250, 6):  # glyph strokes, not a solid bar (a solid row reads as a ruling)
        draw.rectangle((x, 40, x + 2, 59), fill="black")
    word = OcrWord("ab", quad_from_box(50, 20, 150, 80), 0.9)
    line = OcrLine("ab cd", quad_from_box(40, 20, 260, 80), 0.9, (word,))
    [tight] = tighten_lines([line], img)
    x0, top, x1, bottom = tight.box
    assert (x0, x1) == (40, 260)
    assert 38 <= top <= 40 and 60 <= bottom <= 62
    assert tight.words[0].box[1] == pytest.approx(top) and tight.words[0].box[3] == pytest.approx(
        bottom
    )


def test_tighten_leaves_a_blank_box_alone():
    img = Image.new("RGB", (200, 100), "white")
    line = OcrLine("x", quad_from_box(10, 10, 150, 60), 0.5)
    assert tighten_lines([line], img) == [line]


@pytest.mark.parametrize("height", [1, BAND_ROWS + 1, 3 * BAND_ROWS - 5])
def test_grey_in_bands_is_the_whole_pictures_product_bit_for_bit(height):
    rng = np.random.default_rng(height)
    picture = rng.integers(0, 256, (height, 97, 3), dtype=np.uint8)
    expected = picture.astype(np.float32) @ GREY_WEIGHTS
    grey = grey_of(picture)
    assert grey.dtype == np.float32 and grey.shape == (height, 97)
    assert np.array_equal(grey, expected)
