"""Intermediate types of the ingest stage: a document as pages of words and rulings."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from checkup2action.report.models import PageKind, ReportWarning


@dataclass(frozen=True, slots=True)
class Word:
    """One word on a page with its box (PDF points, top-left origin) and style."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    page: int
    fontname: str = ""
    size: float = 0.0
    color: tuple[float, float, float] | None = None
    confidence: float | None = None
    char_x0s: tuple[float, ...] | None = None  # left edge of each character, when known

    @property
    def height(self) -> float:
        """Glyph box height."""
        return self.bottom - self.top

    @property
    def xc(self) -> float:
        """Horizontal centre."""
        return (self.x0 + self.x1) / 2

    @property
    def yc(self) -> float:
        """Vertical centre."""
        return (self.top + self.bottom) / 2

    @property
    def bold(self) -> bool:
        """Whether the font name says bold/black/heavy."""
        name = self.fontname.lower()
        return any(k in name for k in ("bold", "black", "heavy", "semibold", "demi"))

    @property
    def red(self) -> bool:
        """Whether the fill colour is a red (abnormal values are often printed red)."""
        if self.color is None:
            return False
        r, g, b = self.color
        return r >= 0.5 and g <= 0.4 and b <= 0.4 and r - max(g, b) >= 0.3


def char_edges(word: Word) -> list[float]:
    """x of every character boundary (len(text) + 1 values): exact when known, else proportional."""
    n = len(word.text)
    if word.char_x0s is not None and len(word.char_x0s) == n:
        return [*word.char_x0s, word.x1]
    step = (word.x1 - word.x0) / max(n, 1)
    return [word.x0 + i * step for i in range(n + 1)]


def split_word(word: Word, index: int) -> tuple[Word, Word]:
    """Split a word before character `index` into two words with their own boxes."""
    edges = char_edges(word)
    cx = word.char_x0s
    left = replace(
        word, text=word.text[:index], x1=edges[index], char_x0s=cx[:index] if cx else None
    )
    right = replace(
        word, text=word.text[index:], x0=edges[index], char_x0s=cx[index:] if cx else None
    )
    return left, right


@dataclass(frozen=True, slots=True)
class Ruling:
    """A horizontal or vertical drawn line segment (table border)."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        """True for a horizontal segment."""
        return (self.x1 - self.x0) >= (self.bottom - self.top)


@dataclass(slots=True)
class Page:
    """One page's content."""

    number: int
    width: float
    height: float
    kind: PageKind
    words: list[Word] = field(default_factory=list)
    rulings: list[Ruling] = field(default_factory=list)
    rotation: int = 0  # the page's /Rotate; words and rulings are in the unrotated frame
    skew: float = 0.0  # degrees the words were turned (about the page centre) to level them
    garbage_text_layer: bool = False  # a text layer was there but unreadable, so it was dropped
    image: Any = None  # a PIL image for pages that come as pictures (photos, scans)
    dpi: float | None = None  # pixels per inch of `image`; points = pixels * 72 / dpi
    # OCR pages. Words, rulings, width and height are in the *working frame*: the page flattened,
    # turned upright and levelled. `transform` (a 3×3 homography, row-major, `[u·w, v·w, w] =
    # M·[x, y, 1]`) maps working-frame points to points of the picture as given (its pixels ×
    # 72 / dpi) and supersedes `rotation` / `skew`, which then only record the quarter turn
    # (the picture is the upright page turned back by `rotation`) and the levelling angle.
    transform: tuple[float, ...] | None = None
    picture_size: tuple[float, float] | None = None  # the picture as given, in points
    unreadable: bool = False  # the file's page could not be read at all (a PAGE_NOT_READ warning)
    blank: bool = False  # a PDF page with no text, no picture and no drawing: nothing to read
    # The prepared picture in the working frame (numpy H×W×3 uint8 RGB: flattened, light evened
    # out, colours kept), for reading rulings or ink colour where the words are. Working-frame
    # points = its pixels × 72 / work_dpi. About 3 bytes a pixel: a caller keeping many pages
    # may set it to None once done with it.
    work_image: Any = None
    work_dpi: float | None = None

    @property
    def display_size(self) -> tuple[float, float]:
        """Width and height of the page as a viewer shows it."""
        if self.picture_size is not None:
            return self.picture_size
        return (
            (self.height, self.width) if self.rotation in (90, 270) else (self.width, self.height)
        )


@dataclass(slots=True)
class Document:
    """A loaded document."""

    path: Path
    sha256: str
    pages: list[Page] = field(default_factory=list)
    warnings: list[ReportWarning] = field(default_factory=list)  # OK_RECOVERED, PAGE_NOT_READ …
    # A damaged PDF that needed a repair pass: the repaired file's bytes, which every later
    # reader of the PDF (rendering for OCR, redaction) opens instead of ``path``.
    repaired_pdf: bytes | None = None
    source_format: str = "pdf"  # what the content is (``ingestion.sniff``), whatever the name

    @property
    def is_pdf(self) -> bool:
        """Whether the document is a PDF (by content: a PNG named ``.pdf`` is not)."""
        return self.source_format == "pdf"

    @property
    def file_name(self) -> str:
        """Base name of the input file."""
        return self.path.name


def ingest_warning(code: str, message: str, page: int | None = None) -> ReportWarning:
    """A warning of the ingest stage."""
    return ReportWarning(stage="ingest", code=code, message=message, page=page)
