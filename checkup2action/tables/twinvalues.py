"""A second result on one line record: a differential's share and its absolute count printed
side by side (``23,6 1.569 15-39 % 1.500-8.500 /µL``), each with its own range and unit."""

from __future__ import annotations

from statistics import median

from checkup2action.layout.lines import TextLine
from checkup2action.tables.content import looks_flag, looks_range, looks_range_only
from checkup2action.tables.records import Record
from checkup2action.tables.roles import Role
from checkup2action.tables.tokens import BARE_NUMBER, Token, is_unit, tokens_of
from checkup2action.tables.unitrows import count_after_share


def with_twin(rec: Record) -> list[Record]:
    """The record and, when it holds a second value with its own range (or its own unit right
    after it: ``2,1 % 151 /mm3``), that second result."""
    twin = rec.twin
    own_unit = rec.twin_owns_rest and twin is not None and twin.has(Role.UNIT)
    if twin is None or not (twin.has(Role.RANGE) or own_unit) or not rec.has(Role.NAME):
        return [rec]
    twin.cells[Role.NAME] = rec.cells[Role.NAME]
    twin.second = True
    return [rec, twin]


def second_value(rec: Record, t: str, nxt: str) -> bool:
    """A second number on the row of one test: right after the value and before the range
    (``23,6 1.569 15-39 % 1.500-8.500 /µL``), or after a percentage's unit, before the count's
    unit or a range (``60.9 % 4.9 40%-80% (2.0-7.0)``, ``19 % 20 - 40 2008 /cmm 1100 - 3300``): a
    differential's percentage and its absolute count, each with its range."""
    if rec.twin is not None or not BARE_NUMBER.match(t):
        return False
    if not rec.has(Role.RANGE) and not rec.has(Role.UNIT):
        name, value = rec.cells.get(Role.NAME), rec.cells[Role.VALUE]
        after_share = name is not None and count_after_share(name.text, value.text, t, nxt)
        return after_share or (looks_range_only(nxt) and not is_unit(nxt))  # not ``10~9/L``
    unit = rec.cells.get(Role.UNIT)
    if unit is None or unit.text.strip() != "%":
        return False
    if is_unit(nxt) and nxt.strip() != "%":
        return True  # the count's own unit follows
    return not rec.has(Role.RANGE) and looks_range_only(nxt)


def unit_after_first_range(rec: Record, t: str) -> bool:
    """Whether ``t`` is the first value's unit, printed after its range and before the second
    value's range."""
    twin = rec.twin
    return (
        twin is not None
        and rec.has(Role.RANGE)
        and not rec.has(Role.UNIT)
        and not twin.has(Role.RANGE)
        and not rec.twin_owns_rest
        and is_unit(t)
    )


def place_twin(twin: Record, tok: Token, t: str) -> str:
    """The second value's own range and unit, after the first value's; a bound that could be
    read as a value (``até 900``, ``< 500``, made up) is its range here, as its value came
    before it."""
    if not twin.has(Role.RANGE) and looks_range(t) and not BARE_NUMBER.match(t):
        twin.put(Role.RANGE, tok)
    elif not twin.has(Role.UNIT) and is_unit(t):
        twin.put(Role.UNIT, tok)
    elif not twin.has(Role.FLAG) and looks_flag(t):
        twin.put(Role.FLAG, tok)
    else:
        return "skip"
    return "ok"


def ranges_by_column(records: list[Record]) -> list[Record]:
    """The records with a line's one range given to its second value when it sits in the
    column where the table's other second values print theirs (``47  2.950  1.600 a 7.400``,
    made up, the share printed with no range): the columns are learnt from the lines whose two
    values both have a range."""
    pairs = [(r, r.twin) for r in records if r.twin is not None and r.twin.second]
    firsts = [r.cells[Role.RANGE].x0 for r, _ in pairs if r.has(Role.RANGE)]
    seconds = [t.cells[Role.RANGE].x0 for _, t in pairs if t.has(Role.RANGE)]
    if not firsts or not seconds:
        return records
    first_x, second_x = median(firsts), median(seconds)
    out: list[Record] = []
    for rec in records:
        twin = rec.twin
        lone = twin is not None and not twin.second and not twin.has(Role.RANGE)
        if lone and rec.has(Role.RANGE) and rec.has(Role.NAME):
            x = rec.cells[Role.RANGE].x0
            if abs(x - second_x) < abs(x - first_x):
                twin.put(Role.RANGE, rec.cells.pop(Role.RANGE))  # type: ignore[union-attr]
                out += with_twin(rec)
                continue
        out.append(rec)
    return out


def units_from_header(lines: list[TextLine], records: list[Record]) -> None:
    """Give the shares and counts of the lines under a line that prints two units alone
    (``%  /mm3`` over a differential's two columns) those units, in order, where they print
    none of their own; up to the next such line."""
    if not any(r.twin is not None and r.twin.second for r in records):
        return  # no share and count on one line: no line's units to look for
    heads = [(i, toks) for i, line in enumerate(lines) if _two_units(toks := tokens_of(line))]
    for n, (head, (first, second)) in enumerate(heads):
        end = heads[n + 1][0] if n + 1 < len(heads) else len(lines)
        for rec in records:
            twin = rec.twin
            if twin is None or not twin.second or not head < rec.line < end:
                continue
            if not rec.has(Role.UNIT) and not twin.has(Role.UNIT):
                rec.put(Role.UNIT, first)
                twin.put(Role.UNIT, second)


def _two_units(toks: list[Token]) -> bool:
    """Whether a line's tokens are two units and nothing else."""
    return len(toks) == 2 and all(is_unit(t.text) for t in toks)
