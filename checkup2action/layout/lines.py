"""Group words into text lines and lines into segments separated by wide gaps."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise

from checkup2action.geometry import Box
from checkup2action.ingestion.document import Word, char_edges

SEGMENT_GAP_EM = 0.9


@dataclass(slots=True)
class Segment:
    """Consecutive words of a line with no wide gap between them."""

    words: list[Word]

    @property
    def text(self) -> str:
        """Words joined by single spaces (CJK neighbours joined without one)."""
        return join_words(self.words)

    @property
    def x0(self) -> float:
        """Left edge."""
        return self.words[0].x0

    @property
    def x1(self) -> float:
        """Right edge."""
        return max(w.x1 for w in self.words)

    @property
    def top(self) -> float:
        """Top edge."""
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        """Bottom edge."""
        return max(w.bottom for w in self.words)


@dataclass(slots=True)
class TextLine:
    """Words sharing a baseline band, left to right."""

    words: list[Word]
    segments: list[Segment] = field(default_factory=list)

    @property
    def top(self) -> float:
        """Top edge."""
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        """Bottom edge."""
        return max(w.bottom for w in self.words)

    @property
    def x0(self) -> float:
        """Left edge."""
        return self.words[0].x0

    @property
    def x1(self) -> float:
        """Right edge."""
        return max(w.x1 for w in self.words)

    @property
    def text(self) -> str:
        """Segments joined by two spaces."""
        return "  ".join(s.text for s in self.segments)

    @property
    def height(self) -> float:
        """Median word height."""
        return statistics.median(w.height for w in self.words)


def is_cjk(ch: str) -> bool:
    """Whether a character is a CJK ideograph or CJK punctuation."""
    code = ord(ch)
    return 0x3000 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF


def join_words(words: list[Word]) -> str:
    """Join words with spaces, except between two CJK characters."""
    out = ""
    for w in words:
        if out and not (is_cjk(out[-1]) and is_cjk(w.text[0])):
            out += " "
        out += w.text
    return out


def line_of(words: list[Word]) -> TextLine:
    """A text line of these words, left to right, cut into its segments (a line pieced together
    from other lines' words)."""
    ordered = sorted(words, key=lambda w: w.x0)
    return TextLine(words=ordered, segments=split_segments(ordered))


def cluster_lines(words: list[Word], *, follow_slope: bool = True) -> list[TextLine]:
    """Group words into lines by vertical-centre proximity, sorted top to bottom; on pages read
    by OCR each row's own slope is followed (see :func:`row_slopes`) unless ``follow_slope`` is
    false."""
    lines = [TextLine(words=group) for group in group_lines(words, follow_slope=follow_slope)]
    for line in lines:
        line.segments = split_segments(line.words)
    return lines


def group_lines(words: list[Word], *, follow_slope: bool = True) -> list[list[Word]]:
    """Words in lines by vertical-centre proximity, top to bottom, each line left to right.

    Rows of a photographed sheet slope and bend a little (a curled page, perspective left after
    flattening): where the page's own word pairs show a consistent slope, words are grouped by
    their centre moved back along that slope (:func:`row_slopes`), so a value far right of its
    name still meets it.
    """
    groups = _group_by(words, lambda w: w.yc)
    slope = row_slopes(groups) if follow_slope else None
    if slope is not None:
        x_ref = min((w.x0 for w in words), default=0.0)
        groups = _group_by(words, lambda w: w.yc - _rise(slope, x_ref, w.xc, w.yc))
    return groups


def _rise(slope: Callable[[float, float], float], x_ref: float, x: float, y: float) -> float:
    """How far a row climbs from ``x_ref`` to ``x``: the slope taken halfway along the way, which
    is exact for a slope that changes linearly across the page (rows fanning out under
    perspective), where the slope at ``x`` itself would overshoot far right."""
    return slope((x_ref + x) / 2, y) * (x - x_ref)


def _group_by(words: list[Word], centre: Callable[[Word], float]) -> list[list[Word]]:
    """Greedy bands of words whose (rectified) centres lie within 0.45 of a height.

    A word standing over or under a word of the band (most of the narrower one's width shared)
    is on another row, however close the rows: it starts a band of its own, and the words after
    it go to whichever of the last two bands they fit (tightly set rows of a curled sheet).
    """
    groups: list[list[Word]] = []
    anchors: list[float] = []
    for w in sorted(words, key=lambda w: (centre(w), w.x0)):
        y = centre(w)
        fits = [
            k
            for k in range(max(0, len(groups) - 2), len(groups))
            if _joins(w, y, groups[k], anchors[k])
        ]
        if fits:
            groups[min(fits, key=lambda k: abs(y - anchors[k]))].append(w)
        else:
            groups.append([w])
            anchors.append(y)
    for group in groups:
        group.sort(key=lambda w: w.x0)
    return groups


def _joins(word: Word, y: float, group: list[Word], anchor: float) -> bool:
    """Whether a word belongs to a band: its centre near the band's, no word of it stacked."""
    if abs(y - anchor) > 0.45 * max(word.height, group[0].height, 1.0):
        return False
    return not any(_stacked(word, other) for other in group)


#: Words sharing more than this share of the narrower one's width stand in one column...
STACKED_SHARE = 0.5
#: ...one above the other when their centres are this share of a height apart (closer: the same
#: word printed twice, as PDFs fake bold type).
STACKED_OFFSET = 0.2


def _stacked(a: Word, b: Word) -> bool:
    """Whether two words stand one above the other: most of the narrower one's width shared,
    their centres apart."""
    shared = min(a.x1, b.x1) - max(a.x0, b.x0)
    if shared <= STACKED_SHARE * max(1e-6, min(a.x1 - a.x0, b.x1 - b.x0)):
        return False
    return abs(a.yc - b.yc) >= STACKED_OFFSET * max(a.height, b.height, 1.0)


#: Slopes smaller than this everywhere on the page leave the grouping as it is.
MIN_SLOPE = 0.004
MIN_SLOPE_SAMPLES = 12


def row_slopes(groups: list[list[Word]]) -> Callable[[float, float], float] | None:
    """The rows' slope as a smooth function of the page position, from word pairs far apart in
    one line (``slope = a + b·x + c·y``, fitted robustly); None on straight pages and on pages with
    a text layer (their rows are straight by construction).

    Pieces of one OCR box lie flat by construction and pull the fit towards a straight page; when
    the fit over all pairs finds no slope, the pairs of separate boxes alone are asked again, and
    heard only when they agree (their median slope at least their spread): a results block
    printed a little askew on a straight letterhead."""
    samples: list[tuple[float, float, float]] = []
    apart: list[tuple[float, float, float]] = []  # pairs of words from separate boxes
    for group in groups:
        for a, b in pairwise(group):
            if a.confidence is None or b.confidence is None:
                return None  # a text layer: rows are straight
            h = max(a.height, b.height, 1.0)
            if _mark(a) or _mark(b):
                continue  # an arrow or a dash: a box too small to say how its row slopes
            if b.xc - a.xc > 2 * h:
                sample = ((a.xc + b.xc) / 2, (a.yc + b.yc) / 2, (b.yc - a.yc) / (b.xc - a.xc))
                samples.append(sample)
                if (a.top, a.bottom) != (b.top, b.bottom):
                    apart.append(sample)
    slope = _slope_field(samples)
    if slope is None and len(apart) >= APART_SAMPLES and _agree([s[2] for s in apart]):
        slope = _slope_field(apart)
    return slope


#: Pairs of separate boxes needed before they are asked alone.
APART_SAMPLES = 3 * MIN_SLOPE_SAMPLES


def _agree(slopes: list[float]) -> bool:
    """Whether sampled slopes agree on a slope: their median at least their median deviation."""
    mid = statistics.median(slopes)
    return abs(mid) >= statistics.median(abs(v - mid) for v in slopes)


def _slope_field(
    samples: list[tuple[float, float, float]],
) -> Callable[[float, float], float] | None:
    """The fitted slope function of (x, y, slope) samples; None when few or flat everywhere."""
    if len(samples) < MIN_SLOPE_SAMPLES:
        return None
    fit = _robust_plane(samples)
    if fit is None:
        return None
    k0, kx, ky = fit
    xs, ys = [s[0] for s in samples], [s[1] for s in samples]
    corners = [k0 + kx * x + ky * y for x in (min(xs), max(xs)) for y in (min(ys), max(ys))]
    if max(abs(v) for v in corners) < MIN_SLOPE:
        return None
    return lambda x, y: k0 + kx * x + ky * y


def _mark(word: Word) -> bool:
    """A one-character mark (``↑``, ``-``) rather than text."""
    text = word.text.strip()
    return len(text) <= 1 and not text.isalnum()


def _robust_plane(samples: list[tuple[float, float, float]]) -> tuple[float, float, float] | None:
    """Least-squares plane through (x, y, slope) samples, refitted twice without outliers."""
    import numpy as np

    data = np.asarray(samples, dtype=float)
    keep = np.ones(len(data), dtype=bool)
    coef = None
    for _ in range(3):
        if keep.sum() < MIN_SLOPE_SAMPLES:
            return None
        m = np.column_stack([np.ones(keep.sum()), data[keep, 0], data[keep, 1]])
        coef, *_ = np.linalg.lstsq(m, data[keep, 2], rcond=None)
        resid = data[:, 2] - (coef[0] + coef[1] * data[:, 0] + coef[2] * data[:, 1])
        mad = float(np.median(np.abs(resid[keep]))) or 1e-4
        keep = np.abs(resid) <= 3 * mad + 1e-3
    return None if coef is None else (float(coef[0]), float(coef[1]), float(coef[2]))


def line_centre(line: TextLine) -> float:
    """Vertical centre of a line's first word (the band it was started with)."""
    return line.words[0].yc


def split_segments(words: list[Word], gap_em: float = SEGMENT_GAP_EM) -> list[Segment]:
    """Split a sorted run of words wherever the gap exceeds gap_em times the font size."""
    segments: list[Segment] = []
    for w in words:
        if segments:
            prev = segments[-1].words[-1]
            em = max(prev.size, w.size, prev.height, 1.0)
            if w.x0 - prev.x1 <= gap_em * em:
                segments[-1].words.append(w)
                continue
        segments.append(Segment(words=[w]))
    return segments


def word_spans(line: TextLine) -> list[tuple[int, int, Word]]:
    """``(start, end, word)`` of every word of ``line`` within ``line.text``."""
    spans, pos = [], 0
    for s_index, segment in enumerate(line.segments):
        if s_index:
            pos += 2
        previous = ""
        for w_index, word in enumerate(segment.words):
            if w_index and not (is_cjk(previous[-1:] or " ") and is_cjk(word.text[:1] or " ")):
                pos += 1
            spans.append((pos, pos + len(word.text), word))
            pos += len(word.text)
            previous = word.text
    return spans


def span_boxes(line: TextLine, start: int, end: int) -> list[Box]:
    """Boxes of the parts of the words that characters ``start:end`` of ``line.text`` cover."""
    boxes = []
    for w_start, w_end, word in word_spans(line):
        lo, hi = max(start, w_start), min(end, w_end)
        if lo >= hi:
            continue
        edges = char_edges(word)
        boxes.append((edges[lo - w_start], word.top, edges[hi - w_start], word.bottom))
    return boxes
