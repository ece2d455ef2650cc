"""Speed and peak memory of the born-digital pipeline; prints one line.

Builds a long report by joining generated ones (default 50 pages), then times, each in a fresh
process: (a) pdfplumber alone extracting the words of every page, (b) the whole pipeline.

    python bench/speed.py [--pages 50] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


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
    ap.add_argument("--pages", type=int, default=50)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--child", nargs=2, metavar=("MODE", "PATH"))
    args = ap.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return
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
