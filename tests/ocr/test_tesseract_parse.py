"""Tesseract ``image_to_data`` parsing (no tesseract binary needed)."""

from __future__ import annotations

from typing import Any

from checkup2action.ocr import lines_to_words
from checkup2action.ocr.tesseract import data_to_lines, join_tokens


def data(rows: list[tuple[int, int, str, Any, tuple[int, int, int, int]]]) -> dict[str, list]:
    """image_to_data-style dict from (level, line, text, conf, (left, top, w, h)) rows."""
    out: dict[str, list] = {k: [] for k in ("level", "block_num", "par_num", "line_num", "left",
                                            "top", "width", "height", "conf", "text")}  # fmt: skip
    for level, line, text, conf, (left, top, w, h) in rows:
        for key, value in zip(
            ("level", "block_num", "par_num", "line_num", "left", "top", "width", "height"),
            (level, 1, 1, line, left, top, w, h),
            strict=True,
        ):
            out[key].append(value)
        out["conf"].append(conf)
        out["text"].append(text)
    return out


def test_join_tokens_keeps_cjk_runs() -> None:
    assert join_tokens(["白", "细", "胞", "WBC", "6.5"]) == "白细胞 WBC 6.5"
    assert join_tokens(["计数", "(", "WBC"]) == "计数 ( WBC"


def test_data_to_lines_groups_words() -> None:
    rows = [
        (4, 1, "", -1, (10, 10, 300, 30)),
        (5, 1, "白", 96, (10, 10, 20, 30)),
        (5, 1, "细", 90, (30, 10, 20, 30)),
        (5, 1, "WBC", 80, (70, 12, 50, 26)),
        (5, 1, " ", 95, (130, 12, 5, 26)),
        (5, 2, "6.5", -1, (10, 60, 30, 26)),
    ]
    lines = data_to_lines(data(rows))
    assert [line.text for line in lines] == ["白细 WBC", "6.5"]
    assert lines[0].box == (10.0, 10.0, 120.0, 40.0)
    assert lines[0].confidence is not None and abs(lines[0].confidence - 0.8866667) < 1e-6
    assert lines[1].confidence is None
    words = lines_to_words(lines, page=1, scale=0.5)
    assert [w.text for w in words] == ["白细", "WBC", "6.5"]
    assert (words[0].x0, words[0].x1) == (5.0, 25.0)
    assert words[0].char_x0s == (5.0, 15.0)
    assert words[0].confidence == 0.9
    assert (words[1].x0, words[1].top, words[1].x1, words[1].bottom) == (35.0, 6.0, 60.0, 19.0)
    assert words[1].char_x0s is None
