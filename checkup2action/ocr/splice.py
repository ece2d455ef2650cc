"""Two readings of one line put together by position: a script's letters from Tesseract, the rest
from RapidOCR.

On a page in a script the bundled recogniser does not know, a line often mixes that script with
Latin letters and numbers: ``총콜레스테롤(mg/dL)``, ``60이상``. Each reader gets half of it right.
RapidOCR reads the unit and the digits, and the Hangul as look-alike Chinese characters (``引印``)
or as strokes (``이`` read as ``0|``); Tesseract in the script's pack reads the Hangul and mangles
the unit (``(7070)``). Neither reading is worth keeping whole, so the line is put together from
both: every run of the script's letters in Tesseract's reading takes the place of RapidOCR's
reading of it. Both readers' character boxes are only roughly where the characters are (a few
pixels off, now and then a whole character), so the place is found from the characters read on
either side of the run: Tesseract's ``(`` after ``총콜레스테롤`` is RapidOCR's ``(`` before ``mg/dL``.
Only where a run has no such neighbour does position alone decide.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from checkup2action.ocr.base import OcrLine
from checkup2action.ocr.convert import line_glyphs

#: Brackets RapidOCR reads at a run's edge belong beside the run, not to it.
OPENING, CLOSING = "([{（［", ")]}）］"
#: A gap this many line heights wide between a run and its neighbour is written as a space.
SPACE_GAP = 0.25


@dataclass(frozen=True, slots=True)
class Glyph:
    """One character of a reading with its horizontal extent in page pixels."""

    text: str
    x0: float
    x1: float
    word: int  # index of the word it is part of (words are parted by spaces)


#: Tesseract's reading of one line picture: its text, mean confidence (0–1) and symbols (in
#: picture pixels).
GlyphReader = Callable[..., tuple[str, float, list[Glyph]]]


def word_numbers(symbols: Sequence[str], text: str) -> list[int]:
    """The word each symbol belongs to, counted from the spaces of the reading's text (Tesseract
    calls every Hangul syllable a word, yet writes no space between most of them)."""
    numbers: list[int] = []
    word = at = 0
    for symbol in symbols:
        skipped = at
        while at < len(text) and text[at].isspace():
            at += 1
        word += at > skipped and bool(numbers)
        if text.startswith(symbol, at):
            at += len(symbol)
        numbers.append(word)
    return numbers


def is_script_letter(char: str, script: str) -> bool:
    """Whether ``char`` is a letter of ``script`` that text is written in (Hangul's lone jamo,
    ``ㅁ``, are what Tesseract makes of a check box, not text)."""
    name = unicodedata.name(char, "")
    return char.isalpha() and name.startswith(script) and not name.startswith("HANGUL LETTER")


@dataclass(frozen=True, slots=True)
class Run:
    """Consecutive letters of the script in Tesseract's reading, with their extent and the
    symbols read just before and after them (None at the line's ends)."""

    text: str
    x0: float
    x1: float
    before: Glyph | None
    after: Glyph | None


def script_runs(glyphs: Sequence[Glyph], script: str) -> list[Run]:
    """The runs of the script's letters in a reading, words of one run parted by a space."""
    runs: list[Run] = []
    start = None
    for i, glyph in enumerate([*glyphs, None]):
        if glyph is not None and all(is_script_letter(c, script) for c in glyph.text):
            start = i if start is None else start
            continue
        if start is not None:
            part = glyphs[start:i]
            text = part[0].text
            for before, after in itertools.pairwise(part):
                text += (" " if after.word != before.word else "") + after.text
            runs.append(
                Run(
                    text,
                    part[0].x0,
                    max(g.x1 for g in part),
                    glyphs[start - 1] if start else None,
                    glyph,
                )
            )
        start = None
    return runs


def rapid_glyphs(line: OcrLine) -> list[Glyph]:
    """The characters of a RapidOCR line with their extents (from its character boxes)."""
    out = []
    word = 0
    for char, box in zip(line.text, line_glyphs(line), strict=True):
        if char.isspace() or box is None:
            word += 1
            continue
        out.append(Glyph(char, box.x0, box.x1, word))
    return out


def _centre(item: Glyph | Run) -> float:
    """Horizontal centre of a glyph or a run."""
    return (item.x0 + item.x1) / 2


def _anchor(
    rapid: Sequence[Glyph], start: int, mark: Glyph | None, reach: float, edge: float, left: bool
) -> int | None:
    """Index (from ``start``) of RapidOCR's character that is Tesseract's symbol ``mark``: the
    same text within ``reach``; of those on the run's outer side of ``edge``, the one nearest the
    run (``200미만`` read ``200``: the second 0, not the first), else the nearest to ``mark``
    (``60이상`` read ``6001``: not the 0 RapidOCR made of ``이``)."""
    if mark is None:
        return None
    near = [
        i
        for i, g in enumerate(rapid[start:], start)
        if g.text == mark.text and abs(_centre(g) - _centre(mark)) <= reach
    ]
    outside = [
        i for i in near if (_centre(rapid[i]) <= edge if left else _centre(rapid[i]) >= edge)
    ]
    if outside:
        return max(outside) if left else min(outside)
    return min(near, key=lambda i: abs(_centre(rapid[i]) - _centre(mark))) if near else None


def covered(rapid: Sequence[Glyph], start: int, run: Run, height: float) -> tuple[int, int]:
    """The slice ``[lo, hi)`` of RapidOCR's characters (from ``start``) that are its reading of a
    run: those between the characters matching the run's neighbours in Tesseract's reading, or,
    on a side without such a match, those whose centre lies within the run (but for a bracket
    at its edge, which opens or closes what is beside the run)."""
    left = _anchor(rapid, start, run.before, height, run.x0, True)
    lo = left + 1 if left is not None else start
    if left is None:
        while lo < len(rapid) and (_centre(rapid[lo]) < run.x0 or rapid[lo].text in CLOSING):
            lo += 1
    right = _anchor(rapid, lo, run.after, height, run.x1, False)
    hi = right if right is not None else lo
    if right is None:
        while hi < len(rapid) and _centre(rapid[hi]) <= run.x1 and rapid[hi].text not in OPENING:
            hi += 1
    return lo, max(lo, hi)


def splice(rapid: Sequence[Glyph], runs: Sequence[Run], height: float) -> str:
    """Each run in place of RapidOCR's reading of it (:func:`covered`), spaced as read (a space
    at a run's side where the gap is wide)."""
    items: list[Glyph | Run] = []
    start = 0
    for run in runs:
        lo, hi = covered(rapid, start, run, height)
        if in_latin_word(rapid, lo, hi):
            continue
        items += [*rapid[start:lo], run]
        start = hi
    items += rapid[start:]
    text = ""
    for before, after in zip([None, *items], items, strict=False):
        if before is not None and _spaced(before, after, height):
            text += " "
        text += after.text
    return text


def _latin(glyph: Glyph) -> bool:
    """Whether a character is a Latin letter."""
    return glyph.text.isascii() and glyph.text.isalpha()


def in_latin_word(rapid: Sequence[Glyph], lo: int, hi: int) -> bool:
    """Whether RapidOCR read the run's place as Latin letters of a word that goes on past it
    (``Protein``, ``Negative``): Tesseract in a script's pack makes script letters of Latin
    ones (``끄rotein``), and RapidOCR reads Latin well."""
    if lo >= hi or not any(_latin(g) for g in rapid[lo:hi]):
        return False
    glued_before = lo > 0 and _latin(rapid[lo - 1]) and rapid[lo - 1].word == rapid[lo].word
    glued_after = hi < len(rapid) and _latin(rapid[hi]) and rapid[hi].word == rapid[hi - 1].word
    return glued_before or glued_after


def _spaced(before: Glyph | Run, after: Glyph | Run, height: float) -> bool:
    """Whether two neighbours of a spliced line are parted by a space."""
    if isinstance(before, Glyph) and isinstance(after, Glyph):
        return after.word != before.word
    return after.x0 - before.x1 > SPACE_GAP * height


def spliced_line(line: OcrLine, tesseract: Sequence[Glyph], script: str) -> str | None:
    """The line's text put together from both readings (module docstring); None when
    Tesseract's reading has no letters of the script."""
    runs = script_runs(tesseract, script)
    if not runs:
        return None
    top, bottom = line.box[1], line.box[3]
    return splice(rapid_glyphs(line), runs, bottom - top)
