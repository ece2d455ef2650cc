"""A page picture with the box of every lab result drawn on it, coloured by flag: what
``/v1/reports/{id}/pages/{n}.png?boxes=true`` answers (the viewer draws its own, live)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any, Final

from PIL import Image, ImageDraw

#: Outline colours by flag: high red, low blue, other abnormal orange, normal green.
COLOURS: Final = {"H": "#d62728", "HH": "#8b0000", "L": "#1f77b4", "LL": "#08306b"}
ABNORMAL: Final = "#ff7f0e"
NORMAL: Final = "#2ca02c"
REVIEW: Final = "#9467bd"


def _colour(result: dict[str, Any]) -> str:
    """A result's outline colour."""
    flag = result.get("flag")
    if flag in COLOURS:
        return COLOURS[flag]
    if flag not in (None, "N", "normal"):
        return ABNORMAL
    return REVIEW if result.get("needs_review") else NORMAL


def page_with_boxes(folder: Path, number: int) -> bytes:
    """Page ``number`` of a job's pictures with its results' boxes drawn, as PNG bytes."""
    report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    sizes = {s["page"]: s for s in json.loads((folder / "pages" / "pages.json").read_text())}
    size = sizes[number]
    image = Image.open(folder / "pages" / f"{number}.png").convert("RGB")
    sx, sy = size["width_px"] / size["width_pt"], size["height_px"] / size["height_pt"]
    draw = ImageDraw.Draw(image)
    for result in report.get("lab_results", []):
        for prov in result.get("provenance", []):
            if prov.get("page") != number:
                continue
            box = prov["bbox"]
            corners = (box["x0"] * sx, box["top"] * sy, box["x1"] * sx, box["bottom"] * sy)
            draw.rectangle(corners, outline=_colour(result), width=2)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()
