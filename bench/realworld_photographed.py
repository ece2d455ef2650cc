"""Real layouts, photographed: the corpus's born-digital PDFs turned into phone photos or scans of
their labelled pages, read by the pipeline, and scored against the same hand labels.

python bench/realworld_photographed.py DIR                   # DIR: the folder extract.sh filled
python bench/realworld_photographed.py DIR --kind tilt       # sheets lying 10-35 degrees askew
python bench/realworld_photographed.py DIR --kind scan --only himanshu,robertoz
python bench/realworld_photographed.py DIR --keep /tmp/shots # keep the pictures to look at them
python bench/realworld_photographed.py DIR --show-misses 40  # label rows lost in the picture
python bench/realworld_photographed.py DIR --show-flag-misses  # printed flags not caught
python bench/realworld_photographed.py DIR --show-field-misses # units, ranges not as printed

The real photos of the corpus are few layouts taken many ways; the generator's photos are many
photos of few layouts. This bench crosses the two: real layouts (real fonts, rulings, columns,
wording) through the generator's photo simulation (``checkup2action.samples.degrade``: ``photo``,
``scan``, ``hard`` or ``tilt``), deterministic in the document and ``--seed``. A page becomes one
JPEG (one labelled page) or one page of a picture-only PDF (several), so OCR reads every word.
The first line compares the pictures with the same documents read from their text layer; then
the line per language. Languages whose script the bundled OCR cannot read (``--skip-languages``,
Cyrillic by default) are left out. The pictures hold real people's data: ``--keep`` writes them
to a local folder, never into git.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from realworld import (  # bench/realworld.py, beside this file
    analyte_code_of,
    corpus_arguments,
    print_field_misses,
    print_flag_misses,
    print_misses,
    run_pipeline,
    select,
)

from checkup2action.evaluation.labels import DocumentLabel, load_labels
from checkup2action.evaluation.matching import DocScore, Totals, score_document
from checkup2action.fileio import sha256_of
from checkup2action.samples.degrade import (
    KINDS,
    TILT_KIND,
    degrade_page,
    preset,
    render_pages,
)

SOURCE_KIND = "born_digital_pdf"


def labelled_pages(label: DocumentLabel) -> list[int]:
    """The pages (from 1) that hold labelled results, in order."""
    return sorted({row.page for row in label.results})


def renumbered(label: DocumentLabel, pages: list[int]) -> DocumentLabel:
    """The label with its results on the pages of the picture copy (the kept pages, from 1)."""
    new_page = {old: n for n, old in enumerate(pages, start=1)}
    results = [row.model_copy(update={"page": new_page[row.page]}) for row in label.results]
    return label.model_copy(
        update={"results": results, "findings": [], "summary": [], "sections": []}
    )


def photographed(path: Path, pages: list[int], kind: str, seed: str, out_dir: Path) -> Path:
    """Write the picture copy of ``pages`` of the PDF at ``path``; the file written."""
    rng = random.Random(f"realworld-photographed:{seed}:{kind}")
    deg = preset(kind, rng)
    rendered = render_pages(path.read_bytes(), deg.dpi)
    images = [degrade_page(rendered[p - 1], deg, rng)[0] for p in pages]
    quality = deg.jpeg_quality or 90
    if len(images) == 1:
        out = out_dir / f"{seed}.jpg"
        images[0].save(out, "JPEG", quality=quality, dpi=(deg.dpi, deg.dpi))
        return out
    out = out_dir / f"{seed}.pdf"
    first, *rest = images
    first.save(out, "PDF", save_all=True, append_images=rest, resolution=float(deg.dpi),
               quality=quality)  # fmt: skip
    return out


def chosen(labels: dict[str, DocumentLabel], skip: set[str]) -> dict[str, DocumentLabel]:
    """The born-digital documents with labelled results, in a script the OCR reads."""
    return {
        stem: label
        for stem, label in labels.items()
        if label.kind == SOURCE_KIND and label.results and label.language.split("-")[0] not in skip
    }


def score_pair(
    stem: str, label: DocumentLabel, path: Path, args: argparse.Namespace, work: Path, analyte_of
) -> tuple[DocScore, DocScore]:
    """The document's score read from its text layer, and from its picture copy."""
    pages = labelled_pages(label)
    label_copy = renumbered(label, pages)
    text_report, text_error, _ = run_pipeline(path, label, stem, None)
    text = score_document(label, text_report, analyte_of, failed=text_error)
    picture = photographed(path, pages, args.kind, f"{stem}_{args.seed}", work)
    report, error, seconds = run_pipeline(picture, label_copy, stem, None)
    print(f"  {stem}: {len(pages)} page(s) {seconds:.1f}s {error or ''}", file=sys.stderr)
    return text, score_document(label_copy, report, analyte_of, failed=error)


def print_lines(kind: str, pairs: list[tuple[DocScore, DocScore]]) -> None:
    """The summary line of the pictures, the same documents' text-layer line, then per language."""
    texts = [t for t, _ in pairs]
    pictures = [p for _, p in pairs]
    print(f"realworld photographed {kind}: {Totals.of(pictures).line()}")
    print(f"  same documents from their text layer: {Totals.of(texts).line()}")
    groups: dict[str, list[DocScore]] = defaultdict(list)
    for score in pictures:
        groups[score.language].append(score)
    for name in sorted(groups):
        print(f"  lang {name}: {Totals.of(groups[name]).line()}")
    lost = [(t, p) for t, p in pairs if p.found < t.found]
    for text, picture in sorted(lost, key=lambda tp: (tp[1].found - tp[0].found, tp[0].doc_id)):
        print(
            f"  lost {text.doc_id}: {picture.found} of {picture.labels} found "
            f"({text.found} from the text layer)"
        )


def main() -> None:
    """Parse arguments, photograph and read every chosen document, print the lines."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    corpus_arguments(ap)
    ap.add_argument("--kind", default="photo", choices=(*KINDS, TILT_KIND))
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--skip-languages", default="ru,uk", help="comma-separated languages (ru skips ru-KZ)"
    )
    ap.add_argument("--keep", type=Path, help="write the pictures here (local only, not git)")
    args = ap.parse_args()
    skip = {code for code in args.skip_languages.split(",") if code}
    labels = chosen(select(load_labels(args.labels), args.only), skip)
    analyte_of = analyte_code_of()
    pairs = []
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        for stem, label in labels.items():
            path = label.document_path(args.dir)
            if not path.exists() or sha256_of(path) != label.source.sha256:
                print(f"  skipped {stem}: missing or not the labelled bytes", file=sys.stderr)
                continue
            pairs.append(score_pair(stem, label, path, args, work, analyte_of))
    print_lines(args.kind, pairs)
    print_misses([p for _, p in pairs], args.show_misses)
    if args.show_flag_misses:
        print_flag_misses([p for _, p in pairs])
    if args.show_field_misses:
        print_field_misses([p for _, p in pairs])


if __name__ == "__main__":
    main()
