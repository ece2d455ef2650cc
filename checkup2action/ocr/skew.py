"""Page skew from the picture itself: the angle at which rows of ink line up best.

Text detectors return axis-aligned boxes for lines tilted by less than a degree or two, so box
slopes cannot see a small skew; yet 0.7° over a 400-point table row moves the value five points
above its name and breaks the row. The projection-profile method sees it: shear the ink by each
candidate angle and keep the angle whose row histogram is the most peaked (text lines and table
rulings then fall into the fewest rows). Coarse search on a small picture, then a fine one.
"""

from __future__ import annotations

import numpy as np

from checkup2action.ocr.base import ImageInput, to_rgb_array

#: Widths (pixels) the picture is shrunk to for the coarse and the fine search.
COARSE_WIDTH = 500
FINE_WIDTH = 1000
#: Degrees searched and step sizes.
COARSE_RANGE, COARSE_STEP = 5.0, 0.2
FINE_RANGE, FINE_STEP = 0.24, 0.03
#: A pixel is ink when this much darker than the paper (grey levels).
INK_CONTRAST = 60
#: Too little ink to say anything.
MIN_INK_PIXELS = 500


def _ink_points(image: ImageInput, width: int) -> tuple[np.ndarray, np.ndarray, float] | None:
    """x and y of ink pixels of the picture shrunk to ``width``, and the shrink factor."""
    rgb = to_rgb_array(image)
    step = max(1, round(rgb.shape[1] / width))
    grey = rgb[::step, ::step].astype(np.float32) @ np.array([0.299, 0.587, 0.114], np.float32)
    paper = float(np.percentile(grey, 90))
    ys, xs = np.nonzero(grey < paper - INK_CONTRAST)
    if xs.size < MIN_INK_PIXELS:
        return None
    return xs.astype(np.float32), ys.astype(np.float32), float(step)


def _peakedness(xs: np.ndarray, ys: np.ndarray, degrees: float, rows: int) -> float:
    """Sum of squared row counts after shearing the ink by ``degrees`` (higher: lines level)."""
    shifted = ys + xs * np.tan(np.radians(degrees))
    idx = np.clip(np.rint(shifted).astype(np.int64) + rows // 4, 0, rows - 1)
    counts = np.bincount(idx, minlength=rows).astype(np.float64)
    return float((counts * counts).sum())


def _best_angle(xs: np.ndarray, ys: np.ndarray, centre: float, span: float, step: float) -> float:
    """The angle in [centre - span, centre + span] with the most peaked row profile."""
    rows = int(ys.max() + abs(xs.max()) * np.tan(np.radians(abs(centre) + span)) + 2) * 3 // 2 + 8
    angles = np.arange(centre - span, centre + span + step / 2, step)
    scores = [_peakedness(xs, ys, float(a), rows) for a in angles]
    return float(angles[int(np.argmax(scores))])


def profile_skew(image: ImageInput) -> float | None:
    """Clockwise slope of the text in degrees (positive: lines fall to the right); None if blank.

    Turning the picture by ``-profile_skew(image)`` (clockwise positive) levels it.
    """
    coarse = _ink_points(image, COARSE_WIDTH)
    if coarse is None:
        return None
    angle = _best_angle(coarse[0], coarse[1], 0.0, COARSE_RANGE, COARSE_STEP)
    fine = _ink_points(image, FINE_WIDTH)
    if fine is not None:
        angle = _best_angle(fine[0], fine[1], angle, FINE_RANGE, FINE_STEP)
    return -angle  # the shear that levels the rows undoes the slope
