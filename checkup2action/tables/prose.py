"""Results written inside sentences, for a page whose tables gave none: a discharge summary's
``门诊查血常规：WBC 16.6*10^9/L，N 24.1%，HB 115g/L`` or a letter's ``haemoglobin 13.2 g/dL``.

The page's lines are joined into running text (a line broken inside a number or a unit, as
``2`` / ``9.9%`` or ``mg`` / ``/L``, joins without a space), then every number is read with the
words before it, back to the last clause mark, as its name, and the characters after it, up to
the next clause mark, as its unit. A reading is a result only when the catalogue knows the name
(or the name's end: ``门诊查血常规WBC``) and the unit is one that analyte is printed in or
converts to: a drug's dose (``甲钴胺片0.25mg/天``), a temperature or a date never is. Each part becomes
a word whose box is the stretch of the printed line it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from checkup2action.grammar.catalogue import Analyte, load_catalogue
from checkup2action.grammar.ocrunits import unit_fits
from checkup2action.ingestion import Word
from checkup2action.layout import TextLine
from checkup2action.tables.model import RawRow
from checkup2action.tables.roles import Role
from checkup2action.tables.scoring import ucum_of

#: Marks that end a clause: the name of a value starts after the last one before it.
CLAUSE_MARKS: Final = "，,；;。:：(（)）、"
OPENING: Final = "(（"
SENTENCE_MARKS: Final = "。；;"
#: Words that link a name to its value in a sentence (``haemoglobin was 13.2``, ``血糖为6.1``).
_LINKING = re.compile(
    r"(?:\s+(?:was|is|are|were|of|at|de|é|foi|es|fue|ist|war|est|était|=)|为|是|=)\s*$", re.I
)
COLONS: Final = ":："
_NUMBER = re.compile(r"(?<![\d.])[<>≤≥]?\d+(?:\.\d+)?(?![\d.])")
_UNIT_END = re.compile(rf"[{re.escape(CLAUSE_MARKS)}]|\s{{2,}}")
#: Catalogue categories that are no lab result when a sentence prints them.
NOT_RESULTS: Final = frozenset({"vitals"})
#: A name longer than this is a sentence, not a test's name.
MAX_NAME_CHARS: Final = 24
MIN_NAME_CHARS: Final = 1
#: A few CJK characters before the name the catalogue knows stay with it (``脑脊液白细胞``: the
#: specimen stays with its test); a longer or Latin lead-in (``Her haemoglobin``) does not.
MAX_QUALIFIER: Final = 4
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
#: Where a wrapped line joins its next without a space: inside a number or CJK text, or where
#: the next line opens with the rest of a unit (``mg`` / ``/L``).
_GLUED_END = re.compile(r"[\d.^*×]$|[\u3400-\u9fff]$")
_GLUED_START = re.compile(r"^[\d.]|^[\u3400-\u9fff]")
_UNIT_REST = re.compile(r"^[/%^]")


@dataclass(frozen=True, slots=True)
class _Char:
    """Where one character of the running text was printed: its word and place in it."""

    word: Word
    index: int


def running_text(lines: list[TextLine]) -> tuple[str, list[_Char | None]]:
    """The lines as one text, and for each character where it was printed (None: a joint)."""
    text: list[str] = []
    where: list[_Char | None] = []
    for line in lines:
        if text:
            joint = "" if _joins_without_space("".join(text[-2:]), line) else " "
            text.extend(joint)
            where.extend([None] * len(joint))
        for w_index, word in enumerate(line.words):
            if w_index:
                text.append(" ")
                where.append(None)
            text.extend(word.text)
            where.extend(_Char(word, i) for i in range(len(word.text)))
    return "".join(text), where


def _joins_without_space(before: str, line: TextLine) -> bool:
    """Whether a line continues the text before it without a space (a wrapped number, unit or
    CJK sentence)."""
    first = line.words[0].text if line.words else ""
    if _UNIT_REST.search(first):
        return True
    return bool(_GLUED_END.search(before) and _GLUED_START.search(first))


def _name_before(text: str, start: int, floor: int = 0) -> tuple[int, str]:
    """The name a number at ``start`` follows: the text back to the last clause mark or the end
    of the reading before (``floor``), past an opening bracket right before the number
    (``白细胞(100.0*10^6/L)``), without a linking word before the number (``was``, ``为``)."""
    begin = start
    while begin > floor and text[begin - 1] not in CLAUSE_MARKS:
        begin -= 1
    if begin > floor and text[begin - 1] in OPENING and not text[begin:start].strip():
        return _name_before(text, begin - 1, floor)
    raw = _LINKING.sub("", text[begin:start])
    stripped = raw.lstrip()
    return begin + len(raw) - len(stripped), stripped.rstrip()


def heading_before(text: str, at: int) -> str | None:
    """The heading a clause at ``at`` is listed under in its sentence (``脑脊液常规：…，单核细胞
    70.1%`` → ``脑脊液常规``): the words before the sentence's last colon, or None."""
    sentence = max(text.rfind(mark, 0, at) for mark in SENTENCE_MARKS)
    colon = max(text.rfind(mark, sentence + 1, at) for mark in COLONS)
    if colon <= sentence:
        return None
    begin = colon
    while begin > sentence + 1 and text[begin - 1] not in CLAUSE_MARKS:
        begin -= 1
    heading = text[begin:colon].strip()
    return heading if 0 < len(heading) <= MAX_NAME_CHARS else None


