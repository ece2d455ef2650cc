"""Rows whose values sit a little above their name: one line again.

A page that was curled or fed askew prints a row's values a fraction of a line higher than its
name at the left (``54 U/L <42`` over ``T.G.P (ALAT)``), so line grouping makes two lines of
them: values with no name, then a name with no value. When the value line ends less than a
line above the name line and stands wholly to its right, the two are one row.
"""

from __future__ import annotations

from checkup2action.layout.lines import TextLine, split_segments
from checkup2action.tables.content import looks_range, looks_unit, looks_value

#: The name line starts less than this many line heights below the value line.
MAX_OFFSET = 1.0


def merge_offset_rows(lines: list[TextLine]) -> list[TextLine]:
    """The lines with every value line that sits just above its name line merged into it."""
    out: list[TextLine] = []
    i = 0
    while i < len(lines):
        if i + 1 < len(lines) and _offset_pair(lines[i], lines[i + 1]):
            words = sorted(lines[i].words + lines[i + 1].words, key=lambda w: w.x0)
            merged = TextLine(words=words)
            merged.segments = split_segments(words)
            out.append(merged)
            i += 2
        else:
            out.append(lines[i])
            i += 1
    return out


def _offset_pair(values: TextLine, name: TextLine) -> bool:
    """Whether a line of values (a value first, no name) and the name-only line under it, close
    and wholly to its left, are one row."""
    if not values.segments or len(name.segments) != 1:
        return False
    label = name.segments[0].text
    if not any(c.isalpha() for c in label) or looks_value(label) or looks_range(label):
        return False
    if looks_unit(label) or not looks_value(values.words[0].text):
        return False
    height = max(values.height, name.height, 1.0)
    close = 0 <= name.top - values.top < MAX_OFFSET * height
    return close and name.x1 < values.x0
