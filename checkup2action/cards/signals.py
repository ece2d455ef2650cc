"""What in a structured report may call for a card: abnormal results, vitals bands, findings.

A *signal* is one piece of evidence already placed in a knowledge-base issue, with what the
generator needs to rank it (how far beyond its limit, whether a threshold is crossed). The
generator (``cards.rules``) groups signals into cards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from checkup2action.cards.knowledge import FindingIssue, Issue, Knowledge, Threshold
from checkup2action.cards.models import EvidenceRef
from checkup2action.grammar.names import CJK_CHAR_RE
from checkup2action.report.models import Finding, LabResult, Provenance, StructuredReport, Vital

_ABNORMAL = frozenset({"H", "L", "HH", "LL", "A"})
_CLAUSE_END = re.compile(r"\n|(?<=[。；;！？!?，,])|(?<=\.)\s+")
_LINE_END = (".", "。", ";", "；", ":", "：", "!", "?", "！", "？")


@dataclass(frozen=True)
class Signal:
    """One piece of evidence for an issue."""

    issue: Issue
    evidence_id: str
    ref: EvidenceRef
    code: str | None = None  # analyte code
    tier: str = "lead"  # lead, minor or context (knowledge.Issue.tier)
    notable: bool = True  # more than a hair beyond its limit
    margin: float | None = None  # how far beyond the limit (signals._margin)
    priority: str | None = None  # what the evidence alone asks for (thresholds, bands)
    department: str | None = None  # a department the evidence itself names
    group: str | None = None  # evidence of one group shares a card (a finding's own id)


def _ref(
    kind: str, name: str, text: str | None, provenance: list[Provenance], code: str | None = None
) -> EvidenceRef:
    """An evidence reference at the item's first box."""
    first = provenance[0] if provenance else None
    return EvidenceRef(
        kind=kind,  # type: ignore[arg-type]
        name=name.strip() or kind,
        text=text,
        code=code,
        page=first.page if first else None,
        bbox=first.bbox if first else None,
    )


def _result_ref(result: LabResult) -> EvidenceRef:
    """A lab result's reference: its printed name, value and unit, analyte code and box."""
    text = " ".join(p for p in (result.value_raw, result.unit_raw or "") if p).strip() or None
    code = result.analyte.code if result.analyte else None
    return _ref("lab_result", result.name_raw, text, result.provenance, code)


def _vital_ref(vital: Vital) -> EvidenceRef:
    """A vital's reference: its printed label and value, code and box."""
    return _ref("vital", vital.name_raw, vital.value_raw, vital.provenance, vital.code)


def _finding_name(finding: Finding) -> str:
    """What a finding is called: its heading, else its body site, modality or kind."""
    return finding.heading or finding.body_site or (finding.modality or finding.category)


def evidence_ref(report: StructuredReport, item_id: str) -> EvidenceRef | None:
    """The evidence reference of any result, vital, finding or summary item of a report."""
    for r in report.lab_results:
        if r.id == item_id:
            return _result_ref(r)
    for v in report.vitals:
        if v.id == item_id:
            return _vital_ref(v)
    for f in report.findings:
        if f.id == item_id:
            return _ref("finding", _finding_name(f), f.impression or f.text, f.provenance)
    for s in report.summary:
        if s.id == item_id:
            return _ref("summary", s.heading or s.kind, s.text, s.provenance)
    return None


def _direction(flag: str) -> str:
    """H or L for a directional flag; A stays A."""
    return flag[0] if flag in ("HH", "LL") else flag


def _margin(result: LabResult) -> tuple[float | None, bool]:
    """How far the value lies beyond its printed limit: a share of the range's width when both
    limits are printed (then True), else of the limit; None when it cannot be told."""
    rr, value = result.reference_range, result.value
    if rr is None or value is None:
        return None, False
    two_sided = rr.low is not None and rr.high is not None and rr.high > rr.low
    beyond = None
    if rr.high is not None and value > rr.high:
        beyond = value - rr.high
    elif rr.low is not None and value < rr.low:
        beyond = rr.low - value
    if beyond is None:
        return None, False
    if two_sided:
        return beyond / (rr.high - rr.low), True  # type: ignore[operator]
    limit = rr.high if rr.high is not None and value > rr.high else rr.low
    return (beyond / abs(limit), False) if limit else (None, False)


def _is_notable(issue: Issue, margin: float | None, two_sided: bool) -> bool:
    """Whether a result lies more than a hair beyond its limit (unknown: it does)."""
    if margin is None:
        return True
    return margin >= (issue.notable_margin if two_sided else issue.notable_margin_one_sided)


