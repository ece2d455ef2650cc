"""Drawing helpers shared by the layout families: a canvas that reports text boxes exactly as
pdfplumber will see them, a column table, and the document that collects ground truth."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from fpdf import FPDF
from fpdf.enums import TextMode

from checkup2action.samples.fonts import cjk_ttf
from checkup2action.samples.identity import SeededField, seeded_fields
from checkup2action.samples.results import ResultSpec, winansi
from checkup2action.samples.vocab import charset

Box = tuple[float, float, float, float]
Color = tuple[int, int, int]
BLACK: Color = (0, 0, 0)
RED: Color = (210, 0, 0)
GREY: Color = (110, 110, 110)

# key -> (fpdf family, fpdf style, descent as pdfminer computes char boxes)
FONTS: dict[str, tuple[str, str, float]] = {
    "sans": ("NotoCJK", "", -0.32),
    "sans-bold": ("NotoCJKBold", "", -0.32),
    "helv": ("Helvetica", "", -0.207),
    "helv-bold": ("Helvetica", "B", -0.207),
    "helv-italic": ("Helvetica", "I", -0.207),
    "times": ("Times", "", -0.217),
    "times-bold": ("Times", "B", -0.217),
    "times-italic": ("Times", "I", -0.217),
    "cour": ("Courier", "", -0.194),
    "cour-bold": ("Courier", "B", -0.194),
}
BOLD = {"sans": "sans-bold", "helv": "helv-bold", "times": "times-bold", "cour": "cour-bold"}
BOLD.update({v: v for v in BOLD.values()})
BOLD.update({"helv-italic": "helv-bold", "times-italic": "times-bold"})


def union(boxes: Iterable[Box]) -> Box:
    """Smallest box holding all ``boxes``."""
    bs = list(boxes)
    return (
        min(b[0] for b in bs),
        min(b[1] for b in bs),
        max(b[2] for b in bs),
        max(b[3] for b in bs),
    )


class Canvas:
    """An fpdf2 document (A4 unless ``size`` gives (width, height) in points) with deterministic
    metadata and box-reporting text drawing."""

    def __init__(self, created: datetime, size: tuple[float, float] | None = None):
        chars = charset()
        self.charset = set(chars)
        pdf = FPDF(unit="pt", format=size or "A4")
        pdf.set_auto_page_break(False)
        pdf.set_margins(0, 0, 0)
        pdf.set_creation_date(created)
        pdf.set_producer("checkup2action.samples")
        pdf.set_creator("checkup2action.samples")
        pdf.add_font("NotoCJK", fname=str(cjk_ttf(chars)))
        pdf.add_font("NotoCJKBold", fname=str(cjk_ttf(chars, bold=True)))
        self.pdf = pdf
        self.W, self.H = pdf.w, pdf.h
        self.on_page_end: Callable[[int], None] | None = None

    @property
    def page(self) -> int:
        return self.pdf.page

    def add_page(self) -> None:
        """Start a new page, first closing the current one (``on_page_end`` draws footers)."""
        if self.pdf.page > 0 and self.on_page_end:
            self.on_page_end(self.pdf.page)
        self.pdf.add_page()

    def _font(self, s: str, font: str, bold: bool) -> str:
        if bold:
            font = BOLD.get(font, font)
        if not font.startswith("sans") and not winansi(s):
            font = "sans-bold" if font.endswith("bold") else "sans"
        if font.startswith("sans"):
            missing = sorted({c for c in s if c not in self.charset})
            if missing:
                raise ValueError(f"characters missing from the generator charset: {missing!r}")
        return font

    def width(self, s: str, font: str = "sans", size: float = 9, bold: bool = False) -> float:
        key = self._font(s, font, bold)
        fam, style, _ = FONTS[key]
        self.pdf.set_font(fam, style, size)
        return self.pdf.get_string_width(s)

    def text(
        self,
        x: float,
        baseline: float,
        s: str,
        *,
        font: str = "sans",
        size: float = 9,
        color: Color = BLACK,
        bold: bool = False,
        align: str = "L",
    ) -> Box:
        """Draw ``s`` with its baseline at ``baseline``; ``x`` is the left/right/centre for
        ``align`` L/R/C. Returns the box pdfplumber reports for the drawn characters."""
        key = self._font(s, font, bold)
        fam, style, descent = FONTS[key]
        pdf = self.pdf
        pdf.set_font(fam, style, size)
        w = pdf.get_string_width(s)
        x0 = x - w if align == "R" else x - w / 2 if align == "C" else x
        pdf.set_text_color(*color)
        if key == "sans-bold":
            # Stroke the glyphs to look bold; q/Q keeps the render mode from leaking.
            with pdf.local_context(text_mode=TextMode.FILL_STROKE, line_width=size * 0.035,
                                   draw_color=color):  # fmt: skip
                pdf.text(x0, baseline, s)
        else:
            pdf.text(x0, baseline, s)
        bottom = baseline - descent * size
        return (x0, bottom - size, x0 + w, bottom)

    def line(self, x0: float, y0: float, x1: float, y1: float, width: float = 0.5,
             color: Color = BLACK) -> None:  # fmt: skip
        self.pdf.set_draw_color(*color)
        self.pdf.set_line_width(width)
        self.pdf.line(x0, y0, x1, y1)

    def rect(self, x: float, y: float, w: float, h: float, *, fill: Color | None = None,
             stroke: Color | None = BLACK, width: float = 0.5, radius: float = 0.0) -> None:  # fmt: skip
        style = ("F" if fill else "") + ("D" if stroke else "")
        if fill:
            self.pdf.set_fill_color(*fill)
        if stroke:
            self.pdf.set_draw_color(*stroke)
            self.pdf.set_line_width(width)
        if radius:
            self.pdf.rect(x, y, w, h, style=style, round_corners=True, corner_radius=radius)
        else:
            self.pdf.rect(x, y, w, h, style=style)

    def wrap(self, s: str, max_w: float, font: str = "sans", size: float = 9,
             bold: bool = False) -> list[str]:  # fmt: skip
        """Greedy line breaking: at spaces for Latin text, anywhere for CJK text."""
        if self.width(s, font, size, bold) <= max_w:
            return [s]
        lines: list[str] = []
        cur = ""
        tokens = s.split(" ") if " " in s and s.isascii() else list(s)
        sep = " " if " " in s and s.isascii() else ""
        for tok in tokens:
            trial = f"{cur}{sep}{tok}" if cur else tok
            if cur and self.width(trial, font, size, bold) > max_w:
                lines.append(cur)
                cur = tok
            else:
                cur = trial
        lines.append(cur)
        return lines

    def output(self) -> bytes:
        return bytes(self.pdf.output())


@dataclass
class Cell:
    """Content of one table cell."""

    text: str
    bold: bool = False
    color: Color = BLACK
    font: str | None = None
    size: float | None = None
    lines: list[str] | None = None  # explicit line breaks (e.g. a range split in a narrow column)
    dy: float = 0.0  # printed this far below the row's baseline (booklets printed out of register)


@dataclass
class Col:
    key: str
    x0: float
    x1: float
    align: str = "L"
    header: str = ""
    wrap: bool = False


class Table:
    """Columns at fixed positions; rows of one or more text lines."""

    def __init__(self, cv: Canvas, cols: list[Col], *, font: str, size: float,
                 line_h: float | None = None, pad: float = 2.0):  # fmt: skip
        self.cv, self.cols, self.font, self.size = cv, cols, font, size
        self.line_h = line_h or size * 1.3
        self.pad = pad

    def _cell(self, c: Cell | str) -> Cell:
        return Cell(c) if isinstance(c, str) else c

    def lines(self, col: Col, cell: Cell) -> list[str]:
        if cell.lines:
            return cell.lines
        if not col.wrap:
            return [cell.text]
        size = cell.size or self.size
        return self.cv.wrap(cell.text, col.x1 - col.x0 - 2, cell.font or self.font, size, cell.bold)

    def height(self, cells: Mapping[str, Cell | str]) -> float:
        n = max((len(self.lines(c, self._cell(cells[c.key]))) for c in self.cols if c.key in cells),
                default=1)  # fmt: skip
        return n * self.line_h + 2 * self.pad

    def row(self, y: float, cells: Mapping[str, Cell | str]) -> tuple[float, dict[str, Box]]:
        """Draw a row whose top is ``y``; returns (height, boxes of the non-empty cells)."""
        boxes: dict[str, Box] = {}
        for col in self.cols:
            if col.key not in cells:
                continue
            cell = self._cell(cells[col.key])
            size = cell.size or self.size
            got = []
            for i, ln in enumerate(self.lines(col, cell)):
                if not ln:
                    continue
                base = y + self.pad + i * self.line_h + self.line_h / 2 + 0.35 * size + cell.dy
                x = (
                    col.x1
                    if col.align == "R"
                    else (col.x0 + col.x1) / 2
                    if col.align == "C"
                    else col.x0
                )
                got.append(self.cv.text(x, base, ln, font=cell.font or self.font, size=size,
                                        color=cell.color, bold=cell.bold, align=col.align))  # fmt: skip
            if got:
                boxes[col.key] = union(got)
        return self.height(cells), boxes

    def header(self, y: float, *, font: str | None = None, size: float | None = None,
               bold: bool = True, color: Color = BLACK) -> float:  # fmt: skip
        cells = {c.key: Cell(c.header, bold=bold, font=font, size=size, color=color)
                 for c in self.cols if c.header}  # fmt: skip
        h, _ = self.row(y, cells)
        return h

    def vlines(self, y0: float, y1: float, width: float = 0.5, outer: bool = True) -> None:
        xs = [c.x0 - 3 for c in self.cols] + [self.cols[-1].x1 + 3]
        if not outer:
            xs = xs[1:-1]
        for x in xs:
            self.cv.line(x, y0, x, y1, width)

    @property
    def left(self) -> float:
        return self.cols[0].x0 - 3

    @property
    def right(self) -> float:
        return self.cols[-1].x1 + 3


#: Page count of the document being built, known on the second of the generator's two passes
#: (footers print "Page n of N" while they are drawn, never by revisiting earlier pages).
PAGE_TOTAL: ContextVar[int | None] = ContextVar("PAGE_TOTAL", default=None)
#: Whether families print seeded identities (``samples.identity``) with their patient fields.
SEED_IDENTITIES: ContextVar[bool] = ContextVar("SEED_IDENTITIES", default=False)


@dataclass
class Document:
    """A report under construction: canvas, identifiers printed, ground-truth rows.

    Families set ``footer(n, total)`` before drawing; it runs as each page is closed.
    """

    family: str
    seed: int
    language: str
    rng: random.Random
    created: datetime = field(default_factory=lambda: datetime(2025, 1, 1, tzinfo=UTC))
    patient: dict[str, Any] = field(default_factory=dict)
    identifiers: list[str] = field(default_factory=list)
    results: list[dict[str, Any]] = field(default_factory=list)
    footer: Callable[[int, int], None] | None = None
    page_size: tuple[float, float] | None = None  # points; None: A4
    seeded: list[SeededField] | None = None  # drawn once, on the first ``seeded_fields`` call
    vitals: list[dict[str, Any]] = field(default_factory=list)  # samples.vitals truth records
    findings: list[dict[str, Any]] = field(default_factory=list)  # samples.exams truth records
    summary: list[dict[str, Any]] = field(default_factory=list)  # summary items as printed
    sections: list[dict[str, Any]] = field(default_factory=list)  # headings: title, kind, page

    def __post_init__(self) -> None:
        self.cv = Canvas(self.created, self.page_size)
        self.total_pages = PAGE_TOTAL.get()
        self.cv.on_page_end = self._page_end

    def _page_end(self, n: int) -> None:
        if self.footer:
            self.footer(n, self.total_pages or 0)

    def identify(self, *strings: str) -> None:
        """Register printed names / IDs (the pipeline must never output them)."""
        for s in strings:
            if s and s not in self.identifiers:
                self.identifiers.append(s)

    def seeded_fields(self, name: str, birth: date) -> list[tuple[str, str]]:
        """``(label, value)`` identifiers to print beside the patient ``name`` when identities
        are seeded (none otherwise); the same ones on every call."""
        if not SEED_IDENTITIES.get():
            return []
        if self.seeded is None:
            rng = random.Random(f"checkup2action.samples.identity:{self.family}:{self.seed}")
            self.seeded = [SeededField("name", "", name), *seeded_fields(rng, self.language, birth)]
            self.identify(*(f.text for f in self.seeded))
        return [(f.label, f.text) for f in self.seeded if f.label]

    def record(self, spec: ResultSpec, boxes: Iterable[Box], panel: str | None = None) -> None:
        if panel is not None:
            spec.panel = panel
        self.results.append(spec.truth(self.cv.page, union(boxes)))

    def finish(self, footer: Callable[[int, int], None] | None = None) -> tuple[bytes, dict]:
        """Close the last page and return (pdf, truth); the PDF is only rendered once the page
        count is known (second pass), otherwise ``b""``."""
        if footer is not None:
            self.footer = footer
        total = self.cv.page
        self._page_end(total)
        truth: dict[str, Any] = {
            "generator": "checkup2action.samples",
            "truth_version": 1,
            "family": self.family,
            "seed": self.seed,
            "language": self.language,
            "page_count": total,
            "patient": self.patient,
            "identifiers": self.identifiers,
            "lab_results": self.results,
        }
        if self.vitals:
            truth["vitals"] = self.vitals
        for key in ("findings", "summary", "sections"):
            if getattr(self, key):
                truth[key] = getattr(self, key)
        if self.seeded:
            truth["seeded_identifiers"] = [{"kind": f.kind, "text": f.text} for f in self.seeded]
        return (self.cv.output() if self.total_pages is not None else b""), truth
