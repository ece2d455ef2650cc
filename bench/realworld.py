"""Accuracy (and speed) on real reports against hand labels; prints one summary line, then details.

python bench/realworld.py DIR                      # DIR: the folder extract.sh filled
python bench/realworld.py DIR --only aspenlin,fr   # labels whose file stem contains a piece
python bench/realworld.py DIR --show-misses 30     # label rows not found, and what was read
python bench/realworld.py DIR --show-flag-misses   # printed flags the reports do not carry
python bench/realworld.py DIR --save out/rw        # keep each report's JSON
python bench/realworld.py DIR --reports out/rw     # score saved reports, run nothing
python bench/realworld.py DIR --pages /tmp/rw-pages  # read pages once, re-run tables only
python bench/realworld.py DIR --speed              # time against pdfplumber / plain RapidOCR
python bench/realworld.py DIR --speed-profile photo  # where the pipeline's time goes

Labels: bench/realworld/labels/*.json (see bench/realworld/README.md). The documents are never in
git: fetch the repositories named in bench/realworld/sources.tsv and copy the files out with
bench/realworld/extract.sh. ``C2A_OCR_CACHE=dir`` makes a re-run cheap (not with --speed).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from checkup2action.errors import Checkup2ActionError
from checkup2action.evaluation.implied import reported_direction, row_implied_flag
from checkup2action.evaluation.labels import DocumentLabel, load_labels, select_labels
from checkup2action.evaluation.matching import (
    DocScore,
    Totals,
    flags_agree,
    page_of,
    ranges_agree,
    score_document,
    units_agree,
)
from checkup2action.fileio import sha256_of

HERE = Path(__file__).resolve().parent
KIND_GROUPS = {
    "born_digital_pdf": "born-digital",
    "scanned_pdf": "scanned-pdf",
    "photo": "photo",
    "render": "screenshot",
    "screenshot": "screenshot",
}


def analyte_code_of() -> Any:
    """A function from a printed name to the catalogue's analyte code (None when unknown)."""
    from checkup2action.grammar.catalogue import load_catalogue

    catalogue = load_catalogue()

    def code(name: str) -> str | None:
        hit = catalogue.match(name)
        return hit.code if hit is not None else None

    return code


def run_pipeline(
    path: Path, label: DocumentLabel, stem: str, pages: Path | None
) -> tuple[dict[str, Any] | None, str | None, float]:
    """Read one document; the report as JSON-ready data, an error code, and the seconds taken.

    With ``pages`` (a local cache folder, never committed) the words read once are kept there
    unmasked and only the second half of the pipeline runs again.
    """
    from checkup2action.evaluation.fixtures import (
        load_fixture,
        make_fixture,
        read_fixture,
        save_fixture,
    )
    from checkup2action.pipeline import read_pages, report_from_pages

    t0 = time.perf_counter()
    cached = pages / f"{stem}.json.gz" if pages else None
    try:
        if cached is not None and cached.exists():
            read = read_fixture(load_fixture(cached))
        else:
            read = read_pages(path)
            if cached is not None:
                save_fixture(make_fixture(read, label, stem, mask=False), cached)
        report = report_from_pages(read).model_dump(mode="json")
    except Checkup2ActionError as exc:
        return None, exc.code, time.perf_counter() - t0
    return report, None, time.perf_counter() - t0


def gather(args: argparse.Namespace, labels: dict[str, DocumentLabel]) -> list[DocScore]:
    """Run (or load) every labelled document and score it."""
    analyte_of = analyte_code_of()
    scores = []
    for stem, label in labels.items():
        path = label.document_path(args.dir)
        if not path.exists():
            print(f"  missing {stem}: {path} (fetch and extract it first)", file=sys.stderr)
            continue
        if sha256_of(path) != label.source.sha256:
            print(f"  sha256 differs for {stem}: not the labelled bytes", file=sys.stderr)
            continue
        report, error = load_or_run(args, stem, path, label)
        scores.append(score_document(label, report, analyte_of, failed=error))
    return scores


def load_or_run(
    args: argparse.Namespace, stem: str, path: Path, label: DocumentLabel
) -> tuple[dict | None, str | None]:
    """A saved report (with --reports), else a fresh run (kept with --save)."""
    if args.reports:
        saved = args.reports / f"{stem}.json"
        return (json.loads(saved.read_text()), None) if saved.exists() else (None, "NOT_SAVED")
    report, error, seconds = run_pipeline(path, label, stem, args.pages)
    print(f"  {stem}: {seconds:.1f}s {error or ''}", file=sys.stderr)
    if args.save and report is not None:
        args.save.mkdir(parents=True, exist_ok=True)
        (args.save / f"{stem}.json").write_text(json.dumps(report, ensure_ascii=False, indent=1))
    return report, error


def print_summary(scores: list[DocScore]) -> None:
    """The overall line, then one per kind and per language, then the files with no result."""
    print("realworld:", Totals.of(scores).line())
    for title, key in (("kind", lambda s: KIND_GROUPS[s.kind]), ("lang", lambda s: s.language)):
        groups: dict[str, list[DocScore]] = defaultdict(list)
        for s in scores:
            groups[key(s)].append(s)
        for name in sorted(groups):
            print(f"  {title} {name}: {Totals.of(groups[name]).line()}")
    empty = [s.doc_id + (f" [{s.failed}]" if s.failed else "") for s in scores if not s.preds]
    print("  no result:", ", ".join(empty) if empty else "none")


