"""The gold Action Cards of the real corpus (bench/realworld/cards) are well formed: every card
fits the model, passes the safety gate, and rests on results or headings its label prints."""

import json
from pathlib import Path

import pytest

from checkup2action.cards.models import ActionCard
from checkup2action.cards.safety import card_violations
from checkup2action.evaluation.labels import load_labels

REAL = Path(__file__).resolve().parents[2] / "bench" / "realworld"
GOLD = sorted((REAL / "cards").glob("*.json"))


def _printed(stem: str) -> set[str]:
    """What a gold card's evidence may name: the label's result names and headings."""
    label = load_labels(REAL / "labels")[stem]
    names = {r.name for r in label.results} | {s.title for s in label.sections}
    names |= {piece for f in label.findings for piece in f.contains}
    return {" ".join(n.split()).casefold() for n in names}


@pytest.mark.parametrize("path", GOLD, ids=[p.stem for p in GOLD])
def test_gold_cards_fit_the_model_pass_the_gate_and_rest_on_printed_items(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["document"] == path.stem and data["written_before_rules"] in (True, False)
    printed = _printed(path.stem)
    for i, raw in enumerate(data["cards"]):
        card = ActionCard.model_validate({**raw, "id": f"g{i}", "language": data["language"]})
        assert card_violations(card) == [], (path.stem, card.title)
        for item in card.evidence:
            key = " ".join(item.split()).casefold()
            assert key in printed or any(key in p or p in key for p in printed), (path.stem, item)


def test_there_are_gold_cards_for_at_least_twenty_documents():
    assert len(GOLD) >= 20
