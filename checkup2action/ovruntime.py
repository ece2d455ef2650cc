"""OpenVINO sessions for the convolutional models: the same float32 outputs, faster.

RapidOCR runs its text detector on ONNX Runtime. On this project's CPUs OpenVINO's CPU plugin runs
that detector (the wheel's PP-OCRv6 small model, read from the same ONNX file) about 2.5 times as
fast at 1600 pixels, with float32 inference forced: its probability maps differ from ONNX
Runtime's by at most about 2e-5 (rounding), so the boxes drawn from them are the same. The
recogniser is left on ONNX Runtime: its inputs change width with every batch, and OpenVINO re-plans
each new shape, which made a run of mixed widths slower; in bfloat16 (OpenVINO's default where the
CPU has it) it was faster but read 11 of 914 lines of eight real photos differently. The layout
model (``layout.cdla``, fixed 608 × 800 input) runs about 1.6 times as fast, its outputs within
about 1e-5 of ONNX Runtime's. The price is memory: the detector, compiled for changing input
sizes, keeps about 0.6 GB of buffers once it has seen a 1600-pixel page (ONNX Runtime frees its
own after each run); ``det_runtime="onnxruntime"`` gives that memory back at the old speed.

:class:`OpenVinoSession` is a stand-in for RapidOCR's ``OrtInferSession`` call (one array in, the
first output out) and gives all outputs and the model's metadata too; :func:`runtime_for` decides
which runtime a setting means on this machine. OpenVINO comes with the ``ocr`` and ``layout``
extras; without it ``auto`` falls back to ONNX Runtime.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

import numpy as np

from checkup2action.errors import EngineNotAvailableError

OPENVINO = "openvino"
ONNXRUNTIME = "onnxruntime"
AUTO = "auto"
RUNTIMES = (AUTO, OPENVINO, ONNXRUNTIME)
INSTALL_HINT = "install the extra: pip install 'checkup2action[ocr]'"
log = logging.getLogger(__name__)


def openvino_installed() -> bool:
    """Whether the ``openvino`` package can be imported."""
    try:
        import openvino  # noqa: F401
    except ImportError:
        return False
    return True


def runtime_for(setting: str) -> str:
    """The runtime a setting means here: ``auto`` is OpenVINO when it is installed."""
    if setting not in RUNTIMES:
        raise ValueError(f"unknown runtime {setting!r}; expected one of {', '.join(RUNTIMES)}")
    if setting == AUTO:
        return OPENVINO if openvino_installed() else ONNXRUNTIME
    if setting == OPENVINO and not openvino_installed():
        raise EngineNotAvailableError(f"OpenVINO is not installed; {INSTALL_HINT}")
    return setting


def compile_options(threads: int) -> dict[str, Any]:
    """CPU plugin settings: float32 arithmetic, one stream, ``threads`` threads, no pinning."""
    return {
        "INFERENCE_PRECISION_HINT": "f32",
        "PERFORMANCE_HINT": "LATENCY",
        "NUM_STREAMS": 1,
        "INFERENCE_NUM_THREADS": max(1, threads),
        "ENABLE_CPU_PINNING": False,
    }


class OpenVinoSession:
    """One ONNX model compiled by OpenVINO for the CPU; called like RapidOCR's sessions."""

    def __init__(self, model_path: Path, threads: int):
        try:
            import openvino
        except ImportError as exc:
            raise EngineNotAvailableError(
                f"OpenVINO is not installed ({exc}); {INSTALL_HINT}"
            ) from exc
        core = openvino.Core()
        model = core.read_model(str(model_path))
        self._model = model
        self._compiled = core.compile_model(model, "CPU", compile_options(threads))
        self._request = self._compiled.create_infer_request()
        self._lock = threading.Lock()  # an infer request serves one call at a time

    def __call__(self, input_content: np.ndarray) -> np.ndarray:
        """The model's first output for one input batch (a copy the next call cannot change)."""
        return self.outputs(input_content)[0]

    def outputs(self, input_content: np.ndarray) -> list[np.ndarray]:
        """Every output of the model, in its order, for one input batch (copies)."""
        with self._lock:
            found = self._request.infer({0: np.ascontiguousarray(input_content)})
            return [np.array(found[port], copy=True) for port in self._compiled.outputs]

    def metadata(self, key: str) -> str | None:
        """A value of the ONNX file's metadata (``metadata_props``), None when it has none."""
        try:
            value = self._model.get_rt_info()["framework"][key]
        except (KeyError, IndexError, TypeError, AttributeError, RuntimeError):
            return None
        return str(getattr(value, "value", value))


def open_session(model_path: Path, threads: int, setting: str) -> OpenVinoSession | None:
    """The model on OpenVINO when ``setting`` means OpenVINO here, else None (ONNX Runtime's turn).

    Under ``auto``, a model OpenVINO fails to compile on this machine falls back to ONNX Runtime
    with a warning; asked for by name, the failure is an ``EngineNotAvailableError``.
    """
    if runtime_for(setting) != OPENVINO:
        return None
    try:
        return OpenVinoSession(model_path, threads)
    except (RuntimeError, EngineNotAvailableError) as exc:
        if setting != AUTO:
            raise EngineNotAvailableError(
                f"OpenVINO could not load {Path(model_path).name} ({exc})"
            ) from exc
        log.warning("OpenVINO could not load %s; using ONNX Runtime", Path(model_path).name)
        return None


def use_openvino_detector(ocr: Any, model_path: Path, threads: int, setting: str) -> None:
    """Make a RapidOCR instance's text detector run on OpenVINO when ``setting`` means it."""
    detector = ocr.text_det
    if isinstance(detector.session, OpenVinoSession):
        return
    session = open_session(model_path, threads, setting)
    if session is not None:
        detector.session = session
