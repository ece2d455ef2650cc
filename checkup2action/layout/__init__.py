"""Layout stage: text lines and segments of each page, header lines for demographics."""

from checkup2action.layout.lines import Segment, TextLine, cluster_lines, join_words

__all__ = ["Segment", "TextLine", "cluster_lines", "join_words"]
