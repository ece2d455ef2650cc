"""Assemble body lines of a table into result rows (wrapped names and values, headings)."""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum

from checkup2action.grammar.catalogue import load_catalogue
from checkup2action.grammar.flags import value_and_mark
from checkup2action.ingestion.document import Ruling, Word
from checkup2action.layout.lines import TextLine, join_words
from checkup2action.tables.bands import ends_bands
from checkup2action.tables.cellfix import tidy_cells, unit_after_value
from checkup2action.tables.columns import assign_words
from checkup2action.tables.content import (
    looks_count_span,
    looks_flag,
    looks_numeric_value,
    looks_range,
    looks_unit,
    looks_value,
)
from checkup2action.tables.model import RawRow, TableLayout
from checkup2action.tables.offsetrows import merge_adjacent
from checkup2action.tables.roles import Role

NOTE_LINE = re.compile(
    r"^(method|methodology|specimen|sample|note|notes|comment|comments|remark|remarks|interpretation|"
    r"please note|clinical significance|方法|检测方法|標本|标本|样本|备注|備註|注|说明|說明|临床意义|建议)\b",
    re.IGNORECASE,
)
INTERPRETIVE_NAME = re.compile(
    r"^(low|average|high|moderate|desirable|borderline(\s+high|\s+low)?|optimal|near\s+optimal|"
    r"above\s+optimal|very\s+high|normal|prediabetes|pre-diabetes|diabetes|diabetic|deficien\w*|"
    r"insufficien\w*|sufficien\w*|toxic\w*|(low|high|average|moderate|intermediate)\s+risk|risk|"
    r"intermediate|optimum|ideal|acceptable|elevated|negative|positive|equivocal|indeterminate|"
    r"理想|合适|合适范围|边缘升高|边缘|升高|降低|正常|偏高|偏低|危险|高危|低危|中危)\s*:?$",
    re.IGNORECASE,
)
# `姓名：王小明`, `Patient ID:` – a label with a colon is a header field, not a test name.
KEY_VALUE = re.compile(r"[:：]\s*\S|[:：]\s*$")
SIDE_ROLES = (Role.VALUE, Role.UNIT, Role.RANGE, Role.FLAG, Role.PREVIOUS, Role.DERIVED)


class LineKind(Enum):
    """How a body line takes part in rows."""

    ROW = "row"
    NAME_ONLY = "name_only"
    CONT = "continuation"
    TEXT = "text"


@dataclass(slots=True)
class BodyLine:
    """A table body line with its words split into columns."""

    line: TextLine
    cells: dict[Role, list[Word]]
    kind: LineKind


def classify(cells: dict[Role, list[Word]]) -> LineKind:
    """Classify a body line from which columns it fills and what they look like."""
    text = {role: join_words(ws) for role, ws in cells.items()}
    if key_value_text(text.get(Role.NAME, "")) and not _colon_before_result(text):
        return LineKind.TEXT
    has_name = bool(text.get(Role.NAME) or text.get(Role.CODE))
    value_ok = value_reads(cells)
    side = [r for r in SIDE_ROLES if text.get(r)]
    if has_name and value_ok:
        return LineKind.ROW
    if has_name and not side:
        return LineKind.NAME_ONLY
    if not has_name and side and _side_cells_plausible(text):
        return LineKind.CONT
    return LineKind.TEXT


def _colon_before_result(text: dict[Role, str]) -> bool:
    """A name that only ends in a colon, with a value and a range in their columns
    (``Uremia :  93,9  mg/dL  | 21,0 - 43,0 |``): a result row whose name the catalogue lacks,
    not a ``label: value`` line (those print no range)."""
    name = text.get(Role.NAME, "").rstrip()
    last = name.rstrip(":：").split()[-1:] or [""]
    return (
        name.endswith((":", "："))
        and not last[0].isdigit()  # ``报告时间：2019-04-01 14:``: a time cut at its colon
        and looks_value(text.get(Role.VALUE, ""))
        and looks_range(text.get(Role.RANGE, "").strip(" |"))
    )


def key_value_text(name: str) -> bool:
    """A name cell holding ``label: value`` text (``姓名：…``, ``Sample: …``), not a test name
    with a colon in it (``镜检：白细胞``, ``Mean Corpuscular Hb Conc (M.C.H.C.):``)."""
    if not KEY_VALUE.search(name):
        return False
    catalogue = load_catalogue()
    after = re.split(r"[:：]", name, maxsplit=1)[1].strip()
    return catalogue.match(name) is None and not (after and catalogue.match(after))


