"""Two results printed on one line as a pair of values: ``a / b``.

Check-up forms print measurements that come in pairs on one row: ``키(cm) 및 몸무게(kg)  166 cm /
61.5 kg``, ``Height and weight  170 cm  65 kg``, ``시력(좌우)  0.9 / 1.0``, ``Vision (L/R) 0.8/1.0``,
``Blood pressure  128/86 mmHg``. Read as one result, the second value is lost or the pair is no
number at all. A line is cut into one line per result when it holds two numbers joined by a
slash (or each with its own unit), and the words before them name two things:

- two names joined by a conjunction outside brackets (``및``, ``&``, ``/``, ``、``, and as whole
  words ``and``, ``und``, ``y``, ``et``, ``e``, ``и``): the first value goes to the first name;
- one name glossed with a pair in brackets (``(좌우)``, ``(L/R)``, ``(수축기/이완기)``,
  ``(systolic/diastolic)``): each result is named with one side of the pair;
- a blood pressure: ``mmHg`` after the pair and two whole numbers, the first the larger: the
  results are the systolic and the diastolic pressure (``SBP`` and ``DBP`` after the name printed,
  or alone when the name stands on another line).

Each new line keeps the boxes of the words it is made of; words after the pair are left out. A
name that ends with a colon labels a field (``BP: 128/86 mmHg`` in a patient's block), which the
vitals read; it stays whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from checkup2action.ingestion.document import Word, split_word
from checkup2action.layout.lines import TextLine, join_words, line_of
from checkup2action.tables.content import looks_any_unit
from checkup2action.tables.wordprep import replace_text

_NUMBER = re.compile(r"^\d{1,4}(?:[.,]\d{1,3})?$")
_SLASH = "/"
#: Words that join two names (a conjunction or a slash between names).
_CONJUNCTIONS = re.compile(
    r"\s*(?:및|&|、|/|(?<![^\W\d_])(?:and|und|y|et|e|и)(?![^\W\d_]))\s*", re.I
)
#: A pair glossed in brackets after one name: ``(좌우)``, ``(L/R)``, ``(수축기/이완기)``.
_PAIR_GLOSS = re.compile(r"[(（]\s*([^()（）/]{1,12}?)\s*/\s*([^()（）/]{1,12}?)\s*[)）]\s*$")
#: Two sides written as one word: left and right.
_SIDE_WORDS = {
    "좌우": ("좌", "우"),
    "우좌": ("우", "좌"),
    "左右": ("左", "右"),
    "右左": ("右", "左"),
}
_SIDE_GLOSS = re.compile(r"[(（]\s*(" + "|".join(_SIDE_WORDS) + r")\s*[)）]\s*$")
_PRESSURE_UNIT = re.compile(r"^mm\s*hg$", re.I)
#: The systolic pressure is a whole number in this band, the diastolic one lower.
_SYSTOLIC = (60, 300)


@dataclass(slots=True)
class _Pair:
    """Where a line's two values stand: the words before them, each value with its unit."""

    name: list[Word]
    first: list[Word]
    second: list[Word]
    unit: list[Word]  # a unit printed once after both values (``128/86 mmHg``)


def _atoms(words: list[Word]) -> list[Word]:
    """The words with every slash beside a digit cut out as a word of its own (``119/`` →
    ``119``, ``/``); a name's slash (``(L/R)``) stays."""
    out: list[Word] = []
    for word in words:
        while _SLASH in word.text and word.text != _SLASH and any(c.isdigit() for c in word.text):
            k = word.text.index(_SLASH)
            if k:
                left, word = split_word(word, k)
                out.append(left)
            else:
                slash, word = split_word(word, 1)
                out.append(slash)
        out.append(word)
    return out


def _unit(text: str) -> bool:
    """A unit of measure (``cm`` and ``kg`` too), not a number (``1`` is also UCUM's unit)."""
    return not _NUMBER.match(text) and text != _SLASH and looks_any_unit(text)


def _date_like(texts: list[str], start: int, end: int) -> bool:
    """Whether the numbers ``start..end`` are part of a longer run joined by slashes (a date)."""
    return (start >= 1 and texts[start - 1] == _SLASH) or (
        end < len(texts) and texts[end] == _SLASH
    )


