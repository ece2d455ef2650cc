"""Engine options from plain settings, as the command line gives them: an engine's registered
name, ONNX Runtime threads and a language (Tesseract's language packs; RapidOCR and PaddleOCR read
with the models they have)."""

from __future__ import annotations

import re

from checkup2action.errors import OptionError
from checkup2action.ocr import paddle, rapid, tesseract
from checkup2action.ocr.base import EngineOptions, available_engines, create_engine

#: Short language names and the Tesseract language packs that read them.
TESSERACT_LANGUAGES: dict[str, str] = {
    "en": "eng",
    "zh": "chi_sim+eng",
    "zh-hans": "chi_sim+eng",
    "zh-hant": "chi_tra+eng",
    "de": "deu",
    "es": "spa",
    "fr": "fra",
    "hu": "hun",
    "it": "ita",
    "pt": "por",
    "ru": "rus",
}
_PACKS = re.compile(r"^[a-z][a-z_]*(\+[a-z][a-z_]*)*$")


def tesseract_language(name: str) -> str:
    """Tesseract's ``lang`` for a short name (``zh``) or packs as Tesseract writes them
    (``chi_sim+eng``); OptionError for anything else."""
    key = name.strip().lower()
    if key in TESSERACT_LANGUAGES:
        return TESSERACT_LANGUAGES[key]
    if _PACKS.match(key):
        return key
    short = ", ".join(TESSERACT_LANGUAGES)
    raise OptionError(
        f"OCR language {name!r}: give one of {short}, or Tesseract packs such as chi_sim+eng"
    )


def engine_options(
    kind: str | None = None, *, threads: int | None = None, language: str | None = None
) -> EngineOptions:
    """The options of engine ``kind`` (None: RapidOCR) with these ONNX threads and language;
    OptionError for an unknown engine, fewer than one thread, or a language the engine cannot
    be told."""
    kind = kind or rapid.KIND
    known = available_engines()
    if kind not in known:
        raise OptionError(f"unknown OCR engine {kind!r}; choose one of {', '.join(known)}")
    if threads is not None and threads < 1:
        raise OptionError(f"threads must be 1 or more, not {threads}")
    if kind == tesseract.KIND:
        if language is None:
            return tesseract.TesseractOptions()
        return tesseract.TesseractOptions(lang=tesseract_language(language))
    if language is not None:
        raise OptionError(
            f"{kind} reads every language with the models it has; a language can be chosen "
            f"for {tesseract.KIND} only"
        )
    if kind == rapid.KIND:
        return rapid.RapidOcrOptions(threads=threads) if threads else rapid.RapidOcrOptions()
    if kind == paddle.KIND:
        return paddle.PaddleOcrOptions()
    raise OptionError(f"the OCR engine {kind!r} takes its options from Python, not from here")


def check_engine(options: EngineOptions) -> None:
    """Build the engine (kept in its engine's cache for the pages to come), so that a missing
    installation is told before any document is read: EngineNotAvailableError saying what to
    install."""
    create_engine(options)