def value_reads(cells: dict[Role, list[Word]]) -> bool:
    """Whether a row's value cell may hold its result: a value the grammar reads, a mark or
    short word set apart from the name, a microscopy count span."""
    text = {role: join_words(ws) for role, ws in cells.items()}
    return (
        looks_value(text.get(Role.VALUE, ""))
        or short_word_result(cells)
        or _count_span_result(text)
        or _value_and_arrow_read_as_one(cells.get(Role.VALUE, []))
    )


def _value_and_arrow_read_as_one(words: list[Word]) -> bool:
    """An OCR value cell ``34.8 1``: the value and a flag arrow read as ``1`` (normalize takes
    the mark when the range says high or low)."""
    by_ocr = bool(words) and all(w.confidence is not None for w in words)
    value, mark = value_and_mark(join_words(words), by_ocr=by_ocr)
    return mark is not None and looks_value(value)


#: Results a value column prints that are neither numbers nor known words: grades and marks
#: (``S(++)``, ``R``, ``(+)``, ``++``), single-letter codes of susceptibility and the like, the
#: allergy class ``0/1``.
MARK_RESULT = re.compile(
    r"^(?:0/1|[A-Z]{1,2}\s*(?:\([+\-±]{1,4}\))?|[(（]?[+\-±]{1,4}[)）]?|\d\+)$"
)


#: Titles printed before a signing doctor's name: never a result, though short and capital.
_HONORIFICS = frozenset({"DR", "MR", "MRS", "MS", "PROF"})


def short_word_result(cells: dict[Role, list[Word]]) -> bool:
    """A value cell the grammar does not read as a value but that may be one: a mark or grade
    (``S(++)``, ``R``), or a short word (``棕黄色``, ``Turvo``) set apart from the name, not the end
    of a long name or note running on. Words other than marks must then read as a result by
    content (``tables.choose`` scores them)."""
    value, name = cells.get(Role.VALUE, []), cells.get(Role.NAME, [])
    t = join_words(value).strip()
    if not value or not (0 < len(t) <= 20) or KEY_VALUE.search(t) or looks_range(t):
        return False
    if any(looks_numeric_value(w.text) for w in _side_words(cells)):
        return False  # a number stands beside it: that is the result, the word a method code
    if not MARK_RESULT.match(t) and not any(c.isalpha() for c in t):
        return False
    if t.rstrip(".").upper() in _HONORIFICS:
        return False  # ``DR`` of a signature block below the table (``DR  RAHMAN  M.B.B.S``)
    left = max((w.x1 for w in name if w.top < value[0].bottom), default=None)
    return left is None or value[0].x0 - left > max(value[0].size, value[0].height, 1.0)


def _count_span_result(text: dict[Role, str]) -> bool:
    """A value column holding a microscopy count span (``0-2/HP``) beside a range column that is
    empty, holds a range of its own, or words (``无或偶见``: none or occasional)."""
    rng = text.get(Role.RANGE, "")
    worded = not any(c.isdigit() for c in rng)
    return looks_count_span(text.get(Role.VALUE, "")) and (worded or looks_range(rng))


def _side_words(cells: dict[Role, list[Word]]) -> list[Word]:
    """Words of the cells that hold neither the name, the value nor the range."""
    keep = (Role.UNIT, Role.FLAG, Role.OTHER, Role.METHOD, Role.CODE)
    return [w for role in keep for w in cells.get(role, [])]


def _side_cells_plausible(text: dict[Role, str]) -> bool:
    """Whether the non-name cells of a line look like parts of results."""
    checks: dict[Role, Callable[[str], bool]] = {
        Role.VALUE: looks_value,
        Role.PREVIOUS: looks_value,
        Role.DERIVED: looks_value,
        Role.UNIT: lambda t: looks_unit(t) or len(t) <= 8,
        Role.RANGE: lambda t: looks_range(t) or len(t) <= 12,
        Role.FLAG: looks_flag,
    }
    return all(checks[r](text[r]) for r in SIDE_ROLES if text.get(r))


