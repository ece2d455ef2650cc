"""Accuracy of the born-digital pipeline against generated ground truth; prints one line.

python bench/accuracy.py [--n 240] [--seed 1000] [--show-misses 20]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from checkup2action.errors import Checkup2ActionError
from checkup2action.pipeline import ingest
from checkup2action.samples.generator import FAMILIES, generate
from checkup2action.samples.scoring import Tally, score_document


def run(n: int, seed: int, show: int) -> Tally:
    """Generate n reports (cycling families), run the pipeline, and score them."""
    total = Tally()
    families = sorted(FAMILIES)
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(n):
            family = families[i % len(families)]
            gen = generate(family, seed + i)
            path = Path(tmp) / f"{family}_{seed + i}.pdf"
            path.write_bytes(gen.pdf)
            try:
                report = ingest(path).model_dump(mode="json")
            except Checkup2ActionError:
                report = None
            total.add(score_document(gen.truth, report, path.name))
    for line in total.misses[:show]:
        print("  miss", line, file=sys.stderr)
    return total


def main() -> None:
    """Parse arguments, run, print the summary line."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=240)
    ap.add_argument("--seed", type=int, default=1000)
    ap.add_argument("--show-misses", type=int, default=0)
    args = ap.parse_args()
    tally = run(args.n, args.seed, args.show_misses)
    s = tally.summary()
    print(
        f"accuracy born-digital: docs={args.n} truth_rows={tally.truth_rows} pred_rows={tally.pred_rows} "
        f"recall={s['recall']:.4f} precision={s['precision']:.4f} value={s['value']:.4f} "
        f"unit={s['unit']:.4f} range={s['range']:.4f} flag={s['flag']:.4f} analyte={s['analyte']:.4f} "
        f"failed_docs={tally.failed_docs}"
    )


if __name__ == "__main__":
    main()
