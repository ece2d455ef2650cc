"""Lone flag stars the text detector passes over: a small ``*`` by itself beside a value.

Many labs mark a result outside its range with an asterisk in a narrow column of its own,
between the result and its unit. The asterisk is small (under half the height of the text) and
stands alone, so on a photo or a scan a text detector passes over it and the row loses its
printed flag. On the picture it is plain to see: one compact piece of ink about as wide as tall,
spokes around a centre (so it fills much less of its outline than a dot or a bullet does), no
hole (not a ``°`` or an ``o``), no other ink around it, in the upper half of a line of text and
right of a number on that line. Each one found becomes a word ``*`` on the line of that number
(one star to a number), so it joins that line as the text layer's ``*`` would.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

import cv2
import numpy as np

from checkup2action.ingestion.document import Word
from checkup2action.ocr.arrows import alone_but_rules
from checkup2action.ocr.dashes import InkComponents, ink_components, touches_a_word

Box = tuple[float, float, float, float]

#: A star is this tall, in heights of the text on its line ...
MIN_HEIGHT, MAX_HEIGHT = 0.25, 0.62
#: ... and this many times as wide as tall.
MIN_WIDTH, MAX_WIDTH = 0.7, 1.5
#: Its ink covers at most this share of its convex outline (a dot or a bullet covers ~0.9).
MAX_SOLIDITY = 0.8
#: ... and at least this share of its box (thin specks and hairlines cover less).
MIN_FILL = 0.3
#: Pieces of ink smaller than this many pixels across are too coarse to judge by shape.
MIN_PIXELS = 6
#: Its centre lies between the top of the number's line and this share of the number's height
#: below its middle (an asterisk is printed high, a ``+`` or a dash at the middle).
BELOW_MIDDLE = 0.05
#: The number it follows is at most this many text heights to its left.
MAX_GAP = 8.0
#: A blob too blurred to tell by shape is a star in a column (centres this many text heights
#: apart) with at least this many stars told by shape.
COLUMN, MIN_COLUMN = 0.5, 2

#: What a recovered star is trusted as (OCR words carry the recogniser's confidence).
STAR_CONFIDENCE = 0.5


def lone_stars(
    dark: np.ndarray, words: Sequence[Word], scale: float, pieces: InkComponents | None = None
) -> list[Word]:
    """Words ``*`` for the lone stars of a page picture (``dark``: ink darkness, 0 on paper;
    ``scale``: points per pixel; ``words``: what OCR read, in points)."""
    if len(words) < 5:
        return []
    text_h = statistics.median(w.height for w in words) / scale
    if text_h * MAX_HEIGHT < MIN_PIXELS:
        return []
    pieces = pieces or ink_components(dark)
    shaped: list[tuple[Box, Word]] = []
    blobs: list[tuple[Box, Word]] = []
    for k in _star_sized(pieces.stats, text_h):
        x, y, w, h, _area = (int(v) for v in pieces.stats[k])
        box = (x * scale, y * scale, (x + w) * scale, (y + h) * scale)
        if touches_a_word(box, words):
            continue
        number = _number_before(box, words)
        if number is None or not alone_but_rules(pieces.labels, pieces.stats, k, text_h):
            continue
        mask = pieces.labels[y : y + h, x : x + w] == k
        if not _has_hole(mask):
            (shaped if _spoked(mask) else blobs).append((box, number))
    return _one_to_a_number(shaped + _in_star_columns(blobs, shaped, text_h * scale), words)


def _in_star_columns(
    blobs: list[tuple[Box, Word]], stars: list[tuple[Box, Word]], text_h: float
) -> list[tuple[Box, Word]]:
    """The blobs (star-sized, alone, after a number, but blurred past telling by shape) that
    stand in a column of stars told by shape: a scan's stars are printed in one column."""
    centres = [(b[0] + b[2]) / 2 for b, _ in stars]
    return [
        (box, number)
        for box, number in blobs
        if sum(abs((box[0] + box[2]) / 2 - c) <= COLUMN * text_h for c in centres) >= MIN_COLUMN
    ]


def _star_sized(stats: np.ndarray, text_h: float) -> list[int]:
    """Pieces of ink sized like a star (the background left out)."""
    w, h = stats[:, 2].astype(float), stats[:, 3].astype(float)
    sized = (h >= max(MIN_PIXELS, MIN_HEIGHT * text_h)) & (h <= MAX_HEIGHT * text_h)
    sized &= (w >= MIN_WIDTH * h) & (w <= MAX_WIDTH * h)
    sized[0] = False
    return [int(k) for k in np.flatnonzero(sized)]


def star_shaped(mask: np.ndarray) -> bool:
    """Whether one piece of ink is spokes around a centre: no hole (a ring: ``o``, ``°``), a box
    it fills in part and a convex outline it fills much less than a solid blob would."""
    return not _has_hole(mask) and _spoked(mask)


def _spoked(mask: np.ndarray) -> bool:
    """Whether a piece of ink fills its box in part (not a speck) and much less of its convex
    outline than a solid blob would (the hole left unasked)."""
    ink = mask.astype(np.uint8)
    area = int(ink.sum())
    if area < MIN_FILL * ink.size:
        return False
    contours, _ = cv2.findContours(ink, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    hull = cv2.convexHull(np.vstack(contours))
    outline = _filled_area(hull, mask.shape)
    return outline > 0 and area <= MAX_SOLIDITY * outline


def _has_hole(mask: np.ndarray) -> bool:
    """Whether a piece of ink encloses paper (a ring, not spokes)."""
    _, hierarchy = cv2.findContours(mask.astype(np.uint8), cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    return hierarchy is not None and bool((hierarchy[0][:, 3] >= 0).any())


def _filled_area(hull: np.ndarray, shape: tuple[int, ...]) -> int:
    """Pixels inside a convex outline, counted as the mask's own pixels are."""
    canvas = np.zeros(shape[:2], dtype=np.uint8)
    cv2.fillConvexPoly(canvas, hull, 1)
    return int(canvas.sum())


def _number_before(box: Box, words: Sequence[Word]) -> Word | None:
    """The nearest word left of the star on its line, when it is a number and the star sits in
    the upper half of that line."""
    yc = (box[1] + box[3]) / 2
    level = [w for w in words if w.top <= yc <= w.yc + BELOW_MIDDLE * w.height]
    left = [w for w in level if w.x1 <= box[0] and box[0] - w.x1 <= MAX_GAP * w.height]
    if not left:
        return None
    nearest = max(left, key=lambda w: w.x1)
    return nearest if any(c.isdigit() for c in nearest.text) else None


def _one_to_a_number(found: list[tuple[Box, Word]], words: Sequence[Word]) -> list[Word]:
    """A word ``*`` per number flagged, as tall as the number (a star OCR read already, right
    of that number on its line, keeps it from taking another)."""
    read_stars = [w for w in words if w.text.strip() == "*"]
    before = (_number_before((w.x0, w.top, w.x1, w.bottom), words) for w in read_stars)
    read = {id(n) for n in before if n is not None}
    out: list[Word] = []
    for box, number in sorted(found, key=lambda f: f[0][0] - f[1].x1):
        if id(number) in read:
            continue
        read.add(id(number))
        out.append(
            Word("*", box[0], number.top, box[2], number.bottom, page=number.page,
                 size=number.height, confidence=STAR_CONFIDENCE)
        )  # fmt: skip
    return out
