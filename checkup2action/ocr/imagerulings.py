"""Ruling lines read from a page image: thin dark lines, and the edges of filled (shaded) areas.

The result has the form the born-digital reader gives (``checkup2action.ingestion.pdf.rulings_of``):
thin boxes in PDF points, a line's box around its stroke, a filled area by its top and bottom
edges (``imagefills``). The chain for lines runs in one direction at a time (vertical lines
are found in the transposed image):
``row_pairs → line_ridges, ink_runs → line_cores → core_strokes → join_collinear →
drop_text_strokes``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import cv2
import numpy as np

from checkup2action.ingestion.document import Ruling, Word
from checkup2action.ocr.imagefills import fill_edges
from checkup2action.ocr.pageink import ImageFeatureSettings

# A box in pixels of the working frame (rows run along the lines sought): x0, y0, x1, y1.
PixelBox = tuple[float, float, float, float]
# Strokes this close (points) to the picture's edge are the edge of the paper or the scan.
EDGE_MARGIN = 2.0
# Strokes tilt by at most this many rows per column (3 degrees).
MAX_SLOPE = 0.05
# A stroke inside a word box, away from its bottom by this share of its height, is text; above
# the box too, by TEXT_ABOVE (CJK glyphs reach above the box a text layer gives them), but
# only for horizontal strokes (a word's "height" across a vertical one is its width). Text is
# what lies so for at least TEXT_SHARE of a stroke's length.
TEXT_CORE = 0.1
TEXT_ABOVE = 0.25
TEXT_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class Stroke:
    """A straight dark run along the image rows (pixels): from x0 to x1, centred on row y.

    ``y`` is the centre at the run's middle; a slightly tilted run rises ``slope`` rows per
    column along it.
    """

    x0: float
    x1: float
    y: float
    thickness: float
    coverage: float = 1.0  # share of the run that is ink before gaps were bridged
    slope: float = 0.0

    @property
    def length(self) -> float:
        """Extent along the run."""
        return self.x1 - self.x0

    def y_at(self, x: float) -> float:
        """The run's centre row at column x (extended beyond its ends along its slope)."""
        return self.y + self.slope * (x - (self.x0 + self.x1) / 2)


def px(points: float, scale: float, least: int = 1) -> int:
    """A length in points as a whole number of pixels (at least ``least``)."""
    return max(least, round(points / scale))


def shifted(img: np.ndarray, rows: int) -> np.ndarray:
    """The image moved down by ``rows`` (up when negative), zero-filled."""
    out = np.zeros_like(img)
    if rows > 0:
        out[rows:] = img[:-rows]
    elif rows < 0:
        out[:rows] = img[-rows:]
    else:
        out[:] = img
    return out


def line_ridges(dark: np.ndarray, scale: float, settings: ImageFeatureSettings) -> np.ndarray:
    """Pixels darker than the paper just above and below them: thin lines along the rows, binary.

    Subtracting the darker side leaves nothing of text bodies, filled areas or their edges;
    a short blur along the rows averages away noise before the threshold.
    """
    side = px(settings.line_side_offset, scale, least=2)
    ridge = cv2.subtract(dark, np.maximum(shifted(dark, side), shifted(dark, -side)))
    ridge = cv2.blur(ridge, (px(2.0, scale, least=3), 1))
    _, mask = cv2.threshold(ridge, settings.line_contrast, 255, cv2.THRESH_BINARY)
    return mask


def ink_runs(dark: np.ndarray, scale: float, settings: ImageFeatureSettings) -> np.ndarray:
    """Pixels that are ink and nearly as dark as the darkest ink beside them in their row (binary).

    Unlike ridges this keeps the crossings of perpendicular lines; the comparison with the
    darkest neighbour breaks runs at the light, anti-aliased seams between two glyphs, which a
    plain threshold would join into a line.
    """
    smooth = cv2.blur(dark, (px(1.0, scale), 1))
    peak = cv2.dilate(smooth, np.ones((1, px(1.5, scale, least=3)), np.uint8))
    half_peak = np.right_shift(peak, 1)
    _, inked = cv2.threshold(smooth, settings.line_contrast, 255, cv2.THRESH_BINARY)
    return cv2.bitwise_and(inked, cv2.compare(smooth, half_peak, cv2.CMP_GE))


