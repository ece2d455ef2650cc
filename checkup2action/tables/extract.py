"""Find the result tables of a document and read their rows, page by page."""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

from checkup2action.ingestion.document import Document, Page, Word
from checkup2action.layout.lines import Segment, TextLine, split_segments
from checkup2action.tables.bounds import PageRegionBoxes, table_line_indices, table_lines
from checkup2action.tables.checkboxes import ticked_lines
from checkup2action.tables.choose import TableSpan, choose_rows, uses_words
from checkup2action.tables.codecolumns import constant_codes
from checkup2action.tables.columns import group_extent, layout_from_header
from checkup2action.tables.content import looks_value
from checkup2action.tables.derived import with_derived_rows
from checkup2action.tables.detect import (
    HeaderCell,
    header_cells,
    header_words_below,
    split_groups,
)
from checkup2action.tables.driftrows import read_drifting
from checkup2action.tables.fieldblocks import field_block_rows
from checkup2action.tables.groupnames import without_group_column
from checkup2action.tables.headerless import headerless_body
from checkup2action.tables.linereader import Record, record_row, records_of
from checkup2action.tables.listitems import labelled_range_line, list_rows, split_label
from checkup2action.tables.matrix import find_matrices
from checkup2action.tables.model import Column, RawRow, TableLayout, TableResult
from checkup2action.tables.pairs import paired_lines
from checkup2action.tables.prose import prose_rows
from checkup2action.tables.realign import realign_columns
from checkup2action.tables.refit import refit_layout
from checkup2action.tables.roles import Role
from checkup2action.tables.rows import (
    KEY_VALUE,
    _assemble_free,
    assemble,
    is_cutoff_row,
    is_interpretive,
    is_not_performed_row,
)
from checkup2action.tables.scoring import bad_name, is_result, score_row
from checkup2action.tables.transposed import find_transposed
from checkup2action.tables.unitrows import name_noted_units, name_second_units
from checkup2action.tables.visits import (
    DATE_LINES_ABOVE,
    dated_from_above,
    dates_below,
    is_bare_date,
)

FOOTER = re.compile(
    r"(page\s*\d+\s*(of|/)\s*\d+|第\s*\d+\s*页|共\s*\d+\s*页|第\s*\d+\s*頁|共\s*\d+\s*頁|^\s*-\s*\d+\s*-\s*$|"
    r"报告医师|报告医生|审核医师|审核者|检验者|检验医师|報告醫師|審核|签名|簽名|printed on|report printed|"
    r"end of report|\*+\s*end|本报告仅对|本報告僅對|仅对所检|electronically signed|signature)",
    re.IGNORECASE,
)
HEADING_MAX_CHARS = 40
# Shorter repeated lines are cell fragments (a unit's "/L" wrapped at a page top), not letterheads.
FURNITURE_MIN_CHARS = 8


@dataclass(slots=True)
class OpenTable:
    """A table that may continue on the next page."""

    layout: TableLayout
    panel: str | None


@dataclass(slots=True)
class PageTables:
    """What one page contributed: rows, and which lines were table lines."""

    rows: list[RawRow] = field(default_factory=list)
    open_tables: list[OpenTable] = field(default_factory=list)
    spans: list[TableSpan] = field(default_factory=list)  # where its tables lie
    consumed: set[Word] = field(default_factory=set)  # words of every row read, kept or not

    def cover(
        self, lines: list[TextLine], rows: list[RawRow], layout: TableLayout | None = None
    ) -> None:
        """Record that a table read these lines into these rows (before risk bands are dropped)."""
        words = [w for r in rows for w in r.words()]
        if lines:
            top, bottom = min(ln.top for ln in lines), max(ln.bottom for ln in lines)
            x_range = (min(w.x0 for w in words), max(w.x1 for w in words)) if words else None
            self.spans.append(TableSpan(top, bottom, _value_column(rows, layout), x_range))
        self.consumed.update(words)


