"""A test printed twice in two units: the second line names no test, it takes the name above.

French, Belgian and Swiss reports print many results in a mass unit and again in a molar unit,
the second on the line under the first (``ACIDE URIQUE  58,7 mg/l  28 à 70`` /
``(Méthode Uricase/PAP)  349 µmol/l  166 à 416``, ``Hémoglobine 15,3 g/100ml`` /
``Soit  9,64 mmol/l``). Where the name should be, that line carries a method note, a linking
word or nothing; its value and unit stand in the columns of the line above and the unit differs.
"""

from __future__ import annotations

import re
import unicodedata

from checkup2action.grammar.catalogue import Analyte, load_catalogue
from checkup2action.grammar.ocrunits import read_ocr_unit
from checkup2action.grammar.units import convert, normalize_unit
from checkup2action.grammar.values import dot_grouped_number, parse_number
from checkup2action.tables.model import RawRow
from checkup2action.tables.records import Record, record_row
from checkup2action.tables.roles import Role

#: Words that stand in the name's place on a test's second line: a method, or a word that says
#: "that is" (``Soit``, ``i.e.``); a bracketed note or ``=`` does too.
NOTE_WORDS = (
    "soit", "i.e.", "ie", "or", "ou", "méthode", "methode", "method", "método", "metodo",
    "technique", "technik",
)  # fmt: skip
NOTE_NAME = re.compile(
    r"^(?:[(\[（]|=|(?:" + "|".join(re.escape(w) for w in NOTE_WORDS) + r")(?![^\W\d_]))",
    re.IGNORECASE,
)
#: The second line starts at most this many line heights under the first line's bottom...
UNDER_GAP = 1.5
#: ...and its value starts within this many heights of the first line's value.
VALUE_ALIGN = 3.0
#: White cell counts (per µL) a differential's share and count may imply.
WBC_PER_UL = (1_000.0, 30_000.0)
#: Two values are one quantity in two units when converting one gives the other to this share.
SAME_QUANTITY = 0.05


def is_note_name(text: str) -> bool:
    """Whether a name cell holds a note, a method or a linking word rather than a test's name."""
    return bool(NOTE_NAME.match(unicodedata.normalize("NFKC", text).strip()))


def second_unit_of(first: RawRow, second: RawRow) -> bool:
    """Whether ``second`` repeats ``first``'s test in another unit on the line under it."""
    if second.page != first.page or not _named_result(first):
        return False
    name = second.text(Role.NAME)
    if name and not is_note_name(name):
        return False
    if not second.cells.get(Role.VALUE) or not second.cells.get(Role.UNIT):
        return False
    return (
        _other_unit(first, second)
        and _stands_under(first, second)
        and _same_quantity(first, second)
    )


def name_second_units(rows: list[RawRow]) -> None:
    """Give each row that repeats the row above it in another unit that row's name (its note,
    if any, kept as the method)."""
    for row in rows:
        first = _row_above(rows, row)
        if first is None or not second_unit_of(first, row):
            continue
        note = row.cells.pop(Role.NAME, [])
        if note:
            row.cells.setdefault(Role.METHOD, note)
        row.cells[Role.NAME] = list(first.cells[Role.NAME])


def _named_result(row: RawRow) -> bool:
    """A row with a test's name (not a note), a value and a unit."""
    name = row.text(Role.NAME)
    return (
        bool(name)
        and not is_note_name(name)
        and bool(row.cells.get(Role.VALUE))
        and bool(row.cells.get(Role.UNIT))
    )


def _unit_key(text: str) -> str:
    """A unit as compared: normalised where the grammar knows it, else as printed."""
    return normalize_unit(text) or unicodedata.normalize("NFKC", text).strip().lower()


