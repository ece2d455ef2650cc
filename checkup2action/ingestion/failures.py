"""The typed error an untyped exception of reading a document stands for: a memory error or a
decompression bomb is the document's size, a recursion past Python's limit or PDFium's own
error its damage. Anything else is a bug, and stays what it is."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pypdfium2 as pdfium
from PIL import Image

from checkup2action.errors import Checkup2ActionError, CorruptDocumentError, ResourceLimitError

#: Exceptions that say the document is too large for memory …
SIZE_FAULTS: tuple[type[BaseException], ...] = (MemoryError, Image.DecompressionBombError)
#: … and those that say it is damaged (nested past Python's limit, or PDFium's own error).
DAMAGE_FAULTS: tuple[type[BaseException], ...] = (RecursionError, pdfium.PdfiumError)


def as_typed(exc: BaseException, name: str | None = None) -> Checkup2ActionError | None:
    """The typed error ``exc`` stands for (itself when typed), or None for anything else."""
    if isinstance(exc, Checkup2ActionError):
        return exc
    kind = type(exc).__name__
    if isinstance(exc, SIZE_FAULTS):
        return ResourceLimitError(f"out of memory ({kind})", file=name)
    if isinstance(exc, DAMAGE_FAULTS):
        return CorruptDocumentError(f"the document cannot be parsed ({kind})", file=name)
    return None


@contextmanager
def typed_failures(name: str) -> Iterator[None]:
    """Raise the typed error of a known untyped exception inside the block (``as_typed``)."""
    try:
        yield
    except SIZE_FAULTS + DAMAGE_FAULTS as exc:
        typed = as_typed(exc, name)
        assert typed is not None
        raise typed from exc
