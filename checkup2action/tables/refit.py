"""A table carried to the next page, its columns fitted to where that page prints them.

A born-digital report prints every page of a table in the same columns, so the columns its
header set on one page read the next page's rows as they stand. A photographed or scanned
report does not: each page is its own picture, taken from another distance and angle, so its
columns sit shifted and stretched against the page before (a value column 30 points to the
right reads every value into the unit column, every range into nothing). The columns are moved
(and scaled about the table's middle) to where the page's words agree with them best by content
-- numbers under the value column, units under the unit column, ranges under the range column,
words under the name column -- and kept as they are unless that agreement is clearly better.
"""

from __future__ import annotations

from dataclasses import replace
from enum import Enum

import numpy as np

from checkup2action.layout.lines import TextLine
from checkup2action.tables.content import looks_flag, looks_numeric_value, looks_range, looks_unit
from checkup2action.tables.model import Column, TableLayout
from checkup2action.tables.roles import Role

#: Scales tried about the table's middle (a page photographed nearer or farther).
SCALES = (0.90, 0.94, 0.97, 1.0, 1.03, 1.06, 1.10)
#: Shifts tried, as a share of the table's width either way, and their step in points.
MAX_SHIFT_SHARE = 0.15
SHIFT_STEP = 1.0
#: A fit is taken only when it agrees with this many more words than the columns as they are,
#: and with this share more.
MIN_GAIN_WORDS = 4
MIN_GAIN_SHARE = 0.10


class _Kind(Enum):
    """What a word looks like, for the columns that take it."""

    NUMBER = "number"
    UNIT = "unit"
    RANGE = "range"
    FLAG = "flag"
    TEXT = "text"


#: The kinds of word each column role takes (+1) and refuses (-1); others count nothing.
_TAKES: dict[Role, frozenset[_Kind]] = {
    Role.NAME: frozenset({_Kind.TEXT}),
    Role.VALUE: frozenset({_Kind.NUMBER}),
    Role.UNIT: frozenset({_Kind.UNIT}),
    Role.RANGE: frozenset({_Kind.RANGE, _Kind.NUMBER}),
    Role.FLAG: frozenset({_Kind.FLAG}),
}
_REFUSES: dict[Role, frozenset[_Kind]] = {
    Role.NAME: frozenset({_Kind.NUMBER, _Kind.RANGE}),
    Role.VALUE: frozenset({_Kind.TEXT, _Kind.UNIT, _Kind.RANGE}),
    Role.UNIT: frozenset({_Kind.NUMBER, _Kind.RANGE}),
    Role.RANGE: frozenset({_Kind.UNIT}),
    Role.FLAG: frozenset({_Kind.NUMBER, _Kind.UNIT, _Kind.RANGE}),
}


def _kind(text: str) -> _Kind | None:
    """The kind of a word, or None for one that says nothing (a mark, a stray letter)."""
    t = text.strip()
    if not t:
        return None
    if looks_range(t):
        return _Kind.RANGE
    if looks_numeric_value(t):
        return _Kind.NUMBER
    if looks_unit(t):
        return _Kind.UNIT
    if looks_flag(t):
        return _Kind.FLAG
    if sum(c.isalpha() for c in t) >= 2:
        return _Kind.TEXT
    return None


def _agreement(starts: np.ndarray, ends: np.ndarray, xs: np.ndarray, points: np.ndarray) -> int:
    """How many words stand in a column that takes their kind, less those in one that refuses
    it (each word by its centre; columns by their edges, in the layout's order; ``points``: a
    word's worth in each column, words by columns)."""
    order = np.argsort(starts)
    at = np.searchsorted(starts[order], xs, side="right") - 1
    inside = at >= 0
    col = order[np.clip(at, 0, None)]
    inside &= xs < ends[col]
    return int(points[np.arange(len(xs)), col][inside].sum())


def _points(columns: list[Column], kinds: list[_Kind]) -> np.ndarray:
    """Each word's worth in each column: +1 taken, -1 refused, 0 otherwise."""
    out = np.zeros((len(kinds), len(columns)), dtype=np.int32)
    for j, col in enumerate(columns):
        takes, refuses = _TAKES.get(col.role, frozenset()), _REFUSES.get(col.role, frozenset())
        for i, kind in enumerate(kinds):
            out[i, j] = 1 if kind in takes else -1 if kind in refuses else 0
    return out


def _moved(layout: TableLayout, scale: float, shift: float) -> TableLayout:
    """The layout scaled about its middle and shifted."""
    mid = (layout.x0 + layout.x1) / 2

    def at(x: float) -> float:
        return mid + scale * (x - mid) + shift

    columns = [replace(c, x0=at(c.x0), x1=at(c.x1)) for c in layout.columns]
    return replace(layout, columns=columns, x0=at(layout.x0), x1=at(layout.x1))


def refit_layout(layout: TableLayout, lines: list[TextLine]) -> TableLayout:
    """The layout with its columns where the page's words agree with them best (``lines``: the
    page's lines before its own first header), or the layout itself when no fit is clearly
    better."""
    found = [(w.xc, kind) for ln in lines for w in ln.words if (kind := _kind(w.text))]
    if not found or not layout.columns:
        return layout
    xs = np.array([x for x, _ in found])
    points = _points(layout.columns, [k for _, k in found])
    starts = np.array([c.x0 for c in layout.columns])
    ends = np.array([c.x1 for c in layout.columns])
    mid = (layout.x0 + layout.x1) / 2
    as_is = _agreement(starts, ends, xs, points)
    steps = int(MAX_SHIFT_SHARE * (layout.x1 - layout.x0) / SHIFT_STEP)
    shifts = [k * SHIFT_STEP for k in range(-steps, steps + 1)]
    scores = {
        scale: [
            _agreement(
                mid + scale * (starts - mid) + dx, mid + scale * (ends - mid) + dx, xs, points
            )
            for dx in shifts
        ]
        for scale in SCALES
    }
    best = max(max(row) for row in scores.values())
    if best - as_is < max(MIN_GAIN_WORDS, MIN_GAIN_SHARE * len(found)):
        return layout
    scale = min((s for s in SCALES if max(scores[s]) == best), key=lambda s: abs(s - 1.0))
    tied = [dx for dx, score in zip(shifts, scores[scale], strict=True) if score == best]
    return _moved(layout, scale, tied[len(tied) // 2])  # the middle of the best shifts
