"""Dense scanned pages for the OCR speed bench, with their true text; and the OCR settings study.

A page is one generated report's table continued from its second page onto its first, so that
~40 result rows stand on one A4 page (the families print at most ~36 per page): page 1 down to its
last result row, then the next rows of page 2 (without page 2's header), both scaled together to
fit A4, rendered at 200 dpi and degraded as a flatbed scan (``degrade_page`` with the ``scan``
preset's blur, noise, skew, JPEG and light, but 200 dpi and upright). Each page is written as
``<stem>.png`` beside ``<stem>.truth.json``: the lab results (``bbox`` in points of the picture,
as ``checkup2action.samples.scoring`` wants) and every printed word with its box in pixels.

    python bench/scanned.py build OUT_DIR [--pages 8] [--kind dense|scan|photo|hard]
    python bench/scanned.py profile PAGE.png            # where the pipeline's time goes
    python bench/scanned.py sweep DIR [--repeat 2]      # RapidOCR settings → s/page and CER
    python bench/scanned.py paired DIR NAME NAME ...    # settings taking turns in one process
    python bench/scanned.py pipeline-score DIR NAME     # full ingest with a setting: rows, fields
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import subprocess
import sys
import time
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


# ---------------------------------------------------------------- where the pipeline's time goes


class StageClock:
    """Wall seconds and calls per named function, from wrappers put around the functions.

    Wrapped functions nest (a stage includes its steps), so the seconds add up like cProfile's
    cumulative time, without cProfile's overhead on the Python steps.
    """

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.calls: dict[str, int] = {}

    def wrap(self, owner: Any, attr: str, name: str) -> None:
        """Time every call of ``owner.attr`` under ``name`` (nothing when it does not exist)."""
        fn = getattr(owner, attr, None)
        if fn is None:
            return

        def timed(*args: Any, **kwargs: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - t0
                self.calls[name] = self.calls.get(name, 0) + 1

        setattr(owner, attr, timed)

    def wrap_module(self, module: Any) -> None:
        """Time the package functions ``module`` calls through its globals (its stage steps)."""
        import inspect

        short = module.__name__.removeprefix("checkup2action.")
        for attr, obj in list(vars(module).items()):
            if inspect.isfunction(obj) and obj.__module__.startswith("checkup2action"):
                self.wrap(module, attr, f"{short}.{attr}")

    def wrap_methods(self, cls: type) -> None:
        """Time the public methods of a class."""
        for attr, obj in list(vars(cls).items()):
            if callable(obj) and not attr.startswith("_"):
                self.wrap(cls, attr, f"{cls.__name__}.{attr}")


#: Pipeline modules whose calls to package functions are timed (missing ones are skipped).
PROFILED_MODULES = (
    "checkup2action.pipeline",
    "checkup2action.ocr.stage",
    "checkup2action.ocr.prepare",
    "checkup2action.ocr.tighten",
    "checkup2action.layout.regions",
)


def profile_page(png: Path, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Ingest one page (OCR engine loaded, one warm-up ingest before); seconds per function.

    ``overrides`` (RapidOCR params) are laid over the pipeline's own, in this process only.
    """
    import importlib

    import checkup2action.ocr.rapid as rapid
    import checkup2action.pipeline as pipeline
    from checkup2action.ocr.rapid import RapidOcrOptions, create_rapid_engine

    if overrides:
        own = rapid.rapid_params
        rapid.rapid_params = lambda options, module: own(options, module) | overrides  # type: ignore[assignment]
    engine = create_rapid_engine(RapidOcrOptions())
    ocr = engine._ocr
    for name in ("_load_det_model", "_load_cls_model", "_load_rec_model"):
        getattr(ocr, name)()
    pipeline.ingest(png)  # warm-up: lazily loaded models and data files
    clock = StageClock()
    for name in PROFILED_MODULES:
        try:
            clock.wrap_module(importlib.import_module(name))
        except ImportError:
            continue
    clock.wrap_methods(type(engine))
    for attr in ("preprocess_img", "detect_and_crop", "cls_and_rotate", "recognize_txt",
                 "calc_word_boxes", "build_final_output"):  # fmt: skip
        clock.wrap(ocr, attr, f"rapidocr.{attr}")
    clock.wrap(ocr.text_det.session.session, "run", "onnx.det")  # inference only
    clock.wrap(ocr.text_rec.session.session, "run", "onnx.rec")
    clock.wrap(ocr.text_rec, "postprocess_op", "rapidocr.rec_ctc_decode")
    widths = _count_rec_padding(ocr.text_rec)
    t0 = time.perf_counter()
    report = pipeline.ingest(png)
    total = time.perf_counter() - t0
    tally = _score(png, report)
    return {"total": total, "seconds": clock.seconds, "calls": clock.calls,
            "rec_width_used_px": widths[0], "rec_width_padded_px": widths[1],
            "matched": tally.matched, "truth_rows": tally.truth_rows}  # fmt: skip


