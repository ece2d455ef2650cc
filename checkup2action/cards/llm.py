"""Action Cards written by a language model behind any OpenAI-compatible chat endpoint.

The model gets the report's abnormal results, vitals, findings and summary (ids, names, values,
ranges, flags; never the patient's identifiers, which the report no longer holds) and the card
rules, and is asked for JSON of the card schema. Its reply is parsed and validated (schema,
vocabularies, evidence ids that exist in the report) and checked by the safety gate; with any
problem, the model is asked once to repair its reply, the problems listed. Whatever still fails
is replaced by the rule-based generator's card of the same category (or left out when the rules
have none); a reply that never parses, or an endpoint that cannot be reached, gives the rule-based
cards. ``CardSet.generator`` says which happened.
"""

from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from checkup2action.cards.models import ActionCard, CardSet, categories, departments
from checkup2action.cards.rules import generate_cards, report_language
from checkup2action.cards.safety import card_violations
from checkup2action.cards.signals import evidence_ref
from checkup2action.errors import Checkup2ActionError
from checkup2action.report.models import StructuredReport

_FENCE = re.compile(r"^\s*```(?:json)?\s*|\s*```\s*$")
_SYSTEM = """You write Action Cards for a patient from the abnormal items of a check-up report.
One card per clinically relevant issue; related abnormalities share one card (LDL and total
cholesterol: one lipids card; several blood-count indices: one card). A value a hair outside its
range with no clinical weight is no issue. Never diagnose ("you have ..."), never name a medicine,
dose or tell the reader to take, start or stop a treatment, never promise an outcome; questions
for the clinician may ask about treatment.
Priority: urgent = seek care within days (critical values, findings marked urgent); soon = within
weeks (clearly abnormal and clinically meaningful); routine = at the next regular visit.
Reply with JSON only: {"cards": [{"title": str, "category": one of CATEGORIES, "priority":
"urgent"|"soon"|"routine", "department": one of DEPARTMENTS, "follow_up": {"min": ISO 8601
duration, "max": ISO 8601 duration, "text": str}, "explanation": 2-4 plain sentences, "questions":
2-4 questions, "evidence": [ids of the items the card rests on]}]}.
Write every text in LANGUAGE."""


class LlmError(Checkup2ActionError):
    """The language-model endpoint could not be used."""

    code = "LLM_UNAVAILABLE"


@dataclass(frozen=True)
class LlmSettings:
    """Where the model is and how to ask it."""

    url: str  # the API base, e.g. http://127.0.0.1:8000/v1
    model: str
    api_key_env: str = "OPENAI_API_KEY"
    timeout: float = 60.0
    temperature: float = 0.0


def report_items(report: StructuredReport) -> dict[str, Any]:
    """What the model is shown: abnormal results, vitals, findings and the summary."""
    results = [
        {"id": r.id, "name": r.name_raw, "value": r.value_raw, "unit": r.unit_raw,
         "range": r.reference_range.text if r.reference_range else None, "flag": r.flag,
         "analyte": r.analyte.code if r.analyte else None}
        for r in report.lab_results if r.flag not in (None, "N") and not r.derived
    ]  # fmt: skip
    vitals = [
        {"id": v.id, "name": v.name_raw, "value": v.value_raw, "flag": v.flag}
        for v in report.vitals
    ]
    findings = [
        {
            "id": f.id,
            "kind": f.category,
            "heading": f.heading,
            "text": f.text,
            "impression": f.impression,
        }
        for f in report.findings
    ]
    summary = [{"id": s.id, "kind": s.kind, "text": s.text} for s in report.summary]
    return {"results": results, "vitals": vitals, "findings": findings, "summary": summary}


def _messages(report: StructuredReport, language: str) -> list[dict[str, str]]:
    """The chat messages of the first request."""
    system = (
        _SYSTEM.replace("CATEGORIES", ", ".join(categories()))
        .replace("DEPARTMENTS", ", ".join(departments()))
        .replace("LANGUAGE", "Simplified Chinese" if language == "zh" else "English")
    )
    user = json.dumps(report_items(report), ensure_ascii=False)
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def chat(settings: LlmSettings, messages: list[dict[str, str]]) -> str:
    """One chat completion's text from an OpenAI-compatible endpoint."""
    body = {"model": settings.model, "messages": messages, "temperature": settings.temperature,
            "response_format": {"type": "json_object"}}  # fmt: skip
    headers = {"Content-Type": "application/json"}
    if key := os.environ.get(settings.api_key_env):
        headers["Authorization"] = f"Bearer {key}"
    url = settings.url.rstrip("/") + "/chat/completions"
    request = urllib.request.Request(url, json.dumps(body).encode(), headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=settings.timeout) as response:
            data = json.loads(response.read().decode("utf-8"))
        return str(data["choices"][0]["message"]["content"])
    except (urllib.error.URLError, TimeoutError, OSError, ValueError, KeyError, IndexError) as exc:
        raise LlmError(f"the model endpoint gave no usable answer ({type(exc).__name__})") from exc


