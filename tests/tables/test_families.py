"""Every layout family of the generator (each a set of real-report traps) is read exactly.

Families and the traps they carry (see checkup2action/samples/README.md):
ruled and borderless tables, two tables side by side, tables continued over pages with and without
a repeated header, wrapped names and values, previous-result columns with dates, row numbers and
lab site codes, interpretive sub-tables and comments, header words in en/zh-Hans/zh-Hant, and
tables with no header at all.
"""

from __future__ import annotations

import pytest

from checkup2action.pipeline import ingest
from checkup2action.samples.generator import FAMILIES, generate
from checkup2action.samples.scoring import FIELDS, score_document

SEEDS = (7, 8, 9)


@pytest.mark.parametrize("family", sorted(FAMILIES))
@pytest.mark.parametrize("seed", SEEDS)
def test_family_is_read_exactly(family, seed, tmp_path):
    gen = generate(family, seed)
    path = tmp_path / f"{family}_{seed}.pdf"
    path.write_bytes(gen.pdf)
    report = ingest(path)
    tally = score_document(gen.truth, report.model_dump(mode="json"), path.name)
    summary = tally.summary()
    misses = "\n".join(tally.misses[:15])
    assert summary["recall"] == 1.0, misses
    assert summary["precision"] == 1.0, misses
    for field in FIELDS:
        if field != "analyte":
            assert summary[field] == 1.0, misses
    assert summary["analyte"] >= 0.9, misses
    assert_flag_sources(gen.truth, report.model_dump(mode="json"))


def assert_flag_sources(truth: dict, report: dict) -> None:
    """Printed flags are read as printed; red or bold values with no printed flag as style."""
    by_box = {tuple(round(v) for v in t["bbox"]): t for t in truth["lab_results"]}
    for pred in report["lab_results"]:
        if pred.get("derived"):
            continue  # computed from rows: its boxes are theirs
        b = pred["provenance"][0]["bbox"]
        t = by_box.get((round(b["x0"]), round(b["top"]), round(b["x1"]), round(b["bottom"])))
        if t is None or t["flag_source"] == "computed":
            continue
        assert pred["flag_source"] == t["flag_source"], (t["name_raw"], pred["flag_source"])
