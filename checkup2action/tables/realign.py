"""Ranges and units a row's height off: a column moved back to its rows by what its cells say.

A dot-matrix slip fed unevenly, or a sheet curled in a photo, can print the right-hand columns
a whole row lower (or higher) than the names: ``3.5--9.5`` stands level with the second row's
value, not the first's. Line grouping then gives every row the range (and unit) of its
neighbour, and no height tells which is right. The cells do: a range that the printed flag
beside the value agrees with fits its row, and so does a unit the test is reported in; the
neighbour's fit worse; on a table that prints flags (two rows or more), a row printed without
one is normal, so a range its value lies inside fits it too. Here a run of rows on a page read
by OCR takes its range (or unit) cells from the row below (or above) when that makes them fit
clearly better, taken over the whole run; the units follow a move of the ranges unless they fit
worse for it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from checkup2action.grammar.flags import LEADING_ARROW, parse_flag
from checkup2action.grammar.ocrunits import analyte_units, read_ocr_unit, unit_fits
from checkup2action.grammar.ranges import parse_range
from checkup2action.grammar.values import parse_value
from checkup2action.ingestion.document import Word
from checkup2action.memo import content_cache
from checkup2action.tables.model import RawRow
from checkup2action.tables.roles import Role
from checkup2action.tables.scoring import score_cells, ucum_of

#: A realignment is kept only when its rows fit this much better in total (one point is about
#: one piece of evidence: a flag that agrees, a unit that fits).
MIN_GAIN = 3.0
#: Fewest rows a moved run holds.
MIN_RUN = 3
#: A cell moves to a row whose name stands at most this many line heights from it.
MAX_REACH_LINES = 1.6

Cells = list[list[Word] | None]


def realign_columns(rows: list[RawRow]) -> None:
    """Move range and unit cells of runs of OCR-read rows to the rows they fit (in place)."""
    for run in _runs(rows):
        moved = _realign(run, Role.RANGE, _range_fit_in(run))
        if moved is not None and _gain(run, Role.UNIT, _unit_fit, *moved) > 0:
            _apply(run, [row.cells.get(Role.UNIT) or None for row in run], Role.UNIT, *moved)
        else:
            _realign(run, Role.UNIT, _unit_fit)


def _runs(rows: list[RawRow]) -> list[list[RawRow]]:
    """Consecutive rows of one table on one page, read by OCR, names top to bottom."""
    runs: list[list[RawRow]] = []
    for row in rows:
        if not _by_ocr(row) or not row.cells.get(Role.NAME):
            runs.append([])
            continue
        last = runs[-1][-1] if runs and runs[-1] else None
        same = last is not None and (last.page, last.table_index) == (row.page, row.table_index)
        if same and _top(row) > _top(last):  # type: ignore[arg-type]
            runs[-1].append(row)
        else:
            runs.append([row])
    return [run for run in runs if len(run) >= MIN_RUN]


def _by_ocr(row: RawRow) -> bool:
    """Whether the row's words were read by OCR (a text layer's rows are straight)."""
    return all(w.confidence is not None for w in row.words())


def _top(row: RawRow) -> float:
    """The top of a row's name."""
    return min(w.top for w in row.cells[Role.NAME])


def _middle(words: Sequence[Word]) -> float:
    """The mid-height of some words."""
    return (min(w.top for w in words) + max(w.bottom for w in words)) / 2


Fit = Callable[[RawRow, str], float]
#: A stretch of a run (first and last row) and the step its rows take their cells from.
Move = tuple[int, int, int]


