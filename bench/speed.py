"""Speed and peak memory of the pipeline; prints one line.

Born-digital (default): builds a long report by joining generated ones (default 50 pages), then
times, each in a fresh process: (a) pdfplumber alone extracting the words of every page, (b) the
whole pipeline.

Scanned (``--scanned``): builds dense pages (a ~40-row table on A4, degraded as a 200-dpi scan;
see ``bench/scanned.py``), then starts two fresh processes, (a) plain RapidOCR with its default
settings, (b) the pipeline, and has them take turns page by page (A, B, B, A, ...), each page
``--repeat`` times: s/page is the sum of each page's best time over the pages. (a) reads the
picture file, (b) runs ``ingest`` on it. Imports, model loading and one warm-up page (models and
data files that load on first use) happen before the clock starts and are reported apart; the OCR
disk cache (``C2A_OCR_CACHE``) is removed from the children's environment.

    python bench/speed.py [--pages 50] [--repeat 3]
    python bench/speed.py --scanned [--pages 8] [--repeat 3] [--keep DIR]
        [--pipeline-params '{"Rec.rec_img_shape": [3, 48, 96]}']  # RapidOCR overrides to try
        [--pipeline-options '{"regions": false, "ocr": {"char_boxes": false}}']  # options to try
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from checkup2action.pipeline import PipelineOptions


def build_document(path: Path, pages: int, seed: int = 500) -> None:
    """Join generated reports until the document has the requested number of pages."""
    import pypdfium2 as pdfium

    from checkup2action.samples.generator import FAMILIES, generate

    out = pdfium.PdfDocument.new()
    families = sorted(FAMILIES)
    i = 0
    while len(out) < pages:
        src = pdfium.PdfDocument(generate(families[i % len(families)], seed + i).pdf)
        take = min(len(src), pages - len(out))
        out.import_pages(src, list(range(take)))
        i += 1
    out.save(str(path))


def child(mode: str, path: Path) -> None:
    """Run one measurement in this process and print JSON (see ``child_born_digital``)."""
    if mode in SCANNED_MODES:
        child_scanned(mode, path)
    else:
        child_born_digital(mode, path)


def child_born_digital(mode: str, path: Path) -> None:
    """Run one measurement in this process and print JSON with seconds and peak RSS.

    Imports happen before the clock starts; bundled data files load inside the timed run.
    """
    import pdfplumber

    from checkup2action.pipeline import ingest

    t0 = time.perf_counter()
    if mode == "baseline":
        with pdfplumber.open(path) as pdf:
            n = sum(len(page.extract_words()) for page in pdf.pages)
    else:
        n = len(ingest(path).lab_results)
    seconds = time.perf_counter() - t0
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "rss_mb": rss_mb, "items": n}))


# ---------------------------------------------------------------- scanned pages

SCANNED_MODES = ("plain_rapidocr", "scanned_pipeline")
CACHE_ENV = "C2A_OCR_CACHE"  # checkup2action.ocr.cache.ENV_VAR, unset in the timed children
PARAMS_ENV = "BENCH_PIPELINE_RAPIDOCR_PARAMS"  # --pipeline-params, handed to the pipeline child
OPTIONS_ENV = "BENCH_PIPELINE_OPTIONS"  # --pipeline-options, handed to the pipeline child


def refuse_downloads() -> None:
    """Make any RapidOCR download raise: the default models must come from the wheel."""
    from rapidocr.utils.download_file import DownloadFile

    def refuse(cls: object, url: str, logger: object) -> None:
        raise RuntimeError(f"RapidOCR tried to download {url}: defaults are not in the wheel")

    DownloadFile._make_http_request = classmethod(refuse)  # type: ignore[method-assign]


def load_models(ocr: object) -> None:
    """Create RapidOCR's det/cls/rec sessions now (it loads them lazily on the first call)."""
    for name in ("_load_det_model", "_load_cls_model", "_load_rec_model"):
        loader = getattr(ocr, name, None)
        if loader is not None:  # otherwise loading lands in the first page's time
            loader()


def plain_rapidocr() -> object:
    """RapidOCR with its default settings (models resolved by RapidOCR itself, no download)."""
    from rapidocr import RapidOCR

    refuse_downloads()
    ocr = RapidOCR()
    load_models(ocr)
    return ocr


def pipeline_engine(overrides: dict | None = None, ocr_options: object = None) -> object:
    """The pipeline's own cached RapidOCR engine, built and loaded as ``ingest`` will use it.

    ``overrides`` (RapidOCR params) are laid over the pipeline's own in this process only, to try
    a setting with the whole pipeline before changing the package.
    """
    import checkup2action.ocr.rapid as rapid
    from checkup2action.ocr.rapid import RapidOcrOptions, create_rapid_engine

    if overrides:
        own = rapid.rapid_params
        rapid.rapid_params = lambda options, module: own(options, module) | overrides  # type: ignore[assignment]
    refuse_downloads()
    engine = create_rapid_engine(ocr_options or RapidOcrOptions())  # type: ignore[arg-type]
    load_models(getattr(engine, "_ocr", None))
    return engine


