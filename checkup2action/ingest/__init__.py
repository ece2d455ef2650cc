"""Ingest stage: open a document and read its pages into words and rulings."""

from checkup2action.ingest.document import Document, Page, Ruling, Word
from checkup2action.ingest.pdf import load_pdf

__all__ = ["Document", "Page", "Ruling", "Word", "load_pdf"]
