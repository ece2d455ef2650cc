"""Lone flag arrows the text detector passes over: ``↑`` or ``↓`` by itself beside a value.

Chinese lab slips print a thin arrow in a narrow column of its own right of the result. A text
detector looks for text-like blobs and often passes over such a lone, narrow mark, so the row
loses its printed flag (and a curled photo then takes the flag from a neighbour's range). On
the picture the arrow is plain to see: one thin upright stroke as tall as the text, with a
head at one end that narrows to a point and spreads to both sides of the stroke, no other ink
around it, level with a line of text and right of a word of that line. Each one found becomes a
word ``↑`` or ``↓`` on the line of the value it follows (one arrow to a value), so it joins that
line.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

import numpy as np

from checkup2action.ingestion.document import Word
from checkup2action.ocr.dashes import CLEAR, InkComponents, ink_components, touches_a_word

#: An arrow is this tall, in heights of the page's text ...
MIN_HEIGHT, MAX_HEIGHT = 0.55, 1.5
#: ... and at most this share of its height wide (at least this share: a bare stroke is a rule).
MAX_WIDTH, MIN_WIDTH = 0.7, 0.18
#: The head's widest row is at least this many times the shaft's width ...
HEAD_SPREAD = 2.0
#: ... and its very end narrows to at most this share of that width (a point, not a serif).
TIP_SHARE = 0.65
#: The head reaches at least this share of its half-width on each side of the shaft.
SIDE_SHARE = 0.3
#: The arrow's centre lies within this share of a word's height from the word's centre.
LEVEL = 0.6
#: What a recovered arrow is trusted as (OCR words carry the recogniser's confidence).
ARROW_CONFIDENCE = 0.5


def lone_arrows(
    dark: np.ndarray, words: Sequence[Word], scale: float, pieces: InkComponents | None = None
) -> list[Word]:
    """Words ``↑`` / ``↓`` for the lone arrows of a page picture (``dark``: ink darkness, 0 on
    paper; ``scale``: points per pixel; ``words``: what OCR read, in points)."""
    if len(words) < 5:
        return []
    text_h = statistics.median(w.height for w in words) / scale
    if text_h < 8:
        return []
    pieces = pieces or ink_components(dark)
    labels, stats = pieces.labels, pieces.stats
    arrows: list[tuple[str, Box]] = []
    for k in _arrow_sized(stats, text_h, _word_raster(labels.shape, words, scale)):
        x, y, w, h, _area = (int(v) for v in stats[k])
        arrow = arrow_direction(labels[y : y + h, x : x + w] == k)
        if arrow is None:
            continue
        box = (x * scale, y * scale, (x + w) * scale, (y + h) * scale)
        if not touches_a_word(box, words) and alone_but_rules(labels, stats, k, text_h):
            arrows.append((arrow, box))
    return [
        Word(arrow, box[0], flagged.top, box[2], flagged.bottom, page=words[0].page,
             size=flagged.height, confidence=ARROW_CONFIDENCE)
        for arrow, box, flagged in _assign(arrows, words)
    ]  # fmt: skip


Box = tuple[float, float, float, float]


def _word_raster(shape: tuple[int, ...], words: Sequence[Word], scale: float) -> np.ndarray:
    """Where the words OCR read lie on the picture (pixels), to pass over their glyphs fast."""
    inside = np.zeros(shape[:2], dtype=bool)
    for w in words:
        x0, y0 = max(0, int(w.x0 / scale)), max(0, int(w.top / scale))
        inside[y0 : int(np.ceil(w.bottom / scale)), x0 : int(np.ceil(w.x1 / scale))] = True
    return inside


def _arrow_sized(stats: np.ndarray, text_h: float, in_words: np.ndarray) -> list[int]:
    """Pieces of ink sized and shaped like an arrow whose middle no read word covers."""
    x, y, w, h = (stats[:, i].astype(float) for i in range(4))
    sized = (h >= MIN_HEIGHT * text_h) & (h <= MAX_HEIGHT * text_h)
    sized &= (w >= MIN_WIDTH * h) & (w <= MAX_WIDTH * h)
    sized[0] = False  # the background
    ks = np.flatnonzero(sized)
    cy = np.minimum((y[ks] + h[ks] / 2).astype(int), in_words.shape[0] - 1)
    cx = np.minimum((x[ks] + w[ks] / 2).astype(int), in_words.shape[1] - 1)
    return [int(k) for k in ks[~in_words[cy, cx]]]


def _assign(arrows: list[tuple[str, Box]], words: Sequence[Word]) -> list[tuple[str, Box, Word]]:
    """Each arrow with the word it flags, one arrow to a word: a word an arrow OCR read already
    follows takes no other, and the arrows nearest their words choose first (on a curled photo
    an arrow between two stacked values goes to the one no other arrow takes)."""
    taken = set()
    for w in words:
        if w.text.strip() in ("↑", "↓"):
            read = _candidates((w.x0, w.top, w.x1, w.bottom), words)
            if read:
                taken.add(id(read[0][1]))
    options = [(arrow, box, _candidates(box, words)) for arrow, box in arrows]
    options.sort(key=lambda o: o[2][0][0] if o[2] else float("inf"))
    out = []
    for arrow, box, candidates in options:
        free = [w for _, w in candidates if id(w) not in taken]
        if free:
            taken.add(id(free[0]))
            out.append((arrow, box, free[0]))
    return out


def arrow_direction(mask: np.ndarray) -> str | None:
    """``↑`` or ``↓`` when a component's mask is an upright arrow, else None."""
    rows = [np.flatnonzero(r) for r in mask]
    if any(len(r) == 0 for r in rows):
        return None  # broken in two: not one stroke
    spans = np.array([r[-1] - r[0] + 1 for r in rows], dtype=float)
    h = len(rows)
    third = max(2, h // 3)
    shaft = float(np.median(spans[third : h - third])) if h - 2 * third > 0 else float(spans.min())
    centre = float(np.median([(r[0] + r[-1]) / 2 for r in rows[third : h - third] or rows]))
    for name, head in (("↑", range(0, third)), ("↓", range(h - 1, h - 1 - third, -1))):
        if _is_head(rows, spans, list(head), shaft, centre):
            other = range(h - third, h) if name == "↑" else range(0, third)
            if max(spans[i] for i in other) <= 1.5 * max(shaft, 1.0):
                return name
    return None


def _is_head(
    rows: list[np.ndarray], spans: np.ndarray, head: list[int], shaft: float, centre: float
) -> bool:
    """Whether the rows ``head`` (from the arrow's end inward) spread out from a point to both
    sides of the shaft."""
    widest = max(head, key=lambda i: spans[i])
    if spans[widest] < HEAD_SPREAD * max(shaft, 1.0):
        return False
    tip = head[: max(1, len(head) // 4)]
    if max(spans[i] for i in tip) > TIP_SHARE * spans[widest]:
        return False
    half = spans[widest] / 2
    left, right = centre - rows[widest][0], rows[widest][-1] - centre
    return min(left, right) >= SIDE_SHARE * half


#: Ink of a component this many text heights long or more is a rule, which may pass near an arrow.
RULE_LENGTH = 4.0


def alone_but_rules(labels: np.ndarray, stats: np.ndarray, k: int, text_h: float) -> bool:
    """Whether nothing but rules is inked around component ``k`` (not a piece of a glyph)."""
    x, y, w, h = (int(v) for v in stats[k][:4])
    pad = round(CLEAR * text_h)
    y0, y1 = max(0, y - pad), min(labels.shape[0], y + h + pad)
    x0, x1 = max(0, x - pad), min(labels.shape[1], x + w + pad)
    window = labels[y0:y1, x0:x1]
    others = [j for j in np.unique(window) if j not in (0, k)]
    rules = {j for j in others if max(stats[j][2], stats[j][3]) >= RULE_LENGTH * text_h}
    stray = np.isin(window, [j for j in others if j not in rules])
    return int(stray.sum()) <= max(2, 0.01 * window.size)


def _candidates(box: Box, words: Sequence[Word]) -> list[tuple[float, Word]]:
    """The words an arrow may follow, nearest first: left of it and level with it (on a curled
    photo an arrow can sit a little below its value, whose line it then takes)."""
    yc = (box[1] + box[3]) / 2
    left = [w for w in words if abs(yc - w.yc) <= LEVEL * w.height and w.x1 <= box[0]]
    costs = [((box[0] - w.x1) + DRIFT_WEIGHT * abs(yc - w.yc), w) for w in left]
    return sorted(costs, key=lambda c: c[0])


#: Choosing the flagged word, a point of height between arrow and word weighs this many points
#: of width (two values stacked in one column are equally near the arrow across).
DRIFT_WEIGHT = 3.0
