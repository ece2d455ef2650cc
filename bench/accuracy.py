"""Accuracy of the pipeline against generated ground truth; prints one line.

Findings, summary and sections print as recall/precision.

python bench/accuracy.py [--n 240] [--seed 1000] [--show-misses 20]
python bench/accuracy.py --scanned [--n 100]     # scanned / photographed variants, via OCR
"""

from __future__ import annotations

import argparse
import copy
import sys
import tempfile
from pathlib import Path

from checkup2action.errors import Checkup2ActionError
from checkup2action.pipeline import ingest
from checkup2action.samples.generator import FAMILIES, GeneratedReport, generate
from checkup2action.samples.narrative_scoring import NarrativeTally, score_narrative
from checkup2action.samples.scoring import Tally, score_document

KINDS = ("scan", "photo", "hard")
FORMATS = ("png", "jpg", "pdf")


def born_digital_case(gen: GeneratedReport, tmp: Path, i: int) -> tuple[Path, dict]:
    """The generated PDF itself and its truth."""
    path = tmp / f"{gen.family}_{gen.seed}.pdf"
    path.write_bytes(gen.pdf)
    return path, gen.truth


def scanned_case(gen: GeneratedReport, tmp: Path, i: int) -> tuple[Path, dict]:
    """A degraded picture (or image-only PDF) of the report, with truth boxes in its points."""
    from checkup2action.samples.degrade import degrade_report, save_report

    kind, fmt = KINDS[i % len(KINDS)], FORMATS[(i // len(KINDS)) % len(FORMATS)]
    if fmt != "pdf" and len(gen.truth.get("lab_results", [])) and gen.truth["page_count"] > 1:
        fmt = "pdf"  # one file per document: multi-page reports go as image-only PDFs
    deg = degrade_report(gen, kind, i)
    stem = f"{gen.family}_{gen.seed}_{kind}"
    paths = save_report(deg, tmp, stem, fmt)
    truth = copy.deepcopy(deg.truth)
    dpi = {p["page"]: p["dpi"] for p in truth["pages"]}
    for row in truth["lab_results"]:
        row["bbox"] = [v * 72.0 / dpi[row["page"]] for v in row["bbox_px"]]
    return next(p for p in paths if not p.name.endswith(".json")), truth


#: Findings and summary text read by OCR count when this alike to the truth (born-digital: equal).
OCR_TEXT_SIMILARITY = 0.9


def run(n: int, seed: int, show: int, scanned: bool) -> tuple[Tally, NarrativeTally]:
    """Generate n reports (cycling families), run the pipeline, and score them: results and
    vitals, then findings, summary items and sections."""
    total, narrative = Tally(), NarrativeTally()
    families = sorted(FAMILIES)
    make_case = scanned_case if scanned else born_digital_case
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(n):
            gen = generate(families[i % len(families)], seed + i)
            path, truth = make_case(gen, Path(tmp), i)
            try:
                report = ingest(path).model_dump(mode="json")
            except Checkup2ActionError:
                report = None
            total.add(score_document(truth, report, path.name))
            similar = OCR_TEXT_SIMILARITY if scanned else 1.0
            narrative.add(score_narrative(truth, report or {}, path.name, similar))
    for line in (total.misses + narrative.misses)[:show]:
        print("  miss", line, file=sys.stderr)
    return total, narrative


def main() -> None:
    """Parse arguments, run, print the summary line."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=None, help="reports (default 240, scanned 100)")
    ap.add_argument("--seed", type=int, default=1000)
    ap.add_argument("--scanned", action="store_true", help="degraded pictures through OCR")
    ap.add_argument("--show-misses", type=int, default=0)
    args = ap.parse_args()
    n = args.n or (100 if args.scanned else 240)
    tally, narrative = run(n, args.seed, args.show_misses, args.scanned)
    s = tally.summary()
    t = narrative.rates()
    label = "scanned" if args.scanned else "born-digital"
    print(
        f"accuracy {label}: docs={n} truth_rows={tally.truth_rows} pred_rows={tally.pred_rows} "
        f"recall={s['recall']:.4f} precision={s['precision']:.4f} value={s['value']:.4f} "
        f"unit={s['unit']:.4f} range={s['range']:.4f} flag={s['flag']:.4f} analyte={s['analyte']:.4f} "
        f"history={s['history']:.4f} vitals_recall={s['vitals_recall']:.4f} "
        f"vitals_precision={s['vitals_precision']:.4f} "
        f"findings={t['findings_recall']:.4f}/{t['findings_precision']:.4f} "
        f"summary={t['summary_recall']:.4f}/{t['summary_precision']:.4f} "
        f"sections={t['sections_recall']:.4f}/{t['sections_precision']:.4f} "
        f"failed_docs={tally.failed_docs}"
    )


if __name__ == "__main__":
    main()
