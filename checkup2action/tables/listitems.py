"""Result lists of phone apps: one item per result, its reference range on the line below.

    白细胞计数 WBC                         6.8
    参考区间：3.5~9.5 10^9/L
    血红蛋白 HGB                         108 ↓
    Reference range: 130 - 175 g/L

An item line is a name and a value (maybe a flag, maybe the unit) as a headerless table reads it
(``headerless.content_cells``) with no range of its own; the line right under it, starting below
the name, holds the range behind an optional label that the header vocabulary calls a range
(``参考区间``, ``Reference range``) and maybe the unit. Some apps print the range in brackets
glued to the value and a labelled unit line below instead:

    肌酐                                67.10(57-104)
    单位：umol/L

The rows are the ``RawRow`` objects the table reader makes, so normalisation treats them alike.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from checkup2action.ingestion.document import Word, split_word
from checkup2action.layout.lines import Segment, TextLine, join_words
from checkup2action.tables.content import (
    glued_value_unit,
    looks_flag,
    looks_qualitative,
    looks_range,
    looks_unit,
    looks_value,
)
from checkup2action.tables.headerless import content_cells
from checkup2action.tables.model import RawRow
from checkup2action.tables.roles import Role, role_of_header
from checkup2action.tables.rows import KEY_VALUE
from checkup2action.tables.wordprep import MAX_LABEL_WORDS, replace_text

MIN_ITEMS = 2
MAX_HEADING_CHARS = 30
# Vertical gap between an item line and its range line, in item-line heights.
MAX_RANGE_GAP = 1.5
# How far right of the item's name (in em) the range line may start.
MAX_RANGE_INDENT_EM = 2.0
COLON = re.compile(r"[:：]")
# "9.5x10^9/L", "<5.2mmol/L": a unit glued to the end of the range (OCR drops the space).
GLUED_UNIT = re.compile(r"^(.*?\d)([^\d.,~\-–—～〜\s].*)$")
UNIT_PREFIX = ("x", "X", "×", "*")


@dataclass(slots=True)
class RangeLine:
    """The range words (label left out) and unit words of the line under an item."""

    range_words: list[Word]
    unit_words: list[Word]


def is_range_label(text: str, *, exact: bool = False) -> bool:
    """``参考区间``, ``Reference range``, ``Ref. range``: header words naming a range, no digits.

    ``exact`` for a label with no colon to end it: a prefix match would eat ``Normal range NON``.
    """
    text = COLON.sub("", text).strip()
    if not text or any(ch.isdigit() for ch in text):
        return False
    if role_of_header(text, exact_only=exact) is Role.RANGE:
        return True
    # OCR slips in the label's last characters (参考範图 for 参考範圍): the 参考 start is enough.
    return text.startswith(("参考", "參考")) and len(text) <= 5


def split_label(words: Sequence[Word]) -> list[Word] | None:
    """The words after a leading range label (``参考区间：3.5`` split at the colon); None without one."""
    for k, word in enumerate(words[:MAX_LABEL_WORDS]):
        m = COLON.search(word.text)
        if m is None:
            if any(ch.isdigit() for ch in word.text):
                break
            continue
        head, tail = (word, None) if m.end() == len(word.text) else split_word(word, m.end())
        if not is_range_label(join_words([*words[:k], head])):
            return None
        return ([tail] if tail is not None else []) + list(words[k + 1 :])
    for k in range(min(MAX_LABEL_WORDS, len(words) - 1), 0, -1):
        if is_range_label(join_words(list(words[:k])), exact=True):
            return list(words[k:])
    return _glued_label(words)


def _glued_label(words: Sequence[Word]) -> list[Word] | None:
    """The range after a label OCR read onto it with no colon (``参考值7~40``); None without one."""
    first = words[0].text if words else ""
    for cut in range(2, min(len(first), 9)):
        rest = first[cut:]
        starts = rest[0].isdigit() or rest[0] in "<>≤≥" or looks_qualitative(rest)
        if starts and is_range_label(first[:cut], exact=True):
            return [split_word(words[0], cut)[1], *words[1:]]
    return None


def _unglue_unit(words: list[Word]) -> list[Word]:
    """Split a unit glued to the last range word (``9.5g/L`` → ``9.5`` ``g/L``)."""
    m = GLUED_UNIT.match(words[-1].text)
    if m is None or not looks_unit(m.group(2)):
        return words
    return [*words[:-1], *split_word(words[-1], len(m.group(1)))]


def range_parts(words: Sequence[Word]) -> RangeLine | None:
    """Range and trailing unit of a range line's words (label removed); None if not a range."""
    words = list(words)
    if not words:
        return None
    words = _unglue_unit(words)
    unit: list[Word] = []
    if len(words) > 1 and looks_unit(words[-1].text):
        unit = [words.pop()]
        if len(words) > 1 and words[-1].text in UNIT_PREFIX:
            unit.insert(0, words.pop())
    text = join_words(words)
    if not (looks_range(text) or looks_qualitative(text)):
        return None
    return RangeLine(words, unit)


