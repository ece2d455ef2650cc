"""Caches of answers about text a document prints, kept apart from loaded models and data files.

Many readers ask the same questions about the same strings: whether a cell looks like a value,
which analyte a name is, which column a header word names. Their answers are kept in bounded
caches made with :func:`content_cache`. Unlike a loaded model or data file, such an answer is
only worth keeping while a document is read, or when the next document prints the same words.
:func:`clear_content_caches` empties all of them: the speed bench does so before each document,
so that a document is timed as read for the first time, and a long-running service may do so
to give the memory back.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


_CACHES: weakref.WeakSet[Any] = weakref.WeakSet()


def content_cache(maxsize: int) -> Callable[[Callable[..., T]], functools._lru_cache_wrapper[T]]:
    """``functools.lru_cache(maxsize)``, registered (weakly: it goes when its owner goes) so
    that :func:`clear_content_caches` empties it."""

    def wrap(fn: Callable[..., T]) -> functools._lru_cache_wrapper[T]:
        cached = functools.lru_cache(maxsize=maxsize)(fn)
        _CACHES.add(cached)
        return cached

    return wrap


def clear_content_caches() -> int:
    """Empty every registered content cache; the number of caches emptied."""
    caches = list(_CACHES)
    for cache in caches:
        cache.cache_clear()
    return len(caches)
