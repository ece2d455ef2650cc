"""Cells tidied after words were dealt to columns: printed separators and marks in the wrong cell.

A header's columns take every word under them, so a report that prints its cell borders as
characters (``Creatinina :  2,55  *  mg/dL  | 0,57 - 1,11 |``) leaves a colon after the name, a
bar at each end of the range, and the out-of-range star in the unit column, between the value
and its unit; a footnote mark set small and raised after a name; a unit column with no header
of its own, whose words fall to the range column. Each is a thing of the row, not of its cell's
text.
"""

from __future__ import annotations

import re

from checkup2action.ingestion.document import Word
from checkup2action.layout.lines import join_words
from checkup2action.tables.content import (
    looks_flag,
    looks_numeric_value,
    looks_qualitative,
    looks_range,
    looks_unit,
    looks_value,
)
from checkup2action.tables.model import RawRow
from checkup2action.tables.roles import Role
from checkup2action.tables.wordprep import BULLETS, is_footnote_mark, replace_text, unbullet

#: Marks that flag a value when printed between it and its unit.
_UNIT_LEAD_FLAGS = frozenset({"*", "**", "↑", "↓", "H", "L", "HH", "LL", "(H)", "(L)"})
_BARS = frozenset({"|", "¦", "│", "｜"})
#: A word after a bracketed range that may be a unit OCR misread (``UVL``, ``µmoVL``): letters
#: and slashes only; normalize reads it, or keeps it as printed.
_UNIT_LIKE = re.compile(r"^[A-Za-zμµ/%]{1,8}$")
#: A word that may be a unit OCR misread after a value: letters of any alphabet, slashes, a
#: closing dot, a speck read as ``!`` before it (``c``, ``cek``, ``ME/``, ``EA.``, ``!мкг/дл``).
_MISREAD_UNIT = re.compile(r"^!?(?=[^/]*[^\W\d_])(?:[^\W\d_]|[/%])+\.?$")


def tidy_cells(rows: list[RawRow]) -> list[RawRow]:
    """Rows with separators dropped and a flag mark moved out of the unit cell."""
    for row in rows:
        _drop_name_bullet(row)
        _drop_name_footnote(row)
        _drop_bars(row, Role.RANGE)
        _drop_name_colon(row)
        _flag_from_unit(row)
        _unit_from_range(row)
        _unit_from_range_end(row)
    return rows


def _drop_bars(row: RawRow, role: Role) -> None:
    """Remove words that are only a cell border drawn as a character."""
    words = row.cells.get(role)
    if words and any(w.text.strip() in _BARS for w in words):
        kept = [w for w in words if w.text.strip() not in _BARS]
        if kept:
            row.cells[role] = kept
        else:
            del row.cells[role]


def _drop_name_bullet(row: RawRow) -> None:
    """A bullet before the name (``• SGPT``, ``°GGT`` as OCR reads a dot) is no part of it."""
    words = row.cells.get(Role.NAME)
    if not words:
        return
    if len(words) > 1 and words[0].text.strip() in BULLETS:
        words = words[1:]
    row.cells[Role.NAME] = [unbullet(words[0]), *words[1:]]


def _drop_name_footnote(row: RawRow) -> None:
    """A footnote mark printed small and raised after the name (``Мочевина¹``) is no part of it."""
    words = row.cells.get(Role.NAME)
    if words and len(words) > 1 and is_footnote_mark(words[-1], words[-2]):
        row.cells[Role.NAME] = words[:-1]


def _drop_name_colon(row: RawRow) -> None:
    """A name's closing colon (``Creatinina :``), a separate word or glued on, goes."""
    words = row.cells.get(Role.NAME)
    if not words:
        return
    last = words[-1]
    text = last.text.rstrip()
    if text in (":", "：") and len(words) > 1:
        row.cells[Role.NAME] = words[:-1]
    elif len(text) > 1 and text.endswith((":", "：")):
        row.cells[Role.NAME] = [*words[:-1], replace_text(last, text[:-1].rstrip())]


