"""The region type and the box arithmetic the region steps share (boxes in PDF points)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from checkup2action.geometry import Box
from checkup2action.report.models import RegionKind


class Worded(Protocol):
    """A word with text and a box in points (``ingest.Word`` fits; read-only attributes)."""

    @property
    def text(self) -> str:
        """The word's text."""
        ...

    @property
    def x0(self) -> float:
        """Left edge."""
        ...

    @property
    def top(self) -> float:
        """Top edge."""
        ...

    @property
    def x1(self) -> float:
        """Right edge."""
        ...

    @property
    def bottom(self) -> float:
        """Bottom edge."""
        ...


@dataclass(frozen=True, slots=True)
class Region:
    """One layout region: kind, box in PDF points (x0, top, x1, bottom), score, reading order."""

    kind: RegionKind
    bbox: Box
    score: float | None = None  # model confidence; None when geometry found the region
    order: int = 0


def union(a: Box, b: Box) -> Box:
    """Smallest box holding both."""
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def max_score(a: float | None, b: float | None) -> float | None:
    """The larger of two optional scores."""
    return max(x for x in (a, b) if x is not None) if (a, b) != (None, None) else None


def row_groups(regions: list[Region]) -> list[list[Region]]:
    """Regions grouped by shared rows (a header block the model cut into columns)."""
    groups: list[list[Region]] = []
    for r in sorted(regions, key=lambda r: r.bbox[1]):
        for g in groups:
            top, bottom = min(o.bbox[1] for o in g), max(o.bbox[3] for o in g)
            shared = min(bottom, r.bbox[3]) - max(top, r.bbox[1])
            if shared >= 0.5 * min(bottom - top, r.bbox[3] - r.bbox[1]):
                g.append(r)
                break
        else:
            groups.append([r])
    return groups


def max_of(scores: Iterable[float | None]) -> float | None:
    """The largest of some optional scores (None when all are None)."""
    known = [s for s in scores if s is not None]
    return max(known) if known else None