def print_documents(scores: list[DocScore]) -> None:
    """One line per document, worst recall first."""
    for s in sorted(scores, key=lambda s: (s.found / max(1, s.labels), s.doc_id)):
        print(f"  doc {s.doc_id} ({s.kind}, {s.language}): {Totals.of([s]).line()}")


def print_misses(scores: list[DocScore], limit: int) -> None:
    """Label rows not found and what was paired with them; results matched to no label."""
    shown = 0
    for s in scores:
        for pair in s.pairs:
            if pair.value_ok or shown >= limit:
                continue
            shown += 1
            got = pair.pred and f"{pair.pred['name_raw']!r} = {pair.pred['value_raw']!r}"
            print(
                f"  miss {s.doc_id} p{pair.label.page}: {pair.label.name!r} = "
                f"{pair.label.value!r} -> {got or '-'}"
            )
        for pred in s.extra[: max(0, limit - shown)]:
            shown += 1
            print(
                f"  extra {s.doc_id} p{page_of(pred)}: {pred['name_raw']!r} = {pred['value_raw']!r}"
            )


def print_flag_misses(scores: list[DocScore]) -> None:
    """Label rows with a printed flag that the report does not carry, and what it gave."""
    for s in scores:
        for pair in s.pairs:
            row, pred = pair.label, pair.pred
            if row.flag is None or (
                pred is not None and pair.value_ok and flags_agree(row.flag, pred)
            ):
                continue
            got = pred and f"{pred['name_raw']!r} = {pred['value_raw']!r} flag {pred.get('flag')}"
            print(
                f"  flag {s.doc_id} p{row.page}: {row.name!r} = {row.value!r} {row.flag!r}"
                f" -> {got or 'not read'}"
            )


def print_field_misses(scores: list[DocScore]) -> None:
    """Results found with their value whose unit or reference range is not the printed one, or
    whose flag is not the one their printed value and plain range imply (none printed)."""
    for s in scores:
        for pair in s.pairs:
            row, pred = pair.label, pair.pred
            if pred is None or not pair.value_ok:
                continue
            if row.unit is not None and not units_agree(row.unit, pred):
                print(
                    f"  unit {s.doc_id} p{row.page}: {row.name!r} {row.unit!r}"
                    f" -> {pred.get('unit_raw')!r} ({pred.get('unit')})"
                )
            if row.range is not None and not ranges_agree(row.range, pred):
                got = (pred.get("reference_range") or {}).get("text")
                print(f"  range {s.doc_id} p{row.page}: {row.name!r} {row.range!r} -> {got!r}")
            implied = row_implied_flag(row)
            if implied is not None and reported_direction(pred.get("flag")) != implied:
                print(
                    f"  implied {s.doc_id} p{row.page}: {row.name!r} {row.value!r} in"
                    f" {row.range!r} is {implied} -> {pred.get('flag')!r}"
                )


def corpus_arguments(ap: argparse.ArgumentParser) -> None:
    """The arguments every bench of the real corpus takes: its folder, labels, a selection, and
    the misses to show."""
    ap.add_argument("dir", type=Path, help="folder of documents filled by extract.sh")
    ap.add_argument("--labels", type=Path, default=HERE / "realworld" / "labels")
    ap.add_argument("--only", help="comma-separated pieces of label file stems")
    ap.add_argument("--show-misses", type=int, default=0)
    ap.add_argument("--show-flag-misses", action="store_true", help="printed flags not caught")
    ap.add_argument(
        "--show-field-misses", action="store_true", help="units and ranges not read as printed"
    )


def main() -> None:
    """Parse arguments, score the corpus, print the lines."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    corpus_arguments(ap)
    ap.add_argument("--docs", action="store_true", help="a line per document")
    ap.add_argument("--save", type=Path, help="write each report's JSON here")
    ap.add_argument("--reports", type=Path, help="score reports saved by --save, run nothing")
    ap.add_argument("--pages", type=Path, help="local cache of read pages (unmasked, not in git)")
    ap.add_argument("--speed", action="store_true", help="time against the plain baselines")
    ap.add_argument(
        "--speed-groups",
        default="born-digital,photo,picture",
        help="which groups --speed times: born-digital, born-digital-text (no page OCRed), photo, picture",
    )
    ap.add_argument(
        "--speed-profile",
        metavar="GROUP",
        help="where the time goes on one --speed group (seconds per stage, step and model)",
    )
    args = ap.parse_args()
    labels = select_labels(load_labels(args.labels), args.only)
    if args.speed or args.speed_profile:
        os.environ.pop("C2A_OCR_CACHE", None)
        import realworld_speed  # bench/realworld_speed.py, beside this file

        realworld_speed.main(
            args.dir,
            labels,
            groups_wanted=args.speed_groups.split(","),
            profile_group=args.speed_profile,
        )
        return
    scores = gather(args, labels)
    print_summary(scores)
    if args.docs:
        print_documents(scores)
    print_misses(scores, args.show_misses)
    if args.show_flag_misses:
        print_flag_misses(scores)
    if args.show_field_misses:
        print_field_misses(scores)


if __name__ == "__main__":
    main()
