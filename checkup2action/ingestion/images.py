"""Load picture files (PNG, JPEG, TIFF, BMP, WebP) as pages to be read by OCR."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from checkup2action.errors import CorruptDocumentError, NotADocumentError, ResourceLimitError
from checkup2action.ingestion.document import Document, Page
from checkup2action.ingestion.pdf import sha256_of

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp"})
# A phone photo carries no real resolution: read it as if scanned at this many pixels per inch.
DEFAULT_DPI = 200.0
MAX_PIXELS = 80_000_000


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


def upright_frames(img: Image.Image, max_pages: int, name: str) -> list[Image.Image]:
    """Every frame of a picture as RGB, turned as its EXIF orientation says."""
    frames: list[Image.Image] = []
    for frame in ImageSequence.Iterator(img):
        if len(frames) == max_pages:
            raise ResourceLimitError(f"more than {max_pages} frames", file=name)
        if frame.width * frame.height > MAX_PIXELS:
            raise ResourceLimitError(f"frame of {frame.width}×{frame.height} pixels", file=name)
        turned = ImageOps.exif_transpose(frame) or frame
        frames.append(turned.convert("RGB"))
    return frames


def load_image(path: Path, *, max_pages: int = 200, max_file_mb: float = 100.0) -> Document:
    """Open a picture file; each frame becomes a page with its image and no words yet."""
    size_mb = path.stat().st_size / 1e6
    if size_mb > max_file_mb:
        raise ResourceLimitError(
            f"file is {size_mb:.0f} MB (limit {max_file_mb:.0f} MB)", file=path.name
        )
    doc = Document(path=path, sha256=sha256_of(path))
    try:
        with Image.open(path) as img:
            dpi = image_dpi(img)
            frames = upright_frames(img, max_pages, path.name)
    except UnidentifiedImageError as exc:
        raise NotADocumentError("not a PDF or a picture file", file=path.name) from exc
    except (OSError, ValueError) as exc:
        raise CorruptDocumentError(
            f"the picture cannot be decoded ({type(exc).__name__})", file=path.name
        ) from exc
    for number, frame in enumerate(frames, start=1):
        scale = 72.0 / dpi
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
