"""Dense scanned pages for the OCR speed bench, with their true text.

A page is one generated report's table continued from its second page onto its first, so that
~40 result rows stand on one A4 page (the families print at most ~36 per page): page 1 down to its
last result row, then the next rows of page 2 (without page 2's header), both scaled together to
fit A4, rendered at 200 dpi and degraded as a flatbed scan (``degrade_page`` with the ``scan``
preset's blur, noise, skew, JPEG and light, but 200 dpi and upright). Each page is written as
``<stem>.png`` beside ``<stem>.truth.json``: the lab results (``bbox`` in points of the picture,
as ``checkup2action.samples.scoring`` wants) and every printed word with its box in pixels.
``--kind scan|photo|hard`` writes ordinary generated pages degraded that way instead.

Used by ``bench/speed.py --scanned`` and by the OCR settings study ``bench/ocr_study.py``.

    python bench/scanned.py build OUT_DIR [--pages 8] [--kind dense|scan|photo|hard]
"""

from __future__ import annotations

import argparse
import io
import json
import random
import unicodedata
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

A4 = (595.0, 842.0)  # points
DPI = 200
ROWS = 40
BOTTOM_MARGIN = 36.0  # points left free under the table
#: (family, seed): reports whose table runs over two pages with >= 40 result rows in all (seeds
#: 0-39 of every family print at most 36 result rows on one page).
CANDIDATES = (
    ("en_us_lab", 8),
    ("zh_hant_booklet", 1),
    ("en_headerless", 0),
    ("zh_checkup_multi", 3),
    ("en_eu_decimal_comma", 11),
    ("zh_hant_booklet", 3),
    ("en_us_lab", 9),
    ("zh_checkup_multi", 9),
    ("en_us_lab", 11),
    ("zh_hant_booklet", 11),
)

Box = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class Band:
    """A horizontal strip of one source page, in points."""

    page: int  # 0-based page of the source PDF
    top: float
    bottom: float


# ---------------------------------------------------------------- building the page set


