"""Where on the page the identifiers of a document are printed.

``deid.identifiers`` finds identifiers in a line's text; redaction needs their boxes. A line's
text is its segments joined by two spaces and each segment's words by ``join_words``; replaying
that join gives every word's character span, and a character span of the text maps back to the
parts of the words it covers (character edges where OCR or the PDF gave them, else
proportional). Besides what each line says itself, every further occurrence of an identifier's
text on any line is boxed too (a name found after ``姓名：`` on page 1 and printed bare in a
running header on page 3).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from checkup2action.deid.blocknames import unlabelled_names
from checkup2action.deid.identifiers import Identifier, find_identifiers
from checkup2action.geometry import Box
from checkup2action.ingestion.document import Word, char_edges
from checkup2action.layout.lines import TextLine, is_cjk

#: Identifier texts shorter than this are not searched for beyond the line they were found on.
MIN_REPEAT = {"cjk": 2, "other": 4}


def word_spans(line: TextLine) -> list[tuple[int, int, Word]]:
    """``(start, end, word)`` of every word of ``line`` within ``line.text``."""
    spans, pos = [], 0
    for s_index, segment in enumerate(line.segments):
        if s_index:
            pos += 2
        previous = ""
        for w_index, word in enumerate(segment.words):
            if w_index and not (is_cjk(previous[-1:] or " ") and is_cjk(word.text[:1] or " ")):
                pos += 1
            spans.append((pos, pos + len(word.text), word))
            pos += len(word.text)
            previous = word.text
    return spans


def span_boxes(line: TextLine, start: int, end: int) -> list[Box]:
    """Boxes of the parts of the words that characters ``start:end`` of ``line.text`` cover."""
    boxes = []
    for w_start, w_end, word in word_spans(line):
        lo, hi = max(start, w_start), min(end, w_end)
        if lo >= hi:
            continue
        edges = char_edges(word)
        boxes.append((edges[lo - w_start], word.top, edges[hi - w_start], word.bottom))
    return boxes


def _repeatable(text: str) -> bool:
    """Whether an identifier's text is long enough to look for on every line."""
    cjk = any(is_cjk(c) for c in text)
    return len(text.strip()) >= MIN_REPEAT["cjk" if cjk else "other"]


def line_identifiers(lines: Sequence[TextLine]) -> list[list[Identifier]]:
    """The identifiers of each line: its own, bare names in patient blocks, and repeats of any
    identifier text found elsewhere in the document."""
    texts = [line.text for line in lines]
    found = [find_identifiers(text) for text in texts]
    for index, name in unlabelled_names(texts):
        found[index].append(name)
    literals = {i.text.strip() for items in found for i in items if _repeatable(i.text)}
    if literals:
        pattern = re.compile(
            "|".join(re.escape(t) for t in sorted(literals, key=len, reverse=True))
        )
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
