"""The detector's input built by table lookup equals RapidOCR's own, element for element."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from checkup2action.ocr.detprep import channel_tables, install, lookup_class

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("rapidocr") is None, reason="rapidocr not installed"
)


def noisy_page(height: int, width: int, seed: int = 0) -> np.ndarray:
    """A BGR picture with every byte value in every channel."""
    rng = np.random.default_rng(seed)
    return rng.integers(0, 256, size=(height, width, 3), dtype=np.uint8)


@pytest.mark.parametrize(
    ("size", "limit", "limit_type"),
    [((700, 500), 1600, "max"), ((2100, 1500), 1600, "max"), ((300, 900), 736, "min")],
)
def test_lookup_input_is_rapidocrs_bit_for_bit(size, limit, limit_type):
    from rapidocr.ch_ppocr_det.utils import DetPreProcess

    img = noisy_page(*size)
    mean, std = [0.5, 0.5, 0.5], [0.5, 0.5, 0.5]
    theirs = DetPreProcess(limit, limit_type, mean, std)(img)
    ours = lookup_class()(limit, limit_type, mean, std)(img)
    assert ours.dtype == theirs.dtype == np.float32
    assert ours.shape == theirs.shape
    assert np.array_equal(ours, theirs)


def test_per_channel_mean_and_std_are_kept_apart():
    from rapidocr.ch_ppocr_det.utils import DetPreProcess

    mean, std = [0.485, 0.456, 0.406], [0.2, 0.3, 0.4]
    every_value = np.repeat(np.arange(256, dtype=np.uint8)[None, :, None], 3, axis=2)
    theirs = DetPreProcess(736, "min", mean, std).normalize(every_value).astype(np.float32)
    tables = channel_tables(1 / 255.0, np.array(mean), np.array(std))
    assert tables.shape == (3, 256)
    assert np.array_equal(tables, theirs[0].T)
    assert tables[0, 0] != tables[2, 0]


def test_installed_detector_finds_the_same_lines():
    from PIL import Image, ImageDraw
    from rapidocr.ch_ppocr_det.utils import DetPreProcess

    from checkup2action.ocr.rapid import RapidOcrOptions, create_rapid_engine

    engine = create_rapid_engine(RapidOcrOptions())
    detector = engine._ocr.text_det
    assert detector._lookup_preprocess  # the pipeline's engine builds its input by lookup
    install(engine._ocr)  # a second install changes nothing
    picture = Image.new("RGB", (640, 420), "white")
    draw = ImageDraw.Draw(picture)
    for row, text in enumerate(["Haemoglobin 13.2 g/dL", "Platelets 250 10^9/L", "MCV 88 fL"]):
        draw.text((40, 60 + 90 * row), text, fill=(20, 20, 20), font_size=32)
    bgr = np.asarray(picture)[:, :, ::-1].copy()
    ours = detector(bgr).boxes
    own = detector.get_preprocess
    detector.get_preprocess = lambda: DetPreProcess(
        detector.limit_side_len, detector.limit_type, detector.mean, detector.std
    )
    try:
        theirs = detector(bgr).boxes
    finally:
        detector.get_preprocess = own
    assert ours is not None and len(ours) == 3
    assert np.array_equal(ours, theirs)
