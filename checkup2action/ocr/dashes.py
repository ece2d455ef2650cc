"""Lone dashes the text detector passes over: a ``-`` by itself in a result cell.

Chinese urine reports print ``-`` for a negative result, many tables print it for "not done".
A text detector looks for text-like blobs and passes over a short stroke standing alone, so
the cell reads empty and its row loses its result. On the picture such a dash is plain to see:
one short, flat, solid stroke of ink, no other ink around it, level with a line of text. Each
one found becomes a word ``-`` (its box as tall as the text of its line, so it joins that line).
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from checkup2action.ingestion.document import Word

#: Ink darker than the paper by this much (0–255) counts.
INK_LEVEL = 60
#: A dash is this long, in heights of the page's text ...
MIN_LENGTH, MAX_LENGTH = 0.3, 1.4
#: ... at most this thick (in text heights), and this many times longer than thick.
MAX_THICKNESS, MIN_ASPECT = 0.22, 2.5
#: No other ink within this many text heights around it.
CLEAR = 0.6
#: A dash's centre lies within this share of a word's height from the word's centre.
MIDDLE = 0.25
#: What a recovered dash is trusted as (OCR words carry the recogniser's confidence).
DASH_CONFIDENCE = 0.5


@dataclass(frozen=True, slots=True)
class InkComponents:
    """The page's ink (0/255) and its connected pieces, found once for dashes and arrows."""

    ink: np.ndarray
    count: int
    labels: np.ndarray
    stats: np.ndarray


def ink_components(dark: np.ndarray) -> InkComponents:
    """The ink of an ink-darkness map and its 8-connected pieces."""
    _, ink = cv2.threshold(dark, INK_LEVEL, 255, cv2.THRESH_BINARY)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    return InkComponents(ink, count, labels, stats)


def lone_dashes(
    dark: np.ndarray, words: Sequence[Word], scale: float, pieces: InkComponents | None = None
) -> list[Word]:
    """Words ``-`` for the lone dashes of a page picture (``dark``: ink darkness, 0 on paper;
    ``scale``: points per pixel; ``words``: what OCR read, in points); strokes that line up
    with two others at one height are the pieces of a broken rule, none of them a dash."""
    found = _dash_words(pieces or ink_components(dark), words, scale)
    found = [d for d in found if sum(abs(o.yc - d.yc) <= 0.15 * d.height for o in found) < 3]
    return found + faint_dashes(dark, words, scale, found)


#: Ink this much darker than the paper counts for a faint dash in a column of dashes.
FAINT_INK_LEVEL = 30
#: Dashes already found that make a column where a faint one is looked for.
MIN_COLUMN_DASHES = 2


def faint_dashes(
    dark: np.ndarray, words: Sequence[Word], scale: float, found: Sequence[Word]
) -> list[Word]:
    """Dashes printed fainter than the ink level (a ribbon running dry, a photo's glare) that
    stand in the column of at least two dashes found, on a line of their own."""
    if len(found) < MIN_COLUMN_DASHES:
        return []
    _, ink = cv2.threshold(dark, FAINT_INK_LEVEL, 255, cv2.THRESH_BINARY)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    known = [*words, *found]
    faint = _dash_words(InkComponents(ink, count, labels, stats), known, scale)
    return [d for d in faint if _in_column(d, found) and not _level_with_any(d, found)]


def _in_column(dash: Word, column: Sequence[Word], least: int = MIN_COLUMN_DASHES) -> bool:
    """Whether a dash stands under or over at least ``least`` of ``column`` (itself included
    when it is one of them)."""
    return sum(o.x0 < dash.x1 and dash.x0 < o.x1 for o in column) >= least


def _level_with_any(dash: Word, others: Sequence[Word]) -> bool:
    """Whether a dash shares its line with one already found."""
    return any(abs(o.yc - dash.yc) <= 0.5 * dash.height for o in others)


