"""Lone flag arrows the text detector passes over become words '↑' / '↓' on their line."""

from __future__ import annotations

import numpy as np

from checkup2action.ingestion.document import Word
from checkup2action.ocr.arrows import arrow_direction, lone_arrows

SCALE = 0.5  # points per pixel


def ocr_word(text: str, x0: float, top: float, height: float = 10.0) -> Word:
    """A word as OCR gives it (points), with a confidence."""
    return Word(text, x0, top, x0 + 6.0 * len(text), top + height, 1, confidence=0.9)


def rows_of_words() -> list[Word]:
    """Names at the left, values in the middle, ranges at the right; rows 30 points apart."""
    words = []
    for i in range(6):
        top = 20.0 + 30.0 * i
        words += [ocr_word("Name", 10, top), ocr_word("12.5", 100, top), ocr_word("1-5", 200, top)]
    return words


def arrow_mask(up: bool, height: int = 18, head: int = 6, half: int = 4) -> np.ndarray:
    """An arrow as ink: a 2-pixel shaft and a head that widens from a point."""
    width = 2 * half + 2
    mask = np.zeros((height, width), dtype=bool)
    mask[:, half : half + 2] = True
    for r in range(head):
        spread = round(half * (r + 1) / head)
        mask[r, half - spread : half + 2 + spread] = True
    return mask if up else mask[::-1]


def page_with(*marks: tuple[int, int, np.ndarray]) -> np.ndarray:
    """An ink-darkness map (0 on paper) with masks drawn at (x, y) pixels."""
    dark = np.zeros((500, 600), dtype=np.uint8)
    for x, y, mask in marks:
        h, w = mask.shape
        dark[y : y + h, x : x + w][mask] = 200
    return dark


def test_an_up_arrow_beside_a_value_is_a_flag_word_on_its_line() -> None:
    words = rows_of_words()
    # row 2 spans 80-90 pt (160-180 px); the arrow at x 150 pt, between value and range
    (arrow,) = lone_arrows(page_with((300, 161, arrow_mask(up=True))), words, SCALE)
    assert arrow.text == "↑" and abs(arrow.yc - 85.0) < 1.5
    assert arrow.height == 10.0 and arrow.confidence is not None


def test_a_down_arrow_reads_down() -> None:
    (arrow,) = lone_arrows(page_with((300, 161, arrow_mask(up=False))), rows_of_words(), SCALE)
    assert arrow.text == "↓"


def test_a_bare_stroke_or_a_one_with_a_base_is_no_arrow() -> None:
    stroke = np.zeros((18, 4), dtype=bool)
    stroke[:, 1:3] = True
    one = np.zeros((18, 10), dtype=bool)
    one[:, 4:6] = True
    one[0:4, 1:5] = True  # the flag at the top left
    one[16:18, 1:9] = True  # the serif base: widest at the very end, no point
    footed = np.zeros((18, 10), dtype=bool)
    footed[:, 4:6] = True
    footed[15:18, 0:10] = True  # a stroke on a foot (``⊥``, a serif ``l``): no point at the end
    assert arrow_direction(stroke) is None
    assert arrow_direction(one) is None
    assert arrow_direction(footed) is None
    dark = page_with((300, 161, stroke), (300, 221, one))
    assert lone_arrows(dark, rows_of_words(), SCALE) == []


def test_an_arrow_with_no_word_left_of_it_or_inside_a_word_is_left_alone() -> None:
    words = rows_of_words()
    alone_left = page_with((2, 161, arrow_mask(up=True)))  # left of the row's first word
    inside = page_with((204, 161, arrow_mask(up=True)))  # within the value's box (102-126 pt)
    assert lone_arrows(alone_left, words, SCALE) == []
    assert lone_arrows(inside, words, SCALE) == []


def test_a_rule_passing_close_by_does_not_hide_an_arrow() -> None:
    rule = np.ones((2, 500), dtype=bool)
    dark = page_with((300, 161, arrow_mask(up=True)), (20, 150, rule))
    assert [w.text for w in lone_arrows(dark, rows_of_words(), SCALE)] == ["↑"]


def test_an_arrow_a_little_below_its_value_takes_the_value_s_line() -> None:
    words = rows_of_words()
    # row 2's value spans 80-90 pt; the arrow's middle sits 4 pt lower (a curled photo)
    (arrow,) = lone_arrows(page_with((300, 169, arrow_mask(up=True))), words, SCALE)
    value = next(w for w in words if w.text == "12.5" and w.top == 80.0)
    assert (arrow.top, arrow.bottom) == (value.top, value.bottom)
