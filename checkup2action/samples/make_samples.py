"""Write the committed sample set: ``python -m checkup2action.samples.make_samples samples/``.

One or two reports per family (``SAMPLES``), each as ``<family>_<seed>.pdf`` plus
``<family>_<seed>.truth.json``. ``tests/samples/test_generator.py`` checks that the committed
files are exactly what this module regenerates.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from checkup2action.samples.generator import generate

#: (family, seed) pairs of the committed set: at most 12 reports (24 files), at most 5 MB.
#: Seeds picked so that the set shows every trap at least once (see the family docstrings).
SAMPLES: tuple[tuple[str, int], ...] = (
    ("zh_ruled", 37),  # ↑↓ column, sex-specific range wrapped onto two lines, bold values
    ("zh_side_by_side", 33),  # two tables, ～ ranges, <0.5, wrapped names
    ("zh_hant_booklet", 19),  # previous column, red-only abnormal values, qualitative, >1000
    ("en_us_lab", 28),  # High/Low/Critical Low/Abnormal, footnote "A, 01", previous results
    ("en_india_ruled", 52),  # H/L + bold, wrapped long names, Method lines, 2 pages
    ("en_headerless", 49),  # arrows + red/bold, thousands separators, <0.3
    ("en_headerless", 35),  # HH/H/L flag column, >1000, thousands separators
    ("zh_checkup_multi", 58),  # 5 pages, 偏高/偏低/*, wrapped units/ranges, sex ranges
    ("zh_checkup_multi", 42),  # 4 pages, 异常 flags, no repeated header on continuation
    ("en_eu_decimal_comma", 59),  # decimal commas, +/- flags, red values
    ("zh_app_list", 11),  # app screenshots: 参考区间：3.5~9.5 glued, ↑↓, 阴性(-), 2 screens
    ("en_app_list", 64),  # "Test Results" title bar, High/Low, red, Non-reactive, 2 screens
)
MAX_FILES = 24
MAX_BYTES = 5 * 1024 * 1024


def prune_stale(out_dir: Path) -> list[Path]:
    """Delete earlier generator outputs in ``out_dir`` that are no longer part of ``SAMPLES``."""
    keep = {f"{family}_{seed}" for family, seed in SAMPLES}
    removed = []
    for truth in sorted(out_dir.glob("*.truth.json")):
        stem = truth.name.removesuffix(".truth.json")
        try:
            generated = (
                json.loads(truth.read_text("utf-8")).get("generator") == "checkup2action.samples"
            )
        except (OSError, ValueError):
            continue
        if generated and stem not in keep:
            for path in (truth, out_dir / f"{stem}.pdf"):
                if path.exists():
                    path.unlink()
                    removed.append(path)
    return removed


def write_samples(out_dir: Path) -> list[Path]:
    """Generate the committed set into ``out_dir``; returns the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    prune_stale(out_dir)
    written: list[Path] = []
    for family, seed in SAMPLES:
        report = generate(family, seed)
        pdf = report.write(out_dir)
        written += [pdf, pdf.with_name(f"{report.stem}.truth.json")]
    total = sum(p.stat().st_size for p in written)
    if len(written) > MAX_FILES or total > MAX_BYTES:
        raise SystemExit(f"sample set too large: {len(written)} files, {total} bytes")
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path, nargs="?", default=Path("samples"))
    args = parser.parse_args(argv)
    for path in write_samples(args.out_dir):
        print(path)


if __name__ == "__main__":
    main()
