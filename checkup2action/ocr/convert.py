"""Turn OCR lines (pixels) into ingest ``Word`` objects (PDF points, top-left origin).

A line is split into words at whitespace only: RapidOCR returns a Chinese text line as one run
without spaces, and that run stays one word (as a born-digital PDF's extractor would give it).
Character positions come from the engine's word/character boxes when it gives them; otherwise they
are spread along the line's quad in proportion to character count, a full-width (CJK) character
counting twice. ``char_x0s`` is set only when every character of a word has its own engine box.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Iterable
from typing import NamedTuple

from checkup2action.ingestion.document import Word
from checkup2action.ocr.base import OcrLine, Point, Quad, quad_bbox

#: Estimated font size as a share of the OCR line box height (detectors pad the glyphs).
SIZE_PER_HEIGHT = 0.8


class _Glyph(NamedTuple):
    """Box of one character in pixels, its confidence and whether the engine boxed it alone."""

    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float | None
    exact: bool


def char_weight(char: str) -> float:
    """Relative advance of a character: 2 for full-width (CJK) characters, else 1."""
    return 2.0 if unicodedata.east_asian_width(char) in ("W", "F") else 1.0


def word_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) indices of the whitespace-separated runs of ``text``."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for i, char in enumerate(text):
        if char.isspace():
            if start is not None:
                spans.append((start, i))
                start = None
        elif start is None:
            start = i
    if start is not None:
        spans.append((start, len(text)))
    return spans


def _fractions(weights: list[float]) -> list[float]:
    """Cumulative share of the total weight before each item, plus the final 1.0."""
    total = sum(weights) or 1.0
    out = [0.0]
    for w in weights:
        out.append(out[-1] + w / total)
    return out


def _lerp(a: Point, b: Point, t: float) -> Point:
    """Point a fraction ``t`` of the way from ``a`` to ``b``."""
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def _slice_box(quad: Quad, a: float, b: float) -> tuple[float, float, float, float]:
    """Bounding box of the part of a (possibly skewed) quad between fractions a and b of its width."""
    tl, tr, br, bl = quad
    pts = (_lerp(tl, tr, a), _lerp(tl, tr, b), _lerp(bl, br, b), _lerp(bl, br, a))
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    return (min(xs), min(ys), max(xs), max(ys))


def glyphs_from_quad(line: OcrLine) -> list[_Glyph]:
    """Character boxes spread along the line quad in proportion to character weight."""
    fr = _fractions([char_weight(c) for c in line.text])
    glyphs = []
    for i in range(len(line.text)):
        x0, top, x1, bottom = _slice_box(line.quad, fr[i], fr[i + 1])
        glyphs.append(_Glyph(x0, top, x1, bottom, line.confidence, False))
    return glyphs


def glyphs_from_pieces(line: OcrLine) -> list[_Glyph | None] | None:
    """Character boxes from the engine's word/character boxes; None when they do not match."""
    text = line.text
    positions = [i for i, c in enumerate(text) if not c.isspace()]
    glyphs: list[_Glyph | None] = [None] * len(text)
    k = 0
    for piece in line.words:
        ptext = "".join(piece.text.split())
        idx = positions[k : k + len(ptext)]
        if not ptext or len(idx) != len(ptext) or "".join(text[i] for i in idx) != ptext:
            return None
        x0, top, x1, bottom = piece.box
        fr = _fractions([char_weight(c) for c in ptext])
        conf = piece.confidence if piece.confidence is not None else line.confidence
        for j, i in enumerate(idx):
            left, right = x0 + (x1 - x0) * fr[j], x0 + (x1 - x0) * fr[j + 1]
            glyphs[i] = _Glyph(left, top, right, bottom, conf, len(ptext) == 1)
        k += len(ptext)
    return glyphs if k == len(positions) else None


def line_glyphs(line: OcrLine) -> list[_Glyph | None]:
    """Character boxes of a line: from engine boxes when usable, else proportional."""
    if line.words:
        glyphs = glyphs_from_pieces(line)
        if glyphs is not None:
            return glyphs
    return list(glyphs_from_quad(line))


