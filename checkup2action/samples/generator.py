"""Deterministic synthetic check-up reports: born-digital PDFs plus exact ground truth.

``generate(family, seed)`` returns the same bytes for the same arguments (fixed creation date,
fixed font subset tags, no wall-clock or hash-order dependence).
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Any

from checkup2action.samples.draw import PAGE_TOTAL, SEED_IDENTITIES

FAMILY_NAMES = (
    "zh_ruled",
    "zh_side_by_side",
    "zh_hant_booklet",
    "en_us_lab",
    "en_india_ruled",
    "en_headerless",
    "zh_checkup_multi",
    "en_eu_decimal_comma",
    "zh_app_list",
    "en_app_list",
)

Builder = Callable[[random.Random, int], tuple[bytes, dict[str, Any]]]


def _builder(name: str) -> Builder:
    return import_module(f"checkup2action.samples.families.{name}").build


class _Families(dict):
    """``FAMILIES[name]`` is the family's ``build(rng, seed)``; modules load on first use."""

    def __missing__(self, key: str) -> Builder:
        if key not in FAMILY_NAMES:
            raise KeyError(f"unknown family {key!r}; known: {', '.join(FAMILY_NAMES)}")
        self[key] = fn = _builder(key)
        return fn

    def __iter__(self):
        return iter(FAMILY_NAMES)

    def __len__(self) -> int:
        return len(FAMILY_NAMES)

    def __contains__(self, key: object) -> bool:
        return key in FAMILY_NAMES

    def keys(self):
        return list(FAMILY_NAMES)

    def items(self):
        return [(k, self[k]) for k in FAMILY_NAMES]

    def values(self):
        return [self[k] for k in FAMILY_NAMES]


FAMILIES: dict[str, Builder] = _Families()


@dataclass(frozen=True)
class GeneratedReport:
    """One synthetic report."""

    pdf: bytes
    truth: dict[str, Any]
    family: str
    seed: int

    @property
    def stem(self) -> str:
        return f"{self.family}_{self.seed}"

    def truth_json(self) -> str:
        return json.dumps(self.truth, ensure_ascii=False, indent=2) + "\n"

    def write(self, out_dir: Path) -> Path:
        """Write ``<family>_<seed>.pdf`` and ``.truth.json``; returns the PDF path."""
        out_dir.mkdir(parents=True, exist_ok=True)
        pdf_path = out_dir / f"{self.stem}.pdf"
        pdf_path.write_bytes(self.pdf)
        (out_dir / f"{self.stem}.truth.json").write_text(self.truth_json(), encoding="utf-8")
        return pdf_path


def _run(
    family: str, seed: int, total: int | None, identities: bool
) -> tuple[bytes, dict[str, Any]]:
    rng = random.Random(f"checkup2action.samples:{family}:{seed}")
    token, seeded = PAGE_TOTAL.set(total), SEED_IDENTITIES.set(identities)
    try:
        return FAMILIES[family](rng, seed)
    finally:
        PAGE_TOTAL.reset(token)
        SEED_IDENTITIES.reset(seeded)


def generate(family: str, seed: int, *, identities: bool = False) -> GeneratedReport:
    """Render report ``seed`` of ``family``.

    Two passes with the same random stream: the first lays the report out to learn its page
    count, the second draws it again with ``Page n of N`` footers and renders the PDF. With
    ``identities`` the families that can print seeded identifiers (``samples.identity``) do.
    """
    _, first = _run(family, seed, None, identities)
    pdf, truth = _run(family, seed, first["page_count"], identities)
    if truth != first:  # pragma: no cover - a family let the page total change its layout
        raise RuntimeError(f"{family}/{seed}: the two layout passes disagree")
    return GeneratedReport(pdf=pdf, truth=truth, family=family, seed=seed)


def generate_corpus(out_dir: Path, n: int, seed: int = 0) -> list[Path]:
    """Write ``n`` reports cycling through the families; seeds ``seed, seed+1, ...``."""
    paths = []
    for i in range(n):
        family = FAMILY_NAMES[i % len(FAMILY_NAMES)]
        paths.append(generate(family, seed + i // len(FAMILY_NAMES)).write(Path(out_dir)))
    return paths
