"""Result columns per visit: header cells that are dates, and which one holds the current result.

Cumulative reports print one result column per visit (``项目 | 2025-03-12 | 2024-03-08 | 单位``,
``Test | Result | Previous 03/08/2024 | 02/27/2023 | Units``). A cell that names its column in
words (本次, Result, Previous …) keeps that role; of the columns headed by a bare date, the newest
date holds the current result unless a worded cell already does, and the others earlier results.
A date printed on its own line under a header cell (``上次結果`` / ``(2021/09/01)``) joins it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from checkup2action.dates import FULL_DATE, parse_date
from checkup2action.ingestion.document import Word
from checkup2action.layout.lines import Segment, TextLine
from checkup2action.tables.roles import Role, header_key, role_of_header
from checkup2action.tables.wordprep import replace_text

if TYPE_CHECKING:
    from checkup2action.tables.detect import HeaderCell

_BRACKETS = "()（）[]【】 "
VISIT_ROLES = (Role.VALUE, Role.PREVIOUS)
#: A date line belongs to the header above it when it starts less than this many line heights
#: below the header line's bottom.
DATE_LINE_GAP = 1.0


def _plain(text: str) -> str:
    """NFKC text without surrounding brackets and spaces."""
    return unicodedata.normalize("NFKC", text).strip(_BRACKETS)


def is_bare_date(text: str) -> bool:
    """A header cell that is only a date (``2024-03-08``, ``(2024/03/08)``, ``2024年3月8日``)."""
    return FULL_DATE.fullmatch(_plain(text)) is not None


def holds_date(text: str) -> bool:
    """A date alone or beside a header word (``Previous 2024-03-08``, ``本次(2025-03-12)``)."""
    plain = unicodedata.normalize("NFKC", text)
    m = FULL_DATE.search(plain)
    if m is None:
        return False
    rest = plain[: m.start()] + plain[m.end() :]
    if any(ch.isdigit() for ch in rest):
        return False  # a value printed with its date (``1.8(2024-03-12)``)
    return not header_key(rest) or role_of_header(rest) is not None


def header_date(text: str) -> date | None:
    """The date a header cell prints, if any."""
    m = FULL_DATE.search(unicodedata.normalize("NFKC", text))
    return parse_date(m.group(0)) if m else None


def assign_visits(cells: list[HeaderCell]) -> list[HeaderCell]:
    """Give the columns headed by a bare date their roles: current result or earlier result.

    The newest date (the leftmost of equal or unreadable ones) is the current result unless a
    cell in words (``结果``, ``本次 2025-03-12``) heads it already.
    """
    dated = [i for i, c in enumerate(cells) if c.role in VISIT_ROLES and is_bare_date(c.text)]
    if not dated:
        return cells
    worded_value = any(c.role is Role.VALUE and i not in dated for i, c in enumerate(cells))
    current = None if worded_value else max(dated, key=lambda i: _date_key(cells[i].text, i))
    return [
        replace(c, role=Role.VALUE if i == current else Role.PREVIOUS) if i in dated else c
        for i, c in enumerate(cells)
    ]


def _date_key(text: str, index: int) -> tuple[date, int]:
    """Sort key of a dated column: its date, then leftmost first."""
    return header_date(text) or date.min, -index


def dates_below(cells: list[HeaderCell], line: TextLine, header: TextLine) -> list[HeaderCell]:
    """Header cells with the dates a line just below prints under them; [] when the line is not
    such a date line (every word a date, each under a result column)."""
    if not line.words or line.top - header.bottom > DATE_LINE_GAP * header.height:
        return []
    under: dict[int, str] = {}
    for word in line.words:
        i = _cell_above(cells, word)
        if i is None or i in under or not is_bare_date(word.text):
            return []
        if cells[i].role not in (*VISIT_ROLES, Role.OTHER):
            return []
        under[i] = word.text
    return [
        replace(c, text=f"{c.text} {under[i]}") if i in under else c for i, c in enumerate(cells)
    ]


#: A header's visit dates may stand this many lines above it (a time line between).
DATE_LINES_ABOVE = 2
#: At least this many unnamed header words under dates make the line a header of visits.
MIN_DATED_WORDS = 2


def dated_from_above(line: TextLine, above: Sequence[TextLine]) -> TextLine | None:
    """The line with each word that names no column but has a date right above it (on one of
    the lines just above, ``Abnahme 03.02.2024 05.08.2023`` over ``Einheit  SENDER-A  SENDER-A``)
    read as that date, or None when fewer than two words are so dated."""
    dates = [w for ln in _lines_just_above(line, above) for w in ln.words if is_bare_date(w.text)]
    words, dated = [], 0
    for w in line.words:
        over = [d for d in dates if min(d.x1, w.x1) - max(d.x0, w.x0) > 0]
        if len(over) == 1 and role_of_header(w.text) is None:
            w = replace_text(w, over[0].text)
            dated += 1
        words.append(w)
    if dated < MIN_DATED_WORDS:
        return None
    return TextLine(words=words, segments=[_renamed(s, words, line.words) for s in line.segments])


def _lines_just_above(line: TextLine, above: Sequence[TextLine]) -> list[TextLine]:
    """The lines right above ``line``, each less than a line height above the next."""
    out: list[TextLine] = []
    lower = line
    for ln in reversed(above[-DATE_LINES_ABOVE:]):
        if lower.top - ln.bottom > DATE_LINE_GAP * max(ln.height, lower.height):
            break
        out.append(ln)
        lower = ln
    return out


def _renamed(seg: Segment, words: list[Word], originals: list[Word]) -> Segment:
    """A segment with its words swapped for their renamed copies."""
    at = {id(o): w for o, w in zip(originals, words, strict=True)}
    return Segment(words=[at[id(w)] for w in seg.words])


def _cell_above(cells: Sequence[HeaderCell], word: Word) -> int | None:
    """Index of the header cell a word overlaps most (dates are often wider than the words
    above them, left-aligned or centred); None when it overlaps none."""
    best: tuple[float, int] | None = None
    for i, cell in enumerate(cells):
        overlap = min(word.x1, cell.x1) - max(word.x0, cell.x0)
        if overlap > 0 and (best is None or overlap > best[0]):
            best = (overlap, i)
    return best[1] if best else None


def split_after_dates(segments: list[Segment]) -> list[Segment]:
    """Segments cut after each date followed by more words: a date ends its header cell
    (``Previous 03/08/2024 02/27/2023`` set close together heads two columns; on a scan
    ``2025年12月22日 标识`` or ``上次结果 2025年6月10日 单位`` land in one segment)."""
    out: list[Segment] = []
    for seg in segments:
        if not any(holds_date(w.text) for w in seg.words[:-1]):
            out.append(seg)
            continue
        part: list[Word] = []
        for w in seg.words:
            part.append(w)
            if holds_date(w.text):
                out.append(Segment(words=part))
                part = []
        if part:
            out.append(Segment(words=part))
    return out
