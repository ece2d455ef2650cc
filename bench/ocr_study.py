"""A study of OCR settings on the page sets of ``bench/scanned.py``: where the time goes, how
RapidOCR settings trade speed for text accuracy, and what the recogniser's two widths cost.

The page sets are built with ``bench/scanned.py``, for instance::

    python bench/scanned.py build /tmp/dense8 --kind dense       # 8 dense 40-row scans
    python bench/scanned.py build /tmp/var_photo --kind photo    # 8 photographed pages

Commands::

    python bench/ocr_study.py profile PAGE.png            # where the pipeline's time goes
    python bench/ocr_study.py sweep DIR [--repeat 2]      # RapidOCR settings → s/page and CER
    python bench/ocr_study.py paired DIR NAME NAME ...    # settings taking turns in one process
    python bench/ocr_study.py pipeline-score DIR NAME     # full ingest with a setting: rows, fields
    python bench/ocr_study.py recwidth DIR [DIR ...] [--pages 8]   # split vs plain recogniser

``recwidth`` backs the claim in ``checkup2action/ocr/splitrec.py``: it reads the detected lines
of each page with the plain recogniser (every crop padded to 320 px) and through
``SplitWidthRecognizer``, times both taking turns (CPU and wall seconds, best of two), and
counts the lines whose text differs (NFKC, no whitespace, ``--`` as ``-``) and how many of those
hold different numbers (``diff_values``: any number, a page footer's too). ``narrow`` / ``wide`` /
``reread`` are the shares of crops read narrow only, at full width only, and narrow then again
at full width.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scanned import Box, TextScore, load_truth, score_lines  # bench/scanned.py, beside this file

# ---------------------------------------------------------------- where the pipeline's time goes


class StageClock:
    """Wall seconds and calls per named function, from wrappers put around the functions.

    Wrapped functions nest (a stage includes its steps), so the seconds add up like cProfile's
    cumulative time, without cProfile's overhead on the Python steps.
    """

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.calls: dict[str, int] = {}

    def reset(self) -> None:
        """Forget what was timed so far (a warm-up)."""
        self.seconds.clear()
        self.calls.clear()

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
    "checkup2action.ocr.reading",
    "checkup2action.ocr.imagefeatures",
    "checkup2action.ocr.scripts",
    "checkup2action.ocr.prepare",
    "checkup2action.ocr.tighten",
    "checkup2action.layout.regions",
)


def instrumented_pipeline(warm_up: Path, overrides: dict[str, Any] | None = None) -> StageClock:
    """Load the pipeline's OCR engine, ingest ``warm_up`` once (lazily loaded models and data
    files), then time its stages, RapidOCR's steps and ONNX runs (seconds per function in the
    returned clock).

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
    detector = ocr.text_det.session  # inference only: ONNX Runtime's run or OpenVINO's outputs
    if hasattr(detector, "session"):
        clock.wrap(detector.session, "run", "onnx.det")
    else:
        clock.wrap(detector, "outputs", "openvino.det")
    clock.wrap(ocr.text_rec.session.session, "run", "onnx.rec")
    clock.wrap(ocr.text_rec, "postprocess_op", "rapidocr.rec_ctc_decode")
    pipeline.ingest(warm_up)
    clock.reset()
    return clock


