"""The installed environment: exactly one OpenCV distribution, and OCR runs without a network."""

from importlib import metadata

import pytest


def test_at_most_one_opencv_distribution():
    names = sorted(
        {
            (dist.metadata["Name"] or "").lower()
            for dist in metadata.distributions()
            if (dist.metadata["Name"] or "").lower().startswith("opencv")
        }
    )
    assert len(names) <= 1, f"several OpenCV builds installed: {names}"


def test_cv2_imports_when_ocr_extra_is_installed():
    pytest.importorskip("rapidocr", reason="the ocr extra is not installed")
    import cv2

    assert cv2.__version__
