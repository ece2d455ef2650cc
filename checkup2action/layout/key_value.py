"""Patient header blocks: regions of ``label: value`` lines, labelled ``key_value``.

With the page's words the decision is textual (share of lines holding pairs such as
``姓名：张三`` or ``DOB: 01/14/1948``); without them it is by place: a wide, multi-line block
left-aligned with the page's main table and above it, or the lines above that table's first
ruling (CDLA often boxes header block and table together).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import replace

from checkup2action.geometry import Box, area
from checkup2action.layout.ink import InkMap
from checkup2action.layout.region_geometry import (
    Region,
    Worded,
    max_of,
    row_groups,
    union,
)

#: ``label: value`` (ASCII or full-width colon) with something on both sides.
KEY_VALUE = re.compile(r"[^\s:：]\s*[:：]\s*\S")


def mark_key_value(
    regions: list[Region],
    ink: InkMap,
    words: Sequence[Worded] | None = None,
) -> list[Region]:
    """Patient header blocks (``label: value`` lines) found and labelled ``key_value``.

    With words, by the share of ``label: value`` lines in each region (a table whose first lines
    are such pairs is split). Without, by place: a text-like block wider than 40% of the page
    above the page's main table, or the lines above a table's first ruling.
    """
    if words:
        return [piece for r in regions for piece in _key_value_by_words(r, words, ink.height)]
    main = _main_table(regions)
    if main is None:
        return regions
    out: list[Region] = []
    for r in regions:
        out.extend(_split_above_first_ruling(r, ink) if r is main else [r])
    for group in row_groups([r for r in out if _above(r, main, ink.height)]):
        box = functools.reduce(union, (r.bbox for r in group))
        if _header_block(box, main, ink):
            out = [r for r in out if r not in group]
            out.append(Region("key_value", box, max_of(r.score for r in group)))
    return out


def _above(r: Region, main: Region, height: float) -> bool:
    """A text, table or header region in the upper page, wholly above the main table."""
    top, bottom = r.bbox[1], r.bbox[3]
    kinds = ("text", "table", "header")
    return r.kind in kinds and bottom <= main.bbox[1] + 2 and top <= 0.45 * height


def _main_table(regions: list[Region]) -> Region | None:
    """The largest table region, if any."""
    tables = [r for r in regions if r.kind == "table"]
    return max(tables, key=lambda r: area(r.bbox)) if tables else None


def _header_block(box: Box, main: Region, ink: InkMap) -> bool:
    """Wide, multi-line, left-aligned with the main table and much shorter than it."""
    x0, top, x1, bottom = box
    if x1 - x0 < 0.4 * ink.width or abs(x0 - main.bbox[0]) > 0.08 * ink.width:
        return False
    if bottom - top > 0.5 * (main.bbox[3] - main.bbox[1]):
        return False
    return len(ink.bands(box)) >= 2


def _split_above_first_ruling(table: Region, ink: InkMap) -> list[Region]:
    """A table whose first ruling has three or more text lines above it: those are a header block."""
    x0, top, x1, bottom = table.bbox
    rulings = [y for y in ink.rulings(table.bbox) if y - top > 8]
    if not rulings or top > 0.45 * ink.height:
        return [table]
    cut = rulings[0]
    above = [b for b in ink.bands((x0, top, x1, cut - 1)) if 4 <= b[1] - b[0] <= 24]
    below = ink.bands((x0, cut + 1, x1, bottom))
    if len(above) < 3 or len(below) < 3:
        return [table]
    head = Region("key_value", (x0, top, x1, above[-1][1]), table.score)
    return [head, replace(table, bbox=(x0, cut - 1, x1, bottom))]


def _key_value_by_words(r: Region, words: Sequence[Worded], page_height: float) -> list[Region]:
    """A region relabelled or split by the ``label: value`` lines among its words."""
    if r.kind not in ("text", "table", "title", "header") or r.bbox[1] > 0.6 * page_height:
        return [r]
    lines = _lines_in(r.bbox, words)
    flags = [bool(KEY_VALUE.search(text)) for _, _, text in lines]
    pairs = sum(len(KEY_VALUE.findall(text)) for _, _, text in lines)
    if not lines or pairs < 2:
        return [r]
    if r.kind != "table" and sum(flags) >= 0.4 * len(lines):
        return [replace(r, kind="key_value")]
    end = _key_value_prefix(flags)
    if r.kind == "table" and end >= 2 and len(lines) - end >= 2:
        x0, top, x1, bottom = r.bbox
        cut = (lines[end - 1][1] + lines[end][0]) / 2
        return [
            Region("key_value", (x0, top, x1, cut), r.score),
            replace(r, bbox=(x0, cut, x1, bottom)),
        ]
    if sum(flags) >= 0.6 * len(lines):
        return [replace(r, kind="key_value")]
    return [r]


def _key_value_prefix(flags: list[bool]) -> int:
    """Length of the longest leading run of lines that is mostly pairs and ends on a pair."""
    best = 0
    for n in range(1, len(flags) + 1):
        if flags[n - 1] and sum(flags[:n]) >= 0.5 * n:
            best = n
    return best


def _lines_in(box: Box, words: Sequence[Worded]) -> list[tuple[float, float, str]]:
    """Text lines (top, bottom, text) of the words whose centre lies in ``box``."""
    inside = [
        w
        for w in words
        if box[0] <= (w.x0 + w.x1) / 2 <= box[2] and box[1] <= (w.top + w.bottom) / 2 <= box[3]
    ]
    lines: list[list[Worded]] = []
    for w in sorted(inside, key=lambda w: ((w.top + w.bottom) / 2, w.x0)):
        yc, h = (w.top + w.bottom) / 2, max(w.bottom - w.top, 1.0)
        if lines and abs(yc - (lines[-1][0].top + lines[-1][0].bottom) / 2) <= 0.45 * h:
            lines[-1].append(w)
        else:
            lines.append([w])
    return [
        (
            min(w.top for w in ln),
            max(w.bottom for w in ln),
            " ".join(w.text for w in sorted(ln, key=lambda w: w.x0)),
        )
        for ln in lines
    ]


def join_key_value(regions: list[Region]) -> list[Region]:
    """Key-value regions sharing rows (columns of one header block) joined into one."""
    kv = [r for r in regions if r.kind == "key_value"]
    out = [r for r in regions if r.kind != "key_value"]
    for group in row_groups(kv):
        box = functools.reduce(union, (r.bbox for r in group))
        out.append(Region("key_value", box, max_of(r.score for r in group)))
    return out
