"""Page preparation for OCR: find which way is up (0/90/180/270) and level skewed text lines.

Orientation is an OCR-confidence vote: a page whose text lines stand upright is read turned both
ways; a page read with low confidence is also read upside down; the reading with the most
confident text wins. Skew is the median slope of the long text lines; the lines are turned level
(their coordinates, not the pixels), and the page remembers the angle to map boxes back.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, replace
from typing import Any

from checkup2action.geometry import rotate_point
from checkup2action.ocr.base import OcrEngine, OcrLine, Quad

UPRIGHT_CONFIDENCE = 0.9
MIN_SKEW = 0.3
MIN_LINES_FOR_SKEW = 5


@dataclass(slots=True)
class Upright:
    """An OCR reading of a page turned upright and levelled."""

    lines: list[OcrLine]
    turn: int  # degrees the picture was turned clockwise before reading
    skew: float  # degrees the lines were turned to level them
    size: tuple[int, int]  # pixels of the turned picture


def text_score(lines: list[OcrLine]) -> float:
    """Confidence-weighted count of recognised characters."""
    return sum((line.confidence or 0.0) * len(line.text.strip()) for line in lines)


def mean_confidence(lines: list[OcrLine]) -> float:
    """Character-weighted mean confidence (0 when nothing was read)."""
    chars = sum(len(line.text.strip()) for line in lines)
    return text_score(lines) / chars if chars else 0.0


def standing_share(lines: list[OcrLine]) -> float:
    """Share of text lines taller than wide: text that runs up or down the picture."""
    boxes = [line.box for line in lines if len(line.text.strip()) >= 3]
    if not boxes:
        return 0.0
    return sum(1 for x0, top, x1, bottom in boxes if bottom - top > 1.5 * (x1 - x0)) / len(boxes)


def turned(image: Any, degrees: int) -> Any:
    """The picture turned clockwise by a multiple of 90 degrees."""
    return image if degrees == 0 else image.rotate(-degrees, expand=True)


def read_upright(engine: OcrEngine, image: Any) -> Upright:
    """Read a page picture the right way up and with its lines levelled."""
    first = engine.recognize(image)
    candidates: list[int] = []
    if standing_share(first) > 0.5:
        candidates = [90, 270]
    elif mean_confidence(first) < UPRIGHT_CONFIDENCE:
        candidates = [180]
    best, best_turn = first, 0
    for degrees in candidates:
        lines = engine.recognize(turned(image, degrees))
        if text_score(lines) > text_score(best) * (
            1.0 if best_turn or candidates == [90, 270] else 1.15
        ):
            best, best_turn = lines, degrees
    size = turned(image, best_turn).size
    skew = skew_of(best)
    if abs(skew) >= MIN_SKEW:
        best = level_lines(best, skew, size[0] / 2, size[1] / 2)
    else:
        skew = 0.0
    return Upright(lines=best, turn=best_turn, skew=skew, size=size)


def line_slope(line: OcrLine) -> float | None:
    """Slope of a long line's top edge in degrees (None for short or tall boxes)."""
    (x0, y0), (x1, y1) = line.quad[0], line.quad[1]
    width = math.hypot(x1 - x0, y1 - y0)
    _, top, _, bottom = line.box
    if width < 3 * (bottom - top) or width < 40:
        return None
    return math.degrees(math.atan2(y1 - y0, x1 - x0))


def skew_of(lines: list[OcrLine]) -> float:
    """Median slope of the long lines, 0 when too few lines say."""
    slopes = [s for line in lines if (s := line_slope(line)) is not None and abs(s) < 20]
    return statistics.median(slopes) if len(slopes) >= MIN_LINES_FOR_SKEW else 0.0


def _turn_quad(quad: Quad, degrees: float, cx: float, cy: float) -> Quad:
    """A quad turned about (cx, cy)."""
    return tuple(rotate_point(x, y, degrees, cx, cy) for x, y in quad)  # type: ignore[return-value]


def level_lines(lines: list[OcrLine], skew: float, cx: float, cy: float) -> list[OcrLine]:
    """Lines (and their word boxes) turned by -skew about the picture centre."""
    out = []
    for line in lines:
        words = tuple(replace(w, quad=_turn_quad(w.quad, -skew, cx, cy)) for w in line.words)
        out.append(replace(line, quad=_turn_quad(line.quad, -skew, cx, cy), words=words))
    return out
