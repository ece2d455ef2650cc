"""The physician's summary and advice (``总检结论``, ``建议``, ``Summary``, ``Recommendations``)
as ordered items.

Each summary block of the report's outline (``normalize.sections``) gives its items: a numbered
or bulleted line (``1.``, ``(2)``, ``③``, ``二、``, ``•``) starts one, and lines up to the next
start belong to it (a wrapped sentence); without numbering a line that ends a sentence (``。``,
``.``, ``;``) ends its item. Lines that only say who signed and when are left out. An item's own
title is the short text before its first colon (``脂肪肝：建议低脂饮食``). Items of an advice
heading (``建议``, ``Recommendations``) are ``advice``; so are items that start with advice
(``建议…``, ``Please…``) under any heading; the others are ``conclusion``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from checkup2action.normalize.sections import Block, FreeLine, provenance
from checkup2action.normalize.sectionwords import ITEM_START, is_advice
from checkup2action.report.models import SummaryItem

_SENTENCE_END = re.compile(r"[。！!；;]\s*$|(?<![A-Za-z]\.[A-Za-z])\.\s*$")
#: Longest item title before a colon (``高尿酸血症：``, ``Blood pressure:``).
TITLE_MAX = 16
_TITLE = re.compile(rf"^([^:：\n]{{1,{TITLE_MAX}}})[:：]")
#: A line ending this many line heights before the block's right edge ends its paragraph.
SHORT_LINE_EMS = 3.0


def summary_of(blocks: Iterable[Block]) -> list[SummaryItem]:
    """The items of every summary block, in reading order."""
    out: list[SummaryItem] = []
    for block in blocks:
        if block.kind.kind != "summary":
            continue
        for group in _items(block.content()):
            text = "\n".join(line.text for line in group)
            advice = block.kind.advice is True or is_advice(_body(text))
            out.append(
                SummaryItem(
                    id=f"s{len(out) + 1:04d}",
                    kind="advice" if advice else "conclusion",
                    heading=_title(text),
                    text=text,
                    provenance=provenance(group),
                )
            )
    return out


def _items(lines: list[FreeLine]) -> list[list[FreeLine]]:
    """Lines grouped into items: a numbered line starts one, and so does any line after a line
    that ended its paragraph (a sentence end, or a line stopping well short of the block's
    right edge) unless it is indented under the item's first line."""
    items: list[list[FreeLine]] = []
    right = max((line.box[2] for line in lines), default=0.0)
    ended = True
    for line in lines:
        numbered = bool(ITEM_START.match(line.text))
        indented = bool(items) and line.box[0] > items[-1][0].box[0] + _height(line)
        if not items or numbered or (ended and not indented):
            items.append([line])
        else:
            items[-1].append(line)
        short = line.box[2] < right - SHORT_LINE_EMS * _height(line)
        titled = line.text.rstrip().endswith((":", "："))  # a title: its text follows
        ended = not titled and (bool(_SENTENCE_END.search(line.text)) or short)
    return items


def _height(line: FreeLine) -> float:
    """The line's height (its font size, about)."""
    return max(line.box[3] - line.box[1], 1.0)


def _body(text: str) -> str:
    """An item's words without its numbering and title."""
    body = ITEM_START.sub("", text, count=1)
    match = _TITLE.match(body)
    return body[match.end() :].lstrip() if match else body


def _title(text: str) -> str | None:
    """The short title before an item's first colon, without its numbering."""
    body = ITEM_START.sub("", text, count=1)
    match = _TITLE.match(body)
    if match is None or re.search(r"\d", match.group(1)):
        return None
    return match.group(1).strip() or None
