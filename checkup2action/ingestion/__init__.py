"""Ingest stage: open a document (PDF or picture) and read its pages."""

from __future__ import annotations

from pathlib import Path

from checkup2action.errors import NotADocumentError
from checkup2action.ingestion.document import Document, Page, Ruling, Word
from checkup2action.ingestion.images import IMAGE_SUFFIXES, load_image
from checkup2action.ingestion.pdf import PDF_BACKENDS, PDF_MAGIC, load_pdf

__all__ = [
    "IMAGE_SUFFIXES",
    "PDF_BACKENDS",
    "Document",
    "Page",
    "Ruling",
    "Word",
    "load_document",
    "load_image",
    "load_pdf",
]


def load_document(
    path: Path, *, max_pages: int = 200, max_file_mb: float = 100.0, pdf_backend: str = "pdfium"
) -> Document:
    """Open a PDF or a picture file by its content (not its name)."""
    if not path.is_file():
        raise NotADocumentError("not a file", file=path.name)
    with path.open("rb") as fh:
        head = fh.read(1024)
    if PDF_MAGIC in head:
        return load_pdf(path, max_pages=max_pages, max_file_mb=max_file_mb, backend=pdf_backend)
    if not head:
        raise NotADocumentError("the file is empty", file=path.name)
    return load_image(path, max_pages=max_pages, max_file_mb=max_file_mb)