def body_lines(layout: TableLayout, lines: Sequence[TextLine]) -> list[BodyLine]:
    """Split every line's words into the layout's columns and classify it (a unit printed after
    the value in the value column is taken as the unit: ``unit_after_value``)."""
    out = []
    for line in lines:
        words = [w for w in line.words if layout.x0 <= w.xc < layout.x1]
        if not words:
            continue
        cells = assign_words(layout, words)
        cells = unit_after_value(cells)
        out.append(BodyLine(TextLine(words=words, segments=[]), cells, classify(cells)))
    return out


def row_bands(rulings: Sequence[Ruling], layout: TableLayout, top: float) -> list[float]:
    """Y positions of horizontal rulings that cross most of the table below its header."""
    width = layout.x1 - layout.x0
    ys = sorted(
        (r.top + r.bottom) / 2
        for r in rulings
        if r.horizontal
        and r.top >= top - 2
        and min(r.x1, layout.x1) - max(r.x0, layout.x0) >= 0.6 * width
    )
    merged: list[float] = []
    for y in ys:
        if not merged or y - merged[-1] > 2.0:
            merged.append(y)
    return merged


def band_of(y: float, bands: list[float]) -> int:
    """Index of the band (between two rulings) that holds y."""
    return sum(1 for b in bands if b <= y)


def assemble(
    layout: TableLayout, lines: Sequence[TextLine], rulings: Sequence[Ruling], page: int, top: float
) -> tuple[list[RawRow], list[tuple[int, str]]]:
    """Turn body lines into rows; also return in-table headings as (row index, text)."""
    body = body_lines(layout, lines)
    bands = row_bands(rulings, layout, top)
    if len(bands) >= 3 and _bands_separate_rows(body, bands):
        rows, headings = _assemble_banded(body, bands, page)
    else:
        rows, headings = _assemble_free(body, page)
    return tidy_cells(rows), headings


def _bands_separate_rows(body: list[BodyLine], bands: list[float]) -> bool:
    """True when no band holds two result lines, so bands are row cells."""
    seen: set[int] = set()
    for bl in body:
        if bl.kind is LineKind.ROW:
            b = band_of((bl.line.top + bl.line.bottom) / 2, bands)
            if b in seen:
                return False
            seen.add(b)
    return len(seen) >= 2


def _assemble_banded(
    body: list[BodyLine], bands: list[float], page: int
) -> tuple[list[RawRow], list[tuple[int, str]]]:
    """Merge the lines inside one ruled band into one row; headings and notes stay apart."""
    rows: list[RawRow] = []
    headings: list[tuple[int, str]] = []
    groups: dict[int, list[BodyLine]] = {}
    for bl in body:
        groups.setdefault(band_of((bl.line.top + bl.line.bottom) / 2, bands), []).append(bl)
    names_bold = _row_names_bold(body)
    for _, members in sorted(groups.items()):
        row = RawRow(page=page)
        has_row = any(bl.kind is LineKind.ROW for bl in members)
        for bl in members:
            text = join_words(bl.cells.get(Role.NAME, []) + bl.cells.get(Role.CODE, []))
            if (bl.kind is LineKind.TEXT and not _has_value(bl)) or NOTE_LINE.match(text):
                continue
            if KEY_VALUE.search(text):
                continue
            if (
                has_row
                and bl.kind is LineKind.NAME_ONLY
                and not row.cells
                and _heading_like(bl, names_bold)
            ):
                headings.append((len(rows), text))
                continue
            for role, ws in bl.cells.items():
                row.add(role, ws)
        if value_reads(row.cells) and (row.text(Role.NAME) or row.text(Role.CODE)):
            rows.append(row)
        elif _is_heading(row):
            headings.append((len(rows), row.text(Role.NAME) or row.text(Role.CODE)))
    return rows, headings


def _heading_like(bl: BodyLine, names_bold: bool) -> bool:
    """A name-only line set apart as a heading: bold among plain names, or in capitals."""
    words = bl.cells.get(Role.NAME, []) + bl.cells.get(Role.CODE, [])
    return capital_heading(join_words(words)) or (not names_bold and all(w.bold for w in words))


def capital_heading(text: str) -> bool:
    """``HEMATOLOGY``, ``RBC INDICES``: capitals and no digits, longer than an abbreviation.

    OCR gives no font weight, so capitals are what still tells a heading from a wrapped name.
    """
    letters = [ch for ch in text if ch.isalpha()]
    if not letters or any(ch.isdigit() for ch in text) or not text.isupper():
        return False
    return len(text.split()) >= 2 or len(letters) >= 6


