"""Speed on the real corpus: the whole pipeline against the bare baselines, in one process.

Born-digital PDFs: ``ingest`` against pdfplumber's ``extract_words`` on every page. Pictures
(photos, renders, screenshots): ``ingest`` against plain RapidOCR with its default settings.
Models are loaded and warmed before timing; each document is timed with the baseline and the
pipeline in turns, best of two each. Before each pipeline run the caches of answers about printed
text are emptied (``checkup2action.memo``), so the second run of a document reads it as the first
did, and not from answers the first one left; models and data files stay loaded.
Called by ``bench/realworld.py DIR --speed``.
"""

from __future__ import annotations

import resource
import time
from collections.abc import Callable
from pathlib import Path

from checkup2action.evaluation.labels import DocumentLabel

PICTURE_SUFFIXES = {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".webp"}


def pdfplumber_words(path: Path) -> None:
    """The baseline for a born-digital PDF: every page's words, nothing else."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words()


def needs_ocr(path: Path) -> bool:
    """Whether the pipeline reads any page of this PDF by OCR (an unreadable text layer)."""
    from checkup2action.pipeline import read_pages

    return bool(read_pages(path).ocr.pages)


def timed(fn: Callable[[Path], object], path: Path) -> float:
    """Seconds one run of fn(path) takes."""
    t0 = time.perf_counter()
    fn(path)
    return time.perf_counter() - t0


def paired_times(
    base: Callable[[Path], object],
    pipeline: Callable[[Path], object],
    path: Path,
    repeat: int,
    before_pipeline: Callable[[], object] = lambda: None,
) -> tuple[float, float]:
    """The fastest of ``repeat`` runs of each on one document, the two run in turns (baseline,
    pipeline, baseline, ...): a shared machine's slow spells fall on both alike instead of on
    whichever block of documents was being timed then. ``before_pipeline`` runs, untimed,
    before each pipeline run."""
    best_base = best_pipeline = float("inf")
    for _ in range(repeat):
        best_base = min(best_base, timed(base, path))
        before_pipeline()
        best_pipeline = min(best_pipeline, timed(pipeline, path))
    return best_base, best_pipeline


def groups(root: Path, labels: dict[str, DocumentLabel]) -> dict[str, list[Path]]:
    """Documents to time: born-digital PDFs (and those of them whose every page keeps its text
    layer: no page needs OCR), photos, and every picture."""
    out: dict[str, list[Path]] = {
        "born-digital": [],
        "born-digital-text": [],
        "photo": [],
        "picture": [],
    }
    for label in labels.values():
        path = label.document_path(root)
        if not path.exists():
            continue
        if label.kind == "born_digital_pdf":
            out["born-digital"].append(path)
            if not needs_ocr(path):
                out["born-digital-text"].append(path)
        elif path.suffix.lower() in PICTURE_SUFFIXES:
            out["picture"].append(path)
            if label.kind == "photo":
                out["photo"].append(path)
    return out


def profile(paths: list[Path]) -> None:
    """Where the pipeline's time goes on these documents: one timed ingest of each after a
    warm-up, seconds per stage, RapidOCR step and ONNX run (``ocr_study.StageClock``)."""
    from ocr_study import instrumented_pipeline, print_profile  # bench/ocr_study.py

    from checkup2action.pipeline import ingest

    if not paths:
        return
    clock = instrumented_pipeline(warm_up=paths[0])
    t0 = time.perf_counter()
    for path in paths:
        ingest(path)
    total = time.perf_counter() - t0
    print(f"realworld profile: docs={len(paths)} pipeline={total:.2f}s")
    print_profile({"total": total, "seconds": clock.seconds, "calls": clock.calls}, header=False)


def main(
    root: Path,
    labels: dict[str, DocumentLabel],
    repeat: int = 2,
    groups_wanted: list[str] | None = None,
    profile_group: str | None = None,
) -> None:
    """Time each group and print one line per group (or profile one group)."""
    import speed  # bench/speed.py, beside this file

    from checkup2action.memo import clear_content_caches
    from checkup2action.pipeline import ingest

    docs = groups(root, labels)
    if profile_group:
        profile(docs[profile_group])
        return
    plain = speed.plain_rapidocr()
    speed.pipeline_engine()
    for path in (docs["born-digital"][:1], docs["picture"][:1]):
        for p in path:  # warm-up: models and data files that load on first use
            ingest(p)
    if docs["picture"]:
        plain(str(docs["picture"][0]))  # type: ignore[operator]
    plumber = ("pdfplumber_words", pdfplumber_words)
    baselines = {"born-digital": plumber, "born-digital-text": plumber}
    rapid = ("plain_rapidocr", lambda p: plain(str(p)))  # type: ignore[operator]
    for name, paths in docs.items():
        if not paths or (groups_wanted and name not in groups_wanted):
            continue
        base_name, base = baselines.get(name, rapid)
        times = [paired_times(base, ingest, p, repeat, clear_content_caches) for p in paths]
        base_s, pipe_s = sum(t[0] for t in times), sum(t[1] for t in times)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"realworld speed {name}: docs={len(paths)} pipeline={pipe_s:.2f}s "
            f"{base_name}={base_s:.2f}s ratio={pipe_s / base_s:.2f} peak_rss={rss:.0f}MB"
        )
