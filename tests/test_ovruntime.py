"""OpenVINO sessions: which runtime a setting means, the fallback, and the same detector boxes."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from checkup2action import ovruntime
from checkup2action.errors import EngineNotAvailableError
from checkup2action.ocr.rapid import RapidOcrOptions, create_rapid_engine

needs_openvino = pytest.mark.skipif(
    importlib.util.find_spec("openvino") is None, reason="openvino not installed"
)
needs_rapidocr = pytest.mark.skipif(
    importlib.util.find_spec("rapidocr") is None, reason="rapidocr not installed"
)


def test_auto_means_openvino_only_when_it_is_installed(monkeypatch):
    monkeypatch.setattr(ovruntime, "openvino_installed", lambda: False)
    assert ovruntime.runtime_for("auto") == "onnxruntime"
    assert ovruntime.runtime_for("onnxruntime") == "onnxruntime"
    with pytest.raises(EngineNotAvailableError, match="install the extra"):
        ovruntime.runtime_for("openvino")
    monkeypatch.setattr(ovruntime, "openvino_installed", lambda: True)
    assert ovruntime.runtime_for("auto") == "openvino"


def test_an_unknown_runtime_is_refused():
    with pytest.raises(ValueError, match="unknown runtime"):
        ovruntime.runtime_for("tensorrt")


def test_the_arithmetic_stays_float32():
    options = ovruntime.compile_options(threads=0)
    assert options["INFERENCE_PRECISION_HINT"] == "f32"
    assert options["INFERENCE_NUM_THREADS"] == 1


@needs_openvino
def test_a_model_openvino_cannot_load_falls_back_only_under_auto(tmp_path, caplog):
    broken = tmp_path / "broken.onnx"
    broken.write_bytes(b"not a model")
    assert ovruntime.open_session(broken, 1, "auto") is None
    assert "using ONNX Runtime" in caplog.text
    with pytest.raises(EngineNotAvailableError, match=r"could not load broken\.onnx"):
        ovruntime.open_session(broken, 1, "openvino")
    assert ovruntime.open_session(broken, 1, "onnxruntime") is None


def _page() -> np.ndarray:
    """A small BGR picture with a few made-up result lines."""
    image = Image.new("RGB", (900, 260), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=28)
    for n, text in enumerate(("Glucose 5.4 mmol/L 3.9-6.1", "Sodium 141 mmol/L 135-145")):
        draw.text((30, 40 + 90 * n), text, font=font, fill="black")
    return np.asarray(image)[:, :, ::-1].copy()


@needs_openvino
@needs_rapidocr
def test_both_runtimes_detect_the_same_lines():
    ov_engine = create_rapid_engine(RapidOcrOptions(det_runtime="openvino", threads=1))
    ort_engine = create_rapid_engine(RapidOcrOptions(det_runtime="onnxruntime", threads=1))
    assert isinstance(ov_engine._ocr.text_det.session, ovruntime.OpenVinoSession)
    assert not isinstance(ort_engine._ocr.text_det.session, ovruntime.OpenVinoSession)
    page = _page()
    found = ov_engine.detect(page)
    assert len(found) == 2
    assert np.allclose(np.asarray(found), np.asarray(ort_engine.detect(page)), atol=1.0)


@needs_openvino
def test_a_session_returns_copies_and_metadata():
    from checkup2action.layout import cdla

    session = ovruntime.OpenVinoSession(cdla.model_path(), threads=1)
    blank = np.zeros((1, 3, cdla.INPUT_HEIGHT, cdla.INPUT_WIDTH), np.float32)
    first = session.outputs(blank)
    again = session.outputs(blank + 1)
    assert len(first) == 8
    assert not np.shares_memory(first[0], again[0])
    assert (session.metadata("character") or "").splitlines()[:2] == ["text", "title"]
    assert session.metadata("absent") is None
