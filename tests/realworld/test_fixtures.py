"""The table reader on real geometry: masked pages of the real corpus, pinned counts.

Each fixture holds the words that ingest/OCR produced for the labelled pages of one real
document (identifiers masked, see ``checkup2action.evaluation.fixtures``) and the label rows.
``pins.json`` records how many label rows the pipeline found on the masked fixture and how many
other rows it gave when the pins were last written (``bench/realworld_fixtures.py``). A change
that finds fewer, or gives more, fails here; an improvement is pinned by rerunning that script.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checkup2action.evaluation.fixtures import load_fixture, read_fixture
from checkup2action.evaluation.labels import DocumentLabel
from checkup2action.evaluation.matching import score_document
from checkup2action.pipeline import report_from_pages

HERE = Path(__file__).resolve().parent
FIXTURES = sorted((HERE / "fixtures").glob("*.json.gz"))
PINS = json.loads((HERE / "pins.json").read_text())


def test_every_fixture_is_pinned_and_the_corpus_is_large() -> None:
    stems = {p.name.removesuffix(".json.gz") for p in FIXTURES}
    assert stems == set(PINS)
    assert len(stems) >= 40 and sum(p["rows"] for p in PINS.values()) >= 900


@pytest.mark.parametrize("path", FIXTURES, ids=[p.name.removesuffix(".json.gz") for p in FIXTURES])
def test_fixture_reads_at_least_as_well_as_pinned(path: Path) -> None:
    data = load_fixture(path)
    assert data["masked"] is True
    stem = path.name.removesuffix(".json.gz")
    label = DocumentLabel.model_validate(
        {"source": data["source"], "language": data["language"], "kind": data["kind"],
         "results": data["expected"]}
    )  # fmt: skip
    report = report_from_pages(read_fixture(data)).model_dump(mode="json")
    score = score_document(label, report)
    pin = PINS[stem]
    assert score.found >= pin["found"], (
        f"found {score.found} of {score.labels}, pinned {pin['found']}"
    )
    assert score.preds - score.found <= pin["extra"], (
        f"{score.preds - score.found} rows not on the label"
    )
