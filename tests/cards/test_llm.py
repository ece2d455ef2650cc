"""The language-model card path against a local fake endpoint: good replies, a repair, a reply
that breaks the safety gate, one that is no JSON, and an endpoint that is not there."""

import json
import socket

from checkup2action.cards.llm import LlmSettings, generate_llm_cards, parse_reply
from checkup2action.cards.safety import card_violations
from tests.cards.fake_llm import FakeChatServer
from tests.cards.reports import report, result

REPORT = report([
    result("r1", "LDL Cholesterol", 4.2, "H", code="LDL_C", high=3.4, canonical=4.2),
    result("r2", "ALT", 150, "H", code="ALT", high=40, canonical=150),
])  # fmt: skip


def _card(**changes) -> dict:
    card = {
        "title": "LDL cholesterol above its range",
        "category": "lipids",
        "priority": "routine",
        "department": "cardiology",
        "follow_up": {"min": "P1M", "max": "P6M", "text": "in 1 to 6 months"},
        "explanation": "LDL carries cholesterol in the blood. A clinician can weigh it with your other risks.",
        "questions": ["What is my overall risk?", "When should I repeat the test?"],
        "evidence": ["r1"],
    }
    return card | changes


def _reply(*cards: dict) -> str:
    return json.dumps({"cards": list(cards)})


def _run(replies: list[str]):
    with FakeChatServer(replies) as server:
        cards = generate_llm_cards(REPORT, LlmSettings(url=server.url, model="fake"), language="en")
    return cards, server.requests


def test_a_good_reply_is_used_as_it_is():
    liver = _card(title="Liver enzyme above its range", category="liver",
                  department="gastroenterology_hepatology", evidence=["r2"])  # fmt: skip
    cards, requests = _run([_reply(_card(), liver)])
    assert cards.generator == "llm:fake" and len(requests) == 1
    assert [c.category for c in cards.cards] == ["lipids", "liver"]
    assert cards.evidence["r2"].name == "ALT"
    body = requests[0]["body"]
    assert requests[0]["path"] == "/v1/chat/completions" and body["model"] == "fake"
    assert "r1" in body["messages"][1]["content"]  # the report's items reach the model


def test_a_reply_that_diagnoses_is_repaired_once():
    unsafe = _card(explanation="You have hyperlipidemia. Take atorvastatin 20 mg daily.")
    cards, requests = _run([_reply(unsafe), _reply(_card())])
    assert len(requests) == 2 and cards.generator == "llm:fake"
    repair = requests[1]["body"]["messages"][-1]["content"]
    assert "not allowed" in repair and "diagnosis" in repair
    assert all(not card_violations(c) for c in cards.cards)


def test_a_card_still_unsafe_after_the_repair_is_replaced_by_the_rule_card():
    unsafe = _card(explanation="You have hyperlipidemia.")
    cards, requests = _run([_reply(unsafe), _reply(unsafe)])
    assert len(requests) == 2 and cards.generator == "llm:fake+rules"
    assert {c.category for c in cards.cards} == {"lipids", "liver"}
    assert all(c.id.startswith(("lipids", "liver")) for c in cards.cards)  # the rules' cards
    assert all(not card_violations(c) for c in cards.cards)


def test_a_reply_that_is_no_json_twice_gives_the_rule_cards():
    cards, requests = _run(["Sure! Here are your cards: ...", "still not json"])
    assert len(requests) == 2
    assert cards.generator == "rules (llm fake: LLM_BAD_REPLY)"
    assert [c.category for c in cards.cards] == ["liver", "lipids"]


def test_unknown_evidence_and_vocabulary_are_problems_to_repair():
    bad = _card(department="cardiac surgery", evidence=["r99"])
    cards, requests = _run([_reply(bad), "```json\n" + _reply(_card()) + "\n```"])
    repair = requests[1]["body"]["messages"][-1]["content"]
    assert "department" in repair
    assert [c.category for c in cards.cards] == ["lipids"]


def test_an_endpoint_that_is_not_there_gives_the_rule_cards():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings = LlmSettings(url=f"http://127.0.0.1:{port}/v1", model="fake", timeout=2)
    cards = generate_llm_cards(REPORT, settings, language="en")
    assert cards.generator == "rules (llm fake: LLM_UNAVAILABLE)" and cards.cards


def test_parse_reply_takes_a_bare_list_and_rejects_other_shapes():
    assert parse_reply(json.dumps([_card()]))[0]["category"] == "lipids"
    for text in ('{"cards": "none"}', "[1, 2]"):
        try:
            parse_reply(text)
        except ValueError:
            continue
        raise AssertionError(text)