def print_profile(result: dict[str, Any], threshold: float = 0.005) -> None:
    """The profile as a table, slowest first (functions under ``threshold`` s left out)."""
    total = result["total"]
    print(f"ingest {total:.2f}s; rows {result['matched']}/{result['truth_rows']}; recogniser input "
          f"{result['rec_width_used_px']} px of text in {result['rec_width_padded_px']} px padded")  # fmt: skip
    print("| function | calls | seconds | share |")
    print("|---|---|---|---|")
    for name, s in sorted(result["seconds"].items(), key=lambda kv: -kv[1]):
        if s >= threshold:
            print(f"| {name} | {result['calls'][name]} | {s:.3f} | {s / total:.0%} |")


def _count_rec_padding(recognizer: Any) -> list[int]:
    """[text width, padded width] summed over the recogniser's inputs (both at height 48)."""
    import math

    sums = [0, 0]
    resize = recognizer.resize_norm_img

    def counted(img: Any, max_wh_ratio: float) -> Any:
        out = resize(img, max_wh_ratio)
        height = out.shape[1]
        sums[0] += min(out.shape[2], math.ceil(height * img.shape[1] / img.shape[0]))
        sums[1] += out.shape[2]
        return out

    recognizer.resize_norm_img = counted
    return sums


def _score(png: Path, report: Any) -> Any:
    """score_document of one ingested page against its truth."""
    from checkup2action.samples.scoring import score_document

    return score_document(load_truth(png), report.model_dump(mode="json"), png.name)


# ---------------------------------------------------------------- RapidOCR settings study

#: name → RapidOCR overrides on top of the pipeline's own (``rapid_params``); "plain" = none at all.
SETTINGS: dict[str, dict[str, Any] | None] = {
    "plain defaults": None,
    "plain, cls off": {"Global.use_cls": False},
    "pipeline now": {},
    "word boxes off": {"Global.return_word_box": False, "Global.return_single_char_box": False},
    "rec batch 1": {"Rec.rec_batch_num": 1},
    "rec batch 16": {"Rec.rec_batch_num": 16},
    "rec batch 48": {"Rec.rec_batch_num": 48},
    "rec shape 48x160": {"Rec.rec_img_shape": [3, 48, 160]},
    "rec shape 48x96": {"Rec.rec_img_shape": [3, 48, 96]},
    "rec shape 48x48": {"Rec.rec_img_shape": [3, 48, 48]},
    "rec 48x96, batch 16": {"Rec.rec_img_shape": [3, 48, 96], "Rec.rec_batch_num": 16},
    "det 1280": {"Det.limit_side_len": 1280},
    "det 1024": {"Det.limit_side_len": 1024},
    "det 736 min (default)": {"Det.limit_side_len": 736, "Det.limit_type": "min"},
    "max side 2000": {"Global.max_side_len": 2000},
    "max side 1600": {"Global.max_side_len": 1600},
    "1 thread": {"EngineConfig.onnxruntime.intra_op_num_threads": 1},
    "rec 48x96, no word boxes": {
        "Rec.rec_img_shape": [3, 48, 96],
        "Global.return_word_box": False,
        "Global.return_single_char_box": False,
    },
    "rec 48x96, det 1280": {"Rec.rec_img_shape": [3, 48, 96], "Det.limit_side_len": 1280},
    "rec 48x96, det 1280, no word boxes": {
        "Rec.rec_img_shape": [3, 48, 96],
        "Det.limit_side_len": 1280,
        "Global.return_word_box": False,
        "Global.return_single_char_box": False,
    },
}