def _unit_after(text: str, end: int) -> tuple[int, str]:
    """The unit after a number ending at ``end``: up to the next clause mark."""
    stop = _UNIT_END.search(text, end)
    raw = text[end : stop.start() if stop else len(text)]
    stripped = raw.lstrip()
    return end + len(raw) - len(stripped), stripped.split(" ")[0] if stripped else ""


def named_analyte(name: str, unit: str) -> tuple[str, Analyte] | None:
    """The lab analyte a name in running text denotes (its unit choosing between a count and a
    percentage), and the name as printed: the whole name, or its longest end the catalogue knows
    (``门诊查血常规WBC`` → ``WBC``). Vital signs are not results here: a sentence's ``体重10Kg``
    is the exam's, and the report's vitals read it."""
    if not MIN_NAME_CHARS <= len(name) <= MAX_NAME_CHARS:
        return None
    catalogue = load_catalogue()
    for start in range(len(name)):
        tail = name[start:].strip()
        if start and not _starts_word(name, start):
            continue
        if tail and (analyte := catalogue.match(tail, unit=unit)) is not None:
            return None if analyte.category in NOT_RESULTS else (tail, analyte)
    return None


def printed_name(clause: str, known: str) -> str:
    """The printed name of a reading: the end the catalogue knows, with a short CJK qualifier
    before it kept (``脑脊液`` + ``白细胞``)."""
    lead = clause[: len(clause) - len(known)] if clause.endswith(known) else ""
    if lead and len(lead) <= MAX_QUALIFIER and all(_CJK.match(ch) for ch in lead):
        return clause
    return known


def _starts_word(name: str, start: int) -> bool:
    """Whether a name's end may start at ``start``: after a space, or at a CJK character, or
    where Latin letters follow CJK (``血常规WBC``)."""
    before, here = name[start - 1], name[start]
    if before == " ":
        return True
    if _CJK.match(here):
        return True
    return bool(_CJK.match(before)) and here.isalpha()


def _unit_fits(unit: str, analyte: Analyte) -> bool:
    """Whether a printed unit is one the analyte is printed in or converts to."""
    ucum = ucum_of(unit, analyte)
    return ucum is not None and unit_fits(ucum, analyte)


def _word(text: str, chars: list[_Char | None], page: int) -> Word | None:
    """A word for a stretch of the running text, boxed where its characters were printed."""
    printed = [c for c in chars if c is not None]
    if not printed:
        return None
    boxes = [_char_box(c) for c in printed]
    confidences = [c.word.confidence for c in printed if c.word.confidence is not None]
    return Word(
        text,
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
        page,
        confidence=min(confidences) if confidences else None,
    )


def _char_box(char: _Char) -> tuple[float, float, float, float]:
    """The box of one printed character: its own left edge when known, else its share of the
    word's width."""
    w, i, n = char.word, char.index, max(1, len(char.word.text))
    if w.char_x0s and len(w.char_x0s) == len(w.text):
        x0 = w.char_x0s[i]
        x1 = w.char_x0s[i + 1] if i + 1 < n else w.x1
    else:
        x0 = w.x0 + (w.x1 - w.x0) * i / n
        x1 = w.x0 + (w.x1 - w.x0) * (i + 1) / n
    return x0, w.top, x1, w.bottom


def prose_rows(lines: list[TextLine], page: int) -> list[RawRow]:
    """Results written in the page's running text (see the module's doc)."""
    text, where = running_text(lines)
    rows: list[RawRow] = []
    floor = 0  # where the last reading ended: the next name starts after it
    for number in _NUMBER.finditer(text):
        if number.start() < floor:
            continue
        name_at, name = _name_before(text, number.start(), floor)
        unit_at, unit = _unit_after(text, number.end())
        named = named_analyte(name, unit)
        if named is None or not unit or not _unit_fits(unit, named[1]):
            continue
        floor = unit_at + len(unit)
        printed = printed_name(name, named[0])
        name_start = name_at + name.rfind(printed)
        parts = {
            Role.NAME: _word(printed, where[name_start : name_start + len(printed)], page),
            Role.VALUE: _word(number.group(), where[number.start() : number.end()], page),
            Role.UNIT: _word(unit, where[unit_at : unit_at + len(unit)], page),
        }
        if any(word is None for word in parts.values()):
            continue
        row = RawRow(page=page, panel=heading_before(text, name_at))
        for role, word in parts.items():
            assert word is not None
            row.add(role, [word])
        rows.append(row)
    return rows
