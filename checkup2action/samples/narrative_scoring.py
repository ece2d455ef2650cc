"""Scoring of what a report says in words against generated truth: findings, summary items and
sections (``samples.exams``).

Texts are compared without spaces or line breaks (the pipeline keeps a wrapped line's break, the
truth does not) and NFKC-normalised; exactly on born-digital reports, and on pictures read by OCR
with a character similarity of at least ``min_similarity`` (a slip of OCR in a sentence is a
reading of the right text, which the lab fields' exact scoring already counts elsewhere).
- A finding matches when page, category and modality agree and both its text and its impression
  equal the truth's.
- A summary item matches when page and kind agree and its text equals the truth's.
- A section matches when its title equals the truth's and it starts on the truth's page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from checkup2action.samples.scoring import squeeze

PARTS = ("findings", "summary", "sections")


def _page(item: dict[str, Any]) -> int:
    """The page an output item starts on."""
    return int(item["provenance"][0]["page"])


def alike(a: str | None, b: str | None, min_similarity: float = 1.0) -> bool:
    """Whether two texts are equal, or at least ``min_similarity`` alike, spaces aside."""
    x, y = squeeze(a), squeeze(b)
    if x == y:
        return True
    return min_similarity < 1.0 and SequenceMatcher(None, x, y).ratio() >= min_similarity


def same_finding(truth: dict[str, Any], pred: dict[str, Any], similar: float = 1.0) -> bool:
    """Whether a predicted finding is the truth's."""
    return (
        truth["page"] == _page(pred)
        and truth["category"] == pred["category"]
        and truth["modality"] == pred.get("modality")
        and alike(truth["text"], pred.get("text"), similar)
        and alike(truth["impression"], pred.get("impression"), similar)
    )


def same_summary(truth: dict[str, Any], pred: dict[str, Any], similar: float = 1.0) -> bool:
    """Whether a predicted summary item is the truth's."""
    return (
        truth["page"] == _page(pred)
        and truth["kind"] == pred["kind"]
        and alike(truth["text"], pred["text"], similar)
    )


def same_section(truth: dict[str, Any], pred: dict[str, Any], similar: float = 1.0) -> bool:
    """Whether a predicted section is the truth's heading."""
    return truth["page"] == pred["page_start"] and alike(truth["title"], pred["title"], similar)


SAME: dict[str, Callable[[dict[str, Any], dict[str, Any], float], bool]] = {
    "findings": same_finding,
    "summary": same_summary,
    "sections": same_section,
}


@dataclass
class NarrativeTally:
    """Truth, predicted and matched counts per part, and what was missed."""

    counts: dict[str, dict[str, int]] = field(
        default_factory=lambda: {p: {"truth": 0, "pred": 0, "matched": 0} for p in PARTS}
    )
    misses: list[str] = field(default_factory=list)

    def add(self, other: NarrativeTally) -> None:
        """Accumulate another tally."""
        for part in PARTS:
            for key, value in other.counts[part].items():
                self.counts[part][key] += value
        self.misses += other.misses

    def rates(self) -> dict[str, float]:
        """Recall and precision per part (1.0 when there was nothing to find or give)."""
        out = {}
        for part in PARTS:
            c = self.counts[part]
            out[f"{part}_recall"] = c["matched"] / c["truth"] if c["truth"] else 1.0
            out[f"{part}_precision"] = c["matched"] / c["pred"] if c["pred"] else 1.0
        return out


def score_narrative(
    truth: dict[str, Any], report: dict[str, Any], name: str = "", min_similarity: float = 1.0
) -> NarrativeTally:
    """Match a report's findings, summary and sections to the truth's, one to one; a part the
    truth does not record (a family that prints none) is not scored."""
    tally = NarrativeTally()
    for part in PARTS:
        if part not in truth:
            continue
        preds = list(report.get(part) or [])
        left, matched = list(preds), 0
        for item in truth[part]:
            hit = next((p for p in left if SAME[part](item, p, min_similarity)), None)
            if hit is None:
                tally.misses.append(f"{name} missed {part} p{item['page']}: {_label(item)!r}")
            else:
                left.remove(hit)
                matched += 1
        tally.misses += [f"{name} extra {part}: {_label(p)!r}" for p in left]
        tally.counts[part] = {"truth": len(truth[part]), "pred": len(preds), "matched": matched}
    return tally


def _label(item: dict[str, Any]) -> str:
    """A short text that names an item of the truth or the output in a miss line."""
    return str(item.get("title") or item.get("heading") or item.get("text") or "")[:60]
