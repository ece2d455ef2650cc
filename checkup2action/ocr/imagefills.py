"""Filled rectangles of a page image (header bars, shaded rows) and their edges as rulings.

A born-digital reader sees a filled cell as a rectangle and reports its four edges. Fills are
found here as solid, rectangular areas of one even darkness on an image reduced to about 1.3
pixels per point, and only their top and bottom edges (row separators) are given:
``fill_mask → fill_outlines → refine_box → outline_edges``.
"""

from __future__ import annotations

import cv2
import numpy as np

from checkup2action.ingestion.document import Ruling
from checkup2action.ocr.pageink import ImageFeatureSettings

# A box in pixels: x0, y0, x1, y1.
Box = tuple[float, float, float, float]
# Darkness levels, in multiples of ``fill_contrast``, at which fills are sought, darkest first:
# a dark header bar is found on its own, then blanked so the shaded row beside it stands alone.
FILL_LEVELS = (1, 5)
# Share of a fill's (median-smoothed) pixels within the noise of its median darkness: fills
# measure 0.7–0.9, blocks of text 0.1–0.25.
FLAT_SHARE = 0.5
# Filled rectangles may stand tilted by this many degrees (residual skew of a scan).
MAX_TILT = 3.0
# A tilted fill must cover this share of its rotated rectangle.
TILTED_SOLIDITY = 0.9
# The outline of an upright fill stays this close (reduced pixels) to its bounding box.
RAGGED_PIXELS = 2


def reduction(scale: float) -> int:
    """Downsampling factor that leaves about 1.3 pixels per point (fills are large)."""
    return max(1, int(1.0 / scale / 1.3))


def noise_spread(small: np.ndarray) -> float:
    """Darkness spread (2 sigma, at least 4 levels) of pixel noise, from neighbour differences.

    Flatness is judged on the median-smoothed image, whose noise is well inside this.
    """
    diffs = np.abs(np.diff(small[::4].astype(np.int16), axis=1))
    sigma = float(np.median(diffs)) / (0.95 * 1.414)  # median |a - b| of two N(0, s²) ≈ 0.95·s·√2
    return max(4.0, 2.0 * sigma)


def fill_mask(smooth: np.ndarray, level: float, size: int) -> np.ndarray:
    """Areas of the median-smoothed darkness above ``level``, opened to drop text and lines."""
    _, mask = cv2.threshold(smooth, level, 255, cv2.THRESH_BINARY)
    return cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((size, size), np.uint8))


def is_flat(area: np.ndarray, level: float, spread: float) -> bool:
    """Most of the area has one darkness, at least ``level``: a fill, not text (paper between)."""
    median = float(np.median(area))
    if median < level:
        return False
    return float((np.abs(area.astype(np.int16) - median) <= spread).mean()) >= FLAT_SHARE


def fill_outlines(
    mask: np.ndarray,
    smooth: np.ndarray,
    spread: float,
    level: float,
    sizes: tuple[float, float],
    s: ImageFeatureSettings,
) -> list[tuple[tuple[int, int, int, int], np.ndarray | None]]:
    """The mask's solid, rectangular, evenly dark parts (reduced pixels).

    Each is its bounding box, with its four corners when it stands slightly tilted (else None).
    Solidity is the outline's area (text inside a bar counts as filled) over its rectangle.
    """
    thinnest, least = sizes
    out: list[tuple[tuple[int, int, int, int], np.ndarray | None]] = []
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    for contour in contours:
        x, y, w, h = cv2.boundingRect(contour)
        if x == 0 or y == 0 or x + w == mask.shape[1] or y + h == mask.shape[0]:
            continue  # dark margins of a scan or photo, not a filled cell
        area = cv2.contourArea(contour)
        if max(w, h) < least or min(w, h) < thinnest or area < s.fill_solidity * w * h / 2:
            continue
        corners = None
        if area < s.fill_solidity * w * h or not straight_sides(mask[y : y + h, x : x + w]):
            corners = tilted_corners(contour, area, TILTED_SOLIDITY)
            if corners is None:
                continue
        inside = smooth[y : y + h, x : x + w][mask[y : y + h, x : x + w] > 0]
        if is_flat(inside, level, spread):
            out.append(((x, y, x + w, y + h), corners))
    return out


