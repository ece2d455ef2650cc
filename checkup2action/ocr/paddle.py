"""Optional PaddleOCR (3.x) adapter, usable only with models already on disk.

PaddleOCR insists on downloading its models from model hubs, which this project never does at run
time; so the engine is available only when ``paddleocr`` is importable AND ``model_dir`` points to
a local folder with ``det/`` and ``rec/`` exported inference models. Measured here at ~40 s/page:
prefer RapidOCR, which runs the same PP-OCR models on ONNX Runtime.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checkup2action.errors import EngineNotAvailableError
from checkup2action.ocr.base import (
    ImageInput,
    OcrLine,
    quad_from_points,
    register_engine,
    to_bgr_array,
)

KIND = "paddleocr"
NEEDS_LOCAL_MODELS = (
    "PaddleOCR needs local models: it cannot download them here; set PaddleOcrOptions.model_dir "
    "to a folder with det/ and rec/ inference models (or use the 'rapidocr' engine: "
    "pip install 'checkup2action[ocr]')"
)


@dataclass(frozen=True, slots=True)
class PaddleOcrOptions:
    """Settings of the PaddleOCR engine."""

    kind: str = KIND
    #: Folder with ``det/`` and ``rec/`` PaddleOCR inference models (required).
    model_dir: str | None = None
    #: Model names of those folders, e.g. ``PP-OCRv5_mobile_det`` (None: PaddleOCR's default).
    det_model_name: str | None = None
    rec_model_name: str | None = None


def model_dirs(options: PaddleOcrOptions) -> tuple[Path, Path]:
    """The det and rec model folders; EngineNotAvailableError when not given or missing."""
    if not options.model_dir:
        raise EngineNotAvailableError(NEEDS_LOCAL_MODELS)
    root = Path(options.model_dir)
    det, rec = root / "det", root / "rec"
    if not (det.is_dir() and rec.is_dir()):
        raise EngineNotAvailableError(f"{NEEDS_LOCAL_MODELS}; not found: {det} and {rec}")
    return det, rec


def _import_paddleocr() -> Any:
    """The ``paddleocr`` module, or EngineNotAvailableError."""
    try:
        import paddleocr
    except ImportError as exc:
        raise EngineNotAvailableError(f"paddleocr is not installed; {NEEDS_LOCAL_MODELS}") from exc
    return paddleocr


def pipeline_kwargs(options: PaddleOcrOptions, det: Path, rec: Path) -> dict[str, Any]:
    """Keyword arguments of ``paddleocr.PaddleOCR`` for local models and no extra stages."""
    kwargs: dict[str, Any] = {
        "text_detection_model_dir": str(det),
        "text_recognition_model_dir": str(rec),
        "use_doc_orientation_classify": False,
        "use_doc_unwarping": False,
        "use_textline_orientation": False,
    }
    if options.det_model_name:
        kwargs["text_detection_model_name"] = options.det_model_name
    if options.rec_model_name:
        kwargs["text_recognition_model_name"] = options.rec_model_name
    return kwargs


def result_to_lines(result: Any) -> list[OcrLine]:
    """OcrLines from one PaddleOCR 3.x result (``rec_texts``, ``rec_scores``, ``rec_polys``)."""
    texts, scores, polys = (result[k] for k in ("rec_texts", "rec_scores", "rec_polys"))
    return [
        OcrLine(str(t), quad_from_points(p), float(s))
        for t, s, p in zip(texts, scores, polys, strict=True)
        if str(t).strip()
    ]


class PaddleOcrEngine:
    """OCR engine backed by a PaddleOCR pipeline loaded from local models."""

    name = KIND

    def __init__(self, options: PaddleOcrOptions, pipeline: Any):
        self.options = options
        self._pipeline = pipeline

    def recognize(self, image: ImageInput) -> list[OcrLine]:
        """Recognise the text lines of one image (pixel coordinates of that image)."""
        bgr = to_bgr_array(image)
        lines: list[OcrLine] = []
        for result in self._pipeline.predict(bgr):
            lines.extend(result_to_lines(result))
        return lines


@functools.lru_cache(maxsize=2)
def _cached_engine(options: PaddleOcrOptions) -> PaddleOcrEngine:
    """Load the PaddleOCR pipeline once per distinct options."""
    det, rec = model_dirs(options)
    module = _import_paddleocr()
    return PaddleOcrEngine(options, module.PaddleOCR(**pipeline_kwargs(options, det, rec)))


def create_paddle_engine(options: PaddleOcrOptions | None = None) -> PaddleOcrEngine:
    """The PaddleOCR engine for ``options``; EngineNotAvailableError without local models."""
    opts = options or PaddleOcrOptions()
    if not isinstance(opts, PaddleOcrOptions):
        raise TypeError(f"expected PaddleOcrOptions, got {type(opts).__name__}")
    return _cached_engine(opts)


register_engine(KIND, create_paddle_engine)