def child_scanned(mode: str, folder: Path) -> None:
    """Serve timings: load the engine, then time each page path read from stdin, one JSON line each.

    The first line reports the model-load time; an empty line or ``done`` ends the child, which
    then reports its peak RSS and how many truth rows (pipeline) it found on the first pass.
    """
    import scanned  # bench/scanned.py, beside this file

    from checkup2action.pipeline import ingest

    t0 = time.perf_counter()
    overrides = json.loads(os.environ.get(PARAMS_ENV) or "null")
    options = pipeline_options(os.environ.get(OPTIONS_ENV))
    ocr = plain_rapidocr() if mode == "plain_rapidocr" else pipeline_engine(overrides, options.ocr)
    load = time.perf_counter() - t0

    def run(page: Path) -> object:
        """Read one page picture the way this mode does."""
        if mode == "plain_rapidocr":
            return ocr(str(page))  # type: ignore[operator]
        return ingest(page, options=options)

    first = min(folder.glob("*.png"), default=None)
    t0 = time.perf_counter()
    if first is not None:
        run(first)  # warm-up: models and data files that load on first use (layout, catalogue)
    print(json.dumps({"load": load, "warmup": time.perf_counter() - t0}), flush=True)
    outputs: dict[Path, object] = {}
    for line in sys.stdin:
        if line.strip() in ("", "done"):
            break
        page = Path(line.strip())
        t0, c0 = time.perf_counter(), time.process_time()
        out = run(page)
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        outputs.setdefault(page, out)
        print(json.dumps({"seconds": seconds, "cpu": cpu}), flush=True)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    pages = sorted(outputs)
    found, truth = scanned.count_found(mode, pages, [outputs[p] for p in pages])
    print(json.dumps({"rss_mb": rss_mb, "found": found, "truth": truth,
                      "engines_built": engines_built(mode)}), flush=True)  # fmt: skip


def pipeline_options(raw: str | None) -> PipelineOptions:
    """PipelineOptions from JSON; an ``ocr`` object gives RapidOcrOptions fields."""
    from checkup2action.ocr.rapid import RapidOcrOptions
    from checkup2action.ocr.splitrec import SplitWidth
    from checkup2action.pipeline import PipelineOptions

    fields = json.loads(raw or "{}")
    if isinstance(fields.get("ocr"), dict):
        ocr = fields["ocr"]
        if isinstance(ocr.get("split_width"), dict):
            ocr["split_width"] = SplitWidth(**ocr["split_width"])
        fields["ocr"] = RapidOcrOptions(**ocr)
    return PipelineOptions(**fields)


def engines_built(mode: str) -> int:
    """How many RapidOCR engines the pipeline built (1: the preloaded one was reused)."""
    import checkup2action.ocr.rapid as rapid

    cached = getattr(rapid, "_cached_engine", None)
    if mode == "plain_rapidocr" or cached is None:
        return 1
    return cached.cache_info().misses