def _has_value(bl: BodyLine) -> bool:
    """Whether a line's value cell looks like a result."""
    return looks_value(join_words(bl.cells.get(Role.VALUE, [])))


def _is_heading(row: RawRow) -> bool:
    """A name-only band or line that reads like a section heading."""
    text = row.text(Role.NAME) or row.text(Role.CODE)
    only_name = all(r in (Role.NAME, Role.CODE, Role.INDEX) for r in row.cells)
    return bool(text) and only_name and len(text) <= 40 and not NOTE_LINE.match(text)


def _assemble_free(body: list[BodyLine], page: int) -> tuple[list[RawRow], list[tuple[int, str]]]:
    """Borderless assembly: wrapped names by proximity, wrapped values onto the row above."""
    rows: list[RawRow] = []
    headings: list[tuple[int, str]] = []
    pending: list[Word] = []
    pending_side: dict[Role, list[Word]] = {}
    last_bottom: float | None = None
    body = join_split_rows(body)
    row_font = _row_font_size(body)
    shifted_up = _printed_above(body)
    for i, bl in enumerate(body):
        if rows and _continues_bands(rows[-1], bl, last_bottom):
            rows[-1].add(Role.RANGE, bl.cells[Role.RANGE])
            last_bottom = bl.line.bottom
        elif bl.kind is LineKind.ROW:
            row = _new_row(bl, page)
            if pending:
                row.add(Role.NAME, pending)
                pending = []
            for role, ws in pending_side.items():
                row.add(role, ws)
            pending_side = {}
            rows.append(row)
            last_bottom = bl.line.bottom
        elif bl.kind is LineKind.CONT:
            if shifted_up and _fills_next_row(body, i):
                for role, ws in bl.cells.items():
                    pending_side.setdefault(role, []).extend(ws)
            elif rows and _just_under(bl, last_bottom):
                for role, ws in bl.cells.items():
                    rows[-1].add(role, ws)
                last_bottom = bl.line.bottom
        elif bl.kind is LineKind.NAME_ONLY:
            action = _name_only_action(body, i, rows, last_bottom, row_font)
            words = bl.cells.get(Role.NAME, []) + bl.cells.get(Role.CODE, [])
            if action == "prev":
                rows[-1].add(Role.NAME, words)
                last_bottom = bl.line.bottom
            elif action == "next":
                pending = words
            elif action == "heading":
                headings.append((len(rows), join_words(words)))
                pending = []
        else:
            pending = []
    return rows, headings


def _continues_bands(row: RawRow, bl: BodyLine, last_bottom: float | None) -> bool:
    """Whether a line just under a row whose range is printed as labelled bands only carries
    more of them (``- Border Line : 200-``, then ``400``: ``tables.bands``)."""
    band = row.cells.get(Role.RANGE)
    if not band or set(bl.cells) != {Role.RANGE} or not _just_under(bl, last_bottom):
        return False
    return ends_bands(join_words(band), join_words(bl.cells[Role.RANGE]))


def _just_under(bl: BodyLine, last_bottom: float | None) -> bool:
    """Whether a line starts less than 1.2 of its heights below the last row's bottom (close
    enough to finish that row)."""
    return last_bottom is not None and bl.line.top - last_bottom < 1.2 * bl.line.height


def join_split_rows(body: list[BodyLine]) -> list[BodyLine]:
    """Rows the line clustering cut in two put back together (see ``_halves_of_a_row``)."""
    return merge_adjacent(body, _halves_of_a_row, _joined)


def _halves_of_a_row(a: BodyLine, b: BodyLine) -> bool:
    """Whether two lines less than a line apart are one row: one holds the name and no value, the
    other a value and no name, and no column twice (small type printed out of register, where
    the unit and range drag the name half a row off its value)."""
    named = [bl for bl in (a, b) if Role.NAME in bl.cells or Role.CODE in bl.cells]
    valued = [bl for bl in (a, b) if Role.VALUE in bl.cells]
    if len(named) != 1 or len(valued) != 1 or named[0] is valued[0]:
        return False
    if set(a.cells) & set(b.cells) or KEY_VALUE.search(
        join_words(named[0].cells.get(Role.NAME, []))
    ):
        return False
    if not all(_side_cells_plausible(_side_text(bl)) for bl in (a, b)):
        return False
    if not looks_value(join_words(valued[0].cells[Role.VALUE])):
        return False
    return abs(_centre(b) - _centre(a)) < 0.7 * max(a.line.height, b.line.height)