def _words(pdf: bytes, page: int) -> list[dict[str, Any]]:
    """pdfplumber words of one page (points, top-left origin)."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return doc.pages[page].extract_words(keep_blank_chars=False, use_text_flow=False)


def _cut_below(words: list[dict[str, Any]], y: float) -> float:
    """A cut just below ``y`` that crosses no word: halfway to the next word top."""
    below = [w["top"] for w in words if w["top"] >= y - 0.5]
    return min(y + 4.0, (y + min(below)) / 2) if below else y + 4.0


def _cut_above(words: list[dict[str, Any]], y: float) -> float:
    """A cut just above ``y`` that crosses no word: halfway to the previous word bottom."""
    above = [w["bottom"] for w in words if w["bottom"] <= y + 0.5]
    return max(y - 4.0, (y + max(above)) / 2) if above else y - 4.0


def plan_bands(truth: dict[str, Any], pdf: bytes, rows: int) -> tuple[list[Band], list[dict]]:
    """The strips that put ``rows`` result rows on one page, and the rows they carry."""
    results = [r for r in truth["lab_results"] if r.get("bbox")]
    pages = sorted({r["page"] for r in results})
    first = [r for r in results if r["page"] == pages[0]]
    words = _words(pdf, pages[0] - 1)
    if len(first) >= rows or len(pages) < 2:
        taken = first[:rows]
        bottom = _cut_below(words, max(r["bbox"][3] for r in taken))
        return [Band(pages[0] - 1, 0.0, bottom)], taken
    more = sorted((r for r in results if r["page"] == pages[1]), key=lambda r: r["bbox"][1])
    more = more[: rows - len(first)]
    bands = [Band(pages[0] - 1, 0.0, _cut_below(words, max(r["bbox"][3] for r in first)))]
    words2 = _words(pdf, pages[1] - 1)
    top = _cut_above(words2, min(r["bbox"][1] for r in more))
    bands.append(Band(pages[1] - 1, top, _cut_below(words2, max(r["bbox"][3] for r in more))))
    return bands, first + more


def compose(pdf: bytes, bands: list[Band]) -> tuple[Any, list[tuple[Band, float, float, float]]]:
    """Render the strips stacked on one A4 page at DPI; returns the picture and each strip's map.

    The map of a strip is ``(band, scale, dx, dy)``: a source point (x, y) lands at
    ``(x * scale + dx, (y - band.top) * scale + dy)`` points on the new page.
    """
    import pypdfium2 as pdfium
    from PIL import Image

    height = sum(b.bottom - b.top for b in bands)
    scale = min(1.0, (A4[1] - BOTTOM_MARGIN) / height)
    px = DPI / 72.0
    canvas = Image.new("RGB", (round(A4[0] * px), round(A4[1] * px)), (255, 255, 255))
    doc = pdfium.PdfDocument(pdf)
    maps = []
    try:
        y_px = 0
        for band in bands:
            k = px * scale
            img = doc[band.page].render(scale=k).to_pil().convert("RGB")
            top_px, bottom_px = round(band.top * k), round(band.bottom * k)
            strip = img.crop((0, top_px, img.width, bottom_px))
            dx_px = round((canvas.width - img.width) / 2)
            canvas.paste(strip, (dx_px, y_px))
            maps.append((band, scale, dx_px / px, y_px / px - (top_px / k - band.top) * scale))
            y_px += strip.height
    finally:
        doc.close()
    return canvas, maps


def _mapped(box: Box, band: Band, scale: float, dx: float, dy: float) -> Box:
    """A source box on the new page (points)."""
    x0, top, x1, bottom = box
    return (x0 * scale + dx, (top - band.top) * scale + dy, x1 * scale + dx,
            (bottom - band.top) * scale + dy)  # fmt: skip


def page_words(pdf: bytes, maps: list[tuple[Band, float, float, float]]) -> list[tuple[str, Box]]:
    """Every printed word that stands in a strip, with its box on the new page (points)."""
    out = []
    for band, scale, dx, dy in maps:
        for w in _words(pdf, band.page):
            yc = (w["top"] + w["bottom"]) / 2
            if band.top <= yc < band.bottom:
                box = (w["x0"], w["top"], w["x1"], w["bottom"])
                out.append((w["text"], _mapped(box, band, scale, dx, dy)))
    return out


def build_page(family: str, seed: int, out_dir: Path, rows: int = ROWS) -> Path:
    """One dense degraded page ``<family>_<seed>_dense.png`` and its truth JSON; returns the PNG."""
    from checkup2action.samples.degrade import degrade_page, preset
    from checkup2action.samples.generator import generate

    gen = generate(family, seed)
    bands, taken = plan_bands(gen.truth, gen.pdf, rows)
    image, maps = compose(gen.pdf, bands)
    rng = random.Random(f"bench.scanned:{family}:{seed}")
    deg = replace(preset("scan", rng), dpi=DPI, rotation=0, exif_orientation=1)
    picture, tf = degrade_page(image, deg, rng)
    by_page = {m[0].page + 1: m for m in maps}
    results = []
    for r in taken:
        band, scale, dx, dy = by_page[r["page"]]
        px_box = tf.apply_box(_mapped(tuple(r["bbox"]), band, scale, dx, dy))
        row = dict(r, page=1, bbox=[v * 72.0 / DPI for v in px_box])
        results.append(row)
    words = [
        (text, [round(v, 1) for v in tf.apply_box(box)]) for text, box in page_words(gen.pdf, maps)
    ]
    truth = dict(gen.truth, page_count=1, lab_results=results, words=words,
                 degradation={"kind": "scan", **asdict(deg)})  # fmt: skip
    stem = f"{family}_{seed}_dense"
    path = out_dir / f"{stem}.png"
    picture.save(path, "PNG", dpi=(DPI, DPI))
    (out_dir / f"{stem}.truth.json").write_text(json.dumps(truth, ensure_ascii=False), "utf-8")
    return path


def build_pages(out_dir: Path, pages: int) -> list[Path]:
    """The first ``pages`` dense pages of CANDIDATES in ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    return [build_page(family, seed, out_dir) for family, seed in CANDIDATES[:pages]]


