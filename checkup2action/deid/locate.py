"""Where on the page the identifiers of a document are printed.

``deid.scrub.identifiers_by_line`` finds identifiers in each line's text (and from the lines
around it), as the report's de-identification does; redaction needs their boxes, which
``layout.lines.span_boxes`` gives for any character span of a line's text. Besides what each
line says itself, every further occurrence of an identifier's text on any line is boxed too (a
name found after ``姓名：`` on page 1 and printed bare in a running header on page 3), looked for
the way scrubbing looks for it (``scrub.literal_pattern``: long enough, a whole word). A name is
also looked for with its words in another order (``Jane Ann Sample`` found beside ``Patient:``,
printed ``SAMPLE, JANE`` in a picture's caption or a running header): two or more of its words
in a row, in any case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from checkup2action.deid.identifiers import Identifier
from checkup2action.deid.scrub import identifiers_by_line, latin_name_words, literal_pattern
from checkup2action.geometry import Box
from checkup2action.layout.lines import TextLine, span_boxes

#: Shortest word of a name looked for in another order (shorter ones are initials).
NAME_WORD_MIN = 3


def line_identifiers(lines: Sequence[TextLine]) -> list[list[Identifier]]:
    """The identifiers of each line, as the report's de-identification finds them
    (``scrub.identifiers_by_line``), and repeats of any identifier found elsewhere in the
    document (``known_repeats``)."""
    found = identifiers_by_line([line.text for line in lines])
    known = [i for items in found for i in items]
    for index, line in enumerate(lines):
        found[index] += known_repeats(line.text, known, found[index])
    return found


def known_repeats(
    text: str, known: Sequence[Identifier], own: Sequence[Identifier] = ()
) -> list[Identifier]:
    """Further occurrences in ``text`` of identifiers found elsewhere: their whole text (as
    scrubbing looks for it) or a name's words in another order; spans ``own`` covers are left."""
    spans = list(own)
    out = []
    for pattern in (literal_pattern(known), reordered_name_pattern(known)):
        if pattern is None:
            continue
        for m in pattern.finditer(text):
            if not any(i.start < m.end() and m.start() < i.end for i in spans):
                item = Identifier("repeat", m.start(), m.end(), m.group(0), "repeat")
                spans.append(item)
                out.append(item)
    return out


def reordered_name_pattern(found: Iterable[Identifier]) -> re.Pattern[str] | None:
    """Two or more words of the names found in a row, in any order and case, apart by spaces,
    commas or full stops; None when no name has two Latin words long enough."""
    words = latin_name_words(found, NAME_WORD_MIN)
    if len(words) < 2:
        return None
    one = "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"
    return re.compile(rf"(?<!\w){one}(?:[ ,.]+{one})+(?!\w)", re.I)


def identifier_boxes(pages: Mapping[int, Sequence[TextLine]]) -> dict[int, list[tuple[str, Box]]]:
    """``(kind, box)`` of every identifier printed, by page number (overlapping boxes allowed);
    a text found on one page is boxed wherever it recurs in the document."""
    flat = [(number, line) for number in sorted(pages) for line in pages[number]]
    found = line_identifiers([line for _, line in flat])
    out: dict[int, list[tuple[str, Box]]] = {number: [] for number in pages}
    for (number, line), items in zip(flat, found, strict=True):
        for item in items:
            out[number] += [(item.kind, box) for box in span_boxes(line, item.start, item.end)]
    return out
