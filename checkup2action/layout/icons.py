"""Icons that OCR reads as characters: a hospital app's red arrow before a value read as ``1``.

A recogniser knows no pictures, so an arrow icon drawn beside a value comes out as the character
it resembles most (``1``, ``I``, ``|``, ``个``). What gives it away is its box: wider than the digit
it claims to be, and taller than the number it stands against. A hollow arrow in a flag column
(``⇩``) is read as ``凸`` or ``凹``, which no report prints as a word of its own. Such a word
becomes the marker ``*``, a flag whose direction the reference range gives (see ``grammar.flags``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from checkup2action.ingestion.document import Word

#: Characters an arrow icon is read as.
ICON_READINGS = frozenset({"1", "I", "l", "|", "个", "t", "T"})
#: Characters a hollow arrow (``⇧``, ``⇩``) in a flag column is read as: no report prints
#: either as a word of its own, so the word is a mark wherever a number follows it on its line.
HOLLOW_ARROW_READINGS = frozenset({"凸", "凹"})
#: What an icon's word becomes: a printed mark whose direction the range decides.
ICON_MARK = "*"

_NUMBER = re.compile(r"^[<>≤≥]?\d+(?:[.,]\d+)?$")
#: An icon is at least this much taller than the number beside it ...
TALLER = 1.2
#: ... at least this wide for its height (a digit one is far narrower) ...
MIN_ASPECT = 0.8
#: ... and stands closer to the number than this many of its heights.
MAX_GAP = 1.0


def mark_value_icons(words: list[Word]) -> list[Word]:
    """The words with every icon read as a character just before a number, and every hollow
    arrow read as a character before one on its line, made ``*``; pages with a text layer (no
    OCR confidence) are returned as they are."""
    if not words or any(w.confidence is None for w in words):
        return words
    numbers = [w for w in words if _NUMBER.match(w.text)]
    return [
        replace(w, text=ICON_MARK) if _is_icon(w, numbers) or _is_hollow_arrow(w, numbers) else w
        for w in words
    ]


def _is_hollow_arrow(word: Word, numbers: list[Word]) -> bool:
    """Whether a word is a hollow arrow's reading with a number after it on its line."""
    return word.text in HOLLOW_ARROW_READINGS and any(
        n.x0 >= word.x1 and word.top <= n.yc <= word.bottom for n in numbers
    )


def _is_icon(word: Word, numbers: list[Word]) -> bool:
    """Whether a word is an icon's reading standing just before one of the numbers."""
    if word.text not in ICON_READINGS or word.x1 - word.x0 < MIN_ASPECT * word.height:
        return False
    return any(_icon_before(word, n) for n in numbers if n is not word)


def _icon_before(icon: Word, number: Word) -> bool:
    """Whether a word stands just left of a number, on its line, taller than it."""
    gap = number.x0 - icon.x1
    on_line = icon.top <= number.yc <= icon.bottom
    return (
        on_line and -1.0 <= gap <= MAX_GAP * icon.height and icon.height >= TALLER * number.height
    )


#: A number, one more character, then a printed high/low letter (``94(L)`` for ``9 ▼ (L)``).
_ARROW_BEFORE_FLAG = re.compile(r"^([<>≤≥]?\d+(?:[.,]\d+)?)([0-9vVAa^])(\(?[LHlh]\)?)$")
#: The odd character stands at least this many of the word's heights after the one before it
#: (a digit of the number stands about half a height after the last).
ARROW_STEP = 1.0


def mark_flag_arrows(words: list[Word]) -> list[Word]:
    """The words with an arrow glyph that OCR read as a digit or letter between a value and its
    printed flag (``9 ▼ (L)`` read ``94(L)``) set back to the arrow its flag names; the glyph is
    told from a digit of the number by the gap before it."""
    return [_with_arrow(w) for w in words]


def _with_arrow(word: Word) -> Word:
    """The word with its misread arrow restored, or the word as it is."""
    m = _ARROW_BEFORE_FLAG.match(word.text)
    xs = word.char_x0s
    if m is None or word.confidence is None or not xs or len(xs) != len(word.text):
        return word
    at = len(m.group(1))
    if xs[at] - xs[at - 1] < ARROW_STEP * max(word.height, 1.0):
        return word
    arrow = "↓" if m.group(3).strip("()").upper() == "L" else "↑"
    return replace(word, text=m.group(1) + arrow + m.group(3))
