"""Damaged copies for the robustness bench: the same on every run, never unchanged, and every
one of them a typed outcome for the ingest stage."""

from __future__ import annotations

from pathlib import Path

import pytest

from checkup2action.errors import Checkup2ActionError
from checkup2action.ingestion import load_document
from checkup2action.samples.mutate import MUTATIONS, mutants

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "zh_ruled_37.pdf"


def test_mutants_are_seeded_changed_and_take_every_mutation_in_turn():
    source = SAMPLE.read_bytes()
    first, again = mutants([source], 14, seed=3), mutants([source], 14, seed=3)
    assert first == again and mutants([source], 14, seed=4) != first
    assert [name for name, _, _ in first] == list(MUTATIONS) * 2
    assert all(data and data != source for _, _, data in first)


@pytest.mark.parametrize("seed", range(3))
def test_every_mutant_loads_or_fails_with_a_typed_error(tmp_path, seed):
    for n, (name, _, data) in enumerate(mutants([SAMPLE.read_bytes()], 21, seed=seed)):
        path = tmp_path / f"{n}_{name}.pdf"
        path.write_bytes(data)
        try:
            doc = load_document(path)
        except Checkup2ActionError as exc:
            assert exc.code in {"CORRUPT_DOCUMENT", "NOT_A_DOCUMENT", "EMPTY_DOCUMENT"}, name
        else:
            assert doc.pages, name
