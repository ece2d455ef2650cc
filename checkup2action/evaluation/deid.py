"""Score de-identification against the identifiers a document is known to print.

Two questions per identifier: was it *found* (a run with ``keep_identifiers`` lists it), and did
it *leak* (it appears in a string of the default, de-identified output). Texts are compared
*joined*: lower case, without the spaces, dashes, dots and brackets printed between two
digits, one plain dash between a code's letters and digits (``DMC – 12345``, ``DMC-12345``, a
bold stamp's ``DMC - - 12345`` as OCR reads it twice over), and
without a name's middle dot between two Chinese characters, so ``138 0013 8000``
found as ``13800138000`` counts, and a phone printed as ``(010) 6512-3456`` leaks if
``01065123456`` is anywhere. A text counts only as a whole token, never inside a longer run of
letters or digits (``2019122`` is no part of the date ``2019-12-24``), and identifiers of fewer
than ``MIN_LEAK`` characters are not looked for in the output: a sample number ``4`` is in every
report's values. On pages read by OCR an identifier may come out misread: a listed identifier,
or a run of its words, one character edit away (one in eight for long ones; none for one of two
characters) counts as found, and three quarters of an identifier of ``MIN_FUZZY`` characters or
more in one unbroken run counts as leaked.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from checkup2action.deid.keydata import is_han

_SPACES = re.compile(r"\s+")
_BETWEEN_DIGITS = re.compile(r"(?<=\d)[\s\-–—().·/]+(?=\d)")
#: A dash, spaced or not, between a code's letters and its digits (``DMC – 12345`` printed,
#: ``DMC-12345`` read): one separator however it is printed.
_CODE_DASH = re.compile(r"(?<=[^\W\d_])\s*[\-–—](?:\s*[\-–—])*\s*(?=\d)")
#: The middle dot of a transliterated name in Chinese (``阿依·买买提``), which OCR often drops.
_NAME_DOT = re.compile(r"(?<=[\u4e00-\u9fff])\s*[·・•]\s*(?=[\u4e00-\u9fff])")
#: Shortest identifier (joined) looked for in the output.
MIN_LEAK = 4
#: Shortest identifier (joined) whose partial copies count as leaks.
MIN_FUZZY = 10
#: Share of an identifier that, found in one unbroken run of an output string, is a leak.
LEAK_SHARE = 0.75


def joined(text: str) -> str:
    """Lower case, runs of spaces made one, the separators between two digits and the middle dot
    between two Chinese characters taken out, a dash between letters and digits made one plain
    ``-``, and the asterisks a Code 39 barcode's text line starts and ends with
    (``*LAB/PAT23-24/50*``)."""
    text = _NAME_DOT.sub("", _SPACES.sub(" ", text))
    text = _CODE_DASH.sub("-", _BETWEEN_DIGITS.sub("", text))
    return text.lower().strip(" ()[]{}.,:;*")


def _is_cjk(text: str) -> bool:
    """Whether ``text`` holds a Chinese character (such text has no spaces to bound a token)."""
    return any(is_han(c) for c in text)


def holds(hay: str, needle: str) -> bool:
    """Whether ``needle`` is in ``hay`` as a whole token (CJK text: anywhere)."""
    if not needle:
        return False
    if _is_cjk(needle):
        return needle in hay
    bounded = rf"(?<![0-9a-z]){re.escape(needle)}(?![0-9a-z])"
    return needle in hay and re.search(bounded, hay) is not None


def within_edits(a: str, b: str, limit: int) -> bool:
    """Whether ``a`` becomes ``b`` in at most ``limit`` character edits (Levenshtein)."""
    if abs(len(a) - len(b)) > limit:
        return False
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, start=1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1] <= limit


def misread_limit(text: str) -> int:
    """Character edits an OCR reading of ``text`` may differ by and still be that text."""
    return 0 if len(text) <= 2 else max(1, len(text) // 8)


def is_found(identifier: str, kept: Iterable[str]) -> bool:
    """Whether ``identifier`` lies inside one of the identifiers a run listed (a number glued
    after a code's letters too; spaces aside too:
    a barcode's letter-spaced line ``* L A B / 9 1 *``, words OCR glued, ``DUPONTJEAN``, a title
    glued to initials, ``Dr.J.A.Doe`` for ``J.A. Doe``), or one of them is its OCR misreading."""
    needle = joined(identifier)
    if not needle:
        return False
    limit = misread_limit(needle)
    bare = needle.replace(" ", "")
    hays = (joined(k) for k in kept)
    return any(
        holds(hay, needle)
        or _after_letters(hay, needle)
        or _glued(hay, bare)
        or holds(hay.replace(" ", ""), bare)
        or _misread_inside(hay, needle, limit)
        for hay in hays
    )


def _after_letters(hay: str, needle: str) -> bool:
    """Whether a number is the digits of a code that glues it to letters (``crq01234567``
    found, ``01234567`` labelled, made up): the code taken out takes the number with it."""
    if not needle.isdigit():
        return False
    return re.search(rf"(?<![0-9])[a-z]+{re.escape(needle)}(?![0-9a-z])", hay) is not None


def _misread_inside(hay: str, needle: str, limit: int) -> bool:
    """Whether ``hay`` or a run of as many of its whole words as ``needle`` has is at most
    ``limit`` edits from ``needle`` (a misread name after a title: ``dr. jane doa``)."""
    if within_edits(needle, hay, limit):
        return True
    words, count = hay.split(" "), len(needle.split(" "))
    runs = (" ".join(words[i : i + count]) for i in range(len(words) - count + 1))
    return count < len(words) and any(within_edits(needle, run, limit) for run in runs)


def _glued(hay: str, bare: str) -> bool:
    """Whether some run of whole words of ``hay``, its spaces taken out, is ``bare``."""
    words = hay.split(" ")
    for start in range(len(words)):
        run = ""
        for word in words[start:]:
            run += word
            if len(run) >= len(bare):
                if run == bare:
                    return True
                break
    return False


def strings_of(data: Any) -> Iterator[str]:
    """Every string in a JSON-like value (keys included)."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield str(key)
            yield from strings_of(value)
    elif isinstance(data, list | tuple):
        for item in data:
            yield from strings_of(item)


