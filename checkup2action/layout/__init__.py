"""Layout stage: text lines and segments of each page, header lines for demographics, and
layout regions (title, key-value block, table, …) of page pictures.

The region, orientation and layoutparser modules import their engines lazily: importing this
package never needs the ``layout`` extras.
"""

from checkup2action.layout.lines import Segment, TextLine, cluster_lines, join_words
from checkup2action.layout.regions import (
    Region,
    RegionOptions,
    detect_regions,
    regions_for_page,
    to_page_regions,
)

__all__ = [
    "Region",
    "RegionOptions",
    "Segment",
    "TextLine",
    "cluster_lines",
    "detect_regions",
    "join_words",
    "regions_for_page",
    "to_page_regions",
]
