"""What the card evaluation measures on the cards' own texts: complexity, readability, safety
and usefulness.

- Complexity: cards per report (in ``cards``), words per card (English words, or Chinese
  characters, of the title, explanation and questions), questions per card.
- Readability: English explanations by Flesch reading ease (``textstat``; 60-70 is plain
  English, higher is easier). Chinese has no Flesch formula: we report the mean sentence length
  in characters of the explanations (Han characters, letters and digits; a sentence ends at
  。！？；) - shorter sentences read more easily; plain-language guidance for patients advises
  sentences of at most about 25 characters (the threshold of ``zh_short_sentences``).
- Safety: the share of cards the safety gate (``cards.safety``) finds no violation in.
- Usefulness, by rules on a documented rubric (each 0 or 1, the card's score their mean):
  specific (the title names the evidence it rests on), reachable (a department of the
  vocabulary, the emergency department only for urgent cards), concrete (a window whose end is
  at most a year and whose text gives a number), helpful questions (2-4 distinct questions, at
  least one about a next step: a repeat, a test, when, or what to watch for).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from checkup2action.cards.models import ActionCard, departments, duration_days
from checkup2action.cards.safety import card_violations

_HAN = re.compile(r"[\u4e00-\u9fff]")
_WORD = re.compile(r"[A-Za-zÀ-ÿ0-9]+(?:['’-][A-Za-zÀ-ÿ0-9]+)*")
_ZH_SENTENCE = re.compile(r"[^。！？；!?;]+")
_ZH_COUNTED = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
_NEXT_STEP = re.compile(
    r"repeat|again|test|when|how (?:soon|often)|watch|symptom|follow|check|"
    r"复查|检查|多久|什么时候|何时|留意|症状|随访|再",
    re.IGNORECASE,
)
ZH_SHORT_SENTENCE = 25


def _is_zh(text: str) -> bool:
    """Whether a text is mostly Chinese."""
    return len(_HAN.findall(text)) * 2 >= max(1, len(re.sub(r"\s", "", text)) // 2)


def text_length(text: str) -> int:
    """English words, or Chinese characters and Latin words, of a text."""
    return len(_HAN.findall(text)) + len(_WORD.findall(_HAN.sub(" ", text)))


def flesch(text: str) -> float:
    """Flesch reading ease of an English text (textstat)."""
    import textstat

    return float(textstat.flesch_reading_ease(text))


def zh_sentence_lengths(text: str) -> list[int]:
    """Characters per sentence of a Chinese text."""
    return [n for s in _ZH_SENTENCE.findall(text) if (n := len(_ZH_COUNTED.findall(s)))]


def usefulness(card: dict[str, Any]) -> dict[str, int]:
    """The rubric's four points for one card (0 or 1 each)."""
    title = card.get("title", "")
    names = [n for n in card.get("evidence_names", []) if n]
    specific = int(
        any(n.casefold() in title.casefold() for n in names) or ":" in title or "：" in title
    )
    dept, priority = card.get("department"), card.get("priority")
    reachable = int(dept in departments() and (dept != "emergency" or priority == "urgent"))
    window = card.get("follow_up", {})
    try:
        concrete = int(
            duration_days(window["max"]) <= 365 and bool(re.search(r"\d", window.get("text", "")))
        )
    except (KeyError, ValueError):
        concrete = 0
    questions = card.get("questions", [])
    helpful = int(
        2 <= len(questions) <= 4
        and len(set(questions)) == len(questions)
        and any(_NEXT_STEP.search(q) for q in questions)
    )
    return {
        "specific": specific,
        "reachable": reachable,
        "concrete": concrete,
        "questions": helpful,
    }


@dataclass
class CardTextScores:
    """Text figures over the predicted cards."""

    cards: int = 0
    lengths: list[int] = field(default_factory=list)
    questions: list[int] = field(default_factory=list)
    flesch: list[float] = field(default_factory=list)
    zh_sentences: list[int] = field(default_factory=list)
    safe: int = 0
    useful: list[float] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        """Means and shares, rounded."""

        def mean(xs: list[float] | list[int]) -> float | None:
            return round(sum(xs) / len(xs), 2) if xs else None

        short = [n for n in self.zh_sentences if n <= ZH_SHORT_SENTENCE]
        return {
            "words_per_card": mean(self.lengths),
            "questions_per_card": mean(self.questions),
            "flesch_en": mean(self.flesch),
            "zh_sentence_chars": mean(self.zh_sentences),
            "zh_short_sentences": round(len(short) / len(self.zh_sentences), 4)
            if self.zh_sentences
            else None,
            "safety": round(self.safe / self.cards, 4) if self.cards else None,
            "usefulness": mean(self.useful),
        }


def _safe(card: dict[str, Any]) -> bool:
    """Whether a card passes the safety gate (a card that is not even valid does not)."""
    fields = {k: card[k] for k in ActionCard.model_fields if k in card}
    fields.setdefault("id", "card")
    fields.setdefault("language", "zh" if _is_zh(card.get("explanation", "")) else "en")
    try:
        return not card_violations(ActionCard.model_validate(fields))
    except ValueError:
        return False


def score_texts(cards: list[dict[str, Any]]) -> CardTextScores:
    """Complexity, readability, safety and usefulness over cards (raw card mappings)."""
    out = CardTextScores(cards=len(cards))
    for card in cards:
        texts = [card.get("title", ""), card.get("explanation", ""), *card.get("questions", [])]
        out.lengths.append(sum(text_length(t) for t in texts))
        out.questions.append(len(card.get("questions", [])))
        explanation = card.get("explanation", "")
        if _is_zh(explanation):
            out.zh_sentences += zh_sentence_lengths(explanation)
        elif explanation:
            out.flesch.append(flesch(explanation))
        out.safe += _safe(card)
        points = usefulness(card)
        out.useful.append(sum(points.values()) / len(points))
    return out
