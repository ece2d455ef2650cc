"""Choose between readings of a page: header tables (or app lists) against per-line content.

Each reading proposes rows; every row is scored by content (``tables.scoring``). Where a header
table was read, its rows stand unless the line reading of the same lines scores clearly better
(``prefer_header_margin``), and a line row may join them only from words the table did not read.
Outside every table the line reading's rows stand on their own scores. Where the two readings
read one value differently and score within ``runner_up_margin``, the row is kept for review.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from itertools import pairwise

from checkup2action.grammar.values import normalize_qualitative, parse_value
from checkup2action.ingestion.document import Word
from checkup2action.tables.content import (
    looks_count_span,
    looks_numeric_value,
    looks_unit,
    looks_value,
)
from checkup2action.tables.model import RawRow
from checkup2action.tables.roles import Role
from checkup2action.tables.rows import MARK_RESULT
from checkup2action.tables.scoring import RowScore, bad_name, is_result, measured_row, score_row
from checkup2action.tables.settings import DEFAULT_SETTINGS, TableSettings


@dataclass(frozen=True, slots=True)
class TableSpan:
    """Where a table of the header reading lies: its lines' y-range, its value column and the
    x-range of its rows' words (panels printed side by side share a y-range, not an x-range)."""

    top: float
    bottom: float
    value_x: tuple[float, float] | None = None  # x-range of the value column, when known
    x_range: tuple[float, float] | None = None  # x-range of the rows' words, when known


@dataclass(slots=True)
class Scored:
    """A candidate row and its score."""

    row: RawRow
    score: RowScore

    @property
    def value_words(self) -> list[Word]:
        """The row's value words (or all its words when it read no value)."""
        return self.row.cells.get(Role.VALUE) or self.row.words()

    @property
    def yc(self) -> float:
        """Vertical centre of the row's value (or of the row)."""
        words = self.value_words
        return sum(w.yc for w in words) / len(words)

    @property
    def xc(self) -> float:
        """Horizontal centre of the row's value (or of the row)."""
        words = self.value_words
        return sum(w.xc for w in words) / len(words)


def _in_rows(s: Scored, span: TableSpan) -> bool:
    """Whether a row's value lies within a table's y-range."""
    return span.top - 1 <= s.yc <= span.bottom + 1


def _in_columns(s: Scored, span: TableSpan) -> bool:
    """Whether a row's value lies within a table's x-range (an em either side), when known."""
    words = s.value_words
    if span.x_range is None or not words:
        return True
    em = max(words[0].height, 1.0)
    return span.x_range[0] - em <= s.xc <= span.x_range[1] + em


def spans_of(s: Scored, spans: list[TableSpan]) -> list[TableSpan]:
    """The tables a row lies in: those whose lines it lies among and whose columns hold its
    value (a panel beside a table shares its lines, not its columns); when none of them holds
    it (a stray mark right of every table), all those whose lines it lies among."""
    rows = [span for span in spans if _in_rows(s, span)]
    return [span for span in rows if _in_columns(s, span)] or rows


def _in_value_column(s: Scored, span: TableSpan) -> bool:
    """Whether a row's value sits where the table prints values (any column when unknown)."""
    if span.value_x is None:
        return True
    words = s.row.cells.get(Role.VALUE) or []
    x0, x1 = span.value_x
    return any(x0 - 2 <= w.xc <= x1 + 2 for w in words)


def _value_in_ranges(s: Scored, table: list[Scored]) -> bool:
    """Whether a line row without a range of its own reads as its value a word standing where
    at least two rows of the header reading print their ranges (``阴性`` under 参考值 when the
    result cell's dash was not read)."""
    value = s.row.cells.get(Role.VALUE) or []
    if not value or s.row.cells.get(Role.RANGE):
        return False
    x, em = value[0].x0, max(value[0].height, 1.0)
    starts = [t.row.cells[Role.RANGE][0].x0 for t in table if t.row.cells.get(Role.RANGE)]
    return sum(abs(x0 - x) <= em for x0 in starts) >= 2