def _value_column(rows: list[RawRow], layout: TableLayout | None) -> tuple[float, float] | None:
    """Where a table prints its values: its value column's bounds widened to its rows' value
    words (an em either side); None when no row read a value, as a header's column bounds alone
    are too rough to judge other readings by."""
    words = [w for r in rows for w in r.cells.get(Role.VALUE, [])]
    if not words:
        return None
    em = statistics.median(max(w.height, 1.0) for w in words)
    x0, x1 = min(w.x0 for w in words) - em, max(w.x1 for w in words) + em
    for c in layout.columns if layout else []:
        if c.role is Role.VALUE:
            return min(x0, c.x0), max(x1, c.x1)
    return x0, x1


def _full_header(cells: list[HeaderCell]) -> bool:
    """A real table header (name, value and range columns), not an app's title bar."""
    roles = {c.role for c in cells}
    return {Role.VALUE, Role.RANGE} <= roles and bool(roles & {Role.NAME, Role.CODE})


def is_footer(line: TextLine) -> bool:
    """Page furniture: page numbers, signatures, print stamps."""
    return bool(FOOTER.search(line.text))


def heading_text(line: TextLine) -> str | None:
    """The text of a line that reads like a section heading, else None."""
    text = line.text.strip()
    if not text or len(text) > HEADING_MAX_CHARS or len(line.segments) > 2:
        return None
    if re.search(r"[:：]\s*\S", text) or is_footer(line) or header_cells(line):
        return None
    if sum(ch.isdigit() for ch in text) > len(text) / 3:
        return None
    return " ".join(s.text for s in line.segments)


def panel_above(lines: list[TextLine], start: int, stop: int, x0: float, x1: float) -> str | None:
    """The nearest heading-like line in lines[start:stop] inside the x-range, bottom up."""
    for line in reversed(lines[start:stop]):
        if KEY_VALUE.search(line.text):
            return None  # reached the patient block: a title above it is no section heading
        inside = [w for w in line.words if x0 <= w.xc < x1]
        if not inside or (len(inside) != len(line.words) and not _within(line, x0, x1)):
            continue
        text = heading_text(TextLine(words=inside, segments=_segments_within(line, x0, x1)))
        if text:
            return text
    return None


def _within(line: TextLine, x0: float, x1: float) -> bool:
    """Whether some of the line's segments lie wholly in the x-range."""
    return any(x0 <= s.x0 and s.x1 <= x1 for s in line.segments)


def _segments_within(line: TextLine, x0: float, x1: float) -> list:
    """The line's segments whose centre lies in the x-range."""
    return [s for s in line.segments if x0 <= (s.x0 + s.x1) / 2 < x1]


#: A gap this many times the body's usual line pitch ends a table: what follows (a signature
#: block at the foot of the page, a note) is no longer its rows.
TABLE_END_GAP = 8.0
#: A gap this many line heights tall ends a table whatever its pitch (a signature block under a
#: table of one or two rows, whose pitch is not known).
TABLE_END_HEIGHTS = 20.0


def before_wide_gap(body: list[TextLine]) -> list[TextLine]:
    """The body's lines up to the first gap far wider than its usual line pitch or far taller
    than its lines."""
    if len(body) < 2:
        return body
    pitches = [b.top - a.top for a, b in pairwise(body)]
    usual = statistics.median(pitches) if len(body) >= 4 else 0.0
    height = statistics.median(ln.height for ln in body)
    for i, pitch in enumerate(pitches):
        if i >= 2 and usual > 0 and pitch > TABLE_END_GAP * usual:
            return body[: i + 1]
        if height > 0 and pitch > TABLE_END_HEIGHTS * height:
            return body[: i + 1]
    return body


def tabular_spans(lines: list[TextLine], x0: float, x1: float) -> list[Segment]:
    """Segments of lines that look tabular (3+ segments in the x-range): prose would blur columns.

    Segments, not words, so that the space between two words of one name is no column gap.
    """
    out: list[Segment] = []
    for line in lines:
        segs = [s for s in line.segments if x0 <= (s.x0 + s.x1) / 2 < x1]
        if len(segs) >= 3:
            out += segs
    return out


