"""Rows of a curled sheet: each column's cells paired in order with the names, not by height.

A phone photo of a sheet that curls away from the lens prints every row's values a little higher
(or lower) than its name, more so the further down the sheet: by the last rows the value beside
a name belongs to the row below. No single height groups such rows. Here the names at the left
and the values (and ranges) to their right are read as columns, each in its own order, and
paired by a monotone alignment whose cost is how much the vertical offset between name and
value changes from one pair to the next: a drift is cheap, a jump of a row is not. The lines
rebuilt this way are one reading of the page; the line reader scores it against the plain one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from statistics import median

from checkup2action.ingestion.document import Word
from checkup2action.layout.lines import Segment, TextLine, line_of
from checkup2action.tables.beforevalue import ROW_NUMBER
from checkup2action.tables.content import looks_range, looks_unit, looks_value
from checkup2action.tables.groupnames import without_group_column
from checkup2action.tables.linereader import Record, line_records, record_row
from checkup2action.tables.offsetrows import merge_offset_rows
from checkup2action.tables.roles import Role
from checkup2action.tables.scoring import bad_name, is_result, names_analyte, score_row
from checkup2action.tables.settings import DEFAULT_SETTINGS, TableSettings
from checkup2action.tables.tokens import is_text

#: A value is paired with a name at most this many line heights above or below it.
MAX_OFFSET_LINES = 1.6
#: What leaving a name or a value unpaired inside the run costs, in line heights.
SKIP_COST_LINES = 0.8
#: What leaving one unpaired before the first pair or after the last costs.
EDGE_COST_LINES = 0.3
#: What a value with no range beside it costs when ranges are paired to values (rows without
#: a range are common; a range without a value is not).
RANGELESS_COST_LINES = 0.1
#: How far apart two paired cells may be in the order of their columns (skips between pairs).
MAX_STEP = 3
#: A cell that opens with a result: a number, perhaps after a comparator.
_NUMBER_START = re.compile(r"^[<>≤≥]?\s*\d[\d.,]*")
#: Fewest names a drifting run needs before it is worth reading this way.
MIN_ROWS = 4


@dataclass(slots=True)
class _Cell:
    """A cell of one column: its words and their mid-height."""

    words: list[Word]
    y: float
    x0: float


def drift_lines(lines: list[TextLine]) -> list[TextLine]:
    """Lines rebuilt by pairing the name column with the value and range columns in order;
    empty when the page has no such columns."""
    segments = [s for line in lines for s in _comparators_joined(line.segments)]
    if not segments:
        return []
    height = median(max(s.bottom - s.top, 1.0) for s in segments)
    names, values, ranges = _columns(segments, height)
    if len(names) < MIN_ROWS or len(values) < MIN_ROWS:
        return []
    by_value = dict(_align(names, values, height))
    range_of_value = dict(_align(values, ranges, height, RANGELESS_COST_LINES)) if ranges else {}
    out = []
    for i, name in enumerate(names):
        if i not in by_value:
            continue
        j = by_value[i]
        words = [*name.words, *values[j].words]
        if j in range_of_value:  # ranges follow the values beside them, which drift less
            words += ranges[range_of_value[j]].words
        out.append(line_of(words))
    return out


def _columns(segments: list[Segment], height: float) -> tuple[list[_Cell], ...]:
    """Name, value and range cells, each top to bottom: names in the largest column of
    left-aligned text, values in the leftmost column of numbers right of it, ranges in the largest
    column of ranges (a unit on its own joins the value nearest left of it)."""
    texts = [
        s
        for s in map(_without_row_number, segments)
        if _names_test(s.text) and not bad_name(s.text)
    ]
    names = max(_left_aligned(texts, height), key=len, default=[])
    if not names:
        return [], [], []
    name_x1 = median(s.x1 for s in names)
    right = [s for s in segments if s.x0 > name_x1]
    values = [s for s in right if _starts_value(s) and not looks_range(s.text)]
    ranges = [s for s in right if looks_range(s.text) and s not in values]
    units = [s for s in right if looks_unit(s.text) and s not in values and s not in ranges]
    value_cells = [_cell(s) for s in _first_column(values)]
    for unit in units:
        _attach_unit(value_cells, unit, height)
    return (
        sorted((_cell(s) for s in names), key=lambda c: c.y),
        sorted(value_cells, key=lambda c: c.y),
        sorted((_cell(s) for s in max(_stacked(ranges), key=len, default=[])), key=lambda c: c.y),
    )


def _without_row_number(segment: Segment) -> Segment:
    """A segment less the row number OCR set in it before the name: the names' column lines up
    on the names, whatever the numbers' drift puts beside some of them."""
    words = segment.words
    if len(words) >= 2 and ROW_NUMBER.fullmatch(words[0].text.strip()) and is_text(words[1].text):
        return Segment(words=words[1:])
    return segment


def _stacked(segments: list[Segment]) -> list[list[Segment]]:
    """Groups of segments standing one above another (each overlaps the group's width)."""
    groups: list[tuple[float, float, list[Segment]]] = []
    for s in sorted(segments, key=lambda s: s.x0):
        if groups and s.x0 <= groups[-1][1]:
            x0, x1, members = groups[-1]
            groups[-1] = (x0, max(x1, s.x1), [*members, s])
        else:
            groups.append((s.x0, s.x1, [s]))
    return [members for _, _, members in groups]


