"""Which way is up, from text-line detection and a few recognised lines (no full-page OCR).

A detection-only pass gives the quads of the text lines. Their long axes say whether the lines
lie (the page is upright or upside down) or stand (it is turned a quarter), and their median
slope is the skew. The decision between the two remaining turns is made by recognising a small
sample of the longest lines both ways round: the right way reads with far higher confidence.
An engine with a text-line angle classifier (RapidOCR's) decides first from pieces of the same
lines, and the recognition vote is only needed when the classifier is not sure of them all.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import cv2
import numpy as np

from checkup2action.ocr.base import ImageInput, Quad
from checkup2action.ocr.pageprep import map_points, rotation_expanded, shrink, translation, warp

#: Longest side of the picture the orientation detector sees, in pixels (half the time of 1024,
#: and as many long lines found on 150–300 dpi pages).
DETECT_SIDE = 768
#: A line counts when its long side is this many times its short side, and this long (pixels).
MIN_ELONGATION = 3.0
MIN_LENGTH = 24.0
MIN_LINES = 3
#: Lines recognised both ways round to choose the turn, and the longest crop (× its height).
SAMPLE_LINES = 6
MAX_CROP_RATIO = 10.0
#: Lines lying level are read upside down only when that reads this much better.
UPSIDE_DOWN_MARGIN = 1.25
#: A sample read this confidently (mean, over at least this many characters) is not read the
#: other way round as well: upside-down text never reads so well.
SURE_CONFIDENCE = 0.97
SURE_CHARS = 40
#: The angle classifier decides alone when at least this many line pieces (of at most
#: ``PIECE_RATIO`` × their height, the shape it is trained on) were classified and the scores
#: for one turn outweigh those for the other this many times (it is unsure of, or wrong about,
#: a piece or two of most pages: a page number, a short code).
MIN_PIECES = 8
PIECE_RATIO = 4.0
CLASS_MARGIN = 4.0
#: The skew from the line quads is refined within this many degrees, to this step.
REFINE_SPAN = 2.0
REFINE_STEP = 0.01
MAX_INK_POINTS = 120_000


class CropReader(Protocol):
    """An engine that can find text lines without reading them, and read single-line crops."""

    def detect(self, image: ImageInput) -> list[Quad]:
        """Quads of the text lines of an image (pixels)."""
        ...

    def recognize_crops(self, crops: Sequence[ImageInput]) -> list[tuple[str, float]]:
        """Text and confidence of each one-line image."""
        ...


@dataclass(frozen=True, slots=True)
class TextAxis:
    """How the text lines of a picture run."""

    standing: bool  # lines run up or down the picture: it is turned a quarter
    skew: float  # degrees (clockwise) the lines slope once the quarter turn is undone
    lines: int  # how many long lines say so


@dataclass(frozen=True, slots=True)
class TurnVote:
    """The chosen quarter turn and how clearly the sample of lines chose it."""

    turn: int  # degrees clockwise that put the page upright (before levelling)
    margin: float  # score of the winner / score of the loser (inf when the loser read nothing)


def can_read_crops(engine: Any) -> bool:
    """Whether the engine offers detection-only and crop-recognition calls."""
    try:
        return callable(engine.detect) and callable(engine.recognize_crops)
    except AttributeError:
        return False


def detect_lines(engine: CropReader, image: np.ndarray) -> list[np.ndarray]:
    """Text-line quads (4×2, picture pixels) found on a shrunken copy of the picture."""
    small, factor = shrink(image, DETECT_SIDE)
    return [np.asarray(q, float) / factor for q in engine.detect(small)]


def line_axis(quad: np.ndarray) -> tuple[float, float, float]:
    """Direction of a quad's long side in degrees [0, 180), its length and its thickness."""
    a, b = quad[1] - quad[0], quad[2] - quad[1]
    la, lb = float(np.hypot(*a)), float(np.hypot(*b))
    long, length, thick = (a, la, lb) if la >= lb else (b, lb, la)
    return math.degrees(math.atan2(long[1], long[0])) % 180.0, length, thick


def is_long_line(length: float, thick: float) -> bool:
    """Whether a quad is long and thin enough for its direction to mean something."""
    return length >= MIN_LENGTH and length >= MIN_ELONGATION * max(thick, 1.0)


def text_axis(quads: Sequence[np.ndarray]) -> TextAxis | None:
    """Whether the long lines lie or stand (by total length) and their median slope; None if few."""
    axes = [a for a in map(line_axis, quads) if is_long_line(a[1], a[2])]
    if len(axes) < MIN_LINES:
        return None
    standing_len = sum(length for angle, length, _ in axes if 45 <= angle < 135)
    standing = standing_len > 0.5 * sum(length for _, length, _ in axes)
    slopes = [slope_from(angle, standing) for angle, _, _ in axes]
    slopes = [s for s in slopes if abs(s) <= 20]
    if len(slopes) < MIN_LINES:
        return None
    return TextAxis(standing=standing, skew=statistics.median(slopes), lines=len(slopes))


def slope_from(angle: float, standing: bool) -> float:
    """A line's slope in degrees from the lying (or standing) axis, in [-90, 90)."""
    off = angle - (90.0 if standing else 0.0)
    return (off + 90.0) % 180.0 - 90.0


