"""What a file is, by its first bytes rather than its name: a PNG named ``.pdf`` is a picture.

``sniff`` names the format; ``check_readable`` turns a format we cannot read into its typed error
(empty file, not a document, a format we recognise but do not read, a bare JBIG2 picture).
"""

from __future__ import annotations

from pathlib import Path
from typing import Final, Literal

from checkup2action.errors import (
    EmptyFileError,
    NotADocumentError,
    ResourceLimitError,
    UnsupportedFormatError,
    UnsupportedImageError,
)

Format = Literal[
    "pdf", "png", "jpeg", "gif", "tiff", "bmp", "webp", "jpeg2000", "heif", "jbig2", "jpegxl",
    "unknown",
]  # fmt: skip

#: A PDF may carry junk before its header; readers accept the header within the first kilobyte.
PDF_MAGIC: Final = b"%PDF-"
HEAD_BYTES: Final = 1024
PICTURE_FORMATS: Final = frozenset({"png", "jpeg", "gif", "tiff", "bmp", "webp", "jpeg2000"})

_SIGNATURES: Final[tuple[tuple[bytes, Format], ...]] = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"II+\x00", "tiff"),  # BigTIFF
    (b"MM\x00+", "tiff"),
    (b"BM", "bmp"),
    (b"\x00\x00\x00\x0cjP  \r\n\x87\n", "jpeg2000"),  # JP2 container
    (b"\xff\x4f\xff\x51", "jpeg2000"),  # bare codestream
    (b"\x97JB2\r\n\x1a\n", "jbig2"),
    (b"\xff\x0a", "jpegxl"),  # bare codestream
    (b"\x00\x00\x00\x0cJXL \r\n\x87\n", "jpegxl"),
)
_HEIF_BRANDS: Final = frozenset(
    {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1", b"avif", b"avis"}
)


def sniff_bytes(head: bytes) -> Format:
    """The format the first bytes of a file announce (``unknown`` when none)."""
    if PDF_MAGIC in head[:HEAD_BYTES]:
        return "pdf"
    for signature, name in _SIGNATURES:
        if head.startswith(signature):
            return name
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return "heif"
    return "unknown"


def sniff(path: Path) -> Format:
    """The format of a file, from its first kilobyte; typed errors for a missing or empty file
    and for content that is no format we know."""
    if not path.is_file():
        raise NotADocumentError("not a file", file=path.name)
    with path.open("rb") as fh:
        return readable_format(fh.read(HEAD_BYTES), path.name)


def readable_format(head: bytes, name: str | None = None) -> Format:
    """The format a file's first bytes announce, or the typed error of content we do not read:
    nothing at all, no format we know, a bare JBIG2 picture, JPEG XL (``name``: the file's, for
    the error)."""
    if not head:
        raise EmptyFileError("the file is empty", file=name)
    found = sniff_bytes(head)
    if found == "unknown":
        raise NotADocumentError("not a PDF or a picture file", file=name)
    if found == "jbig2":  # a bi-level coding no picture library here decodes on its own
        raise UnsupportedImageError("JBIG2 pictures cannot be decoded", file=name)
    if found == "jpegxl":
        raise UnsupportedFormatError("JPEG XL pictures are not read", file=name)
    return found


def check_size(path: Path, max_file_mb: float) -> None:
    """Raise RESOURCE_LIMIT for a file larger than ``max_file_mb`` megabytes."""
    size_mb = path.stat().st_size / 1e6
    if size_mb > max_file_mb:
        raise ResourceLimitError(
            f"file is {size_mb:.0f} MB (limit {max_file_mb:.0f} MB)", file=path.name
        )
