"""Letters mangled by a wrong decoding, read as the letters they were.

A name typed with an accent and saved as UTF-8, then read as Windows-1252 or Latin-1 somewhere on
its way to the report, prints each accented letter as two characters (``GonÃ§alves`` for
``Gonçalves``, ``GONÃ‡ALVES`` for ``GONÇALVES``); the second is often no letter at all (``‡``,
``©``), so the name's shape ends in the middle of the name. :func:`letters_probe` gives a text of
the same length where each such pair is two plain letters of the right case (``GONCCALVES``):
the identifier patterns run on the probe and their spans are the same in the original text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


@lru_cache(maxsize=1)
def _pair() -> re.Pattern[str]:
    """A UTF-8 lead byte of a Latin letter (0xC3-0xC5) and a continuation byte, as Windows-1252
    or Latin-1 show them."""
    leads = "".join(bytes([b]).decode("latin-1") for b in (0xC3, 0xC4, 0xC5))
    tails = {bytes([b]).decode("latin-1") for b in range(0x80, 0xC0)}
    tails |= {bytes([b]).decode("cp1252", errors="ignore") for b in range(0x80, 0xC0)} - {""}
    return re.compile(f"[{re.escape(leads)}][{re.escape(''.join(sorted(tails)))}]")


def _as_letters(pair: str) -> str:
    """Two plain letters for a mangled pair (the pair itself when it was no letter)."""
    raw = bytes(_byte(c) for c in pair)
    try:
        letter = raw.decode("utf-8")
    except UnicodeDecodeError:
        return pair
    base = unicodedata.normalize("NFKD", letter)[:1]
    return base * 2 if base.isascii() and base.isalpha() else pair


def _byte(char: str) -> int:
    """The byte a character of a wrong decoding stood for (Windows-1252 first, then Latin-1)."""
    try:
        return char.encode("cp1252")[0]
    except UnicodeEncodeError:
        return char.encode("latin-1")[0]


def letters_probe(text: str) -> str:
    """``text`` with each mangled accented letter as two plain letters: same length, same spans."""
    if "Ã" not in text and "Ä" not in text and "Å" not in text:
        return text  # nearly every line
    return _pair().sub(lambda m: _as_letters(m.group(0)), text)
