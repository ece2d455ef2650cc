"""Identifiers whose value sits on the line below their label.

Forms print a row of labels with the row of their values under it
(``Data di nascita  Età  Sesso`` over ``21/10/1984  40  M``), and some reports end a line with
a label and its colon and print the value at the start of the next line
(``Prélèvement effectué par :`` over a name, on a line with no digit). Line texts keep the wide
gaps between fields (two spaces or more), so a label row is split into its fields and each
labelled field is paired with the field in the same place on the next line: all of them when
both rows have as many fields, else only the first (both rows start at the form's left edge).
A value must have the shape of its kind (``identifiers.labelled_value``): digits for numbers
and dates, letters for names.

A postcode and a town ending the line under a street address (``12 Rue de la Paix`` over
``75002 Paris``) are the rest of that address.

A number of seven digits or more standing alone on a line, the same on two lines or more (a
running header's accession or barcode number, printed on every page), is a record number: no
result is a bare number that long, printed again and again.

A line that opens with a long code of capitals and digits mixed (ten characters or more, three
digits and three capitals at least: a sample's code under the signatures, ``41XI24ABCDEF``) and
holds nothing else but words in capitals (a name printed on the code's line) is a record
number, the whole line: no test or result is printed that way.
A phone number cut at a line's end after a hyphen goes on at the start of the next line, when the
two parts together are a phone number.

A name in capitals that ends its field may go on at the start of the next line, when that line is
nothing but one or two words in capitals (``Фамилия:  ИВАНОВ ПЕТР`` over ``ИВАНОВИЧ``,
``Solicitante:  Dr(a).: LIVIA ROSA`` over ``SOUZA``): a narrow field wrapped the rest of the
name. A word of the catalogue or the section vocabulary (``HAEMATOLOGY``), a label or a sex is
no part of a name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from checkup2action.deid.identifiers import (
    PHONE_EXTENSION,
    PHONES,
    Identifier,
    field_spans,
    label_kind,
    labelled_value,
    street_address,
)
from checkup2action.normalize.sectionwords import sounds_medical

#: Kinds whose values are one word (no space inside): when a value row has fewer wide gaps than
#: its label row has fields, its words are paired with the labels instead, if they are as many
#: (``Richiesta n°  Del  Referto n°  Data`` over ``22/000111  01/01/2024 11-000222  02/01/2024``);
#: a time after a word goes with it (``02/01/2024 15:39``).
_ONE_WORD_KINDS = {None, "record_number", "id_number", "birth_date"}
_WORD = re.compile(r"\S+(?: \d{1,2}:\d{2}(?::\d{2})?(?!\S))?")
#: A line that is a long code of capitals and digits mixed, and maybe words in capitals after it.
_CODE_LINE = re.compile(
    r"\s*(?=[A-Z0-9]{10,24}(?:\s|$))(?=(?:[A-Z]*\d){3})(?=(?:\d*[A-Z]){3})"
    r"[A-Z0-9]{10,24}(?:\s[A-Z][A-Z'\-]+){0,3}\s*"
)
#: A line that is one long number and nothing else.
_BARE_NUMBER = re.compile(r"\s*(\d{7,})\s*")
#: A postcode and the town after it (``98100 ANTIBES``, ``75014 Paris``, ``2099 Kisvárosi``).
#: It ends its line: ``11000 Cells/cumm`` is a count.
_POSTCODE_TOWN = re.compile(
    r"(?<![\w.,])\d{4,5}\s?[A-ZÀ-Þ][\w'\-]{2,}(?:[ \-][A-ZÀ-Þ][\w'\-]+){0,2}(?=\s*$)"
)
#: A line of one or two words in capitals (Latin or Cyrillic, three letters or more), nothing
#: else.
_CAPS = "A-ZÀ-ÖØ-ÞА-ЯЁ"
_CAPS_WORDS = re.compile(rf"\s*([{_CAPS}][{_CAPS}'\-]{{2,}}(?: [{_CAPS}][{_CAPS}'\-]{{2,}})?)\s*")
#: Sexes printed in capitals, never the rest of a name.
_SEXES = {"MALE", "FEMALE", "MASCULINO", "FEMENINO", "FEMININO", "HOMME", "FEMME", "MASCHIO"}
#: A phone number's start ending a line, cut after a hyphen (``Ph. tel:+1-555-``), and the digits
#: opening the next line that may be its rest (``0100199;ext=12``).
_PHONE_START = re.compile(r"[+±]?\d[\d ().\-]*-$")
_PHONE_REST = re.compile(r"\s*(\d[\d().\-]*\d" + PHONE_EXTENSION + ")")
#: A field of a label row: a few words, no digits (``Referto n°``, ``Data di nascita``).
_LABEL_FIELD = re.compile(r"[^\d]{2,40}")


def _fields(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each field of a line (runs of text between wide gaps), trailing
    spaces left out."""
    spans = [(a, a + len(text[a:b].rstrip())) for a, b in field_spans(text)]
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _label_row(text: str, fields: list[tuple[int, int]]) -> list[str | None] | None:
    """The identifier kind of each field when every field is label-like and one at least is an
    identifier's label; else None."""
    texts = [text[a:b].strip() for a, b in fields]
    if len(texts) < 2 or not all(_LABEL_FIELD.fullmatch(t) for t in texts):
        return None
    kinds = [label_kind(t) for t in texts]
    return kinds if any(kinds) else None


