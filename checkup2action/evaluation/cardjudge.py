"""The usefulness rubric scored by a language-model judge (optional), through the same
OpenAI-compatible client as the card generator (``cards.llm.chat``).

The judge sees one card at a time with the rubric of ``cardtext`` (specific, reachable,
concrete, helpful questions) and answers JSON ``{"specific": 0|1, "reachable": 0|1,
"concrete": 0|1, "questions": 0|1}``. A reply that is not such JSON scores nothing for that card
and is counted in ``unjudged``; the figures are the mean over the judged cards.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from checkup2action.cards.llm import LlmError, LlmSettings, chat

POINTS = ("specific", "reachable", "concrete", "questions")
_RUBRIC = """You judge one patient Action Card written from a check-up report. Score each point
0 or 1: specific - the action is specific to the finding the card names; reachable - the
department is one a patient can reach for this issue; concrete - the follow-up window is concrete;
questions - at least one question helps the patient's next visit. Reply with JSON only:
{"specific": 0|1, "reachable": 0|1, "concrete": 0|1, "questions": 0|1}."""


@dataclass
class JudgeScores:
    """The judge's points over the cards it scored."""

    points: list[dict[str, int]] = field(default_factory=list)
    unjudged: int = 0

    def summary(self) -> dict[str, Any]:
        """Mean per point and overall, and how many cards got no usable verdict."""
        out: dict[str, Any] = {"judged": len(self.points), "unjudged": self.unjudged}
        for key in POINTS:
            values = [p[key] for p in self.points]
            out[f"judge_{key}"] = round(sum(values) / len(values), 4) if values else None
        overall = [sum(p.values()) / len(POINTS) for p in self.points]
        out["judge_usefulness"] = round(sum(overall) / len(overall), 4) if overall else None
        return out


def _verdict(text: str) -> dict[str, int] | None:
    """The four points of a reply, or None when it is not the asked-for JSON."""
    try:
        data = json.loads(text.strip().removeprefix("```json").removesuffix("```"))
    except ValueError:
        return None
    if not isinstance(data, dict) or any(data.get(k) not in (0, 1) for k in POINTS):
        return None
    return {k: int(data[k]) for k in POINTS}


def judge_cards(cards: list[dict[str, Any]], settings: LlmSettings) -> JudgeScores:
    """Ask the judge about every card (raw card mappings)."""
    scores = JudgeScores()
    for card in cards:
        shown = {k: card.get(k) for k in ("title", "category", "priority", "department",
                                          "follow_up", "explanation", "questions")}  # fmt: skip
        messages = [{"role": "system", "content": _RUBRIC},
                    {"role": "user", "content": json.dumps(shown, ensure_ascii=False)}]  # fmt: skip
        try:
            verdict = _verdict(chat(settings, messages))
        except LlmError:
            verdict = None
        if verdict is None:
            scores.unjudged += 1
        else:
            scores.points.append(verdict)
    return scores
