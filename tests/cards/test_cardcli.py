"""The card commands end to end on a bundled sample: run, cards, evaluate, and the synthetic
protocol (pipeline cards against the cards of what the generator planted)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from checkup2action.cards.models import CardSet
from checkup2action.cli import app
from checkup2action.samples.cards import planted_cards

runner = CliRunner(env={"COLUMNS": "200"})
SAMPLE = Path("samples/zh_checkup_multi_42.pdf")


def _sample() -> Path:
    return SAMPLE if SAMPLE.exists() else sorted(Path("samples").glob("zh_checkup_multi_*.pdf"))[0]


def test_run_writes_report_and_cards_and_evaluate_scores_them(tmp_path):
    sample = _sample()
    out = tmp_path / "out"
    done = runner.invoke(app, ["run", str(sample), "-o", str(out)])
    assert done.exit_code == 0, done.output
    cards_file = next(out.glob("*.cards.json"))
    cards = CardSet.model_validate_json(cards_file.read_text(encoding="utf-8"))
    assert cards.language == "zh" and cards.cards
    assert all(e in cards.evidence for c in cards.cards for e in c.evidence)
    assert cards_file.with_suffix(".md").read_text(encoding="utf-8").startswith("# 行动卡片")
    assert cards.cards[0].title in done.output  # shown on the terminal
    truth = json.loads(sample.with_suffix(".truth.json").read_text(encoding="utf-8"))
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(planted_cards(truth, cards_file.stem)), encoding="utf-8")
    scored = tmp_path / "eval.json"
    done = runner.invoke(app, ["evaluate", "--pred", str(cards_file), "--gold", str(gold),
                               "-o", str(scored), "--per-report"])  # fmt: skip
    assert done.exit_code == 0, done.output
    summary = json.loads(scored.read_text())["summary"]
    assert summary["coverage"] == 1.0 and summary["precision"] == 1.0 and summary["safety"] == 1.0
    assert "coverage" in done.output


def test_cards_from_a_saved_report_in_the_other_language(tmp_path):
    out = tmp_path / "out"
    assert runner.invoke(app, ["ingest", str(_sample()), "-o", str(out), "-q"]).exit_code == 0
    report = next(out.glob("*.json"))
    target = tmp_path / "cards.json"
    done = runner.invoke(app, ["cards", str(report), "-o", str(target), "--language", "en", "-q"])
    assert done.exit_code == 0, done.output
    cards = CardSet.model_validate_json(target.read_text(encoding="utf-8"))
    assert cards.language == "en" and all(c.language == "en" for c in cards.cards)
    assert done.output == ""


def test_card_commands_fail_plainly(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    done = runner.invoke(app, ["cards", str(bad), "-o", str(tmp_path / "c.json")])
    assert done.exit_code == 2 and "BAD_REPORT_JSON" in done.output
    done = runner.invoke(app, ["evaluate", "--pred", str(tmp_path / "none"), "--gold", str(bad)])
    assert done.exit_code == 2 and "no such file" in done.output
    assert "Traceback" not in done.output
