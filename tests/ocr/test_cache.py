"""The optional OCR disk cache: same pixels and settings reuse a reading, others do not."""

from __future__ import annotations

import numpy as np

from checkup2action.ocr.base import OcrLine, OcrWord
from checkup2action.ocr.cache import CachedEngine, maybe_cached


class CountingEngine:
    """A fake engine that counts its calls."""

    name = "fake"

    def __init__(self):
        self.calls = 0

    def recognize(self, image):
        """One line whose text says how many calls were made."""
        self.calls += 1
        word = OcrWord("ab", ((0, 0), (5, 0), (5, 4), (0, 4)), 0.5)
        return [OcrLine(f"call{self.calls}", ((0, 0), (9, 0), (9, 4), (0, 4)), 0.9, (word,))]


def test_same_pixels_are_read_once(tmp_path):
    inner = CountingEngine()
    engine = CachedEngine(inner, tmp_path, "fake|a")
    img = np.zeros((8, 8, 3), np.uint8)
    first = engine.recognize(img)
    second = engine.recognize(img.copy())
    assert inner.calls == 1
    assert second == first
    assert second[0].words[0].quad[1] == (5.0, 0.0)


def test_other_pixels_or_settings_are_read_again(tmp_path):
    inner = CountingEngine()
    img = np.zeros((8, 8, 3), np.uint8)
    CachedEngine(inner, tmp_path, "fake|a").recognize(img)
    CachedEngine(inner, tmp_path, "fake|b").recognize(img)
    img[0, 0] = 1
    CachedEngine(inner, tmp_path, "fake|a").recognize(img)
    assert inner.calls == 3


def test_off_without_the_environment_variable(monkeypatch, tmp_path):
    inner = CountingEngine()
    monkeypatch.delenv("C2A_OCR_CACHE", raising=False)
    assert maybe_cached(inner, "x") is inner
    monkeypatch.setenv("C2A_OCR_CACHE", str(tmp_path / "c"))
    assert isinstance(maybe_cached(inner, "x"), CachedEngine)


class DetectingEngine(CountingEngine):
    """A fake engine that also detects and reads crops."""

    def detect(self, image):
        """One quad."""
        self.calls += 1
        return [((0.0, 0.0), (4.0, 0.0), (4.0, 2.0), (0.0, 2.0))]

    def recognize_crops(self, crops):
        """One reading per crop."""
        self.calls += 1
        return [("x", 0.5) for _ in crops]


def test_detection_and_crop_readings_are_cached_too(tmp_path):
    inner = DetectingEngine()
    engine = CachedEngine(inner, tmp_path, "fake|a")
    img = np.zeros((8, 8, 3), np.uint8)
    assert engine.detect(img) == engine.detect(img) == inner.detect(img)
    assert engine.recognize_crops([img, img]) == [("x", 0.5), ("x", 0.5)]
    engine.recognize_crops([img, img])
    assert inner.calls == 3  # one detection, one crop batch, and the direct call above


def test_an_engine_without_detection_does_not_gain_it(tmp_path):
    engine = CachedEngine(CountingEngine(), tmp_path, "fake|a")
    assert not hasattr(engine, "detect") and not hasattr(engine, "recognize_crops")
