"""Reading order of boxes on a page: columns left to right, each read top to bottom (XY-cut).

A set of boxes is split at a vertical white gap that runs through all of them (columns) when
there is one; otherwise at horizontal gaps (bands), where consecutive bands that share a column
gap are kept together, so two columns whose paragraphs happen to line up are still read one
column after the other.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import TypeVar

from checkup2action.geometry import Box

T = TypeVar("T")

#: Narrower white gaps do not separate columns or bands, in points.
MIN_GAP = 1.0


def reading_order(items: Sequence[T], box: Callable[[T], Box]) -> list[T]:
    """``items`` sorted into reading order by their boxes."""
    return _order(list(items), box)


def _order(items: list[T], box: Callable[[T], Box]) -> list[T]:
    """XY-cut of one group of items."""
    if len(items) <= 1:
        return items
    columns = split_at_gaps(items, lambda i: (box(i)[0], box(i)[2]))
    if len(columns) > 1:
        return [i for col in columns for i in _order(col, box)]
    bands = split_at_gaps(items, lambda i: (box(i)[1], box(i)[3]))
    groups = join_column_bands(bands, box)
    if len(groups) > 1:
        return [i for group in groups for i in _order(group, box)]
    return sorted(items, key=lambda i: (box(i)[1], box(i)[0], box(i)[3], box(i)[2]))


def split_at_gaps(items: list[T], span: Callable[[T], tuple[float, float]]) -> list[list[T]]:
    """Items grouped by the white gaps between their spans on one axis, in axis order."""
    groups: list[list[T]] = []
    end = float("-inf")
    for item in sorted(items, key=lambda i: span(i)):
        a, b = span(item)
        if groups and a < end + MIN_GAP:
            groups[-1].append(item)
            end = max(end, b)
        else:
            groups.append([item])
            end = b
    return groups


def column_gaps(items: list[T], box: Callable[[T], Box]) -> list[tuple[float, float]]:
    """The white vertical gaps ``(x_from, x_to)`` running through a group of items."""
    gaps = []
    columns = split_at_gaps(items, lambda i: (box(i)[0], box(i)[2]))
    for left, right in itertools.pairwise(columns):
        gaps.append((max(box(i)[2] for i in left), min(box(i)[0] for i in right)))
    return gaps


def join_column_bands(bands: list[list[T]], box: Callable[[T], Box]) -> list[list[T]]:
    """Consecutive bands that have a column gap in common joined into one group."""
    groups: list[list[T]] = []
    shared: list[tuple[float, float]] = []
    for band in bands:
        gaps = column_gaps(band, box)
        common = _overlapping(shared, gaps) if groups and shared and gaps else []
        if common:
            groups[-1].extend(band)
            shared = common
        else:
            groups.append(list(band))
            shared = gaps
    return groups


def _overlapping(
    a: list[tuple[float, float]], b: list[tuple[float, float]]
) -> list[tuple[float, float]]:
    """Intersections of two lists of intervals that are not empty."""
    out = []
    for a0, a1 in a:
        for b0, b1 in b:
            lo, hi = max(a0, b0), min(a1, b1)
            if hi - lo >= MIN_GAP:
                out.append((lo, hi))
    return out
