"""The Action Card model, its committed schema, and the gate on a whole card."""

import pytest
from pydantic import ValidationError

from checkup2action.cards.models import ActionCard, CardSet, departments, duration_days
from checkup2action.cards.safety import card_violations
from checkup2action.cards.schema_file import CARDS_SCHEMA
from checkup2action.schemafiles import schema_hash, schema_text

REGEN = "run `python -m checkup2action.cards.schema_file` (bump CARDS_SCHEMA_VERSION if released)"


def _card(**changes) -> dict:
    card = {
        "id": "c1",
        "title": "LDL cholesterol above its range",
        "category": "lipids",
        "priority": "soon",
        "department": "cardiology",
        "follow_up": {"min": "P2W", "max": "P1M", "text": "within 2 to 4 weeks"},
        "explanation": "LDL carries cholesterol in the blood; a high level over years can narrow "
        "arteries. A doctor can judge it together with your other risk factors.",
        "questions": ["What does my LDL mean with my other results?", "When should I repeat it?"],
        "evidence": ["r12"],
        "language": "en",
    }
    return card | changes


def test_a_card_validates_and_round_trips():
    card = ActionCard.model_validate(_card())
    assert CardSet(cards=[card]).model_dump()["cards"][0]["department"] == "cardiology"
    assert departments()["cardiology"]["zh"] == "心内科"


@pytest.mark.parametrize(
    "changes",
    [
        {"priority": "now"},
        {"department": "oncology-ish"},
        {"category": "cholesterol"},
        {"follow_up": {"min": "P1M", "max": "P2W", "text": "x"}},
        {"follow_up": {"min": "2 weeks", "max": "P1M", "text": "x"}},
        {"questions": ["Only one?"]},
        {"questions": ["1?", "2?", "3?", "4?", "5?"]},
        {"evidence": []},
        {"language": "fr"},
        {"diagnosis": "none"},
    ],
)
def test_cards_that_break_the_contract_are_refused(changes):
    with pytest.raises(ValidationError):
        ActionCard.model_validate(_card(**changes))


def test_durations_are_ordered_in_days():
    assert (
        duration_days("P0D")
        == 0
        < duration_days("P3D")
        < duration_days("P2W")
        < duration_days("P1M")
    )
    with pytest.raises(ValueError):
        duration_days("P")


def test_the_gate_checks_every_text_of_a_card_but_lets_questions_ask():
    assert card_violations(ActionCard.model_validate(_card())) == []
    bad = ActionCard.model_validate(
        _card(explanation="You have hyperlipidaemia. Take atorvastatin daily.",
              questions=["Should I take a statin?", "This will definitely go away."])
    )  # fmt: skip
    found = [(field, v.kind) for field, v in card_violations(bad)]
    assert ("explanation", "diagnosis") in found and ("explanation", "treatment") in found
    assert ("questions[1]", "certainty") in found
    assert not any(field == "questions[0]" for field, _ in found)


def test_committed_cards_schema_is_current_and_registered():
    assert CARDS_SCHEMA.path.read_text("utf-8") == schema_text(CARDS_SCHEMA.current()), REGEN
    assert CARDS_SCHEMA.registry()[CARDS_SCHEMA.version] == schema_hash(CARDS_SCHEMA.current())