def _value(kind: str, text: str, span: tuple[int, int], rule: str) -> Identifier | None:
    """The identifier in one field of a value row, if it has the shape of ``kind``."""
    start = span[0] + len(text[span[0] : span[1]]) - len(text[span[0] : span[1]].lstrip())
    found = labelled_value(kind, text[: span[1]], start)
    if found is None:
        return None
    a, b = found
    return Identifier(kind, a, b, text[a:b], rule)


def _below_label_row(kinds: list[str | None], text: str) -> list[Identifier]:
    """Values of a label row's identifier fields in the next line ``text``."""
    fields = _fields(text)
    if not fields:
        return []
    if len(fields) != len(kinds) and set(kinds) <= _ONE_WORD_KINDS:
        fields = [m.span() for m in _WORD.finditer(text)]  # a gap printed narrow
    pairs = list(zip(kinds, fields, strict=False)) if len(fields) == len(kinds) else []
    pairs = pairs or [(kinds[0], fields[0])]
    found = [_value(kind, text, span, "below:label_row") for kind, span in pairs if kind]
    return [item for item in found if item is not None]


def _after_trailing_label(text: str, following: str) -> Identifier | None:
    """The value at the start of ``following`` when ``text`` ends with a label and its colon."""
    stripped = text.rstrip()
    if not stripped.endswith((":", "：")):
        return None
    fields = _fields(stripped)
    last = stripped[fields[-1][0] :].lstrip(" #*") if fields else ""
    kind = label_kind(last) if last else None
    next_fields = _fields(following)
    if not kind or not next_fields or (kind == "name" and any(c.isdigit() for c in following)):
        return None  # a name stands on a line of its own, not on a results line
    return _value(kind, following, next_fields[0], "below:label")


def values_below_labels(lines: Sequence[str]) -> list[tuple[int, Identifier]]:
    """``(line index, identifier)`` for every value printed on the line below its label."""
    found: list[tuple[int, Identifier]] = []
    for i in range(len(lines) - 1):
        text, following = lines[i], lines[i + 1]
        kinds = _label_row(text, _fields(text))
        if kinds is not None and _label_row(following, _fields(following)) is None:
            found += [(i + 1, item) for item in _below_label_row(kinds, following)]
        elif item := _after_trailing_label(text, following):
            found.append((i + 1, item))
    return found


