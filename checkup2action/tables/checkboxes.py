"""Answers ticked on a form: a test's name, then its options, each behind a box, one box filled.

    요단백    ■ 정상    □ 경계    □ 단백뇨 의심
    Urine protein    ☑ Normal    ☐ Borderline    ☐ Suspected proteinuria

Read as it stands, the line has no result: its words are a name and a row of phrases. OCR reads
an empty box as a sign or a letter (``□``, ``ㅁ``, ``口``, ``O``, ``0``, ``D``, ``Ol``) and often
drops a filled one or reads it as a glyph that is none of these. So the answer is the option
with a filled box, or else the one option without an empty box's mark, found where an answer
can be told from the name: between two boxed options, or just before or just after the boxed
ones (not both). A box read as a letter or digit counts only in a row of two or more
(``O Positive`` is a blood group). The line is cut to the name and the answer; the line reader
then reads it as a result with a word for its value.

The name must keep at least one segment of its own and have no digit (``台13-16.5 | 정상 | ㅁ
기타`` is a range column's leftover, not a name); the answer has no digit and at most
``MAX_ANSWER_CHARS`` characters.
"""

from __future__ import annotations

import re

from checkup2action.ingestion.document import Word, split_word
from checkup2action.layout.lines import Segment, TextLine, join_words, line_of, split_segments

#: A word that is an empty box as OCR reads it: a box or circle sign, the Hangul letter ㅁ, the
#: Chinese 口, or a letter or digit the box's outline looks like (``O``, ``0``, ``D``), maybe
#: with its right edge read as a letter (``Ol``).
_EMPTY_BOX = re.compile(r"^(?:[□☐◻▢ㅁ口○◯]|[OoD0][lI|]?)$")
#: An empty box printed as a sign (not a letter or digit it looks like).
_BOX_SIGN = re.compile(r"^[□☐◻▢ㅁ口○◯]")
#: An empty box sign glued to its option's text (``□질환의심``): signs only, not letters.
_GLUED_EMPTY_BOX = re.compile(r"^[□☐◻▢ㅁ](?=\w)")
#: A filled or ticked box, alone or glued to its option (``■정상``, ``☑ Normal``).
_FILLED_BOX = re.compile(r"^[■☑☒●◉▣✓✔✅](?=\w|$)")
#: The longest answer read this way (a phrase such as ``단백뇨 의심``).
MAX_ANSWER_CHARS = 16


def _empty_boxed(segment: Segment) -> bool:
    """Whether a segment opens with an empty box's mark and has text after it."""
    first = segment.words[0].text
    if _EMPTY_BOX.match(first):
        return len(segment.words) > 1
    return _GLUED_EMPTY_BOX.match(first) is not None


def _filled_answer(segment: Segment) -> list[Word] | None:
    """The option's words after a filled box's mark, None when it has none."""
    first = segment.words[0]
    m = _FILLED_BOX.match(first.text)
    if m is None:
        return None
    if m.end() == len(first.text):
        return segment.words[1:] or None
    return [split_word(first, m.end())[1], *segment.words[1:]]


def _plain_answer(segment: Segment) -> bool:
    """Whether an unmarked segment can be an answer: short, no digit."""
    text = segment.text
    return len(text) <= MAX_ANSWER_CHARS and not any(c.isdigit() for c in text)


def _answer(segments: list[Segment]) -> tuple[int, list[Word]] | None:
    """(index of the first option, the answer's words) of a line of boxed options, or None."""
    boxed = [i for i, s in enumerate(segments) if _empty_boxed(s)]
    if len(boxed) == 1 and not _BOX_SIGN.match(segments[boxed[0]].words[0].text):
        return None  # one ``O`` or ``0`` before a word is no row of boxes (``O Positive``)
    filled = [(i, w) for i, s in enumerate(segments) if (w := _filled_answer(s)) is not None]
    if len(filled) == 1 and boxed:
        first = min(filled[0][0], boxed[0])
        return (first, filled[0][1]) if first > 0 else None
    if filled or not boxed:
        return None
    lo, hi = boxed[0], boxed[-1]
    inside = [i for i in range(lo, hi + 1) if i not in boxed]
    if inside:
        pick = inside if len(inside) == 1 else []
        return (lo, segments[pick[0]].words) if pick and _plain_answer(segments[pick[0]]) else None
    before = lo - 1 if lo >= 2 and _plain_answer(segments[lo - 1]) else None
    after = hi + 1 if hi + 1 < len(segments) and _plain_answer(segments[hi + 1]) else None
    if (before is None) == (after is None):
        return None
    return (before, segments[before].words) if before is not None else (lo, segments[hi + 1].words)


def ticked_lines(line: TextLine) -> list[TextLine]:
    """The line, or the line cut to a name and its ticked answer (module docstring)."""
    segments = line.segments or split_segments(line.words)
    if len(segments) < 3:
        return [line]
    found = _answer(segments)
    if found is None:
        return [line]
    start, answer = found
    name = [w for s in segments[:start] for w in s.words]
    if not name or any(c.isdigit() for c in join_words(name)):
        return [line]
    return [line_of([*name, *answer])]
