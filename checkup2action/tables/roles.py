"""Column roles and the header vocabulary (a data file) that names them."""

from __future__ import annotations

import math
import re
import unicodedata
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from checkup2action.datafiles import load_yaml
from checkup2action.grammar.hangul import is_hangul, misread_word
from checkup2action.grammar.words import fold_accents, letters_apart
from checkup2action.layout.lines import is_cjk
from checkup2action.memo import content_cache


class Role(StrEnum):
    """What a table column holds."""

    NAME = "name"
    VALUE = "value"
    FLAG = "flag"
    UNIT = "unit"
    RANGE = "range"
    PREVIOUS = "previous"
    DERIVED = "derived"  # a quantity derived from the row's own result (MoM, z-score)
    CODE = "code"
    INDEX = "index"
    METHOD = "method"
    OTHER = "other"


_STRIP = re.compile(r"[\s\.\-_:：/\\()（）\[\]【】,，·・'\"*]+")
_DATE_TAIL = re.compile(
    r"\d{1,4}[-/.年]\d{1,2}([-/.月]\d{1,4}日?)?|"
    r"\d{1,2}[-/ ]?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[-/ ,]*\d{4}"
)


def header_key(text: str) -> str:
    """Normalise header text for lookup: NFKC, lower case, no spaces or punctuation."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = _DATE_TAIL.sub("", text)
    return _STRIP.sub("", text)


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[dict[str, Role], list[tuple[str, Role]]]:
    """Load exact and prefix header words from the bundled data file."""
    raw = load_yaml(Path(__file__).parent / "data" / "header_roles.yaml")
    exact: dict[str, Role] = {}
    prefixes: list[tuple[str, Role]] = []
    for role_name, entry in raw["roles"].items():
        role = Role(role_name)
        by_language = entry.get("languages") or {}
        for word in (entry.get("exact") or []) + [w for ws in by_language.values() for w in ws]:
            exact[header_key(str(word))] = role
        for word in entry.get("prefixes") or []:
            prefixes.append((header_key(str(word)), role))
    prefixes.sort(key=lambda p: -len(p[0]))
    return exact, prefixes


@content_cache(maxsize=8192)
def role_of_header(text: str, *, exact_only: bool = False) -> Role | None:
    """The role a header cell names, or None when it is not a header word: the word itself, or
    read with accented letters lost (both also when ``exact_only``), or else one of the prefixes."""
    key = header_key(text)
    if not key:
        return None
    exact, prefixes = _vocabulary()
    if key in exact:
        return exact[key]
    dropped = _role_with_accented_letters_lost(key)
    if dropped is not None or exact_only:
        return dropped
    for prefix, role in prefixes:
        if key.startswith(prefix) and len(key) <= len(prefix) + 12:
            return role
    return None


#: Least share of a header word's letters that a reading missing its accented letters keeps.
_KEPT_SHARE = 0.6


@lru_cache(maxsize=1)
def _accented_words() -> dict[int, tuple[re.Pattern[str], list[tuple[re.Pattern[str], Role]]]]:
    """Header words with accented letters, each as a pattern of its unaccented form in which
    every letter that carried an accent may be missing, filed under every length of reading
    it can match that keeps at least ``_KEPT_SHARE`` of the word's letters; with each length,
    one pattern that any of its words matches (most readings match none)."""
    out: dict[int, list[tuple[re.Pattern[str], Role]]] = {}
    for word, role in _vocabulary()[0].items():
        folded = [fold_accents(c) for c in word]
        if all(f == c for f, c in zip(folded, word, strict=True)) or _cjk_only(word):
            continue
        body = "".join(
            re.escape(f) if f == c else f"(?:{re.escape(f)})?"
            for f, c in zip(folded, word, strict=True)
        )
        pattern = re.compile(body)
        kept = sum(len(f) for f, c in zip(folded, word, strict=True) if f == c)
        shortest = max(kept, math.ceil(_KEPT_SHARE * len(word)))
        for size in range(shortest, sum(len(f) for f in folded) + 1):
            out.setdefault(size, []).append((pattern, role))
    return {
        size: (re.compile("|".join(f"(?:{p.pattern})" for p, _ in words)), words)
        for size, words in out.items()
    }


def _role_with_accented_letters_lost(key: str) -> Role | None:
    """The role of a header word read without its accents, or with some of its accented
    letters lost (RapidOCR drops Vietnamese letters with stacked marks: ``Kết quả`` read
    ``Kt qu``, ``Ngưỡng phân biệt`` read ``Ngưng phân bit``); one role only."""
    folded = fold_accents(key)
    if len(folded) < 4:
        return None
    bucket = _accented_words().get(len(folded))
    if bucket is None or not bucket[0].fullmatch(folded) or _cjk_only(key):
        return None
    roles = {role for pattern, role in bucket[1] if pattern.fullmatch(folded)}
    return roles.pop() if len(roles) == 1 else None


def _cjk_only(key: str) -> bool:
    """Whether every character of a (punctuation-free) key is CJK."""
    return all(is_cjk(c) for c in key)


@content_cache(maxsize=4096)
def role_of_misread_header(text: str) -> Role | None:
    """The role of a header word OCR misread by one character (``检融项目``, ``翠位``), or None.

    Only same-length keys with one character replaced: CJK keys of 2+ characters, other keys of
    5+; Hangul keys of 2+ syllables with one letter of one syllable replaced (``결고`` for
    ``결과``); all keys at that distance must name one role.
    """
    key = header_key(text)
    if not key or key in _vocabulary()[0]:
        return None
    if is_hangul(key):
        word = misread_word(key, (w for w in _vocabulary()[0] if is_hangul(w)))
        return _vocabulary()[0][word] if word is not None else None
    if len(key) < (2 if _cjk_only(key) else 5):
        return None
    roles = {
        role
        for word, role in _vocabulary()[0].items()
        if len(word) == len(key)
        and _cjk_only(word) == _cjk_only(key)
        and letters_apart(word, key) == 1
    }
    return roles.pop() if len(roles) == 1 else None
