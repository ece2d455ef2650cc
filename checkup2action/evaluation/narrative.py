"""Findings, summary items and sections of a report against a real document's hand labels.

Only documents whose labels say ``sections_labelled`` are counted. Texts are compared casefolded,
NFKC-normalised, without spaces or line breaks. One to one, on the label's page:
- a labelled finding is found by a finding of its category whose heading, text and impression
  hold every labelled piece;
- a summary item by a summary item that holds its piece, or by a finding's impression that does
  (a radiologist's impression is the conclusion of a report that is one study);
- a section by a section whose title, numbering and brackets aside, equals the label's or holds
  it (``·内科`` for ``内科``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

from checkup2action.evaluation.labels import DocumentLabel
from checkup2action.normalize.sectionwords import strip_decoration

PARTS = ("findings", "summary", "sections")


def squeeze(text: str | None) -> str:
    """Comparison key: NFKC, casefolded, no whitespace."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or "")).casefold()


def _pages(item: dict[str, Any]) -> set[int]:
    """Every page an output item has a box on."""
    return {int(p["page"]) for p in item.get("provenance") or []}


def _finding_text(item: dict[str, Any]) -> str:
    """A finding's heading, text and impression as one comparison key."""
    return squeeze(" ".join(item.get(k) or "" for k in ("heading", "text", "impression")))


def _match(labels: list[Any], preds: list[dict[str, Any]], fits: Callable[..., bool]) -> int:
    """How many labels find a prediction of their own (greedy, one to one)."""
    left, found = list(preds), 0
    for label in labels:
        hit = next((p for p in left if fits(label, p)), None)
        if hit is not None:
            left.remove(hit)
            found += 1
    return found


def _section_fits(label: Any, pred: dict[str, Any]) -> bool:
    """Whether a predicted section is a labelled heading."""
    want, got = (squeeze(strip_decoration(t)) for t in (label.title, pred.get("title") or ""))
    on_page = pred.get("page_start", 0) <= label.page <= pred.get("page_end", 0)
    return on_page and bool(want) and (want == got or (len(want) >= 2 and want in got))


def narrative_counts(
    label: DocumentLabel, report: dict[str, Any] | None
) -> dict[str, tuple[int, int, int]]:
    """``{part: (found, labelled, predicted)}`` for a document whose sections were labelled."""
    if not label.sections_labelled:
        return {}
    report = report or {}
    findings = list(report.get("findings") or [])
    summary = list(report.get("summary") or [])
    sections = list(report.get("sections") or [])

    def finding_fits(lab: Any, pred: dict[str, Any]) -> bool:
        key = _finding_text(pred)
        return (
            lab.page in _pages(pred)
            and lab.category == pred.get("category")
            and all(squeeze(piece) in key for piece in lab.contains)
        )

    def summary_fits(lab: Any, pred: dict[str, Any]) -> bool:
        text = pred.get("text") if "kind" in pred else pred.get("impression")
        return lab.page in _pages(pred) and squeeze(lab.contains) in squeeze(text)

    return {
        "findings": (
            _match(label.findings, findings, finding_fits),
            len(label.findings),
            len(findings),
        ),
        "summary": (
            _match(label.summary, summary + findings, summary_fits),
            len(label.summary),
            len(summary),
        ),
        "sections": (
            _match(label.sections, sections, _section_fits),
            len(label.sections),
            len(sections),
        ),
    }
