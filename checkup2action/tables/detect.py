"""Find table header lines, their column roles, and side-by-side groups."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from checkup2action.grammar.words import flag_words, qualitative_words, word_key
from checkup2action.ingestion.document import Word, split_word
from checkup2action.layout.lines import Segment, TextLine, join_words
from checkup2action.memo import content_cache
from checkup2action.tables.roles import Role, role_of_header, role_of_misread_header
from checkup2action.tables.visits import (
    assign_visits,
    holds_date,
    is_bare_date,
    split_after_dates,
)

KEY_ROLES = {Role.VALUE, Role.RANGE}
MAX_MERGE = 3


@dataclass(frozen=True, slots=True)
class HeaderCell:
    """A recognised header cell."""

    role: Role
    x0: float
    x1: float
    text: str


def header_cells(line: TextLine) -> list[HeaderCell] | None:
    """Recognise a header line; None when the line is not a table header.

    Several stages ask about the same lines (the table reader, the page furniture, the report's
    outline), so the answer is kept for the line's words and segments.
    """
    cells = _cached_header_cells(tuple(line.words), tuple(tuple(s.words) for s in line.segments))
    return list(cells) if cells is not None else None


@content_cache(maxsize=8192)
def _cached_header_cells(
    words: tuple[Word, ...], segments: tuple[tuple[Word, ...], ...]
) -> tuple[HeaderCell, ...] | None:
    """``header_cells`` of the line these words and segments make, as a tuple."""
    line = TextLine(words=list(words), segments=[Segment(words=list(s)) for s in segments])
    cells = _header_cells_of(line)
    return tuple(cells) if cells is not None else None


def _header_cells_of(line: TextLine) -> list[HeaderCell] | None:
    """Recognise a header line (uncached)."""
    if _numeric_segments(line) >= 2:
        return None  # result rows carry numbers; a header only dates (and at most one other)
    cells, unknown = _cells_of(split_after_dates(line.segments))
    cells, unknown = _date_cells(cells, unknown)
    cells, unknown = _misread_words(cells, unknown)
    cells, unknown = _misread_name_header(cells, unknown)
    cells, unknown = _scale_words(cells, unknown)
    roles = {c.role for c in cells}
    known_words = sum(len(s.words) for s in line.segments) - len(unknown)
    if not roles & {Role.NAME, Role.CODE} and _names_unheaded(line, cells, unknown):
        cells = [HeaderCell(Role.NAME, 0.0, cells[0].x0 - 1.0, ""), *cells]
        roles.add(Role.NAME)
    if len(roles) < 2 or not KEY_ROLES & roles or not roles & {Role.NAME, Role.CODE}:
        return None
    if len(unknown) > max(1, known_words // 3):
        return None
    return _with_unknown_columns(cells, unknown)


#: How far right (points, or else the header's letter heights) a header's first cell must start
#: for the space before it to be the column of test names that the header leaves unheaded.
UNHEADED_NAME_GAP = 120.0
UNHEADED_NAME_EMS = 12.0


def _names_unheaded(line: TextLine, cells: list[HeaderCell], unknown: list[Word]) -> bool:
    """A header of result, unit and range only, starting far right of the page's edge: the test
    names sit in the unheaded space before it (``Resultado  Unidad  Intervalo de Referencia``,
    ``Đơn vị  Nồng độ  MoM``); far is 120 points, or 12 letter heights on a small picture."""
    roles = {c.role for c in cells}
    em = statistics.median(w.height for w in line.words) if line.words else 0.0
    return (
        not unknown
        and Role.VALUE in roles
        and bool(roles & {Role.UNIT, Role.RANGE})
        and cells[0].role in (Role.VALUE, Role.UNIT)
        and cells[0].x0 >= min(UNHEADED_NAME_GAP, UNHEADED_NAME_EMS * em)
    )


def _scale_words(
    cells: list[HeaderCell], unknown: list[Word]
) -> tuple[list[HeaderCell], list[Word]]:
    """Words heading a graphic scale beside the results (``niedrig normal hoch``, ``Low High``)
    are known columns that hold no data we read."""
    scale = [w for w in unknown if _scale_word(w.text)]
    if len(scale) < 2:
        return cells, unknown
    found = [HeaderCell(Role.OTHER, w.x0, w.x1, w.text) for w in scale]
    taken = {id(w) for w in scale}
    return sorted(cells + found, key=lambda c: c.x0), [w for w in unknown if id(w) not in taken]


def _scale_word(text: str) -> bool:
    """A flag word (high, low, hoch, niedrig …) or 'normal' in some language."""
    key = word_key(text)
    return key in flag_words() or qualitative_words().get(key) == "normal"


def _numeric_segments(line: TextLine) -> int:
    """Segments holding a number that is not a header date (``2024-03-08``, ``Previous 03/08/2024``)."""
    return sum(
        1
        for seg in line.segments
        if any(any(ch.isdigit() for ch in w.text) and not holds_date(w.text) for w in seg.words)
    )


def _date_cells(
    cells: list[HeaderCell], unknown: list[Word]
) -> tuple[list[HeaderCell], list[Word]]:
    """Words that are bare dates head result columns, one per visit (``assign_visits``).

    Only beside a name column and with at least three columns in all: ``采样日期 2024-03-08`` or
    ``项目 2024-03-08`` is no header.
    """
    dated = [w for w in unknown if is_bare_date(w.text)]
    named = any(c.role in (Role.NAME, Role.CODE) for c in cells)
    if not dated or not named or len(cells) + len(dated) < 3:
        return cells, unknown
    found = [HeaderCell(Role.PREVIOUS, w.x0, w.x1, w.text) for w in dated]
    taken = {id(w) for w in dated}
    cells = assign_visits(sorted(cells + found, key=lambda c: c.x0))
    return cells, [w for w in unknown if id(w) not in taken]


def _misread_words(
    cells: list[HeaderCell], unknown: list[Word]
) -> tuple[list[HeaderCell], list[Word]]:
    """OCR words of a header line that are header words but for one misread character
    (``检融项目 本次检查 班次結果 翠位 正常值``); only beside a header word read exactly."""
    if not cells or not unknown:
        return cells, unknown
    found: list[HeaderCell] = []
    left: list[Word] = []
    for w in unknown:
        role = role_of_misread_header(w.text) if w.confidence is not None else None
        if role is None:
            left.append(w)
        else:
            found.append(HeaderCell(role, w.x0, w.x1, w.text))
    return sorted(cells + found, key=lambda c: c.x0), left


def _misread_segment(seg: Segment) -> HeaderCell | None:
    """An OCR segment of several words that is a header of several words but for one misread
    character (``Valori di niferimento``), as one cell; None otherwise. Word by word it would
    head one column with its last word and leave the others as a column of their own."""
    if len(seg.words) < 2 or any(w.confidence is None for w in seg.words):
        return None
    role = role_of_misread_header(seg.text)
    return HeaderCell(role, seg.x0, seg.x1, seg.text) if role is not None else None


def _misread_name_header(
    cells: list[HeaderCell], unknown: list[Word]
) -> tuple[list[HeaderCell], list[Word]]:
    """A header whose name cell OCR misread (``核查项目`` for ``檢查項目``) keeps its name column.

    When value, previous/unit and range headers are all recognised and the only unknown text is
    one word left of them, that word heads the name column.
    """
    roles = {c.role for c in cells}
    if roles & {Role.NAME, Role.CODE} or len(roles) < 3 or not roles >= KEY_ROLES:
        return cells, unknown
    first = min(c.x0 for c in cells)
    left = [w for w in unknown if w.x1 <= first]
    if len(left) != 1 or len(unknown) != 1 or any(ch.isdigit() for ch in left[0].text):
        return cells, unknown
    word = left[0]
    return [HeaderCell(Role.NAME, word.x0, word.x1, word.text), *cells], []


def _with_unknown_columns(cells: list[HeaderCell], unknown: list[Word]) -> list[HeaderCell]:
    """Unrecognised header words become OTHER columns, so their data stays out of neighbours."""
    extra = [HeaderCell(Role.OTHER, w.x0, w.x1, w.text) for w in unknown]
    merged = sorted(cells + extra, key=lambda c: c.x0)
    out: list[HeaderCell] = []
    for cell in merged:
        if (
            out
            and cell.role is Role.OTHER
            and out[-1].role is Role.OTHER
            and cell.x0 - out[-1].x1 < 6
        ):
            out[-1] = HeaderCell(Role.OTHER, out[-1].x0, cell.x1, f"{out[-1].text} {cell.text}")
        else:
            out.append(cell)
    return out


def _cells_of(segs: list[Segment]) -> tuple[list[HeaderCell], list[Word]]:
    """Header cells of a run of segments and the number of words left unrecognised.

    A segment that matches nothing is retried word by word: two header words set close
    together (``异常提示 单位``) land in one segment.
    """
    cells: list[HeaderCell] = []
    unknown: list[Word] = []
    i = 0
    while i < len(segs):
        own = _words_of_own_roles(segs[i])
        if own:
            cells += own
            i += 1
            continue
        cell, used = _match_at(segs, i)
        if cell is None:
            cell, used = _misread_segment(segs[i]), 1
        if cell is not None:
            cells.append(cell)
            i += used
            continue
        parts = _split_glued_header(segs[i].words)
        if len(parts) > 1:
            sub, sub_unknown = _cells_of([Segment(words=[w]) for w in parts])
            if sub:
                cells += sub
                unknown += sub_unknown
                i += 1
                continue
        unknown += segs[i].words
        i += 1
    return cells, unknown


def _words_of_own_roles(seg: Segment) -> list[HeaderCell]:
    """A segment whose words are headers of different columns set close together
    (``Result Unit`` on a small-print scan), as one cell per word; [] otherwise."""
    if len(seg.words) < 2 or role_of_header(seg.text, exact_only=True) is not None:
        return []
    roles = [role_of_header(w.text, exact_only=True) for w in seg.words]
    if any(r is None for r in roles) or len(set(roles)) < len(roles):
        return _name_opens_next_table(seg)
    return [HeaderCell(r, w.x0, w.x1, w.text) for w, r in zip(seg.words, roles, strict=True) if r]


def _name_opens_next_table(seg: Segment) -> list[HeaderCell]:
    """``参考区间/值 检验项目``: the last column of one table set close to the name column of the
    next one beside it, as two cells; [] otherwise (a name header never ends another header)."""
    *rest, last = seg.words
    if role_of_header(last.text, exact_only=True) not in (Role.NAME, Role.CODE):
        return []
    role = role_of_header(join_words(rest))
    if role is None or role in (Role.NAME, Role.CODE):
        return []
    return [
        HeaderCell(role, rest[0].x0, rest[-1].x1, join_words(rest)),
        HeaderCell(Role.NAME, last.x0, last.x1, last.text),
    ]


def _split_glued_header(words: list[Word]) -> list[Word]:
    """Words of a segment; a word that is two header words glued (``异常提示单位``) is split."""
    out: list[Word] = []
    for w in words:
        cut = next(
            (
                i
                for i in range(1, len(w.text))
                if role_of_header(w.text[:i], exact_only=True)
                and role_of_header(w.text[i:], exact_only=True)
            ),
            None,
        )
        out += list(split_word(w, cut)) if cut else [w]
    return out


def _match_at(segs: list[Segment], i: int) -> tuple[HeaderCell | None, int]:
    """Match a header word at segment i; runs of 2..MAX_MERGE segments only match exactly."""
    for n in range(min(MAX_MERGE, len(segs) - i), 0, -1):
        run = segs[i : i + n]
        if n > 1 and all(role_of_header(s.text) is not None for s in run):
            continue  # each part is a header word of its own (结果 / 提示): do not merge
        if n > 1 and any(holds_date(w.text) for s in run for w in s.words):
            continue  # a date heads a column of its own (项目 2025-03-12 2024-03-08)
        words = [w for s in run for w in s.words]
        text = join_words(words)
        role = role_of_header(text, exact_only=n > 1)
        if role is None and n > 1:
            role = role_of_header("".join(w.text for w in words), exact_only=True)
        if role is None and n == 1:
            role = role_of_header("".join(w.text for w in words))
        if role is not None:
            return HeaderCell(role, run[0].x0, run[-1].x1, text), n
    return None, 1


def split_groups(cells: list[HeaderCell]) -> list[list[HeaderCell]]:
    """Split a header into side-by-side tables wherever a column role repeats."""
    groups: list[list[HeaderCell]] = [[]]
    for cell in cells:
        group = groups[-1]
        if group and cell.role == group[0].role and _group_complete(group):
            groups.append([])
        elif cell.role == Role.VALUE and any(c.role == Role.VALUE for c in group):
            cell = HeaderCell(Role.PREVIOUS, cell.x0, cell.x1, cell.text)
        groups[-1].append(cell)
    return [_value_from_other(assign_visits(g)) for g in groups if g]


def _value_from_other(group: list[HeaderCell]) -> list[HeaderCell]:
    """A group with no result column: the first unrecognised column after the name holds results."""
    if any(c.role is Role.VALUE for c in group):
        return group
    seen_name = False
    for i, cell in enumerate(group):
        seen_name = seen_name or cell.role in (Role.NAME, Role.CODE)
        if seen_name and cell.role is Role.OTHER:
            return [
                *group[:i],
                HeaderCell(Role.VALUE, cell.x0, cell.x1, cell.text),
                *group[i + 1 :],
            ]
    return group


def _group_complete(group: list[HeaderCell]) -> bool:
    """A group that already has a name and a value/range column."""
    roles = {c.role for c in group}
    return bool(KEY_ROLES & roles) and (Role.NAME in roles or Role.CODE in roles)


#: Roles a header word below the header line may add (the columns a name is read against).
_BELOW_ROLES = frozenset({Role.VALUE, Role.UNIT, Role.RANGE, Role.FLAG})


def header_words_below(
    cells: list[HeaderCell], head: TextLine, below: TextLine
) -> tuple[list[HeaderCell], list[Word]]:
    """A header's cells with the header words a tilted photo set on the line just under it
    (``结果`` under ``编码 项目 … 参考值``): each a column the header lacks, in a gap between its
    cells; and those words (they are no body text)."""
    if below.top - head.bottom > head.height:
        return cells, []
    roles = {c.role for c in cells}
    taken: list[Word] = []
    added: list[HeaderCell] = []
    for w in below.words:
        role = role_of_header(w.text, exact_only=True)
        clear = all(w.x1 < c.x0 or w.x0 > c.x1 for c in cells)
        if role in _BELOW_ROLES and role not in roles and clear:
            added.append(HeaderCell(role, w.x0, w.x1, w.text))
            roles.add(role)
            taken.append(w)
    return sorted(cells + added, key=lambda c: c.x0), taken
