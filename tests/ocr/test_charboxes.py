"""Word boxes mapped back from a crop in one step match RapidOCR's point-by-point mapping."""

from __future__ import annotations

import copy
import importlib.util

import numpy as np
import pytest

from checkup2action.ocr.charboxes import fast_calc_class, map_back

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("rapidocr") is None, reason="rapidocr not installed"
)


def boxes_along(width: float, height: float, count: int) -> list[list[list[float]]]:
    """``count`` character boxes side by side along a crop."""
    step = width / count
    return [
        [
            [i * step, 0.0],
            [(i + 1) * step - 1, 0.0],
            [(i + 1) * step - 1, height],
            [i * step, height],
        ]
        for i in range(count)
    ]


@pytest.mark.parametrize("angle", [0.0, 2.5, -4.0, 11.0])
def test_one_step_mapping_matches_rapidocr(angle):
    from rapidocr.cal_rec_boxes.main import CalRecBoxes, Direction

    t = np.radians(angle)
    along, across = np.array([np.cos(t), np.sin(t)]), np.array([-np.sin(t), np.cos(t)])
    origin = np.array([313.7, 1204.2])
    quad = np.array(
        [origin, origin + 420 * along, origin + 420 * along + 38 * across, origin + 38 * across],
        dtype=np.float32,
    )
    boxes = boxes_along(420, 38, 9)
    theirs = CalRecBoxes().reverse_rotate_crop_image(
        copy.deepcopy(quad), copy.deepcopy(boxes), Direction.HORIZONTAL
    )
    ours = map_back(quad, boxes)
    assert np.abs(np.array(ours) - np.array(theirs)).max() <= 1


def test_standing_lines_go_through_rapidocr():
    from rapidocr.cal_rec_boxes.main import CalRecBoxes, Direction

    quad = np.array([[10, 10], [40, 10], [40, 300], [10, 300]], dtype=np.float32)
    boxes = boxes_along(290, 30, 5)
    fast = fast_calc_class()()
    theirs = CalRecBoxes().reverse_rotate_crop_image(
        copy.deepcopy(quad), copy.deepcopy(boxes), Direction.VERTICAL
    )
    assert fast.reverse_rotate_crop_image(quad.copy(), boxes, Direction.VERTICAL) == theirs


def test_no_boxes_map_to_none():
    assert map_back(np.zeros((4, 2), np.float32), []) == []


def test_line_loop_gives_rapidocrs_word_results():
    from PIL import Image, ImageDraw
    from rapidocr.cal_rec_boxes.main import CalRecBoxes

    from checkup2action.ocr.rapid import RapidOcrOptions, create_rapid_engine

    engine = create_rapid_engine(RapidOcrOptions())
    ocr = engine._ocr
    picture = Image.new("RGB", (720, 300), "white")
    draw = ImageDraw.Draw(picture)
    for row, text in enumerate(["Haemoglobin 13.2 g/dL", "血红蛋白 132 g/L ↓", "MCV 88 fL"]):
        draw.text((30, 30 + 90 * row), text, fill=(10, 10, 10), font_size=30)
    calls = []
    fast = ocr.cal_rec_boxes
    ocr.cal_rec_boxes = lambda *args: calls.append(copy.deepcopy(args)) or fast(*args)
    try:
        engine.recognize(picture)  # every step switch given (RapidOCR keeps the last ones)
    finally:
        ocr.cal_rec_boxes = fast
    assert calls and len(calls[0][0]) >= 3
    for single in (False, True):
        ours = fast(*copy.deepcopy(calls[0][:3]), single).word_results
        theirs = CalRecBoxes.__call__(fast, *copy.deepcopy(calls[0][:3]), single).word_results
        assert ours == theirs
