"""Write a small set of scanned / photographed report images with their truth.

``python -m checkup2action.samples.make_scans OUT_DIR [--n 8] [--seed 0]`` cycles the report
families, the degradation kinds (``scan``, ``photo``, ``hard``) and the formats
(``png``, ``jpg``, ``tiff``, ``pdf``); item ``i`` is report ``seed + i // 8`` of its family,
degraded with seed ``seed + i``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from checkup2action.samples.degrade import FORMATS, KINDS, degrade_report, save_report
from checkup2action.samples.generator import FAMILY_NAMES, generate


def plan(n: int, seed: int = 0) -> list[tuple[str, int, str, int, str]]:
    """``(family, report seed, kind, degradation seed, format)`` of the ``n`` items."""
    return [
        (
            FAMILY_NAMES[i % len(FAMILY_NAMES)],
            seed + i // len(FAMILY_NAMES),
            KINDS[i % len(KINDS)],
            seed + i,
            FORMATS[i % len(FORMATS)],
        )
        for i in range(n)
    ]


def make_scans(out_dir: Path, n: int = 8, seed: int = 0) -> list[Path]:
    """Write the ``n`` items of :func:`plan` to ``out_dir``; returns every file written."""
    paths: list[Path] = []
    for family, report_seed, kind, deg_seed, fmt in plan(n, seed):
        gen = generate(family, report_seed)
        degraded = degrade_report(gen, kind, deg_seed)
        paths += save_report(degraded, Path(out_dir), f"{gen.stem}_{kind}{deg_seed}", fmt)
    return paths


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--n", type=int, default=8, help="number of reports (default 8)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    for path in make_scans(args.out_dir, args.n, args.seed):
        print(path)


if __name__ == "__main__":
    main()