def repeated_numbers(lines: Sequence[str]) -> list[tuple[int, Identifier]]:
    """``(line index, record number)`` for each line that is only a long number printed on
    another line alone too."""
    bare = {i: m for i, text in enumerate(lines) if (m := _BARE_NUMBER.fullmatch(text))}
    counts = Counter(m.group(1) for m in bare.values())
    return [
        (i, Identifier("record_number", m.start(1), m.end(1), m.group(1), "repeated_number"))
        for i, m in bare.items()
        if counts[m.group(1)] > 1
    ]


def towns_below_streets(lines: Sequence[str]) -> list[tuple[int, Identifier]]:
    """``(line index, address)`` for a postcode and town on the line under a street address."""
    found = []
    for i in range(len(lines) - 1):
        if any(c.isdigit() for c in lines[i]) and street_address().search(lines[i]):
            for m in _POSTCODE_TOWN.finditer(lines[i + 1]):
                found.append((i + 1, Identifier("address", m.start(), m.end(), m.group(0), "town")))
    return found


def code_lines(lines: Sequence[str]) -> list[tuple[int, Identifier]]:
    """``(line index, record number)`` for each line that is a long mixed code (and words in
    capitals after it)."""
    found = []
    for i, text in enumerate(lines):
        if _CODE_LINE.fullmatch(text):
            start = len(text) - len(text.lstrip())
            value = text.strip()
            found.append(
                (i, Identifier("record_number", start, start + len(value), value, "code_line"))
            )
    return found


def wrapped_phones(lines: Sequence[str]) -> list[tuple[int, Identifier]]:
    """``(line index, phone)`` for both parts of a phone number cut at a line's end: a line
    ending with a number's start and a hyphen, the next opening with digits, the two together
    a phone number."""
    found = []
    for i in range(len(lines) - 1):
        head = _PHONE_START.search(lines[i].rstrip())
        tail = _PHONE_REST.match(lines[i + 1]) if head else None
        if head is None or tail is None:
            continue
        whole = head.group(0) + tail.group(1)
        if any(pattern.fullmatch(whole) for pattern in PHONES):
            a, b = head.span()
            found.append((i, Identifier("phone", a, b, head.group(0), "wrapped_phone", whole)))
            a, b = tail.span(1)
            found.append((i + 1, Identifier("phone", a, b, tail.group(1), "wrapped_phone", whole)))
    return found


def _ends_in_capitals(name: Identifier, text: str) -> bool:
    """Whether a found name is in capitals and ends its field (nothing, or a wide gap, after)."""
    letters = [c for c in name.text.split(":")[-1] if c.isalpha()]
    after = text[name.end :]
    return (
        len(letters) >= 2
        and all(c.isupper() for c in letters)
        and (not after.strip() or after.startswith("  "))
    )


def _name_rest(text: str) -> tuple[int, int] | None:
    """The span of a line that can be the wrapped rest of a name in capitals, if it is one."""
    m = _CAPS_WORDS.fullmatch(text)
    if m is None or sounds_medical(m.group(1)) or label_kind(m.group(1)):
        return None
    if any(word in _SEXES for word in m.group(1).split()):
        return None
    return m.span(1)


def _overlaps(span: tuple[int, int], item: Identifier) -> bool:
    """Whether an identifier already found covers part of ``span``."""
    return item.start < span[1] and span[0] < item.end


def wrapped_names(
    lines: Sequence[str], found: Sequence[Sequence[Identifier]]
) -> list[tuple[int, Identifier]]:
    """``(line index, name)`` for the rest of a name in capitals wrapped onto the next line;
    ``found`` holds the identifiers already found on each line."""
    out = []
    for i in range(len(lines) - 1):
        names = [n for n in found[i] if n.kind == "name" and _ends_in_capitals(n, lines[i])]
        span = _name_rest(lines[i + 1]) if names else None
        if span is not None and not any(_overlaps(span, item) for item in found[i + 1]):
            a, b = span
            rest = lines[i + 1][a:b]
            whole = f"{names[-1].whole or names[-1].text} {rest}"
            out.append((i + 1, Identifier("name", a, b, rest, "wrapped_name", whole)))
    return out
