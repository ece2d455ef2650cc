"""Robustness of ``batch``: damaged copies of the sample reports (``samples.mutate``: truncation,
flipped bytes, broken xref, damaged streams, junk before the header, cut and repeated spans) mixed
with valid ones, read as one batch; prints one summary line and exits 1 when a check fails.

python bench/robustness.py                       # 300 damaged + 10 valid, 2 workers
python bench/robustness.py --n 60 --keep /tmp/r  # smaller; keep the inputs and outputs
python bench/robustness.py --corpus DIR          # a folder of hostile files (bench/hostile/)

Checks: no unexpected error (every failure has a typed code), no document past the timeout by
more than the engine's poll, one status line for every input, and the valid reports identical to
those of a clean batch of the valid ones alone. With --corpus, the batch runs over that folder
with the default limits and the line adds the largest resident memory a worker reached; the
checks are the same but for the valid reports.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

from checkup2action.batch.documents import UNEXPECTED_ERROR
from checkup2action.batch.run import STATUS_FILE, BatchOptions, run_batch
from checkup2action.samples.mutate import mutants

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
SLACK_SECONDS = 5.0


def write_corpus(root: Path, count: int, valid: int, seed: int) -> list[str]:
    """The damaged and valid inputs under ``root``; returns the valid ones' names."""
    sources = sorted(SAMPLES.glob("*.pdf"))
    data = [p.read_bytes() for p in sources]
    (root / "all").mkdir(parents=True)
    (root / "valid").mkdir()
    for n, (mutation, index, content) in enumerate(mutants(data, count, seed)):
        (root / "all" / f"mut_{n:03d}_{mutation}_{sources[index].stem}.pdf").write_bytes(content)
    names = []
    for path in sources[:valid]:
        name = f"valid_{path.name}"
        for folder in ("all", "valid"):
            (root / folder / name).write_bytes(path.read_bytes())
        names.append(name)
    return names


def _records(out: Path) -> list[dict]:
    """The status file's lines."""
    return [json.loads(line) for line in (out / STATUS_FILE).read_text().splitlines()]


def corpus_line(corpus: Path, work: Path, workers: int, timeout: float) -> tuple[str, bool]:
    """Run a batch over a folder of hostile files; its summary line and whether it passed."""
    summary = run_batch(corpus, work / "out", BatchOptions(workers=workers, timeout=timeout))
    records = _records(work / "out")
    inputs = sum(1 for p in corpus.rglob("*") if p.is_file() and not p.name.startswith("."))
    codes = Counter(r["error_code"] for r in records if r["status"] == "failed")
    unexpected = codes.get(UNEXPECTED_ERROR, 0)
    late = sum((r["seconds"] or 0) > timeout + SLACK_SECONDS for r in records)
    peak = max((r["peak_memory_mb"] or 0 for r in records), default=0)
    passed = not unexpected and not late and len(records) == inputs
    statuses = " ".join(f"{s}={summary.statuses.get(s, 0)}" for s in ("ok", "partial", "failed"))
    line = (
        f"robustness(corpus): inputs={inputs} {statuses} codes={dict(sorted(codes.items()))} "
        f"unexpected={unexpected} over_timeout={late} status_lines={len(records)}/{inputs} "
        f"peak_mb={peak:.0f} seconds={summary.seconds:.0f} workers={workers} "
        f"{'PASS' if passed else 'FAIL'}"
    )
    return line, passed


def main() -> int:
    """Run the bench; 0 when every check holds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300, help="damaged copies")
    parser.add_argument("--valid", type=int, default=10, help="valid copies")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, help="work here and keep everything")
    parser.add_argument("--corpus", type=Path, help="a folder of hostile files instead")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="c2a-robust-"))
    if args.corpus is not None:
        line, passed = corpus_line(args.corpus, work, args.workers, args.timeout)
        print(line)
        return 0 if passed else 1
    valid = write_corpus(work / "in", args.n, args.valid, args.seed)
    options = BatchOptions(workers=args.workers, timeout=args.timeout)
    clean = run_batch(work / "in" / "valid", work / "clean", options)
    mixed = run_batch(work / "in" / "all", work / "out", options)
    records = _records(work / "out")
    by_name = {r["input"]: r for r in records}
    codes = Counter(r["error_code"] for r in records if r["status"] == "failed")
    unexpected = codes.get(UNEXPECTED_ERROR, 0)
    late = sum((r["seconds"] or 0) > args.timeout + SLACK_SECONDS for r in records)
    lines_ok = len(records) == len(by_name) == args.n + len(valid)
    same = sum(
        by_name[name]["report"] is not None
        and (work / "out" / by_name[name]["report"]).read_bytes()
        == (work / "clean" / "reports" / f"{name}.json").read_bytes()
        for name in valid
    )
    peak = max((r["peak_memory_mb"] or 0 for r in records), default=0)
    passed = not unexpected and not late and lines_ok and same == len(valid) and clean.statuses
    statuses = " ".join(f"{s}={mixed.statuses.get(s, 0)}" for s in ("ok", "partial", "failed"))
    print(
        f"robustness: inputs={len(records)} {statuses} codes={dict(sorted(codes.items()))} "
        f"unexpected={unexpected} over_timeout={late} status_lines={len(by_name)}/"
        f"{args.n + len(valid)} valid_identical={same}/{len(valid)} peak_mb={peak:.0f} "
        f"seconds={mixed.seconds:.0f} workers={args.workers} {'PASS' if passed else 'FAIL'}"
    )
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