def _realign(run: list[RawRow], role: Role, fit: Fit) -> Move | None:
    """Shift ``role``'s cells of the best-gaining stretch of ``run`` by one row; the move made,
    or None."""
    cells: Cells = [row.cells.get(role) or None for row in run]
    if sum(c is not None for c in cells) < MIN_RUN:
        return None
    own = [_fit(fit, row, cell) for row, cell in zip(run, cells, strict=True)]
    best: tuple[float, int, Move] | None = None
    for step in (1, -1):
        taken = [_fit(fit, row, _cell_at(run, cells, i, i + step)) for i, row in enumerate(run)]
        for a, b, gain in _stretches(own, taken, step):
            # on a tie the longer stretch: a slip fed askew stays askew
            if gain >= MIN_GAIN and (best is None or (gain, b - a) > best[:2]):
                best = (gain, b - a, (a, b, step))
    if best is None:
        return None
    _apply(run, cells, role, *best[2])
    return best[2]


def _gain(run: list[RawRow], role: Role, fit: Fit, a: int, b: int, step: int) -> float:
    """How much better ``role``'s cells fit after the move ``(a, b, step)``."""
    cells: Cells = [row.cells.get(role) or None for row in run]
    own = [_fit(fit, row, cell) for row, cell in zip(run, cells, strict=True)]
    after = [_fit(fit, run[i], _cell_at(run, cells, i, i + step)) for i in range(a, b + 1)]
    return sum(after) - sum(own[a : b + 1]) + _emptied_loss(own, a, b, step)


def _emptied(a: int, b: int, step: int) -> int:
    """The row outside stretch ``a..b`` whose cell the stretch takes and nothing replaces (it
    may lie outside the run)."""
    return b + 1 if step == 1 else a - 1


def _emptied_loss(own: list[float], a: int, b: int, step: int) -> float:
    """What the row left without its cell loses (no cell fits for nothing)."""
    left = _emptied(a, b, step)
    return -own[left] if 0 <= left < len(own) else 0.0


def _cell_at(run: list[RawRow], cells: Cells, row: int, source: int) -> list[Word] | None:
    """The cell of row ``source`` when it may move to row ``row`` (near enough), else None."""
    if not 0 <= source < len(cells) or cells[source] is None:
        return None
    cell = cells[source]
    name = run[row].cells[Role.NAME]
    height = max(max(w.bottom - w.top for w in name), 1.0)
    if abs(_middle(cell) - _middle(name)) > MAX_REACH_LINES * height:  # type: ignore[arg-type]
        return None
    return cell


def _fit(fit: Fit, row: RawRow, cell: list[Word] | None) -> float:
    """How well a cell (None: no cell) fits a row."""
    if cell is None:
        return 0.0
    return fit(row, " ".join(w.text for w in cell))


def _stretches(own: list[float], taken: list[float], step: int) -> list[tuple[int, int, float]]:
    """Every stretch ``a..b`` (at least ``MIN_RUN`` rows) with its gain when its rows take the
    cells ``step`` rows away: the row whose cell moves in and is not replaced is left empty."""
    n = len(own)
    out = []
    for a in range(n):
        total = 0.0
        for b in range(a, n):
            total += taken[b] - own[b]
            if b - a + 1 >= MIN_RUN:
                out.append((a, b, total + _emptied_loss(own, a, b, step)))
    return out


def _apply(run: list[RawRow], cells: Cells, role: Role, a: int, b: int, step: int) -> None:
    """Give rows ``a..b`` the cells ``step`` rows away; the row emptied loses its cell."""
    for i in range(a, b + 1):
        _set(run[i], role, cells[i + step] if 0 <= i + step < len(cells) else None)
    left = _emptied(a, b, step)
    if 0 <= left < len(run):
        _set(run[left], role, None)


def _set(row: RawRow, role: Role, cell: list[Word] | None) -> None:
    """Put a cell in a row (None: remove it)."""
    if cell is None:
        row.cells.pop(role, None)
    else:
        row.cells[role] = list(cell)


def _name(row: RawRow) -> str:
    """A row's name as the scorer reads it (its code before it)."""
    return " ".join(t for t in (row.text(Role.CODE), row.text(Role.NAME)) if t)


def _unit_fit(row: RawRow, unit: str) -> float:
    """+1 for a unit the row's test is reported in (its name read with that unit: ``Basophils``
    is a percentage in ``%`` and a count in ``/uL``), -1 for one it is not, else 0."""
    return _unit_points(_name(row), unit)


