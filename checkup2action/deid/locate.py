"""Where on the page the identifiers of a document are printed.

``deid.scrub.identifiers_by_line`` finds identifiers in each line's text (and from the lines
around it), as the report's de-identification does; redaction needs their boxes, which
``layout.lines.span_boxes`` gives for any character span of a line's text. Besides what each
line says itself, every further occurrence of an identifier's text on any line is boxed too (a
name found after ``姓名：`` on page 1 and printed bare in a running header on page 3), looked for
the way scrubbing looks for it (``scrub.literal_pattern``: long enough, a whole word).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from checkup2action.deid.identifiers import Identifier
from checkup2action.deid.scrub import identifiers_by_line, literal_pattern
from checkup2action.geometry import Box
from checkup2action.layout.lines import TextLine, span_boxes


def line_identifiers(lines: Sequence[TextLine]) -> list[list[Identifier]]:
    """The identifiers of each line, as the report's de-identification finds them
    (``scrub.identifiers_by_line``), and repeats of any identifier text found elsewhere in the
    document."""
    texts = [line.text for line in lines]
    found = identifiers_by_line(texts)
    pattern = literal_pattern(i for items in found for i in items)  # as scrubbing looks
    if pattern is not None:
        for index, text in enumerate(texts):
            own = list(found[index])
            found[index] += [
                Identifier("repeat", m.start(), m.end(), m.group(0), "repeat")
                for m in pattern.finditer(text)
                if not any(i.start < m.end() and m.start() < i.end for i in own)
            ]
    return found


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
