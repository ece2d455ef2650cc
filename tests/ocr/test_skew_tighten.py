"""Skew from the projection profile, and OCR line boxes fitted to their ink."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from checkup2action.ocr.base import OcrLine, OcrWord, quad_from_box
from checkup2action.ocr.skew import profile_skew
from checkup2action.ocr.tighten import ink_rows, tighten_lines


def text_page(width=1200, height=1500) -> Image.Image:
    """A white page with rows of dark bars shaped like table rows of text."""
    img = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(img)
    rng = np.random.default_rng(3)
    for y in range(120, height - 120, 42):
        x = 100
        while x < width - 150:
            w = int(rng.integers(20, 90))
            draw.rectangle((x, y, x + w, y + 16), fill=(20, 20, 20))
            x += w + int(rng.integers(8, 40))
    return img


@pytest.mark.parametrize("degrees", [-3.0, -0.7, 0.0, 0.4, 1.6, 4.0])
def test_profile_skew_finds_small_and_large_slopes(degrees):
    # Pillow turns counter-clockwise for positive angles; the skew is clockwise positive.
    page = text_page().rotate(-degrees, expand=True, fillcolor="white")
    found = profile_skew(page)
    assert found == pytest.approx(degrees, abs=0.08)


def test_profile_skew_of_a_blank_page_is_none():
    assert profile_skew(Image.new("RGB", (800, 1000), "white")) is None


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
    assert tight.words[0].box[1] == pytest.approx(top) and tight.words[0].box[3] == pytest.approx(bottom)


def test_tighten_leaves_a_blank_box_alone():
    img = Image.new("RGB", (200, 100), "white")
    line = OcrLine("x", quad_from_box(10, 10, 150, 60), 0.5)
    assert tighten_lines([line], img) == [line]