def _points(rows: list[Scored]) -> float:
    """A reading's worth: the summed scores of its rows (a bad row adds nothing)."""
    return sum(max(0.0, s.score.total) for s in rows)


def choose_rows(
    table_rows: list[RawRow],
    spans: list[TableSpan],
    consumed: set[Word],
    line_rows: list[RawRow],
    settings: TableSettings = DEFAULT_SETTINGS,
) -> list[RawRow]:
    """The page's rows: in each table the better reading with what the other adds, line rows
    elsewhere, table rows first and the rest in reading order."""
    tables = [Scored(r, score_row(r, settings)) for r in table_rows]
    for s in tables:
        s.score.add(
            settings.weights.header_column, "header"
        )  # the header says which cell is the value
    tables = [s for s in tables if _table_row_stands(s, settings)]
    lines = with_column_support([Scored(r, score_row(r, settings)) for r in line_rows], settings)
    lines = [s for s in lines if is_result(s.score, settings)]
    dropped: set[int] = set()  # table rows that lost to the line reading of their table
    taken: list[Scored] = []  # line rows that won a table
    homes = {id(s): spans_of(s, spans) for s in [*tables, *lines]}  # the tables each row lies in
    for span in spans:
        in_table = [s for s in tables if span in homes[id(s)]]
        in_lines = [s for s in lines if span in homes[id(s)] and not _value_in_ranges(s, in_table)]
        if _points(in_lines) > settings.prefer_header_margin * _points(in_table) + 1e-9:
            won = {w for s in in_lines for w in s.row.words()}
            dropped.update(id(s) for s in in_table if uses_words(s.row, won))  # the rest still add
            taken += [s for s in in_lines if all(s is not t for t in taken)]
    kept = [s for s in tables if id(s) not in dropped]
    kept_words = {w for s in kept for w in s.row.words()}
    free = [
        s
        for s in lines
        if all(s is not t for t in taken)
        and (not uses_words(s.row, consumed) or _reclaims(s, kept_words, settings))
    ]
    free = [s for s in free if all(_fits_table(s, sp, settings) for sp in homes[id(s)])]
    mark_runners_up(kept, lines, settings)
    mark_runners_up(taken, tables, settings)
    kept_values = {w for s in kept for w in s.row.cells.get(Role.VALUE, [])}
    extra = [s for s in taken + free if not uses_words(s.row, kept_words)]
    extra += [
        s for s in lines if s.row.second_value and s not in extra and _second_free(s, kept_values)
    ]
    lost = [s for s in tables if id(s) in dropped]
    for s in extra:
        s.row.panel = _panel_of_lost(s, lost) or _panel_above(s, kept)
    return [s.row for s in kept] + [s.row for s in sorted(extra, key=lambda s: s.yc)]


def mark_runners_up(chosen: list[Scored], others: list[Scored], settings: TableSettings) -> None:
    """Mark a chosen row when another reading read the same row (a name word in common) with
    another of its words as the value, scoring within ``runner_up_margin``: the page reads two
    ways, a person should look."""
    for s in chosen:
        name = set(s.row.cells.get(Role.NAME) or [])
        mine = set(s.row.words())
        if not name:
            continue
        top, bottom = min(w.top for w in mine), max(w.bottom for w in mine)
        for o in others:
            if o is s or not _spans_overlap(o.row, top, bottom):
                continue
            if _read_value(o.row) == _read_value(s.row):
                continue
            same_row = _touches(o.row.cells.get(Role.NAME) or [], name)
            their_value_is_mine = _touches(o.row.cells.get(Role.VALUE) or [], mine)
            close = s.score.total - o.score.total <= settings.runner_up_margin
            if same_row and their_value_is_mine and close:
                s.row.ambiguous = (
                    f"also read as {o.row.text(Role.NAME)!r} = {o.row.text(Role.VALUE)!r}"
                )


def _spans_overlap(row: RawRow, top: float, bottom: float) -> bool:
    """Whether a row's words reach into a y-range."""
    words = row.words()
    return bool(words) and min(w.top for w in words) < bottom and max(w.bottom for w in words) > top