def ink_points(image: np.ndarray) -> np.ndarray:
    """Coordinates (x, y) of the dark pixels of a shrunken copy (a fixed sample when many)."""
    small, _ = shrink(image, DETECT_SIDE)
    grey = cv2.cvtColor(np.ascontiguousarray(small), cv2.COLOR_RGB2GRAY)
    _, ink = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    ys, xs = np.nonzero(ink)
    points = np.c_[xs, ys].astype(np.float64)
    if len(points) > MAX_INK_POINTS:
        keep = np.random.default_rng(0).choice(len(points), MAX_INK_POINTS, replace=False)
        points = points[keep]
    return points


def profile_sharpness(points: np.ndarray, direction: float) -> float:
    """How sharply the ink piles up in rows running along ``direction`` (degrees, clockwise)."""
    t = math.radians(direction)
    across = points[:, 1] * math.cos(t) - points[:, 0] * math.sin(t)
    counts = np.bincount((across - across.min()).astype(np.int64))
    return float(np.dot(counts, counts))


def refine_skew(image: np.ndarray, axis: TextAxis) -> float:
    """The skew that makes the ink's row profile sharpest, searched near the quads' estimate."""
    points = ink_points(image)
    if len(points) < 100:
        return axis.skew
    base = 90.0 if axis.standing else 0.0
    best, step = axis.skew, 0.25
    span = REFINE_SPAN
    while step >= REFINE_STEP:
        angles = np.arange(best - span, best + span + step / 2, step)
        best = max(angles, key=lambda a: profile_sharpness(points, base + a))
        span, step = step, step / 5
    return float(best)


def sample_lines(quads: Sequence[np.ndarray], axis: TextAxis, count: int) -> list[np.ndarray]:
    """The longest lines that run along the text axis."""
    picked = []
    for quad in quads:
        angle, length, thick = line_axis(quad)
        if is_long_line(length, thick) and abs(slope_from(angle, axis.standing) - axis.skew) < 10:
            picked.append((length, quad))
    picked.sort(key=lambda p: -p[0])
    return [quad for _, quad in picked[:count]]


def line_crop(image: np.ndarray, quad: np.ndarray, to_frame: np.ndarray) -> np.ndarray | None:
    """The picture under a line quad as it looks in the frame ``to_frame`` carries it to."""
    pts = map_points(to_frame, quad)
    x0, y0 = np.floor(pts.min(axis=0))
    x1, y1 = np.ceil(pts.max(axis=0))
    height = y1 - y0
    width = min(x1 - x0, MAX_CROP_RATIO * height)
    if height < 4 or width < 4:
        return None
    return warp(image, translation(-x0, -y0) @ to_frame, (int(width), int(height)))


def read_score(readings: Sequence[tuple[str, float]]) -> float:
    """Confidence-weighted count of recognised characters."""
    return sum(score * len(text.strip()) for text, score in readings)


def reads_surely(readings: Sequence[tuple[str, float]]) -> bool:
    """Whether a sample read so confidently that its turn needs no comparison."""
    chars = sum(len(text.strip()) for text, _ in readings)
    return chars >= SURE_CHARS and read_score(readings) >= SURE_CONFIDENCE * chars


def line_pieces(crops: Sequence[np.ndarray], per_line: int = 2) -> list[np.ndarray]:
    """Up to ``per_line`` pieces of each line crop, each at most ``PIECE_RATIO`` × its height wide."""
    pieces = []
    for crop in crops:
        h, w = crop.shape[:2]
        width = int(PIECE_RATIO * h)
        starts = [0] if w <= width else [0, w - width][:per_line]
        pieces += [crop[:, x : x + width] for x in starts]
    return pieces


def classified_turn(engine: Any, crops: Sequence[np.ndarray]) -> TurnVote | None:
    """0 or 180 and its margin when the angle classifier clearly says so, else None."""
    classify = getattr(engine, "classify_turns", None)
    if not callable(classify):
        return None
    verdicts = classify(line_pieces(crops))
    if len(verdicts) < MIN_PIECES:
        return None
    weight = {0: 0.0, 180: 0.0}
    for turn, score in verdicts:
        weight[turn % 360] += score
    best = max(weight, key=lambda t: weight[t])
    margin = weight[best] / weight[180 - best] if weight[180 - best] > 0 else math.inf
    return TurnVote(turn=best, margin=margin) if margin >= CLASS_MARGIN else None


def vote_turn(
    engine: CropReader, image: np.ndarray, quads: Sequence[np.ndarray], axis: TextAxis
) -> TurnVote:
    """Keep the turn the angle classifier is sure of, else the one a sample of lines reads better."""
    first = 90 if axis.standing else 0
    h, w = image.shape[:2]
    to_frame, _ = rotation_expanded(w, h, first - axis.skew)
    crops = [line_crop(image, q, to_frame) for q in sample_lines(quads, axis, SAMPLE_LINES)]
    kept = [c for c in crops if c is not None]
    if not kept:
        return TurnVote(turn=first, margin=1.0)
    classified = classified_turn(engine, kept)
    if classified is not None:
        return TurnVote(turn=first + classified.turn, margin=classified.margin)
    readings = engine.recognize_crops(kept)
    if reads_surely(readings):
        return TurnVote(turn=first, margin=math.inf)
    upright = read_score(readings)
    flipped = read_score(
        engine.recognize_crops([np.ascontiguousarray(c[::-1, ::-1]) for c in kept])
    )
    need = 1.0 if axis.standing else UPSIDE_DOWN_MARGIN
    turn = first + 180 if flipped > need * upright else first
    best, worst = max(upright, flipped), min(upright, flipped)
    return TurnVote(turn=turn, margin=best / worst if worst > 0 else math.inf)
