"""Result, flag and range words of many languages (``data/words.yaml``), loaded once.

Qualitative results (``Negativo``, ``nicht nachweisbar``, ``négatif``), flag words printed beside
a value (``Alto``, ``erhöht``, ``magas``), and the words of reference ranges: connectors between
two bounds (``a``, ``até``, ``bis``, ``à``) and one-sided phrases (``inferior a``, ``unter``,
``alatt`` after its number). The grammar modules merge them into their own tables.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from checkup2action.datafiles import load_yaml
from checkup2action.errors import CatalogueError
from checkup2action.grammar.names import CJK_CHAR_RE
from checkup2action.memo import content_cache

WORDS_PATH = Path(__file__).parent / "data" / "words.yaml"
MEANINGS = ("negative", "positive", "weakly_positive", "trace", "normal", "abnormal")
FLAG_KINDS = {"high": "H", "low": "L", "abnormal": "A"}
#: Hungarian bound words follow their number ('5,0 alatt', '40 felett', '5,0-ig').
SUFFIX_WORDS = frozenset({"alatt", "felett", "fölött", "-ig", "-tól", "-től"})


def word_key(text: str) -> str:
    """Lookup key of a word: NFKC, lower case, no spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


@lru_cache(maxsize=1)
def _data() -> dict:
    """The validated words file."""
    data = load_yaml(WORDS_PATH)
    if not isinstance(data, dict) or not {"qualitative", "flags", "ranges"} <= data.keys():
        raise CatalogueError("words file needs 'qualitative', 'flags' and 'ranges'")
    unknown = set(data["qualitative"]) - set(MEANINGS) or set(data["flags"]) - set(FLAG_KINDS)
    if unknown:
        raise CatalogueError(f"words file: unknown meanings {sorted(unknown)}")
    return data


def _spellings(by_language: dict) -> list[str]:
    """Every word of a {language: [words]} mapping."""
    return [str(w) for words in (by_language or {}).values() for w in words or []]


@lru_cache(maxsize=1)
def qualitative_words() -> dict[str, str]:
    """Word key -> meaning (negative, positive, …)."""
    out: dict[str, str] = {}
    for meaning, by_language in _data()["qualitative"].items():
        for word in _spellings(by_language):
            out.setdefault(word_key(word), meaning)
            out.setdefault(fold_accents(word_key(word)), meaning)
    return out


def letters_apart(a: str, b: str) -> int | None:
    """How many positions two words of one length differ at (an OCR slip is one); None when
    their lengths differ."""
    return sum(x != y for x, y in zip(a, b, strict=True)) if len(a) == len(b) else None


@content_cache(maxsize=65536)
def fold_accents(text: str) -> str:
    """The text with its accents dropped (``âm tính`` → ``am tinh``; ``đ`` → ``d``)."""
    decomposed = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def flag_words() -> dict[str, str]:
    """Word key -> printed flag (H, L or A), also without accents (OCR drops them)."""
    out: dict[str, str] = {}
    for kind, by_language in _data()["flags"].items():
        for word in _spellings(by_language):
            out.setdefault(word_key(word), FLAG_KINDS[kind])
            out.setdefault(fold_accents(word_key(word)), FLAG_KINDS[kind])
    return out


def _alternation(words: list[str]) -> str:
    """A regex alternation of phrases (spaces match any run of spaces), longest first."""
    parts = sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True)
    return "|".join(r"\s*".join(re.escape(p) for p in w.split()) for w in parts)


@lru_cache(maxsize=1)
def bound_words() -> dict[str, tuple[str, str]]:
    """'below' / 'above' -> (regex of words printed before the number, … after it)."""
    out = {}
    for side in ("below", "above"):
        words = [w for w in _spellings(_data()["ranges"][side]) if not re.fullmatch(r"[<>≤≥]", w)]
        before = [w for w in words if w not in SUFFIX_WORDS]
        after = [w for w in words if w in SUFFIX_WORDS]
        out[side] = (_alternation(before), _alternation(after))
    return out


@lru_cache(maxsize=1)
def between_words() -> tuple[str, str]:
    """(regex of connectors between two bounds, regex of words that open such a range)."""
    words = _spellings(_data()["ranges"]["between"])
    middle, opening = [], []
    for w in words:
        if "..." in w:
            head, _, tail = (p.strip() for p in w.partition("..."))
            head, tail = head.strip(". "), tail.strip(". ")
            if head and not head.startswith("-"):
                opening.append(head)
            if tail and not tail.startswith("-") and "..." not in tail:
                middle.append(tail)
        elif not re.fullmatch(r"[-–]", w.strip()):
            middle.append(w)
    return _alternation(middle), _alternation(opening)


@lru_cache(maxsize=1)
def _description_patterns() -> dict[str, re.Pattern[str]]:
    """Description kind (colour, form, clarity) -> one regex of its words (accents dropped)."""
    out = {}
    for kind, words in _data()["descriptions"].items():
        cjk = [re.escape(w) for w in words if CJK_CHAR_RE.search(w)]
        other = [re.escape(fold_accents(w.lower())) for w in words if not CJK_CHAR_RE.search(w)]
        parts = cjk + ([rf"\b(?:{'|'.join(other)})\b"] if other else [])
        out[kind] = re.compile("|".join(parts))
    return out


def description_kind(code: str | None) -> str | None:
    """The kind of words (colour, form, clarity) an analyte's results are, if it is described."""
    return _data()["described"].get(code) if code else None


def describes(text: str, kind: str | None = None) -> bool:
    """Whether a value holds a word of this description kind (of any kind when None)."""
    folded = fold_accents(text.lower())
    patterns = _description_patterns()
    kinds = [kind] if kind else list(patterns)
    return any(patterns[k].search(folded) for k in kinds if k in patterns)