def range_line(line: TextLine) -> RangeLine | None:
    """A labelled range line (``参考区间：3.5~9.5 10^9/L``) or a bare one (``3.5 - 9.5 g/L``)."""
    rest = split_label(line.words)
    return range_parts(line.words if rest is None else rest)


def labelled_range_line(line: TextLine) -> bool:
    """Whether a line is a range line behind a range label (never page furniture)."""
    rest = split_label(line.words)
    return rest is not None and range_parts(rest) is not None


def item_cells(line: TextLine) -> dict[Role, list[Word]] | None:
    """Name and value (flag, unit) of an item line; None when it is no item or has a range, but
    for a value that carries its range in brackets (``67.10(57-104)``).

    ``122 g/L`` as one segment reads as a unit, so the words right of the name get a second try
    one by one.
    """
    cells = content_cells(line, weak=True)
    if cells is None and len(line.segments) >= 2:
        rest = [Segment([w]) for seg in line.segments[1:] for w in _unglued(seg.words)]
        cells = content_cells(TextLine(line.words, [line.segments[0], *rest]), weak=True)
    if cells is None or Role.RANGE in cells or Role.PREVIOUS in cells:
        return _bracketed_item(line)
    return cells


#: ``67.10[57-104]``, ``5.65(3.5–9.5)``: an app's value with its range in brackets glued on.
_VALUE_BRACKET_RANGE = re.compile(
    r"^([<>≤≥]?\d+(?:[.,]\d+)?\s*[↑↓]?)\s*[(\[（【]([^()\[\]（）【】]+)[)\]）】]$"
)


def _bracketed_item(line: TextLine) -> dict[Role, list[Word]] | None:
    """Name, value and range of an item line whose value carries its range in brackets."""
    if len(line.segments) < 2:
        return None
    last = line.segments[-1].words
    m = _VALUE_BRACKET_RANGE.match(last[-1].text.strip()) if last else None
    if m is None or not looks_range(m.group(2)) or not looks_value(m.group(1)):
        return None
    word = last[-1]
    value, rest = split_word(word, len(m.group(1)))
    cells = content_cells(TextLine(line.words[:-1], list(line.segments[:-1])), weak=True)
    name = (cells or {}).get(Role.NAME) if cells and set(cells) == {Role.NAME} else None
    name = name or [w for seg in line.segments[:-1] for w in seg.words]
    if looks_value(join_words(name)):
        return None
    return {
        Role.NAME: name,
        Role.VALUE: [replace_text(value, m.group(1).strip())],
        Role.RANGE: [replace_text(rest, m.group(2).strip())],
    }


def _unglued(words: Sequence[Word]) -> list[Word]:
    """Words with a value and the unit OCR read onto it split apart (``13.8g/dL``, ``104↑fl``)."""
    out: list[Word] = []
    for word in words:
        if word.text[:1] in "↑↓" and len(word.text) > 1 and looks_unit(word.text[1:]):
            out += list(split_word(word, 1))  # ``↑g/dL``
            continue
        parts = glued_value_unit(word.text)
        if parts is None:
            out.append(word)
            continue
        value, arrow, _ = parts
        head, unit = split_word(word, len(value) + len(arrow))
        if arrow:
            head, flag = split_word(head, len(value))
            out += [head, flag, unit]
        else:
            out += [head, unit]
    return out


