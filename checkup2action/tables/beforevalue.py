"""Where the line reader puts a token met before its record has a value: a row number, the
name's words, a flag or mark printed first, a range printed before the result, or the value.

Shared marks of the line grammar (signs, arrows, row numbers) live here too, so the line reader
and this module read them alike.
"""

from __future__ import annotations

import re

from checkup2action.grammar.names import method_phrase
from checkup2action.ingestion.document import Word
from checkup2action.tables.content import (
    looks_flag,
    looks_qualitative,
    looks_range,
    looks_range_only,
    looks_value,
)
from checkup2action.tables.records import Record
from checkup2action.tables.roles import Role
from checkup2action.tables.scoring import names_analyte, names_word_result_analyte
from checkup2action.tables.tokens import BARE_NUMBER, Token, close, is_text, is_unit

SIGN_MARKS = frozenset({"+", "-", "*", "!", "++", "--"})
NUMBER_START = re.compile(r"^[<>≤≥]?\s*\d")
#: A row number before a test's name.
ROW_NUMBER = re.compile(r"\d{1,3}")
#: A reference bound alone (``<150``, ``>=40``): the range cell's whole text.
_BOUND = re.compile(r"^[<>≤≥]=?\s*\d+(?:[.,]\d+)?$")
ARROW = re.compile(r"^[↑↓▲▼]{1,2}$")


#: A result printed as words runs to at most this many words.
WORD_RESULT_WORDS = 4


def _word_result(rec: Record, t: str) -> bool:
    """Whether text ending a line is the word result of the record's name: the name denotes an
    analyte whose results are words, and the text is short and names no analyte itself."""
    if not rec.has(Role.NAME) or rec.has(Role.VALUE) or len(t.split()) > WORD_RESULT_WORDS:
        return False
    return names_word_result_analyte(rec.cells[Role.NAME].text) and not names_analyte(t)


#: A flag letter in brackets (``(L)``, ``(H)``, ``[HH]``).
_BRACKET_FLAG = re.compile(r"^[(\[（]\s*(?:H|L|HH|LL|High|Low)\s*[)\]）]$", re.IGNORECASE)


