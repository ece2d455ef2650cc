"""Rows whose values sit a little above their name: one line again.

A page that was curled or fed askew prints a row's values a fraction of a line higher than its
name at the left (``54 U/L <42`` over ``T.G.P (ALAT)``), so line grouping makes two lines of
them: values with no name, then a name with no value. When the value line ends less than a
line above the name line and stands wholly to its right, the two are one row.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from checkup2action.layout.lines import Segment, TextLine, line_of
from checkup2action.tables.content import looks_numeric_value, looks_range, looks_unit, looks_value
from checkup2action.tables.roles import role_of_header
from checkup2action.tables.tokens import is_text

T = TypeVar("T")

#: The name line starts less than this many line heights below the value line.
MAX_OFFSET = 1.0


def merge_offset_rows(lines: list[TextLine]) -> list[TextLine]:
    """The lines with every value line that sits just above its name line merged into it, and
    every name line merged with the value line level with it that the grouping kept apart."""
    lines = merge_adjacent(lines, _offset_pair, _merged)
    return merge_adjacent(lines, _level_halves, _merged_without_header_words)


#: A name line and a value line are level when their middles are this share of a height apart.
LEVEL_SHARE = 0.5


def _level_halves(name: TextLine, values: TextLine) -> bool:
    """Whether a line holding a name (after a row number) but no value, and the next line,
    level with it, holding values but no name, are one row: the grouping split them because
    header words of a curled sheet's first row share the name's line (``参考范围``)."""
    segs = name.segments
    if segs and _ROW_NUMBER.match(segs[0].text):
        segs = segs[1:]
    if not segs or not values.segments or not looks_value(values.words[0].text):
        return False
    label = segs[0].text
    if not any(c.isalpha() for c in label) or looks_value(label) or looks_range(label):
        return False
    if any(looks_value(s.text) or looks_range(s.text) for s in segs[1:]):
        return False
    if any(is_text(s.text) for s in values.segments):
        return False
    height = max(values.height, name.height, 1.0)
    level = abs(_middle(segs[0]) - _middle(values)) <= LEVEL_SHARE * height
    return level and segs[0].x1 < values.x0


_ROW_NUMBER = re.compile(r"^\d{1,3}\.?$")


def _middle(part: TextLine | Segment) -> float:
    """The vertical middle of a line or of a segment (the name's own, not the header words')."""
    return (part.top + part.bottom) / 2


def _merged_without_header_words(a: TextLine, b: TextLine) -> TextLine:
    """One line of two, without the header words the name's line caught."""
    return line_of(
        [w for w in a.words + b.words if role_of_header(w.text, exact_only=True) is None]
    )


def merge_adjacent(
    items: list[T], is_pair: Callable[[T, T], bool], join: Callable[[T, T], T]
) -> list[T]:
    """The items with each neighbouring pair that ``is_pair`` accepts replaced by ``join`` of
    the two (left to right; an item joins at most one pair)."""
    out: list[T] = []
    i = 0
    while i < len(items):
        if i + 1 < len(items) and is_pair(items[i], items[i + 1]):
            out.append(join(items[i], items[i + 1]))
            i += 2
        else:
            out.append(items[i])
            i += 1
    return out


def _merged(a: TextLine, b: TextLine) -> TextLine:
    """One line holding the words of two."""
    return line_of(a.words + b.words)


def _offset_pair(values: TextLine, name: TextLine) -> bool:
    """Whether a line of values (a value first, no name) and the name-only line under it, close
    (less than a line lower, or overlapping it) and wholly to its left, are one row."""
    if not values.segments or not name.segments:
        return False
    if not all(_name_piece(seg.text) for seg in name.segments):
        return False  # a name, though its words stand a little apart (``MEAN  CELL HAEMOGLOBIN``)
    if not looks_value(values.words[0].text):
        return False
    if len(values.segments) == 1 and not looks_numeric_value(values.segments[0].text):
        return False  # a lone word above a name (``정상``): a ticked option or a heading as well
    height = max(values.height, name.height, 1.0)
    offset = name.top - values.top
    close = offset >= 0 and (offset < MAX_OFFSET * height or name.top < values.bottom)
    return close and name.x1 < values.x0


def _name_piece(text: str) -> bool:
    """Text that can be (part of) a test's name: letters, and no value, range or unit."""
    if not any(c.isalpha() for c in text):
        return False
    return not (looks_value(text) or looks_range(text) or looks_unit(text))
