"""Red words the text detector passed over: read again from the red ink alone.

Reports print abnormal results and their flags in red. When such a word crosses a watermark, a
stamp or a grey fill, the detector can take the mixed ink for background and pass over it, so a
row loses its printed ``HIGH`` or its value. The red ink itself is easy to tell from the grey
that hides it: each red blob the words read so far do not cover, sized like the page's text and
standing in a line of words (after a test's name, not alone like a logo), is drawn alone (black
on white, nothing else) and read by the recogniser, with no detection.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from typing import Any

import cv2
import numpy as np

from checkup2action.ingestion.document import Word
from checkup2action.ocr.arrows import arrow_direction

#: A pixel is red when its red channel exceeds both others by this much (0–255) and this many
#: times (dark red ink over a grey watermark keeps the ratio, not the margin) ...
RED_MARGIN, RED_RATIO = 30, 1.5
#: ... and the other two stay below this (not a light pink tint of the paper).
MAX_GREEN_BLUE = 170
#: A red blob is read when it stands this tall, in heights of the page's text ...
MIN_HEIGHT, MAX_HEIGHT = 0.7, 1.8
#: ... and holds at least this many red pixels.
MIN_PIXELS = 25
#: Letters ink this share of their blob's box: less is scattered specks, more a filled mark.
MIN_INK_SHARE, MAX_INK_SHARE = 0.1, 0.6
#: A blob less covered than this by the words already read was passed over.
MAX_COVERED = 0.3
#: A reading is kept when the recogniser is at least this sure of it.
MIN_SCORE = 0.8
#: At most this many blobs are read on a page (a red-printed page is read by the detector).
MAX_BLOBS = 12


def red_mask(rgb: np.ndarray) -> np.ndarray:
    """Where the picture's ink is red (uint8 0/255)."""
    r, g, b = (rgb[:, :, k].astype(np.int16) for k in range(3))
    other = np.maximum(g, b)
    red = (r - other >= RED_MARGIN) & (r >= RED_RATIO * other) & (other <= MAX_GREEN_BLUE)
    return red.astype(np.uint8) * 255


def unread_red_words(
    engine: Any, rgb: np.ndarray, words: Sequence[Word], scale: float
) -> list[Word]:
    """Words read from red ink no word covers (``scale``: points per pixel; ``words`` in
    points); empty when the engine cannot read crops or the page has no such ink."""
    if len(words) < 5 or not hasattr(engine, "recognize_crops"):
        return []
    text_h = statistics.median(w.height for w in words) / scale
    mask = red_mask(rgb)
    if int(np.count_nonzero(mask)) < MIN_PIXELS:
        return []
    blobs = _blobs(mask, text_h, words, scale)[:MAX_BLOBS]
    if not blobs:
        return []
    crops = [_crop(mask, box, text_h) for box in blobs]
    found = []
    for (x, y, w, h), (text, score) in zip(blobs, engine.recognize_crops(crops), strict=True):
        text = text.strip()
        if text and score >= MIN_SCORE:
            found.append(
                Word(text, x * scale, y * scale, (x + w) * scale, (y + h) * scale,
                     page=words[0].page, size=h * scale, confidence=score)
            )  # fmt: skip
    return found


def _blobs(
    mask: np.ndarray, text_h: float, words: Sequence[Word], scale: float
) -> list[tuple[int, int, int, int]]:
    """Boxes (x, y, w, h pixels) of word-sized red blobs the words do not cover."""
    gap = max(1, round(0.5 * text_h))
    joined = cv2.dilate(mask, np.ones((1, gap), np.uint8))  # letters of a word into one blob
    count, _labels, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    out = []
    for k in range(1, count):
        x, y, w, h, _ = (int(v) for v in stats[k])
        if not (MIN_HEIGHT * text_h <= h <= MAX_HEIGHT * text_h) or w < 0.8 * h:
            continue
        inked = int(np.count_nonzero(mask[y : y + h, x : x + w]))
        if inked < MIN_PIXELS or not MIN_INK_SHARE <= inked / (w * h) <= MAX_INK_SHARE:
            continue  # a speck, or a filled mark (a red box, a highlight) rather than letters
        if arrow_direction(mask[y : y + h, x : x + w] > 0) is not None:
            continue  # a red arrow: the arrow finder reads it (the recogniser reads ↑ as 1)
        box = (x * scale, y * scale, (x + w) * scale, (y + h) * scale)
        if _covered_share(box, words) > MAX_COVERED or not _in_a_row(box, words):
            continue
        out.append((x, y, w, h))
    return out


def _in_a_row(box: tuple[float, float, float, float], words: Sequence[Word]) -> bool:
    """Whether a word read on the same line stands left of the box (a result or flag follows
    its test's name; a logo or stamp stands alone)."""
    yc = (box[1] + box[3]) / 2
    return any(w.x1 <= box[0] and abs(w.yc - yc) <= 0.5 * w.height for w in words)


def _covered_share(box: tuple[float, float, float, float], words: Sequence[Word]) -> float:
    """The share of a box's area that words cover (overlaps added, at most 1)."""
    x0, top, x1, bottom = box
    area = max(1e-6, (x1 - x0) * (bottom - top))
    shared = sum(
        max(0.0, min(x1, w.x1) - max(x0, w.x0)) * max(0.0, min(bottom, w.bottom) - max(top, w.top))
        for w in words
    )
    return min(1.0, shared / area)


def _crop(mask: np.ndarray, box: tuple[int, int, int, int], text_h: float) -> np.ndarray:
    """The blob's red ink alone, black on white, with a margin (RGB)."""
    x, y, w, h = box
    pad = max(2, round(0.3 * text_h))
    y0, y1 = max(0, y - pad), min(mask.shape[0], y + h + pad)
    x0, x1 = max(0, x - pad), min(mask.shape[1], x + w + pad)
    ink = 255 - mask[y0:y1, x0:x1]
    return np.dstack([ink, ink, ink])
