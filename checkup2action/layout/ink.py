"""Where the ink is on a page picture, at one pixel per PDF point: text bands, rulings, blocks.

The picture is shrunk to 72 dpi and thresholded against a local paper level (so uneven light
and grey paper still give clean ink), which is all the layout geometry needs: it works on text
lines and column gaps, not on glyphs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

from checkup2action.geometry import Box

#: Side of the square tiles whose bright percentile estimates the paper level, in points.
PAPER_TILE = 32
#: A pixel is ink when darker than this share of the local paper level …
INK_RATIO = 0.72
#: … and darker than this grey level.
INK_MAX_GREY = 200
#: A row (column) counts as inked when it holds at least this many ink pixels.
MIN_RUN_PIXELS = 2
#: A row belongs to a text band when it holds this share of the ink of the busiest rows.
BAND_SHARE = 0.08
#: A horizontal ruling: a row whose longest ink run covers this share of the box width.
RULING_SHARE = 0.6


def min_filter3(grey: np.ndarray) -> np.ndarray:
    """Each pixel the darkest of its 3×3 neighbourhood (edges repeat): PIL's MinFilter(3), faster."""
    padded = np.pad(grey, 1, mode="edge")
    h, w = grey.shape
    out = grey.copy()
    for dy in range(3):
        for dx in range(3):
            np.minimum(out, padded[dy : dy + h, dx : dx + w], out=out)
    return out


@dataclass(frozen=True)
class InkMap:
    """A boolean ink mask of a page, one pixel per PDF point (row = y, column = x)."""

    mask: np.ndarray

    @property
    def width(self) -> float:
        """Page width in points."""
        return float(self.mask.shape[1])

    @property
    def height(self) -> float:
        """Page height in points."""
        return float(self.mask.shape[0])

    @classmethod
    def from_image(cls, image: Image.Image | np.ndarray, scale: float) -> InkMap:
        """The ink of a page picture whose pixels measure ``scale`` points each."""
        pil = image if isinstance(image, Image.Image) else Image.fromarray(np.asarray(image))
        grey = pil.convert("L")
        size = (max(1, round(grey.width * scale)), max(1, round(grey.height * scale)))
        if scale < 0.7:  # thin light strokes would fade into the paper when shrunk: widen them
            grey = Image.fromarray(min_filter3(np.asarray(grey)))
        arr = np.asarray(grey.resize(size, Image.Resampling.BOX), dtype=np.float32)
        return cls(ink_mask(arr))

    def window(self, box: Box) -> tuple[np.ndarray, int, int]:
        """The mask inside ``box`` (clipped to the page) and its top-left pixel (x, y)."""
        h, w = self.mask.shape
        x0 = int(min(max(box[0], 0), w))
        y0 = int(min(max(box[1], 0), h))
        x1 = int(min(max(np.ceil(box[2]), x0), w))
        y1 = int(min(max(np.ceil(box[3]), y0), h))
        return self.mask[y0:y1, x0:x1], x0, y0

    def ink_box(self, box: Box) -> Box | None:
        """The tight box around the ink inside ``box`` (None when it holds no ink)."""
        win, x0, y0 = self.window(box)
        rows = np.flatnonzero(win.sum(axis=1) >= MIN_RUN_PIXELS)
        cols = np.flatnonzero(win.sum(axis=0) >= MIN_RUN_PIXELS)
        if rows.size == 0 or cols.size == 0:
            return None
        return (
            float(x0 + cols[0]),
            float(y0 + rows[0]),
            float(x0 + cols[-1] + 1),
            float(y0 + rows[-1] + 1),
        )

    def bands(self, box: Box) -> list[tuple[float, float]]:
        """Horizontal bands of ink (text lines, rulings) inside ``box``, top to bottom."""
        win, _, y0 = self.window(box)
        if win.size == 0:
            return []
        counts = win.sum(axis=1)
        busy = float(np.percentile(counts, 90))
        # rows with a sliver of ink (frame borders, descenders) do not join lines into one band
        inked = counts >= max(MIN_RUN_PIXELS, 0.004 * win.shape[1], BAND_SHARE * busy)
        return [(float(y0 + a), float(y0 + b)) for a, b in runs(inked, min_gap=2)]

    def rulings(self, box: Box) -> list[float]:
        """y of each horizontal ruling inside ``box``: rows inked across most of its width."""
        win, _, y0 = self.window(box)
        if win.size == 0:
            return []
        need = RULING_SHARE * win.shape[1]
        longest = longest_runs(win)
        return [y0 + (a + b) / 2.0 for a, b in runs(longest >= need, min_gap=2)]

    def column_gaps(self, box: Box, min_width: float = 12.0, tolerance: float = 0.1) -> int:
        """Number of inner vertical white gaps at least ``min_width`` points wide.

        A column of pixels is white when at most ``tolerance`` of the bands have ink in it.
        """
        win, _, y0 = self.window(box)
        bands = self.bands(box)
        if win.size == 0 or not bands:
            return 0
        hits = np.zeros(win.shape[1], dtype=np.int32)
        for top, bottom in bands:
            hits += win[int(top - y0) : int(bottom - y0)].any(axis=0)
        empty = hits <= tolerance * len(bands)
        inner = [(a, b) for a, b in runs(empty) if a > 0 and b < win.shape[1]]
        return sum(1 for a, b in inner if b - a >= min_width)

    def masked(self, boxes: list[Box], pad: float = 2.0) -> InkMap:
        """A copy with the ink inside ``boxes`` (grown by ``pad``) removed."""
        mask = self.mask.copy()
        h, w = mask.shape
        for x0, top, x1, bottom in boxes:
            xa, ya = max(int(x0 - pad), 0), max(int(top - pad), 0)
            xb, yb = min(int(np.ceil(x1 + pad)), w), min(int(np.ceil(bottom + pad)), h)
            mask[ya:yb, xa:xb] = False
        return InkMap(mask)

    def blocks(self, max_gap_x: float = 24.0) -> list[Box]:
        """Boxes of separate ink blocks: bands split at wide gaps, then stacked into paragraphs."""
        pieces: list[Box] = []
        for top, bottom in self.bands((0, 0, self.width, self.height)):
            win, _, _ = self.window((0, top, self.width, bottom))
            cols = win.sum(axis=0) >= 1
            for a, b in runs(cols, min_gap=int(max_gap_x)):
                pieces.append((float(a), top, float(b), bottom))
        return stack_pieces(pieces)

    def fill(self, box: Box) -> float:
        """Share of the pixels inside ``box`` that are ink (0 for an empty box)."""
        win, _, _ = self.window(box)
        return float(win.mean()) if win.size else 0.0