def _side_text(bl: BodyLine) -> dict[Role, str]:
    """Text of a body line's unit, range, flag and value cells."""
    return {r: join_words(ws) for r, ws in bl.cells.items() if r in SIDE_ROLES}


def _joined(a: BodyLine, b: BodyLine) -> BodyLine:
    """One body line holding the words and cells of two."""
    words = sorted(a.line.words + b.line.words, key=lambda w: w.x0)
    cells = {role: sorted(ws, key=lambda w: w.x0) for role, ws in (a.cells | b.cells).items()}
    return BodyLine(TextLine(words=words, segments=[]), cells, classify(cells))


def _centre(bl: BodyLine) -> float:
    """Vertical centre of a body line."""
    return (bl.line.top + bl.line.bottom) / 2


def _fills_next_row(body: list[BodyLine], i: int) -> bool:
    """Whether the next line is a result row lacking every cell this side-cells line holds."""
    nxt = body[i + 1] if i + 1 < len(body) else None
    return (
        nxt is not None
        and nxt.kind is LineKind.ROW
        and not any(r in nxt.cells for r in body[i].cells)
        and _centre(nxt) - _centre(body[i]) < 1.5 * body[i].line.height
    )


def _printed_above(body: list[BodyLine]) -> bool:
    """Whether side cells are printed out of register, above their rows, throughout the table.

    Booklets printed in two passes put unit and range half a row off their values, each on a line
    of its own between two rows. They belong to the row below when most such lines fill what
    the row below lacks and sit clearly nearer to it than to the row above.
    """
    votes = []
    for i, bl in enumerate(body):
        if bl.kind is not LineKind.CONT or i == 0 or body[i - 1].kind is not LineKind.ROW:
            continue
        if not _fills_next_row(body, i):
            votes.append(False)
            continue
        above, below = _centre(bl) - _centre(body[i - 1]), _centre(body[i + 1]) - _centre(bl)
        votes.append(below < 0.8 * above)
    return len(votes) >= 2 and sum(votes) > len(votes) / 2


def _row_font_size(body: list[BodyLine]) -> float:
    """Median font size of the name words of result lines."""
    sizes = [w.size for bl in body if bl.kind is LineKind.ROW for w in bl.cells.get(Role.NAME, [])]
    return statistics.median(sizes) if sizes else 0.0


def _name_only_action(
    body: list[BodyLine], i: int, rows: list[RawRow], last_bottom: float | None, row_font: float
) -> str:
    """Decide whether a name-only line continues the row above, starts the next, or heads a section."""
    bl = body[i]
    words = bl.cells.get(Role.NAME, []) + bl.cells.get(Role.CODE, [])
    text = join_words(words)
    if NOTE_LINE.match(text):
        return "drop"
    nxt = body[i + 1] if i + 1 < len(body) else None
    gap_prev = bl.line.top - last_bottom if last_bottom is not None and rows else None
    gap_next = (
        nxt.line.top - bl.line.bottom if nxt is not None and nxt.kind is LineKind.ROW else None
    )
    styled = any(w.bold for w in words) and not _row_names_bold(body)
    bigger = row_font > 0 and statistics.median(w.size for w in words) > row_font * 1.1
    if styled or bigger or capital_heading(text):
        return "heading"
    if text.endswith((":", "：")) and gap_next is not None:
        return "heading"
    if gap_prev is not None and (gap_next is None or gap_prev <= gap_next + 0.5):
        above = rows[-1].text(Role.NAME)
        if gap_prev < 0.8 * bl.line.height and not _known_name_lost(above, f"{above} {text}"):
            return "prev"
        return "heading" if gap_next is not None else "drop"
    if gap_next is not None and gap_next < 0.8 * bl.line.height and _starts_under(words, nxt):
        below = join_words(nxt.cells.get(Role.NAME, [])) if nxt is not None else ""
        return "heading" if _known_name_lost(below, f"{text} {below}") else "next"
    return "heading" if gap_next is not None else "drop"


