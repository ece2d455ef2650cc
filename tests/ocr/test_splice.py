"""A line read by both engines put together: the script's letters from Tesseract, the rest (units,
digits, Latin names) from RapidOCR, each where the other reading's neighbours place it."""

from __future__ import annotations

import numpy as np

from checkup2action.ocr.base import OcrLine, OcrWord, quad_from_box
from checkup2action.ocr.scripts import ScriptRescue, framed_picture, many_dropped
from checkup2action.ocr.splice import (
    Glyph,
    is_script_letter,
    script_runs,
    splice,
    spliced_line,
    word_numbers,
)

HEIGHT = 30.0


def glyphs(text: str, x0: float, widths: dict[str, float] | None = None) -> list[Glyph]:
    """Glyphs of ``text`` side by side from ``x0`` (Hangul 20 wide, the rest 10; a space parts
    words), as either engine might place them."""
    out, x, word = [], x0, 0
    for char in text:
        if char == " ":
            word, x = word + 1, x + 6
            continue
        w = (widths or {}).get(char, 20.0 if ord(char) >= 0xAC00 else 10.0)
        out.append(Glyph(char, x, x + w, word))
        x += w
    return out


def test_lone_jamo_are_no_letters_of_the_script() -> None:
    assert is_script_letter("총", "HANGUL") and is_script_letter("Д", "CYRILLIC")
    assert not is_script_letter("ㅁ", "HANGUL")  # what Tesseract makes of a check box
    assert not is_script_letter("7", "HANGUL")


def test_words_come_from_the_spaces_of_the_reading() -> None:
    # Tesseract calls every syllable a word; its text has a space only between real words
    assert word_numbers(["고", "밀", "도", "콜", "레", "("], "고밀도 콜레(") == [0, 0, 0, 1, 1, 1]


def test_a_unit_after_a_name_keeps_its_rapidocr_reading() -> None:
    tesseract = glyphs("총콜레스테롤(7070)", 0)
    rapid = glyphs("引印", 30) + glyphs("(mg/dL)", 117)  # look-alikes, then the true unit
    assert splice(rapid, script_runs(tesseract, "HANGUL"), HEIGHT) == "총콜레스테롤(mg/dL)"


def test_hangul_read_as_strokes_gives_way_to_its_letters() -> None:
    # 1.5이하: RapidOCR reads 이 as ``0|`` and drops 하
    tesseract = glyphs("1.5이하", 0)
    rapid = glyphs("1.50|", 0, {"0": 10.0, "|": 6.0})
    assert splice(rapid, script_runs(tesseract, "HANGUL"), HEIGHT) == "1.5이하"


def test_the_neighbour_before_a_run_is_the_one_left_of_it() -> None:
    # 60이상 read 6001: the second 0 is the one RapidOCR made of 이, not the 0 before the run
    # Tesseract's boxes overlap: its 0 lies nearer RapidOCR's second 0, which is under the run
    tesseract = [Glyph("6", 0, 10, 0), Glyph("0", 17, 27, 0), *glyphs("이상", 23)]
    rapid = glyphs("6001", 0, {"0": 10.0, "1": 8.0})
    assert splice(rapid, script_runs(tesseract, "HANGUL"), HEIGHT) == "60이상"


def test_of_repeated_digits_the_one_next_to_the_run_is_its_neighbour() -> None:
    # 200미만 read 200: Tesseract's last 0 lies nearer RapidOCR's middle one; both are left of the
    # run, so the run follows the last
    tesseract = [Glyph("2", 5, 19, 0), Glyph("0", 19, 30, 0), Glyph("0", 22, 52, 0)]
    tesseract += glyphs("미만", 57)
    rapid = [Glyph("2", 7, 21, 0), Glyph("0", 21, 36, 0), Glyph("0", 39, 55, 0)]
    assert splice(rapid, script_runs(tesseract, "HANGUL"), HEIGHT) == "200미만"


def test_a_bracket_at_a_runs_edge_stays_when_no_neighbour_matches() -> None:
    tesseract = glyphs("중성지방", 0) + glyphs("060@)", 80)  # the unit mangled past matching
    rapid = [*glyphs("舎", 10), Glyph("(", 74, 84, 0), *glyphs("mg/d)", 84)]
    assert splice(rapid, script_runs(tesseract, "HANGUL"), HEIGHT) == "중성지방(mg/d)"


def test_a_reading_without_the_script_splices_nothing() -> None:
    line = OcrLine.from_box("AST(SGOT)(IU/L)", (0, 0, 150, 30), 0.99)
    assert spliced_line(line, glyphs("AST(SGOT) (1u/L)", 0), "HANGUL") is None


def test_a_line_uses_rapidocr_character_boxes() -> None:
    pieces = tuple(
        OcrWord(c, quad_from_box(x, 0, x + 10, 30), 0.9)
        for c, x in zip("(mg)", (60, 70, 80, 90), strict=True)
    )
    line = OcrLine("(mg)", quad_from_box(0, 0, 100, 30), 0.9, pieces)  # Hangul left unread
    assert spliced_line(line, glyphs("혈당(00)", 18), "HANGUL") == "혈당(mg)"


def test_a_line_picture_knows_where_it_lies_on_the_page() -> None:
    image = np.full((100, 400, 3), 255, np.uint8)
    line = OcrLine.from_box("x", (100.0, 10.0, 300.0, 30.0))
    picture, frame = framed_picture(image, line, 40, 0.0)
    assert frame.left == 100 and frame.scale > 1
    assert abs(frame.to_page(frame.border) - 100) < 1e-9
    assert abs(frame.to_page(picture.width - frame.border) - 300) < 3


def test_many_lines_detected_and_dropped_make_a_page_worth_reading_again() -> None:
    settings = ScriptRescue()
    wide = [OcrLine.from_box("", (0, 20 * i, 100, 20 * i + 15)) for i in range(12)]
    square = [OcrLine.from_box("", (0, 20 * i, 15, 20 * i + 15)) for i in range(12)]
    assert many_dropped(wide, 100, settings)
    assert not many_dropped(wide, 200, settings)  # a small share of the page's lines
    assert not many_dropped(square, 100, settings)  # marks, not lines of text
    assert not many_dropped(wide[:5], 20, settings)


def test_script_letters_read_into_a_latin_word_keep_rapidocrs_letters() -> None:
    # Tesseract in the Hangul pack alone reads the P of Protein as 끄: RapidOCR's Latin stands
    tesseract = glyphs("끄rotein(요단백)", 0)
    rapid = glyphs("Protein(", 10) + glyphs("舎", 90)
    assert splice(rapid, script_runs(tesseract, "HANGUL"), HEIGHT).startswith("Protein(요단백")
    # a whole word RapidOCR made of Hangul in Latin look-alikes still gives way
    assert splice(glyphs("Qeo", 0), script_runs(glyphs("금연", 0), "HANGUL"), HEIGHT) == "금연"