def run_length(scale: float, settings: ImageFeatureSettings) -> int:
    """The shortest run, in pixels, that can be a ruling."""
    return px(settings.min_line_length, scale, least=5)


def line_cores(
    ridges: np.ndarray, ink: np.ndarray, scale: float, settings: ImageFeatureSettings
) -> np.ndarray:
    """Middles of unbroken ink runs at least ``run_length`` long that are thin ridges (binary).

    Ridge gaps are bridged (a perpendicular line hides the ridge where it crosses) but ink gaps
    are not; a one-row dilation across lets a slightly tilted line step from row to row. The
    erosion by the run length leaves each run's middle, shorter by ``run_length - 1``.
    """
    bridge = np.ones((1, px(1.5, scale, least=3)), np.uint8)
    mask = cv2.bitwise_and(cv2.morphologyEx(ridges, cv2.MORPH_CLOSE, bridge), ink)
    mask = cv2.dilate(mask, np.ones((3, 1), np.uint8))
    return cv2.erode(mask, np.ones((1, run_length(scale, settings)), np.uint8))


def core_strokes(cores: np.ndarray, ridges: np.ndarray, run: int) -> list[Stroke]:
    """One stroke per connected core, grown back to its run's ends, with its ridge coverage."""
    out = []
    contours, _ = cv2.findContours(cores, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    for contour in contours:
        x, y, w, h = cv2.boundingRect(contour)
        x0, x1 = max(0, x - run // 2), min(cores.shape[1], x + w - 1 + run - run // 2)
        m = cv2.moments(cores[y : y + h, x : x + w], binaryImage=True)
        rows = m["m00"] / w  # the core's mean height; the tilt dilation added one row each side
        covered = float(ridges[y : y + h, x0:x1].any(axis=0).mean())
        centre = y + m["m01"] / m["m00"] + 0.5
        slope = m["mu11"] / m["mu20"] if m["mu20"] > 0 else 0.0
        slope = min(max(slope, -MAX_SLOPE), MAX_SLOPE)
        out.append(Stroke(float(x0), float(x1), centre, max(1.0, rows - 2.0), covered, slope))
    return out


def join_collinear(strokes: list[Stroke], gap: float, drift: float) -> list[Stroke]:
    """Join strokes on one line whose ends are within ``gap``.

    On one line means: where the second starts, the first, carried on along its slope, is
    within ``drift`` rows of it. Strokes are taken from left to right, so one that ends more
    than ``gap`` before the current start can join nothing more and is no longer tried.
    """
    out: list[Stroke] = []
    open_ids: list[int] = []  # indices into out of strokes that may still be joined, in order
    for s in sorted(strokes, key=lambda s: (s.x0, s.y)):
        open_ids = [k for k in open_ids if s.x0 - out[k].x1 <= gap]
        for k in open_ids:
            t = out[k]
            if abs(t.y_at(s.x0) - s.y_at(s.x0)) <= drift:
                out[k] = merge_strokes(t, s)
                break
        else:
            open_ids.append(len(out))
            out.append(s)
    return out


def merge_strokes(a: Stroke, b: Stroke) -> Stroke:
    """One stroke over two collinear ones; centre, slope and coverage weighted by length."""
    la, lb = a.length, b.length
    x0, x1 = min(a.x0, b.x0), max(a.x1, b.x1)
    middle = (x0 + x1) / 2
    inked = a.coverage * la + b.coverage * lb
    return Stroke(
        x0=x0,
        x1=x1,
        y=(a.y_at(middle) * la + b.y_at(middle) * lb) / (la + lb),
        thickness=max(a.thickness, b.thickness),
        coverage=min(1.0, inked / (x1 - x0)),
        slope=(a.slope * la + b.slope * lb) / (la + lb),
    )


def row_pairs(dark: np.ndarray) -> np.ndarray:
    """Each pixel plus the one above it (saturating).

    A thin line tilted slightly steps from row to row, and where it steps its darkness is
    split between two rows; summed in pairs, one row keeps it whole. Lines move down half a row.
    """
    return cv2.add(dark, shifted(dark, 1))


def line_strokes(dark: np.ndarray, scale: float, settings: ImageFeatureSettings) -> list[Stroke]:
    """Thin straight lines along the image rows, in pixels."""
    paired = row_pairs(dark)
    ridges = line_ridges(paired, scale, settings)
    cores = line_cores(ridges, ink_runs(paired, scale, settings), scale, settings)
    strokes = [
        replace(s, y=s.y - 0.5, thickness=max(1.0, s.thickness - 1.0))
        for s in core_strokes(cores, ridges, run_length(scale, settings))
    ]
    strokes = join_collinear(strokes, settings.line_gap / scale, max(2.0, 1.0 / scale))
    thin = settings.max_line_thickness / scale
    least = settings.min_line_length / scale
    edge = px(EDGE_MARGIN, scale)
    return [
        s
        for s in strokes
        if s.thickness <= thin
        and s.length >= least
        and s.coverage >= settings.line_coverage
        and edge <= s.y <= dark.shape[0] - edge
    ]


def drop_text_strokes(
    strokes: list[Stroke], boxes: Sequence[PixelBox], above: float = -TEXT_CORE
) -> list[Stroke]:
    """Drop strokes lying mostly through word boxes (``above`` their tops): glyph strokes."""
    kept = []
    for s in strokes:
        spans = [
            (max(s.x0, x0), min(s.x1, x1))
            for x0, y0, x1, y1 in boxes
            if y0 - above * (y1 - y0) < s.y < y1 - TEXT_CORE * (y1 - y0) and x0 < s.x1 and s.x0 < x1
        ]
        if covered_length(spans) < TEXT_SHARE * s.length:
            kept.append(s)
    return kept


def covered_length(spans: list[tuple[float, float]]) -> float:
    """Total length of the union of intervals."""
    total, end = 0.0, -np.inf
    for a, b in sorted(spans):
        if b <= end:
            continue
        total += b - max(a, end)
        end = b
    return float(total)


def word_boxes(words: Sequence[Word], scale: float, *, transposed: bool) -> list[PixelBox]:
    """Word boxes in pixels, in the working frame of horizontal (or transposed) search."""
    if transposed:
        return [(w.top / scale, w.x0 / scale, w.bottom / scale, w.x1 / scale) for w in words]
    return [(w.x0 / scale, w.top / scale, w.x1 / scale, w.bottom / scale) for w in words]


def stroke_ruling(s: Stroke, scale: float, *, transposed: bool) -> Ruling:
    """A stroke of the working frame as a Ruling in points (its box around the stroke)."""
    half = s.thickness / 2
    lo, hi = float((s.y - half) * scale), float((s.y + half) * scale)
    start, end = float(s.x0 * scale), float(s.x1 * scale)
    return Ruling(lo, start, hi, end) if transposed else Ruling(start, lo, end, hi)


def detect_rulings(
    dark: np.ndarray,
    scale: float,
    settings: ImageFeatureSettings,
    words: Sequence[Word] = (),
) -> list[Ruling]:
    """Horizontal and vertical rulings of a page from its ink darkness map, in points."""
    out: list[Ruling] = []
    for transposed in (False, True):
        img = cv2.transpose(dark) if transposed else dark
        strokes = line_strokes(img, scale, settings)
        boxes = word_boxes(words, scale, transposed=transposed)
        strokes = drop_text_strokes(strokes, boxes, -TEXT_CORE if transposed else TEXT_ABOVE)
        out += [stroke_ruling(s, scale, transposed=transposed) for s in strokes]
    out += fill_edges(dark, scale, settings)
    return sorted(out, key=lambda r: (not r.horizontal, r.top, r.x0))