def _same_quantity(first: RawRow, second: RawRow) -> bool:
    """Whether the second value is the first converted to the second unit (mass and molar units
    through the test's molar mass), or the count a differential's percentage stands for."""
    analyte = _analyte(first)
    a, b = _ucum(first.text(Role.UNIT), analyte), _ucum(second.text(Role.UNIT), analyte)
    if a is None or b is None:
        return False
    if a == "%" and analyte is not None and analyte.code.endswith("_PCT"):
        return convert(1.0, b, "10*9/L") is not None  # ``Neutrophils 59,5 %`` / ``Soit 5,67``
    x, y = parse_number(first.text(Role.VALUE)), parse_number(second.text(Role.VALUE))
    molar_mass = analyte.molar_mass if analyte is not None else None
    converted = None if x is None else convert(x, a, b, molar_mass=molar_mass)
    return converted is not None and y is not None and abs(converted - y) <= SAME_QUANTITY * abs(y)


def _analyte(row: RawRow) -> Analyte | None:
    """The test a row names, allowing for an OCR slip in the name (``HOLESTEROL``)."""
    catalogue = load_catalogue()
    name, unit = row.text(Role.NAME), row.text(Role.UNIT)
    slipped = catalogue.match_ocr(name, unit=unit)
    return catalogue.match(name, unit=unit) or (slipped[0] if slipped else None)


def _ucum(raw: str, analyte: Analyte | None) -> str | None:
    """A printed unit as UCUM, undoing the usual OCR slips (``mmol/1``)."""
    return normalize_unit(raw) or read_ocr_unit(raw, analyte)


def _other_unit(first: RawRow, second: RawRow) -> bool:
    """Whether two rows print their values in different units."""
    return _unit_key(first.text(Role.UNIT)) != _unit_key(second.text(Role.UNIT))


def _stands_under(first: RawRow, second: RawRow) -> bool:
    """Whether the second row's value stands under the first row's, on the next line."""
    a, b = first.cells[Role.VALUE][0], second.cells[Role.VALUE][0]
    em = max(a.height, b.height, 1.0)
    gap = min(w.top for w in second.words()) - max(w.bottom for w in first.cells[Role.VALUE])
    return -0.3 * em <= gap <= UNDER_GAP * em and abs(a.x0 - b.x0) <= VALUE_ALIGN * em


def _row_above(rows: list[RawRow], row: RawRow) -> RawRow | None:
    """The row of the same page whose value ends nearest above this row's value."""
    value = row.cells.get(Role.VALUE)
    if not value:
        return None
    top = value[0].top
    above = [
        r
        for r in rows
        if r is not row
        and r.page == row.page
        and r.cells.get(Role.VALUE)
        and r.cells[Role.VALUE][0].top < top
    ]
    return max(above, key=lambda r: r.cells[Role.VALUE][0].top, default=None)


def count_after_share(name: str, share: str, number: str, unit: str) -> bool:
    """Whether a bare number after a differential's share printed without its ``%`` is the
    count (``LYMPHOCYTES  36,0  2 041 /mm3``): a differential's name, a count's unit after the
    number, a count per µL (larger than the share) and the two agreeing on a plausible white cell
    count (count ÷ share × 100)."""
    if not _names_differential(name):
        return False  # not a differential, or a name that says it is the count (``LYM#``)
    return _count_agrees(*_share_and_count(share, number, unit))


def _count_agrees(x: float | None, y: float | None, per_ul: float | None) -> bool:
    """Whether a share ``x`` and a count ``y`` (``per_ul`` per µL) agree on a plausible white
    cell count."""
    if x is None or y is None or per_ul is None or not 0 < x <= 100 or y <= x:
        return False  # a count per litre smaller than its share: an earlier visit's value
    return WBC_PER_UL[0] <= per_ul / x * 100 <= WBC_PER_UL[1]


#: What OCR reads for a ``%`` set in some monospaced fonts (``48,0 8 3.696 /mm3``).
PERCENT_MISREADS = frozenset({"8"})


