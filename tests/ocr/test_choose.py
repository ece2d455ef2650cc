"""Engine options from the command line's plain settings: name, threads, language."""

from __future__ import annotations

import pytest

from checkup2action.errors import OptionError
from checkup2action.ocr import PaddleOcrOptions, RapidOcrOptions, TesseractOptions
from checkup2action.ocr.choose import engine_options, tesseract_language


def test_the_default_engine_is_rapidocr_with_the_threads_asked_for() -> None:
    assert engine_options() == RapidOcrOptions()
    assert engine_options("rapidocr", threads=3) == RapidOcrOptions(threads=3)
    assert engine_options("paddleocr") == PaddleOcrOptions()


def test_tesseract_takes_a_language() -> None:
    assert engine_options("tesseract") == TesseractOptions()
    assert engine_options("tesseract", language="de") == TesseractOptions(lang="deu")
    assert engine_options("tesseract", language="zh-Hant").lang == "chi_tra+eng"  # type: ignore[attr-defined]
    assert tesseract_language("chi_sim+eng") == "chi_sim+eng"


@pytest.mark.parametrize(
    ("kwargs", "why"),
    [
        ({"kind": "easyocr"}, "unknown OCR engine 'easyocr'; choose one of .*rapidocr"),
        ({"threads": 0}, "threads must be 1 or more, not 0"),
        ({"language": "zh"}, "rapidocr reads every language .* for tesseract only"),
        ({"kind": "paddleocr", "language": "en"}, "for tesseract only"),
        ({"kind": "tesseract", "language": "chinese!"}, "OCR language 'chinese!': give one of"),
    ],
)
def test_bad_settings_are_option_errors(kwargs: dict, why: str) -> None:
    with pytest.raises(OptionError, match=why):
        engine_options(**kwargs)
