"""A long app screenshot is detected tile by tile and read at its own resolution."""

from __future__ import annotations

import importlib.util
from itertools import pairwise

import pytest
from PIL import Image, ImageDraw, ImageFont

from checkup2action.ocr.rapid import TILE_RATIO, tile_tops


def test_tiles_cover_the_picture_with_overlaps():
    height, tile = 9873, 1512
    tops = tile_tops(height, tile)
    assert tops[0] == 0 and tops[-1] + tile == height
    assert all(0 < b - a < tile for a, b in pairwise(tops))
    assert tile_tops(1400, 1512) == [0]


@pytest.mark.slow
@pytest.mark.skipif(
    importlib.util.find_spec("rapidocr") is None, reason="rapidocr not installed (extra 'ocr')"
)
def test_every_line_of_a_long_screenshot_is_read_once():
    from checkup2action.ocr import RapidOcrOptions, create_engine

    cjk_ttf = pytest.importorskip("checkup2action.samples.fonts").cjk_ttf
    lines = [f"项目{i:02d} {i + 0.25:.2f}" for i in range(40)]
    try:
        font = ImageFont.truetype(str(cjk_ttf("".join(lines))), size=30)
    except ImportError as exc:
        pytest.skip(f"CJK font package missing (extra 'samples'): {exc}")
    width, pitch = 720, 130
    image = Image.new("RGB", (width, pitch * len(lines) + 60), "white")
    draw = ImageDraw.Draw(image)
    for i, text in enumerate(lines):
        draw.text((60, 40 + i * pitch), text, fill="black", font=font)
    assert image.height > 3 * width and int(TILE_RATIO * width) < image.height
    engine = create_engine(RapidOcrOptions())
    quads = engine.detect(image)
    read = engine.read_quads(image, quads)
    texts = sorted(line.text.replace(" ", "") for line in read)
    assert texts == sorted(t.replace(" ", "") for t in lines)