def _dash_words(pieces: InkComponents, words: Sequence[Word], scale: float) -> list[Word]:
    """Every dash-shaped stroke, alone, level with the middle of a line of text, as a word."""
    if len(words) < 5:
        return []
    text_h = statistics.median(w.height for w in words) / scale
    if text_h < 6:
        return []
    ink, count, labels, stats = pieces.ink, pieces.count, pieces.labels, pieces.stats
    found: list[Word] = []
    ending: list[Word] = []  # dashes that end their line: kept only in a column of such
    for k in range(1, count):
        x, y, w, h, area = (int(v) for v in stats[k])
        if not _dash_shaped(w, h, area, text_h):
            continue
        box = (x * scale, y * scale, (x + w) * scale, (y + h) * scale)
        if touches_a_word(box, words) or not _alone(ink, labels, k, (x, y, w, h), text_h):
            continue
        line = _line_level(box, words)
        place = None if line is None else _apart(box, words, line)
        if line is None or place is None:
            continue
        yc = (box[1] + box[3]) / 2
        half = line / 2
        dash = Word("-", box[0], yc - half, box[2], yc + half, page=words[0].page, size=line,
                    confidence=DASH_CONFIDENCE)  # fmt: skip
        (found if place == "between" else ending).append(dash)
    return found + [d for d in ending if _in_column(d, ending, MIN_ENDING_COLUMN)]


#: Dashes that end their lines count when this many stand in one column (the last column of a
#: table: ``-`` for a range of a negative result), never one alone (a mark at a line's end).
MIN_ENDING_COLUMN = 3


def _dash_shaped(w: int, h: int, area: int, text_h: float) -> bool:
    """A short, flat, solid stroke."""
    if not (MIN_LENGTH * text_h <= w <= MAX_LENGTH * text_h):
        return False
    return h <= max(2.0, MAX_THICKNESS * text_h) and w >= MIN_ASPECT * h and area >= 0.6 * w * h


def touches_a_word(box: tuple[float, float, float, float], words: Sequence[Word]) -> bool:
    """Whether a box touches a word OCR read (a dash inside ``0-2`` or ``--`` is read already)."""
    x0, top, x1, bottom = box
    return any(w.x0 - 2 < x1 and x0 < w.x1 + 2 and w.top - 2 < bottom and top < w.bottom + 2
               for w in words)  # fmt: skip


def _alone(ink: np.ndarray, labels: np.ndarray, k: int, rect: tuple, text_h: float) -> bool:
    """Whether nothing else is inked around the component (not a piece of a glyph or rule)."""
    x, y, w, h = rect
    pad_x, pad_y = round(CLEAR * text_h), round(CLEAR * text_h)
    y0, y1 = max(0, y - pad_y), min(ink.shape[0], y + h + pad_y)
    x0, x1 = max(0, x - pad_x), min(ink.shape[1], x + w + pad_x)
    window = ink[y0:y1, x0:x1] > 0
    other = window & (labels[y0:y1, x0:x1] != k)
    return int(other.sum()) <= max(2, 0.01 * other.size)


def _apart(box: tuple[float, float, float, float], words: Sequence[Word], em: float) -> str | None:
    """``between`` when the dash stands between words of its line, an em from each (a cell of a
    table row); ``end`` when it ends its line, an em from the words before it; else None."""
    yc = (box[1] + box[3]) / 2
    row = [w for w in words if w.top <= yc <= w.bottom]
    left = [box[0] - w.x1 for w in row if w.x1 <= box[0] + 1]
    right = [w.x0 - box[2] for w in row if w.x0 >= box[2] - 1]
    if not left or not all(gap >= em for gap in left + right):
        return None
    return "between" if right else "end"


def _line_level(box: tuple[float, float, float, float], words: Sequence[Word]) -> float | None:
    """The height of the text the dash stands level with (a word on the page whose middle holds
    the dash's centre, as a dash sits at the middle of its line); None when there is none."""
    yc = (box[1] + box[3]) / 2
    level = [w.height for w in words if abs(yc - w.yc) <= MIDDLE * w.height]
    return statistics.median(level) if level else None
