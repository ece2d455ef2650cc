"""Red words the detector passed over are read again from their red ink alone."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from checkup2action.ingestion.document import Word
from checkup2action.ocr.redwords import red_mask, unread_red_words

SCALE = 0.5  # points per pixel
RED = (200, 20, 25)
DARK_RED_ON_GREY = (100, 45, 42)


class FakeReader:
    """Reads every crop as the same text, remembering the crops it was given."""

    def __init__(self, text: str = "HIGH", score: float = 0.97):
        self.text, self.score, self.crops = text, score, []

    def recognize_crops(self, crops):
        self.crops += list(crops)
        return [(self.text, self.score) for _ in crops]


def ocr_words() -> list[Word]:
    """Names and values read by OCR on six rows, 10 points high."""
    words = []
    for i in range(6):
        top = 20.0 + 20.0 * i
        words += [
            Word("Name", 10, top, 40, top + 10, 1, confidence=0.9),
            Word("0.61", 100, top, 120, top + 10, 1, confidence=0.9),
        ]
    return words


def page(*marks: tuple[str, tuple[int, int], tuple[int, int, int]]) -> np.ndarray:
    """A white page (pixels) with a grey watermark band and the given marks drawn on it:
    ``("text", (x, y), colour)`` writes letters, ``("box", (x, y), colour)`` fills a square."""
    img = Image.new("RGB", (600, 400), "white")
    draw = ImageDraw.Draw(img)
    draw.rectangle((300, 0, 330, 400), fill=(100, 100, 100))  # the watermark's stroke
    for kind, (x, y), colour in marks:
        if kind == "text":
            draw.text((x, y), "HIGH", fill=colour, font_size=20)
        else:
            draw.rectangle((x, y, x + 20, y + 20), fill=colour)
    return np.asarray(img)


def test_red_text_no_word_covers_is_read_from_its_red_ink() -> None:
    reader = FakeReader()
    rgb = page(("text", (280, 80), RED))  # row 3 (80-90 pt = 160-180 px at 0.5 pt/px)
    rgb = rgb.copy()
    band = rgb[:, 300:331]
    band[(band[:, :, 0] > 150) & (band[:, :, 1] < 100)] = DARK_RED_ON_GREY  # letters over grey
    (word,) = unread_red_words(reader, rgb, ocr_words(), SCALE)
    assert word.text == "HIGH" and 135 < word.x0 < 150 and 38 < word.top < 48
    (crop,) = reader.crops
    assert crop.min() == 0 and (crop == 255).mean() > 0.5  # the letters alone, black on white


def test_red_ink_under_a_word_already_read_or_filled_is_not_read_again() -> None:
    reader = FakeReader()
    words = [*ocr_words(), Word("HIGH", 140, 40, 175, 52, 1, confidence=0.9)]
    rgb = page(("text", (280, 80), RED), ("box", (450, 200), RED))
    assert unread_red_words(reader, rgb, words, SCALE) == []
    assert reader.crops == []


def test_red_ink_alone_on_its_line_is_a_logo_not_a_result() -> None:
    reader = FakeReader()
    rgb = page(("text", (280, 10), RED))  # 5 pt down the page: above every row of words
    assert unread_red_words(reader, rgb, ocr_words(), SCALE) == []


def test_unsure_readings_and_engines_without_crop_reading_give_nothing() -> None:
    rgb = page(("text", (400, 80), RED))
    assert unread_red_words(FakeReader(score=0.4), rgb, ocr_words(), SCALE) == []
    assert unread_red_words(object(), rgb, ocr_words(), SCALE) == []


def test_grey_and_pale_pink_are_not_red() -> None:
    pixels = np.array([[[101, 101, 101], [255, 236, 239], [100, 47, 43], [200, 6, 14]]], np.uint8)
    assert red_mask(pixels).tolist() == [[0, 0, 255, 255]]


def test_a_red_arrow_is_left_to_the_arrow_finder() -> None:
    reader = FakeReader("1")  # what the recogniser makes of a lone ↑
    rgb = page(("text", (300, 80), RED)).copy()
    rgb[:, 280:360] = 255  # no letters: draw an upright red arrow instead
    rgb[160:180, 305:307] = RED  # the shaft
    for r in range(6):  # the head, widening from its point
        rgb[160 + r, 306 - r : 307 + r] = RED
    assert unread_red_words(reader, rgb, ocr_words(), SCALE) == []
    assert reader.crops == []
