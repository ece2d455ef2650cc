"""The rule-based generator's knowledge base: issues of results, vitals bands, finding keywords.

Loaded from ``data/knowledge.yaml`` (result issues, thresholds, sources) and
``data/observations.yaml`` (vitals bands, finding keywords); both files document their keys.
Loading checks every reference: analyte codes against the catalogue, categories and departments
against the card vocabularies, sources against ``sources``, windows as ISO 8601 durations, and
that every template passes the safety gate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from checkup2action.cards.models import categories, departments, duration_days
from checkup2action.cards.safety import check_text
from checkup2action.datafiles import load_yaml
from checkup2action.errors import Checkup2ActionError

DATA = Path(__file__).parent / "data"
PRIORITIES = ("urgent", "soon", "routine")
LANGUAGES = ("en", "zh")
_MARGINS = ("notable_margin", "notable_margin_one_sided", "minor_alone_margin")


class KnowledgeError(Checkup2ActionError):
    """The card knowledge base is inconsistent."""

    code = "CARD_KNOWLEDGE_INVALID"


@dataclass(frozen=True)
class Template:
    """A card's texts in one language; ``{names}`` is the evidence's printed names."""

    title: str
    explanation: str
    questions: tuple[str, ...]


@dataclass(frozen=True)
class Threshold:
    """A bound in the analyte's canonical unit, or a multiple of the printed upper limit."""

    above: float | None = None
    below: float | None = None
    above_uln: float | None = None


@dataclass(frozen=True)
class Issue:
    """What a card is about and how to rank it; shared by results, vitals and findings."""

    code: str
    category: str
    department: str
    sources: tuple[str, ...]
    text: dict[str, Template]
    windows: dict[str, tuple[str, str]]
    urgent_department: str | None = None
    lead: frozenset[str] = frozenset()
    minor: frozenset[str] = frozenset()
    directions: dict[str, str] = field(default_factory=dict)
    urgent: dict[str, Threshold] = field(default_factory=dict)
    soon: dict[str, Threshold] = field(default_factory=dict)
    soon_count: int | None = None
    urgent_if_any: frozenset[str] = frozenset()
    department_by_analyte: dict[str, str] = field(default_factory=dict)
    context: frozenset[str] = frozenset()
    notable_margin: float = 0.10
    notable_margin_one_sided: float = 0.03
    minor_alone_margin: float = 0.5
    fallback: bool = False

    def analytes(self) -> frozenset[str]:
        """Every analyte code the issue gathers."""
        return self.lead | self.minor | self.context

    def tier(self, code: str | None) -> str:
        """lead, minor or context: how much a result of this analyte weighs in the issue (an
        analyte the issue does not list, placed by its catalogue category, leads)."""
        if code in self.minor:
            return "minor"
        return "context" if code in self.context else "lead"


@dataclass(frozen=True)
class Band:
    """One band of a vital: the bounds it needs and what it means."""

    bounds: dict[str, float]
    priority: str
    window: tuple[str, str]


@dataclass(frozen=True)
class VitalIssue:
    """A vitals issue (blood pressure, body weight) and its bands."""

    issue: Issue
    bands: tuple[Band, ...]
    zh_bands: tuple[Band, ...] = ()


@dataclass(frozen=True)
class FindingIssue:
    """A finding issue: keywords, the finding kinds it applies to, what raises its priority."""

    issue: Issue
    keywords: tuple[re.Pattern[str], ...]
    categories: frozenset[str] = frozenset()
    soon: tuple[re.Pattern[str], ...] = ()
    urgent: tuple[re.Pattern[str], ...] = ()
    department_by_keyword: tuple[tuple[re.Pattern[str], str], ...] = ()


@dataclass(frozen=True)
class Knowledge:
    """The whole knowledge base."""

    issues: dict[str, Issue]
    by_analyte: dict[str, str]
    fallback_by_category: dict[str, str]
    vitals: dict[str, VitalIssue]
    findings: dict[str, FindingIssue]
    negations: dict[str, tuple[re.Pattern[str], ...]]
    sources: dict[str, str]


