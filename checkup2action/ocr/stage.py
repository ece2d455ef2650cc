"""The OCR stage: pages without a text layer are read from their image into words."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from checkup2action.errors import EngineNotAvailableError
from checkup2action.ingest.document import Document, Page
from checkup2action.ocr.base import EngineOptions, create_engine
from checkup2action.ocr.cache import maybe_cached
from checkup2action.ocr.convert import lines_to_words
from checkup2action.ocr.prepare import read_upright
from checkup2action.ocr.rapid import RapidOcrOptions
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
    """The page's picture and its dpi: the picture file's own, or an image-only PDF page rendered."""
    if page.image is not None:
        return page.image, page.dpi or RENDER_DPI
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(doc.path))
    try:
        bitmap = pdf[page.number - 1].render(scale=RENDER_DPI / 72.0)
        return bitmap.to_pil().convert("RGB"), RENDER_DPI
    finally:
        pdf.close()


def ocr_document(doc: Document, options: EngineOptions | None = None) -> OcrOutcome:
    """OCR every scanned page in place (its words, in points); a missing engine is a warning."""
    outcome = OcrOutcome()
    scanned = [p for p in doc.pages if p.kind == "scanned"]
    if not scanned:
        return outcome
    try:
        settings = options or RapidOcrOptions()
        engine = maybe_cached(create_engine(settings), settings)
    except EngineNotAvailableError as exc:
        outcome.warnings += [_not_read(p, exc.message) for p in scanned]
        return outcome
    outcome.engine = engine.name
    for page in scanned:
        image, dpi = page_image(doc, page)
        upright = read_upright(engine, image)
        scale = 72.0 / dpi
        page.words = lines_to_words(upright.lines, page=page.number, scale=scale)
        page.width, page.height = upright.size[0] * scale, upright.size[1] * scale
        page.rotation = (360 - upright.turn) % 360  # the picture is the upright page turned back
        page.skew = upright.skew
        outcome.pages.add(page.number)
        if page.garbage_text_layer:
            outcome.warnings.append(
                ReportWarning(
                    stage=STAGE,
                    code="TEXT_LAYER_REPLACED",
                    page=page.number,
                    message="the text layer could not be decoded; the page was read by OCR",
                )
            )
        if not page.words:
            outcome.warnings.append(_not_read(page, "OCR found no text on the page"))
    return outcome


def _not_read(page: Page, why: str) -> ReportWarning:
    """A warning for a page that could not be read."""
    return ReportWarning(stage=STAGE, code="PAGE_NOT_READ", page=page.number, message=why)