def ink_mask(grey: np.ndarray) -> np.ndarray:
    """Ink pixels of a grey image: darker than a share of the local paper level."""
    h, w = grey.shape
    t = PAPER_TILE
    th, tw = -(-h // t), -(-w // t)
    padded = np.pad(grey, ((0, th * t - h), (0, tw * t - w)), mode="edge")
    tiles = padded.reshape(th, t, tw, t).transpose(0, 2, 1, 3).reshape(th, tw, t * t)
    paper = np.percentile(tiles, 90, axis=2).astype(np.float32)
    paper = np.maximum(paper, np.percentile(paper, 50) * 0.6)  # dark tiles: no paper visible
    level = np.asarray(
        Image.fromarray(paper).resize((tw * t, th * t), Image.Resampling.BILINEAR),
        dtype=np.float32,
    )[:h, :w]
    return (grey < level * INK_RATIO) & (grey < INK_MAX_GREY)


def runs(flags: np.ndarray, min_gap: int = 1) -> list[tuple[int, int]]:
    """Half-open runs ``(start, end)`` of True, joining runs separated by fewer than min_gap."""
    idx = np.flatnonzero(np.diff(np.concatenate(([0], flags.astype(np.int8), [0]))))
    pairs = list(zip(idx[::2].tolist(), idx[1::2].tolist(), strict=True))
    joined: list[tuple[int, int]] = []
    for a, b in pairs:
        if joined and a - joined[-1][1] < min_gap:
            joined[-1] = (joined[-1][0], b)
        else:
            joined.append((a, b))
    return joined


def longest_runs(win: np.ndarray) -> np.ndarray:
    """Length of the longest run of True in each row of a 2-D boolean array."""
    h = win.shape[0]
    edges = np.diff(np.pad(win.astype(np.int8), ((0, 0), (1, 1))), axis=1)
    rows_s, starts = np.nonzero(edges == 1)
    _, ends = np.nonzero(edges == -1)
    best = np.zeros(h, dtype=np.int64)
    np.maximum.at(best, rows_s, ends - starts)
    return best


def stack_pieces(pieces: list[Box]) -> list[Box]:
    """Join line pieces into blocks: a piece joins the block just above it that it overlaps."""
    blocks: list[Box] = []
    for x0, top, x1, bottom in sorted(pieces, key=lambda p: (p[1], p[0])):
        height = bottom - top
        for i, (bx0, btop, bx1, bbottom) in enumerate(blocks):
            near = 0 <= top - bbottom <= max(6.0, 1.2 * height)
            if near and min(x1, bx1) - max(x0, bx0) > 0:
                blocks[i] = (min(x0, bx0), btop, max(x1, bx1), max(bottom, bbottom))
                break
        else:
            blocks.append((x0, top, x1, bottom))
    return blocks
