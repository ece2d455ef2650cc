"""Choosing labels by pieces of their file stems, as the real-corpus benches' ``--only`` does."""

from __future__ import annotations

from checkup2action.evaluation.labels import select_labels


def test_labels_are_chosen_by_pieces_of_their_stems():
    labels = {"acme_cbc_photo": 1, "acme_urine_pdf": 2, "zeta_cbc_scan": 3}
    assert select_labels(labels, None) == labels  # type: ignore[arg-type]
    assert select_labels(labels, "") == labels  # type: ignore[arg-type]
    assert list(select_labels(labels, "cbc")) == ["acme_cbc_photo", "zeta_cbc_scan"]  # type: ignore[arg-type]
    assert list(select_labels(labels, "urine,,zeta")) == ["acme_urine_pdf", "zeta_cbc_scan"]  # type: ignore[arg-type]
