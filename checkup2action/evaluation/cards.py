"""The card evaluation protocol: score any card generator's cards against reference cards.

Both sides are read as *card files*: a ``CardSet`` JSON (``cards`` whose ``evidence`` are ids,
resolved through its ``evidence`` index to printed names and words) or a gold file
(``bench/realworld/CARDS_GUIDE.md``: ``cards`` whose ``evidence`` are printed names).

Matching: a predicted card matches a gold card when their ``category`` is the same and at least
one evidence name matches (case-, space- and punctuation-insensitive; equal, one inside the
other, or a close spelling, ratio ≥ 0.8; a finding's words and an item's analyte or vital code
count as well as its printed name).
- coverage: gold cards matched by at least one predicted card, over all gold cards;
- precision: predicted cards that match at least one gold card, over all predicted cards;
- over matched gold cards, with the predicted card of the largest evidence overlap: priority
  exact agreement and weighted agreement (1 - |rank difference| / 2 over urgent < soon <
  routine), department accuracy, follow-up accuracy (the windows overlap) and mean window IoU;
- complexity, readability, safety and usefulness of the predicted cards (``cardtext``), and
  optionally the usefulness rubric by a language-model judge (``cardjudge``).
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checkup2action.cards.llm import LlmSettings
from checkup2action.cards.models import duration_days
from checkup2action.evaluation.cardjudge import JudgeScores, judge_cards
from checkup2action.evaluation.cardtext import CardTextScores, score_texts
from checkup2action.evaluation.matching import name_key

_MARKS = re.compile(r"[*#=▲▼↑↓!|]+")  # flag and row marks, beyond what name_key drops
_RANK = {"urgent": 0, "soon": 1, "routine": 2}


@dataclass
class EvalCard:
    """One card as the protocol sees it."""

    category: str
    priority: str
    department: str
    window: tuple[int, int]  # days
    evidence: list[str]  # printed names and words, normalised
    raw: dict[str, Any]


def _key(text: str) -> str:
    """A name with case, width, spaces, punctuation and flag marks gone (``name_key``)."""
    return _MARKS.sub("", name_key(text)).casefold()


def _card(raw: dict[str, Any], index: dict[str, Any] | None) -> EvalCard:
    """An evaluation card from a gold card or a CardSet card (evidence ids → names)."""
    names: list[str] = []
    printed: list[str] = []
    for item in raw.get("evidence", []):
        ref = (index or {}).get(item)
        pieces = [ref.get("name"), ref.get("text"), ref.get("code")] if ref else [item]
        names += [k for k in (_key(p) for p in pieces if p) if k]
        printed.append(ref.get("name") if ref else item)
    raw = {**raw, "evidence_names": printed}
    window = raw["follow_up"]
    return EvalCard(
        category=raw["category"],
        priority=raw["priority"],
        department=raw["department"],
        window=(duration_days(window["min"]), duration_days(window["max"])),
        evidence=names,
        raw=raw,
    )


def cards_of(data: dict[str, Any]) -> list[EvalCard]:
    """The evaluation cards of a card file's content (a CardSet or a gold file)."""
    index = data.get("evidence") if isinstance(data.get("evidence"), dict) else None
    return [_card(c, index) for c in data.get("cards", [])]


def load_card_file(path: Path) -> tuple[str, list[EvalCard]]:
    """A card file's document name (its stem) and cards."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    stem = str(data.get("document") or Path(path).stem.removesuffix(".cards"))
    return stem, cards_of(data)


def names_match(a: str, b: str) -> bool:
    """Whether two normalised evidence names name the same thing."""
    if not a or not b:
        return False
    if a == b or (min(len(a), len(b)) >= 2 and (a in b or b in a)):
        return True
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.8


def overlap(pred: EvalCard, gold: EvalCard) -> int:
    """How many gold evidence names the predicted card's evidence matches (0: no match)."""
    if pred.category != gold.category:
        return 0
    return sum(1 for g in gold.evidence if any(names_match(p, g) for p in pred.evidence))


