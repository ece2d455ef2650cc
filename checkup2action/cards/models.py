"""The Action Card: one issue of a check-up report, what to do about it, and where it comes from.

Priority (documented criteria; the rule-based generator and the gold cards follow them):

- ``urgent``: seek care within days. A critical value (``HH``/``LL``), or a finding the report
  itself marks as needing prompt attention.
- ``soon``: within weeks. A result clearly outside its range or guideline band that needs a
  clinician's look (a new abnormality, several related ones together).
- ``routine``: at the next regular visit. A slight deviation, or one a repeat test settles.

``category`` is a code of ``data/categories.yaml`` (what the issue is about; evaluation matches
cards by category and evidence); ``department`` is a code of ``data/departments.yaml`` (names in English and Chinese there);
``follow_up`` is a window of ISO 8601 durations (``P1W`` … ``P1M``) with its display text;
``evidence`` holds the ids of the report's lab results, vitals and findings the card rests on,
so each card can be traced to boxes on the page. A card explains, it does not diagnose or
prescribe: every text of a card passes ``cards.safety``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from checkup2action.datafiles import load_yaml
from checkup2action.report.models import BBox

CARDS_SCHEMA_VERSION = "0.2.0"
Priority = Literal["urgent", "soon", "routine"]
_DURATION = re.compile(r"P(?=\d)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?")
_DAYS = (365, 30, 7, 1)  # a year, month, week and day in days, for ordering windows


@lru_cache(maxsize=1)
def categories() -> dict[str, str]:
    """Issue category code → what it covers (``data/categories.yaml``)."""
    data = load_yaml(Path(__file__).parent / "data" / "categories.yaml")
    return {str(code): str(text) for code, text in data["categories"].items()}


@lru_cache(maxsize=1)
def departments() -> dict[str, dict[str, str]]:
    """Department code → ``{"en": name, "zh": name}``."""
    data = load_yaml(Path(__file__).parent / "data" / "departments.yaml")
    return {str(code): dict(names) for code, names in data["departments"].items()}


def duration_days(text: str) -> int:
    """About how many days an ISO 8601 duration of years, months, weeks and days spans."""
    match = _DURATION.fullmatch(text)
    if match is None:
        raise ValueError(f"not an ISO 8601 duration of Y/M/W/D: {text!r}")
    return sum(int(n or 0) * d for n, d in zip(match.groups(), _DAYS, strict=True))


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FollowUp(_Model):
    """When to act: a window of ISO 8601 durations from the report's date, and how to say it."""

    min: str = Field(description="Earliest, an ISO 8601 duration (P0D: now).")
    max: str = Field(description="Latest, an ISO 8601 duration.")
    text: str = Field(min_length=1, description="The window in the card's language.")

    @field_validator("min", "max")
    @classmethod
    def _is_duration(cls, value: str) -> str:
        duration_days(value)
        return value

    @model_validator(mode="after")
    def _ordered(self) -> FollowUp:
        if duration_days(self.min) > duration_days(self.max):
            raise ValueError("follow_up.min is later than follow_up.max")
        return self


class ActionCard(_Model):
    """One clinically relevant issue of a report, for the patient."""

    id: str
    title: str = Field(min_length=1)
    category: str = Field(description="A code of cards/data/categories.yaml.")
    priority: Priority
    department: str = Field(description="A code of cards/data/departments.yaml.")
    follow_up: FollowUp
    explanation: str = Field(
        min_length=1, description="What the finding means in general and why follow-up helps."
    )
    questions: list[str] = Field(min_length=2, max_length=4)
    evidence: list[str] = Field(min_length=1, description="Ids of results, vitals, findings.")
    language: Literal["en", "zh"]

    @field_validator("category", "department")
    @classmethod
    def _in_vocabulary(cls, value: str, info: ValidationInfo) -> str:
        known: set[str] = set(categories() if info.field_name == "category" else departments())
        if value not in known:
            file = "categories" if info.field_name == "category" else "departments"
            raise ValueError(f"unknown {info.field_name} {value!r} (see cards/data/{file}.yaml)")
        return value


class EvidenceRef(_Model):
    """What a card's evidence id points at in the report, so a reader can find it on the page."""

    kind: Literal["lab_result", "vital", "finding", "summary"]
    name: str = Field(description="The printed name, or a finding's heading or body site.")
    text: str | None = Field(default=None, description="The value or the finding's words.")
    code: str | None = Field(default=None, description="Its analyte or vital code, when known.")
    page: int | None = Field(default=None, ge=1)
    bbox: BBox | None = None


class CardSet(_Model):
    """The Action Cards of one report."""

    schema_version: str = CARDS_SCHEMA_VERSION
    report_sha256: str | None = Field(default=None, description="The source document's hash.")
    generator: str = Field(default="rules", description="rules, or llm:<model> (rules fallback).")
    language: Literal["en", "zh"] = "en"
    cards: list[ActionCard] = Field(default_factory=list)
    evidence: dict[str, EvidenceRef] = Field(
        default_factory=dict, description="Each evidence id of the cards → where it is printed."
    )

    def to_json(self, indent: int | None = 2) -> str:
        """Serialise with non-ASCII text kept readable."""
        import json

        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False, indent=indent)
