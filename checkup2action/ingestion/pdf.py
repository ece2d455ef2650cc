"""Load a born-digital PDF: words with style, rulings, page kinds.

Two backends read the characters: PDFium (default, fast; ``pdfium_pages``) and pdfminer through
pdfplumber. Both hand pdfplumber's word grouping the same character dicts, so words agree.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import pdfplumber

from checkup2action.geometry import to_content_frame
from checkup2action.ingestion.document import Page, Ruling, Word
from checkup2action.ingestion.pdfium_pages import (
    hidden_text_layer,
    page_box,
    page_chars,
    page_objects,
    page_rulings,
)

log = logging.getLogger(__name__)

WORD_ATTRS = ["fontname", "size", "non_stroking_color"]
MIN_RULING_LENGTH = 8.0
# A page whose characters are at least this share unmapped glyphs has an unusable text layer.
GARBAGE_SHARE = 0.2
GARBAGE_MIN_CHARS = 5


def colour_of(raw: Any) -> tuple[float, float, float] | None:
    """Normalise a pdfplumber colour (gray, RGB, CMYK tuple) to RGB floats."""
    if raw is None:
        return None
    if isinstance(raw, int | float):
        raw = (raw,)
    try:
        vals = [float(v) for v in raw]
    except (TypeError, ValueError):
        return None
    if len(vals) == 1:
        return (vals[0], vals[0], vals[0])
    if len(vals) == 3:
        return (vals[0], vals[1], vals[2])
    if len(vals) == 4:
        c, m, y, k = vals
        return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return None


WORD_OPTIONS: dict[str, Any] = {
    "x_tolerance": 3,
    "y_tolerance": 2,
    "keep_blank_chars": False,
    "extra_attrs": WORD_ATTRS,
    "return_chars": True,
}


def unrotated_chars(page: Any, rotation: int) -> list[dict[str, Any]]:
    """The page's characters in its unrotated frame, where the text runs left to right."""
    width, height = float(page.width), float(page.height)
    out = []
    for c in page.chars:
        x0, top, x1, bottom = to_content_frame(
            (c["x0"], c["top"], c["x1"], c["bottom"]), rotation, width, height
        )
        # pdfminer gives a rotated char's size along the wrong axis: use its height upright
        upright = {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top, "upright": True}
        size = round(bottom - top, 2)
        out.append({**c, **upright, "size": size, "matrix": (1, 0, 0, 1, x0, height - bottom)})
    return out


def words_from_chars(chars: list[dict[str, Any]], number: int) -> list[Word]:
    """Group characters (pdfplumber-style dicts) into words with font, size and colour."""
    raw = pdfplumber.utils.extract_words(chars, **WORD_OPTIONS)
    return [
        Word(
            text=w["text"],
            x0=float(w["x0"]),
            top=float(w["top"]),
            x1=float(w["x1"]),
            bottom=float(w["bottom"]),
            page=number,
            fontname=str(w.get("fontname", "")),
            size=float(w.get("size", 0.0)),
            color=colour_of(w.get("non_stroking_color")),
            char_x0s=_char_x0s(w),
        )
        for w in raw
        if w["text"].strip()
    ]


def words_of(page: Any, number: int, rotation: int = 0) -> list[Word]:
    """Extract words with font, size and colour from one pdfplumber page."""
    chars = unrotated_chars(page, rotation) if rotation else page.chars
    return words_from_chars(chars, number)


def _char_x0s(word: dict[str, Any]) -> tuple[float, ...] | None:
    """Left edges of a pdfplumber word's characters, when they match its text one to one."""
    chars = word.get("chars") or []
    if len(chars) != len(word["text"]):
        return None
    return tuple(float(c["x0"]) for c in chars)


def rulings_of(page: Any, rotation: int = 0) -> list[Ruling]:
    """Horizontal and vertical drawn segments: lines and the edges of thin or cell rects."""
    out: list[Ruling] = []
    width, height = float(page.width), float(page.height)
    for edge in page.edges:
        box = (float(edge["x0"]), float(edge["top"]), float(edge["x1"]), float(edge["bottom"]))
        x0, top, x1, bottom = to_content_frame(box, rotation, width, height)
        if max(x1 - x0, bottom - top) >= MIN_RULING_LENGTH:
            out.append(Ruling(x0, top, x1, bottom))
    return out


GARBAGE = re.compile(r"\(cid:\d+\)|[\ufffd\ue000-\uf8ff\x00-\x08\x0b\x0c\x0e-\x1f]")


def is_garbage_char(text: str) -> bool:
    """A character the text layer could not map: (cid:N), U+FFFD, private use or control."""
    return GARBAGE.search(text) is not None


def text_layer_is_garbage(chars: list[dict[str, Any]]) -> bool:
    """A text layer of unmapped glyphs (fonts without a usable ToUnicode): OCR must read the page.
    A character counts when its text is no character ((cid:N), U+FFFD, private use) or when the
    backend had to guess it (``unmapped``)."""
    if len(chars) < GARBAGE_MIN_CHARS:
        return False
    bad = sum(bool(c.get("unmapped")) or is_garbage_char(str(c.get("text", ""))) for c in chars)
    return bad / len(chars) >= GARBAGE_SHARE


def _quarter_turn(rotate: Any) -> int:
    """The page's /Rotate as 0, 90, 180 or 270 (anything else counts as 0)."""
    value = int(rotate or 0)
    return value % 360 if value % 90 == 0 else 0


def plumber_page(page: Any, number: int) -> Page:
    """Build one Page with pdfplumber; a page with no readable text layer is marked scanned."""
    rotation = _quarter_turn(page.rotation)
    garbage = text_layer_is_garbage(page.chars)
    words = [] if garbage else words_of(page, number, rotation)
    width, height = float(page.width), float(page.height)
    if rotation in (90, 270):
        width, height = height, width
    rulings = rulings_of(page, rotation) if words else []
    page_out = _page(number, width, height, words, rulings, rotation, garbage)
    page_out.blank = not any(page.objects.values())
    return page_out


def pdfium_page(page: Any, number: int) -> Page:
    """Build one Page with PDFium; a page with no readable text layer is marked scanned."""
    box = page_box(page)
    objects = page_objects(page)
    chars = page_chars(page, box, objects)
    garbage = text_layer_is_garbage(chars) or hidden_text_layer(box, objects)
    words = [] if garbage else words_from_chars(chars, number)
    rulings = page_rulings(box, objects, MIN_RULING_LENGTH) if words else []
    x0, y0, x1, y1 = box
    rotation = _quarter_turn(page.get_rotation())
    page_out = _page(number, x1 - x0, y1 - y0, words, rulings, rotation, garbage)
    page_out.blank = not objects
    return page_out


def _page(
    number: int,
    width: float,
    height: float,
    words: list[Word],
    rulings: list[Ruling],
    rotation: int,
    garbage: bool,
) -> Page:
    """A Page in its unrotated frame: born-digital when it has words, else scanned."""
    return Page(
        number=number,
        width=width,
        height=height,
        kind="born_digital" if words else "scanned",
        words=words,
        rulings=rulings,
        rotation=rotation,
        garbage_text_layer=garbage,
    )
