"""Group words into text lines and lines into segments separated by wide gaps."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from checkup2action.ingestion.document import Word

SEGMENT_GAP_EM = 0.9


@dataclass(slots=True)
class Segment:
    """Consecutive words of a line with no wide gap between them."""

    words: list[Word]

    @property
    def text(self) -> str:
        """Words joined by single spaces (CJK neighbours joined without one)."""
        return join_words(self.words)

    @property
    def x0(self) -> float:
        """Left edge."""
        return self.words[0].x0

    @property
    def x1(self) -> float:
        """Right edge."""
        return max(w.x1 for w in self.words)

    @property
    def top(self) -> float:
        """Top edge."""
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        """Bottom edge."""
        return max(w.bottom for w in self.words)


@dataclass(slots=True)
class TextLine:
    """Words sharing a baseline band, left to right."""

    words: list[Word]
    segments: list[Segment] = field(default_factory=list)

    @property
    def top(self) -> float:
        """Top edge."""
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        """Bottom edge."""
        return max(w.bottom for w in self.words)

    @property
    def x0(self) -> float:
        """Left edge."""
        return self.words[0].x0

    @property
    def x1(self) -> float:
        """Right edge."""
        return max(w.x1 for w in self.words)

    @property
    def text(self) -> str:
        """Segments joined by two spaces."""
        return "  ".join(s.text for s in self.segments)

    @property
    def height(self) -> float:
        """Median word height."""
        return statistics.median(w.height for w in self.words)


def is_cjk(ch: str) -> bool:
    """Whether a character is a CJK ideograph or CJK punctuation."""
    code = ord(ch)
    return 0x3000 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF


def join_words(words: list[Word]) -> str:
    """Join words with spaces, except between two CJK characters."""
    out = ""
    for w in words:
        if out and not (is_cjk(out[-1]) and is_cjk(w.text[0])):
            out += " "
        out += w.text
    return out


def cluster_lines(words: list[Word]) -> list[TextLine]:
    """Group words into lines by vertical-centre proximity, sorted top to bottom."""
    lines = [TextLine(words=group) for group in group_lines(words)]
    for line in lines:
        line.segments = split_segments(line.words)
    return lines


def group_lines(words: list[Word]) -> list[list[Word]]:
    """Words in lines by vertical-centre proximity, top to bottom, each line left to right."""
    groups: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.yc, w.x0)):
        group = groups[-1] if groups else None
        if group is not None and abs(w.yc - group[0].yc) <= 0.45 * max(
            w.height, group[0].height, 1.0
        ):
            group.append(w)
        else:
            groups.append([w])
    for group in groups:
        group.sort(key=lambda w: w.x0)
    return groups


def line_centre(line: TextLine) -> float:
    """Vertical centre of a line's first word (the band it was started with)."""
    return line.words[0].yc


def split_segments(words: list[Word], gap_em: float = SEGMENT_GAP_EM) -> list[Segment]:
    """Split a sorted run of words wherever the gap exceeds gap_em times the font size."""
    segments: list[Segment] = []
    for w in words:
        if segments:
            prev = segments[-1].words[-1]
            em = max(prev.size, w.size, prev.height, 1.0)
            if w.x0 - prev.x1 <= gap_em * em:
                segments[-1].words.append(w)
                continue
        segments.append(Segment(words=[w]))
    return segments
