"""The safety gate: does a text diagnose its reader, prescribe, or promise an outcome?

Usable on any text: our cards, a language model's, a user's. Three kinds of violation, each a
list of patterns in ``data/safety.yaml`` (English and Chinese):

- ``diagnosis``: a claim that the reader has a condition (``you have diabetes``, ``这是肝癌``);
- ``treatment``: an instruction to take, change or stop a medicine, or a dose (``take
  metformin``, ``500 mg twice a day``, ``服用阿托伐他汀``, ``停药``);
- ``certainty``: certainty about an outcome (``this will go away``, ``绝对没问题``).

A sentence that asks (it ends with ``?``, ``？`` or ``吗``) is a question for the clinician and is
not checked: ``Do I need medication?`` is what a card should suggest asking. A diagnosis inside a
condition (``if you have diabetes, …``, ``如果…``) is no claim either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from checkup2action.cards.models import ActionCard
from checkup2action.datafiles import load_yaml

KINDS = ("diagnosis", "treatment", "certainty")
#: Where sentences end (the question test looks at each sentence's last character).
_SENTENCE = re.compile(r"[^.!?。！？\n]*(?:[.!?。！？]+|\n|$)")
_CONDITION = re.compile(
    r"(?:\b(?:if|whether|unless|in case)\b|如果|若|假如|是否)[^.!?。！？]*$", re.I
)


@dataclass(frozen=True, slots=True)
class Violation:
    """One passage of a text that breaks a safety rule."""

    kind: str
    start: int
    end: int
    text: str
    rule: int  # index of the pattern in its kind's list


@lru_cache(maxsize=1)
def _patterns() -> dict[str, tuple[re.Pattern[str], ...]]:
    """Every kind's patterns compiled, the word lists put in."""
    data = load_yaml(Path(__file__).parent / "data" / "safety.yaml")
    words = {
        key: "|".join(sorted((*data[key]["en"], *data[key]["zh"]), key=len, reverse=True))
        for key in ("diseases", "drugs")
    }
    out = {}
    for kind in KINDS:
        compiled = []
        for raw in data[kind]:
            pattern = (
                str(raw).replace("{disease}", words["diseases"]).replace("{drug}", words["drugs"])
            )
            compiled.append(re.compile(pattern, re.IGNORECASE))
        out[kind] = tuple(compiled)
    return out


def _is_question(sentence: str) -> bool:
    """Whether a sentence asks (a question for the clinician is allowed)."""
    core = sentence.strip()
    return core.endswith(("?", "？", "吗", "吗。", "呢"))


def check_text(text: str) -> list[Violation]:
    """Every violation in ``text``, in text order (questions and conditions skipped)."""
    found: list[Violation] = []
    for sentence in _SENTENCE.finditer(text):
        if not sentence.group(0).strip() or _is_question(sentence.group(0)):
            continue
        base, body = sentence.start(), sentence.group(0)
        for kind, patterns in _patterns().items():
            for rule, pattern in enumerate(patterns):
                for m in pattern.finditer(body):
                    if kind == "diagnosis" and _CONDITION.search(body[: m.start()]):
                        continue
                    found.append(
                        Violation(kind, base + m.start(), base + m.end(), m.group(0), rule)
                    )
    found.sort(key=lambda v: (v.start, v.kind))
    return found


def is_safe(text: str) -> bool:
    """Whether ``text`` has no violation."""
    return not check_text(text)


def card_violations(card: ActionCard) -> list[tuple[str, Violation]]:
    """``(field, violation)`` for every violation in a card's texts: its title, explanation,
    follow-up text and questions (a question that asks passes)."""
    fields = [("title", card.title), ("explanation", card.explanation)]
    fields += [("follow_up.text", card.follow_up.text)]
    fields += [(f"questions[{i}]", q) for i, q in enumerate(card.questions)]
    return [(name, v) for name, text in fields for v in check_text(text)]
