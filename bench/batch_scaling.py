"""Throughput of ``batch`` with 1 and with 2 workers on born-digital sample reports, measured in
the same run; prints one line (target: 2 workers ≥ 1.8× the documents a second of 1).

python bench/batch_scaling.py              # 50 copies of each sample PDF (600 documents)
python bench/batch_scaling.py --copies 20 --workers 1 2 4

Each copy gets its own content (a comment after the end of the PDF), so the batch reads every one
instead of reading one content once for all its copies. 600 documents by default: a worker's
start (about 1 s of imports and tables, paid once per worker) then weighs about as little as in
a real batch of thousands; on 120 documents (--copies 10) the ratio comes out near 1.7.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from checkup2action.batch.run import BatchOptions, run_batch

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
TARGET = 1.8


def write_inputs(root: Path, copies: int) -> int:
    """``copies`` distinct copies of every sample PDF under ``root``; returns how many."""
    root.mkdir(parents=True)
    count = 0
    for path in sorted(SAMPLES.glob("*.pdf")):
        data = path.read_bytes()
        for n in range(copies):
            (root / f"{path.stem}_{n:03d}.pdf").write_bytes(data + f"\n% copy {n}\n".encode())
            count += 1
    return count


def throughput(root: Path, out: Path, workers: int) -> float:
    """Documents a second of one batch with ``workers`` workers (worker start-up included)."""
    summary = run_batch(root, out, BatchOptions(workers=workers))
    if summary.statuses.get("failed"):
        raise SystemExit(f"batch_scaling: {summary.statuses['failed']} documents failed")
    return summary.processed / summary.seconds


def main() -> int:
    """Run the bench; 0 when the last worker count reaches the target over the first."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=50)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="c2a-scaling-") as tmp:
        count = write_inputs(Path(tmp) / "in", args.copies)
        rates = {w: throughput(Path(tmp) / "in", Path(tmp) / f"out{w}", w) for w in args.workers}
    base, last = rates[args.workers[0]], rates[args.workers[-1]]
    speedup = last / base
    shown = " ".join(f"workers{w}={r:.2f}/s" for w, r in rates.items())
    verdict = "PASS" if speedup >= TARGET else "FAIL"
    print(
        f"batch_scaling: docs={count} {shown} speedup={speedup:.2f}x "
        f"(target >= {TARGET}x) {verdict}"
    )
    return 0 if speedup >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