def _read_value(row: RawRow) -> tuple[float | None, str | None, str | None]:
    """What a row's value cell means (number, comparator, word), whatever flags it carries."""
    parsed = parse_value(row.text(Role.VALUE))
    return parsed.value, parsed.comparator, parsed.value_text


def with_column_support(rows: list[Scored], settings: TableSettings) -> list[Scored]:
    """Rows short of a result's score whose name and value stand in the columns of the page's
    results (a table's row that prints no unit or range) gain ``column_aligned`` points; a row
    whose value stands right of every cell of the results in its column of names loses
    ``beyond_columns`` (its own value unread, it took a code from a column no result reads: a
    lab's site code ``01`` beside a result hidden under a watermark)."""
    good = [s for s in rows if is_result(s.score, settings)]
    beyond = [s for s in good if _beyond_columns(s, good, settings.beyond_share)]
    for s in beyond:
        s.score.add(settings.weights.beyond_columns, "beyond")
    for s in rows:
        if s in good or s.score.total <= 0 or not s.row.cells.get(Role.VALUE):
            continue
        aligned = _aligned(s, good, Role.VALUE) >= 3 and _aligned(s, good, Role.NAME) >= 3
        if aligned and _near_results(s, good, settings.column_reach_pitches):
            s.score.add(settings.weights.column_aligned, "column")
    return rows


def _near_results(s: Scored, good: list[Scored], pitches: float) -> bool:
    """Whether a row lies among or near the results of its page: within ``pitches`` of their
    median line pitch above the first or below the last."""
    ys = sorted(g.yc for g in good if g.row.page == s.row.page)
    if len(ys) < 2:
        return True
    pitch = statistics.median(b - a for a, b in pairwise(ys))
    reach = pitches * max(pitch, 1.0)
    return ys[0] - reach <= s.yc <= ys[-1] + reach


def _beyond_columns(s: Scored, good: list[Scored], share: float) -> bool:
    """Whether a row's value starts right of every cell of a ``share`` (and three or more) of the
    other results whose names start where its name does (within an em): one table's rows, its
    value in none of their columns."""
    names, values = s.row.cells.get(Role.NAME) or [], s.row.cells.get(Role.VALUE) or []
    if not names or not values:
        return False
    em = max(names[0].size, names[0].height, 1.0)
    same = [
        g.row.words()
        for g in good
        if g is not s
        and g.row.page == s.row.page
        and (other := g.row.cells.get(Role.NAME))
        and abs(other[0].x0 - names[0].x0) <= em
    ]
    left = sum(values[0].x0 > max(w.x1 for w in ws) + em for ws in same)
    return left >= 3 and left >= share * len(same)


def _aligned(s: Scored, good: list[Scored], role: Role) -> int:
    """How many results start their cell of this role where this row does (within an em)."""
    words = s.row.cells.get(role) or []
    if not words:
        return 0
    x, em = words[0].x0, max(words[0].size, words[0].height, 1.0)
    return sum(
        1
        for g in good
        if g.row.page == s.row.page
        and (other := g.row.cells.get(role))
        and abs(other[0].x0 - x) <= em
    )


def _second_free(s: Scored, kept_values: set[Word]) -> bool:
    """A second value of a row (its name shared) stands when no kept row reads it as a value."""
    return not uses_words(
        RawRow(page=s.row.page, cells={Role.VALUE: s.row.cells[Role.VALUE]}), kept_values
    )