def _first_column(values: list[Segment]) -> list[Segment]:
    """The leftmost column of values with enough cells (a range's low and high cells printed as
    numbers stand in columns further right)."""
    columns = _stacked(values)
    return next((c for c in columns if len(c) >= MIN_ROWS), max(columns, key=len, default=[]))


def _comparators_joined(segments: list[Segment]) -> list[Segment]:
    """A line's segments with a lone comparator joined to the number after it (``<`` ``0.1``)."""
    out: list[Segment] = []
    for seg in segments:
        if out and out[-1].text.strip() in _COMPARATORS:
            out[-1] = Segment(words=out[-1].words + seg.words)
        else:
            out.append(seg)
    return out


_COMPARATORS = frozenset({"<", ">", "≤", "≥", "<=", ">="})


def _names_test(text: str) -> bool:
    """Text that can name a test: words, or a catalogue name that looks like a unit (PCV/HCT)."""
    return (is_text(text) and not looks_unit(text)) or ("/" in text and names_analyte(text))


def _starts_value(segment: Segment) -> bool:
    """A segment that opens with a result: a number, perhaps after a comparator."""
    m = _NUMBER_START.match(segment.text)
    return m is not None and looks_value(m.group(0))


def _left_aligned(segments: list[Segment], height: float) -> list[list[Segment]]:
    """Groups of segments whose left edges line up (each within a line height of the next)."""
    groups: list[list[Segment]] = []
    for s in sorted(segments, key=lambda s: s.x0):
        if groups and s.x0 - groups[-1][-1].x0 <= height:
            groups[-1].append(s)
        else:
            groups.append([s])
    return groups


def _cell(segment: Segment) -> _Cell:
    """A segment as a column cell."""
    return _Cell(list(segment.words), (segment.top + segment.bottom) / 2, segment.x0)


def _attach_unit(values: list[_Cell], unit: Segment, height: float) -> None:
    """Give a unit on its own to the value nearest it on its left, within a line's height."""
    y = (unit.top + unit.bottom) / 2
    near = [v for v in values if v.x0 < unit.x0 and abs(v.y - y) <= height]
    if near:
        min(near, key=lambda v: abs(v.y - y)).words.extend(unit.words)


def _align(
    names: list[_Cell], other: list[_Cell], height: float, skip_names: float = SKIP_COST_LINES
) -> list[tuple[int, int]]:
    """Pairs (name index, other index), in order, whose vertical offsets change least;
    ``skip_names``: what passing over one of ``names`` costs, in line heights."""
    reach = MAX_OFFSET_LINES * height
    skip, edge = SKIP_COST_LINES * height, EDGE_COST_LINES * height
    skip_first = skip_names * height
    best: dict[tuple[int, int], tuple[float, tuple[int, int] | None]] = {}
    for i, name in enumerate(names):
        for j, cell in enumerate(other):
            offset = cell.y - name.y
            if abs(offset) > reach:
                continue
            cost = edge * (i + j) + abs(offset)
            came: tuple[int, int] | None = None
            for pi in range(max(0, i - MAX_STEP), i):
                for pj in range(max(0, j - MAX_STEP), j):
                    if (pi, pj) not in best:
                        continue
                    prev = other[pj].y - names[pi].y
                    step = best[(pi, pj)][0] + abs(offset - prev)
                    step += skip_first * (i - pi - 1) + skip * (j - pj - 1)
                    if step < cost:
                        cost, came = step, (pi, pj)
            best[(i, j)] = (cost, came)
    if not best:
        return []
    end = min(
        best,
        key=lambda k: best[k][0] + edge * ((len(names) - 1 - k[0]) + (len(other) - 1 - k[1])),
    )
    pairs = []
    at: tuple[int, int] | None = end
    while at is not None:
        pairs.append(at)
        at = best[at][1]
    return pairs[::-1]


#: The drift reading replaces the plain one only when it scores this much better in total.
DRIFT_MARGIN = 2.0


def read_drifting(
    lines: list[TextLine],
    settings: TableSettings = DEFAULT_SETTINGS,
    pieces: Callable[[TextLine], list[TextLine]] = lambda line: [line],
) -> list[Record]:
    """The records of the lines, read line by line or, when that scores clearly better, with
    the names paired to the value and range columns in order (see :func:`drift_lines`).
    ``pieces`` cuts a line into the lines of the results it prints (a pair of values, a ticked
    answer), in both readings: the columns are found on the lines as printed."""
    merged = merge_offset_rows([piece for line in lines for piece in pieces(line)])
    plain = line_records(merged, settings)
    rebuilt = [piece for line in drift_lines(lines) for piece in pieces(line)]
    if not rebuilt:
        return plain
    top, bottom = min(ln.top for ln in rebuilt), max(ln.bottom for ln in rebuilt)
    outside = [r for r in plain if not top <= _top(r) <= bottom]
    drifted = sorted(line_records(rebuilt, settings) + outside, key=_top)
    if _points(drifted, settings) > _points(plain, settings) + DRIFT_MARGIN:
        return drifted
    return plain


def _top(rec: Record) -> float:
    """Where a record stands on the page: its name's top, else its first cell's."""
    cell = rec.cells.get(Role.NAME) or min(rec.cells.values(), key=lambda t: t.words[0].top)
    return cell.words[0].top


def _points(records: list[Record], settings: TableSettings) -> float:
    """What a reading's results are worth: the scores of its rows that read as results (a
    group column before the names left out, as the rows will be)."""
    rows = (without_group_column(record_row(r, 0)) for r in records if r.complete)
    scores = (score_row(row, settings) for row in rows)
    return sum(s.total for s in scores if is_result(s, settings))
