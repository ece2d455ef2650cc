"""Panels set side by side: a line cut into the pieces that stand under the names above it.

An app's or lab's summary cards print two tests next to each other: ``Hemoglobin | Hematocrit``
on one line, ``Current Result: 16.5 g/dL | Current Result: 49.0 %`` on the next. Read as one
line, the second value looks like an earlier result of the first test; cut at the x where each
name begins, each piece is one test's line.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import TYPE_CHECKING

from checkup2action.layout.lines import TextLine, split_segments
from checkup2action.tables.roles import Role

if TYPE_CHECKING:
    from checkup2action.tables.linereader import Record


def pieces_under(line: TextLine, name_x0s: list[float]) -> list[TextLine] | None:
    """The line cut where each of two or more names above it begins (a piece per name, empty
    ones included, in the names' order); None when fewer than two names stand above, or when a
    word runs across a cut."""
    xs = sorted(name_x0s)
    if len(xs) < 2:
        return None
    em = max(max((w.height for w in line.words), default=1.0), 1.0)
    cuts = [x - em for x in xs[1:]]
    if any(w.x0 < cut < w.x1 for w in line.words for cut in cuts):
        return None
    pieces: list[TextLine] = []
    bounds = [-float("inf"), *cuts, float("inf")]
    for lo, hi in pairwise(bounds):
        words = [w for w in line.words if lo <= w.xc < hi]
        piece = TextLine(words=words)
        piece.segments = split_segments(words)
        pieces.append(piece)
    return pieces


def values_under_names(
    line: TextLine,
    previous: list[Record],
    recs: list[Record],
    read: Callable[[TextLine], list[Record]],
) -> list[Record]:
    """A nameless line under two or more names set side by side read piece by piece (``read``
    gives a piece's records), each piece's value given to the name it stands under; returns the
    records left to place."""
    names = sorted(
        (p for p in previous if p.has(Role.NAME) and not p.has(Role.VALUE)),
        key=lambda n: n.cells[Role.NAME].x0,
    )
    if len(names) < 2 or any(r.has(Role.NAME) for r in recs):
        return recs
    pieces = pieces_under(line, [n.cells[Role.NAME].x0 for n in names])
    if pieces is None:
        return recs
    left: list[Record] = []
    for name, piece in zip(names, pieces, strict=True):
        got = read(piece) if piece.words else []
        if len(got) == 1 and got[0].has(Role.VALUE):
            for role, tok in got[0].cells.items():
                if not name.has(role):
                    name.put(role, tok)
        else:
            left += got
    return left