def _flag_from_unit(row: RawRow) -> None:
    """A flag mark opening the unit cell before the unit itself is the row's flag."""
    words = row.cells.get(Role.UNIT)
    if not words or len(words) < 2 or row.cells.get(Role.FLAG):
        return
    if words[0].text.strip() in _UNIT_LEAD_FLAGS:
        row.cells[Role.FLAG] = [words[0]]
        row.cells[Role.UNIT] = words[1:]


def _unit_from_range(row: RawRow) -> None:
    """A unit opening the range cell of a row without a unit cell is the row's unit: the unit
    column had no header of its own and its words fell to the range column beside it (``mg/dL
    Hasta 1.00``, ``U/L 8.0 - 61.0``, ``segundos``)."""
    words = row.cells.get(Role.RANGE)
    if not words or row.cells.get(Role.UNIT) or not looks_unit(words[0].text):
        return
    rest = join_words(words[1:])
    if rest and not looks_range(rest):
        return  # ``% 94.1``: the range column took more than a unit (a previous result)
    row.cells[Role.UNIT] = [words[0]]
    if len(words) > 1:
        row.cells[Role.RANGE] = words[1:]
    else:
        del row.cells[Role.RANGE]


def _unit_from_range_end(row: RawRow) -> None:
    """A unit closing the range cell of a row without a unit cell is the row's unit: the report
    prints it after the range in one column (``(< 41) U/L``, ``(3.85 - 5.67) mmol/L``), and the
    value cell holds one word (``25.000 /mL`` prints its unit after the value)."""
    words = row.cells.get(Role.RANGE)
    if not words or len(words) < 2 or row.cells.get(Role.UNIT):
        return
    if len(row.cells.get(Role.VALUE) or []) != 1:
        return
    rest = join_words(words[:-1])
    if not looks_range(rest):
        return
    if looks_unit(words[-1].text) or (rest.endswith(")") and _UNIT_LIKE.match(words[-1].text)):
        row.cells[Role.UNIT] = [words[-1]]
        row.cells[Role.RANGE] = words[:-1]


def unit_after_value(cells: dict[Role, list[Word]]) -> dict[Role, list[Word]]:
    """A line's cells with a word after a number in the value cell made the unit when the unit
    cell is empty: the header names no unit column, or the unit is printed after the result
    (``46,0 мкмоль/л.``, or on a photo ``12.3 c`` with its unit misread). A unit alone in the
    value cell is a result not read; a colon opening the value cell, the separator after a
    name, goes."""
    words = cells.get(Role.VALUE)
    if words and words[0].text in (":", "："):  # ``TEST  : 26.00``: the separator after the name
        cells = cells | {Role.VALUE: words[1:]}
        words = words[1:]
    if not words or len(words) > 2 or cells.get(Role.UNIT):
        return cells
    if len(words) == 1:  # a unit and no value: the result was not read (``Ед/мл``); the
        # value cell stays, empty, so the line is not taken for half of a row cut in two
        lone = words[0].text
        unit_only = looks_unit(lone) and not looks_value(lone)
        return cells | {Role.VALUE: [], Role.UNIT: words} if unit_only else cells
    value, unit = words
    if not looks_numeric_value(value.text):
        return cells
    if looks_unit(unit.text) or _misread_unit(unit.text):
        return cells | {Role.VALUE: [value], Role.UNIT: [unit]}
    return cells


def _misread_unit(text: str) -> bool:
    """A word with a letter and no digit, of at most four characters or with a slash, that is
    no flag or result word: a unit OCR misread (``cek``, ``ME/``, ``EA.``), not a word of an
    address or a sentence (``Springfield,``)."""
    if text == "/":
        return True  # the unit's letters lost, its slash read (``26,91* /``)
    if not _MISREAD_UNIT.match(text) or (len(text) > 4 and "/" not in text):
        return False
    return not (looks_flag(text) or looks_qualitative(text))