@content_cache(maxsize=4096)
def _unit_points(name: str, unit: str) -> float:
    """The cached body of :func:`_unit_fit`."""
    analyte = score_cells(name, "", unit).analyte
    ucum = ucum_of(unit, analyte)
    if analyte is None or ucum is None or analyte.unit is None:
        return 0.0
    if ucum in FIELDS:  # a urine or stool element per high- or low-power field, as labs choose
        return 1.0 if FIELDS & analyte_units(analyte) else 0.0  # (a name read as blood's: no say)
    if unit_fits(ucum, analyte) or read_ocr_unit(unit, analyte) is not None:
        return 1.0  # ``g/l`` for a count is ``G/l`` read lower case
    return -1.0


#: Counts per microscope field.
FIELDS = frozenset({"/[HPF]", "/[LPF]"})


def _range_fit_in(run: list[RawRow]) -> Fit:
    """The range fit of a run's rows: on a run whose rows print flags (at least
    ``FLAGGED_ROWS`` of them), a row without one is read as printed normal."""
    texts = [(row.text(Role.VALUE), row.text(Role.FLAG), row.text(Role.RANGE)) for row in run]
    flagged = sum(_printed_flag(*t) is not None for t in texts)
    implied = flagged >= FLAGGED_ROWS

    def fit(row: RawRow, text: str) -> float:
        """Evidence that a range belongs to the row (see :func:`_range_points`)."""
        return _range_points(row.text(Role.VALUE), row.text(Role.FLAG), text, implied)

    return fit


#: The fewest rows with a printed flag that make a missing flag on their run mean normal.
FLAGGED_ROWS = 2
#: Evidence of a row without a flag on such a run: its value inside the range or outside it
#: (less than a printed flag's, since an arrow OCR missed looks the same).
IMPLIED_POINTS = 0.5


@content_cache(maxsize=4096)
def _range_points(value: str, flag: str, text: str, implied: bool = False) -> float:
    """Evidence that a range belongs to a row: the printed flag (its own cell, a mark on the
    value or an arrow before the range) agrees with it (+1) or not (-1); with ``implied``, a row
    without a flag agrees when its value lies inside the range (+0.5) and not when outside
    (-0.5). Without ``implied`` a missing flag says nothing: a value may lie far beyond its range
    when no flag was read (a failing kidney's creatinine). The catalogue's usual interval is not
    asked: a name read without its specimen (urine or blood cells) would mislead it."""
    rng = parse_range(text)
    parsed = parse_value(value)
    if rng is None or parsed.value is None or (rng.low is None and rng.high is None):
        return 0.0
    printed = _printed_flag(value, flag, text)
    side = _side(parsed.value, rng.low, rng.high)
    if printed is None and implied:
        return IMPLIED_POINTS if side == "N" else -IMPLIED_POINTS
    return _flag_points(printed, side)


@content_cache(maxsize=4096)
def _printed_flag(value: str, flag: str, text: str) -> str | None:
    """The H/L flag printed for a row (its own cell, a mark on the value or an arrow before the
    range), None when there is none."""
    arrow = LEADING_ARROW.match(text)
    raw = flag or parse_value(value).flag_raw or (arrow.group(1) if arrow else None)
    printed = parse_flag(raw)
    return printed if printed in ("H", "HH", "L", "LL") else None


def _side(value: float, low: float | None, high: float | None) -> str:
    """``H`` above the range, ``L`` below it, else ``N`` (no rescaling: a value a thousand times
    off is another row's, not the same result in other units)."""
    if high is not None and value > high:
        return "H"
    return "L" if low is not None and value < low else "N"


def _flag_points(printed: str | None, computed: str | None) -> float:
    """+1 when a printed H/L agrees with the range, -1 when it does not; 0 otherwise."""
    if printed not in ("H", "HH", "L", "LL") or computed is None:
        return 0.0
    return 1.0 if printed[0] == computed[0] else -1.0
