"""Print the text lines (segments split by ' | ') the layout stage makes of a page.

python tools/dump_lines.py PAGES.json.gz [--page N] [--words]

PAGES is a read-pages fixture: a committed masked one under tests/realworld/fixtures, or a local
unmasked cache written by ``bench/realworld.py DIR --pages CACHE`` (never commit those).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from checkup2action.evaluation.fixtures import load_fixture, read_fixture
from checkup2action.layout import cluster_lines


def main() -> None:
    """Load the fixture, cluster each page's words into lines, print them."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("fixture", type=Path)
    ap.add_argument("--page", type=int)
    ap.add_argument("--words", action="store_true", help="print word boxes too")
    args = ap.parse_args()
    read = read_fixture(load_fixture(args.fixture))
    for page in read.doc.pages:
        if args.page and page.number != args.page:
            continue
        print(f"=== page {page.number} ({page.kind}, {page.width:.0f}x{page.height:.0f})")
        for i, line in enumerate(cluster_lines(page.words)):
            segs = " | ".join(s.text for s in line.segments)
            print(f"{i:3d} {line.top:6.1f} {segs}")
            if args.words:
                for w in line.words:
                    print(f"      {w.text!r} {w.x0:.1f}-{w.x1:.1f} {w.top:.1f}-{w.bottom:.1f}")


if __name__ == "__main__":
    main()
