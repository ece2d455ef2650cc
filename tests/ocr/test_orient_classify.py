"""The angle classifier's vote on line pieces: decides only when clearly one way."""

from __future__ import annotations

import numpy as np
import pytest

from checkup2action.ocr.orient import PIECE_RATIO, classified_turn, line_pieces


class Classifier:
    """Answers the given verdicts, one per piece, in turn."""

    def __init__(self, verdicts):
        self.verdicts = list(verdicts)

    def classify_turns(self, crops):
        return [self.verdicts[i % len(self.verdicts)] for i in range(len(crops))]


def crops(count: int, width: int = 400, height: int = 40) -> list[np.ndarray]:
    """Blank line crops."""
    return [np.zeros((height, width, 3), np.uint8) for _ in range(count)]


def test_long_lines_give_two_pieces_of_the_classifiers_shape():
    pieces = line_pieces(crops(3, width=400) + crops(1, width=100))
    assert len(pieces) == 7
    assert all(p.shape[1] <= PIECE_RATIO * p.shape[0] for p in pieces)


@pytest.mark.parametrize("turn", [0, 180])
def test_a_clear_majority_decides(turn):
    other = 180 - turn
    vote = classified_turn(Classifier([(turn, 1.0)] * 9 + [(other, 0.99)]), crops(5))
    assert vote is not None and vote.turn == turn and vote.margin >= 4


@pytest.mark.parametrize(
    "verdicts",
    [
        [(0, 1.0)] * 6 + [(180, 1.0)] * 4,  # split
        [(0, 0.6), (180, 0.55)],  # unsure
    ],
)
def test_an_unclear_vote_is_left_to_recognition(verdicts):
    assert classified_turn(Classifier(verdicts), crops(5)) is None


def test_too_few_pieces_or_no_classifier_decide_nothing():
    assert classified_turn(Classifier([(0, 1.0)]), crops(3)) is None  # 6 pieces
    assert classified_turn(object(), crops(5)) is None
