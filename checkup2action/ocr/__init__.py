"""OCR for scans and phone photos: page image → OCR lines (pixels) → ingest ``Word``s (points).

Typical use::

    from checkup2action.ocr import RapidOcrOptions, create_engine, lines_to_words

    engine = create_engine(RapidOcrOptions())          # cached: build once, reuse
    words = lines_to_words(engine.recognize(image), page=1, scale=72 / dpi)

Engines: ``rapidocr`` (default; extra ``checkup2action[ocr]``), ``tesseract`` (pytesseract and
Debian's tesseract-ocr), ``paddleocr`` (only with local models). A missing engine raises
``checkup2action.errors.EngineNotAvailableError`` saying what to install.
"""

from __future__ import annotations

from checkup2action.ingestion.document import Word
from checkup2action.ocr.base import (
    EngineOptions,
    ImageInput,
    OcrEngine,
    OcrLine,
    OcrWord,
    Quad,
    UnknownEngineError,
    available_engines,
    create_engine,
    register_engine,
)
from checkup2action.ocr.convert import line_to_words, lines_to_words
from checkup2action.ocr.paddle import PaddleOcrOptions
from checkup2action.ocr.rapid import RapidOcrOptions
from checkup2action.ocr.tesseract import TesseractOptions


def image_to_words(
    image: ImageInput,
    page: int,
    dpi: float,
    options: EngineOptions | None = None,
    offset: tuple[float, float] = (0.0, 0.0),
) -> list[Word]:
    """OCR one page image rendered at ``dpi`` and return its words in PDF points."""
    engine = create_engine(options or RapidOcrOptions())
    return lines_to_words(engine.recognize(image), page=page, scale=72.0 / dpi, offset=offset)


__all__ = [
    "EngineOptions",
    "ImageInput",
    "OcrEngine",
    "OcrLine",
    "OcrWord",
    "PaddleOcrOptions",
    "Quad",
    "RapidOcrOptions",
    "TesseractOptions",
    "UnknownEngineError",
    "available_engines",
    "create_engine",
    "image_to_words",
    "line_to_words",
    "lines_to_words",
    "register_engine",
]