def profile_page(png: Path, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Ingest one page (OCR engine loaded, one warm-up ingest before); seconds per function."""
    import checkup2action.pipeline as pipeline
    from checkup2action.ocr.rapid import RapidOcrOptions, create_rapid_engine

    clock = instrumented_pipeline(png, overrides)
    widths = _count_rec_padding(create_rapid_engine(RapidOcrOptions())._ocr.text_rec)
    t0 = time.perf_counter()
    report = pipeline.ingest(png)
    total = time.perf_counter() - t0
    tally = _score(png, report)
    return {"total": total, "seconds": clock.seconds, "calls": clock.calls,
            "rec_width_used_px": widths[0], "rec_width_padded_px": widths[1],
            "matched": tally.matched, "truth_rows": tally.truth_rows}  # fmt: skip


def print_profile(result: dict[str, Any], threshold: float = 0.005, header: bool = True) -> None:
    """The profile as a table, slowest first (functions under ``threshold`` s left out)."""
    total = result["total"]
    if header:
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


# ---------------------------------------------------------------- the recogniser's two widths

#: A number as printed in a value: digits, optionally a decimal point or comma and more digits.
NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


@dataclass(slots=True)
class WidthTally:
    """Plain versus split-width recognition over a set of pages."""

    pages: int = 0
    lines: int = 0
    diffs: list[tuple[str, str, str]] = field(default_factory=list)  # page, plain, split
    values: int = 0  # differing lines whose numbers differ
    narrow: int = 0  # crops read narrow and kept
    reread: int = 0  # crops read narrow, then again at full width
    cpu: list[float] = field(default_factory=lambda: [0.0, 0.0])  # plain, split (best per page)
    wall: list[float] = field(default_factory=lambda: [0.0, 0.0])


def plain_engine() -> Any:
    """RapidOCR with the pipeline's params, without the split-width wrapper or word boxes."""
    import rapidocr

    from checkup2action.ocr.rapid import RapidOcrOptions, rapid_params

    params = rapid_params(RapidOcrOptions(split_width=None), rapidocr) | {
        "Global.return_word_box": False,
        "Global.return_single_char_box": False,
    }
    ocr = rapidocr.RapidOCR(params=params)
    for loader in ("_load_det_model", "_load_rec_model"):
        getattr(ocr, loader)()
    return ocr


def page_crops(engine: Any, png: Path) -> list[Any]:
    """The detected line crops of one picture (BGR, as RapidOCR cuts them)."""
    import cv2
    import numpy as np
    from rapidocr.utils.process_img import get_rotate_crop_image

    boxes = engine(str(png), use_rec=False).boxes
    img = cv2.imread(str(png))
    if boxes is None:
        return []
    return [get_rotate_crop_image(img, np.array(box, dtype=np.float32)) for box in boxes]


def count_widths(recognizer: Any) -> dict[int, int]:
    """Crops read per minimum width by a ``SplitWidthRecognizer`` (counted from now on)."""
    counts: dict[int, int] = {}
    read = recognizer._read

    def counted(args: Any, imgs: list[Any], width: int) -> Any:
        counts[width] = counts.get(width, 0) + len(imgs)
        return read(args, imgs, width)

    recognizer._read = counted
    return counts


def width_shares(split: Any, counts: dict[int, int], lines: int, calls: int) -> tuple[int, int]:
    """Crops of one page read narrow and kept, and read narrow then again at full width.

    Every crop is read once at its first width; reads beyond one per crop are the re-reads.
    ``counts`` summed ``calls`` identical reads of the page.
    """
    narrow = counts.get(split.settings.narrow_width, 0) // calls
    reread = sum(counts.values()) // calls - lines
    return narrow - reread, reread


def timed_read(recognizer: Any, crops: list[Any]) -> tuple[tuple[str, ...], float, float]:
    """Texts of ``crops`` read by ``recognizer``, with CPU and wall seconds.

    Character results are asked for, as the pipeline does (its word boxes come from them): the
    split reader re-reads narrow readings with an unsure character.
    """
    from rapidocr.ch_ppocr_rec.typings import TextRecInput

    c0, t0 = time.process_time(), time.perf_counter()
    out = recognizer(TextRecInput(img=crops, return_word_box=True))
    return tuple(out.txts or ()), time.process_time() - c0, time.perf_counter() - t0


def read_in_turns(recs: tuple[Any, Any], crops: list[Any], rounds: int = 2) -> list[dict]:
    """Both recognisers taking turns (a, b, b, a) ``rounds`` times: texts and best seconds."""
    best = [{"txts": (), "cpu": float("inf"), "wall": float("inf")} for _ in recs]
    for _ in range(rounds):
        for i in (0, 1, 1, 0):
            txts, cpu, wall = timed_read(recs[i], crops)
            best[i] = {"txts": txts, "cpu": min(best[i]["cpu"], cpu),
                       "wall": min(best[i]["wall"], wall)}  # fmt: skip
    return best


def compared_form(text: str) -> str:
    """NFKC without whitespace and with ``--`` as ``-``: the form both readings are compared in."""
    return "".join(unicodedata.normalize("NFKC", text).split()).replace("--", "-")


def numbers_differ(a: str, b: str) -> bool:
    """Whether two readings hold different number sequences (a value read differently)."""
    return NUMBER.findall(a) != NUMBER.findall(b)


def tally_page(
    tally: WidthTally, name: str, plain: tuple[str, ...], split: tuple[str, ...]
) -> None:
    """Add one page's differing lines to the tally."""
    for a, b in zip(plain, split, strict=True):
        ca, cb = compared_form(a), compared_form(b)
        if ca != cb:
            tally.diffs.append((name, a, b))
            tally.values += numbers_differ(ca, cb)


def recwidth(folders: list[Path], pages: int, settings: dict | None = None) -> WidthTally:
    """Read the first ``pages`` pictures of each folder with the plain and split recognisers.

    ``settings`` overrides fields of the split reader's ``SplitWidth`` (the pipeline's default).
    """
    from checkup2action.ocr.splitrec import SplitWidth, SplitWidthRecognizer

    engine = plain_engine()
    split = SplitWidthRecognizer(engine.text_rec, SplitWidth(**(settings or {})))
    counts = count_widths(split)
    tally = WidthTally()
    for png in [p for folder in folders for p in sorted(folder.glob("*.png"))[:pages]]:
        crops = page_crops(engine, png)
        if not crops:
            continue
        counts.clear()
        best = read_in_turns((engine.text_rec, split), crops)
        narrow, reread = width_shares(split, counts, len(crops), calls=4)  # 2 rounds × b, b
        tally.pages, tally.lines = tally.pages + 1, tally.lines + len(crops)
        tally.narrow, tally.reread = tally.narrow + narrow, tally.reread + reread
        for i in (0, 1):
            tally.cpu[i] += best[i]["cpu"]
            tally.wall[i] += best[i]["wall"]
        tally_page(tally, png.name, best[0]["txts"], best[1]["txts"])
        print(f"  {png.name}: {len(crops)} lines", file=sys.stderr, flush=True)
    return tally


def print_recwidth(tally: WidthTally, shown: int = 30) -> None:
    """Up to ``shown`` differing lines as a table, then the summary line."""
    if tally.diffs:
        print("| page | plain | split |")
        print("|---|---|---|")
        for name, a, b in tally.diffs[:shown]:
            print(f"| {name} | {a.replace('|', '/')} | {b.replace('|', '/')} |")
    n = max(tally.lines, 1)
    wide = tally.lines - tally.narrow - tally.reread
    print(f"recwidth: pages={tally.pages} lines={tally.lines} "
          f"cpu_ratio={tally.cpu[1] / max(tally.cpu[0], 1e-9):.2f} "
          f"wall_ratio={tally.wall[1] / max(tally.wall[0], 1e-9):.2f} "
          f"diff_lines={len(tally.diffs)} diff_values={tally.values} "
          f"narrow={tally.narrow / n:.2f} wide={wide / n:.2f} reread={tally.reread / n:.2f}")  # fmt: skip


def main() -> None:
    """Command line: profile, sweep, paired, pipeline-score, recwidth (and sweep-child)."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
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
    rw = sub.add_parser("recwidth")
    rw.add_argument("folders", type=Path, nargs="+")
    rw.add_argument("--pages", type=int, default=8, help="first pictures of each folder")
    rw.add_argument("--settings", help='JSON SplitWidth fields, e.g. {"short_width": 128}')
    c = sub.add_parser("sweep-child")
    c.add_argument("name")
    c.add_argument("folder", type=Path)
    args = ap.parse_args()
    if args.cmd == "profile":
        print_profile(profile_page(args.png, json.loads(args.params or "null")))
    elif args.cmd == "paired":
        paired(args.folder, args.names, args.repeat)
    elif args.cmd == "pipeline-score":
        pipeline_score(args.folder, args.name)
    elif args.cmd == "sweep":
        sweep(args.folder, args.only or list(SETTINGS), args.repeat)
    elif args.cmd == "recwidth":
        print_recwidth(recwidth(args.folders, args.pages, json.loads(args.settings or "null")))
    else:
        sweep_child(args.name, args.folder)


if __name__ == "__main__":
    main()
