"""Hangul syllables as their letters, and words that OCR misread by one letter.

A Hangul syllable is built from two or three letters (jamo): an initial consonant, a vowel and
an optional final consonant. Recognisers trained on other scripts, and Tesseract on small print,
often get one of them wrong and keep the rest (``결고`` for ``결과``, ``참고지`` for ``참고치``).
Two words of the same number of syllables that differ in one letter slot are such a misreading
of each other; a word is read as a vocabulary word only when exactly one word is that close.
"""

from __future__ import annotations

from collections.abc import Iterable

_FIRST, _LAST = 0xAC00, 0xD7A3
_VOWELS, _FINALS = 21, 28


def is_hangul(text: str) -> bool:
    """Whether every character of ``text`` is a Hangul syllable (and there is one)."""
    return bool(text) and all(_FIRST <= ord(c) <= _LAST for c in text)


def letter_slots(syllable: str) -> tuple[int, int, int]:
    """A syllable's initial consonant, vowel and final consonant (0: none), as indices."""
    index = ord(syllable) - _FIRST
    return index // (_VOWELS * _FINALS), (index // _FINALS) % _VOWELS, index % _FINALS


def letters_apart(a: str, b: str) -> int | None:
    """How many letter slots two Hangul words of as many syllables differ in (None when
    either is not all Hangul or their lengths differ)."""
    if len(a) != len(b) or not is_hangul(a) or not is_hangul(b):
        return None
    return sum(
        x != y
        for sa, sb in zip(a, b, strict=True)
        for x, y in zip(letter_slots(sa), letter_slots(sb), strict=True)
    )


def misread_word(text: str, words: Iterable[str]) -> str | None:
    """The one word of ``words`` that ``text`` (two syllables or more) misreads by one letter;
    None when it is a word itself, when none is that close, or when two are."""
    if len(text) < 2 or not is_hangul(text):
        return None
    close = {w for w in words if letters_apart(text, w) == 1}
    return close.pop() if len(close) == 1 else None
