"""Write the masked regression fixtures of the real corpus and pin what the pipeline reads on them.

python bench/realworld_fixtures.py DIR [--pages CACHE] [-o tests/realworld/fixtures] [--only a,b]
python bench/realworld_fixtures.py DIR --pins-only   # a code change: pin the fixtures as they are

For every labelled document: its pages as read (from the local cache of ``bench/realworld.py
--pages``, else read now), masked (``checkup2action.evaluation.fixtures``: only result material,
header words and units keep their text), written gzipped under the output folder; then the
second half of the pipeline runs on the masked fixture and ``pins.json`` records how many label
rows it finds and how many other rows it gives. ``tests/realworld`` fails when a change finds
fewer or gives more. Rerun after an intended change (a better reading raises the pins); with
``--pins-only`` the fixtures already written are kept (rewriting them from a fresh OCR run changes
confidences and boxes in their last digits, which is noise in a commit).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from checkup2action.evaluation.fixtures import (
    load_fixture,
    make_fixture,
    read_fixture,
    save_fixture,
)
from checkup2action.evaluation.labels import DocumentLabel, load_labels, select_labels
from checkup2action.evaluation.matching import score_document
from checkup2action.fileio import sha256_of
from checkup2action.pipeline import read_pages, report_from_pages

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def masked_fixture(stem: str, label: DocumentLabel, root: Path, cache: Path | None) -> dict:
    """The masked fixture of one labelled document."""
    cached = cache / f"{stem}.json.gz" if cache else None
    if cached is not None and cached.exists():
        read = read_fixture(load_fixture(cached))
    else:
        path = label.document_path(root)
        if sha256_of(path) != label.source.sha256:
            raise SystemExit(f"{stem}: the document's bytes differ from the label's sha256")
        read = read_pages(path)
    return make_fixture(read, label, stem, mask=True)


def pin(fixture: dict, label: DocumentLabel) -> dict[str, int]:
    """What the pipeline reads on a masked fixture: label rows found, other rows given."""
    report = report_from_pages(read_fixture(fixture)).model_dump(mode="json")
    score = score_document(label, report)
    return {"rows": score.labels, "found": score.found, "extra": score.preds - score.found}


def main() -> None:
    """Write fixtures and pins."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("dir", type=Path, help="folder of documents filled by extract.sh")
    ap.add_argument("--pages", type=Path, help="local cache of read pages (bench/realworld.py)")
    ap.add_argument("-o", "--out", type=Path, default=ROOT / "tests" / "realworld" / "fixtures")
    ap.add_argument("--labels", type=Path, default=HERE / "realworld" / "labels")
    ap.add_argument("--only", help="comma-separated pieces of label file stems")
    ap.add_argument(
        "--pins-only",
        action="store_true",
        help="pin what the code reads on the fixtures already written (no document is read)",
    )
    args = ap.parse_args()
    labels = select_labels(load_labels(args.labels), args.only)
    pins_path = args.out.parent / "pins.json"
    pins = json.loads(pins_path.read_text()) if pins_path.exists() else {}
    for stem, label in labels.items():
        if args.pins_only:
            fixture = load_fixture(args.out / f"{stem}.json.gz")
        else:
            fixture = masked_fixture(stem, label, args.dir, args.pages)
            save_fixture(fixture, args.out / f"{stem}.json.gz")
        pins[stem] = pin(fixture, label)
        print(stem, pins[stem])
    pins_path.write_text(json.dumps(dict(sorted(pins.items())), indent=1) + "\n")
    found = sum(p["found"] for p in pins.values())
    rows = sum(p["rows"] for p in pins.values())
    print(
        f"fixtures: docs={len(pins)} rows={rows} found={found} extra={sum(p['extra'] for p in pins.values())}"
    )


if __name__ == "__main__":
    main()