def _compile(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
    """Case-insensitive regular expressions."""
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


def _template(data: dict[str, Any]) -> Template:
    """A template from its YAML mapping."""
    return Template(str(data["title"]), str(data["explanation"]), tuple(data["questions"]))


def _windows(raw: dict[str, list[str]] | None, defaults: dict[str, tuple[str, str]]) -> dict:
    """Per-priority windows, the defaults overridden by the issue's own."""
    out = dict(defaults)
    out.update({p: (w[0], w[1]) for p, w in (raw or {}).items()})
    return out


def _thresholds(raw: dict[str, dict[str, float]] | None) -> dict[str, Threshold]:
    """Analyte code → threshold."""
    return {code: Threshold(**bounds) for code, bounds in (raw or {}).items()}


def _issue(code: str, raw: dict[str, Any], defaults: dict[str, Any]) -> Issue:
    """An issue from its YAML mapping."""
    return Issue(
        code=code,
        category=raw["category"],
        department=raw["department"],
        sources=tuple(raw.get("sources", ())),
        text={lang: _template(t) for lang, t in raw["text"].items()},
        windows=_windows(raw.get("windows"), defaults["windows"]),
        urgent_department=raw.get("urgent_department"),
        lead=frozenset(raw.get("lead", ())),
        minor=frozenset(raw.get("minor", ())),
        directions=dict(raw.get("directions", {})),
        urgent=_thresholds(raw.get("urgent")),
        soon=_thresholds(raw.get("soon")),
        soon_count=raw.get("soon_count"),
        urgent_if_any=frozenset(raw.get("urgent_if_any", ())),
        department_by_analyte=dict(raw.get("department_by_analyte", {})),
        context=frozenset(raw.get("context", ())),
        **{k: float(raw.get(k, defaults[k])) for k in _MARGINS},
        fallback=bool(raw.get("fallback", False)),
    )


def _bands(raw: list[dict[str, Any]] | None) -> tuple[Band, ...]:
    """Bands from their YAML list."""
    out = []
    for band in raw or []:
        bounds = {k: float(v) for k, v in band.items() if k not in ("priority", "window")}
        out.append(Band(bounds, band["priority"], (band["window"][0], band["window"][1])))
    return tuple(out)


def _finding(code: str, raw: dict[str, Any], defaults: dict[str, Any]) -> FindingIssue:
    """A finding issue from its YAML mapping."""
    by_keyword = tuple(
        (re.compile(p, re.IGNORECASE), d) for p, d in raw.get("department_by_keyword", {}).items()
    )
    issue_raw = {k: v for k, v in raw.items() if k not in ("soon", "urgent")}
    return FindingIssue(
        issue=_issue(code, issue_raw, defaults),
        keywords=_compile(raw["keywords"]),
        categories=frozenset(raw.get("categories", ())),
        soon=_compile(raw.get("soon", [])),
        urgent=_compile(raw.get("urgent", [])),
        department_by_keyword=by_keyword,
    )


def _problems(issue: Issue, sources: dict[str, str], known_analytes: set[str]) -> list[str]:
    """What is wrong with one issue."""
    out = []
    if issue.category not in categories():
        out.append(f"unknown category {issue.category!r}")
    depts = [issue.department, issue.urgent_department, *issue.department_by_analyte.values()]
    out += [f"unknown department {d!r}" for d in depts if d and d not in departments()]
    out += [f"unknown source {s!r}" for s in issue.sources if s not in sources]
    if not issue.sources:
        out.append("no source note")
    named = issue.analytes() | set(issue.urgent) | set(issue.soon) | set(issue.directions)
    out += [f"unknown analyte {a!r}" for a in sorted(named - known_analytes)]
    out += [f"unknown priority {p!r}" for p in issue.windows if p not in PRIORITIES]
    for lo, hi in issue.windows.values():
        if duration_days(lo) > duration_days(hi):
            out.append(f"window {lo}..{hi} ends before it starts")
    out += _template_problems(issue)
    return out


def _template_problems(issue: Issue) -> list[str]:
    """Missing languages, question counts and safety-gate violations of an issue's texts."""
    out = [f"no {lang} template" for lang in LANGUAGES if lang not in issue.text]
    for lang, t in issue.text.items():
        if not 2 <= len(t.questions) <= 4:
            out.append(f"{lang}: {len(t.questions)} questions (2-4)")
        for text in (t.title, t.explanation, *t.questions):
            out += [f"{lang}: unsafe text ({v.kind}: {v.text!r})" for v in check_text(text)]
    return out


def _known_analytes() -> set[str]:
    """Codes of the analyte catalogue."""
    from checkup2action.grammar.catalogue import load_catalogue

    return {a.code for a in load_catalogue()}


def parse_knowledge(results: dict[str, Any], observations: dict[str, Any]) -> Knowledge:
    """Build and check the knowledge base from the two files' contents."""
    defaults = {
        **{k: results["defaults"][k] for k in _MARGINS},
        "windows": {p: (w[0], w[1]) for p, w in results["defaults"]["windows"].items()},
    }
    sources = {str(k): str(v) for k, v in results["sources"].items()}
    issues = {code: _issue(code, raw, defaults) for code, raw in results["issues"].items()}
    vitals = {
        code: VitalIssue(
            _issue(code, raw, defaults), _bands(raw["bands"]), _bands(raw.get("zh_bands"))
        )
        for code, raw in observations["vitals"].items()
    }
    findings = {c: _finding(c, raw, defaults) for c, raw in observations["findings"].items()}
    known = _known_analytes()
    problems = [
        f"{issue.code}: {p}"
        for issue in [*issues.values(), *(v.issue for v in vitals.values()),
                      *(f.issue for f in findings.values())]
        for p in _problems(issue, sources, known)
    ]  # fmt: skip
    by_analyte: dict[str, str] = {}
    for issue in issues.values():
        for code in issue.analytes():
            if code in by_analyte:
                problems.append(f"{code} is in both {by_analyte[code]} and {issue.code}")
            by_analyte[code] = issue.code
    fallback = {str(k): str(v) for k, v in results["fallback_by_category"].items()}
    problems += [f"fallback to unknown issue {v!r}" for v in fallback.values() if v not in issues]
    if problems:
        raise KnowledgeError("card knowledge base: " + "; ".join(problems))
    negations = {lang: _compile(p) for lang, p in observations["negations"].items()}
    return Knowledge(issues, by_analyte, fallback, vitals, findings, negations, sources)


@lru_cache(maxsize=1)
def load_knowledge() -> Knowledge:
    """The packaged knowledge base, checked."""
    return parse_knowledge(
        load_yaml(DATA / "knowledge.yaml"), load_yaml(DATA / "observations.yaml")
    )