def _find_pair(atoms: list[Word]) -> _Pair | None:
    """The first ``number [unit] / number [unit]`` (or ``number unit number unit``) of a line."""
    texts = [a.text for a in atoms]
    for i, text in enumerate(texts):
        if not _NUMBER.match(text):
            continue
        j = i + 1
        first_unit = j < len(texts) and _unit(texts[j])
        j += first_unit
        slashed = j < len(texts) and texts[j] == _SLASH
        j += slashed
        if j >= len(texts) or not _NUMBER.match(texts[j]):
            continue
        k = j + 1
        second_unit = k < len(texts) and _unit(texts[k])
        if not slashed and not (first_unit and second_unit):
            continue
        if _date_like(texts, i, k) or any(_NUMBER.match(t) for t in texts[:i]):
            return None  # ``29/08/08``; values before the pair: the pair is no row's own
        first = atoms[i : i + 1 + first_unit]
        second = atoms[j : k + second_unit]
        unit = atoms[k : k + 1] if second_unit and not first_unit else []
        return _Pair(atoms[:i], first, second if not unit else atoms[j:k], unit)
    return None


def _split_at_conjunction(name: list[Word]) -> tuple[list[Word], list[Word]] | None:
    """The two names a conjunction joins (outside brackets); None when there is no such one."""
    text = join_words(name)
    found = []
    for m in _CONJUNCTIONS.finditer(text):
        inside = text[: m.start()].count("(") > text[: m.start()].count(")")
        if not inside and m.start() > 0 and m.end() < len(text):
            found.append(m)
    if len(found) != 1:
        return None
    return _cut_words(name, found[0].start(), found[0].end())


def _cut_words(words: list[Word], start: int, end: int) -> tuple[list[Word], list[Word]] | None:
    """The words before character ``start`` and after ``end`` of their joined text."""
    before: list[Word] = []
    after: list[Word] = []
    for index, word in enumerate(words):
        hi = len(join_words(words[: index + 1]))
        lo = hi - len(word.text)
        if hi <= start:
            before.append(word)
        elif lo >= end:
            after.append(word)
        else:
            if start > lo:
                before.append(split_word(word, start - lo)[0])
            if end < hi:
                after.append(split_word(word, end - lo)[1])
    return (before, after) if before and after else None


def _glossed(name: list[Word]) -> tuple[list[Word], list[Word]] | None:
    """One name glossed with a pair (``시력(좌우)``, ``BP (systolic/diastolic)``), as two names."""
    if not name:
        return None
    last = name[-1]
    m = _PAIR_GLOSS.search(last.text) or _SIDE_GLOSS.search(last.text)
    if m is None:
        return None
    sides = _SIDE_WORDS.get(m.group(1)) or (m.group(1), m.group(2))
    head = last.text[: m.start()]
    return (
        [*name[:-1], replace_text(last, f"{head}({sides[0]})")],
        [*name[:-1], replace_text(last, f"{head}({sides[1]})")],
    )


def _pressures(pair: _Pair) -> tuple[list[Word], list[Word]] | None:
    """The names of a blood pressure's two values, or None when the pair is not one."""
    units = pair.unit or pair.second[1:]
    if not units or not _PRESSURE_UNIT.match(units[0].text.replace(" ", "")):
        return None
    high, low = pair.first[0].text, pair.second[0].text
    if not (high.isdigit() and low.isdigit() and _SYSTOLIC[0] <= int(high) <= _SYSTOLIC[1]):
        return None
    if int(low) >= int(high):
        return None
    if pair.name:
        *head, last = pair.name
        return [*head, replace_text(last, f"{last.text} (SBP)")], [
            *head,
            replace_text(last, f"{last.text} (DBP)"),
        ]
    value = pair.first[0]
    edge = value.x0 - 0.5 * value.height  # the name is made up: it stands just before the value
    return [replace(value, text="SBP", x0=edge - 1.0, x1=edge, char_x0s=None)], [
        replace(value, text="DBP", x0=edge - 1.0, x1=edge, char_x0s=None)
    ]


def paired_lines(line: TextLine) -> list[TextLine]:
    """The line, or one line per result when it prints a pair of results (module docstring)."""
    if not any(c.isdigit() for c in join_words(line.words)):
        return [line]
    pair = _find_pair(_atoms(line.words))
    if pair is None or join_words(pair.name).rstrip().endswith((":", "：")):
        return [line]  # ``血压: 113/77 mmHg`` is a field of the vitals, no table row
    names = _split_at_conjunction(pair.name) or _glossed(pair.name) or _pressures(pair)
    if names is None:
        return [line]
    one = [*names[0], *pair.first, *pair.unit]
    two = [*names[1], *pair.second, *pair.unit]
    return [line_of(one), line_of(two)]
