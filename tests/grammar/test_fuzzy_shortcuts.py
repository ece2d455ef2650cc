"""The fuzzy index's shortcuts (character masks, precomputed edit costs) change nothing it finds."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from checkup2action.grammar.catalogue import load_catalogue
from checkup2action.grammar.fuzzy import (
    _CONFUSED,
    _OVER,
    Entry,
    FuzzyIndex,
    _apart,
    _protected,
    budget,
    char_mask,
    edit_distance,
)


def plain_distance(a: str, b: str) -> int:
    """The weighted edit distance by the textbook table, every cost worked out where used."""

    def indel(c: str) -> int:
        return _OVER if _protected(c) else 1

    def sub(x: str, y: str) -> int:
        if x == y:
            return 0
        if frozenset((x, y)) in _CONFUSED:
            return 1
        return _OVER if _protected(x) or _protected(y) else 1

    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        table[i][0] = table[i - 1][0] + indel(a[i - 1])
    for j in range(1, len(b) + 1):
        table[0][j] = table[0][j - 1] + indel(b[j - 1])
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            table[i][j] = min(
                table[i - 1][j] + indel(a[i - 1]),
                table[i][j - 1] + indel(b[j - 1]),
                table[i - 1][j - 1] + sub(a[i - 1], b[j - 1]),
            )
    return table[-1][-1]


_SLIP_TEXT = st.text(alphabet="ab1lo0Oβ三 %", max_size=8)


@given(_SLIP_TEXT, _SLIP_TEXT, st.integers(min_value=0, max_value=4))
def test_edit_distance_is_the_textbook_distance_up_to_the_limit(a: str, b: str, limit: int) -> None:
    """The banded, early-stopping distance equals the plain table's, capped at limit + 1."""
    assert edit_distance(a, b, limit) == min(plain_distance(a, b), limit + 1)


def plain_nearest(index: FuzzyIndex, query: str) -> tuple[int, tuple[Entry, ...]]:
    """The nearest keys by a scan of every key of a near length, with no masks."""
    allowed = budget(query)
    best, found = allowed + 1, list[Entry]()
    letters = frozenset(query)
    n = len(query)
    for size in sorted(range(n - allowed, n + allowed + 1), key=lambda s: abs(s - n)):
        for entry in index._by_len.get(size, ()):
            limit = min(allowed, entry.budget, best)
            if not limit or _apart(letters, entry.chars) > limit:
                continue
            d = edit_distance(query, entry.key, limit)
            if d == 0 or d > limit:
                continue
            if d < best:
                best, found = d, []
            found.append(entry)
    return (best, tuple(found)) if found else (0, ())


def slipped(key: str, rng: random.Random) -> str:
    """The key with one or two made-up OCR slips (a letter changed, dropped or added)."""
    chars = list(key)
    for _ in range(rng.choice((1, 2))):
        i = rng.randrange(len(chars))
        kind = rng.choice(("change", "drop", "add"))
        if kind == "change":
            chars[i] = rng.choice("aeilo1rnx酶蛋")
        elif kind == "drop" and len(chars) > 1:
            del chars[i]
        else:
            chars.insert(i, rng.choice("aeilo1rnx酶蛋"))
    return "".join(chars)


def test_masked_scan_finds_what_a_plain_scan_finds() -> None:
    """Over made-up slips of the catalogue's own keys, both scans agree entry for entry."""
    index = load_catalogue()._fuzzy_index(None)
    keys = [e.key for entries in index._by_len.values() for e in entries]
    rng = random.Random(7)
    queries = [slipped(k, rng) for k in rng.sample(keys, 400)] + rng.sample(keys, 100)
    found = 0
    for query in queries:
        expected = plain_nearest(index, query)
        assert index.nearest(query) == expected, query
        found += bool(expected[1])
    assert found > 150  # the check compares real matches, not only empty answers


@given(st.text(min_size=1, max_size=12), st.text(min_size=1, max_size=12))
def test_mask_bound_never_exceeds_the_character_bound(a: str, b: str) -> None:
    """Bits only one mask sets are never more than the characters only one string holds."""
    ma, mb = char_mask(a), char_mask(b)
    bound = max((ma & ~mb).bit_count(), (mb & ~ma).bit_count())
    assert bound <= _apart(frozenset(a), frozenset(b))
