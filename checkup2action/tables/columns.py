"""Column boundaries between header cells: drawn rulings first, else whitespace valleys."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from checkup2action.geometry import Boxed
from checkup2action.ingestion.document import Ruling, Word, char_edges, split_word
from checkup2action.layout.lines import Segment
from checkup2action.tables.content import looks_flag, looks_range, looks_unit, looks_value
from checkup2action.tables.detect import HeaderCell
from checkup2action.tables.model import Column, TableLayout
from checkup2action.tables.roles import Role


def crossings(words: Sequence[Boxed], x: float) -> int:
    """How many boxes a vertical line at x would cut."""
    return sum(1 for w in words if w.x0 < x < w.x1)


def valley_boundary(spans: Sequence[Boxed], lo: float, hi: float, preferred: float) -> float:
    """The x in (lo, hi) that cuts fewest phrases, then fewest words, nearest the preferred x.

    ``spans`` holds both the segments (phrases) and the words of the tabular lines: a space
    inside a name is no column gap, and of two cuts through phrases the one between words wins.
    """
    phrases = [s for s in spans if isinstance(s, Segment)]
    words = [w for s in phrases for w in s.words]
    edges = sorted({lo, hi, *(e for w in [*spans, *words] for e in (w.x0, w.x1) if lo < e < hi)})
    best: tuple[int, int, float, float] | None = None
    for a, b in pairwise(edges):
        if b - a < 0.5:
            continue
        mid = (a + b) / 2
        x = min(max(preferred, a + 0.25), b - 0.25) if a < preferred < b else mid
        key = (crossings(phrases, mid), crossings(words, mid), abs(x - preferred), x)
        if best is None or key[:3] < best[:3]:
            best = key
    return best[3] if best else preferred


def _cuts_no_more(spans: Sequence[Boxed], ruled: float, valley: float) -> bool:
    """Whether a ruling's x cuts no more of the body's phrases than the whitespace valley does: a
    drawn column line never runs through a cell's text, a stamp's or logo's stroke may."""
    phrases = [s for s in spans if isinstance(s, Segment)]
    return crossings(phrases, ruled) <= crossings(phrases, valley)


def ruling_boundary(rulings: Sequence[Ruling], lo: float, hi: float, top: float) -> float | None:
    """A vertical ruling between lo and hi that reaches below the header, if any."""
    xs = [
        (r.x0 + r.x1) / 2
        for r in rulings
        if not r.horizontal and lo <= (r.x0 + r.x1) / 2 <= hi and r.bottom > top + 4
    ]
    if not xs:
        return None
    centre = (lo + hi) / 2
    return min(xs, key=lambda x: abs(x - centre))


def layout_from_header(
    cells: list[HeaderCell],
    body: Sequence[Boxed],
    rulings: Sequence[Ruling],
    header_bottom: float,
    x0: float,
    x1: float,
) -> TableLayout:
    """Turn header cells into columns whose edges sit in rulings or whitespace."""
    bounds = [x0]
    for left, right in pairwise(cells):
        # the edge lies right of the left header's centre and left of the right header's first
        # quarter: cells start under their header, so a gap inside the right column is no edge
        lo, hi = (left.x0 + left.x1) / 2, right.x0 + (right.x1 - right.x0) / 4
        ruled = ruling_boundary(rulings, left.x1 - 3, right.x0 + 3, header_bottom)
        valley = valley_boundary(body, lo, hi, (left.x1 + right.x0) / 2)
        bounds.append(ruled if ruled is not None and _cuts_no_more(body, ruled, valley) else valley)
    bounds.append(x1)
    columns = [
        Column(role=c.role, x0=bounds[i], x1=bounds[i + 1], header=c.text)
        for i, c in enumerate(cells)
    ]
    return TableLayout(columns=columns, x0=x0, x1=x1)


def assign_words(layout: TableLayout, words: Sequence[Word]) -> dict[Role, list[Word]]:
    """Put each word in the column that holds its centre (outside ones to the nearest).

    A word that runs across a column edge (``×10^12/L4.30～5.80``: two cells set too close to
    be told apart as words) is first split at the character boundary nearest that edge.
    """
    cells: dict[Role, list[Word]] = {}
    cols = layout.columns
    edges = [(c.x0, prev.role, c.role) for prev, c in pairwise(cols)]
    for whole in words:
        for w in split_at_edges(whole, edges):
            col = next((c for c in cols if c.x0 <= w.xc < c.x1), None)
            if col is None:
                col = cols[0] if w.xc < cols[0].x0 else cols[-1]
            cells.setdefault(col.role, []).append(w)
    if Role.INDEX in cells and any(c.role is Role.NAME for c in cols):
        _names_out_of_index(cells)
    _row_number_out_of_code(cells)
    _range_end_back(cells)
    return cells


def _row_number_out_of_code(cells: dict[Role, list[Word]]) -> None:
    """A row number printed left of the item code, in the code's column (``2 F-XZ``), is the
    row's index, not part of its code."""
    code = sorted(cells.get(Role.CODE, []), key=lambda w: w.x0)
    if Role.INDEX in cells or len(code) < 2 or not _ROW_NUMBER.match(code[0].text.strip()):
        return
    cells[Role.INDEX] = [code[0]]
    cells[Role.CODE] = code[1:]


#: A range cell cut after its separator (``0~``, ``4.00--``) ...
_OPEN_RANGE = re.compile(r"[~～\-–—]\s*$")
#: ... and the bound that crossed into the unit's column.
_BOUND = re.compile(r"^\d+(?:[.,]\d+)?$")


