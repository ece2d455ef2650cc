"""Lone dashes the text detector passes over become words '-' on their line."""

from __future__ import annotations

import numpy as np

from checkup2action.ingestion.document import Word
from checkup2action.ocr.dashes import lone_dashes

SCALE = 0.5  # points per pixel


def ocr_word(text: str, x0: float, top: float, height: float = 10.0) -> Word:
    """A word as OCR gives it (points), with a confidence."""
    return Word(text, x0, top, x0 + 6.0 * len(text), top + height, 1, confidence=0.9)


def page_with(*strokes: tuple[int, int, int, int]) -> np.ndarray:
    """An ink-darkness map (0 on paper) with filled rectangles (x, y, w, h in pixels)."""
    dark = np.zeros((400, 600), dtype=np.uint8)
    for x, y, w, h in strokes:
        dark[y : y + h, x : x + w] = 200
    return dark


def rows_of_words() -> list[Word]:
    """Names down the left and ranges at the right, rows 20 points apart."""
    words = []
    for i in range(6):
        top = 20.0 + 20.0 * i
        words += [ocr_word("Name", 10, top), ocr_word("Negative", 200, top)]
    return words


def test_a_short_flat_stroke_alone_on_a_row_is_a_dash() -> None:
    words = rows_of_words()
    dark = page_with((300, 89, 12, 2))  # 6 pt long at x 150 pt, mid-height of row 2 (40-50 pt)
    (dash,) = lone_dashes(dark, words, SCALE)
    assert dash.text == "-" and abs(dash.yc - 45.0) < 1.0
    assert dash.height == 10.0 and dash.confidence is not None


def test_strokes_that_are_no_dash_are_left_alone() -> None:
    words = rows_of_words()
    long_rule = (100, 136, 380, 2)  # a ruling
    thick = (300, 256, 12, 8)  # a blot
    in_a_word = (30, 48, 8, 2)  # inside a word OCR read
    away = (300, 360, 12, 2)  # on no line of text
    near_ink = [(300, 216, 12, 2), (316, 212, 3, 8)]  # a piece of a glyph
    dark = page_with(long_rule, thick, in_a_word, away, *near_ink)
    assert lone_dashes(dark, words, SCALE) == []


def test_too_few_words_give_no_dash() -> None:
    assert lone_dashes(page_with((300, 89, 12, 2)), rows_of_words()[:2], SCALE) == []


def test_pieces_of_a_broken_rule_and_strokes_between_rows_are_no_dashes() -> None:
    words = rows_of_words()
    broken_rule = [(240, 129, 12, 2), (300, 129, 12, 2), (360, 129, 12, 2)]  # mid-height of row 3
    between_rows = (540, 138, 12, 2)  # at 69 pt: between rows 3 (60-70) and 4 (80-90)
    assert lone_dashes(page_with(*broken_rule, between_rows), words, SCALE) == []


def test_a_faint_dash_counts_in_a_column_of_dashes_and_not_alone() -> None:
    words = rows_of_words()
    dark = page_with((300, 49, 12, 2), (300, 89, 12, 2))  # dashes on rows 1 and 3 (pixels)
    dark[129:131, 300:312] = 45  # a faint one on row 5, under them
    dark[169:171, 420:432] = 45  # a faint one elsewhere: no column of dashes there
    dashes = lone_dashes(dark, words, SCALE)
    assert sorted(round(d.yc) for d in dashes) == [25, 45, 65]
    alone = page_with((300, 49, 12, 2))
    alone[129:131, 300:312] = 45  # one dash found is no column
    assert len(lone_dashes(alone, words, SCALE)) == 1


def test_dashes_that_end_their_lines_count_only_as_a_column() -> None:
    words = [ocr_word("Name", 10, 20.0 + 20.0 * i) for i in range(6)]  # nothing right of them
    column = [(300, 49 + 40 * i, 12, 2) for i in range(3)]  # rows 1, 3 and 5, one under another
    assert sorted(round(d.yc) for d in lone_dashes(page_with(*column), words, SCALE)) == [
        25,
        45,
        65,
    ]
    assert lone_dashes(page_with(*column[:2]), words, SCALE) == []  # two: marks at line ends