def _table_row_stands(s: Scored, settings: TableSettings) -> bool:
    """A header table's row stands on its columns when its value is a number or a mark and its
    name is no label or risk band; a word result beside a name the catalogue does not know
    (``心音 正常``: an examination, not a test) must read as a result by content."""
    name = s.row.text(Role.NAME) or s.row.text(Role.CODE)
    measured = measured_row(s.row.text(Role.VALUE), s.row.text(Role.RANGE))
    if name and bad_name(name, header_words=not measured):
        return False
    text = s.row.text(Role.VALUE).strip()
    if MARK_RESULT.match(text) or looks_numeric_value(text):
        return True
    if looks_count_span(text) and s.row.text(Role.RANGE).strip() != text:
        return True  # 0-2/HP under a result header: a microscopy count
    parsed = parse_value(text)
    if parsed.value is not None and parsed.unit_raw and looks_unit(parsed.unit_raw):
        return True  # a number with its unit in the value cell (``25.000 /mL``)
    if looks_value(text) and s.score.analyte is not None:
        return True
    meaning = normalize_qualitative(text)
    if meaning is not None and meaning not in ("normal", "abnormal") and text not in _NONE_WORDS:
        return True  # Negative, Reactive, 阴性, 2+: results of a test the catalogue lacks
    return is_result(s.score, settings)


#: "None" answers of an examination form (病史 无), no test results.
_NONE_WORDS = frozenset({"无", "無", "none", "None"})


def _value_read(row: RawRow) -> bool:
    """Whether a table row's value is one the grammar reads (a number, a known word, a mark);
    other words stand only when the row reads as a result by content."""
    text = row.text(Role.VALUE)
    return looks_value(text) or bool(MARK_RESULT.match(text.strip()))


def uses_words(row: RawRow, words: set[Word]) -> bool:
    """Whether a row holds a word (or a piece of one) already read into another row."""
    return _touches(row.words(), words)


def _touches(mine: list[Word], words: set[Word]) -> bool:
    """Whether any of the words is (or overlaps) one of the others."""
    if any(w in words for w in mine):
        return True
    if not mine or not words:
        return False
    top, bottom = min(w.top for w in mine), max(w.bottom for w in mine)
    near = [b for b in words if b.bottom > top and b.top < bottom and b.page == mine[0].page]
    return any(_overlap(a, b) for a in mine for b in near)


def _overlap(a: Word, b: Word) -> bool:
    """Whether two word boxes share most of the smaller one (a word and a piece of it)."""
    dx = min(a.x1, b.x1) - max(a.x0, b.x0)
    dy = min(a.bottom, b.bottom) - max(a.top, b.top)
    if dx <= 0 or dy <= 0:
        return False
    smaller = min((a.x1 - a.x0) * (a.bottom - a.top), (b.x1 - b.x0) * (b.bottom - b.top))
    return dx * dy >= 0.5 * smaller


def _reclaims(s: Scored, kept_words: set[Word], settings: TableSettings) -> bool:
    """A line row of a known analyte scoring ``reclaim_score`` or more, none of whose words a
    kept table row holds: the header reading read its line but threw the row away (a site code
    glued to the name split into the value column)."""
    strong = s.score.analyte is not None and s.score.total >= settings.reclaim_score
    return strong and not uses_words(s.row, kept_words)


def _fits_table(s: Scored, span: TableSpan, settings: TableSettings) -> bool:
    """A line row may join a table it lies in only with its value in the value column and
    strong evidence."""
    return _in_value_column(s, span) and _strong(s, settings)


def _strong(s: Scored, settings: TableSettings) -> bool:
    """A line row inside a table's lines that the table missed: an analyte with more evidence."""
    return s.score.analyte is not None and s.score.total >= settings.min_row_score + 1.0


def _panel_of_lost(s: Scored, lost: list[Scored]) -> str | None:
    """The panel of a table row this line row won over (it read the same name): the table's
    reading of its lines lost, not the panel headings it read above them."""
    mine = s.row.cells.get(Role.NAME) or []
    return next(
        (
            t.row.panel
            for t in lost
            if t.row.panel and _touches(mine, set(t.row.cells.get(Role.NAME) or []))
        ),
        None,
    )


def _panel_above(s: Scored, kept: list[Scored]) -> str | None:
    """The panel of the nearest table row above on the page."""
    above = [k for k in kept if k.row.page == s.row.page and k.yc <= s.yc]
    return max(above, key=lambda k: k.yc).row.panel if above else None
