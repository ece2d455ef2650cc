"""Rows named only ``Test`` or ``Control``, and results with no name, under the heading above.

Clotting tests are often printed as a heading and two rows, and sedimentation rates as a
heading and the rate at each hour (made up)::

    PROTHROMBIN TIME
    TEST     :  14.0  Seconds  11.0 - 13.5
    CONTROL  :  12.0  Seconds

The rows' own names say whose plasma was timed, not which test: the heading above says that.
The line reader reads the heading as a name with no value, so such a row takes the heading's
words before its own (``PROTHROMBIN TIME TEST``), and a second such row under it the same.

Some reports print one test per block, its name only as the block's heading (made up)::

    FERRO SÉRICO
    Método: Ferrozine
                                  VALOR DE REFERÊNCIA
    RESULTADO:   129  µg/dL       33 - 193 µg/dL

The result label is dropped as a label, so the value row has no name: it takes the heading,
past the lines about the sample and method and the range column's heading.
"""

from __future__ import annotations

import re

from checkup2action.layout.lines import join_words
from checkup2action.tables.records import Record
from checkup2action.tables.roles import Role, role_of_header
from checkup2action.tables.tokens import Token

#: The hour a sedimentation rate was read at (``1ère heure``, OCR's ``lère``; ``2nd hour``).
_HOUR = r"(?:[1li]\s*(?:st|ère|ere|re)|2\s*(?:nd|ème|eme|e)|first|second)\s+h(?:our|eure|r)\.?"
#: A row name that only says whose specimen a value was measured on (the patient's or a control).
GENERIC_NAME = re.compile(
    r"^(?:test|patient(?:'?s)?(?:\s+value)?|control(?:\s+value)?|mean\s+normal(?:\s+value)?|"
    r"mnpt|" + _HOUR + r")\s*[:：]?$",
    re.IGNORECASE,
)
#: A value cell holding only a mark (``#``, ``*``): a heading's, not a result's (a dash or a
#: plus may be a result).
_MARK_ONLY = re.compile(r"^[#*※]*$")
_NO = Token([])
#: A method note in brackets wrapped in before the row's own name.
_NOTE_FIRST = re.compile(r"^[(（][^()（）]*[)）]\s*")
#: How many lines above its first row the heading may stand.
_HEADING_REACH = 2


def _generic(rec: Record) -> bool:
    """Whether a finished record is named only by its specimen (``TEST :``), perhaps after a
    method note in brackets."""
    if not rec.complete:
        return False
    return bool(GENERIC_NAME.match(_NOTE_FIRST.sub("", rec.cells[Role.NAME].text.strip())))


def _heading_above(records: list[Record], i: int, generic: set[int]) -> Record | None:
    """The name-only record over record i and the rows like it (``generic``) or method notes
    just above it."""
    first = i
    while first > 0 and (first - 1 in generic or _note(records[first - 1])):
        first -= 1
    if first == 0:
        return None
    above = records[first - 1]
    close = records[first].line - above.line <= _HEADING_REACH
    return above if close and _heading_only(above) else None


def _note(rec: Record) -> bool:
    """Whether a record is a method note in brackets alone (``(Méthode …)``)."""
    return set(rec.cells) == {Role.NAME} and bool(_NOTE_FIRST.fullmatch(rec.cells[Role.NAME].text))


def _heading_only(rec: Record) -> bool:
    """Whether a record is a name alone (or with a mark where a value would be)."""
    marks = (
        {Role.NAME, Role.VALUE} if _MARK_ONLY.match(rec.cells.get(Role.VALUE, _NO).text) else set()
    )
    return set(rec.cells) in ({Role.NAME}, marks)


#: A line of facts about the sample or how it was measured (``Método: Cinético``,
#: ``Material biológico: Soro``, ``Equipamento: …``): a label from these words, then a colon.
_FACT = re.compile(
    r"^(?:material|amostra|muestra|specimen|sample|m[ée]todo|method|m[ée]thode|metodo|"
    r"equipamento|equipo|equipment|instrument|analy[sz]er|t[ée]cnica|technique|data|fecha|date|"
    r"coleta|collected|recebido|received|liberado|liberação)\b[^:：]{0,30}[:：]",
    re.IGNORECASE,
)
#: How many lines above a result with no name of its own its heading may stand.
_RESULT_REACH = 8


def heads_column(rec: Record) -> bool:
    """Whether a record without a value is the range column's heading (``VALOR DE
    REFERÊNCIA``, its ``DE`` perhaps taken for a method code), no test's: the header
    vocabulary's range words, read over all its words left to right."""
    if rec.has(Role.VALUE) or not rec.has(Role.NAME):
        return False
    words = sorted((w for token in rec.cells.values() for w in token.words), key=lambda w: w.x0)
    return role_of_header(join_words(words), exact_only=True) is Role.RANGE


def _skippable(rec: Record) -> bool:
    """A record between a heading and its result: facts about the sample, a column heading."""
    name = rec.cells.get(Role.NAME)
    return name is not None and (bool(_FACT.match(name.text.strip())) or heads_column(rec))


def name_results_under_headings(records: list[Record]) -> None:
    """Give a result printed with no name (its ``RESULTADO:`` label dropped) the name-only
    heading above it, past lines of facts about the sample and method and the range column's
    heading: a report printing one test per block, its name as the block's heading."""
    for i, rec in enumerate(records):
        if rec.has(Role.NAME) or not rec.has(Role.VALUE):
            continue
        for above in reversed(records[:i]):
            if rec.line - above.line > _RESULT_REACH:
                break
            if _skippable(above):
                continue
            if set(above.cells) == {Role.NAME} and not _note(above):
                rec.cells[Role.NAME] = Token(list(above.cells[Role.NAME].words))
            break


def name_generic_records(records: list[Record]) -> None:
    """Give each record named only ``Test`` or ``Control`` the heading above it as the first
    words of its name (the colon after its own name dropped)."""
    generic = {i for i, rec in enumerate(records) if _generic(rec)}
    for i in sorted(generic):
        rec = records[i]
        heading = _heading_above(records, i, generic)
        if heading is None:
            continue
        own = [w for w in rec.cells[Role.NAME].words if w.text.strip() not in (":", "：")]
        rec.cells[Role.NAME] = Token([*heading.cells[Role.NAME].words, *own])
