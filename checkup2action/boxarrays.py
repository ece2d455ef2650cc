"""Box arithmetic on numpy arrays: many boxes ``(x0, top, x1, bottom)`` at once, in the last
axis, broadcast like numpy's own operations (``geometry`` holds the one-box forms)."""

from __future__ import annotations

import numpy as np


def areas(boxes: np.ndarray) -> np.ndarray:
    """Area of each box (0 when empty)."""
    side = np.clip(boxes[..., 2:] - boxes[..., :2], 0.0, None)
    return side[..., 0] * side[..., 1]


def shared_areas(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Area each box of ``a`` shares with the box of ``b`` it is broadcast against."""
    low = np.maximum(a[..., :2], b[..., :2])
    high = np.minimum(a[..., 2:], b[..., 2:])
    side = np.clip(high - low, 0.0, None)
    return side[..., 0] * side[..., 1]
