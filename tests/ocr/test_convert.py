"""Pixel boxes → PDF points, word splitting, char boxes."""

from __future__ import annotations

import pytest

from checkup2action.ingestion.document import char_edges
from checkup2action.ocr import OcrLine, OcrWord, lines_to_words
from checkup2action.ocr.base import quad_from_box
from checkup2action.ocr.convert import SIZE_PER_HEIGHT, word_spans

SCALE = 72 / 200  # points per pixel at 200 dpi


def piece(text: str, box: tuple[float, float, float, float], conf: float) -> OcrWord:
    return OcrWord(text, quad_from_box(*box), conf)


def test_single_word_box_to_points() -> None:
    line = OcrLine.from_box("WBC", (100, 50, 300, 80), 0.9)
    (word,) = lines_to_words([line], page=3, scale=SCALE)
    assert word.text == "WBC"
    assert word.page == 3
    assert (word.x0, word.top, word.x1, word.bottom) == pytest.approx((36.0, 18.0, 108.0, 28.8))
    assert word.confidence == 0.9
    assert word.size == pytest.approx(30 * SCALE * SIZE_PER_HEIGHT)
    assert word.char_x0s is None  # positions inside the word are only estimated


def test_offset_is_in_points() -> None:
    line = OcrLine.from_box("6.5", (0, 0, 100, 20), 0.5)
    (word,) = lines_to_words([line], page=1, scale=0.5, offset=(10.0, 200.0))
    assert (word.x0, word.top, word.x1, word.bottom) == (10.0, 200.0, 60.0, 210.0)


def test_split_at_spaces_proportional() -> None:
    # 7 characters (space included) over 210 px: 30 px each.
    line = OcrLine.from_box("WBC 6.5", (0, 0, 210, 30), 0.8)
    words = lines_to_words([line], page=1, scale=1.0)
    assert [w.text for w in words] == ["WBC", "6.5"]
    assert (words[0].x0, words[0].x1) == pytest.approx((0.0, 90.0))
    assert (words[1].x0, words[1].x1) == pytest.approx((120.0, 210.0))
    assert all(w.confidence == 0.8 for w in words)


def test_cjk_counts_double_without_word_boxes() -> None:
    # "白细胞" weighs 6, space 1, "WBC" 3: 10 units over 100 px.
    line = OcrLine.from_box("白细胞 WBC", (0, 0, 100, 10), 0.9)
    words = lines_to_words([line], page=1, scale=1.0)
    assert [w.text for w in words] == ["白细胞", "WBC"]
    assert (words[0].x0, words[0].x1) == pytest.approx((0.0, 60.0))
    assert (words[1].x0, words[1].x1) == pytest.approx((70.0, 100.0))


def test_chinese_line_without_spaces_stays_one_word() -> None:
    line = OcrLine.from_box("白细胞计数", (0, 0, 100, 20), 0.9)
    assert [w.text for w in lines_to_words([line], 1, 1.0)] == ["白细胞计数"]


def test_char_boxes_give_char_x0s_and_min_confidence() -> None:
    pieces = (
        piece("白", (10, 5, 30, 35), 0.99),
        piece("细", (32, 5, 52, 35), 0.97),
        piece("6", (70, 6, 80, 34), 0.95),
        piece(".", (80, 6, 84, 34), 0.60),
        piece("5", (84, 6, 94, 34), 0.99),
    )
    line = OcrLine("白细 6.5", quad_from_box(5, 0, 100, 40), 0.9, pieces)
    words = lines_to_words([line], page=2, scale=0.5)
    assert [w.text for w in words] == ["白细", "6.5"]
    a, b = words
    # Edges come from box centres (20, 42 → cut 31, outer edges mirrored: 9 and 53 px); the
    # line's first edge snaps to the line box (5 px), its last (92.5 px) is too far from 100.
    assert (a.x0, a.top, a.x1, a.bottom) == (2.5, 2.5, 26.5, 17.5)
    assert a.char_x0s == (2.5, 15.5)
    assert a.confidence == 0.97
    assert (b.x0, b.top, b.x1, b.bottom) == (35.75, 3.0, 46.25, 17.0)
    assert b.char_x0s == (35.75, 39.25, 42.75)
    assert b.confidence == 0.60
    assert char_edges(b) == [35.75, 39.25, 42.75, 46.25]


def test_word_level_boxes_split_inside_proportionally() -> None:
    pieces = (piece("WBC", (0, 0, 60, 20), 0.9), piece("6.5", (100, 0, 130, 20), 0.8))
    line = OcrLine("WBC 6.5", quad_from_box(0, 0, 130, 20), 0.85, pieces)
    words = lines_to_words([line], page=1, scale=1.0)
    assert [(w.text, w.x0, w.x1, w.confidence) for w in words] == [
        ("WBC", 0.0, 60.0, 0.9),
        ("6.5", 100.0, 130.0, 0.8),
    ]
    assert all(w.char_x0s is None for w in words)


def test_mismatched_pieces_fall_back_to_line_box() -> None:
    pieces = (piece("WBX", (0, 0, 60, 20), 0.9),)
    line = OcrLine("WBC", quad_from_box(0, 0, 90, 20), 0.7, pieces)
    (word,) = lines_to_words([line], page=1, scale=1.0)
    assert (word.x0, word.x1, word.confidence) == (0.0, 90.0, 0.7)


def test_skewed_quad_slices_along_the_line() -> None:
    # Baseline rising 10 px over 100 px: the second half sits higher.
    quad = ((0.0, 10.0), (100.0, 0.0), (100.0, 20.0), (0.0, 30.0))
    line = OcrLine("ab cd", quad, 0.9)  # 5 units of 20 px
    a, b = lines_to_words([line], page=1, scale=1.0)
    assert (a.x0, a.top, a.x1, a.bottom) == pytest.approx((0.0, 6.0, 40.0, 30.0))
    assert (b.x0, b.top, b.x1, b.bottom) == pytest.approx((60.0, 0.0, 100.0, 24.0))


def test_word_spans_and_blank_lines() -> None:
    assert word_spans("  a bc  d ") == [(2, 3), (4, 6), (8, 9)]
    assert lines_to_words([OcrLine.from_box("   ", (0, 0, 10, 10))], 1, 1.0) == []


def test_bad_scale_rejected() -> None:
    with pytest.raises(ValueError):
        lines_to_words([], page=1, scale=0)
