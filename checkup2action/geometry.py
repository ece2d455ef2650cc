"""Small geometry helpers on (x0, top, x1, bottom) boxes in PDF points."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol


class Boxed(Protocol):
    """Anything with a box in PDF points."""

    @property
    def x0(self) -> float: ...
    @property
    def top(self) -> float: ...
    @property
    def x1(self) -> float: ...
    @property
    def bottom(self) -> float: ...


Box = tuple[float, float, float, float]


def union_box(items: Iterable[Boxed]) -> Box:
    """Smallest box holding every item; raises ValueError when empty."""
    items = list(items)
    if not items:
        raise ValueError("union of no boxes")
    return (
        min(i.x0 for i in items),
        min(i.top for i in items),
        max(i.x1 for i in items),
        max(i.bottom for i in items),
    )


def vertical_overlap(a_top: float, a_bottom: float, b_top: float, b_bottom: float) -> float:
    """Length of the vertical overlap of two spans (0 when apart)."""
    return max(0.0, min(a_bottom, b_bottom) - max(a_top, b_top))


def horizontal_overlap(a_x0: float, a_x1: float, b_x0: float, b_x1: float) -> float:
    """Length of the horizontal overlap of two spans (0 when apart)."""
    return max(0.0, min(a_x1, b_x1) - max(a_x0, b_x0))
