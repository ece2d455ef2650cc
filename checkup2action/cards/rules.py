"""The rule-based card generator: deterministic, offline, from the knowledge base.

Signals (``cards.signals``) are grouped by issue, one card per issue (a generic imaging or
examination finding gets a card of its own). A group raises a card when one of its results is a
notable lead analyte, two notable indices, or one index far off (``cards.knowledge`` and
``data/knowledge.yaml`` define the tiers and margins). Priority: urgent when any evidence is critical or crosses an urgent threshold;
soon when any crosses a soon threshold or the group holds ``soon_count`` results (a
combination); routine otherwise. Texts come from the issue's template in the report's language.
"""

from __future__ import annotations

from collections.abc import Iterable

from checkup2action.cards.knowledge import Issue, Knowledge, load_knowledge
from checkup2action.cards.models import ActionCard, CardSet, FollowUp, duration_days
from checkup2action.cards.signals import (
    Signal,
    finding_signals,
    result_signals,
    vital_signals,
)
from checkup2action.grammar.names import CJK_CHAR_RE
from checkup2action.report.models import StructuredReport

_RANK = {"urgent": 0, "soon": 1, "routine": 2}
_MAX_NAMES = 5
_FINDING_WORDS = 60  # characters of a finding's words shown in a title
_URGENT_NOTE = {
    "en": "This result is far enough from its range that a clinician should see it within days.",
    "zh": "这项结果偏离参考范围较多，建议在几天内请医生查看。",
}


def report_language(report: StructuredReport) -> str:
    """``zh`` when most printed names and findings are Chinese, else ``en``."""
    texts = [r.name_raw for r in report.lab_results] + [v.name_raw for v in report.vitals]
    texts += [f.text or f.impression or "" for f in report.findings]
    texts += [s.text for s in report.summary]
    cjk = sum(1 for t in texts if CJK_CHAR_RE.search(t))
    return "zh" if texts and cjk * 2 >= len(texts) else "en"


def _raises_card(signals: list[Signal], issue: Issue) -> bool:
    """Whether a group of signals is worth a card: a notable lead, two notable indices, or one
    index far off (a lead a hair beyond its limit counts as an index; context never raises)."""
    if any(s.tier == "lead" and s.notable for s in signals):
        return True
    minors = [s for s in signals if s.tier != "context"]
    far = [s for s in minors if s.margin is not None and s.margin >= issue.minor_alone_margin]
    return bool(far) or sum(1 for s in minors if s.notable) >= 2


def _priority(signals: list[Signal], issue: Issue) -> str:
    """The card's priority from its evidence and their number."""
    asked = [s.priority for s in signals if s.priority]
    if "urgent" in asked:
        return "urgent"
    results = {s.evidence_id for s in signals if s.ref.kind == "lab_result"}
    if "soon" in asked or (issue.soon_count and len(results) >= issue.soon_count):
        return "soon"
    return "routine"


def _department(signals: list[Signal], issue: Issue, priority: str) -> str:
    """Urgent department, else a department the evidence names, else the issue's."""
    if priority == "urgent" and issue.urgent_department:
        return issue.urgent_department
    named = next((s.department for s in signals if s.department and s.tier == "lead"), None)
    return named or next((s.department for s in signals if s.department), issue.department)


def _unit_text(days: int, lang: str) -> str:
    """A duration in words: the largest whole unit."""
    units_en = ((365, "year"), (30, "month"), (7, "week"), (1, "day"))
    units_zh = ((365, "年"), (30, "个月"), (7, "周"), (1, "天"))
    for size, name in units_zh if lang == "zh" else units_en:
        if days >= size and days % size == 0:
            n = days // size
            if lang == "zh":
                return f"{n}{name}"
            return f"{n} {name}{'s' if n > 1 else ''}"
    return "0 days" if lang == "en" else "0天"


def window_text(low: str, high: str, lang: str) -> str:
    """How a follow-up window reads: ``within 1 to 4 weeks`` / ``1周至1个月内``."""
    lo, hi = duration_days(low), duration_days(high)
    if lang == "zh":
        return (
            f"{_unit_text(hi, lang)}内"
            if lo == 0
            else f"{_unit_text(lo, lang)}至{_unit_text(hi, lang)}内"
        )
    return (
        f"within {_unit_text(hi, lang)}"
        if lo == 0
        else f"in {_unit_text(lo, lang)} to {_unit_text(hi, lang)}"
    )


def _shown_name(signal: Signal, lang: str) -> str:
    """A printed name for a title; a finding's heading with the words that raised it."""
    ref = signal.ref
    if ref.kind != "finding" or not ref.text:
        return ref.name
    words = ref.text if len(ref.text) <= _FINDING_WORDS else ref.text[: _FINDING_WORDS - 1] + "…"
    return f"{ref.name}（{words}）" if lang == "zh" else f"{ref.name} ({words})"


def _names(signals: list[Signal], lang: str) -> str:
    """The evidence's printed names for a title, the first few."""
    names = list(dict.fromkeys(_shown_name(s, lang) for s in signals))
    shown = names[:_MAX_NAMES]
    sep = "、" if lang == "zh" else ", "
    more = len(names) - len(shown)
    tail = (f"等{len(names)}项" if lang == "zh" else f" and {more} more") if more else ""
    return sep.join(shown) + tail


def _card(card_id: str, issue: Issue, signals: list[Signal], lang: str) -> ActionCard:
    """One card from an issue and its evidence."""
    priority = _priority(signals, issue)
    low, high = issue.windows[priority]
    template = issue.text[lang]
    return ActionCard(
        id=card_id,
        title=template.title.format(names=_names(signals, lang)),
        category=issue.category,
        priority=priority,  # type: ignore[arg-type]
        department=_department(signals, issue, priority),
        follow_up=FollowUp(min=low, max=high, text=window_text(low, high, lang)),
        explanation=(
            f"{_URGENT_NOTE[lang]} {template.explanation}"
            if priority == "urgent"
            else template.explanation
        ),
        questions=list(template.questions),
        evidence=list(dict.fromkeys(s.evidence_id for s in signals)),
        language=lang,  # type: ignore[arg-type]
    )


def _groups(signals: Iterable[Signal]) -> dict[tuple[str, str | None], list[Signal]]:
    """Signals by (issue, group) in the order they first occur."""
    out: dict[tuple[str, str | None], list[Signal]] = {}
    for s in signals:
        out.setdefault((s.issue.code, s.group), []).append(s)
    return out


def generate_cards(
    report: StructuredReport, *, language: str | None = None, knowledge: Knowledge | None = None
) -> CardSet:
    """The Action Cards of a report, most urgent first; ``language`` en/zh (default: the report's)."""
    kb = knowledge or load_knowledge()
    lang = language or report_language(report)
    signals = result_signals(report, kb) + vital_signals(report, kb, lang)
    signals += finding_signals(report, kb)
    cards, used = [], []
    for (code, group), members in _groups(signals).items():
        issue = members[0].issue
        if not _raises_card(members, issue):
            continue
        card_id = code if group is None else f"{code}-{group}"
        cards.append(_card(card_id, issue, members, lang))
        used += members
    cards.sort(key=lambda c: _RANK[c.priority])  # stable: issues keep report order
    evidence = {s.evidence_id: s.ref for s in used}
    return CardSet(
        report_sha256=report.source.sha256,
        language=lang,  # type: ignore[arg-type]
        cards=cards,
        evidence=evidence,
    )
