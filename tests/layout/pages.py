"""Generated check-up pages rendered at 200 dpi, shared by the layout tests (a helper, not a test)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import pypdfium2 as pdfium
from PIL import Image

from checkup2action.samples.generator import generate

DPI = 200
SCALE = 72.0 / DPI  # points per pixel


@dataclass(frozen=True)
class RenderedPage:
    """One page of a generated report as a picture, with the truth rows on it (in points)."""

    family: str
    seed: int
    page: int
    image: Image.Image
    rows: tuple[tuple[float, float, float, float], ...]
    truth: dict[str, Any]


@cache
def rendered(family: str, seed: int) -> tuple[RenderedPage, ...]:
    """Every page of ``generate(family, seed)`` rendered with pypdfium2 at 200 dpi."""
    gen = generate(family, seed)
    pdf = pdfium.PdfDocument(gen.pdf)
    try:
        pages = []
        for i in range(len(pdf)):
            image = pdf[i].render(scale=DPI / 72).to_pil().convert("RGB")
            rows = tuple(
                (r["bbox"][0], r["bbox"][1], r["bbox"][2], r["bbox"][3])
                for r in gen.truth["lab_results"]
                if r["page"] == i + 1 and r.get("bbox")
            )
            pages.append(RenderedPage(family, seed, i + 1, image, rows, gen.truth))
        return tuple(pages)
    finally:
        pdf.close()