def respace(glyphs: list[_Glyph]) -> list[_Glyph]:
    """Edges of a word's engine character boxes re-derived from their centres.

    RapidOCR places each character box on its CTC column with one average width for the line,
    so CJK boxes in a mixed line come out too narrow; centres are reliable. Edges become the
    midpoints between neighbouring centres, the outer ones mirrored.
    """
    centres = [(g.x0 + g.x1) / 2 for g in glyphs]
    if len(glyphs) < 2 or any(b <= a for a, b in itertools.pairwise(centres)):
        return glyphs
    cuts = [(a + b) / 2 for a, b in itertools.pairwise(centres)]
    edges = [2 * centres[0] - cuts[0], *cuts, 2 * centres[-1] - cuts[-1]]
    return [g._replace(x0=edges[i], x1=edges[i + 1]) for i, g in enumerate(glyphs)]


def snap_ends(runs: list[list[_Glyph]], quad: Quad) -> None:
    """Move the line's outer character edges onto the detected line box (in place).

    Only when the move is smaller than that character's width: the detector's box is tight.
    """
    x0, _, x1, _ = quad_bbox(quad)
    first, last = runs[0][0], runs[-1][-1]
    if abs(first.x0 - x0) < first.x1 - first.x0:
        runs[0][0] = first._replace(x0=x0)
        last = runs[-1][-1]
    if abs(last.x1 - x1) < last.x1 - last.x0:
        runs[-1][-1] = last._replace(x1=x1)


def line_height(quad: Quad) -> float:
    """Height of a (possibly skewed) line quad: mean length of its left and right edges."""
    tl, tr, br, bl = quad

    def dist(a: Point, b: Point) -> float:
        return float(((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5)

    return (dist(tl, bl) + dist(tr, br)) / 2


def _min_conf(glyphs: list[_Glyph], fallback: float | None) -> float | None:
    """Lowest glyph confidence (one doubtful digit makes the number doubtful)."""
    known = [g.confidence for g in glyphs if g.confidence is not None]
    return min(known) if known else fallback


def make_word(
    text: str,
    glyphs: list[_Glyph],
    line: OcrLine,
    page: int,
    scale: float,
    offset: tuple[float, float],
) -> Word:
    """One ``Word`` in PDF points from its characters' pixel boxes."""
    dx, dy = offset
    exact = all(g.exact for g in glyphs)
    conf = _min_conf(glyphs, line.confidence)
    return Word(
        text=text,
        x0=min(g.x0 for g in glyphs) * scale + dx,
        top=min(g.top for g in glyphs) * scale + dy,
        x1=max(g.x1 for g in glyphs) * scale + dx,
        bottom=max(g.bottom for g in glyphs) * scale + dy,
        page=page,
        size=line_height(line.quad) * SIZE_PER_HEIGHT * scale,
        confidence=None if conf is None else float(conf),
        char_x0s=tuple(g.x0 * scale + dx for g in glyphs) if exact else None,
    )


def line_to_words(
    line: OcrLine, page: int, scale: float, offset: tuple[float, float] = (0.0, 0.0)
) -> list[Word]:
    """Words of one OCR line, split at whitespace, in PDF points."""
    glyphs = line_glyphs(line)
    texts, runs = [], []
    for start, end in word_spans(line.text):
        run = [g for g in glyphs[start:end] if g is not None]
        if len(run) == end - start:
            texts.append(line.text[start:end])
            runs.append(respace(run) if all(g.exact for g in run) else run)
    if runs and line.words:
        snap_ends(runs, line.quad)
    return [make_word(t, r, line, page, scale, offset) for t, r in zip(texts, runs, strict=True)]


def lines_to_words(
    lines: Iterable[OcrLine],
    page: int,
    scale: float,
    offset: tuple[float, float] = (0.0, 0.0),
) -> list[Word]:
    """Convert OCR lines in pixels to ``Word`` objects in PDF points.

    ``scale`` is points per pixel (``72 / dpi``); ``offset`` is the position, in points, of the
    image's top-left corner on the page (non-zero when the image is a crop of the page).
    """
    if scale <= 0:
        raise ValueError(f"scale must be positive, got {scale}")
    words: list[Word] = []
    for line in lines:
        words.extend(line_to_words(line, page, scale, offset))
    return words