def mark_styles(rows: list[RawRow]) -> None:
    """Mark values set in red or bold when most values of the document are not."""
    words = [(r, r.cells.get(Role.VALUE, [])) for r in rows]
    words = [(r, ws) for r, ws in words if ws]
    if len(words) < 3:
        return
    red = Counter(any(w.red for w in ws) for _, ws in words)
    bold = Counter(all(w.bold for w in ws) for _, ws in words)
    for row, ws in words:
        if any(w.red for w in ws) and red[True] < red[False]:
            row.style = "red"
        elif all(w.bold for w in ws) and bold[True] < bold[False]:
            row.style = "bold"


def drop_interpretive(rows: list[RawRow]) -> list[RawRow]:
    """Remove rows of interpretive sub-tables (risk bands) from a table's rows."""
    name_x0s = [r.cells[Role.NAME][0].x0 for r in rows if r.cells.get(Role.NAME)]
    if not name_x0s:
        return rows
    left = statistics.median(name_x0s) if len(name_x0s) < 4 else min(name_x0s)
    sizes = [w.size for r in rows for w in r.cells.get(Role.NAME, [])]
    em = statistics.median(sizes) if sizes else 10.0
    return [r for r in rows if not is_interpretive(r, left, em)]


def finish_rows(
    rows: list[RawRow],
    headings: list[tuple[int, str]],
    panel: str | None,
    index: int,
    columns: list[Column],
) -> list[RawRow]:
    """Give rows their panel (in-table headings switch it), table index and earlier-result
    columns; drop risk bands; add the results of derived columns (``MoM``)."""
    switch = dict(headings)
    current = panel
    previous = [c for c in columns if c.role is Role.PREVIOUS]
    for i, row in enumerate(rows):
        current = switch.get(i, current)
        row.panel = current
        row.table_index = index
        row.previous_columns = previous
    return with_derived_rows(drop_interpretive(rows), columns)


def page_tables(
    page: Page,
    lines: list[TextLine],
    carried: list[OpenTable],
    first_index: int,
    bounds: PageRegionBoxes | None = None,
) -> PageTables:
    """Rows of one page: a result list, or continued tables at the top, header tables, or a
    headerless table (``bounds``: layout regions keep prose out of the tables, not of lists)."""
    lines = [ln for ln in lines if not is_footer(ln)]
    headers = [(i, cells) for i, ln in enumerate(lines) if (cells := _header_of(lines, i))]
    headers = _tilted_headers_joined(lines, headers)
    if not any(_full_header(cells) for _, cells in headers):
        listed = list_page(page, lines, carried, first_index)
        if listed is not None:
            return listed  # an app's result list, whatever header-like words its title bar holds
    header_at = dict(headers)
    in_tables = table_line_indices(lines, bounds, header_at)
    if len(in_tables) < len(lines):  # the layout regions left prose out (never a header line)
        lines = [lines[i] for i in in_tables]
        headers = [(j, header_at[i]) for j, i in enumerate(in_tables) if i in header_at]
    out = PageTables()
    first = headers[0][0] if headers else len(lines)
    index = first_index
    for table in carried:
        if not table.layout.columns:
            continue
        layout = table.layout
        if page.kind == "scanned":  # a picture of its own: its columns may sit elsewhere
            layout = refit_layout(layout, lines[:first])
        rows, heads = assemble(layout, lines[:first], page.rulings, page.number, 0.0)
        if rows:
            out.cover(lines[:first], rows, layout)
            out.rows += finish_rows(rows, heads, table.panel, index, layout.columns)
            out.open_tables.append(table)
            index += 1
    for h, (line_no, cells) in enumerate(headers):
        stop = headers[h + 1][0] if h + 1 < len(headers) else len(lines)
        prev_stop = headers[h - 1][0] + 1 if h else 0
        cells, start = with_dates_below(lines, line_no, stop, cells)
        if start == line_no + 1 < stop:
            cells, start = _with_header_words_below(lines, line_no, cells)
        header_bottom = lines[start - 1].bottom
        groups = split_groups(cells)
        opened: list[OpenTable] = []
        body = before_wide_gap(lines[start:stop])
        body_all = [w for line in body for w in line.words]
        for g in range(len(groups)):
            x0, x1 = group_extent(groups, g, 0.0, page.width, body_all)
            body_words = tabular_spans(body, x0, x1)
            layout = layout_from_header(groups[g], body_words, page.rulings, header_bottom, x0, x1)
            panel = panel_above(lines, prev_stop, line_no, x0, x1)
            if panel is None and h == 0 and out.open_tables:
                panel = out.open_tables[min(g, len(out.open_tables) - 1)].panel
            rows, heads = assemble(layout, body, page.rulings, page.number, header_bottom)
            out.cover(lines[line_no:stop], rows, layout)
            kept = finish_rows(rows, heads, panel, index, layout.columns)
            out.rows += kept
            opened.append(OpenTable(layout, kept[-1].panel if kept else panel))
            index += 1
        out.open_tables = opened
    if not headers and not out.rows:
        continuing = any(t.layout.source == "content" for t in carried)
        free, start = headerless_body(lines, continuing=continuing)
        if free:
            rows, heads = _assemble_free(free, page.number)
            out.cover([b.line for b in free], rows)
            panel = panel_above(lines, max(0, start - 2), start, 0.0, page.width)
            if panel is None and continuing and carried:
                panel = carried[0].panel
            kept = finish_rows(rows, heads, panel, index, [])
            out.rows += kept
            layout = TableLayout(columns=[], x0=0.0, x1=page.width, source="content")
            out.open_tables = [OpenTable(layout, kept[-1].panel if kept else panel)]
    return out


