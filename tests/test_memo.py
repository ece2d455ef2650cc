"""Content caches: bounded, registered, and emptied together."""

from __future__ import annotations

import gc

from checkup2action import memo
from checkup2action.grammar.catalogue import load_catalogue
from checkup2action.tables.content import looks_value


def test_a_content_cache_keeps_answers_until_cleared() -> None:
    """A registered function answers from its cache until the caches are cleared."""
    calls: list[str] = []

    @memo.content_cache(maxsize=4)
    def shout(text: str) -> str:
        calls.append(text)
        return text.upper()

    assert shout("made up") == shout("made up") == "MADE UP"
    assert calls == ["made up"]
    assert memo.clear_content_caches() >= 1
    assert shout("made up") == "MADE UP"
    assert calls == ["made up", "made up"]


def test_the_readers_caches_are_among_those_cleared() -> None:
    """The table reader's and the fuzzy name index's caches empty with the rest."""
    looks_value("12.5")
    load_catalogue().match_ocr("Hemoglobln")
    index = load_catalogue()._fuzzy_index(None)
    assert looks_value.cache_info().currsize > 0
    assert index._nearest.cache_info().currsize > 0
    memo.clear_content_caches()
    assert looks_value.cache_info().currsize == 0
    assert index._nearest.cache_info().currsize == 0


def test_a_cache_goes_with_its_owner() -> None:
    """The registry holds caches weakly: a dropped cache is not kept alive by it."""

    def make() -> int:
        @memo.content_cache(maxsize=2)
        def twice(n: int) -> int:
            return 2 * n

        twice(1)
        return len(memo._CACHES)

    before = make()
    gc.collect()
    assert len(memo._CACHES) == before - 1
