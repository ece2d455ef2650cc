"""Which pages of a document to read: a selection such as ``1-3,5`` or ``2-`` (to the end).

Pages keep their numbers in the document (page 5 read alone is still page 5 in the report); a
report read from a selection says so in a ``PAGES_SELECTED`` warning."""

from __future__ import annotations

import re
from dataclasses import dataclass

from checkup2action.errors import OptionError, ResourceLimitError
from checkup2action.report.models import ReportWarning

_SPAN = re.compile(r"^(\d+)(?:\s*(-)\s*(\d*))?$")


@dataclass(frozen=True, slots=True)
class PageSelection:
    """Page spans, first to last inclusive (last None: to the document's end), sorted, merged."""

    spans: tuple[tuple[int, int | None], ...]

    @classmethod
    def parse(cls, text: str) -> PageSelection:
        """A selection from text such as ``1-3,5`` or ``2-``; OptionError saying what is wrong."""
        spans: list[tuple[int, int | None]] = []
        for part in text.split(","):
            match = _SPAN.match(part.strip().replace("–", "-"))
            if match is None:
                what = repr(part.strip()) if part.strip() else "an empty part"
                raise OptionError(f"pages {text!r}: {what} is not a page or a range (1-3, 5, 7-)")
            first = int(match[1])
            last = None if match[2] and not match[3] else int(match[3] or first)
            if first < 1:
                raise OptionError(f"pages {text!r}: pages count from 1")
            if last is not None and last < first:
                raise OptionError(
                    f"pages {text!r}: {first}-{last} runs backwards ({last}-{first}?)"
                )
            spans.append((first, last))
        return cls(_merged(spans))

    def __contains__(self, number: object) -> bool:
        """Whether page ``number`` is selected."""
        return isinstance(number, int) and any(
            first <= number and (last is None or number <= last) for first, last in self.spans
        )

    @property
    def last(self) -> int | None:
        """The highest page selected (None: every page to the end)."""
        return self.spans[-1][1]

    def numbers(self, count: int) -> list[int]:
        """The selected pages of a document of ``count`` pages, in order."""
        return [n for n in range(1, count + 1) if n in self]

    def __str__(self) -> str:
        """The selection as it is written: ``1-3,5``."""
        return ",".join(_span_text(first, last) for first, last in self.spans)


def _span_text(first: int, last: int | None) -> str:
    """``3``, ``1-3`` or ``7-``."""
    if last == first:
        return str(first)
    return f"{first}-" if last is None else f"{first}-{last}"


def _merged(spans: list[tuple[int, int | None]]) -> tuple[tuple[int, int | None], ...]:
    """Spans sorted, overlapping and touching ones joined."""
    out: list[tuple[int, int | None]] = []
    for first, last in sorted(spans, key=lambda s: s[0]):
        if out and (out[-1][1] is None or first <= out[-1][1] + 1):
            prev_first, prev_last = out[-1]
            joined = None if prev_last is None or last is None else max(prev_last, last)
            out[-1] = (prev_first, joined)
        else:
            out.append((first, last))
    return tuple(out)


def none_of(selection: PageSelection) -> str:
    """``there is no page 5`` or ``none of pages 6-8 is``, for an error's message."""
    (first, last), *more = selection.spans
    if not more and first == last:
        return f"there is no page {first}"
    return f"none of pages {selection} is"


def selected_numbers(
    count: int, selection: PageSelection | None, max_pages: int, name: str
) -> list[int]:
    """The page numbers to read of a document of ``count`` pages: typed errors when the selection
    holds none of them or more than ``max_pages`` are to be read."""
    numbers = list(range(1, count + 1)) if selection is None else selection.numbers(count)
    if selection is not None and not numbers:
        pages = "1 page" if count == 1 else f"{count} pages"
        raise OptionError(f"{none_of(selection)} in the document ({pages})", file=name)
    if len(numbers) > max_pages:
        raise ResourceLimitError(f"{len(numbers)} pages (limit {max_pages})", file=name)
    return numbers


def selection_warning(
    selection: PageSelection | None, read: list[int], count: int | None
) -> list[ReportWarning]:
    """The ``PAGES_SELECTED`` warning of a document of which only some pages were read (``count``
    None: a picture whose frames were not all counted), or nothing."""
    if selection is None or (count is not None and len(read) == count):
        return []
    shown = str(PageSelection(_merged([(n, n) for n in read])))
    pages, verb = (f"page {shown}", "was") if len(read) == 1 else (f"pages {shown}", "were")
    of = f" of {count}" if count is not None else ""
    asked = f"; asked for: {selection}" if str(selection) != shown else ""
    message = f"only {pages}{of} {verb} read (a page selection{asked})"
    return [ReportWarning(stage="ingest", code="PAGES_SELECTED", message=message)]
