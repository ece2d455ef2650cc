"""The page image as ink on paper: settings, paper brightness and per-pixel ink darkness."""

from __future__ import annotations

from dataclasses import dataclass, fields

import cv2
import numpy as np


@dataclass(frozen=True, slots=True)
class ImageFeatureSettings:
    """Tunables of ruling and ink-colour reading; lengths in PDF points, levels in 0–255."""

    background_window: float = 40.0  # paper brightness is the brightest ink-free area this wide
    min_line_length: float = 20.0  # shorter dark runs are text strokes, not rulings
    max_line_thickness: float = 3.0  # thicker dark bands are filled areas or text
    line_side_offset: float = 1.6  # a line is darker than the paper this far to either side
    line_contrast: float = 10.0  # a line's darkness above the darker of its two sides
    line_gap: float = 12.0  # collinear pieces closer than this are one ruling
    line_coverage: float = 0.8  # share of a ruling's length that must itself be ink
    fill_min_size: float = 5.0  # filled areas (cell shading) survive an opening this wide
    fill_min_thickness: float = 10.0  # ... are at least this tall and wide
    fill_min_length: float = 20.0  # ... and at least this long along one side
    fill_contrast: float = 6.0  # shading darker than the paper by at least this much
    fill_solidity: float = 0.8  # share of its bounding box a filled area covers
    # Ink hue from absorbance (1 - reflectance against the paper), which mixing with the paper
    # at blurred stroke edges scales but does not turn: red absorbs green and blue, not red.
    min_absorbance: float = 0.25  # weaker pixels are too pale to judge
    red_max_share: float = 0.65  # red: red absorbance at most this share of green's and blue's
    red_max_imbalance: float = 0.4  # ... green and blue within this share of each other
    neutral_min_share: float = 0.7  # black/grey: every channel absorbs this share of the most

    def __post_init__(self) -> None:
        """Reject settings that are not positive (shares must also be at most 1)."""
        bad = [f.name for f in fields(self) if not getattr(self, f.name) > 0]
        shares = (
            "line_coverage",
            "fill_solidity",
            "min_absorbance",
            "red_max_share",
            "red_max_imbalance",
            "neutral_min_share",
        )
        bad += [name for name in shares if getattr(self, name) > 1]
        if bad:
            raise ValueError(f"ImageFeatureSettings out of range: {', '.join(sorted(set(bad)))}")


DEFAULT_SETTINGS = ImageFeatureSettings()


def as_rgb_array(image: object) -> np.ndarray:
    """An H × W × 3 uint8 array from a PIL image or an array (grey is widened to RGB)."""
    arr = np.asarray(image.convert("RGB") if hasattr(image, "convert") else image)
    if arr.ndim == 2:
        arr = np.repeat(arr[..., None], 3, axis=2)
    if arr.ndim != 3 or arr.shape[2] < 3:
        raise ValueError(f"expected an RGB image, got an array of shape {arr.shape}")
    return np.ascontiguousarray(arr[..., :3], dtype=np.uint8)


@dataclass(frozen=True, slots=True)
class PaperMap:
    """The colour of the bare paper across a page, in square blocks of ``block`` pixels."""

    colour: np.ndarray  # rows × columns × 3, uint8
    block: int

    def at(self, x: float, y: float) -> np.ndarray:
        """Paper RGB (floats) near pixel (x, y)."""
        rows, cols = self.colour.shape[:2]
        i = min(max(0, int(y // self.block)), rows - 1)
        j = min(max(0, int(x // self.block)), cols - 1)
        return self.colour[i, j].astype(np.float32)


def paper_map(rgb: np.ndarray, scale: float, window: float) -> PaperMap:
    """Paper colour: local maxima of a block-averaged image over ``window`` points, smoothed.

    Averaging ~2 pt blocks first hides noise and thin ink; the maximum over the window then
    finds paper beside text and lines, and follows uneven light across the page.
    """
    block = max(1, min(round(2.0 / scale), *rgb.shape[:2]))  # a tiny page: one block at most
    # block means, sampled at block centres (a box blur is much faster than an area resize)
    small = np.ascontiguousarray(
        cv2.blur(rgb, (block, block))[block // 2 :: block, block // 2 :: block]
    )
    k = max(3, round(window / (block * scale)) | 1)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (k, k))
    paper = cv2.blur(cv2.dilate(cv2.blur(small, (3, 3)), kernel), (k, k))
    return PaperMap(paper, block)


def ink_darkness(rgb: np.ndarray, paper: PaperMap) -> np.ndarray:
    """How much darker than the paper each pixel is (uint8, 0 on bare paper)."""
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    paper_grey = cv2.cvtColor(paper.colour, cv2.COLOR_RGB2GRAY)
    h, w = grey.shape
    return cv2.subtract(cv2.resize(paper_grey, (w, h), interpolation=cv2.INTER_LINEAR), grey)