def _crosses(result: LabResult, bound: Threshold) -> bool:
    """Whether a result crosses a threshold (canonical unit, or a multiple of its upper limit)."""
    value = result.value_canonical  # absolute bounds need a known unit
    if value is not None and bound.above is not None and value > bound.above:
        return True
    if value is not None and bound.below is not None and value < bound.below:
        return True
    high = result.reference_range.high if result.reference_range else None
    return bool(
        bound.above_uln is not None
        and high
        and result.value is not None
        and result.value > bound.above_uln * high
    )


def _result_priority(issue: Issue, code: str | None, result: LabResult, flag: str) -> str | None:
    """What one result asks for by itself: urgent or soon, or nothing above routine."""
    if flag in ("HH", "LL") or (code in issue.urgent_if_any and flag != "L"):
        return "urgent"
    if code in issue.urgent and _crosses(result, issue.urgent[code]):
        return "urgent"
    if code in issue.soon and _crosses(result, issue.soon[code]):
        return "soon"
    return None


def _known_issue(knowledge: Knowledge, result: LabResult) -> Issue | None:
    """The issue a result's analyte belongs to (by code, else by catalogue category)."""
    analyte = result.analyte
    if analyte is None:
        return None
    if analyte.code in knowledge.by_analyte:
        return knowledge.issues[knowledge.by_analyte[analyte.code]]
    fallback = knowledge.fallback_by_category.get(analyte.category)
    return knowledge.issues[fallback] if fallback else None


def _named_neighbours(report: StructuredReport, i: int) -> list[LabResult]:
    """The nearest rows before and after row ``i`` in its table that the catalogue names."""
    rows, panel = report.lab_results, report.lab_results[i].panel
    before = next((r for r in reversed(rows[:i]) if r.analyte and r.panel == panel), None)
    after = next((r for r in rows[i + 1 :] if r.analyte and r.panel == panel), None)
    return [r for r in (before, after) if r is not None]


def _issues_by_row(report: StructuredReport, knowledge: Knowledge) -> list[Issue]:
    """Each result's issue. A row the catalogue does not name takes the issue of the named row
    before it when the named rows around it are of one catalogue category (it sits inside a run
    of blood-count rows, say); otherwise it goes to the catch-all issue."""
    out = []
    for i, result in enumerate(report.lab_results):
        issue = _known_issue(knowledge, result)
        if issue is None:
            around = _named_neighbours(report, i)
            kinds = {r.analyte.category for r in around if r.analyte}
            if len(kinds) == 1:
                issue = _known_issue(knowledge, around[0])
        out.append(issue or knowledge.issues["other_results"])
    return out


def result_signals(report: StructuredReport, knowledge: Knowledge) -> list[Signal]:
    """A signal for every printed result flagged abnormal (derived results are left out)."""
    out = []
    issues = _issues_by_row(report, knowledge)
    for result, issue in zip(report.lab_results, issues, strict=True):
        if result.derived or result.flag not in _ABNORMAL:
            continue
        flag = str(result.flag)
        code = result.analyte.code if result.analyte else None
        wanted = issue.directions.get(code or "")
        if wanted and _direction(flag) not in (wanted, "A"):
            continue
        margin, two_sided = _margin(result)
        tier = issue.tier(code)
        if code is None and not issue.fallback:
            tier = "minor"  # a row the catalogue does not name, placed by its neighbours
        out.append(
            Signal(
                issue=issue,
                evidence_id=result.id,
                ref=_result_ref(result),
                code=code,
                tier=tier,
                notable=_is_notable(issue, margin, two_sided),
                margin=margin,
                priority=_result_priority(issue, code, result, flag),
                department=issue.department_by_analyte.get(code or ""),
            )
        )
    return out


def _band_holds(bounds: dict[str, float], values: dict[str, float]) -> bool:
    """Whether a vitals band holds: its `_at_least` bounds any, its `_below` bounds all."""
    at_least = [
        (k.removesuffix("_at_least"), v) for k, v in bounds.items() if k.endswith("_at_least")
    ]
    below = [(k.removesuffix("_below"), v) for k, v in bounds.items() if k.endswith("_below")]
    hit_low = any(values.get(name, float("-inf")) >= v for name, v in at_least)
    hit_below = all(name in values and values[name] < v for name, v in below)
    return (
        (hit_low if at_least else True)
        and (hit_below if below else True)
        and bool(at_least or below)
    )


