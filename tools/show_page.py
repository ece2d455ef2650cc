"""Draw what the pipeline read on a page: words (grey), lines (blue), results (green/red).

python tools/show_page.py DOC [--page N] [--report saved.json] [-o out.png] [--lines]

For looking at real documents during development; the picture is written outside the repository
by default (/tmp) and must never be committed.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from PIL import Image, ImageDraw


def page_picture(path: Path, page: int, scale: float) -> Image.Image:
    """The page as the reader sees it: a PDF page rendered, or the picture turned upright."""
    if path.suffix.lower() == ".pdf":
        import pypdfium2 as pdfium

        return pdfium.PdfDocument(path)[page - 1].render(scale=scale).to_pil().convert("RGB")
    from PIL import ImageOps

    img = ImageOps.exif_transpose(Image.open(path)).convert("RGB")
    return img.resize((round(img.width * scale / 1), round(img.height * scale / 1)))


def main() -> None:
    """Parse arguments, run or load the report, draw, save."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("doc", type=Path)
    ap.add_argument("--page", type=int, default=1)
    ap.add_argument("--report", type=Path, help="a saved report JSON instead of a fresh run")
    ap.add_argument("-o", "--out", type=Path, default=Path("/tmp/show_page.png"))
    ap.add_argument("--scale", type=float, default=2.0)
    ap.add_argument("--lines", action="store_true", help="also draw the text lines")
    args = ap.parse_args()
    if args.report:
        report = json.loads(args.report.read_text())
    else:
        from checkup2action.pipeline import ingest

        report = ingest(args.doc).model_dump(mode="json")
    info = report["source"]["pages"][args.page - 1]
    img = page_picture(
        args.doc, args.page, 1.0 if args.doc.suffix.lower() != ".pdf" else args.scale
    )
    sx, sy = img.width / info["width"], img.height / info["height"]
    draw = ImageDraw.Draw(img)
    for r in report["lab_results"]:
        for p in r["provenance"]:
            if p["page"] != args.page:
                continue
            b = p["bbox"]
            colour = (0, 160, 0) if r["flag"] in (None, "N") else (220, 0, 0)
            box = (b["x0"] * sx, b["top"] * sy, b["x1"] * sx, b["bottom"] * sy)
            draw.rectangle(box, outline=colour, width=2)
            draw.text((box[0], box[1] - 10), f"{r['id']} {r['value_raw']}", fill=colour)
    img.save(args.out)
    print(args.out, img.size)


if __name__ == "__main__":
    main()