def straight_sides(area: np.ndarray) -> bool:
    """Whether a mask area's outline follows its bounding box within a pixel or two.

    Rectangles do; big bold glyphs, which can pass for small fills, have ragged outlines.
    """
    h, w = area.shape
    inside = area > 0
    cols = inside[:, w // 10 : w - w // 10]
    rows = inside[h // 10 : h - h // 10, :]
    if not cols.size or not rows.size:
        return False
    sides = (
        cols.argmax(axis=0),
        cols[::-1].argmax(axis=0),
        rows.argmax(axis=1),
        rows[:, ::-1].argmax(axis=1),
    )
    return all(np.percentile(side, 90) <= RAGGED_PIXELS for side in sides)


def tilted_corners(contour: np.ndarray, area: float, solidity: float) -> np.ndarray | None:
    """Corners of a slightly tilted (at most MAX_TILT degrees) solid rectangle, else None."""
    rect = cv2.minAreaRect(contour)
    (w, h) = rect[1]
    if w * h <= 0 or area < solidity * w * h:
        return None
    corners = cv2.boxPoints(rect)
    dx, dy = corners[1] - corners[0]
    angle = abs(np.degrees(np.arctan2(dy, dx))) % 90
    return corners if min(angle, 90 - angle) <= MAX_TILT else None


def edge_position(profile: np.ndarray, level: float, start: int, rising: bool) -> float | None:
    """Where a darkness profile leaves the paper side of an edge, as an index plus ``start``.

    ``rising`` profiles run from outside into the fill: the edge follows the last value below
    ``level``; otherwise they run from the fill outwards and the edge is at the first one.
    """
    below = np.flatnonzero(profile < level)
    if not below.size:
        return None
    return float(start + (below[-1] + 1 if rising else below[0]))


def refine_box(dark: np.ndarray, box: tuple[int, int, int, int], factor: int) -> Box:
    """A reduced-image box with each edge moved to where the full-size darkness crosses half
    the fill's own darkness (the reduction and median blur shift edges by a pixel or two)."""
    x0, y0, x1, y1 = (v * factor for v in box)
    level = float(np.median(dark[y0:y1:2, x0:x1:2])) / 2
    mx, my = (x1 - x0) // 5, (y1 - y0) // 5  # profiles across the middle of each side
    rows = dark[:, x0 + mx : x1 - mx]
    cols = dark[y0 + my : y1 - my].T
    pad = 3 * factor
    return (
        refine_edge(cols, x0, pad, level, rising=True),
        refine_edge(rows, y0, pad, level, rising=True),
        refine_edge(cols, x1, pad, level, rising=False),
        refine_edge(rows, y1, pad, level, rising=False),
    )


def refine_edge(strip: np.ndarray, at: int, pad: int, level: float, *, rising: bool) -> float:
    """The edge near row ``at`` of a strip (rows across the edge), from its mean darkness."""
    start = max(0, at - pad)
    profile = strip[start : at + pad].mean(axis=1)
    found = edge_position(profile, level, start, rising)
    return float(at) if found is None else found


def outline_edges(corners: np.ndarray, scale: float, min_length: float) -> list[Ruling]:
    """The top and bottom of a (possibly slightly tilted) rectangle as rulings in points.

    A tilted side becomes the horizontal ruling through its middle. Left and right sides are
    left out: text in a light fill can cut it in two, and such a cut inside a table would pass
    for a column border (fills matter as row separators).
    """
    out = []
    for p, q in zip(corners, np.roll(corners, -1, axis=0), strict=True):
        (x0, y0), (x1, y1) = p * scale, q * scale
        if abs(x1 - x0) >= max(abs(y1 - y0), min_length):
            y = (y0 + y1) / 2
            out.append(Ruling(float(min(x0, x1)), float(y), float(max(x0, x1)), float(y)))
    return out


def box_corners(box: Box) -> np.ndarray:
    """The four corners of an upright box, clockwise from the top left."""
    x0, y0, x1, y1 = box
    return np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], dtype=np.float64)


def fill_edges(dark: np.ndarray, scale: float, s: ImageFeatureSettings) -> list[Ruling]:
    """Edges of the filled rectangles of a page's darkness map, in points."""
    factor = reduction(scale)
    h, w = dark.shape
    small = (
        dark
        if factor == 1
        else cv2.resize(dark, (w // factor, h // factor), interpolation=cv2.INTER_AREA)
    )
    smooth = cv2.medianBlur(small, 5)
    size = max(3, round(s.fill_min_size / (scale * factor)))
    sizes = (s.fill_min_thickness / (scale * factor), s.fill_min_length / (scale * factor))
    spread = noise_spread(small)
    found: list[tuple[tuple[int, int, int, int], np.ndarray | None]] = []
    for step in sorted(FILL_LEVELS, reverse=True):
        mask = fill_mask(smooth, s.fill_contrast * step, size)
        for (x0, y0, x1, y1), _ in found:  # darker fills found already: seek what is around
            mask[max(0, y0 - 2) : y1 + 2, max(0, x0 - 2) : x1 + 2] = 0
        found += fill_outlines(mask, smooth, spread, s.fill_contrast * step, sizes, s)
    edges = []
    for box, corners in found:
        outline = (
            box_corners(refine_box(dark, box, factor))
            if corners is None
            else corners.astype(np.float64) * factor
        )
        edges += outline_edges(outline, scale, s.fill_min_size)
    return distinct_rulings(edges, tolerance=1.0)


def distinct_rulings(rulings: list[Ruling], tolerance: float) -> list[Ruling]:
    """Drop rulings that repeat an earlier one (same direction, box within ``tolerance``)."""
    out: list[Ruling] = []
    for r in rulings:
        if not any(
            r.horizontal == o.horizontal
            and abs(r.x0 - o.x0) <= tolerance
            and abs(r.x1 - o.x1) <= tolerance
            and abs(r.top - o.top) <= tolerance
            and abs(r.bottom - o.bottom) <= tolerance
            for o in out
        ):
            out.append(r)
    return out
