"""Layout regions bound table reconstruction on pages read from pictures.

The layout model (``layout.regions``) marks tables, prose, headers and footers. A line the model
puts in a prose, figure, header or footer region, away from every table region, is not table
material: a physician's summary under the results (``1. 血压偏高 150/95mmHg``), a footnote or a
page footer with numbers in it must not become result rows. Lines in title and key-value regions
stay (panel headings and table headers are often marked as titles). A page without a table
region, or without regions at all (born-digital pages), is read whole as before, and so is an
app's result list; a line read as a table header is kept wherever the model puts it (a region
boundary drawn just under a header, with the header in a prose region, lost a whole table) (the model calls its cards prose: ``extract.page_tables`` reads lists first).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from checkup2action.layout.lines import TextLine

Box = tuple[float, float, float, float]
#: Region kinds whose lines are never table rows when no table region holds them.
NOT_TABULAR = frozenset({"text", "figure", "header", "footer"})


@dataclass(frozen=True, slots=True)
class PageRegionBoxes:
    """The table regions of a page and the regions that hold no table (working-frame points)."""

    tables: tuple[Box, ...]
    others: tuple[Box, ...]

    @classmethod
    def of(cls, regions: Sequence[tuple[str, Box]]) -> PageRegionBoxes:
        """Sort (kind, box) pairs into tables and non-tabular regions."""
        tables = tuple(box for kind, box in regions if kind == "table")
        others = tuple(box for kind, box in regions if kind in NOT_TABULAR)
        return cls(tables, others)


def _holds(box: Box, x: float, y: float, pad: float = 0.0) -> bool:
    """Whether a point lies in a box grown by ``pad`` on every side."""
    return box[0] - pad <= x <= box[2] + pad and box[1] - pad <= y <= box[3] + pad


def _centre(line: TextLine) -> tuple[float, float]:
    """The middle of a line's words."""
    x = (min(w.x0 for w in line.words) + max(w.x1 for w in line.words)) / 2
    return x, (line.top + line.bottom) / 2


def outside_tables(line: TextLine, boxes: PageRegionBoxes) -> bool:
    """Whether a line sits in a non-tabular region and in (or near) no table region."""
    if not boxes.tables or not line.words:
        return False
    x, y = _centre(line)
    pad = line.bottom - line.top  # a line's height: region edges are not exact
    if any(_holds(t, x, y, pad) for t in boxes.tables):
        return False
    return any(_holds(o, x, y) for o in boxes.others)


def table_line_indices(
    lines: list[TextLine], boxes: PageRegionBoxes | None, headers: Collection[int] = ()
) -> list[int]:
    """Indices of the lines of a page that may belong to a table; ``headers`` (indices of the
    lines read as table headers) always may."""
    if boxes is None:
        return list(range(len(lines)))
    misnamed = [box for i in headers if (box := _region_of_header(lines[i], boxes)) is not None]
    return [
        i
        for i, ln in enumerate(lines)
        if i in headers
        or not outside_tables(ln, boxes)
        or any(_holds(box, *_centre(ln)) and ln.top >= box[1] for box in misnamed)
    ]


def _region_of_header(header: TextLine, boxes: PageRegionBoxes) -> Box | None:
    """The non-tabular region a table header sits in, with the header's top as its top: the
    model took a table for prose, and the lines under its header are the table's body."""
    if not outside_tables(header, boxes):
        return None
    x, y = _centre(header)
    box = next((o for o in boxes.others if _holds(o, x, y)), None)
    return None if box is None else (box[0], header.top, box[2], box[3])


def table_lines(
    lines: list[TextLine], boxes: PageRegionBoxes | None, headers: Collection[int] = ()
) -> list[TextLine]:
    """The lines of a page that may belong to a table (see :func:`table_line_indices`)."""
    return [lines[i] for i in table_line_indices(lines, boxes, headers)]
