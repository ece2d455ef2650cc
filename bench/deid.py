"""De-identification on generated reports with seeded identities; prints one line.

python bench/deid.py [--n 200] [--seed 5000] [--show-misses 20]
python bench/deid.py --scanned --n 60     # the same reports as degraded pictures, via OCR

Each report is generated with ``identities=True`` (``checkup2action.samples.identity``: a national
ID with a valid check digit, a phone, an e-mail, a street address and two record numbers beside
the patient's name, zh and en forms) by the families that print them. Pages are read once; the
report is built twice from them: with ``keep_identifiers`` (which identifiers were *found*) and
with the defaults (does any identifier *leak* into the output). ``results_kept`` is the lab-result
recall of the default output against the generator's truth (``samples.scoring``).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from accuracy import scanned_case  # bench/accuracy.py, beside this file

from checkup2action.deid.scrub import DeidOptions
from checkup2action.errors import Checkup2ActionError
from checkup2action.evaluation.deid import DeidTally
from checkup2action.pipeline import read_pages, report_from_pages
from checkup2action.samples.generator import generate
from checkup2action.samples.scoring import Tally, score_document

#: Families that print seeded identities (``Document.seeded_fields``).
FAMILIES = (
    "zh_ruled",
    "en_us_lab",
    "zh_side_by_side",
    "en_india_ruled",
    "zh_checkup_multi",
    "en_headerless",
)
KINDS = ("id_number", "phone", "email", "record_number", "address", "name", "other")


def run(n: int, seed: int, scanned: bool) -> tuple[DeidTally, Tally, int]:
    """Generate, read and score ``n`` reports; the tallies and the count of failed documents."""
    deid, results, failed = DeidTally(), Tally(), 0
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(n):
            gen = generate(FAMILIES[i % len(FAMILIES)], seed + i, identities=True)
            if scanned:
                path, truth = scanned_case(gen, Path(tmp), i)
                truth["seeded_identifiers"] = gen.truth["seeded_identifiers"]
                truth["identifiers"] = gen.truth["identifiers"]
            else:
                path, truth = Path(tmp) / f"{gen.stem}.pdf", gen.truth
                path.write_bytes(gen.pdf)
            try:
                read = read_pages(path)
            except Checkup2ActionError:
                failed += 1
                continue
            kept = report_from_pages(read, deid=DeidOptions(keep_identifiers=True))
            output = report_from_pages(read).model_dump(mode="json")
            deid.add_document(path.name, truth, [k.text for k in kept.identifiers], output)
            results.add(score_document(truth, output, path.name))
    return deid, results, failed


def main() -> None:
    """Parse arguments, run, print the summary line."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=5000)
    ap.add_argument("--scanned", action="store_true", help="degraded pictures through OCR")
    ap.add_argument("--show-misses", type=int, default=0)
    args = ap.parse_args()
    deid, results, failed = run(args.n, args.seed, args.scanned)
    for line in deid.misses[: args.show_misses]:
        print("  miss", line, file=sys.stderr)
    kinds = " ".join(f"{k}={deid.recall(k):.4f}" for k in KINDS if deid.seeded[k])
    label = "scanned" if args.scanned else "born-digital"
    print(
        f"deid {label}: docs={args.n} identifiers={sum(deid.seeded.values())} "
        f"recall={deid.recall():.4f} {kinds} leaked={sum(deid.leaked.values())} "
        f"results_kept={results.summary()['recall']:.4f} failed_docs={failed}"
    )


if __name__ == "__main__":
    main()
