"""Earlier results of a row: one per previous-result column (上次, 前次, dated visit columns).

Each is parsed like a current value; its date is printed in the cell or in the column header.
"""

from __future__ import annotations

from datetime import date

from checkup2action.dates import DATE_IN_TEXT, parse_date
from checkup2action.geometry import union_box
from checkup2action.grammar.values import parse_value, ungroup_dots
from checkup2action.ingestion.document import Word
from checkup2action.layout.lines import join_words
from checkup2action.report.models import BBox, EarlierResult, Provenance
from checkup2action.tables.model import Column, RawRow
from checkup2action.tables.roles import Role

#: What an earlier-result cell prints for a visit without that test.
NO_RESULT = "-–—/ "


def split_previous(text: str) -> tuple[str, str | None]:
    """A previous-result cell 'value date' → (value text, date text)."""
    m = DATE_IN_TEXT.search(text)
    if not m:
        return text.strip(), None
    return (text[: m.start()] + text[m.end() :]).strip(), m.group(0)


def _earlier_cells(row: RawRow) -> list[tuple[str, list[Word]]]:
    """(column header, words) of each earlier-result cell of a row, left to right."""
    words = row.cells.get(Role.PREVIOUS, [])
    columns = row.previous_columns
    if not words:
        return []
    if len(columns) < 2:
        return [(columns[0].header if columns else "", words)]
    cells: list[list[Word]] = [[] for _ in columns]
    for w in words:
        cells[_nearest_column(columns, w.xc)].append(w)
    return _fold_fragments([(col.header, ws) for col, ws in zip(columns, cells, strict=True) if ws])


def _fold_fragments(cells: list[tuple[str, list[Word]]]) -> list[tuple[str, list[Word]]]:
    """Cells holding no value of their own (a date alone, or a piece of one the previous cell
    spilled over: ``15.6`` | ``12/12/`` when OCR cut a header in two) join the cell on their left."""
    out: list[tuple[str, list[Word]]] = []
    for header, words in cells:
        if out and _fragment(join_words(words)):
            out[-1] = (out[-1][0], out[-1][1] + words)
        else:
            out.append((header, words))
    return out


def _fragment(text: str) -> bool:
    """Whether an earlier-result cell's text is no result: a bare date or unreadable text.

    A dash (no result at that visit) is a cell of its own.
    """
    value_text, date_text = split_previous(text)
    if not value_text.strip(NO_RESULT):
        return date_text is not None
    return not parse_value(value_text).ok


def _nearest_column(columns: list[Column], x: float) -> int:
    """Index of the column that holds x, else of the nearest one."""
    return min(range(len(columns)), key=lambda i: max(columns[i].x0 - x, 0.0, x - columns[i].x1))


def _earlier(
    header: str,
    words: list[Word],
    page: int,
    day_first: bool | None = None,
    group_dots: bool = False,
) -> EarlierResult | None:
    """One earlier result: the value parsed like a current one (``group_dots``: a dot before
    three digits groups thousands, as in the row's own value), the date from the cell or its
    header; None for a cell with no value (a dash or only a date)."""
    value_text, date_text = split_previous(join_words(words))
    if not value_text.strip(NO_RESULT):
        return None
    parsed = parse_value(ungroup_dots(value_text) if group_dots else value_text)
    x0, top, x1, bottom = union_box(words)
    return EarlierResult(
        value_raw=value_text,
        value=parsed.value,
        comparator=parsed.comparator,  # type: ignore[arg-type]
        value_text=parsed.value_text,
        date=parse_date(date_text or header, day_first=day_first),
        header=header or None,
        provenance=[Provenance(page=page, bbox=BBox(x0=x0, top=top, x1=x1, bottom=bottom))],
    )


def history_of(
    row: RawRow, day_first: bool | None = None, group_dots: bool = False
) -> tuple[list[EarlierResult], str | None]:
    """Earlier results of a row, newest first, and the printed text of the newest one's cell
    (of the previous-result cells when none holds a value: ``-``).

    Newest first by date when every result has one; otherwise in printed order (上次, 前次).
    """
    found = [
        (earlier, join_words(words))
        for header, words in _earlier_cells(row)
        if (earlier := _earlier(header, words, row.page, day_first, group_dots)) is not None
    ]
    if found and all(e.date is not None for e, _ in found):
        found.sort(key=lambda pair: pair[0].date or date.min, reverse=True)
    printed = found[0][1] if found else row.text(Role.PREVIOUS).strip()
    return [e for e, _ in found], printed or None