def _header_of(lines: list[TextLine], i: int) -> list[HeaderCell] | None:
    """The header cells of line i, its columns perhaps named by visit dates printed above."""
    cells = header_cells(lines[i])
    if cells is not None or i == 0:
        return cells
    dated = dated_from_above(lines[i], lines[max(0, i - DATE_LINES_ABOVE) : i])
    return header_cells(dated) if dated is not None else None


def _tilted_headers_joined(
    lines: list[TextLine], headers: list[tuple[int, list[HeaderCell]]]
) -> list[tuple[int, list[HeaderCell]]]:
    """Two headers of side-by-side tables that a tilted photo put on consecutive lines (one
    ends left of where the other begins, less than a line apart) as one header, at the lower
    line: each table's body starts under both."""
    out: list[tuple[int, list[HeaderCell]]] = []
    for line_no, cells in headers:
        if out and out[-1][0] == line_no - 1 and _beside(out[-1][1], cells):
            upper, lower = lines[line_no - 1], lines[line_no]
            if lower.top - upper.top < max(upper.height, lower.height):
                out[-1] = (line_no, sorted(out[-1][1] + cells, key=lambda c: c.x0))
                continue
        out.append((line_no, cells))
    return out


def _beside(a: list[HeaderCell], b: list[HeaderCell]) -> bool:
    """Whether two headers' cells lie wholly apart across the page, each with its own name."""
    apart = max(c.x1 for c in a) < min(c.x0 for c in b) or max(c.x1 for c in b) < min(
        c.x0 for c in a
    )
    named = all(any(c.role in (Role.NAME, Role.CODE) for c in h) for h in (a, b))
    return apart and named


def _with_header_words_below(
    lines: list[TextLine], line_no: int, cells: list[HeaderCell]
) -> tuple[list[HeaderCell], int]:
    """A header's cells with header words set on the line under it, which loses them (see
    ``header_words_below``), and the index of the first body line."""
    below = lines[line_no + 1]
    cells, taken = header_words_below(cells, lines[line_no], below)
    if not taken:
        return cells, line_no + 1
    rest = [w for w in below.words if all(w is not t for t in taken)]
    if not rest:
        return cells, line_no + 2
    lines[line_no + 1] = TextLine(words=rest, segments=split_segments(rest))
    return cells, line_no + 1


def with_dates_below(
    lines: list[TextLine], line_no: int, stop: int, cells: list[HeaderCell]
) -> tuple[list[HeaderCell], int]:
    """A header's cells with the dates printed on a line under them (``上次結果`` over
    ``(2021/09/01)``), and the index of the first body line."""
    if line_no + 1 >= stop:
        return cells, line_no + 1
    dated = dates_below(cells, lines[line_no + 1], lines[line_no])
    return (dated, line_no + 2) if dated else (cells, line_no + 1)