class Child:
    """A fresh timing process of one mode, fed page paths one at a time."""

    def __init__(self, mode: str, folder: Path, settings: dict[str, str], log: Path):
        drop = (CACHE_ENV, PARAMS_ENV, OPTIONS_ENV)
        env = {k: v for k, v in os.environ.items() if k not in drop}
        if mode == "scanned_pipeline":
            env |= settings  # RapidOCR params / pipeline options to try
        self.mode, self._log = mode, log
        self._stderr = log.open("w")  # RapidOCR logs here; a pipe nobody reads could fill up
        self._proc = subprocess.Popen(
            [sys.executable, __file__, "--child", mode, str(folder)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            text=True,
            env=env,
        )
        ready = self._reply()
        self.load, self.warmup = ready["load"], ready["warmup"]

    def _reply(self) -> dict:
        """The child's next JSON line (its log tail in the error if it died)."""
        assert self._proc.stdout is not None
        line = self._proc.stdout.readline()
        if not line:
            tail = self._log.read_text(errors="replace")[-2000:]
            raise RuntimeError(f"{self.mode} child ended early:\n{tail}")
        return json.loads(line)

    def time_page(self, page: Path) -> dict:
        """Seconds and CPU seconds of one page."""
        assert self._proc.stdin is not None
        self._proc.stdin.write(f"{page}\n")
        self._proc.stdin.flush()
        return self._reply()

    def finish(self) -> dict:
        """Stop the child; its peak RSS and first-pass result counts."""
        assert self._proc.stdin is not None
        self._proc.stdin.write("done\n")
        self._proc.stdin.flush()
        final = self._reply()
        self._proc.wait(timeout=60)
        self._stderr.close()
        return final

    def kill(self) -> None:
        """End the child if it still runs (after an error)."""
        if self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()
        self._stderr.close()


def measure_alternating(
    folder: Path, repeat: int, settings: dict[str, str], logs: Path
) -> dict[str, dict]:
    """Both modes alive in fresh processes, taking turns page by page; best of ``repeat`` per page.

    Turns a few seconds apart see the same load from other processes on a shared machine; the
    order within a pair alternates so neither mode always runs first.
    """
    pages = sorted(folder.glob("*.png"))
    children: list[Child] = []
    try:
        for mode in SCANNED_MODES:  # one after the other: model loads do not overlap
            children.append(Child(mode, folder, settings, logs / f"{mode}.log"))
        times: dict[str, list[list[dict]]] = {c.mode: [[] for _ in pages] for c in children}
        for rep in range(repeat):
            for i, page in enumerate(pages):
                for child in children if (rep + i) % 2 == 0 else children[::-1]:
                    times[child.mode][i].append(child.time_page(page))
        finals = {c.mode: c.finish() for c in children}
    finally:
        for c in children:
            c.kill()
    best = {}
    for c in children:
        per_page = times[c.mode]
        best[c.mode] = finals[c.mode] | {
            "pages": [min(t["seconds"] for t in runs) for runs in per_page],
            "cpu": sum(min(t["cpu"] for t in runs) for runs in per_page),
            "load": c.load,
            "warmup": c.warmup,
        }
        best[c.mode]["seconds"] = sum(best[c.mode]["pages"])
    return best


def main_scanned(pages: int, repeat: int, keep: Path | None, settings: dict[str, str]) -> None:
    """Build the dense scanned pages, time plain RapidOCR and the pipeline, print the line."""
    import scanned

    with tempfile.TemporaryDirectory() as tmp:
        folder = keep or Path(tmp)
        if not sorted(folder.glob("*.png")):
            scanned.build_pages(folder, pages)
        n = len(sorted(folder.glob("*.png")))
        best = measure_alternating(folder, repeat, settings, Path(tmp))
    plain, pipe = best["plain_rapidocr"], best["scanned_pipeline"]
    for mode, r in best.items():
        per_page = " ".join(f"{s:.2f}" for s in r["pages"])
        print(f"  {mode}: best per page=[{per_page}]s cpu={r['cpu'] / n:.2f}s/page "
              f"model_load={r['load']:.2f}s warm-up={r['warmup']:.2f}s peak_rss={r['rss_mb']:.0f}MB",
              file=sys.stderr)  # fmt: skip
    print(
        f"speed scanned: pages={n} pipeline={pipe['seconds'] / n:.2f}s/page "
        f"plain_rapidocr={plain['seconds'] / n:.2f}s/page "
        f"ratio={pipe['seconds'] / plain['seconds']:.2f} peak_rss={pipe['rss_mb']:.0f}MB "
        f"cpu_ratio={pipe['cpu'] / plain['cpu']:.2f} "
        f"model_load={pipe['load']:.1f}s/{plain['load']:.1f}s "
        f"results={pipe['found']}/{pipe['truth']} best_of={repeat}"
        + "".join(f" {k.removeprefix('BENCH_').lower()}={v}" for k, v in settings.items())
    )
    if pipe["engines_built"] > 1:
        print("  warning: the pipeline built another engine: its model load is in the page time",
              file=sys.stderr)  # fmt: skip


def measure(mode: str, path: Path, repeat: int) -> dict:
    """Best of `repeat` fresh-process runs."""
    runs = []
    for _ in range(repeat):
        out = subprocess.run(
            [sys.executable, __file__, "--child", mode, str(path)],
            capture_output=True,
            text=True,
            check=True,
        )
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return min(runs, key=lambda r: r["seconds"]) | {"rss_mb": max(r["rss_mb"] for r in runs)}


def main() -> None:
    """Parse arguments, measure, print the summary line."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pages", type=int, default=None, help="default 50, scanned 8")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--scanned", action="store_true", help="dense 200-dpi scans through OCR")
    ap.add_argument("--keep", type=Path, help="scanned: keep the pages here (reused if present)")
    ap.add_argument("--pipeline-params", help="scanned: JSON RapidOCR overrides for the pipeline")
    ap.add_argument("--pipeline-options", help="scanned: JSON PipelineOptions fields to try")
    ap.add_argument("--child", nargs=2, metavar=("MODE", "PATH"))
    args = ap.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return
    if args.scanned:
        tried = {PARAMS_ENV: args.pipeline_params, OPTIONS_ENV: args.pipeline_options}
        main_scanned(args.pages or 8, args.repeat, args.keep, {k: v for k, v in tried.items() if v})
        return
    args.pages = args.pages or 50
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long.pdf"
        build_document(path, args.pages)
        base = measure("baseline", path, args.repeat)
        pipe = measure("pipeline", path, args.repeat)
    print(
        f"speed born-digital: pages={args.pages} pipeline={pipe['seconds']:.2f}s "
        f"({args.pages / pipe['seconds']:.1f} pages/s) pdfplumber_words={base['seconds']:.2f}s "
        f"ratio={pipe['seconds'] / base['seconds']:.2f} peak_rss={pipe['rss_mb']:.0f}MB results={pipe['items']}"
    )


if __name__ == "__main__":
    main()