def _window_iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Intersection over union of two day windows (a point counts as one day)."""
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    inter = max(0, hi - lo + 1)
    union = max(a[1], b[1]) - min(a[0], b[0]) + 1
    return inter / union if union else 0.0


@dataclass
class DocScore:
    """Counts of one report."""

    document: str
    gold: int = 0
    pred: int = 0
    covered: int = 0
    correct: int = 0
    pairs: list[tuple[EvalCard, EvalCard]] = field(default_factory=list)  # (gold, best pred)


def score_document(document: str, pred: list[EvalCard], gold: list[EvalCard]) -> DocScore:
    """Coverage, precision and matched pairs of one report."""
    score = DocScore(document, gold=len(gold), pred=len(pred))
    for g in gold:
        best = max(pred, key=lambda p: overlap(p, g), default=None)
        if best is not None and overlap(best, g) > 0:
            score.covered += 1
            score.pairs.append((g, best))
    score.correct = sum(1 for p in pred if any(overlap(p, g) > 0 for g in gold))
    return score


@dataclass
class Evaluation:
    """The protocol's figures over a set of reports."""

    documents: list[DocScore]
    texts: CardTextScores
    judge: JudgeScores | None = None  # the rubric by a language-model judge, when asked

    def summary(self) -> dict[str, Any]:
        """Overall figures (micro averages over cards)."""
        gold = sum(d.gold for d in self.documents)
        pred = sum(d.pred for d in self.documents)
        pairs = [p for d in self.documents for p in d.pairs]
        n = len(pairs)
        exact = sum(1 for g, p in pairs if g.priority == p.priority)
        weighted = sum(1 - abs(_RANK[g.priority] - _RANK[p.priority]) / 2 for g, p in pairs)
        dept = sum(1 for g, p in pairs if g.department == p.department)
        ious = [_window_iou(g.window, p.window) for g, p in pairs]
        return {
            "reports": len(self.documents),
            "gold_cards": gold,
            "pred_cards": pred,
            "coverage": _ratio(sum(d.covered for d in self.documents), gold),
            "precision": _ratio(sum(d.correct for d in self.documents), pred),
            "matched": n,
            "priority_exact": _ratio(exact, n),
            "priority_weighted": _ratio(weighted, n),
            "department": _ratio(dept, n),
            "follow_up_overlap": _ratio(sum(1 for x in ious if x > 0), n),
            "follow_up_iou": _ratio(sum(ious), n),
            **self.texts.summary(),
            **(self.judge.summary() if self.judge else {}),
        }

    def per_report(self) -> list[dict[str, Any]]:
        """One row per report."""
        return [
            {"document": d.document, "gold": d.gold, "pred": d.pred, "covered": d.covered,
             "correct": d.correct, "coverage": _ratio(d.covered, d.gold),
             "precision": _ratio(d.correct, d.pred)}
            for d in self.documents
        ]  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        """Everything, for the JSON output."""
        return {"summary": self.summary(), "reports": self.per_report()}


def _ratio(num: float, den: int) -> float | None:
    """num/den rounded, or None when there is nothing to count."""
    return round(num / den, 4) if den else None


def evaluate(
    pairs: list[tuple[str, list[EvalCard], list[EvalCard]]], judge: LlmSettings | None = None
) -> Evaluation:
    """Score ``(document, predicted, gold)`` triples; ``judge``: also ask a language model the
    usefulness rubric of every predicted card."""
    docs = [score_document(name, pred, gold) for name, pred, gold in pairs]
    raw = [p.raw for _, pred, _ in pairs for p in pred]
    return Evaluation(docs, score_texts(raw), judge_cards(raw, judge) if judge else None)


def _card_files(path: Path) -> dict[str, list[EvalCard]]:
    """Document stem → its cards, for a file or a folder of ``*.json`` (each read once)."""
    path = Path(path)
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    return dict(load_card_file(f) for f in files)


def evaluate_paths(pred: Path, gold: Path, judge: LlmSettings | None = None) -> Evaluation:
    """Score predicted card files against gold card files (files or folders, paired by
    document name; a gold report with no predicted file counts as no cards)."""
    gold_cards, pred_cards = _card_files(gold), _card_files(pred)
    if Path(gold).is_file() and Path(pred).is_file():
        pred_cards = {next(iter(gold_cards)): next(iter(pred_cards.values()))}
    triples = [(name, pred_cards.get(name, []), gold) for name, gold in gold_cards.items()]
    return evaluate(triples, judge)
