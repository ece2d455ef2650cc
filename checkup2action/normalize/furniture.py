"""Running headers and footers: the lines at a page's edges that are the document's furniture,
not its text.

A line in the top quarter or the bottom sixth of a page's text is furniture when:

- it is printed so (page numbers masked) on another page too; OCR may read the copies a few
  characters apart, so nearly equal (``FURNITURE_SIMILAR``) counts as equal;
- it holds a page number (``Page 2 of 3``, ``第2页``);
- it sits in the same place of the same edge block as a line of the page before or after, both
  joined to the page's edge by furniture, and the two are loosely alike (``SLOT_SIMILAR``, no
  run of differences longer than ``SLOT_MAX_RUN``), neither a heading the vocabulary names: OCR
  reads the small print of a letterhead's address quite differently on each page of a scan
  (``Phr 12. 5ample Rbad`` / ``Po 12. Somple Road``), yet it is the line under the same title.

Result rows are never furniture.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from difflib import SequenceMatcher
from itertools import pairwise

from checkup2action.layout.lines import TextLine
from checkup2action.normalize.sectionwords import heading_kind, names_study, squeeze

#: Shares of a page's text height, at its top and its bottom, where running headers and
#: footers sit.
FURNITURE_TOP, FURNITURE_BOTTOM = 0.25, 0.15
#: Two running-header lines read by OCR this alike are one.
FURNITURE_SIMILAR = 0.85
#: Two lines in the same place of neighbouring pages' edge blocks, under furniture, this alike
#: are one; shorter keys than ``SLOT_MIN_CHARS`` are not compared so loosely.
SLOT_SIMILAR, SLOT_MIN_CHARS = 0.6, 8
#: ... and differing in no run of more characters than this.
SLOT_MAX_RUN = 3
#: A page number in a line's key (digits masked, spaces out): ``page0of0`` (OCR: ``page0ol0``),
#: ``página0de0``, ``seite0von0``, ``第0页``, ``共0页``, or ``0/0`` ending the line (not the tail of
#: a date, ``0/0/0``).
_PAGE_NUMBER = re.compile(
    r"(?:page|pag\.?|página|seite|p\.)0(?:o[fl1]|de|von|sur|/)0|第0页|共0页|(?<![/.:\-])0/0$"
)


def line_key(text: str) -> str:
    """A line's text with digits masked: running headers differ only in page numbers."""
    return re.sub(r"\d+", "0", squeeze(text))


#: A line at a page's edge: its key (``line_key``) and its text as printed.
_EdgeLine = tuple[str, str]


def _edges(
    lines: Mapping[int, list[TextLine]], is_row: Callable[[int, TextLine], bool]
) -> dict[int, tuple[list[_EdgeLine], list[_EdgeLine]]]:
    """Each page's edge lines: the top block downwards, the bottom block upwards."""
    out = {}
    for number, page in lines.items():
        if not page:
            continue
        top, bottom = min(ln.top for ln in page), max(ln.bottom for ln in page)
        span = max(bottom - top, 1.0)
        heads = sorted(
            (ln for ln in page if ln.bottom < top + FURNITURE_TOP * span), key=lambda ln: ln.top
        )
        feet = sorted(
            (ln for ln in page if ln.top > bottom - FURNITURE_BOTTOM * span),
            key=lambda ln: -ln.bottom,
        )

        def edge(group: list[TextLine], page_number: int = number) -> list[_EdgeLine]:
            keyed = [(line_key(ln.text), ln.text) for ln in group if not is_row(page_number, ln)]
            return [(key, text) for key, text in keyed if len(key) > 1]

        out[number] = (edge(heads), edge(feet))
    return out


def furniture_keys(
    lines: Mapping[int, list[TextLine]], is_row: Callable[[int, TextLine], bool]
) -> set[str]:
    """The keys (``line_key``) of the document's running headers and footers; ``is_row`` tells
    the lines a result row took."""
    if len(lines) < 2:
        return set()
    edges = _edges(lines, is_row)
    pages_of: dict[str, set[int]] = {}
    for number, (heads, feet) in edges.items():
        for key, _ in (*heads, *feet):
            pages_of.setdefault(key, set()).add(number)
    out = {key for key, pages in pages_of.items() if len(pages) > 1}  # printed alike twice
    out |= {key for key in pages_of if _PAGE_NUMBER.search(key)}  # ``Page 2 of 3`` at an edge
    for key, pages in pages_of.items():
        if key not in out and any(
            _nearly(key, other) for other, elsewhere in pages_of.items() if elsewhere - pages
        ):
            out.add(key)
    for a, b in pairwise(sorted(edges)):
        for side in (0, 1):
            out |= _slot_pairs(edges[a][side], edges[b][side], out)
    return out


def _slot_pairs(first: list[_EdgeLine], second: list[_EdgeLine], known: set[str]) -> set[str]:
    """Keys of lines in the same place of two pages' edge blocks, loosely alike, each with only
    furniture between it and the page's edge."""
    out: set[str] = set()
    for (a, a_text), (b, b_text) in zip(first, second, strict=False):
        if a in known and b in known:
            continue
        if _heading(a_text) or _heading(b_text) or not _loosely_alike(a, b):
            break
        out |= {a, b}
    return out


def _heading(text: str) -> bool:
    """Whether the section vocabulary names a line a heading (``LIPID PROFILE``) or the study an
    exam field names (``项目：胸部DR``, made up): a pair of headings in the same place is two
    sections, however alike (``LIVER PROFILE``)."""
    return heading_kind(text) is not None or names_study(text)


def _loosely_alike(a: str, b: str) -> bool:
    """Whether two edge lines' keys in the same place are one letterhead line read twice:
    alike, and differing only in short runs (OCR slips are a few characters each; two titles
    of one template, ``RADIOGRAFIA DO TÓRAX`` / ``RADIOGRAFIA DOS SEIOS DA FACE``, differ in
    words)."""
    if min(len(a), len(b)) < SLOT_MIN_CHARS:
        return False
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.ratio() < SLOT_SIMILAR:
        return False
    runs = (max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal")
    return max(runs, default=0) <= SLOT_MAX_RUN


def _nearly(a: str, b: str) -> bool:
    """Whether two line keys are equal or nearly (OCR slips: ratio ≥ FURNITURE_SIMILAR)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > max(len(a), len(b)) * (1 - FURNITURE_SIMILAR):
        return False
    matcher = SequenceMatcher(None, a, b)  # the quick ratios bound the ratio from above
    return (
        matcher.real_quick_ratio() >= FURNITURE_SIMILAR
        and matcher.quick_ratio() >= FURNITURE_SIMILAR
        and matcher.ratio() >= FURNITURE_SIMILAR
    )
