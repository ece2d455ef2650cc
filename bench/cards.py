"""Action Cards against reference cards (the evaluation protocol of checkup2action.evaluation.cards);
prints one line per corpus.

python bench/cards.py --n 200                     # generated reports: pipeline cards vs planted
python bench/cards.py --scanned --n 40            # their scanned / photographed variants (OCR)
python bench/cards.py --real DIR [--reports R]    # real reports with hand-written gold cards
python bench/cards.py --real DIR --per-report     # a line per real report

--real reads the documents of bench/realworld/cards/ (fetched and extracted as
bench/realworld/README.md says) through the pipeline; --reports takes reports saved by
`bench/realworld.py --save R` instead.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from checkup2action.cards.rules import generate_cards
from checkup2action.errors import Checkup2ActionError
from checkup2action.evaluation.cards import (
    EvalCard,
    Evaluation,
    cards_of,
    evaluate,
    load_card_file,
)
from checkup2action.evaluation.labels import load_labels
from checkup2action.fileio import sha256_of
from checkup2action.pipeline import ingest
from checkup2action.report.models import StructuredReport
from checkup2action.samples.cards import planted_cards
from checkup2action.samples.generator import FAMILIES, generate

HERE = Path(__file__).resolve().parent
GOLD = HERE / "realworld" / "cards"
KEYS = ("coverage", "precision", "priority_exact", "priority_weighted", "department",
        "follow_up_overlap", "safety", "usefulness", "flesch_en", "zh_sentence_chars")  # fmt: skip


def _cards_of(report: StructuredReport | None) -> list[EvalCard]:
    """The rule cards of a report as evaluation cards (none for a failed document)."""
    return cards_of(generate_cards(report).model_dump(mode="json")) if report else []


def synthetic(n: int, seed: int, scanned: bool = False) -> Evaluation:
    """Generated reports (or their degraded pictures) through the pipeline; gold: the cards of
    what was planted."""
    from accuracy import born_digital_case, scanned_case  # bench/accuracy.py

    families = sorted(FAMILIES)
    make_case = scanned_case if scanned else born_digital_case
    triples = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for i in range(n):
            gen = generate(families[i % len(families)], seed + i)
            path, _ = make_case(gen, tmp, i)
            try:
                report: StructuredReport | None = ingest(path)
            except Checkup2ActionError:
                report = None
            gold = cards_of(planted_cards(gen.truth, gen.stem))
            triples.append((gen.stem, _cards_of(report), gold))
    return evaluate(triples)


def _real_report(stem: str, docs: Path, reports: Path | None) -> StructuredReport | None:
    """A saved report, or the pipeline's reading of the labelled document."""
    if reports is not None:
        saved = reports / f"{stem}.json"
        return StructuredReport.model_validate_json(saved.read_text()) if saved.exists() else None
    label = load_labels(HERE / "realworld" / "labels")[stem]
    path = label.document_path(docs)
    if not path.exists() or sha256_of(path) != label.source.sha256:
        print(f"  missing or changed: {stem} (fetch and extract it first)", file=sys.stderr)
        return None
    try:
        return ingest(path)
    except Checkup2ActionError:
        return None


def real(docs: Path, reports: Path | None) -> Evaluation:
    """The real reports that have gold cards, through the pipeline, against their gold cards."""
    triples = []
    for gold_file in sorted(GOLD.glob("*.json")):
        stem, gold = load_card_file(gold_file)
        triples.append((stem, _cards_of(_real_report(stem, docs, reports)), gold))
    return evaluate(triples)


def line(name: str, result: Evaluation) -> str:
    """The one summary line of a corpus."""
    s = result.summary()
    head = f"{name}: reports={s['reports']} gold={s['gold_cards']} pred={s['pred_cards']}"
    return head + "".join(f" {k}={s[k]}" for k in KEYS)


def main() -> None:
    """Parse arguments, run, print the summary line(s)."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=200, help="generated reports")
    ap.add_argument("--seed", type=int, default=1000)
    ap.add_argument("--scanned", action="store_true", help="degraded pictures, read by OCR")
    ap.add_argument("--real", type=Path, help="folder of real documents (extract.sh)")
    ap.add_argument("--reports", type=Path, help="saved reports of the real documents")
    ap.add_argument("--per-report", action="store_true", help="a line per report")
    args = ap.parse_args()
    if args.real or args.reports:
        result = real(args.real or Path("."), args.reports)
        print(line("cards_real", result))
    else:
        result = synthetic(args.n, args.seed, args.scanned)
        print(line("cards_scanned" if args.scanned else "cards_synthetic", result))
    if args.per_report:
        for row in result.per_report():
            print("  ", json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
