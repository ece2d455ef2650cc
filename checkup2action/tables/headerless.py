"""Tables without a header row: column roles from each line's content."""

from __future__ import annotations

from collections.abc import Sequence

from checkup2action.ingestion.document import Word
from checkup2action.layout.lines import Segment, TextLine
from checkup2action.tables.content import (
    looks_flag,
    looks_qualitative,
    looks_range,
    looks_unit,
    looks_value,
)
from checkup2action.tables.roles import Role
from checkup2action.tables.rows import KEY_VALUE, BodyLine, LineKind, classify

MIN_LINES = 3


def _texty(text: str) -> bool:
    """Whether text has letters or CJK characters (a name, not a number)."""
    return any(ch.isalpha() for ch in text)


def content_cells(line: TextLine, *, weak: bool = False) -> dict[Role, list[Word]] | None:
    """Roles of a line's segments judged from content; None if it is not a result line.

    A strong line has a value and a unit, range or flag; with ``weak`` a name and a value suffice.
    When the segments do not fit (OCR set ``14.5 gm/dL`` closer than a column gap), the words
    right of the name are tried as segments of their own, a range's words kept together.
    """
    cells = _cells_of_segments(line.segments, weak)
    if cells is None and len(line.segments) >= 2:
        cells = _cells_of_segments([line.segments[0], *_split_right(line.segments[1:])], weak)
    return cells


def _split_right(segs: Sequence[Segment]) -> list[Segment]:
    """Each word its own segment, except segments that read as a range as a whole."""
    return [
        piece
        for seg in segs
        for piece in ([seg] if looks_range(seg.text) else [Segment([w]) for w in seg.words])
    ]


def _cells_of_segments(segs: Sequence[Segment], weak: bool) -> dict[Role, list[Word]] | None:
    """content_cells for one split of the line into segments."""
    if len(segs) < 2 or not _texty(segs[0].text) or looks_value(segs[0].text):
        return None
    if KEY_VALUE.search(segs[0].text):
        return None
    cells: dict[Role, list[Word]] = {Role.NAME: list(segs[0].words)}
    guessed_unit = False
    for seg in segs[1:]:
        if _place_segment(cells, seg):
            continue
        if not _unit_slot(cells, seg.text):
            return None
        cells[Role.UNIT] = list(seg.words)
        guessed_unit = True
    if Role.VALUE not in cells or (guessed_unit and Role.RANGE not in cells):
        return None
    if not weak and not ({Role.RANGE, Role.UNIT, Role.FLAG} & cells.keys()):
        return None
    return cells


def _unit_slot(cells: dict[Role, list[Word]], text: str) -> bool:
    """Whether an unrecognised short token sits where the unit goes, after the value and before
    the range (an OCR-misread unit: ``iL``, ``%6``, ``fcumm``); the line must then hold a range."""
    t = text.strip()
    return (
        Role.VALUE in cells
        and not {Role.UNIT, Role.RANGE, Role.FLAG} & cells.keys()
        and 0 < len(t) <= 8
        and " " not in t
        and not looks_value(t)
    )


def _place_segment(cells: dict[Role, list[Word]], seg: Segment) -> bool:
    """Give a segment (or, failing that, each of its words) a role; False when none fits."""
    role = _role_of(seg.text, cells)
    if role is not None:
        cells.setdefault(role, []).extend(seg.words)
        return True
    for w in seg.words:
        role = _role_of(w.text, cells)
        if role is None:
            return False
        cells.setdefault(role, []).append(w)
    return True


def _role_of(text: str, cells: dict[Role, list[Word]]) -> Role | None:
    """The first free role whose recogniser accepts the text."""
    if Role.VALUE not in cells and looks_value(text):
        return Role.VALUE
    if Role.FLAG not in cells and looks_flag(text):
        return Role.FLAG
    if Role.UNIT not in cells and looks_unit(text):
        return Role.UNIT
    if Role.RANGE not in cells and (looks_range(text) or looks_qualitative(text)):
        return Role.RANGE
    if Role.VALUE in cells and Role.PREVIOUS not in cells and looks_value(text):
        return Role.PREVIOUS
    return None


def headerless_body(
    lines: Sequence[TextLine], *, continuing: bool = False
) -> tuple[list[BodyLine], int]:
    """Body lines of a headerless table and the index of its first line ([] when too few look like results).

    Lines before the first strong result line (title, patient block) are left out; after it,
    a line with just a name and a value (``Nitrite  Negative``) is a result too. On a page that
    continues a headerless table (``continuing``) one result line of either kind is enough.
    """
    strong = [content_cells(line, weak=continuing) is not None for line in lines]
    if sum(strong) < (1 if continuing else MIN_LINES):
        return [], len(lines)
    start = strong.index(True)
    body: list[BodyLine] = []
    for line in lines[start:]:
        cells = content_cells(line, weak=True)
        if cells is not None:
            body.append(BodyLine(line, cells, classify(cells)))
        elif len(line.segments) == 1:
            body.append(BodyLine(line, {Role.NAME: list(line.words)}, LineKind.NAME_ONLY))
        else:
            body.append(BodyLine(line, {}, LineKind.TEXT))
    return body, start
