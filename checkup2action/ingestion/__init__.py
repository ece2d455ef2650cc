"""Ingest stage: open a document (PDF or picture) by its content and read its pages."""

from __future__ import annotations

from pathlib import Path

from checkup2action.ingestion.document import Document, Page, Ruling, Word
from checkup2action.ingestion.images import IMAGE_SUFFIXES, load_image
from checkup2action.ingestion.pages import PageSelection
from checkup2action.ingestion.pdfload import PDF_BACKENDS, load_pdf, open_document_pdf
from checkup2action.ingestion.sniff import PDF_MAGIC, sniff

__all__ = [
    "IMAGE_SUFFIXES",
    "PDF_BACKENDS",
    "PDF_MAGIC",
    "Document",
    "Page",
    "PageSelection",
    "Ruling",
    "Word",
    "load_document",
    "load_image",
    "load_pdf",
    "open_document_pdf",
]


def load_document(
    path: Path,
    *,
    max_pages: int = 200,
    max_file_mb: float = 100.0,
    pdf_backend: str = "pdfium",
    pages: PageSelection | None = None,
) -> Document:
    """Open a PDF or a picture file by its content (not its name) and read its pages (only the
    selected ones, when ``pages`` says): typed errors for an empty file, a format we do not read,
    a damaged, encrypted, empty or oversized document, or a selection of pages it does not have."""
    kind = sniff(path)
    if kind == "pdf":
        return load_pdf(
            path, max_pages=max_pages, max_file_mb=max_file_mb, backend=pdf_backend, pages=pages
        )
    return load_image(path, max_pages=max_pages, max_file_mb=max_file_mb, kind=kind, pages=pages)
