"""The card evaluation protocol: matching by category and evidence, the figures it reports."""

import json
from pathlib import Path

from checkup2action.evaluation.cards import evaluate_paths, names_match
from checkup2action.evaluation.cardtext import text_length, usefulness, zh_sentence_lengths


def _card(category="lipids", priority="soon", department="cardiology", evidence=("LDL",), **kw):
    return {"title": kw.get("title", "LDL above its range"), "category": category,
            "priority": priority, "department": department,
            "follow_up": kw.get("follow_up", {"min": "P2W", "max": "P3M", "text": "in 2 weeks to 3 months"}),
            "explanation": kw.get("explanation", "LDL carries cholesterol in the blood. A clinician can weigh it."),
            "questions": ["What is my risk?", "When should I repeat the test?"],
            "evidence": list(evidence)}  # fmt: skip


def _write(folder: Path, name: str, cards: list[dict], index: dict | None = None) -> None:
    folder.mkdir(exist_ok=True)
    data = {"document": name, "cards": cards}
    if index is not None:
        data["evidence"] = index
    (folder / f"{name}.json").write_text(json.dumps(data), encoding="utf-8")


def test_names_match_loosely():
    assert names_match("ldlcholesterol", "ldlcholesteroldirect")
    assert names_match("wbc白细胞", "wbc白细胞")
    assert not names_match("hdlc", "ldlcholesterol")


def test_coverage_precision_priority_department_and_window(tmp_path):
    gold, pred = tmp_path / "gold", tmp_path / "pred"
    _write(gold, "a", [_card(evidence=["LDL Cholesterol"]),
                       _card("liver", "routine", "general_practice", ["GGT"])])  # fmt: skip
    index = {"r1": {"kind": "lab_result", "name": "LDL Cholesterol (Direct)"},
             "r2": {"kind": "lab_result", "name": "Platelets"}}  # fmt: skip
    _write(pred, "a", [
        _card(priority="routine", evidence=["r1"], follow_up={"min": "P1M", "max": "P6M", "text": "1 to 6 months"}),
        _card("blood_count", "routine", "general_practice", ["r2"]),
    ], index)  # fmt: skip
    _write(gold, "b", [])  # a normal report: no card, none predicted
    s = evaluate_paths(pred, gold).summary()
    assert (s["coverage"], s["precision"]) == (0.5, 0.5)
    assert (s["priority_exact"], s["priority_weighted"], s["department"]) == (0.0, 0.5, 1.0)
    assert s["follow_up_overlap"] == 1.0 and 0 < s["follow_up_iou"] < 1
    assert s["safety"] == 1.0 and s["reports"] == 2


def test_a_category_mismatch_is_no_match_and_a_missing_prediction_counts_as_none(tmp_path):
    gold, pred = tmp_path / "gold", tmp_path / "pred"
    _write(gold, "a", [_card(evidence=["LDL"])])
    _write(gold, "b", [_card(evidence=["LDL"])])
    _write(pred, "a", [_card("glucose", evidence=["LDL"])])
    s = evaluate_paths(pred, gold).summary()
    assert (s["coverage"], s["precision"], s["pred_cards"]) == (0.0, 0.0, 1)


def test_unsafe_cards_lower_safety_compliance(tmp_path):
    gold, pred = tmp_path / "gold", tmp_path / "pred"
    _write(gold, "a", [_card()])
    _write(pred, "a", [_card(explanation="You have diabetes. Take metformin 500 mg twice a day.")])
    assert evaluate_paths(pred, gold).summary()["safety"] == 0.0


def test_text_measures():
    assert text_length("LDL is high.") == 3 and text_length("血脂偏高。") == 4
    assert zh_sentence_lengths("血脂偏高。需要复查！") == [4, 4]
    points = usefulness(
        _card(title="LDL Cholesterol above its range") | {"evidence_names": ["LDL Cholesterol"]}
    )
    assert points == {"specific": 1, "reachable": 1, "concrete": 1, "questions": 1}
    vague = _card(department="emergency", priority="routine",
                  follow_up={"min": "P1M", "max": "P2Y", "text": "later"}) | {"title": "Note"}  # fmt: skip
    assert usefulness(vague | {"questions": ["Why?", "Why?"]}) == {
        "specific": 0,
        "reachable": 0,
        "concrete": 0,
        "questions": 0,
    }


def test_a_language_model_judge_scores_the_rubric_through_a_fake_endpoint(tmp_path):
    from checkup2action.cards.llm import LlmSettings
    from tests.cards.fake_llm import FakeChatServer

    gold, pred = tmp_path / "gold", tmp_path / "pred"
    _write(gold, "a", [_card()])
    _write(pred, "a", [_card(), _card("liver", evidence=["GGT"])])
    verdict = json.dumps({"specific": 1, "reachable": 1, "concrete": 0, "questions": 1})
    with FakeChatServer([verdict, "no verdict"]) as server:
        s = evaluate_paths(pred, gold, LlmSettings(url=server.url, model="judge")).summary()
        assert "specific" in server.requests[0]["body"]["messages"][0]["content"]
    assert (s["judged"], s["unjudged"], s["judge_concrete"], s["judge_usefulness"]) == (
        1,
        1,
        0.0,
        0.75,
    )
