"""RapidOCR (PP-OCR models on ONNX Runtime) adapter; the default OCR engine.

The models are the ones shipped inside the ``rapidocr`` wheel and are passed to it by path, so
RapidOCR's download code never runs. Engines are cached by options: model loading takes seconds.
Besides full reading, the engine offers the steps page preparation uses to find which way is up
and to read a page with one detection: ``detect`` (line quads, no reading), ``classify_turns``
(RapidOCR's text-line angle classifier on one-line images), ``recognize_crops`` (one-line images,
no detection; RapidOCR 3.10's ``recognize_txt``) and ``read_quads`` (a full reading at quads
``detect`` found).
"""

from __future__ import annotations

import functools
import logging
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from checkup2action.errors import EngineNotAvailableError
from checkup2action.ocr import charboxes, detprep
from checkup2action.ocr.base import (
    ImageInput,
    OcrLine,
    OcrWord,
    Quad,
    quad_from_points,
    register_engine,
    to_bgr_array,
)
from checkup2action.ocr.ortopts import no_spinning
from checkup2action.ocr.splitrec import SplitWidth, install
from checkup2action.ovruntime import AUTO, use_openvino_detector
from checkup2action.threads import onnx_threads

KIND = "rapidocr"
INSTALL_HINT = "install the extra: pip install 'checkup2action[ocr]'"

#: Model files inside ``rapidocr/models`` of rapidocr 3.10 (PP-OCRv6 small det/rec, v2 cls).
DET_MODEL = "PP-OCRv6_det_small.onnx"
REC_MODEL = "PP-OCRv6_rec_small.onnx"
CLS_MODEL = "ch_ppocr_mobile_v2.0_cls_mobile.onnx"


def default_threads() -> int:
    """ONNX Runtime intra-op threads (``threads.onnx_threads``)."""
    return onnx_threads()


@dataclass(frozen=True, slots=True)
class RapidOcrOptions:
    """Settings of the RapidOCR engine (hashable: engines are cached by options)."""

    kind: str = KIND
    #: ONNX Runtime intra-op threads (it ignores OMP_NUM_THREADS).
    threads: int = field(default_factory=default_threads)
    #: Text-line angle classifier; off because page preparation fixes orientation (and it flips
    #: short cells such as ``g/dL`` into ``7p/6``).
    use_angle_cls: bool = False
    #: Longest side of the image the text detector sees, in pixels.
    det_limit_side: int = 1600
    #: Runtime of the text detector: ``auto`` (OpenVINO when installed), ``openvino`` or
    #: ``onnxruntime`` (``ovruntime``; the same boxes, OpenVINO is faster).
    det_runtime: str = AUTO
    #: Images with a longer side are shrunk to it before detection and recognition, in pixels.
    max_image_side: int = 2400
    #: Lines recognised with a lower score are dropped.
    text_score: float = 0.5
    #: Ask for per-character boxes (used for word boxes and ``Word.char_x0s``).
    char_boxes: bool = True
    #: Read long crops with less padding (``ocr.splitrec``); None reads every crop at 48 × 320.
    split_width: SplitWidth | None = field(default_factory=SplitWidth)


def _import_rapidocr() -> Any:
    """The ``rapidocr`` module, or EngineNotAvailableError with the install hint."""
    try:
        import onnxruntime  # noqa: F401
        import rapidocr
    except ImportError as exc:
        raise EngineNotAvailableError(f"RapidOCR is not installed ({exc}); {INSTALL_HINT}") from exc
    return rapidocr


def bundled_model(module: Any, name: str) -> Path:
    """Path of a model file shipped in the rapidocr wheel; error if it is missing."""
    path = Path(module.__file__).parent / "models" / name
    if not path.is_file():
        raise EngineNotAvailableError(
            f"RapidOCR model {name} is not in {path.parent} (models are never downloaded at "
            f"run time); reinstall rapidocr==3.10.0: {INSTALL_HINT}"
        )
    return path


def _threads(options: RapidOcrOptions) -> int:
    """The options' threads, at least one and at most the machine's cores."""
    return max(1, min(options.threads, os.cpu_count() or 1))


def rapid_params(options: RapidOcrOptions, module: Any) -> dict[str, Any]:
    """RapidOCR config overrides for ``options``, with explicit bundled model paths."""
    threads = _threads(options)
    return {
        "Global.log_level": "warning",
        "Global.use_cls": options.use_angle_cls,
        "Global.max_side_len": options.max_image_side,
        "Global.text_score": options.text_score,
        "Global.return_word_box": options.char_boxes,
        "Global.return_single_char_box": options.char_boxes,
        "EngineConfig.onnxruntime.intra_op_num_threads": threads,
        "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        "Det.limit_side_len": options.det_limit_side,
        "Det.limit_type": "max",
        "Det.model_path": str(bundled_model(module, DET_MODEL)),
        "Rec.model_path": str(bundled_model(module, REC_MODEL)),
        "Cls.model_path": str(bundled_model(module, CLS_MODEL)),
    }


