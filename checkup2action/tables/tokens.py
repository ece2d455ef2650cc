"""Words of a line read as tokens, the cells the line reader places.

A name's words stay together; a range printed as number, dash, number is one token; a comparator
joins its number, however the text layer spaced it (``< 41``, ``Inferior a 0,10``); a range's
opening word joins the range (``de 3,70 até 5,30``); a unit broken by the text layer is mended
(``/100 fvs``, ``10^6/µ L``); a lone ``+`` or ``*`` joins the word it flags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from checkup2action.grammar.catalogue import load_catalogue
from checkup2action.grammar.values import bound_words_as_symbols
from checkup2action.grammar.words import between_words
from checkup2action.ingestion.document import Word
from checkup2action.layout.lines import Segment, TextLine
from checkup2action.memo import content_cache
from checkup2action.tables.content import looks_flag, looks_range, looks_unit, looks_value
from checkup2action.tables.wordprep import marks_word, prepared_words

BARE_NUMBER = re.compile(r"^[-+]?(?:\d{1,3}(?: \d{3})+|\d+)(?:[.,]\d+)?$")
_COMPARATOR = re.compile(r"^[(\[]?(?:[<>≤≥＜＞]=?|=)$")
BOUND_NUMBER = re.compile(r"^[-+]?\d+(?:[.,]\d+)?[)\]]?$")
MAX_PHRASE_WORDS = 5  # a comparator phrase and its number: ``menor ou igual a 5``
_DASH = re.compile(r"^(?:-|–|—|~|～|--|to|a|até|ate|hasta|bis|à)$", re.IGNORECASE)


@dataclass(slots=True)
class Token(Segment):
    """A run of words read as one cell (a segment's text and edges)."""

    code: bool = False  # a column code (method, analyser): kept out of names


@content_cache(maxsize=65536)
def is_text(text: str) -> bool:
    """A name-like token: letters (or CJK) and not a value, unit, range or flag."""
    return any(c.isalpha() for c in text) and not (
        looks_value(text) or looks_unit(text) or looks_flag(text) or looks_range(text)
    )


def is_unit(text: str) -> bool:
    """A unit, but not a bare number or a qualitative word."""
    return looks_unit(text) and not BARE_NUMBER.match(text.strip())


def tokens_of(line: TextLine, codes: frozenset[str] = frozenset()) -> list[Token]:
    """The line's words as tokens: name words together, range pieces joined, a column code
    (``codes``) a token of its own."""
    words = prepared_words(line)
    out: list[Token] = []
    i = 0
    while i < len(words):
        w = words[i]
        t = w.text.strip()
        nxt = words[i + 1].text.strip() if i + 1 < len(words) else ""
        after = words[i + 2].text.strip() if i + 2 < len(words) else ""
        if _tight_range(words, i, t, nxt, after):
            out.append(Token(words[i : i + 3]))  # 4.4 - 11.3 (not 49.9 | - | 50.0 - 70.0)
            i += 3
            continue
        if _split_range(words, i, t, nxt):
            out.append(Token(words[i : i + 2]))  # 79,0 -92,2   25,7- 32,2
            i += 2
            continue
        if out and _unit_tail(out[-1], w):
            out[-1].words.append(w)  # /100 fvs, x10 3/uL
            i += 1
            continue
        if t in ("+", "*") and i + 1 < len(words) and marks_word(w, words[i + 1]):
            out.append(Token(words[i : i + 2]))  # + positiv: the word flagged by the mark
            i += 2
            continue
        phrase = _bound_phrase_length(words, i)
        if phrase:
            out.append(Token(words[i : i + phrase]))  # Inferior a 0,10   menor que 5
            i += phrase
            continue
        if _COMPARATOR.match(t) and BOUND_NUMBER.match(nxt):
            out.append(Token(words[i : i + 2]))  # < 1,0   (< 41)
            i += 2
            continue
        if t in codes and out:
            out.append(Token([w], code=True))
        elif (
            out
            and is_text(t)
            and is_text(out[-1].text)
            and close(out[-1].words[-1], w)
            and not out[-1].code
        ):
            out[-1].words.append(w)  # a name of several words
        elif out and _result_word_in_name(out[-1], w, nxt):
            out[-1].words.append(w)  # Protéine C reactive: a result word that ends a name
        else:
            out.append(Token([w]))
        i += 1
    return _closed_brackets(_open_ranges(out))


#: A bracket opened in a token is looked for this many tokens on.
_BRACKET_REACH = 3


def _closed_brackets(tokens: list[Token]) -> list[Token]:
    """A range whose bracket closes a token or two later joins those tokens (``(< 0.30`` ``OD)``,
    ``(COI`` ``< 1.0`` ``)``, ``[35 - 50`` ``%]``): one range cell, set tight together."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        span = _bracket_span(tokens, i) if _unclosed(tok.text) else 0
        out.append(Token([w for t in tokens[i : i + span] for w in t.words]) if span else tok)
        i += span or 1
    return out


def _bracket_span(tokens: list[Token], i: int) -> int:
    """How many tokens from i make one bracketed range set tight together; 0 when none do."""
    for n in range(2, min(_BRACKET_REACH + 1, len(tokens) - i) + 1):
        if not close(tokens[i + n - 2].words[-1], tokens[i + n - 1].words[0]):
            return 0
        text = " ".join(t.text for t in tokens[i : i + n])
        if not _unclosed(text):
            return n if looks_range(text) else 0
    return 0


def _unclosed(text: str) -> bool:
    """Whether a round or square bracket opens in the text and does not close in it."""
    return text.count("(") + text.count("[") > text.count(")") + text.count("]")


@lru_cache(maxsize=1)
def _range_opening() -> re.Pattern[str]:
    """A word that opens a range in some language (``de`` 3,70 até 5,30, ``von``, ``entre``)."""
    _, opening = between_words()
    return re.compile(rf"^(?:{opening}|from|between)$", re.IGNORECASE)


def _open_ranges(tokens: list[Token]) -> list[Token]:
    """A range's opening word set tight before it joins it (``de`` ``3,70 até 5,30``), so
    neither is read as a name."""
    out: list[Token] = []
    for tok in tokens:
        prev = out[-1] if out else None
        if (
            prev is not None
            and len(prev.words) == 1
            and _range_opening().match(prev.text.strip())
            and looks_range(tok.text)
            and close(prev.words[-1], tok.words[0])
        ):
            out[-1] = Token(prev.words + tok.words)
        else:
            out.append(tok)
    return out


def _bound_phrase_length(words: list[Word], i: int) -> int:
    """How many words from i make a comparator phrase and its number set tight together
    (``Inferior a 0,10``, ``menor que 5``): one value, however the text layer spaced it."""
    if not words[i].text.strip()[:1].isalpha():
        return 0
    for n in range(2, min(MAX_PHRASE_WORDS, len(words) - i) + 1):
        piece = words[i : i + n]
        if not close(piece[-2], piece[-1]):
            return 0
        if BOUND_NUMBER.match(piece[-1].text.strip()):
            text = " ".join(w.text.strip() for w in piece)
            return n if bound_words_as_symbols(text) != text else 0
    return 0


def _tight_range(words: list[Word], i: int, t: str, nxt: str, after: str) -> bool:
    """Whether words i..i+2 are a number, a dash and a number set tight together."""
    first, last = t.lstrip("([").strip(), after.rstrip(")]").strip()
    ocr_dot = nxt in (".", "·") and words[i + 1].confidence is not None  # OCR's dash: 10.8 . 14.7
    if not (BARE_NUMBER.match(first) and (_DASH.match(nxt) or ocr_dot) and BARE_NUMBER.match(last)):
        return False
    return close(words[i], words[i + 1]) and close(words[i + 1], words[i + 2])


def _result_word_in_name(name: Token, w: Word, nxt: str) -> bool:
    """Whether a word that reads as a result (``reactive``) ends the name before it: set tight,
    something still to follow, and the catalogue knowing the whole as another test than the
    name alone (``Protéine C reactive``; ``HIV  Reactive`` stays a result)."""
    t = w.text.strip()
    if name.code or not nxt or not is_text(name.text) or not close(name.words[-1], w):
        return False
    if any(c.isdigit() for c in t) or not any(c.isalpha() for c in t) or not looks_value(t):
        return False
    catalogue = load_catalogue()
    whole = catalogue.match(f"{name.text} {t}")
    return whole is not None and whole != catalogue.match(name.text)


def _split_range(words: list[Word], i: int, t: str, nxt: str) -> bool:
    """Whether words i and i+1 are a range whose dash OCR glued to one of its numbers
    (``79,0`` ``-92,2``, ``25,7-`` ``32,2``, ``13.5~`` ``17.6``, read as a dot: ``32.0.``
    ``45.0``), set tight."""
    if not nxt or not close(words[i], words[i + 1]):
        return False
    ends = "-–~～." if words[i].confidence is not None else "-–~～"  # OCR reads a dash as a dot
    dash_after = t[-1:] in ends and BARE_NUMBER.match(t[:-1]) and BARE_NUMBER.match(nxt)
    dash_before = nxt[:1] in "-–~～" and BARE_NUMBER.match(t) and BARE_NUMBER.match(nxt[1:])
    return bool(dash_after or dash_before)


def _unit_tail(token: Token, w: Word) -> bool:
    """A short piece set tight after a unit's start that finishes it (``/100 fvs``, ``10^6/µ L``)."""
    last = token.words[-1]
    text, t = token.text.strip(), w.text.strip()
    starts = (
        text.startswith("/")
        or re.match(r"^[x×*]?10\s*[\^*]?\d*$", text, re.IGNORECASE)
        or re.search(r"\d/[μµ]$", text)  # 10^6/µ L: the text layer broke the unit after µ
    )
    if not starts or w.x0 - last.x1 > 0.6 * max(last.size, last.height, 1.0):
        return False
    if _PER_TAIL.fullmatch(t):
        return True  # ``10`` ``3/uL``: a power's broken unit
    # a letter piece finishes no bare ``10`` (``10`` ``ml`` is a value and its unit)
    return not text.isdigit() and bool(_LETTER_TAIL.fullmatch(t))


#: The pieces that finish a broken unit: ``3/uL`` after a power, letters (``fvs``, ``L``).
_PER_TAIL = re.compile(r"\d{0,2}/[A-Za-zμµ]{1,4}")
_LETTER_TAIL = re.compile(r"[A-Za-zμµ]{1,4}")


def close(a: Word, b: Word) -> bool:
    """Whether two words sit close enough to be one phrase (less than about an em apart)."""
    em = max(a.size, b.size, a.height, b.height, 1.0)
    return b.x0 - a.x1 <= 1.2 * em