def _range_end_back(cells: dict[Role, list[Word]]) -> None:
    """A range's high bound that a tilted row set across the next column's edge (``0~`` |
    ``0.3 /μl``) goes back to the range."""
    rng, unit = cells.get(Role.RANGE), cells.get(Role.UNIT)
    if not rng or not unit or not _OPEN_RANGE.search(rng[-1].text):
        return
    first = min(unit, key=lambda w: w.x0)
    if _BOUND.match(first.text.strip()):
        rng.append(first)
        unit.remove(first)
        if not unit:
            del cells[Role.UNIT]


#: A row number, as the index column prints it (``12``, ``3.``).
_ROW_NUMBER = re.compile(r"^\d{1,3}[.、)]?$")
#: A row number glued to the name after it (``10类酵母细胞数量``).
_GLUED_NUMBER = re.compile(r"^\d{1,3}(?=[^\W\d_])")


def _names_out_of_index(cells: dict[Role, list[Word]]) -> None:
    """Words in the index column that are no row number begin the row's name: names printed
    left of their header's start cross into the narrow numbers' column (a number glued to the
    name is cut off it)."""
    index: list[Word] = []
    name: list[Word] = []
    for w in cells[Role.INDEX]:
        glued = _GLUED_NUMBER.match(w.text)
        if _ROW_NUMBER.match(w.text.strip()):
            index.append(w)
        elif glued:
            number, rest = split_word(w, glued.end())
            index.append(number)
            name.append(rest)
        else:
            name.append(w)
    if name:
        cells[Role.NAME] = sorted(name + cells.get(Role.NAME, []), key=lambda w: w.x0)
        if index:
            cells[Role.INDEX] = index
        else:
            del cells[Role.INDEX]


def split_at_edges(
    word: Word, edges: Sequence[tuple[float, Role, Role]], margin: float = 2.0
) -> list[Word]:
    """Split a word wherever a column edge cuts it at a digit/letter or CJK/Latin change."""
    for k, (edge, left_role, right_role) in enumerate(edges):
        if word.x0 + margin < edge < word.x1 - margin and len(word.text) > 1:
            index = natural_split(word, edge, left_role, right_role)
            if index is None:
                continue
            left, right = split_word(word, index)
            rest = [*edges[:k], *edges[k + 1 :]]
            return [*split_at_edges(left, rest, margin), *split_at_edges(right, rest, margin)]
    return [word]


def _fits(role: Role, text: str) -> bool:
    """Whether a piece of text could be (part of) a cell of this role."""
    check = {
        Role.UNIT: looks_unit,
        Role.RANGE: looks_range,
        Role.VALUE: looks_value,
        Role.FLAG: looks_flag,
    }
    return check[role](text) if role in check else True


def _char_class(ch: str) -> str:
    """Coarse class of a character for finding where two cells were glued together."""
    if ch.isdigit() or ch in ".,":
        return "digit"
    if "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef":
        return "cjk"
    return "other"


#: A cut never leaves a bracket's closing on the right or its opening on the left
#: (``上皮细胞(高倍`` | ``)``).
_CLOSING = frozenset(")）]】")
_OPENING = frozenset("(（[【")


def natural_split(
    word: Word, edge: float, left_role: Role, right_role: Role, window: int = 6
) -> int | None:
    """Where to cut a glued word near a column edge: a class change whose parts fit their columns.

    Digit/other changes are tried before CJK/other ones; among them, parts that look like the
    cells of the two columns win, then the change nearest the edge.
    """
    bounds = char_edges(word)
    text = word.text
    nearest = min(range(1, len(text)), key=lambda i: abs(bounds[i] - edge))
    candidates = range(max(1, nearest - window), min(len(text), nearest + window + 1))
    for kinds in ({"digit"}, {"cjk"}):
        hits = [
            i
            for i in candidates
            if _char_class(text[i - 1]) != _char_class(text[i])
            and kinds & {_char_class(text[i - 1]), _char_class(text[i])}
            and text[i] not in _CLOSING
            and text[i - 1] not in _OPENING
        ]
        hits.sort(
            key=lambda i: (
                not (_fits(left_role, text[:i]) and _fits(right_role, text[i:])),
                abs(bounds[i] - edge),
            )
        )
        if hits:
            return hits[0]
    return None


def group_extent(
    groups: list[list[HeaderCell]],
    index: int,
    page_x0: float,
    page_x1: float,
    words: Sequence[Boxed] = (),
) -> tuple[float, float]:
    """Left and right limits of one side-by-side group on the page (``words``: the body's, which
    place the parting between two groups in the gutter their cells leave)."""
    group = groups[index]
    left = page_x0 if index == 0 else parting(groups[index - 1], group, words)
    right = page_x1 if index == len(groups) - 1 else parting(group, groups[index + 1], words)
    return left, right


def parting(left: list[HeaderCell], right: list[HeaderCell], words: Sequence[Boxed]) -> float:
    """Where two side-by-side groups part: in the widest strip between their header cells that
    no body word crosses (a unit printed after the left group's last column reaches past
    halfway), else halfway between the cells. A word across the whole space between the cells
    (a note under both groups) parts nothing."""
    a, b = left[-1].x1, right[0].x0
    if b <= a:
        return (a + b) / 2
    inside = [(w.x0, w.x1) for w in words if w.x1 > a and w.x0 < b]
    strips: list[tuple[float, float]] = []
    edge = a
    for x0, x1 in sorted(s for s in inside if s[0] > a or s[1] < b):  # not prose across both
        if x0 > edge:
            strips.append((edge, x0))
        edge = max(edge, x1)
    if edge < b:
        strips.append((edge, b))
    if not strips:
        return (a + b) / 2
    x0, x1 = max(strips, key=lambda s: s[1] - s[0])
    return (x0 + x1) / 2
