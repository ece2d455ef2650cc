"""Load picture files (PNG, JPEG, TIFF, GIF, BMP, WebP, JPEG 2000, HEIC) as pages for OCR.

Every size is checked before pixels are decoded (a 40000×40000 PNG of a few kilobytes is a
decompression bomb); every frame of a multi-page TIFF or GIF is a page; 16-bit, float, CMYK,
palette and transparent pictures are turned into 8-bit RGB on white; a truncated picture is read
as far as it goes, with an ``OK_RECOVERED`` warning.
"""

from __future__ import annotations

import contextlib
import logging
import warnings
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Final

import numpy as np
from PIL import Image, ImageFile, ImageOps, ImageSequence, UnidentifiedImageError

from checkup2action.errors import (
    CorruptDocumentError,
    NotADocumentError,
    OptionError,
    ResourceLimitError,
    UnsupportedFormatError,
    UnsupportedImageError,
)
from checkup2action.fileio import sha256_of
from checkup2action.ingestion.document import Document, Page, ingest_warning
from checkup2action.ingestion.pages import PageSelection, none_of, selection_warning
from checkup2action.ingestion.sniff import PICTURE_FORMATS, Format, check_size, sniff

IMAGE_SUFFIXES = frozenset(
    {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp", ".gif", ".jp2", ".heic", ".heif"}
)
# A phone photo carries no real resolution: read it as if scanned at this many pixels per inch.
DEFAULT_DPI = 200.0
#: Pixels of one frame, and of all frames together, checked before decoding (3 bytes a pixel).
MAX_PIXELS: Final = 80_000_000
MAX_TOTAL_PIXELS: Final = 250_000_000

log = logging.getLogger(__name__)
#: The frames decoded, each with its page number, and how many frames the picture has (None:
#: not counted to the end, as no later frame was selected).
Frames = tuple[list[tuple[int, Image.Image]], int | None]


def image_dpi(img: Image.Image) -> float:
    """The resolution a picture declares, or DEFAULT_DPI when it declares none or nonsense."""
    dpi = img.info.get("dpi")
    try:
        value = float(dpi[0]) if dpi else 0.0
    except (TypeError, ValueError, IndexError):
        value = 0.0
    if not 50.0 <= value <= 1200.0:
        return DEFAULT_DPI
    return float(round(value)) if abs(value - round(value)) < 0.01 else value  # PNG stores px/m


def to_rgb(img: Image.Image) -> Image.Image:
    """An 8-bit RGB copy of a decoded frame: deep greys scaled by their own range, transparency
    laid on white, CMYK and palettes converted."""
    if img.mode in ("I", "I;16", "I;16B", "I;16L", "I;16N", "F"):
        data = np.asarray(img, dtype=np.float64)
        low, high = float(np.nanmin(data)), float(np.nanmax(data))
        scale = 255.0 / (high - low) if high > low else 0.0
        data = np.nan_to_num((data - low) * scale, nan=255.0)
        img = Image.fromarray(data.clip(0, 255).astype(np.uint8), "L")
    if img.mode == "P" and "transparency" in img.info:
        img = img.convert("RGBA")
    if img.mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        rgba = img.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("RGB")
    return img.convert("RGB")


def _check_pixels(width: int, height: int, total: int, name: str) -> None:
    """Raise RESOURCE_LIMIT when a frame, or all frames so far, hold too many pixels."""
    if width * height > MAX_PIXELS:
        raise ResourceLimitError(
            f"picture of {width}×{height} pixels (limit {MAX_PIXELS // 1_000_000} megapixels)",
            file=name,
        )
    if total > MAX_TOTAL_PIXELS:
        raise ResourceLimitError(
            f"the frames hold over {MAX_TOTAL_PIXELS // 1_000_000} megapixels", file=name
        )


def upright_frames(
    img: Image.Image, max_pages: int, name: str, selection: PageSelection | None = None
) -> Frames:
    """Every frame (or every selected frame) of a picture as 8-bit RGB, turned as its EXIF
    orientation says; sizes are checked before each frame is decoded."""
    frames: list[tuple[int, Image.Image]] = []
    total = count = 0
    last = selection.last if selection is not None else None
    for number, frame in enumerate(ImageSequence.Iterator(img), start=1):
        if last is not None and number > last:
            return frames, None
        count = number
        if selection is not None and number not in selection:
            continue
        if len(frames) == max_pages:
            raise ResourceLimitError(f"more than {max_pages} frames", file=name)
        total += frame.width * frame.height
        _check_pixels(frame.width, frame.height, total, name)
        turned = ImageOps.exif_transpose(frame) or frame
        frames.append((number, to_rgb(turned)))
    return frames, count


@contextlib.contextmanager
def _truncated_allowed() -> Iterator[None]:
    """Let Pillow decode a truncated picture as far as its data goes (grey below)."""
    before = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = True
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = before


def _register_heif(name: str) -> None:
    """Teach Pillow HEIC/AVIF through pillow-heif, or say which extra to install."""
    try:
        import pillow_heif
    except ImportError as exc:
        raise UnsupportedFormatError(
            "HEIC/AVIF pictures need the extra 'heif' (pip install 'checkup2action[heif]')",
            file=name,
        ) from exc
    pillow_heif.register_heif_opener()


def _decode(path: Path, max_pages: int, selection: PageSelection | None) -> tuple[Frames, float]:
    """Open and decode every (selected) frame, with Pillow's own bomb check on (our limits are
    lower)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(path) as img:  # each frame's size is checked before it is decoded
            return upright_frames(img, max_pages, path.name, selection), image_dpi(img)


_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, zlib.error, IndexError, KeyError)


def _unsupported(exc: Exception) -> bool:
    """Whether a decoding error says a codec or pixel format is missing, not that data is bad."""
    text = str(exc).lower()
    return any(k in text for k in ("not available", "unsupported", "not supported", "unknown raw"))


def _uniform(frame: Image.Image) -> bool:
    """Whether every pixel of a frame has one colour (a truncated file that held no pixels)."""
    extrema = frame.getextrema()  # (low, high) of each band
    return all(low == high for low, high in extrema)  # type: ignore[misc]


def decode_frames(
    path: Path, max_pages: int, selection: PageSelection | None = None
) -> tuple[Frames, float, bool]:
    """The (selected) frames and dpi of a picture file, and whether it had to be read as
    truncated."""
    name = path.name
    try:
        try:
            return (*_decode(path, max_pages, selection), False)
        except _DECODE_ERRORS as exc:
            if _unsupported(exc):
                raise UnsupportedImageError(
                    f"the picture's coding cannot be decoded ({type(exc).__name__})", file=name
                ) from exc
            log.debug("picture decoding failed (%s); reading it as truncated", type(exc).__name__)
            with _truncated_allowed():
                decoded, dpi = _decode(path, max_pages, selection)
            if all(_uniform(frame) for _, frame in decoded[0]):  # nothing of it was decoded
                raise CorruptDocumentError("the picture cannot be decoded", file=name) from exc
            return decoded, dpi, True
    except (Image.DecompressionBombError, Image.DecompressionBombWarning, MemoryError) as exc:
        raise ResourceLimitError(f"decompression bomb ({type(exc).__name__})", file=name) from exc
    except UnidentifiedImageError as exc:
        raise CorruptDocumentError("the picture cannot be decoded", file=name) from exc
    except _DECODE_ERRORS as exc:
        raise CorruptDocumentError(
            f"the picture cannot be decoded ({type(exc).__name__})", file=name
        ) from exc


def load_image(
    path: Path,
    *,
    max_pages: int = 200,
    max_file_mb: float = 100.0,
    kind: Format | None = None,
    pages: PageSelection | None = None,
) -> Document:
    """Open a picture file; each frame (each selected frame) becomes a page with its image and
    no words yet."""
    check_size(path, max_file_mb)
    kind = kind or sniff(path)
    if kind == "heif":
        _register_heif(path.name)
    elif kind not in PICTURE_FORMATS:
        raise NotADocumentError("not a picture file", file=path.name)
    doc = Document(path=path, sha256=sha256_of(path), source_format=kind)
    (frames, count), dpi, truncated = decode_frames(path, max_pages, pages)
    if pages is not None and not frames:
        frames_text = "1 frame" if count == 1 else f"{count} frames"
        raise OptionError(f"{none_of(pages)} in the picture ({frames_text})", file=path.name)
    if truncated:
        doc.warnings.append(
            ingest_warning("OK_RECOVERED", "the picture is truncated; what it holds was read")
        )
    doc.warnings += selection_warning(pages, [number for number, _ in frames], count)
    scale = 72.0 / dpi
    for number, frame in frames:
        doc.pages.append(
            Page(
                number=number,
                width=frame.width * scale,
                height=frame.height * scale,
                kind="scanned",
                image=frame,
                dpi=dpi,
            )
        )
    return doc