def settings_params(name: str) -> dict[str, Any] | None:
    """Full RapidOCR params of a named setting (None: RapidOCR's defaults)."""
    import rapidocr

    from checkup2action.ocr.rapid import RapidOcrOptions, rapid_params

    extra = SETTINGS[name] if name in SETTINGS else json.loads(name)
    if extra is None:
        return None
    if "Global.use_cls" in extra and len(extra) == 1 and name.startswith("plain"):
        return extra
    return rapid_params(RapidOcrOptions(), rapidocr) | extra


def sweep_child(name: str, folder: Path) -> None:
    """Read every page with one setting; print JSON with seconds, CPU seconds and text score."""
    import numpy as np
    from PIL import Image
    from rapidocr import RapidOCR

    pages = sorted(folder.glob("*.png"))
    ocr = RapidOCR(params=settings_params(name))
    for loader in ("_load_det_model", "_load_cls_model", "_load_rec_model"):
        getattr(ocr, loader)()
    wall, cpu, score = 0.0, 0.0, TextScore()
    for png in pages:
        bgr = np.ascontiguousarray(np.asarray(Image.open(png).convert("RGB"))[:, :, ::-1])
        t0, c0 = time.perf_counter(), time.process_time()
        out = ocr(bgr)
        wall += time.perf_counter() - t0
        cpu += time.process_time() - c0
        lines = [(str(t), _quad_box(b)) for t, b in zip(out.txts or (), out.boxes, strict=False)]
        score.add(score_lines(lines, [(t, tuple(b)) for t, b in load_truth(png)["words"]]))
    print(json.dumps({"wall": wall / len(pages), "cpu": cpu / len(pages), "cer": score.cer,
                      "lines": score.lines, "exact": score.exact}))  # fmt: skip


def _quad_box(quad: Any) -> Box:
    """Axis-aligned box of a 4×2 array."""
    xs, ys = [float(p[0]) for p in quad], [float(p[1]) for p in quad]
    return (min(xs), min(ys), max(xs), max(ys))


def sweep(folder: Path, names: list[str], repeat: int) -> None:
    """Each setting in a fresh process, settings taking turns, best of ``repeat``; a table."""
    env = {k: v for k, v in os.environ.items() if k != "C2A_OCR_CACHE"}
    runs: dict[str, list[dict]] = {n: [] for n in names}
    for _ in range(repeat):
        for name in names:
            cmd = [sys.executable, __file__, "sweep-child", name, str(folder)]
            out = subprocess.run(cmd, capture_output=True, text=True, check=True, env=env)
            runs[name].append(json.loads(out.stdout.strip().splitlines()[-1]))
            print(f"  {name}: {runs[name][-1]}", file=sys.stderr, flush=True)
    print("| setting | s/page (best) | CPU s/page | CER | lines | exact lines |")
    print("|---|---|---|---|---|---|")
    for name, rs in runs.items():
        best = min(rs, key=lambda r: r["wall"])
        print(f"| {name} | {best['wall']:.2f} | {min(r['cpu'] for r in rs):.2f} | "
              f"{best['cer']:.2%} | {best['lines']} | {best['exact'] / max(best['lines'], 1):.0%} |")  # fmt: skip


def _engine(name: str) -> Any:
    """A RapidOCR instance for a named setting, its models loaded."""
    from rapidocr import RapidOCR

    ocr = RapidOCR(params=settings_params(name))
    for loader in ("_load_det_model", "_load_cls_model", "_load_rec_model"):
        getattr(ocr, loader)()
    return ocr