def list_page(
    page: Page, lines: list[TextLine], carried: list[OpenTable], index: int
) -> PageTables | None:
    """Rows of a page laid out as an app's result list (``listitems``), else None."""
    continuing = any(t.layout.source == "list" for t in carried)
    found = list_rows(lines, page.number, continuing=continuing)
    if found is None:
        return None
    panel = carried[0].panel if continuing else None
    out = PageTables()
    out.cover(lines, found[0])
    kept = finish_rows(*found, panel, index, [])
    layout = TableLayout(columns=[], x0=0.0, x1=page.width, source="list")
    out.rows, out.open_tables = kept, [OpenTable(layout, kept[-1].panel if kept else panel)]
    return out


def reads_as_result(line: TextLine, codes: frozenset[str] = frozenset()) -> bool:
    """Whether a line holds a record the content scorer takes for a result, with a method
    column's ``codes`` (see ``constant_codes``) set aside."""
    return any(_scores_as_result(rec) for rec in records_of(line, 0, codes=codes))


def _scores_as_result(rec: Record) -> bool:
    """A complete record the content scorer takes for a result."""
    return rec.complete and is_result(score_row(record_row(rec, 0)))


def page_furniture(doc: Document, lines_by_page: dict[int, list[TextLine]]) -> set[str]:
    """Texts repeated on several pages near the top or bottom: letterheads, running headers."""
    seen: Counter[str] = Counter()
    line_of: dict[str, TextLine] = {}
    for page in doc.pages:
        edge = {
            ln.text: ln
            for ln in lines_by_page.get(page.number, [])
            if (ln.bottom < page.height * 0.25 or ln.top > page.height * 0.85)
            and len(ln.text) >= FURNITURE_MIN_CHARS
            and not header_cells(ln)
            and not labelled_range_line(ln)
            and not all(is_bare_date(w.text) for w in ln.words)  # dates under a header
        }
        seen.update(edge.keys())
        line_of.update(edge)
    repeated = {text for text, n in seen.items() if n >= 2}
    # the same result printed on two reports of one file is no letterhead
    return {text for text in repeated if not _result_like(line_of[text])}


#: A page with this many lines that read like results but no result gets a warning.
UNREAD_LINES = 3


def result_like_lines(lines: list[TextLine]) -> int:
    """How many lines read like results (see :func:`_result_like`)."""
    return sum(1 for ln in lines if _result_like(ln))


def _result_like(line: TextLine) -> bool:
    """A line that reads as a result, or holds a name, a value and a unit or range (a test the
    catalogue lacks: ``Vizelet aceton  Neg  mmol/L``): never page furniture."""
    return any(_scores_as_result(rec) or _shaped_as_test(rec) for rec in records_of(line, 0))


def _shaped_as_test(rec: Record) -> bool:
    """A complete record with a value, a unit or range, and a name that is no label."""
    return (
        rec.complete
        and looks_value(rec.cells[Role.VALUE].text)
        and (rec.has(Role.UNIT) or rec.has(Role.RANGE))
        and not bad_name(rec.cells[Role.NAME].text)
    )


def line_rows(page: Page, lines: list[TextLine], bounds: PageRegionBoxes | None) -> list[RawRow]:
    """The page read line by line by content, no header needed (``tables.linereader``); a line
    the layout model put in prose stays when it reads as a result (the model misjudges photos)
    or gives one its range (``Reference Interval: …``). Blocks of labelled fields
    (``tables.fieldblocks``) take the place of what the line reader made of their words."""
    inside = {id(ln) for ln in table_lines(lines, bounds)}
    codes = constant_codes(lines)
    usable = [
        ln
        for ln in lines
        if (id(ln) in inside or reads_as_result(ln, codes) or split_label(ln.words) is not None)
        and not is_footer(ln)
    ]
    records = read_drifting(usable, pieces=result_lines)
    name_noted_units(records)
    rows = [without_group_column(record_row(rec, page.number)) for rec in records]
    return with_field_blocks(
        rows, field_block_rows([ln for ln in lines if not is_footer(ln)], page.number)
    )


