"""A copy of a document with a filled box over every identifier found (``checkup2action redact``).

Each page becomes a picture (a PDF page rendered at ``RENDER_DPI``; a picture file as given),
boxes are filled over the identifiers (``deid.locate``, in display-frame points), and the pages
are written as pictures: an image-only PDF for a PDF or a multi-page input, else a picture of the
output's suffix. Nothing of the original text layer is carried over, so no identifier survives
under a box (the classic failure of redaction drawn on top of a PDF's text).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw

from checkup2action.errors import OptionError
from checkup2action.geometry import Box
from checkup2action.ingestion.document import Document, Page
from checkup2action.ingestion.pdfload import open_document_pdf, render_page

#: Resolution PDF pages are rendered at for the redacted copy.
RENDER_DPI = 150.0
#: Points a box is grown by on each side (anti-aliased edges and ascenders stay covered).
PAD = 1.5
PICTURE_SUFFIXES = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".tif": "TIFF", ".tiff": "TIFF"}


@dataclass(frozen=True, slots=True)
class PagePicture:
    """One page as a picture and its pixels per point."""

    image: Image.Image
    scale: float


def page_pictures(doc: Document) -> list[PagePicture]:
    """Every page of ``doc`` as an RGB picture in the page's display frame."""
    if not doc.is_pdf:
        return [PagePicture(p.image.convert("RGB"), (p.dpi or 72.0) / 72.0) for p in doc.pages]
    pdf = open_document_pdf(doc)
    try:
        return [_page_picture(pdf, page) for page in doc.pages]
    finally:
        pdf.close()


def _page_picture(pdf: pdfium.PdfDocument, page: Page) -> PagePicture:
    """One PDF page rendered; a page that cannot be, a white page of its size (nothing of it
    can show an identifier)."""
    try:
        image, dpi = render_page(pdf, page.number, RENDER_DPI)
    except pdfium.PdfiumError:
        scale = RENDER_DPI / 72.0
        width, height = page.display_size
        return PagePicture(
            Image.new("RGB", (int(width * scale), int(height * scale)), "white"), scale
        )
    return PagePicture(image, dpi / 72.0)


def fill_boxes(picture: PagePicture, boxes: Sequence[Box]) -> Image.Image:
    """A copy of the page picture with each box (points) filled black."""
    image = picture.image.copy()
    draw = ImageDraw.Draw(image)
    s = picture.scale
    for x0, top, x1, bottom in boxes:
        draw.rectangle(
            ((x0 - PAD) * s, (top - PAD) * s, (x1 + PAD) * s, (bottom + PAD) * s), fill="black"
        )
    return image


def write_pictures(images: list[Image.Image], output: Path, dpi: float) -> None:
    """Write the redacted pages: one PDF of pictures, or one picture file."""
    suffix = output.suffix.lower()
    if suffix == ".pdf":
        images[0].save(output, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
        return
    if suffix not in PICTURE_SUFFIXES:
        raise OptionError(f"cannot write a redacted copy as {suffix or 'a file without suffix'}")
    if len(images) > 1 and PICTURE_SUFFIXES[suffix] != "TIFF":
        raise OptionError("a document of several pages is written as .pdf or .tiff")
    images[0].save(
        output, PICTURE_SUFFIXES[suffix], save_all=len(images) > 1, append_images=images[1:]
    )


def redact_pages(doc: Document, boxes: dict[int, list[Box]], output: Path) -> int:
    """Write ``output``: the document's pages with ``boxes`` (by page number) filled; returns
    the number of boxes drawn."""
    pictures = page_pictures(doc)
    images = [
        fill_boxes(pic, boxes.get(page.number, []))
        for pic, page in zip(pictures, doc.pages, strict=True)
    ]
    write_pictures(images, output, pictures[0].scale * 72.0 if pictures else RENDER_DPI)
    return sum(len(boxes.get(page.number, [])) for page in doc.pages)