def parse_pieces(entry: Any) -> tuple[OcrWord, ...]:
    """Word/character boxes of one line from RapidOCR's ``word_results`` (empty if unusable)."""
    try:
        return tuple(
            OcrWord(str(text), quad_from_points(box), float(score)) for text, score, box in entry
        )
    except (TypeError, ValueError, IndexError):
        return ()


def result_to_lines(result: Any) -> list[OcrLine]:
    """OcrLines from a RapidOCROutput (an empty result gives an empty list)."""
    boxes, txts, scores = (getattr(result, k, None) for k in ("boxes", "txts", "scores"))
    if boxes is None or txts is None or scores is None:
        return []
    pieces = getattr(result, "word_results", None) or ()
    aligned = len(pieces) == len(txts)  # RapidOCR drops empty entries, shifting the rest
    lines = []
    for i, (box, text, score) in enumerate(zip(boxes, txts, scores, strict=True)):
        words = parse_pieces(pieces[i]) if aligned else ()
        lines.append(OcrLine(str(text), quad_from_points(box), float(score), words))
    return lines


#: A picture this many times taller than wide is a long screenshot: it is detected in tiles
#: ``TILE_RATIO`` times as tall as it is wide, overlapping by ``TILE_OVERLAP`` of a tile (a line
#: an edge cuts is taken from the tile that holds it whole), and its lines are read at its
#: width's resolution (shrunk whole to the usual longest side, a 1080 x 9873 screenshot's text
#: would be 7 pixels high).
TALL_RATIO = 3.0
TILE_RATIO = 1.4
TILE_OVERLAP = 0.2
EDGE_MARGIN = 2.0  # pixels: a box this close to a tile's inner edge was cut by it


def _without_repeats(found: list[tuple[float, Quad]]) -> list[Quad]:
    """The quads, a line two tiles both saw whole kept once (the sighting farther from an edge)."""
    kept: list[Quad] = []
    for _, quad in sorted(found, key=lambda mq: -mq[0]):
        if not any(_same_line(quad, other) for other in kept):
            kept.append(quad)
    return sorted(kept, key=lambda q: (min(y for _, y in q), min(x for x, _ in q)))


def _same_line(a: Quad, b: Quad) -> bool:
    """Whether two quads cover mostly the same place (intersection over the smaller box)."""
    ax0, ay0 = min(x for x, _ in a), min(y for _, y in a)
    ax1, ay1 = max(x for x, _ in a), max(y for _, y in a)
    bx0, by0 = min(x for x, _ in b), min(y for _, y in b)
    bx1, by1 = max(x for x, _ in b), max(y for _, y in b)
    iw, ih = min(ax1, bx1) - max(ax0, bx0), min(ay1, by1) - max(ay0, by0)
    if iw <= 0 or ih <= 0:
        return False
    smaller = min((ax1 - ax0) * (ay1 - ay0), (bx1 - bx0) * (by1 - by0))
    return iw * ih > 0.5 * smaller


def tile_tops(height: int, tile: int) -> list[int]:
    """Tops of the tiles a long screenshot is detected in: ``TILE_OVERLAP`` of a tile apart from
    the next, the last flush with the bottom."""
    step = max(1, int(tile * (1 - TILE_OVERLAP)))
    tops = list(range(0, max(height - tile, 0) + 1, step))
    if tops[-1] + tile < height:
        tops.append(height - tile)
    return tops