def percent_misread(name: str, share: str, mark: str, number: str, unit: str) -> bool:
    """Whether ``mark`` between a share and a count is the share's ``%`` misread: the count
    agrees with the share, both are nought for a differential (``0,0 8 0 /mm3``), or the share is
    the whole white cell count's (``Leucócitos 100 8 7.700 /mm3``) and the count plausible."""
    if mark not in PERCENT_MISREADS:
        return False
    x, y, per_ul = _share_and_count(share, number, unit)
    differential = _names_differential(name)
    if differential and _count_agrees(x, y, per_ul):
        return True
    if x == 0 and y == 0 and per_ul is not None:
        return differential
    whole = x == 100 and per_ul is not None and WBC_PER_UL[0] <= per_ul <= WBC_PER_UL[1]
    analyte = load_catalogue().match(name) if whole else None
    return analyte is not None and analyte.code == "WBC"


def _names_differential(name: str) -> bool:
    """Whether the name denotes a white cell type's share (``Segmentados``, ``LYMPHOCYTES``)."""
    share_of = load_catalogue().match(name, unit="%")
    return share_of is not None and share_of.code.endswith("_PCT")


def _share_and_count(
    share: str, number: str, unit: str
) -> tuple[float | None, float | None, float | None]:
    """The share, the count and the count per µL (None where it does not parse or convert)."""
    ucum = normalize_unit(unit)
    x, y = parse_number(share), parse_number(number)
    grouped = dot_grouped_number(number)
    if grouped is not None and ucum is not None and convert(1.0, ucum, "/uL") == 1.0:
        y = grouped  # cells per µL are whole: ``3.696 /mm3`` is 3696
    per_ul = convert(y, ucum, "/uL") if ucum is not None and y is not None else None
    return x, y, per_ul


def name_second_unit_records(records: list[Record]) -> None:
    """A value and unit with no name under a result in another unit: the same test again
    (``9,64 mmol/l`` under ``Hémoglobine 15,3 g/100ml``), its name taken; not when a lone name
    follows, overlapping it (a row whose name is printed under its value)."""
    for i, rec in enumerate(records):
        if rec.complete or not (rec.has(Role.VALUE) and rec.has(Role.UNIT)):
            continue  # a note in the name's place is left to name_noted_units
        nxt = records[i + 1] if i + 1 < len(records) else None
        if nxt is not None and _name_just_under(nxt, rec):
            continue
        above = _repeated_above(records, i)
        if above is not None:
            rec.cells[Role.NAME] = above.cells[Role.NAME]
            rec.second = True


def name_noted_units(records: list[Record]) -> None:
    """A result whose name is a note (``(Méthode PAP)``, ``Soit``) under a result in another
    unit: the same test again, named after it (the note kept as its method). Run on a reading
    once it is chosen: the names it gives must not sway the choice."""
    for i, rec in enumerate(records):
        if not rec.complete or not rec.has(Role.UNIT):
            continue
        if not is_note_name(rec.cells[Role.NAME].text):
            continue
        above = _repeated_above(records, i)
        if above is not None:
            rec.cells[Role.METHOD] = rec.cells[Role.NAME]
            rec.cells[Role.NAME] = above.cells[Role.NAME]
            rec.second = True


def _repeated_above(records: list[Record], i: int) -> Record | None:
    """The last complete record on a line above record i, when record i repeats it in another
    unit (:func:`second_unit_of`)."""
    rec = records[i]
    above = next((r for r in reversed(records[:i]) if r.line < rec.line and r.complete), None)
    if above is None or not second_unit_of(record_row(above, 0), record_row(rec, 0)):
        return None
    return above


def _name_just_under(name: Record, rec: Record) -> bool:
    """Whether a name-only record stands so close under a record's value that their lines
    overlap: a row printed out of register, its name a little lower than its value."""
    if set(name.cells) != {Role.NAME}:
        return False
    return name.cells[Role.NAME].top < rec.cells[Role.VALUE].bottom
