"""Lines of bare numbers read by the columns of their table: where a differential prints a
share, a count and their two references as four lone numbers (``Myelocytes  0  0  0  0``, made
up), content alone cannot tell a value from a one-number reference; the columns that the
table's other lines fill (``Segmented  55  3.300  40 a 70  1.800 a 7.000``, made up) can."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from checkup2action.ingestion.document import Word
from checkup2action.layout.lines import TextLine
from checkup2action.tables.records import Record
from checkup2action.tables.roles import Role
from checkup2action.tables.tokens import BARE_NUMBER, Token, is_unit, tokens_of

#: Lines that must fill a column before it is trusted.
MIN_LINES = 3
#: The roles a line keeps through a reading by columns.
_KEPT = (Role.NAME, Role.UNIT, Role.FLAG)
#: The slots of a line, in the order a record and its twin print them.
SLOTS = ("value", "range", "value2", "range2")


@dataclass(frozen=True, slots=True)
class Column:
    """The horizontal span that one slot's cells take on the table's lines."""

    x0: float
    x1: float

    def holds(self, tok: Token) -> bool:
        """Whether the token's centre lies inside the span."""
        return self.x0 <= (tok.x0 + tok.x1) / 2 <= self.x1


def table_columns(records: list[Record]) -> dict[str, Column]:
    """The slots' columns, learnt from the records that fill them (on tables with a share and a
    count on one line, from those lines only); none when two spans overlap."""
    paired = [r for r in records if r.twin is not None and r.twin.second]
    firsts = paired or [r for r in records if r.complete and not r.second]
    cells: dict[str, list[Token]] = {slot: [] for slot in SLOTS}
    for rec, suffix in [(r, "") for r in firsts] + [(r.twin, "2") for r in paired]:
        for role in (Role.VALUE, Role.RANGE):
            if rec is not None and rec.has(role):
                cells[role.value + suffix].append(rec.cells[role])
    columns = {
        slot: Column(min(t.x0 for t in toks), max(t.x1 for t in toks))
        for slot, toks in cells.items()
        if len(toks) >= MIN_LINES
    }
    spans = sorted(columns.values(), key=lambda c: c.x0)
    if any(a.x1 >= b.x0 for a, b in pairwise(spans)):
        return {}
    return columns


def read_by_columns(lines: list[TextLine], records: list[Record]) -> list[Record]:
    """The records, with each line whose numbers are all bare read again by the table's columns
    where that fills more values and references than the content parse did."""
    columns = table_columns(records)
    if "range" not in columns and "range2" not in columns:
        return records
    by_line: dict[int, list[Record]] = {}
    for rec in records:
        by_line.setdefault(rec.line, []).append(rec)
    again = {
        index: read
        for index, recs in by_line.items()
        if sum(_filled(r) for r in recs) < len(columns)  # else no slot is left to fill
        and (read := _column_reading(tokens_of(lines[index]), recs, columns)) is not None
    }
    out: list[Record] = []
    for rec in records:  # in their order, a line read again where its first record stood
        if rec.line not in again:
            out.append(rec)
        elif rec is by_line[rec.line][0]:
            out += again[rec.line]
    return out


def _column_reading(
    toks: list[Token], recs: list[Record], columns: dict[str, Column]
) -> list[Record] | None:
    """A line's record (and twin) read by columns, or None when the line does not fit them or
    the reading fills no more than the records already have."""
    first = recs[0]
    if len(recs) > 2 or not first.complete or (len(recs) == 2 and not recs[1].second):
        return None
    kept = {
        _box(w) for rec in recs for role in _KEPT if rec.has(role) for w in rec.cells[role].words
    }
    slots: dict[str, Token] = {}
    for tok in toks:
        if all(_box(w) in kept for w in tok.words) or is_unit(tok.text.strip()):
            continue
        if not BARE_NUMBER.match(tok.text.strip()):
            return None  # a word or a printed range: the content parse read this line
        fits = [slot for slot, col in columns.items() if col.holds(tok)]
        if len(fits) != 1 or fits[0] in slots:
            return None
        slots[fits[0]] = tok
    if "value" not in slots or len(slots) <= sum(_filled(r) for r in recs):
        return None
    return _records_from_slots(slots, recs)


def _box(word: Word) -> tuple[float, float, float]:
    """A word's place on the page, which identifies it across two tokenisations."""
    return (round(word.x0, 1), round(word.x1, 1), round(word.top, 1))


def _filled(rec: Record) -> int:
    """How many of a record's value and range are filled."""
    return rec.has(Role.VALUE) + rec.has(Role.RANGE)


def _records_from_slots(slots: dict[str, Token], recs: list[Record]) -> list[Record]:
    """The line's record and twin rebuilt from their slots, keeping name, units and flags."""
    old_twin = recs[1] if len(recs) == 2 else None
    first = _rebuilt(recs[0], recs[0].line, slots.get("value"), slots.get("range"))
    first.cells[Role.NAME] = recs[0].cells[Role.NAME]
    if "value2" not in slots:
        return [first]
    twin = _rebuilt(old_twin, first.line, slots["value2"], slots.get("range2"))
    twin.cells[Role.NAME] = first.cells[Role.NAME]
    twin.second = True
    first.twin = twin
    return [first, twin]


def _rebuilt(old: Record | None, line: int, value: Token | None, rng: Token | None) -> Record:
    """A record of one value and its reference, with the units and flags of ``old``."""
    rec = Record(line=line)
    for role in (Role.UNIT, Role.FLAG):
        if old is not None and old.has(role):
            rec.cells[role] = old.cells[role]
    if value is not None:
        rec.cells[Role.VALUE] = value
    if rng is not None:
        rec.cells[Role.RANGE] = rng
    return rec
