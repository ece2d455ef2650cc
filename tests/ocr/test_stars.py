"""Lone flag stars the text detector passes over become words '*' on the line of their number."""

from __future__ import annotations

import cv2
import numpy as np

from checkup2action.ocr.stars import lone_stars, star_shaped
from tests.ocr.test_arrows import SCALE, ocr_word, page_with, rows_of_words


def star_mask(size: int = 9) -> np.ndarray:
    """An asterisk as ink: three strokes crossing at the middle (upright and two slanted)."""
    canvas = np.zeros((size, size), dtype=np.uint8)
    c = size // 2
    cv2.line(canvas, (c, 0), (c, size - 1), 1, 2)
    cv2.line(canvas, (0, c // 2), (size - 1, size - 1 - c // 2), 1, 1)
    cv2.line(canvas, (0, size - 1 - c // 2), (size - 1, c // 2), 1, 1)
    return canvas.astype(bool)


def disk_mask(size: int = 9) -> np.ndarray:
    """A solid round dot (a bullet) as ink."""
    canvas = np.zeros((size, size), dtype=np.uint8)
    cv2.circle(canvas, (size // 2, size // 2), size // 2, 1, -1)
    return canvas.astype(bool)


def ring_mask(size: int = 9) -> np.ndarray:
    """A ring (a degree sign, a small ``o``) as ink."""
    canvas = np.zeros((size, size), dtype=np.uint8)
    cv2.circle(canvas, (size // 2, size // 2), size // 2 - 1, 1, 1)
    return canvas.astype(bool)


# Rows of ``rows_of_words``: row 2 spans 80-90 pt, i.e. 160-180 px; its value ends at 124 pt.
ROW2_TOP = 160


def test_the_shapes_told_apart() -> None:
    assert star_shaped(star_mask())
    assert not star_shaped(disk_mask())
    assert not star_shaped(ring_mask())


def test_a_star_right_of_a_value_is_a_flag_word_on_its_line() -> None:
    words = rows_of_words()
    (star,) = lone_stars(page_with((280, ROW2_TOP + 2, star_mask())), words, SCALE)
    assert star.text == "*" and star.top == 80.0 and star.bottom == 90.0
    assert 140.0 <= star.x0 < star.x1 <= 146.0 and star.confidence is not None


def test_a_dot_a_ring_a_low_mark_or_a_mark_after_no_number_is_no_star() -> None:
    words = rows_of_words()
    assert lone_stars(page_with((280, ROW2_TOP + 2, disk_mask())), words, SCALE) == []
    assert lone_stars(page_with((280, ROW2_TOP + 2, ring_mask())), words, SCALE) == []
    low = page_with((280, ROW2_TOP + 11, star_mask()))  # under the middle of the line
    assert lone_stars(low, words, SCALE) == []
    after_name = page_with((90, ROW2_TOP + 2, star_mask()))  # right of "Name", left of the value
    assert lone_stars(after_name, words, SCALE) == []


def test_a_star_with_other_ink_beside_it_is_part_of_something_else() -> None:
    scribble = np.ones((4, 10), dtype=bool)
    dark = page_with((280, ROW2_TOP + 2, star_mask()), (292, ROW2_TOP + 4, scribble))
    assert lone_stars(dark, rows_of_words(), SCALE) == []


def test_a_star_read_by_ocr_already_is_not_added_again() -> None:
    words = [*rows_of_words(), ocr_word("*", 160, 80)]
    assert lone_stars(page_with((280, ROW2_TOP + 2, star_mask())), words, SCALE) == []


def test_a_blurred_blob_counts_only_in_a_column_of_stars() -> None:
    words = rows_of_words()
    blob = page_with((280, 40 + 60 * 3 + 2, disk_mask()))  # row 3, a dot alone
    assert lone_stars(blob, words, SCALE) == []
    rows = [(280, 40 + 60 * i + 2, star_mask()) for i in (0, 1, 2)]
    column = page_with(*rows, (280, 40 + 60 * 3 + 2, disk_mask()))
    stars = lone_stars(column, words, SCALE)
    assert sorted(s.top for s in stars) == [20.0, 50.0, 80.0, 110.0]