def paired(folder: Path, names: list[str], repeat: int) -> None:
    """Several settings in one process, taking turns on each page; best of ``repeat`` per page.

    Turns a few seconds apart see the same load from other processes, so the ratios to the first
    setting are steadier than those of separate processes on a shared machine.
    """
    import numpy as np
    from PIL import Image

    engines = {name: _engine(name) for name in names}
    pages = sorted(folder.glob("*.png"))
    best: dict[tuple[str, str], tuple[float, float]] = {}
    for rep in range(repeat):
        for png in pages:
            bgr = np.ascontiguousarray(np.asarray(Image.open(png).convert("RGB"))[:, :, ::-1])
            order = names[rep % len(names) :] + names[: rep % len(names)]
            for name in order:
                t0, c0 = time.perf_counter(), time.process_time()
                engines[name](bgr)
                wall, cpu = time.perf_counter() - t0, time.process_time() - c0
                old = best.get((name, png.name), (float("inf"), float("inf")))
                best[(name, png.name)] = (min(old[0], wall), min(old[1], cpu))
    ref = sum(best[(names[0], p.name)][0] for p in pages)
    print(f"| setting | s/page (best of {repeat}, paired) | CPU s/page | vs {names[0]} |")
    print("|---|---|---|---|")
    for name in names:
        wall = sum(best[(name, p.name)][0] for p in pages)
        cpu = sum(best[(name, p.name)][1] for p in pages)
        n = len(pages)
        print(f"| {name} | {wall / n:.2f} | {cpu / n:.2f} | {wall / ref:.2f} |")


def pipeline_score(folder: Path, name: str) -> None:
    """Ingest every page with the pipeline's RapidOCR params changed by a setting; print a tally.

    The bench patches ``rapid_params`` in this process only; the package is not changed.
    """
    import checkup2action.ocr.rapid as rapid
    from checkup2action.pipeline import ingest
    from checkup2action.samples.scoring import Tally, score_document

    extra = SETTINGS[name] if name in SETTINGS else json.loads(name)
    own = rapid.rapid_params
    rapid.rapid_params = lambda options, module: own(options, module) | (extra or {})  # type: ignore[assignment]
    total, seconds = Tally(), 0.0
    pages = sorted(folder.glob("*.png"))
    for png in pages:
        t0 = time.perf_counter()
        report = ingest(png).model_dump(mode="json")
        seconds += time.perf_counter() - t0
        total.add(score_document(load_truth(png), report, png.name))
    s = total.summary()
    fields = " ".join(f"{k}={s[k]:.3f}" for k in ("value", "unit", "range", "flag", "analyte"))
    print(f"{name}: rows={total.matched}/{total.truth_rows} pred={total.pred_rows} {fields} "
          f"s/page={seconds / len(pages):.2f} (incl. model load)")  # fmt: skip
    for miss in total.misses:
        print("  ", miss, file=sys.stderr)


def main() -> None:
    """Command line: build, profile, sweep, paired, pipeline-score."""
    ap = argparse.ArgumentParser(description=__doc__)
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build")
    b.add_argument("out", type=Path)
    b.add_argument("--pages", type=int, default=8)
    b.add_argument("--kind", choices=("dense", "scan", "photo", "hard"), default="dense")
    p = sub.add_parser("profile")
    p.add_argument("png", type=Path)
    p.add_argument("--params", help="JSON RapidOCR overrides on the pipeline's own")
    s = sub.add_parser("sweep")
    s.add_argument("folder", type=Path)
    s.add_argument("--repeat", type=int, default=2)
    s.add_argument("--only", nargs="*", help="setting names (or JSON overrides)")
    pr = sub.add_parser("paired")
    pr.add_argument("folder", type=Path)
    pr.add_argument("names", nargs="+")
    pr.add_argument("--repeat", type=int, default=3)
    ps = sub.add_parser("pipeline-score")
    ps.add_argument("folder", type=Path)
    ps.add_argument("name")
    c = sub.add_parser("sweep-child")
    c.add_argument("name")
    c.add_argument("folder", type=Path)
    args = ap.parse_args()
    if args.cmd == "build":
        if args.kind == "dense":
            built = build_pages(args.out, args.pages)
        else:
            built = build_variant_pages(args.out, args.kind, args.pages)
        for path in built:
            print(path)
    elif args.cmd == "profile":
        print_profile(profile_page(args.png, json.loads(args.params or "null")))
    elif args.cmd == "paired":
        paired(args.folder, args.names, args.repeat)
    elif args.cmd == "pipeline-score":
        pipeline_score(args.folder, args.name)
    elif args.cmd == "sweep":
        sweep(args.folder, args.only or list(SETTINGS), args.repeat)
    else:
        sweep_child(args.name, args.folder)


if __name__ == "__main__":
    main()