_VITAL_NAMES = {"systolic_bp": "systolic", "diastolic_bp": "diastolic", "bmi": "bmi"}


def _vital_readings(vitals: list[Vital]) -> list[tuple[dict[str, float], list[Vital]]]:
    """Readings to check: each blood pressure pair (by order) and each BMI."""
    systolic = [v for v in vitals if v.code == "systolic_bp"]
    diastolic = [v for v in vitals if v.code == "diastolic_bp"]
    out = []
    for i, s in enumerate(systolic):
        pair = [s] + ([diastolic[i]] if i < len(diastolic) else [])
        out.append(({_VITAL_NAMES[v.code]: v.value for v in pair}, pair))
    out += [({"bmi": v.value}, [v]) for v in vitals if v.code == "bmi"]
    return out


def vital_signals(report: StructuredReport, knowledge: Knowledge, language: str) -> list[Signal]:
    """A signal for every vitals reading that falls in a band of a vitals issue."""
    out = []
    for values, vitals in _vital_readings(report.vitals):
        for vital_issue in knowledge.vitals.values():
            bands = (
                vital_issue.zh_bands
                if language == "zh" and vital_issue.zh_bands
                else vital_issue.bands
            )
            band = next((b for b in bands if _band_holds(b.bounds, values)), None)
            if band is None:
                continue
            for vital in vitals:
                out.append(
                    Signal(
                        issue=vital_issue.issue,
                        evidence_id=vital.id,
                        ref=_vital_ref(vital),
                        priority=band.priority,
                    )
                )
    return out


def _clauses(text: str) -> list[str]:
    """A finding's text cut into clauses (a negation reaches to the end of its clause); a line
    that goes on in lower case continues the line before it."""
    joined = ""
    for line in (ln.strip() for ln in text.splitlines()):
        if not line:
            continue
        wrapped = joined and not joined.endswith(_LINE_END) and line[:1].islower()
        joined += (" " if wrapped else "\n") + line
    return [c.strip() for c in _CLAUSE_END.split(joined) if c and c.strip()]


def _negated(clause: str, start: int, knowledge: Knowledge) -> bool:
    """Whether a negation word comes before ``start`` in the clause."""
    before = clause[:start]
    return any(p.search(before) for pats in knowledge.negations.values() for p in pats)


def _matching_clauses(finding_issue: FindingIssue, text: str, knowledge: Knowledge) -> list[str]:
    """The clauses of ``text`` where a keyword of the issue stands un-negated."""
    out = []
    for clause in _clauses(text):
        for pattern in finding_issue.keywords:
            m = pattern.search(clause)
            if m and not _negated(clause, m.start(), knowledge):
                out.append(clause)
                break
    return out


def _finding_priority(finding_issue: FindingIssue, text: str) -> str | None:
    """Urgent or soon when a pattern of the issue occurs in the finding's words."""
    if any(p.search(text) for p in finding_issue.urgent):
        return "urgent"
    if any(p.search(text) for p in finding_issue.soon):
        return "soon"
    return None


def _finding_department(finding_issue: FindingIssue, clauses: list[str]) -> str | None:
    """A department a keyword names (haemorrhoids: general surgery)."""
    for pattern, department in finding_issue.department_by_keyword:
        if any(pattern.search(c) for c in clauses):
            return department
    return None


def finding_signals(report: StructuredReport, knowledge: Knowledge) -> list[Signal]:
    """A signal for every finding whose words name a finding issue (the first that fits)."""
    out = []
    for finding in report.findings:
        words = " ".join(p for p in (finding.text, finding.impression) if p)
        for finding_issue in knowledge.findings.values():
            if finding_issue.categories and finding.category not in finding_issue.categories:
                continue
            clauses = _matching_clauses(finding_issue, words, knowledge)
            if clauses:
                out.append(_finding_signal(finding, finding_issue, clauses, words))
                break
    return out


def _finding_signal(
    finding: Finding, finding_issue: FindingIssue, clauses: list[str], words: str
) -> Signal:
    """The signal of one finding for its issue."""
    name = _finding_name(finding)
    text = "；".join(clauses) if CJK_CHAR_RE.search(words) else "; ".join(clauses)
    specific = not finding_issue.categories  # one card per finding for the generic issues
    return Signal(
        issue=finding_issue.issue,
        evidence_id=finding.id,
        ref=_ref("finding", name, text, finding.provenance),
        priority=_finding_priority(finding_issue, words),
        department=_finding_department(finding_issue, clauses),
        group=None if specific else finding.id,
    )
