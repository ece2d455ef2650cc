"""How ``ingest`` and ``run`` read a document: the OCR engine, ONNX Runtime threads, which pages,
the OCR language, and whether a document without lab results is an error."""

from __future__ import annotations

import os
from dataclasses import replace
from typing import Annotated

import typer

from checkup2action import pipeline
from checkup2action.ingestion.pages import PageSelection
from checkup2action.ocr import available_engines
from checkup2action.ocr.choose import TESSERACT_LANGUAGES, check_engine, engine_options
from checkup2action.threads import THREADS_VARIABLE

OcrEngineOption = Annotated[
    str | None,
    typer.Option(
        "--ocr-engine",
        help=f"OCR engine for scans and photos: {', '.join(available_engines())} "
        "(default rapidocr; tesseract needs Debian's tesseract-ocr and pytesseract).",
    ),
]
ThreadsOption = Annotated[
    int | None,
    typer.Option(
        "--threads",
        help=f"ONNX Runtime threads of the OCR and layout models (sets {THREADS_VARIABLE}; "
        "default 2, at most the cores).",
    ),
]
PagesOption = Annotated[
    str | None,
    typer.Option(
        "--pages", help="Pages to read, e.g. 1-3,5 or 2- (to the end); default every page."
    ),
]
OcrLanguageOption = Annotated[
    str | None,
    typer.Option(
        "--ocr-language",
        help=f"Language of the OCR (tesseract only): {', '.join(TESSERACT_LANGUAGES)}, or "
        "Tesseract packs such as chi_sim+eng.",
    ),
]
AllowEmptyOption = Annotated[
    bool,
    typer.Option(
        "--allow-empty",
        help="Exit 0 when a document gives no lab result (default: exit 4, after writing it).",
    ),
]


def with_reading(
    options: pipeline.PipelineOptions,
    engine: str | None = None,
    threads: int | None = None,
    pages: str | None = None,
    language: str | None = None,
) -> pipeline.PipelineOptions:
    """The pipeline options with the reading options of the command line: OptionError for a bad
    one, EngineNotAvailableError for an engine named but not installed. ``threads`` is also set
    in ``C2A_ONNX_THREADS``, which the layout model (and a worker) reads."""
    selection = PageSelection.parse(pages) if pages is not None else None
    chosen = engine is not None or language is not None
    ocr = engine_options(engine, threads=threads, language=language)
    if threads is not None:
        os.environ[THREADS_VARIABLE] = str(threads)
    if chosen:
        check_engine(ocr)  # before any document: a missing engine is a usage error
    if not (chosen or threads is not None):
        return replace(options, pages=selection)
    return replace(options, ocr=ocr, pages=selection)
