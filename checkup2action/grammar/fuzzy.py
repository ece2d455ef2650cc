"""Analyte names that OCR misread by a character (``肌酷`` for ``肌酐``, ``Creatinlne``).

A fallback for rows read by OCR after the exact matcher found nothing. A name is compared with the
catalogue's normalised keys by edit distance (substitution, insertion, deletion): one edit for keys
of at least two CJK characters or five Latin characters, two for Latin keys of ten or more, none
for shorter keys. An edit that adds, drops or changes a character naming a member of a series is
never a slip: a digit (except a letter OCR confuses with it, ``l`` for ``1``), ``%``, ``#``, a
Chinese numeral, a hepatitis letter (``甲乙丙丁戊``) or a Greek letter (``OGTT 1h``/``2h``,
``雌二醇``/``雌三醇``). Nor is a change inside a Latin word of three letters or fewer (``IgG``/``IgM``,
``Vitamin D2``/``B2``). A name is accepted only when exactly one analyte lies at the smallest
distance; the caller marks the result for review.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from checkup2action.memo import content_cache

#: CJK ideographs (extension A, unified, compatibility), as a regex character range.
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_CHAR_RE = re.compile(f"[{CJK}]")
_SERIES = frozenset("%#一二三四五六七八九十甲乙丙丁戊")
_GREEK_RE = re.compile("[\u0370-\u03ff]")
# A digit and a letter OCR reads one for the other.
_CONFUSED = frozenset(frozenset(p) for p in ("0o", "1l", "1i", "2z", "5s", "6b", "8b", "9g", "9q"))
_SHORT_WORD = 3
_OVER = 3  # cost of an edit no budget allows
_WORDS = {1: "one character differs", 2: "two characters differ"}


@dataclass(frozen=True, slots=True)
class Entry:
    """One normalised catalogue key, the analyte it names and a printed name it comes from."""

    key: str
    code: str
    name: str
    budget: int
    chars: frozenset[str] = frozenset()  # the key's distinct characters (a cheap lower bound)


@dataclass(frozen=True, slots=True)
class Slip:
    """A name matched despite an OCR slip: what was read, the catalogue name, the distance."""

    read: str
    name: str
    key: str
    code: str
    distance: int

    @classmethod
    def of(cls, read: str, entry: Entry, distance: int) -> Slip:
        """The record of ``read`` matched to a catalogue entry ``distance`` edits away."""
        return cls(read.strip(), entry.name, entry.key, entry.code, distance)

    def message(self) -> str:
        """Plain words for the review warning."""
        words = _WORDS.get(self.distance, f"{self.distance} characters differ")
        return f"name read as {self.read!r} matched to {self.name!r} ({words})"


def budget(key: str) -> int:
    """Edits a key of this length may absorb: 0 for short keys, 1, or 2 for long Latin keys."""
    cjk = len(_CJK_CHAR_RE.findall(key))
    if cjk:
        return 1 if cjk >= 2 else 0
    return 2 if len(key) >= 10 else 1 if len(key) >= 5 else 0


def _protected(c: str) -> bool:
    """A character that names a member of a series (digit, %, #, 三, 乙, β)."""
    return c.isdigit() or c in _SERIES or bool(_GREEK_RE.match(c))


def edit_distance(a: str, b: str, limit: int) -> int:
    """Weighted Levenshtein distance of a and b, or limit + 1 as soon as it exceeds limit.

    An edit costs 1, or ``_OVER`` where it adds, drops or changes a character naming a member
    of a series (:func:`_protected`); reading a letter for the digit OCR confuses it with
    (``l`` for ``1``, ``O`` for ``0``) costs 1.
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    guarded_a = [_protected(c) for c in a]
    guarded_b = [_protected(c) for c in b]
    cost_b = [_OVER if g else 1 for g in guarded_b]
    prev = [0]
    for cost in cost_b:
        prev.append(prev[-1] + cost)
    for ca, ga in zip(a, guarded_a, strict=True):
        cost_a = _OVER if ga else 1
        row = [prev[0] + cost_a]
        for j, (cb, gb) in enumerate(zip(b, guarded_b, strict=True), start=1):
            if ca == cb:
                sub = 0
            elif not (ga or gb) or frozenset((ca, cb)) in _CONFUSED:
                sub = 1  # a confused pair always holds a digit, so it is guarded
            else:
                sub = _OVER
            row.append(min(prev[j] + cost_a, row[j - 1] + cost_b[j - 1], prev[j - 1] + sub))
        if min(row) > limit:
            return limit + 1
        prev = row
    return min(prev[-1], limit + 1)


def keeps_short_words(words: Iterable[str], query: str, key: str) -> bool:
    """Whether each short word of the print (normalised, in order) sits unchanged in key.

    An unchanged word keeps its offset from the start of the name or from its end.
    """
    cursor, shift = 0, len(key) - len(query)
    for word in words:
        i = query.find(word, cursor)
        if i < 0:
            continue
        cursor = i + len(word)
        if len(word) > _SHORT_WORD:
            continue
        if key[i:cursor] != word and (i + shift < 0 or key[i + shift : cursor + shift] != word):
            return False
    return True


def _apart(a: frozenset[str], b: frozenset[str]) -> int:
    """A lower bound of the edit distance of two strings from their sets of characters: each
    character only one of them holds takes an edit (a substitution settles one on each side)."""
    return max(len(a - b), len(b - a))


def char_mask(chars: Iterable[str]) -> int:
    """A 64-bit mask with a bit set for each character (two characters may share a bit).

    For two strings' masks, the bits only one of them sets are fewer than or as many as the
    characters only one of them holds, so they bound the edit distance from below as
    :func:`_apart` does, and many keys at once can be compared with them.
    """
    mask = 0
    for c in chars:
        mask |= 1 << ((ord(c) * _MASK_MIX & 0xFFFFFFFF) >> 26)
    return mask


#: A multiplier that spreads neighbouring code points over the 64 bits of a mask.
_MASK_MIX = 0x9E3779B1


def unique(entries: Iterable[Entry]) -> Entry | None:
    """The first entry when all name one analyte, else None (a tie between analytes)."""
    found = list(entries)
    return found[0] if found and len({e.code for e in found}) == 1 else None


#: How many queries' nearest keys an index keeps.
NEAREST_CACHE_SIZE = 16384


class FuzzyIndex:
    """Catalogue keys bucketed by length, with the nearest keys of each query cached."""

    def __init__(self, named_keys: Iterable[tuple[str, str, str]]) -> None:
        self._by_len: dict[int, list[Entry]] = {}
        seen: set[str] = set()
        for key, code, name in named_keys:
            if key and key not in seen:
                seen.add(key)
                entry = Entry(key, code, name, budget(key), frozenset(key))
                self._by_len.setdefault(len(key), []).append(entry)
        self._masks = {
            size: np.array([char_mask(e.chars) for e in entries], dtype=np.uint64)
            for size, entries in self._by_len.items()
        }
        self._nearest = content_cache(maxsize=NEAREST_CACHE_SIZE)(self._scan)

    def nearest(self, query: str) -> tuple[int, tuple[Entry, ...]]:
        """(distance, entries) of the keys nearest to query within budget; (0, ()) when none."""
        return self._nearest(query)

    def _scan(self, query: str) -> tuple[int, tuple[Entry, ...]]:
        """Linear scan of the keys whose length is within the query's budget (those whose
        characters' bits already show more edits than the budget are passed over at once)."""
        allowed = budget(query)
        if not allowed:
            return (0, ())
        best, found = allowed + 1, list[Entry]()
        n = len(query)
        letters = frozenset(query)
        bits = np.uint64(char_mask(letters))
        sizes = sorted(range(n - allowed, n + allowed + 1), key=lambda size: abs(size - n))
        for size in sizes:  # same length first: a substitution is the likelier slip to show
            entries = self._by_len.get(size, [])
            if not entries:
                continue
            masks = self._masks[size]
            apart = np.maximum(np.bitwise_count(masks & ~bits), np.bitwise_count(bits & ~masks))
            for i in np.flatnonzero(apart <= allowed):
                entry = entries[i]
                limit = min(allowed, entry.budget, best)
                if not limit or _apart(letters, entry.chars) > limit:
                    continue
                d = edit_distance(query, entry.key, limit)
                if d == 0 or d > limit:
                    continue  # an exact key is the exact matcher's business
                if d < best:
                    best, found = d, []
                found.append(entry)
        return (best, tuple(found)) if found else (0, ())
