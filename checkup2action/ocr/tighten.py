"""Fit OCR line boxes to their ink: text detectors pad every line box by half a line or more.

A padded box makes neighbouring lines overlap, inflates the font size estimated from box height
and widens the word gap that separates table columns. Each line is sampled as an upright strip
(the same strip a recogniser reads); its rows with ink give the real top and bottom, and the line
quad, and the quads of its words, are moved in to them. Rows that are almost all ink (a ruling
crossing the padded box) and faint rows (a watermark, JPEG noise) do not count as ink.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from checkup2action.ocr.base import ImageInput, OcrEngine, OcrLine, Point, Quad, to_rgb_array
from checkup2action.threads import in_row_bands

#: A pixel is ink when it is this much darker than the strip's paper (0–255 grey levels)...
MIN_INK_CONTRAST = 40
#: ...or this share of the way from paper to the strip's darkest pixels, whichever is more.
INK_SHARE = 0.45
#: A row counts when its ink covers this share of the busiest row (ignores specks).
ROW_SHARE = 0.06
#: Rows inked over this share of the strip's width are a ruling, not text.
RULING_SHARE = 0.85
#: Pixels of margin kept above and below the ink.
MARGIN = 1.0


#: Weights of red, green and blue in a pixel's grey level.
GREY_WEIGHTS = np.array([0.299, 0.587, 0.114], dtype=np.float32)


def grey_of(image: ImageInput) -> np.ndarray:
    """The image as a float32 grey array (each row's pixels weighted as one float32 matrix
    product, in bands of rows shared among threads: ``threads.in_row_bands``)."""
    rgb = to_rgb_array(image)
    out = np.empty(rgb.shape[:2], dtype=np.float32)

    def band(rows: slice) -> None:
        np.matmul(rgb[rows].astype(np.float32), GREY_WEIGHTS, out=out[rows])

    in_row_bands(rgb.shape[0], band)
    return out


def _lerp(a: Point, b: Point, t: float) -> Point:
    """Point a fraction ``t`` of the way from ``a`` to ``b``."""
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def _strip(grey: np.ndarray, quad: Quad) -> np.ndarray | None:
    """The quad's pixels sampled as an upright strip (rows top to bottom), None when degenerate."""
    tl, tr, br, bl = (np.asarray(p, dtype=np.float32) for p in quad)
    height = round(float((np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2))
    width = round(float((np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2))
    if height < 4 or width < 2:
        return None
    step = max(1, width // 400)  # a few hundred columns are plenty for a row profile
    v = (np.arange(height, dtype=np.float32) + 0.5)[:, None] / height
    u = (np.arange(0, width, step, dtype=np.float32) + 0.5)[None, :] / width
    top = tl + (tr - tl) * u[..., None]
    bottom = bl + (br - bl) * u[..., None]
    pts = top + (bottom - top) * v[..., None]
    xs = np.clip(np.rint(pts[..., 0]).astype(np.int64), 0, grey.shape[1] - 1)
    ys = np.clip(np.rint(pts[..., 1]).astype(np.int64), 0, grey.shape[0] - 1)
    return grey[ys, xs]


def ink_rows(strip: np.ndarray) -> tuple[int, int] | None:
    """First and last row of a strip that hold text ink, None when it cannot tell."""
    paper, dark = (float(v) for v in np.percentile(strip, (90, 2)))
    if paper - dark < MIN_INK_CONTRAST:
        return None
    ink = strip < paper - max(MIN_INK_CONTRAST, INK_SHARE * (paper - dark))
    counts = ink.sum(axis=1).astype(np.float32)
    counts[counts > RULING_SHARE * strip.shape[1]] = 0
    if counts.max() <= 0:
        return None
    rows = np.flatnonzero(counts >= ROW_SHARE * counts.max())
    return int(rows[0]), int(rows[-1])


def tight_fractions(grey: np.ndarray, quad: Quad) -> tuple[float, float] | None:
    """(top, bottom) of the line's ink as fractions of the quad's height, None to keep it."""
    strip = _strip(grey, quad)
    if strip is None:
        return None
    found = ink_rows(strip)
    if found is None:
        return None
    height = strip.shape[0]
    first, last = found
    a = max(0.0, (first - MARGIN) / height)
    b = min(1.0, (last + 1 + MARGIN) / height)
    if b - a < 0.25:  # a sliver: more likely a mis-measure than a real line
        return None
    return a, b


def _tight_quad(quad: Quad, a: float, b: float) -> Quad:
    """The quad cut to the band between fractions a and b of its height."""
    tl, tr, br, bl = quad
    return (_lerp(tl, bl, a), _lerp(tr, br, a), _lerp(tr, br, b), _lerp(tl, bl, b))


def _edge_y(p: Point, q: Point, x: float) -> float:
    """y of the line through p and q at x."""
    if abs(q[0] - p[0]) < 1e-6:
        return p[1]
    return p[1] + (q[1] - p[1]) * (x - p[0]) / (q[0] - p[0])


def _fit_word(word_quad: Quad, line_quad: Quad) -> Quad:
    """A word quad with its top and bottom moved onto the (tightened) line's edges."""
    tl, tr, br, bl = line_quad
    (x0, _), (x1, _) = word_quad[0], word_quad[1]
    (x2, _), (x3, _) = word_quad[2], word_quad[3]
    return (
        (x0, _edge_y(tl, tr, x0)),
        (x1, _edge_y(tl, tr, x1)),
        (x2, _edge_y(bl, br, x2)),
        (x3, _edge_y(bl, br, x3)),
    )


def tighten_line(grey: np.ndarray, line: OcrLine) -> OcrLine:
    """One line with its quad (and its words') fitted to the ink."""
    found = tight_fractions(grey, line.quad)
    if found is None:
        return line
    quad = _tight_quad(line.quad, *found)
    words = tuple(replace(w, quad=_fit_word(w.quad, quad)) for w in line.words)
    return replace(line, quad=quad, words=words)


def tighten_lines(lines: list[OcrLine], image: ImageInput) -> list[OcrLine]:
    """Every line fitted to its ink in ``image`` (the picture the lines were read from)."""
    if not lines:
        return lines
    grey = grey_of(image)
    return [tighten_line(grey, line) for line in lines]


class TighteningEngine:
    """An engine wrapper whose lines come back fitted to their ink."""

    def __init__(self, engine: OcrEngine):
        self.name = engine.name
        self._engine = engine
        if callable(getattr(engine, "read_quads", None)):
            self.read_quads = self._read_quads

    def recognize(self, image: ImageInput) -> list[OcrLine]:
        """Recognise with the wrapped engine, then fit every line to its ink."""
        return tighten_lines(self._engine.recognize(image), image)

    def _read_quads(self, image: ImageInput, quads: Sequence[Any]) -> list[OcrLine]:
        """Read at given quads with the wrapped engine, then fit every line to its ink."""
        return tighten_lines(self._engine.read_quads(image, quads), image)  # type: ignore[attr-defined]

    def __getattr__(self, name: str) -> object:
        """Everything else goes to the wrapped engine."""
        return getattr(self._engine, name)
