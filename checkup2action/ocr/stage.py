"""The OCR stage: pages without a text layer are read from their image into words.

Each page picture is prepared first (:func:`~checkup2action.ocr.prepare.prepare_page`: flattened,
evened out, turned upright, levelled); the page's words, size and ``work_image`` are then in that
working frame, and ``Page.transform`` maps working-frame points back onto the picture as given.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium

from checkup2action.errors import EngineNotAvailableError
from checkup2action.ingestion.document import Document, Page
from checkup2action.ingestion.pdfload import open_document_pdf, render_page
from checkup2action.ocr.base import EngineOptions, create_engine
from checkup2action.ocr.cache import maybe_cached
from checkup2action.ocr.rapid import RapidOcrOptions
from checkup2action.ocr.scripts import INSTALL_HINT as SCRIPTS_HINT
from checkup2action.ocr.tighten import TighteningEngine
from checkup2action.ocr.verify import (
    FontVerdicts,
    doubtful_layer,
    layer_matches_picture,
    layer_verdict_without_picture,
)
from checkup2action.progress import Step, StepHook, report_step
from checkup2action.report.models import ReportWarning

RENDER_DPI = 200.0
STAGE = "ocr"


@dataclass(slots=True)
class OcrOutcome:
    """Which pages were read by OCR, with which engine, and what went wrong."""

    engine: str | None = None
    pages: set[int] = field(default_factory=set)
    warnings: list[ReportWarning] = field(default_factory=list)


def page_image(doc: Document, page: Page) -> tuple[Any, float]:
    """The page's picture and its dpi: the picture file's own, or an image-only PDF page rendered
    (a huge page at a lower dpi, ``ingestion.pdfload.render_page``)."""
    if page.image is not None:
        return page.image, page.dpi or RENDER_DPI
    pdf = open_document_pdf(doc)
    try:
        return render_page(pdf, page.number, RENDER_DPI)
    finally:
        pdf.close()


def _rendered(doc: Document, page: Page) -> tuple[Any, float] | None:
    """The page's picture and dpi, or None when PDFium cannot render the page."""
    try:
        return page_image(doc, page)
    except pdfium.PdfiumError:
        return None


#: Called with a page, its working picture and the picture's dpi as soon as the page is read,
#: before its words, rulings and ink colours are made from that picture, so a caller can start
#: work that needs only pixels (the pipeline's layout model) beside those steps.
PictureHook = Callable[[Page, Any, float], None]


def ocr_document(
    doc: Document,
    options: EngineOptions | None = None,
    on_picture: PictureHook | None = None,
    on_step: StepHook | None = None,
) -> OcrOutcome:
    """OCR every scanned page in place (its words, in points); a missing engine is a warning;
    ``on_step`` hears of each page as its check or reading starts."""
    outcome = OcrOutcome()
    doubtful = [p for p in doc.pages if p.kind == "born_digital" and not p.rotation]
    doubtful = [p for p in doubtful if doubtful_layer(p)]
    scanned = [p for p in doc.pages if p.kind == "scanned" and not (p.unreadable or p.blank)]
    if not doubtful and not scanned:
        return outcome
    report_step(on_step, Step("loading the OCR engine"))
    try:
        settings = options or RapidOcrOptions()
        engine = TighteningEngine(maybe_cached(create_engine(settings), settings))
    except EngineNotAvailableError as exc:
        outcome.warnings += [_not_read(p, exc.message) for p in scanned]
        return outcome
    outcome.engine = engine.name
    # the picture work (OpenCV, extra ``ocr``) is imported only now that an engine exists
    from checkup2action.ocr.reading import read_picture

    check_text_layers(doc, doubtful, engine, on_step)
    scanned += [p for p in doubtful if p.kind == "scanned"]  # text layers just dropped
    for done, page in enumerate(sorted(scanned, key=lambda p: p.number)):
        report_step(on_step, Step("OCR", done, len(scanned), page.number))
        if (picture := _rendered(doc, page)) is None:
            outcome.warnings.append(_not_read(page, "the page cannot be rendered"))
            continue
        rescue = read_picture(engine, page, *picture, on_picture)
        outcome.pages.add(page.number)
        if rescue.unread and rescue.language is None:
            outcome.warnings.append(_script_unread(page, rescue.unread, rescue.installed))
        if page.garbage_text_layer:
            outcome.warnings.append(
                ReportWarning(
                    stage=STAGE,
                    code="TEXT_LAYER_REPLACED",
                    page=page.number,
                    message="the text layer could not be used (undecodable, or hidden under the"
                    " page's picture: a scan's OCR layer); the page was read by OCR",
                )
            )
        if not page.words:
            outcome.warnings.append(_not_read(page, "OCR found no text on the page"))
    return outcome


def check_text_layers(
    doc: Document, doubtful: list[Page], engine: Any, on_step: StepHook | None
) -> None:
    """Drop each doubtful text layer that OCR does not confirm (a page is decided without
    rendering it when the fonts OCR already judged in this document settle it)."""
    fonts = FontVerdicts()
    for done, page in enumerate(doubtful):
        report_step(on_step, Step("text layer check", done, len(doubtful), page.number))
        keep = layer_verdict_without_picture(page, fonts)
        if keep is None:
            picture = _rendered(doc, page)
            keep = picture is None or layer_matches_picture(engine, page, *picture, fonts)
        if not keep:
            drop_text_layer(page)


def drop_text_layer(page: Page) -> None:
    """Forget a text layer that does not say what the page shows, so OCR reads the page."""
    page.words, page.rulings = [], []
    page.kind = "scanned"
    page.garbage_text_layer = True


def _script_unread(page: Page, lines: int, installed: bool) -> ReportWarning:
    """A warning for a page whose lines are in a script the OCR model does not read."""
    why = SCRIPTS_HINT if not installed else "none of the installed language packs read them"
    return ReportWarning(
        stage=STAGE,
        code="SCRIPT_NOT_READ",
        page=page.number,
        message=f"{lines} text lines are in a script the OCR model does not read; {why}",
    )


def _not_read(page: Page, why: str) -> ReportWarning:
    """A warning for a page that could not be read."""
    return ReportWarning(stage=STAGE, code="PAGE_NOT_READ", page=page.number, message=why)
