"""A real RapidOCR run on a small rendered line (bundled models, no network)."""

from __future__ import annotations

import importlib.util

import pytest
from PIL import Image, ImageDraw, ImageFont

from checkup2action.ingestion.document import Word
from checkup2action.ocr import RapidOcrOptions, create_engine, image_to_words

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        importlib.util.find_spec("rapidocr") is None
        or importlib.util.find_spec("onnxruntime") is None,
        reason="rapidocr/onnxruntime not installed (pip install 'checkup2action[ocr]')",
    ),
]

DPI = 200
TEXT = "白细胞计数 WBC 6.5 10^9/L 3.5-9.5"
ORIGIN = (20.0, 20.0)  # points
SIZE = 10.0  # points
TOLERANCE = 3.0  # points


@pytest.fixture(scope="module")
def drawn() -> tuple[Image.Image, dict[str, tuple[float, float, float, float]]]:
    """The line drawn at 200 dpi and each word's ink box in points."""
    cjk_ttf = pytest.importorskip("checkup2action.samples.fonts").cjk_ttf
    try:
        font_path = cjk_ttf(TEXT)
    except ImportError as exc:
        pytest.skip(f"CJK font package missing (extra 'samples'): {exc}")
    px = DPI / 72
    font = ImageFont.truetype(str(font_path), size=round(SIZE * px))
    image = Image.new("RGB", (round(220 * px), round(50 * px)), "white")
    draw = ImageDraw.Draw(image)
    x, y = ORIGIN[0] * px, ORIGIN[1] * px
    boxes = {}
    for word in TEXT.split():
        draw.text((x, y), word, font=font, fill="black")
        x0, top, x1, bottom = draw.textbbox((x, y), word, font=font)
        boxes[word] = (x0 / px, top / px, x1 / px, bottom / px)
        x = draw.textbbox((x, y), word + " ", font=font)[2]
    return image, boxes


@pytest.fixture(scope="module")
def words(drawn: tuple[Image.Image, dict]) -> list[Word]:
    return image_to_words(drawn[0], page=1, dpi=DPI)


def by_text(words: list[Word]) -> dict[str, Word]:
    return {w.text: w for w in words}


@pytest.mark.parametrize("text", ["白细胞计数", "WBC", "6.5"])
def test_words_read_and_placed(
    drawn: tuple[Image.Image, dict], words: list[Word], text: str
) -> None:
    found = by_text(words)
    assert text in found, [w.text for w in words]
    word = found[text]
    expected = drawn[1][text]
    got = (word.x0, word.top, word.x1, word.bottom)
    assert got == pytest.approx(expected, abs=TOLERANCE)
    assert word.page == 1
    assert word.confidence is not None and 0.5 <= word.confidence <= 1.0
    assert word.char_x0s is not None and len(word.char_x0s) == len(text)


def test_all_words_come_back_in_order(words: list[Word]) -> None:
    # Symbols may slip (10^9 -> 10~9, ...): compare digits only.
    assert len(words) == 5
    digits = ["".join(c for c in w.text if c.isdigit()) for w in words]
    assert digits[1:] == ["", "65", "109", "3595"]
    assert [w.x0 for w in words] == sorted(w.x0 for w in words)


def test_engine_is_cached() -> None:
    assert create_engine(RapidOcrOptions()) is create_engine(RapidOcrOptions())


def test_blank_image_gives_no_lines() -> None:
    engine = create_engine(RapidOcrOptions())
    assert engine.recognize(Image.new("L", (200, 100), 255)) == []


def test_reading_at_detected_quads_matches_a_full_reading(drawn: tuple[Image.Image, dict]) -> None:
    from checkup2action.ocr.rapid import create_rapid_engine

    engine = create_rapid_engine()
    full = engine.recognize(drawn[0])
    at_quads = engine.read_quads(drawn[0], engine.detect(drawn[0]))
    assert [(line.text, line.box) for line in at_quads] == [(line.text, line.box) for line in full]
    assert [w.quad for line in at_quads for w in line.words] == [
        w.quad for line in full for w in line.words
    ]
    assert engine.read_quads(drawn[0], []) == []