class RapidOcrEngine:
    """OCR engine backed by one RapidOCR instance."""

    name = KIND

    def __init__(self, options: RapidOcrOptions, ocr: Any):
        self.options = options
        self._ocr = ocr

    def _flags(self, det: bool, rec: bool) -> dict[str, bool]:
        """Step switches for one call: RapidOCR keeps the last ones given, so always pass all."""
        return {
            "use_det": det,
            "use_cls": self.options.use_angle_cls and det and rec,
            "use_rec": rec,
            "return_word_box": self.options.char_boxes and rec,
            "return_single_char_box": self.options.char_boxes and rec,
        }

    def recognize(self, image: ImageInput) -> list[OcrLine]:
        """Recognise the text lines of one image (pixel coordinates of that image)."""
        return result_to_lines(self._ocr(to_bgr_array(image), **self._flags(det=True, rec=True)))

    def detect(self, image: ImageInput) -> list[Quad]:
        """Quads of the text lines of one image, found without reading them (pixels); a long
        screenshot is detected tile by tile at its own scale (see :func:`tile_tops`)."""
        img = to_bgr_array(image)
        h, w = img.shape[:2]
        if h <= TALL_RATIO * w:
            return self._detect(img)
        tile = int(TILE_RATIO * w)
        found: list[tuple[float, Quad]] = []  # (distance to the tile's inner edges, quad)
        tops = tile_tops(h, tile)
        for n, top in enumerate(tops):
            upper = top if n else -math.inf
            lower = top + tile if n < len(tops) - 1 else math.inf
            for quad in self._detect(np.ascontiguousarray(img[top : top + tile])):
                moved = [(x, y + top) for x, y in quad]
                ys = [y for _, y in moved]
                margin = min(min(ys) - upper, lower - max(ys))
                if margin > EDGE_MARGIN:  # a line the tile's edge cuts is whole in its neighbour
                    found.append((margin, quad_from_points(moved)))
        return _without_repeats(found)

    def _detect(self, img: np.ndarray) -> list[Quad]:
        """Quads of one BGR image by RapidOCR's detector."""
        result = self._ocr(img, **self._flags(det=True, rec=False))
        boxes = getattr(result, "boxes", None)
        return [] if boxes is None else [quad_from_points(box) for box in boxes]

    def read_quads(self, image: ImageInput, quads: Sequence[Any]) -> list[OcrLine]:
        """Read the lines at ``quads`` (pixels of ``image``, from :meth:`detect`) without detecting.

        The same steps as :meth:`recognize` after its detection: crops cut from the image as
        RapidOCR shrinks it, empty and low-scored readings dropped, word boxes from the readings.
        """
        if len(quads) == 0:
            return []
        from rapidocr.ch_ppocr_cls import TextClsOutput
        from rapidocr.ch_ppocr_det import TextDetOutput

        original = to_bgr_array(image)
        img, record = self._preprocess(original)
        ratio = np.array([record["preprocess"]["ratio_w"], record["preprocess"]["ratio_h"]])
        boxes = (np.asarray(quads, dtype=np.float32) / ratio).astype(np.float32)
        crops = self._ocr.crop_text_regions(img, boxes)
        self._ocr.update_params(**self._flags(det=False, rec=True))
        rec = self._ocr.recognize_txt(crops)
        det = TextDetOutput(boxes=boxes, scores=[1.0] * len(boxes))
        record["padding_1"] = {"top": 0, "left": 0}
        out = self._ocr.build_final_output(original, det, TextClsOutput(), rec, crops, record)
        return result_to_lines(out)

    def _preprocess(self, original: np.ndarray) -> tuple[np.ndarray, dict[str, Any]]:
        """RapidOCR's resizing of an image before its crops are cut; a long screenshot keeps its
        width's resolution instead of shrinking to the usual longest side."""
        h, w = original.shape[:2]
        if h <= TALL_RATIO * w:
            return self._ocr.preprocess_img(original)
        usual = self._ocr.max_side_len
        self._ocr.max_side_len = max(usual, int(h * min(1.0, self.options.max_image_side / w)) + 1)
        try:
            return self._ocr.preprocess_img(original)
        finally:
            self._ocr.max_side_len = usual

    def classify_turns(self, crops: Sequence[ImageInput]) -> list[tuple[int, float]]:
        """For one-line images: 0 or 180 (the turn that reads each upright) and the score.

        RapidOCR's text-line angle classifier (shipped in its wheel), used on its own.
        """
        if not crops:
            return []
        out = self._ocr._load_cls_model()([to_bgr_array(crop) for crop in crops])
        return [(180 if "180" in str(label) else 0, float(score)) for label, score in out.cls_res]

    def recognize_crops(self, crops: Sequence[ImageInput]) -> list[tuple[str, float]]:
        """Text and confidence of each image of one horizontal text line (no detection)."""
        if not crops:
            return []
        self._ocr.update_params(**self._flags(det=False, rec=True))
        result = self._ocr.recognize_txt([to_bgr_array(crop) for crop in crops])
        return [(str(t), float(s)) for t, s in zip(result.txts, result.scores, strict=True)]


@functools.lru_cache(maxsize=4)
def _cached_engine(options: RapidOcrOptions) -> RapidOcrEngine:
    """Build a RapidOCR engine once per distinct options."""
    module = _import_rapidocr()
    from rapidocr.inference_engine.onnxruntime.main import OrtInferSession

    with no_spinning(OrtInferSession):  # models load lazily: load all three here
        ocr = module.RapidOCR(params=rapid_params(options, module))
        for load in (ocr._load_det_model, ocr._load_cls_model, ocr._load_rec_model):
            load()
    # RapidOCR warns on every picture without text; the stage reports such a page itself
    # (PAGE_NOT_READ), so only its errors are worth showing.
    logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    detector_model = bundled_model(module, DET_MODEL)
    use_openvino_detector(ocr, detector_model, _threads(options), options.det_runtime)
    install(ocr, options.split_width)
    detprep.install(ocr)
    if options.char_boxes:
        charboxes.install(ocr)
    return RapidOcrEngine(options, ocr)


def create_rapid_engine(options: RapidOcrOptions | None = None) -> RapidOcrEngine:
    """The (cached) RapidOCR engine for ``options`` (defaults when None)."""
    opts = options or RapidOcrOptions()
    if not isinstance(opts, RapidOcrOptions):
        raise TypeError(f"expected RapidOcrOptions, got {type(opts).__name__}")
    return _cached_engine(opts)


def clear_cache() -> None:
    """Forget cached engines (frees their models)."""
    _cached_engine.cache_clear()


register_engine(KIND, create_rapid_engine)