def place_before_value(rec: Record, tok: Token, t: str, nxt: str, prev: Token | None) -> str:
    """A token before the record has a value: index, name, range first, or the value."""
    if _BRACKET_FLAG.match(t) and NUMBER_START.match(nxt) and not rec.has(Role.FLAG):
        rec.put(Role.FLAG, tok)  # ``(L) 6.9``: the flag printed before the value, never a name
        return "ok"
    if not rec.has(Role.NAME):
        ends_row = side_cells_only(rec) and rec.has(Role.RANGE)
        if ends_row and (is_text(t) or ROW_NUMBER.fullmatch(t)) and not is_unit(t):
            return "new"  # the end of one row, then the next row's number or name
        if BARE_NUMBER.match(t) and ROW_NUMBER.fullmatch(t) and is_text(nxt):
            rec.put(Role.INDEX, tok)
            return "ok"
        if is_text(t) or (looks_qualitative(t) and not looks_value(t)):
            rec.put(Role.NAME, tok)
            return "ok"
        if prev is None and names_analyte(t) and ("/" in t or looks_value(nxt)):
            # a name that looks like a unit: a ratio (FPSA/PSA, BUN/Cr), or ``pH  6,0``
            rec.put(Role.NAME, tok)
            return "ok"
        if not rec.cells and ARROW.match(t) and looks_range_only(nxt):
            rec.put(Role.FLAG, tok)  # ``↓ 2.4-4.0``: the end of a row, its start on another line
            return "ok"
        if looks_flag(t) and is_text(nxt) and names_analyte(f"{t} {nxt}"):
            rec.put(Role.NAME, tok)  # a flag word that begins a name: ``ABNORMAL CELLS  Nil``
            return "ok"
        if ARROW.match(t) or looks_flag(t):
            return "skip"
        if looks_range_only(t):
            rec.put(Role.RANGE, tok)  # a range wrapped under its row
        elif is_unit(t):
            rec.put(Role.UNIT, tok)
        else:
            rec.put(Role.VALUE, tok)  # a value with no name: maybe its name is on the line above
        return "ok"
    if t in SIGN_MARKS and NUMBER_START.match(nxt) and not rec.has(Role.FLAG):
        rec.put(Role.FLAG, tok)  # ``+ 8.2``: a mark in front of the value
    elif method_phrase(t) and not rec.has(Role.METHOD):
        rec.cells[Role.METHOD] = tok  # ``MCV  Derived  90.3``: the method printed beside the name
    elif rec.has(Role.RANGE) and not rec.has(Role.UNIT) and 0 < len(t) <= 6 and " " not in t:
        rec.put(Role.UNIT, tok)  # an unknown unit after a range printed before the result
    elif _joins_name(rec, tok, t, prev):
        rec.put(Role.NAME, tok)
    elif not nxt and _word_result(rec, t):
        # ``RBC MORPHOLOGY  Normocytic normochromic``, ``GFR Category  G1``
        rec.put(Role.VALUE, tok)
    elif is_text(t) and any(c.isdigit() or c == "/" for c in t):
        rec.cells.setdefault(Role.OTHER, tok)  # a far code column
    elif is_text(t):
        return "new"  # a second name far right: the next test
    elif rec.has(Role.UNIT) and not rec.has(Role.RANGE) and not nxt and _BOUND.match(t):
        rec.put(Role.RANGE, tok)  # ``Triglycerides  mg/dL  <150``: the result cell is empty
    elif looks_value(t):
        rec.put(Role.VALUE, tok)
    elif looks_flag(t) and not rec.has(Role.FLAG):
        rec.put(Role.FLAG, tok)
    elif is_unit(t) and not rec.has(Role.UNIT):
        rec.put(Role.UNIT, tok)
    elif looks_range(t) and not rec.has(Role.RANGE):
        rec.put(Role.RANGE, tok)  # the range printed before the result
    elif _interval_result(rec, t):
        # ``Pus cells : 1-2 /hpf 0-5 /hpf``: the first interval was the result, a count per field
        rec.cells[Role.VALUE] = rec.cells.pop(Role.RANGE)
        rec.put(Role.RANGE, tok)
    else:
        rec.put(Role.NAME, tok)
    return "ok"


#: A count read per microscope field, printed as an interval of small whole numbers (``1-2``).
_FIELD_COUNT = re.compile(r"\d{1,3}\s*[-–]\s*\d{1,3}")


def _interval_result(rec: Record, t: str) -> bool:
    """Whether a second range-like token, after a range and before any value, shows that the
    first was the result printed as an interval (``1-2 /hpf  0-5 /hpf``)."""
    first = rec.cells.get(Role.RANGE)
    if first is None or not _FIELD_COUNT.fullmatch(first.text.strip()):
        return False
    return looks_range_only(t)


def _joins_name(rec: Record, tok: Token, t: str, prev: Token | None) -> bool:
    """Whether a token continues the name: text, or a non-value piece set tight against it."""
    name = rec.cells.get(Role.NAME)
    if is_text(t):
        if name is None:
            return True
        last, first = name.words[-1], tok.words[0]
        return not _far_code(last, first, t) and first.x0 - last.x1 <= _NAME_GAP_EM * max(
            last.size, last.height, 1.0
        )
    tight = name is not None and prev is not None and prev.words[-1] is name.words[-1]
    return tight and close(name.words[-1], tok.words[0]) and not looks_value(t) and not is_unit(t)  # type: ignore[union-attr]


#: Two names this far apart on one line are two tests (cards side by side), not one name.
_NAME_GAP_EM = 6.0


def _far_code(last: Word, first: Word, text: str) -> bool:
    """A code in a column of its own far right of the name (``SHLS/QTXN/03``): no part of it."""
    far = first.x0 - last.x1 > 2.5 * max(last.size, last.height, 1.0)
    return far and any(c.isdigit() or c == "/" for c in text)


def side_cells_only(rec: Record) -> bool:
    """A record holding a range, unit or flag and nothing else (the end of a row)."""
    sides = (Role.RANGE, Role.UNIT, Role.FLAG)
    return bool(rec.cells) and all(role in sides for role in rec.cells)