def range_below(
    lines: Sequence[TextLine], i: int, cells: dict[Role, list[Word]]
) -> RangeLine | None:
    """The range line right under item line ``i``, starting under its name."""
    if i + 1 >= len(lines):
        return None
    line, nxt = lines[i], lines[i + 1]
    name = cells[Role.NAME]
    em = statistics.median(w.size or w.height for w in name)
    if nxt.top - line.bottom > MAX_RANGE_GAP * line.height:
        return None
    if not (name[0].x0 - em <= nxt.x0 <= name[0].x0 + MAX_RANGE_INDENT_EM * em):
        return None
    if item_cells(nxt) is not None:
        return None
    return range_line(nxt) or unit_line(nxt)


def unit_line(line: TextLine) -> RangeLine | None:
    """A labelled unit line under an item (``单位：umol/L``, ``Unit: mg/dL``): no range, a unit."""
    words = list(line.words)
    for k, word in enumerate(words[:MAX_LABEL_WORDS]):
        m = COLON.search(word.text)
        if m is None:
            continue
        head, tail = (word, None) if m.end() == len(word.text) else split_word(word, m.end())
        label = COLON.sub("", join_words([*words[:k], head])).strip()
        if role_of_header(label, exact_only=True) is not Role.UNIT:
            return None
        unit = ([tail] if tail is not None else []) + words[k + 1 :]
        return RangeLine([], unit) if unit and looks_unit(join_words(unit)) else None
    return None


def split_flag(cells: dict[Role, list[Word]]) -> dict[Role, list[Word]]:
    """Move a flag word that ends the value cell (``108`` ``↓``) to a flag cell of its own."""
    value = cells.get(Role.VALUE, [])
    if Role.FLAG in cells or len(value) < 2 or not looks_flag(value[-1].text):
        return cells
    if not looks_value(join_words(value[:-1])):
        return cells
    return {**cells, Role.VALUE: value[:-1], Role.FLAG: value[-1:]}


def item_row(cells: dict[Role, list[Word]], below: RangeLine | None, page: int) -> RawRow:
    """A raw row from an item's cells and its range line (the unit from there if not beside the value)."""
    row = RawRow(page=page)
    for role, words in split_flag(cells).items():
        row.add(role, words)
    if below is not None:
        if below.range_words:
            row.add(Role.RANGE, below.range_words)
        if below.unit_words and Role.UNIT not in row.cells:
            row.add(Role.UNIT, below.unit_words)
    return row


def heading_of(line: TextLine, name_x0: float, em: float) -> str | None:
    """A section heading (``血常规``): one short left-aligned segment of text, not a value."""
    text = line.text.strip()
    if len(line.segments) != 1 or not text or len(text) > MAX_HEADING_CHARS:
        return None
    if KEY_VALUE.search(text) or looks_value(text) or not any(ch.isalpha() for ch in text):
        return None
    if sum(ch.isdigit() for ch in text) > len(text) / 3 or line.x0 > name_x0 + em:
        return None
    return text


def _inline_rows(lines: Sequence[TextLine]) -> int:
    """Lines that read as table rows with their range on the same line."""
    return sum(
        1 for ln in lines if (cells := content_cells(ln)) is not None and Role.RANGE in cells
    )


#: How many items with a range line on each side set the name edge an item must keep.
ALIGN_NEIGHBOURS = 3


def _aligned(name: list[Word], i: int, full: list[int], names: list[list[Word]], em: float) -> bool:
    """Whether an item's name starts where the names of the items near it start (a long
    screenshot drifts a little from top to bottom, so the edge is the neighbours', not the
    page's), or ends where theirs end (an app that sets its names flush right)."""
    at = min(range(len(full)), key=lambda k: abs(full[k] - i))
    near = names[max(0, at - ALIGN_NEIGHBOURS) : at + ALIGN_NEIGHBOURS + 1]
    x0 = statistics.median(ws[0].x0 for ws in near)
    x1 = statistics.median(ws[-1].x1 for ws in near)
    return abs(name[0].x0 - x0) <= em or abs(name[-1].x1 - x1) <= em