def leaks(identifier: str, strings: list[str]) -> bool:
    """Whether ``identifier`` appears in any of ``strings`` (see the module docstring)."""
    needle = joined(identifier)
    if len(needle) < MIN_LEAK and not (_is_cjk(needle) and len(needle) >= 2):
        return False
    hays = [joined(s) for s in strings]
    if any(holds(hay, needle) for hay in hays):
        return True
    if len(needle) < MIN_FUZZY:
        return False
    need = math.ceil(LEAK_SHARE * len(needle))
    return any(
        len(hay) >= need
        and SequenceMatcher(None, needle, hay, autojunk=False).find_longest_match().size >= need
        for hay in hays
    )


def truth_identifiers(truth: dict[str, Any]) -> list[tuple[str, str]]:
    """``(kind, text)`` of every identifier the generator printed; untyped ones are ``other``."""
    typed = [(i["kind"], i["text"]) for i in truth.get("seeded_identifiers", [])]
    seen = {text for _, text in typed}
    return typed + [("other", t) for t in truth.get("identifiers", []) if t not in seen]


@dataclass
class DeidTally:
    """Identifiers seeded, found and leaked by kind; lab results expected and kept."""

    seeded: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    leaked: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    def add_document(
        self, name: str, truth: dict[str, Any], kept: list[str], output: dict[str, Any]
    ) -> None:
        """Count one document: ``kept`` from a keep-identifiers run, ``output`` the default one."""
        strings = list(strings_of(output))
        for kind, text in truth_identifiers(truth):
            self.seeded[kind] += 1
            if is_found(text, kept):
                self.found[kind] += 1
            else:
                self.misses.append(f"{name} not found {kind}: {text!r}")
            if leaks(text, strings):
                self.leaked[kind] += 1
                self.misses.append(f"{name} LEAKED {kind}: {text!r}")

    def recall(self, kind: str | None = None) -> float:
        """Share of seeded identifiers found (of one kind, or all)."""
        seeded = self.seeded[kind] if kind else sum(self.seeded.values())
        found = self.found[kind] if kind else sum(self.found.values())
        return found / seeded if seeded else 1.0