def build_variant_pages(out_dir: Path, kind: str, pages: int, seed: int = 2000) -> list[Path]:
    """Ordinary generated pages degraded as ``scan`` / ``photo`` / ``hard`` (upright ones only).

    For checking that a setting keeps its text accuracy beyond the dense scans; truth as above.
    """
    from checkup2action.samples.degrade import degrade_report
    from checkup2action.samples.generator import FAMILY_NAMES, generate

    out_dir.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    i = 0
    while len(paths) < pages:
        family = FAMILY_NAMES[i % len(FAMILY_NAMES)]
        gen = generate(family, seed + i)
        deg = degrade_report(gen, kind, i)
        i += 1
        if deg.degradation.rotation or deg.degradation.exif_orientation != 1:
            continue  # the engine sees stored pixels: keep the truth boxes simple
        for n, (img, tf) in enumerate(zip(deg.images, deg.transforms, strict=True), start=1):
            band = Band(n - 1, 0.0, 1e9)
            words = [(t, [round(v, 1) for v in tf.apply_box(b)])
                     for t, b in page_words(gen.pdf, [(band, 1.0, 0.0, 0.0)])]  # fmt: skip
            dpi = deg.degradation.dpi
            rows = [dict(r, page=1, bbox=[v * 72.0 / dpi for v in r["bbox_px"]])
                    for r in deg.truth["lab_results"] if r["page"] == n and r.get("bbox_px")]  # fmt: skip
            truth = dict(gen.truth, page_count=1, lab_results=rows, words=words)
            stem = f"{family}_{gen.seed}_{kind}_p{n}"
            img.save(out_dir / f"{stem}.png", "PNG", dpi=(dpi, dpi))
            (out_dir / f"{stem}.truth.json").write_text(json.dumps(truth, ensure_ascii=False))
            paths.append(out_dir / f"{stem}.png")
            if len(paths) == pages:
                break
    return paths


def load_truth(png: Path) -> dict[str, Any]:
    """The truth JSON written beside a page picture."""
    return json.loads(png.with_name(png.name.replace(".png", ".truth.json")).read_text("utf-8"))


def count_found(mode: str, pages: list[Path], outputs: list[Any]) -> tuple[int, int]:
    """Pipeline: truth rows matched / truth rows. Plain OCR: lines read / truth words."""
    from checkup2action.samples.scoring import score_document

    found = truth = 0
    for page, out in zip(pages, outputs, strict=True):
        expected = load_truth(page)
        if mode == "plain_rapidocr":
            found += len(getattr(out, "txts", None) or ())
            truth += len(expected["words"])
        else:
            tally = score_document(expected, out.model_dump(mode="json"), page.name)
            found, truth = found + tally.matched, truth + tally.truth_rows
    return found, truth


# ---------------------------------------------------------------- text accuracy of OCR lines


def _norm(text: str) -> str:
    """NFKC without whitespace: the form both sides are compared in."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance between two strings."""
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


@dataclass(slots=True)
class TextScore:
    """Character errors of OCR lines against the printed words of the page."""

    chars: int = 0  # true characters
    edits: int = 0  # substitutions + insertions + deletions (missed words count whole)
    lines: int = 0
    exact: int = 0  # OCR lines equal to the words under them

    def add(self, other: TextScore) -> None:
        """Accumulate another page."""
        self.chars += other.chars
        self.edits += other.edits
        self.lines += other.lines
        self.exact += other.exact

    @property
    def cer(self) -> float:
        """Character error rate."""
        return self.edits / self.chars if self.chars else 0.0


def score_lines(lines: list[tuple[str, Box]], words: list[tuple[str, Box]]) -> TextScore:
    """CER of OCR ``lines`` (text, pixel box) against true ``words`` (text, pixel box).

    Each true word goes to the line whose box holds the word's centre (the nearest by height when
    several do); a line is compared with its words in x order. Words no line holds are misses.
    """
    assigned: list[list[tuple[float, str]]] = [[] for _ in lines]
    score = TextScore(lines=len(lines))
    for text, (x0, top, x1, bottom) in words:
        xc, yc = (x0 + x1) / 2, (top + bottom) / 2
        holders = [
            (abs((b[1] + b[3]) / 2 - yc), i)
            for i, (_, b) in enumerate(lines)
            if b[0] - 2 <= xc <= b[2] + 2 and b[1] - 2 <= yc <= b[3] + 2
        ]
        score.chars += len(_norm(text))
        if holders:
            assigned[min(holders)[1]].append((x0, text))
        else:
            score.edits += len(_norm(text))
    for (text, _), got in zip(lines, assigned, strict=True):
        truth = _norm("".join(t for _, t in sorted(got)))
        d = edit_distance(_norm(text), truth)
        score.edits += d
        score.exact += d == 0 and bool(truth)
    return score


def main() -> None:
    """Command line: build a page set."""
    ap = argparse.ArgumentParser(description=__doc__)
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build")
    b.add_argument("out", type=Path)
    b.add_argument("--pages", type=int, default=8)
    b.add_argument("--kind", choices=("dense", "scan", "photo", "hard"), default="dense")
    args = ap.parse_args()
    if args.kind == "dense":
        built = build_pages(args.out, args.pages)
    else:
        built = build_variant_pages(args.out, args.kind, args.pages)
    for path in built:
        print(path)


if __name__ == "__main__":
    main()