def wrapped_items_joined(lines: Sequence[TextLine]) -> list[TextLine]:
    """The lines with each item whose name wraps onto a second line made one line again.

    A phone app sets a long name on two lines and the value level with their middle::

        平均血红蛋白浓
        度                         328.00(316--354)
        单位：g/L

    so line grouping gives three lines: the name's first part, the value, the name's end. A line
    of one text segment, then a line holding only a value (right of that text), then a short
    text line starting under the first, the value's middle between theirs, are one item.
    """
    out: list[TextLine] = []
    i = 0
    while i < len(lines):
        joined, used = _wrapped_item(lines, i)
        out.append(joined)
        i += used
    return out


def _wrapped_item(lines: Sequence[TextLine], i: int) -> tuple[TextLine, int]:
    """The item starting at line ``i`` with its value (and its name's end) joined when its name
    wraps, and how many lines it took; else line ``i`` alone."""
    head = lines[i]
    if i + 1 >= len(lines) or not _name_part(head):
        return head, 1
    value = lines[i + 1]
    if not _value_alone(value, head) or value.top - head.bottom > head.height:
        return head, 1
    if i + 2 >= len(lines) or not _name_end(lines[i + 2], head, value):
        return head, 1
    name = [*head.words, *lines[i + 2].words]
    return TextLine([*name, *value.words], [Segment(name), *value.segments]), 3


def _name_part(line: TextLine) -> bool:
    """A line of one segment of words (a name or part of one), no value, no label."""
    text = line.text.strip()
    if len(line.segments) != 1 or not any(ch.isalpha() for ch in text):
        return False
    return not (looks_value(text) or COLON.search(text) or looks_range(text))


def _value_alone(line: TextLine, name: TextLine) -> bool:
    """A line that holds only a value (maybe with its range in brackets), right of a name."""
    text = line.text.strip()
    if line.x0 <= name.x1 or len(line.segments) != 1:
        return False
    return looks_value(text) or _VALUE_BRACKET_RANGE.match(text) is not None


def _name_end(line: TextLine, head: TextLine, value: TextLine) -> bool:
    """A name's second line: one short text segment starting under the first, the value's middle
    between the two lines' middles."""
    if not _name_part(line) or abs(line.x0 - head.x0) > head.height:
        return False
    if len(line.text.strip()) > len(head.text.strip()) or line.top - value.bottom > head.height:
        return False
    middle = (value.top + value.bottom) / 2
    return (head.top + head.bottom) / 2 < middle < (line.top + line.bottom) / 2


def list_rows(
    lines: Sequence[TextLine], page: int, *, continuing: bool = False
) -> tuple[list[RawRow], list[tuple[int, str]]] | None:
    """Rows and (row index, heading) of a page laid out as a result list; None if it is not one.

    The pattern holds with ``MIN_ITEMS`` items that have a range line (one on a page continuing a
    list), more of them than table rows with the range on the line itself. After the first such item, a left-aligned item with no range line is a result too; a
    heading counts when an item follows it directly.
    """
    lines = wrapped_items_joined(lines)
    found: dict[int, tuple[dict[Role, list[Word]], RangeLine | None]] = {}
    for i, line in enumerate(lines):
        cells = item_cells(line)
        if cells is not None:
            found[i] = (cells, range_below(lines, i, cells))
    full = [i for i, (_, below) in found.items() if below is not None]
    if len(full) < (1 if continuing else MIN_ITEMS) or len(full) <= _inline_rows(lines):
        return None
    names = [found[i][0][Role.NAME] for i in full]
    name_x0 = statistics.median(ws[0].x0 for ws in names)
    em = statistics.median(w.size or w.height for ws in names for w in ws)
    rows: list[RawRow] = []
    headings: list[tuple[int, str]] = []
    i = 0
    while i < len(lines):
        item = found.get(i)
        if item is not None and i >= full[0] and _aligned(item[0][Role.NAME], i, full, names, em):
            rows.append(item_row(item[0], item[1], page))
            i += 2 if item[1] is not None else 1
            continue
        if i + 1 in found and (text := heading_of(lines[i], name_x0, em)):
            headings.append((len(rows), text))
        i += 1
    return rows, headings