def result_lines(line: TextLine) -> list[TextLine]:
    """A line cut to its ticked answer (``tables.checkboxes``) and into one line per result of
    a pair it prints (``tables.pairs``)."""
    return [piece for ticked in ticked_lines(line) for piece in paired_lines(ticked)]


def with_field_blocks(rows: list[RawRow], blocks: list[RawRow]) -> list[RawRow]:
    """Line rows and field-block rows of a page: a block's row takes the place of the line rows
    that share its words when it fills more cells than each of them, else it is left out."""
    out = list(rows)
    for block in blocks:
        rivals = [r for r in out if uses_words(r, set(block.words()))]
        if all(_filled(r) < _filled(block) for r in rivals):
            out = [r for r in out if all(r is not rival for rival in rivals)] + [block]
    return out


def _filled(row: RawRow) -> int:
    """How many of a row's cells hold words."""
    return sum(1 for words in row.cells.values() if words)


def result_points(page: Page, lines: list[TextLine], bounds: PageRegionBoxes | None) -> float:
    """How much a page's lines read as results (the summed scores of the rows both readings
    choose): for choosing between two groupings of the same words into lines."""
    lines = [ln for ln in lines if not is_footer(ln)]
    got = page_tables(page, lines, [], 0, bounds)
    rows = choose_rows(got.rows, got.spans, got.consumed, line_rows(page, lines, bounds))
    return sum(max(0.0, score_row(r).total) for r in rows)


#: A list item's number (``2.``, ``(3)``, ``4、``): never a result when it stands left of the name.
_LIST_NUMBER = re.compile(r"^[(（]?\d{1,2}[.)）、]$")


def list_number_row(row: RawRow) -> bool:
    """Whether a row's only value is the number of a numbered list's next item, left of its name
    (a summary's ``1. LDL high`` / ``2. …`` lines are no results)."""
    values, names = row.cells.get(Role.VALUE), row.cells.get(Role.NAME)
    if not values or not names:
        return False
    left_of_name = min(w.x0 for w in values) < min(w.x0 for w in names)
    return left_of_name and all(_LIST_NUMBER.match(w.text) for w in values)


def _set_aside(row: RawRow) -> bool:
    """A row that is no result: a list item's number, a cut-off table's band, a test not done."""
    return list_number_row(row) or is_cutoff_row(row) or is_not_performed_row(row)


def extract_rows(
    doc: Document,
    lines_by_page: dict[int, list[TextLine]],
    regions: dict[int, PageRegionBoxes] | None = None,
) -> TableResult:
    """Rows of every table in the document, in reading order; ``regions`` (layout regions of
    pages read from pictures, working-frame points) keep prose and footers out of tables."""
    result = TableResult()
    carried: list[OpenTable] = []
    furniture = page_furniture(doc, lines_by_page)
    for page in doc.pages:
        lines = [ln for ln in lines_by_page.get(page.number, []) if ln.text not in furniture]
        bounds = (regions or {}).get(page.number)
        grids = [*find_matrices(lines, page.number), *find_transposed(lines, page.number)]
        in_grid = {id(ln) for g in grids for ln in g.lines}
        lines = [ln for ln in lines if id(ln) not in in_grid]
        got = page_tables(page, lines, carried, len(result.rows), bounds)
        chosen = choose_rows(got.rows, got.spans, got.consumed, line_rows(page, lines, bounds))
        chosen = [row for row in chosen if not _set_aside(row)]
        realign_columns(chosen)
        name_second_units(chosen)
        result.rows += chosen
        result.rows += [row for g in grids for row in g.rows]
        if not chosen and not grids:  # no table: results written in sentences, if any
            result.rows += prose_rows(lines, page.number)
        if not any(row.page == page.number for row in result.rows):
            unread = result_like_lines(lines)
            if unread >= UNREAD_LINES:
                result.unread_pages.append((page.number, unread))
        carried = got.open_tables
    mark_styles(result.rows)
    return result
