"""Panels set side by side: a line cut into the pieces that stand under the names above it.

An app's or lab's summary cards print two tests next to each other: ``Hemoglobin | Hematocrit``
on one line, ``Current Result: 16.5 g/dL | Current Result: 49.0 %`` on the next. Read as one
line, the second value looks like an earlier result of the first test; cut at the x where each
name begins, each piece is one test's line. Such a card may print its range at its foot, below a
chart of earlier results (``Reference Interval: 13.0-17.7 g/dL``): the label says what it is, so
it goes to the result of the card it stands in (:func:`ranges_below`).
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import TYPE_CHECKING

from checkup2action.layout.lines import TextLine, split_segments
from checkup2action.tables.listitems import labelled_range_line, split_label
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


#: A card's range is at most this many text heights below its result (a chart between).
CARD_RANGE_REACH = 25.0


def _name_x0(rec: Record) -> float:
    """Where a record's name begins."""
    return rec.cells[Role.NAME].x0


def _card_results(line: TextLine, done: list[Record]) -> list[Record]:
    """The results a line of ranges may close, left to right: complete records with a worded
    name and no range within reach above, the nearest one in each column of names."""
    em = max(line.height, 1.0)
    near = [
        r
        for r in done
        if r.complete and r.has(Role.NAME) and not r.has(Role.RANGE)
        and sum(c.isalpha() for c in r.cells[Role.NAME].text) >= 2
        and 0 < line.top - max(t.bottom for t in r.cells.values()) <= CARD_RANGE_REACH * em
    ]  # fmt: skip
    kept: list[Record] = []
    for rec in sorted(near, key=lambda r: -r.cells[Role.NAME].top):
        if all(abs(_name_x0(rec) - _name_x0(k)) > 2 * em for k in kept):
            kept.append(rec)
    return sorted(kept, key=_name_x0)


def ranges_below(
    line: TextLine, done: list[Record], read: Callable[[TextLine], list[Record]]
) -> bool:
    """Give a line of labelled ranges (``Reference Interval: 13.0-17.7 g/dL``, one per card set
    side by side) to the results above it that have none, piece by piece under their names;
    True when the line was given (its words are then no row of their own)."""
    if split_label(line.words) is None:
        return False
    targets = _card_results(line, done)
    em = max(line.height, 1.0)
    if not targets or min(w.x0 for w in line.words) < _name_x0(targets[0]) - em:
        return False
    pieces = [line] if len(targets) == 1 else pieces_under(line, [_name_x0(t) for t in targets])
    if pieces is None:
        return False
    given = False
    for target, piece in zip(targets, pieces, strict=True):
        got = read(piece) if piece.words and labelled_range_line(piece) else []
        if (
            len(got) == 1
            and got[0].has(Role.RANGE)
            and set(got[0].cells) <= {Role.RANGE, Role.UNIT}
        ):
            for role, tok in got[0].cells.items():
                if not target.has(role):
                    target.put(role, tok)
            given = True
    return given
