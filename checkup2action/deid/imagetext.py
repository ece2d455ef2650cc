"""Text printed inside the pictures of a born-digital page: letterheads and signatures.

A lab's PDF often carries its letterhead, its list of doctors or a signature block as an embedded
picture; the text layer has none of it, so identifiers printed there are never found and a
redacted copy would show them. ``picture_lines`` reads every picture of reasonable size on a
born-digital page with the OCR engine and returns its lines in page points, for ``redact`` (and
the real-corpus bench) to look for identifiers in. The pipeline's report never needs them: what
only a picture prints does not reach the output.
"""

from __future__ import annotations

import ctypes
from typing import Any

from checkup2action.errors import EngineNotAvailableError
from checkup2action.ingestion.document import Document, Word
from checkup2action.ingestion.pdfload import open_document_pdf, render_page
from checkup2action.layout.lines import TextLine, cluster_lines
from checkup2action.ocr import RapidOcrOptions, create_engine, lines_to_words
from checkup2action.ocr.base import EngineOptions
from checkup2action.ocr.cache import maybe_cached

#: Pictures smaller than this (points) on either side, or in area, hold no line worth reading.
MIN_SIDE, MIN_AREA = 12.0, 1200.0
#: Resolution the page is rendered at for reading its pictures.
OCR_DPI = 200.0


def picture_boxes(page: Any) -> list[tuple[float, float, float, float]]:
    """``(x0, top, x1, bottom)`` in points (top-left origin) of a pdfium page's pictures large
    enough to hold text."""
    import pypdfium2.raw as pdfium_c

    height = page.get_height()
    boxes = []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        left, bottom, right, top = (ctypes.c_float() for _ in range(4))
        if not pdfium_c.FPDFPageObj_GetBounds(obj.raw, left, bottom, right, top):
            continue
        w, h = right.value - left.value, top.value - bottom.value
        if min(w, h) >= MIN_SIDE and w * h >= MIN_AREA:
            boxes.append((left.value, height - top.value, right.value, height - bottom.value))
    return boxes


def _read_picture(
    engine: Any, rendered: tuple[Any, float], box: tuple[float, ...], number: int
) -> list[Word]:
    """The words OCR reads in one picture's area of the rendered page (picture, dpi), in page
    points."""
    image, dpi = rendered
    scale = dpi / 72.0
    x0, top, x1, bottom = box
    crop = image.crop((int(x0 * scale), int(top * scale), int(x1 * scale), int(bottom * scale)))
    if crop.width < 8 or crop.height < 8:
        return []
    return lines_to_words(engine.recognize(crop), page=number, scale=1.0 / scale, offset=(x0, top))


def picture_lines(doc: Document, options: EngineOptions | None = None) -> dict[int, list[TextLine]]:
    """The text lines OCR reads inside the pictures of each born-digital, unrotated page of a
    PDF (empty when no OCR engine is installed)."""
    pages = [p for p in doc.pages if p.kind == "born_digital" and not p.rotation]
    if not doc.is_pdf or not pages:
        return {}
    try:
        settings = options or RapidOcrOptions()
        engine = maybe_cached(create_engine(settings), settings)
    except EngineNotAvailableError:
        return {}
    pdf = open_document_pdf(doc)
    out: dict[int, list[TextLine]] = {}
    try:
        for page in pages:
            raw = pdf[page.number - 1]
            boxes = picture_boxes(raw)
            raw.close()
            if not boxes:
                continue
            rendered = render_page(pdf, page.number, OCR_DPI)
            words = [w for box in boxes for w in _read_picture(engine, rendered, box, page.number)]
            if words:
                out[page.number] = cluster_lines(words, follow_slope=False)
    finally:
        pdf.close()
    return out
