"""Small geometry helpers on (x0, top, x1, bottom) boxes in PDF points."""

from __future__ import annotations

import math
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


def to_content_frame(box: Box, rotation: int, width: float, height: float) -> Box:
    """Map a box on a page displayed with /Rotate back to the page's unrotated frame.

    ``width`` and ``height`` are the displayed page's; rotation is clockwise, 0/90/180/270.
    """
    x0, top, x1, bottom = box
    r = rotation % 360
    if r == 90:
        return (top, width - x1, bottom, width - x0)
    if r == 180:
        return (width - x1, height - bottom, width - x0, height - top)
    if r == 270:
        return (height - bottom, x0, height - top, x1)
    return box


def to_display_frame(box: Box, rotation: int, width: float, height: float) -> Box:
    """Inverse of to_content_frame: a box in the unrotated frame as the page is displayed."""
    u0, v0, u1, v1 = box
    r = rotation % 360
    if r == 90:
        return (width - v1, u0, width - v0, u1)
    if r == 180:
        return (width - u1, height - v1, width - u0, height - v0)
    if r == 270:
        return (v0, height - u1, v1, height - u0)
    return box


def rotate_point(x: float, y: float, degrees: float, cx: float, cy: float) -> tuple[float, float]:
    """A point turned by `degrees` (clockwise on a top-left-origin page) about (cx, cy)."""
    t = math.radians(degrees)
    dx, dy = x - cx, y - cy
    return (cx + dx * math.cos(t) - dy * math.sin(t), cy + dx * math.sin(t) + dy * math.cos(t))


def rotate_box(box: Box, degrees: float, cx: float, cy: float) -> Box:
    """The axis-aligned box around a box turned by `degrees` about (cx, cy)."""
    x0, top, x1, bottom = box
    corners = [
        rotate_point(x, y, degrees, cx, cy)
        for x, y in ((x0, top), (x1, top), (x1, bottom), (x0, bottom))
    ]
    xs, ys = [p[0] for p in corners], [p[1] for p in corners]
    return (min(xs), min(ys), max(xs), max(ys))


#: A 3×3 homography, row-major: ``[u·w, v·w, w] = M · [x, y, 1]``.
Matrix = tuple[float, float, float, float, float, float, float, float, float]

IDENTITY: Matrix = (1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0)


def map_point(m: Matrix, x: float, y: float) -> tuple[float, float]:
    """A point mapped by the homography ``m``."""
    w = m[6] * x + m[7] * y + m[8]
    return ((m[0] * x + m[1] * y + m[2]) / w, (m[3] * x + m[4] * y + m[5]) / w)


def map_box(m: Matrix, box: Box) -> Box:
    """The axis-aligned box around a box's 4 corners mapped by the homography ``m``."""
    x0, top, x1, bottom = box
    corners = [map_point(m, x, y) for x, y in ((x0, top), (x1, top), (x1, bottom), (x0, bottom))]
    xs, ys = [p[0] for p in corners], [p[1] for p in corners]
    return (min(xs), min(ys), max(xs), max(ys))


def rescale_matrix(m: Matrix, scale: float) -> Matrix:
    """The same map between frames measured in units ``scale`` times larger (pixels → points)."""
    a, b, c, d, e, f, g, h, i = m
    return (a, b, c * scale, d, e, f * scale, g / scale, h / scale, i)


def clip_box(box: Box, width: float, height: float) -> Box:
    """A box clipped to the page ``[0, width] × [0, height]``."""
    x0, top, x1, bottom = box
    return (
        min(max(x0, 0.0), width),
        min(max(top, 0.0), height),
        min(max(x1, 0.0), width),
        min(max(bottom, 0.0), height),
    )


def area(box: Box) -> float:
    """Area of a box (0 when empty)."""
    return max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])


def intersection(a: Box, b: Box) -> float:
    """Area shared by two boxes."""
    return area((max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])))
