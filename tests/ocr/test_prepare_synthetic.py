"""Turn, level and map back: prepare_page on synthetic pages with a fake engine (no OCR).

The page is a set of dark bars, each split lengthwise near its top (after a solid start). The fake
engine finds bars as text lines, and "reads" a line well only when the split is in its upper half,
so it can tell upright from upside down the way an OCR model does.
"""

from __future__ import annotations

import math
from collections import Counter

import cv2
import numpy as np
import pytest

from checkup2action.ocr import pageprep as pp
from checkup2action.ocr.base import OcrLine, quad_from_points
from checkup2action.ocr.prepare import line_slope, prepare_page

WIDTH, HEIGHT = 560, 760


def bar_page(thick: int = 20) -> tuple[np.ndarray, list[tuple[float, float]]]:
    """A white page of bars ``thick`` pixels high, split near their top after a solid start, and
    the bars' centres (20 px: lines thick enough to be read as they are)."""
    page = np.full((HEIGHT, WIDTH, 3), 255, np.uint8)
    centres = []
    split = max(1, thick // 5)
    for i, top in enumerate(range(70, HEIGHT - 70, 44)):
        x0, x1 = 60, 60 + 220 + 35 * (i % 5)
        cv2.rectangle(page, (x0, top), (x1 - 1, top + thick - 1), (0, 0, 0), -1)
        cv2.rectangle(page, (x0 + 60, top + split), (x1 - 1, top + split + 1), (255, 255, 255), -1)
        centres.append(((x0 + x1) / 2, top + (thick - 1) / 2))
    return page, centres


def picture_of(turn: int, skew: float) -> tuple[np.ndarray, np.ndarray, list]:
    """The bar page sloped by ``skew`` and turned by ``turn`` (clockwise), its map and centres."""
    page, centres = bar_page()
    to_skewed, size = pp.rotation_expanded(WIDTH, HEIGHT, skew)
    skewed = pp.warp(page, to_skewed, size)
    to_turned, turned_size = pp.rotation_expanded(size[0], size[1], turn)
    picture = pp.warp(skewed, to_turned, turned_size)
    return picture, to_turned @ to_skewed, centres


def ink_quads(image: np.ndarray) -> list[np.ndarray]:
    """Rotated rectangles around the dark blobs (the bars) of a picture."""
    grey = cv2.cvtColor(np.ascontiguousarray(image), cv2.COLOR_RGB2GRAY)
    _, ink = cv2.threshold(grey, 128, 255, cv2.THRESH_BINARY_INV)
    contours, _ = cv2.findContours(ink, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    return [cv2.boxPoints(cv2.minAreaRect(c)) for c in contours if cv2.contourArea(c) > 200]


def reads_well(crop: np.ndarray) -> bool:
    """Whether a horizontal line crop has less ink in its upper half (the split is up there)."""
    rows = (np.asarray(crop).min(axis=2) < 128).sum(axis=1)
    inked = np.flatnonzero(rows)
    if len(inked) < 4:
        return False
    band = rows[inked[0] : inked[-1] + 1]
    half = len(band) // 2
    return bool(band[:half].sum() < band[-half:].sum())


def read_bar(image: np.ndarray, quad: np.ndarray) -> OcrLine:
    """A line read at a bar's quad: well when it lies level and its split is in its upper half."""
    corners = pp.ordered_corners(quad)
    x0, y0 = np.floor(corners.min(axis=0)).astype(int)
    x1, y1 = np.ceil(corners.max(axis=0)).astype(int)
    crop = np.asarray(image)[max(y0, 0) : y1, max(x0, 0) : x1]
    if x1 - x0 > 2 * (y1 - y0) and reads_well(crop):
        return OcrLine("a line of text", quad_from_points(corners), 0.99)
    return OcrLine("???", quad_from_points(corners), 0.3)


class BarEngine:
    """A fake OCR engine for bar pages, counting its calls."""

    name = "bars"

    def __init__(self, decisive: bool = True):
        self.calls: Counter[str] = Counter()
        self.decisive = decisive

    def detect(self, image):
        self.calls["detect"] += 1
        return [quad_from_points(q) for q in ink_quads(image)]

    def recognize_crops(self, crops):
        self.calls["recognize_crops"] += 1
        if not self.decisive:
            return [("line", 0.9) for _ in crops]
        return [("a line of text", 0.99) if reads_well(c) else ("?", 0.3) for c in crops]

    def recognize(self, image):
        self.calls["recognize"] += 1
        return [read_bar(image, quad) for quad in ink_quads(image)]


class QuadEngine(BarEngine):
    """The bar engine that can also read lines at quads it detected (like the RapidOCR adapter)."""

    def read_quads(self, image, quads):
        self.calls["read_quads"] += 1
        return [read_bar(image, np.asarray(quad, np.float32)) for quad in quads]


class VoteOnlyEngine(BarEngine):
    """The same engine without detection or crop reading (like the Tesseract adapter)."""

    def __getattribute__(self, name):
        if name in ("detect", "recognize_crops"):
            raise AttributeError(name)
        return super().__getattribute__(name)


def mapped_centres(prepared) -> np.ndarray:
    """Centres of the read lines' boxes carried back onto the picture."""
    boxes = np.array([line.box for line in prepared.lines])
    centres = np.c_[(boxes[:, 0] + boxes[:, 2]) / 2, (boxes[:, 1] + boxes[:, 3]) / 2]
    return pp.map_points(prepared.to_picture, centres)


def assert_boxes_land_on_bars(prepared, to_picture: np.ndarray, centres: list) -> None:
    """Every bar was read once, and each read line maps back onto its bar in the picture."""
    truth = pp.map_points(to_picture, centres)
    got = mapped_centres(prepared)
    assert len(got) == len(truth)
    for point in got:
        assert np.min(np.hypot(*(truth - point).T)) < 3.0


def assert_read_upright(prepared, turn: int, skew: float, to_picture, centres) -> None:
    """Read fast, turned back, levelled, and every line maps back onto its bar."""
    assert prepared.fast
    assert prepared.turn == (360 - turn) % 360
    assert prepared.skew == pytest.approx(skew, abs=0.5)
    assert_level(prepared)
    assert_boxes_land_on_bars(prepared, to_picture, centres)


def assert_level(prepared) -> None:
    """Every read line runs level in the working frame."""
    slopes = [s for line in prepared.lines if (s := line_slope(line)) is not None]
    assert slopes and max(abs(s) for s in slopes) < 0.6


@pytest.mark.parametrize("turn", [0, 90, 180, 270])
@pytest.mark.parametrize("skew", [0.0, 5.0, -12.0])
def test_turned_and_skewed_pages_are_read_upright(turn, skew):
    picture, to_picture, centres = picture_of(turn, skew)
    engine = BarEngine()
    prepared = prepare_page(engine, picture)
    assert_read_upright(prepared, turn, skew, to_picture, centres)
    assert all(line.confidence == 0.99 for line in prepared.lines)
    # the sample is read the other way round too unless the first way reads surely
    crop_reads = 1 if prepared.turn in (0, 90) else 2
    assert engine.calls == {"detect": 1, "recognize_crops": crop_reads, "recognize": 1}


@pytest.mark.parametrize("turn", [0, 180])
@pytest.mark.parametrize("skew", [0.0, 4.0])
def test_engine_reading_at_quads_detects_an_upright_page_once(turn, skew):
    picture, to_picture, centres = picture_of(turn, skew)
    engine = QuadEngine()
    prepared = prepare_page(engine, picture)
    assert_read_upright(prepared, turn, skew, to_picture, centres)
    assert all(line.confidence == 0.99 for line in prepared.lines)
    if turn == 0:  # read where the one detection found the lines
        assert engine.calls == {"detect": 1, "recognize_crops": 1, "read_quads": 1}
    else:  # turned: detected again on the turned picture and read there
        assert engine.calls == {"detect": 1, "recognize_crops": 2, "recognize": 1}


def test_working_picture_matches_the_words():
    picture, _, _ = picture_of(90, 5.0)
    prepared = prepare_page(BarEngine(), picture)
    h, w = prepared.image.shape[:2]
    for line in prepared.lines:
        x0, top, x1, bottom = (round(v) for v in line.box)
        patch = prepared.image[max(top, 0) : min(bottom, h), max(x0, 0) : min(x1, w)]
        assert (patch.min(axis=2) < 128).mean() > 0.4  # the line's box holds its ink


def test_upright_clean_page_is_left_as_it_is():
    page, centres = bar_page()
    engine = BarEngine()
    prepared = prepare_page(engine, page)
    assert (prepared.turn, prepared.skew, prepared.flattened, prepared.evened) == (
        0,
        0,
        False,
        False,
    )
    assert np.allclose(prepared.to_picture, np.eye(3))
    assert np.array_equal(prepared.image, page)
    assert_boxes_land_on_bars(prepared, np.eye(3), centres)


def test_thin_text_is_read_from_an_enlarged_picture_and_maps_back():
    page, centres = bar_page(thick=8)
    engine = QuadEngine()
    prepared = prepare_page(engine, page)
    assert prepared.enlarged == pytest.approx(3.0)  # 32 px wanted from about 9: at most 3×
    assert prepared.image.shape[:2] == (HEIGHT * 3, WIDTH * 3)
    assert prepared.picture_size == (WIDTH, HEIGHT)
    assert not prepared.flattened
    assert all(line.text == "a line of text" for line in prepared.lines)
    assert_boxes_land_on_bars(prepared, np.eye(3), centres)


def test_enlargement_is_bounded_by_the_pictures_size():
    from checkup2action.ocr.prepare import enlargement

    thin = [np.array([(0, 0), (300, 0), (300, 10), (0, 10)], float)] * 3  # 10 px lines
    assert enlargement(thin, 800) == pytest.approx(3.0)  # 32 / 10, at most 3
    assert enlargement(thin, 2000) == pytest.approx(2.0)  # no side beyond 4000 px
    assert enlargement(thin, 3800) == 1.0  # 1.05: not worth a second pass
    assert enlargement([], 800) == 1.0


def test_thick_text_is_not_enlarged():
    prepared = prepare_page(QuadEngine(), bar_page(thick=20)[0])
    assert prepared.enlarged == 1.0


def test_doubtful_crop_vote_is_checked_by_reading_upside_down():
    picture, to_picture, centres = picture_of(180, 0.0)
    engine = BarEngine(decisive=False)
    prepared = prepare_page(engine, picture)
    assert prepared.turn == 180
    assert engine.calls["recognize"] == 2
    assert_boxes_land_on_bars(prepared, to_picture, centres)


@pytest.mark.parametrize(("turn", "skew"), [(180, 0.0), (90, 4.0)])
def test_engines_without_detection_fall_back_to_the_vote(turn, skew):
    picture, to_picture, centres = picture_of(turn, skew)
    prepared = prepare_page(VoteOnlyEngine(), picture)
    assert not prepared.fast
    assert prepared.turn == (360 - turn) % 360
    assert prepared.skew == pytest.approx(skew, abs=0.5)
    assert_level(prepared)
    assert_boxes_land_on_bars(prepared, to_picture, centres)


def test_photographed_page_is_flattened_then_read():
    page, centres = bar_page()
    corners = np.array([(120, 80), (700, 130), (660, 1000), (70, 950)], np.float32)
    src = np.array([(0, 0), (WIDTH, 0), (WIDTH, HEIGHT), (0, HEIGHT)], np.float32)
    m = cv2.getPerspectiveTransform(src, corners).astype(float)
    size = (800, 1080)
    sheet = pp.warp(page, m, size)
    outside = pp.warp(np.zeros((HEIGHT, WIDTH), np.uint8), m, size)  # warp fills with white
    photo = np.where(outside[..., None] > 127, np.uint8(70), sheet)
    prepared = prepare_page(BarEngine(), photo)
    assert prepared.flattened
    assert_level(prepared)
    truth = pp.map_points(m, centres)
    for point in mapped_centres(prepared):
        assert np.min(np.hypot(*(truth - point).T)) < 4.0
    # the sheet's own proportions are not recoverable from four corners; its sides give them roughly
    ratio = prepared.image.shape[0] / prepared.image.shape[1]
    assert math.isclose(ratio, HEIGHT / WIDTH, rel_tol=0.1)