def parse_reply(text: str) -> list[dict[str, Any]]:
    """The card mappings of a reply (a ``cards`` object, or a bare list); ValueError if none."""
    data = json.loads(_FENCE.sub("", text))
    cards = data.get("cards") if isinstance(data, dict) else data
    if not isinstance(cards, list) or not all(isinstance(c, dict) for c in cards):
        raise ValueError('the reply holds no list of cards under "cards"')
    return cards


def check_card(
    raw: dict[str, Any], index: int, language: str, known_ids: set[str]
) -> tuple[ActionCard | None, list[str]]:
    """A validated, safe card, or the problems that stop it."""
    fields = {**raw, "id": f"llm-{index + 1}", "language": language}
    try:
        card = ActionCard.model_validate(fields)
    except ValidationError as exc:
        return None, [
            f"card {index + 1}: {e['loc'][0] if e['loc'] else ''}: {e['msg']}" for e in exc.errors()
        ]
    problems = [
        f"card {index + 1}: evidence {e!r} is no item id"
        for e in card.evidence
        if e not in known_ids
    ]
    problems += [
        f"card {index + 1}: {name}: not allowed ({v.kind}: {v.text!r})"
        for name, v in card_violations(card)
    ]
    return (None if problems else card), problems


def _known_ids(report: StructuredReport) -> set[str]:
    """Every id a card may cite."""
    ids = {r.id for r in report.lab_results} | {v.id for v in report.vitals}
    return ids | {f.id for f in report.findings} | {s.id for s in report.summary}


@dataclass
class _Attempt:
    cards: list[ActionCard | None]
    problems: list[str]


def _attempt(text: str, language: str, known: set[str]) -> _Attempt:
    """Parse and check one reply (ValueError when it does not parse)."""
    raws = parse_reply(text)
    checked = [check_card(r, i, language, known) for i, r in enumerate(raws)]
    return _Attempt([c for c, _ in checked], [p for _, ps in checked for p in ps])


def _repair_messages(
    first: list[dict[str, str]], reply: str, problems: list[str]
) -> list[dict[str, str]]:
    """The conversation asking the model to fix its reply."""
    ask = (
        "Your reply cannot be used: "
        + "; ".join(problems[:20])
        + ". Reply again with the corrected JSON only."
    )
    return [*first, {"role": "assistant", "content": reply}, {"role": "user", "content": ask}]


def generate_llm_cards(
    report: StructuredReport, settings: LlmSettings, *, language: str | None = None
) -> CardSet:
    """Cards from the model, repaired once, failing cards replaced by the rule-based ones."""
    lang = language or report_language(report)
    rules = generate_cards(report, language=lang)
    known = _known_ids(report)
    messages = _messages(report, lang)
    try:
        reply = chat(settings, messages)
        try:
            attempt = _attempt(reply, lang, known)
        except ValueError as exc:
            attempt = _Attempt([], [f"not JSON of the card schema ({exc})"])
        if attempt.problems:
            reply = chat(settings, _repair_messages(messages, reply, attempt.problems))
            attempt = _attempt(reply, lang, known)
    except (LlmError, ValueError) as exc:
        code = exc.code if isinstance(exc, LlmError) else "LLM_BAD_REPLY"
        return rules.model_copy(update={"generator": f"rules (llm {settings.model}: {code})"})
    return _merge(report, attempt, rules, settings.model)


def _merge(report: StructuredReport, attempt: _Attempt, rules: CardSet, model: str) -> CardSet:
    """The model's good cards, each failed one replaced by the rule card of its category."""
    kept = [c for c in attempt.cards if c is not None]
    failed = len(attempt.cards) - len(kept)
    covered = {c.category for c in kept}
    if failed:
        kept += [c for c in rules.cards if c.category not in covered]
    evidence = {e: ref for c in kept for e in c.evidence if (ref := evidence_ref(report, e))}
    name = f"llm:{model}" + ("+rules" if failed else "")
    return CardSet(report_sha256=rules.report_sha256, generator=name, language=rules.language,
                   cards=kept, evidence=evidence)  # fmt: skip
