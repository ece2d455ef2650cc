"""De-identification on real reports against hand-labelled identifiers; prints one line.

python bench/realworld_deid.py DIR IDS              # DIR: documents (extract.sh), IDS: labels
python bench/realworld_deid.py DIR IDS --show-misses  # kinds and documents of misses and leaks
python bench/realworld_deid.py DIR IDS --pictures     # found as redact finds them (pictures read)

IDS holds one ``<label stem>.json`` per document with the identifiers a person read on its pages
(``{"identifiers": [{"kind", "text", "page"}]}``). Like the documents they are never committed:
they are the identifiers themselves. Each document is read once; the report is built twice: with
``keep_identifiers`` (is each labelled identifier *found*) and with the defaults (does it *leak*
into the output). With ``--pictures``, the lines read inside pictures count too: the identifiers
they show and repeats of those found in the text (``deid.locate.known_repeats``), as ``redact``
boxes them. Printed text is compared without spaces and number separators
(``checkup2action.evaluation.deid``). Misses are listed by kind and document, never by text,
unless ``--show-texts`` is given for local debugging.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from checkup2action.deid.identifiers import Identifier
from checkup2action.deid.imagetext import picture_lines
from checkup2action.deid.locate import known_repeats
from checkup2action.deid.scrub import DeidOptions, document_identifiers
from checkup2action.errors import Checkup2ActionError
from checkup2action.evaluation.deid import DeidTally
from checkup2action.evaluation.labels import load_labels, select_labels
from checkup2action.pipeline import read_pages, report_from_pages

HERE = Path(__file__).resolve().parent
KINDS = ("name", "id_number", "record_number", "phone", "email", "address", "birth_date")


def main() -> None:
    """Parse arguments, score every labelled document, print the summary line."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("docs", type=Path)
    ap.add_argument("ids", type=Path)
    ap.add_argument("--show-misses", action="store_true")
    ap.add_argument("--only", help="comma-separated pieces of label file stems")
    ap.add_argument("--show-texts", action="store_true", help="local debugging only")
    ap.add_argument(
        "--pictures",
        action="store_true",
        help="also read the pictures of born-digital pages by OCR, as redact does",
    )
    args = ap.parse_args()
    labels = select_labels(load_labels(HERE / "realworld" / "labels"), args.only)
    tally, docs, failed = DeidTally(), 0, 0
    for id_file in sorted(args.ids.glob("*.json")):
        stem = id_file.stem
        if stem not in labels:
            continue
        seeded = json.loads(id_file.read_text(encoding="utf-8"))["identifiers"]
        try:
            read = read_pages(labels[stem].document_path(args.docs))
        except (Checkup2ActionError, FileNotFoundError):
            failed += 1
            continue
        docs += 1
        kept = report_from_pages(read, deid=DeidOptions(keep_identifiers=True))
        output = report_from_pages(read).model_dump(mode="json")
        truth = {"seeded_identifiers": [{"kind": i["kind"], "text": i["text"]} for i in seeded]}
        found = [k.text for k in kept.identifiers]
        if args.pictures:
            inside = [ln.text for lines in picture_lines(read.doc).values() for ln in lines]
            found += [i.text for i in document_identifiers(inside)]
            known = [Identifier(k.kind, 0, len(k.text), k.text, k.rule) for k in kept.identifiers]
            found += [i.text for text in inside for i in known_repeats(text, known)]
        tally.add_document(stem, truth, found, output)
    if args.show_misses:
        for line in tally.misses:
            print("  miss", line if args.show_texts else line.split(":")[0], file=sys.stderr)
    kinds = " ".join(
        f"{k}={tally.recall(k):.3f}/{tally.seeded[k]}" for k in KINDS if tally.seeded[k]
    )
    print(
        f"realworld deid: docs={docs} identifiers={sum(tally.seeded.values())} "
        f"recall={tally.recall():.3f} {kinds} leaked={sum(tally.leaked.values())} "
        f"failed_docs={failed}"
    )


if __name__ == "__main__":
    main()