def _known_name_lost(name: str, joined: str) -> bool:
    """Whether a test name the catalogue knows would become one it does not with a name-only
    line joined to it: the line is then a heading or a note beside the row (a panel's heading
    printed tight over its first test, a footnote under the last), not part of its name."""
    catalogue = load_catalogue()
    return bool(name) and catalogue.match(name) is not None and catalogue.match(joined) is None


def _starts_under(words: list[Word], row_line: BodyLine | None) -> bool:
    """Whether a name piece starts where the row's name starts (or indented), not left of it.

    The first line of a wrapped name is aligned with its name column; a section heading often
    starts further left, in the index column.
    """
    if row_line is None or not words:
        return False
    names = row_line.cells.get(Role.NAME, []) or row_line.cells.get(Role.CODE, [])
    if not names:
        return True
    em = max(words[0].size, words[0].height, 1.0)
    return words[0].x0 >= names[0].x0 - 0.8 * em


def _row_names_bold(body: list[BodyLine]) -> bool:
    """Whether result names themselves are set in bold (then bold marks nothing)."""
    names = [w for bl in body if bl.kind is LineKind.ROW for w in bl.cells.get(Role.NAME, [])]
    return bool(names) and sum(w.bold for w in names) > len(names) / 2


def _new_row(bl: BodyLine, page: int) -> RawRow:
    """A row from one result line."""
    row = RawRow(page=page)
    for role, ws in bl.cells.items():
        row.add(role, ws)
    return row


def is_interpretive(row: RawRow, name_x0: float, em: float) -> bool:
    """A row of an interpretive sub-table (risk bands) rather than a result."""
    name = row.text(Role.NAME)
    if INTERPRETIVE_NAME.match(name):
        return True
    words = row.cells.get(Role.NAME, [])
    if not words or min(w.x0 for w in words) - name_x0 <= 2.5 * em:
        return False
    # Indented, but a test the catalogue knows with a value of its own is a result: the left
    # edge came from rows whose item codes joined their names ('4 WBC 白细胞' beside '红细胞').
    value = row.text(Role.VALUE).strip()
    return not (value and value[0] not in "<>≤≥" and load_catalogue().match(name) is not None)


#: A threshold: a comparator before a number (``< 120``, ``>= 7.0``, ``≤5``).
_THRESHOLD = re.compile(r"^(?:[<>≤≥]=?|=[<>])\s*\d")


#: Words that name a band of a table of cut-offs (a risk, a degree, a sex, a goal).
_BAND_WORD = re.compile(
    r"(?<![^\W\d_])(?:risk|risco|riesgo|risque|very|moderate|mild|severe|high|low|borderline|"
    r"optimal|desirable|target|goal|recommended|males?|females?|men|women|baixo|alto|muito|"
    r"intermedi\w*|elevad\w*)(?![^\W\d_])",
    re.IGNORECASE,
)


def is_cutoff_row(row: RawRow) -> bool:
    """A row of a table of cut-offs rather than a result: its value and its range are both
    thresholds (``Low risk  < 120 mg/dL  < 150``, ``Very |  <40  <70``) and its name is a band's
    (a risk, a degree, a sex), not a test the catalogue knows. An allergen's result below its
    limit (``Birch pollen IgE  <0.10  < 0.10``) names no band and stays."""
    value, rng = row.text(Role.VALUE).strip(), row.text(Role.RANGE).strip()
    if not (_THRESHOLD.match(value) and _THRESHOLD.match(rng)):
        return False
    name = row.text(Role.NAME)
    return _BAND_WORD.search(name) is not None and load_catalogue().match(name) is None


#: A value cell that says the test was not done (its result is still to come or never will).
_NOT_PERFORMED = re.compile(
    r"(?:no sample|sample not received|not received|not done|not performed|test not performed|"
    r"pending|to follow|cancell?ed|qns|quantity not sufficient|insufficient sample|"
    r"amostra não recebida|não realizado|pendente|no realizado|pendiente|muestra insuficiente|"
    r"non effectué|non réalisé|nicht durchgeführt|folgt|未做|未检|未檢|待测|待測|未送检)[.!]?",
    re.IGNORECASE,
)


def is_not_performed_row(row: RawRow) -> bool:
    """A row whose value says the test was not done (``NO SAMPLE``, ``Pending``, ``未做``):
    a line of the order, not a result."""
    return _NOT_PERFORMED.fullmatch(row.text(Role.VALUE).strip()) is not None
