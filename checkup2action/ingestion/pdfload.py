"""Open a PDF, repair it once when it is damaged, and read its pages one by one.

A PDF the chosen backend cannot open, or whose every page fails, gets one repair pass: qpdf
(through pikepdf) rebuilds its cross-reference table and objects, and the repaired copy is read
instead, with an ``OK_RECOVERED`` warning. One page that cannot be read among good ones becomes
an empty page with a ``PAGE_NOT_READ`` warning (the report is then ``partial``); a blank page gets
a ``PAGE_EMPTY`` warning; a document of blank pages only is ``EMPTY_DOCUMENT``.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfplumber.utils.exceptions import PdfminerException

from checkup2action.errors import (
    CorruptDocumentError,
    EmptyDocumentError,
    EncryptedDocumentError,
    NotADocumentError,
    OptionError,
    ResourceLimitError,
)
from checkup2action.fileio import sha256_of
from checkup2action.ingestion.document import Document, Page, ingest_warning
from checkup2action.ingestion.pages import PageSelection, selected_numbers, selection_warning
from checkup2action.ingestion.pdf import pdfium_page, plumber_page
from checkup2action.ingestion.sniff import check_size, sniff

log = logging.getLogger(__name__)

PDF_BACKENDS = ("pdfium", "pdfplumber")
Source = Path | bytes  # the file, or a repaired copy's bytes
#: The pages read and the document's page count.
PagesRead = tuple[list[Page], int]


class _Unreadable(Exception):
    """Every page failed, or the backend could not open the file: worth a repair pass."""

    def __init__(self, why: str):
        super().__init__(why)
        self.why = why


def check_is_pdf(path: Path, max_file_mb: float) -> None:
    """Raise a typed error unless the file is a PDF (by content) of acceptable size."""
    if sniff(path) != "pdf":
        raise NotADocumentError("not a PDF file", file=path.name)
    check_size(path, max_file_mb)


def _page_numbers(
    count: int, max_pages: int, name: str, selection: PageSelection | None
) -> list[int]:
    """The pages to read; a typed error for a PDF with too many pages to read or none selected,
    ``_Unreadable`` for one without pages (worth a repair pass)."""
    if count == 0:
        raise _Unreadable("no pages")
    return selected_numbers(count, selection, max_pages, name)


def _unreadable_page(number: int, width: float = 595.0, height: float = 842.0) -> Page:
    """A page that could not be read: kept in its place, empty, never sent to OCR."""
    return Page(number=number, width=width, height=height, kind="scanned", unreadable=True)


def _read_each(numbers: list[int], read_page: Callable[[int], Page]) -> list[Page]:
    """The pages ``numbers`` read by ``read_page``; a page that raises is kept as an unreadable
    page, and a document whose every page raises is unreadable."""
    pages = []
    for number in numbers:
        try:
            pages.append(read_page(number))
        except (ResourceLimitError, MemoryError):
            raise
        except Exception as exc:  # one damaged page must not lose the others
            log.debug("page %d unreadable (%s)", number, type(exc).__name__)
            pages.append(_unreadable_page(number))
    if all(p.unreadable for p in pages):
        raise _Unreadable("no page could be read")
    return pages


def _pages_with_pdfplumber(
    source: Source, max_pages: int, name: str, selection: PageSelection | None
) -> PagesRead:
    """The (selected) pages of the PDF read by pdfminer through pdfplumber."""
    stream = io.BytesIO(source) if isinstance(source, bytes) else source
    try:
        with pdfplumber.open(stream) as pdf:
            numbers = _page_numbers(len(pdf.pages), max_pages, name, selection)

            def read(number: int) -> Page:
                page = pdf.pages[number - 1]
                try:
                    return plumber_page(page, number)
                finally:
                    page.flush_cache()

            return _read_each(numbers, read), len(pdf.pages)
    except (_Unreadable, ResourceLimitError, OptionError, MemoryError):
        raise
    except (PdfminerException, Exception) as exc:  # pdfminer raises many unrelated types
        inner = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
        kind = type(inner).__name__
        if "Password" in kind or "Encrypt" in kind:
            raise EncryptedDocumentError("the PDF is password-protected", file=name) from exc
        raise _Unreadable(kind) from exc


def open_pdfium(source: Source, name: str) -> pdfium.PdfDocument:
    """PDFium's document (the empty password tried), or ``_Unreadable``: PDFium's error code is
    not trusted to say "password" (it can be left over from an earlier failure), so qpdf decides
    in the repair pass."""
    try:
        return pdfium.PdfDocument(source if isinstance(source, bytes) else str(source))
    except pdfium.PdfiumError as exc:
        password = exc.err_code == pdfium_c.FPDF_ERR_PASSWORD
        raise _Unreadable("password" if password else "PdfiumError") from exc


def _pages_with_pdfium(
    source: Source, max_pages: int, name: str, selection: PageSelection | None
) -> PagesRead:
    """The (selected) pages of the PDF read by PDFium."""
    pdf = open_pdfium(source, name)
    try:
        numbers = _page_numbers(len(pdf), max_pages, name, selection)

        def read(number: int) -> Page:
            page = pdf[number - 1]
            try:
                return pdfium_page(page, number)
            finally:
                page.close()

        return _read_each(numbers, read), len(pdf)
    finally:
        pdf.close()


_READERS: dict[str, Callable[[Source, int, str, PageSelection | None], PagesRead]] = {
    "pdfium": _pages_with_pdfium,
    "pdfplumber": _pages_with_pdfplumber,
}


def repair_pdf(path: Path) -> bytes | None:
    """The PDF rewritten by qpdf (pikepdf), which rebuilds a damaged cross-reference table and
    recovers the objects it can; None when qpdf cannot open it either (or is not installed).

    Raises EncryptedDocumentError when qpdf needs a password, EmptyDocumentError when qpdf reads
    the file and finds no page."""
    try:
        import pikepdf
    except ImportError:  # a core dependency; an environment without it just skips the repair
        return None
    try:
        with pikepdf.open(path) as pdf:
            if len(pdf.pages) == 0:
                raise EmptyDocumentError("the PDF has no pages", file=path.name)
            out = io.BytesIO()
            pdf.save(out)
            return out.getvalue()
    except pikepdf.PasswordError as exc:
        raise EncryptedDocumentError("the PDF is password-protected", file=path.name) from exc
    except (EmptyDocumentError, MemoryError):
        raise
    except Exception as exc:  # qpdf's errors, and anything a damaged file provokes
        log.debug("repair failed (%s)", type(exc).__name__)
        return None


def undecodable_pages(source: Source, numbers: list[int]) -> set[int]:
    """Of pages PDFium found blank, those whose content stream qpdf cannot decode either: a
    damaged page, not an empty one."""
    try:
        import pikepdf
    except ImportError:
        return set()
    bad = set()
    try:
        with pikepdf.open(io.BytesIO(source) if isinstance(source, bytes) else source) as pdf:
            for number in numbers:
                try:
                    pdf.pages[number - 1].Contents.read_bytes()  # an array: a page that
                except AttributeError:  # has no /Contents, or several streams: not damaged
                    continue
                except Exception:  # the stream does not decode
                    bad.add(number)
    except Exception as exc:
        log.debug("page check failed (%s)", type(exc).__name__)
    return bad


def _page_warnings(pages: list[Page]) -> list[Any]:
    """A warning for each page that could not be read and each blank page."""
    out = []
    for page in pages:
        if page.unreadable:
            out.append(ingest_warning("PAGE_NOT_READ", "the page is damaged", page.number))
        elif page.blank:
            out.append(ingest_warning("PAGE_EMPTY", "no text and no picture", page.number))
    return out


def load_pdf(
    path: Path,
    *,
    max_pages: int = 200,
    max_file_mb: float = 100.0,
    backend: str = "pdfium",
    pages: PageSelection | None = None,
) -> Document:
    """Open a PDF and read every page's (or the selected pages') words and rulings with the
    chosen backend; a damaged file is repaired once (``OK_RECOVERED``)."""
    if backend not in PDF_BACKENDS:
        raise ValueError(f"unknown PDF backend {backend!r}; choose one of {PDF_BACKENDS}")
    check_is_pdf(path, max_file_mb)
    doc = Document(path=path, sha256=sha256_of(path))
    read = _READERS[backend]
    try:
        doc.pages, count = read(path, max_pages, path.name, pages)
    except _Unreadable as first:
        doc.repaired_pdf = repair_pdf(path)
        if doc.repaired_pdf is None:
            raise _typed(first, path.name) from first
        try:
            doc.pages, count = read(doc.repaired_pdf, max_pages, path.name, pages)
        except _Unreadable as second:
            raise _typed(second, path.name) from second
        doc.warnings.append(ingest_warning("OK_RECOVERED", "the PDF was damaged and repaired"))
    _mark_damaged(doc)
    if all(p.blank or p.unreadable for p in doc.pages):
        if doc.repaired_pdf is not None:  # what the repair kept holds nothing: content was lost
            raise CorruptDocumentError(
                "the PDF cannot be parsed (nothing recovered)", file=path.name
            )
        which = "no page" if pages is None else f"none of pages {pages}"
        raise EmptyDocumentError(f"{which} has text or a picture", file=path.name)
    doc.warnings += _page_warnings(doc.pages)
    doc.warnings += selection_warning(pages, [p.number for p in doc.pages], count)
    log.debug("loaded %s with %s: %d pages", doc.sha256[:12], backend, len(doc.pages))
    return doc


def _mark_damaged(doc: Document) -> None:
    """Pages that look blank only because their content cannot be decoded become unreadable."""
    blank = [p.number for p in doc.pages if p.blank]
    if not blank:
        return
    source: Source = doc.repaired_pdf if doc.repaired_pdf is not None else doc.path
    by_number = {page.number: page for page in doc.pages}
    for number in undecodable_pages(source, blank):
        page = by_number[number]
        page.blank, page.unreadable = False, True


def _typed(failure: _Unreadable, name: str) -> Exception:
    """The typed error of a PDF that stayed unreadable after the repair pass."""
    if failure.why == "no pages":
        return EmptyDocumentError("the PDF has no pages", file=name)
    return CorruptDocumentError(f"the PDF cannot be parsed ({failure.why})", file=name)


def open_document_pdf(doc: Document) -> pdfium.PdfDocument:
    """PDFium's handle on a loaded document's PDF: the repaired copy when there is one."""
    return pdfium.PdfDocument(doc.repaired_pdf if doc.repaired_pdf is not None else str(doc.path))


#: Pixels of one rendered page: a page of 200×200 inches is rendered at a lower resolution rather
#: than into gigabytes (A4 at 200 dpi is 3.9 million).
MAX_RENDER_PIXELS = 40_000_000


def render_page(pdf: pdfium.PdfDocument, number: int, dpi: float) -> tuple[Any, float]:
    """Page ``number`` (from 1) as an RGB picture and the dpi it was rendered at: ``dpi``, or
    less for a page too large for ``MAX_RENDER_PIXELS``."""
    page = pdf[number - 1]
    try:
        width, height = page.get_size()
        pixels = max(width * height, 1.0) * (dpi / 72.0) ** 2
        if pixels > MAX_RENDER_PIXELS:
            dpi *= (MAX_RENDER_PIXELS / pixels) ** 0.5
        bitmap = page.render(scale=dpi / 72.0)
        return bitmap.to_pil().convert("RGB"), dpi
    finally:
        page.close()
