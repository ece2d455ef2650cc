"""Gold Action Cards of generated reports, from what the generator planted.

The generator knows every value, flag, vital and examination wording it printed (its truth).
``truth_report`` turns that truth into the structured report a perfect reader would produce;
``planted_cards`` applies the card knowledge base's documented criteria to it and writes the
cards in the gold-file format of ``bench/realworld/CARDS_GUIDE.md`` (evidence as printed names).
So the synthetic card bench measures how well cards survive *reading* a document: the pipeline's
cards against the cards of the exact truth. Judgement itself (which issues a clinician would
raise) is measured on the hand-written real gold cards, which no rule produced.
"""

from __future__ import annotations

from typing import Any

from checkup2action.cards.models import CardSet
from checkup2action.cards.rules import generate_cards
from checkup2action.grammar.catalogue import load_catalogue
from checkup2action.normalize.results import canonical_value
from checkup2action.normalize.vitals import vocabulary
from checkup2action.report.models import (
    BBox,
    Finding,
    LabResult,
    Provenance,
    ReferenceRange,
    SourceInfo,
    StructuredReport,
    Vital,
)

_TRUTH_SHA = "0" * 64


def _provenance(item: dict[str, Any]) -> list[Provenance]:
    """The item's page and box."""
    x0, top, x1, bottom = item["bbox"]
    return [Provenance(page=item["page"], bbox=BBox(x0=x0, top=top, x1=x1, bottom=bottom))]


def _result(i: int, row: dict[str, Any]) -> LabResult:
    """A lab result of the truth."""
    code = row.get("analyte_code")
    analyte = load_catalogue().by_code(code) if code else None
    rng = row.get("reference_range")
    canonical = canonical_value(row.get("value"), row.get("unit"), analyte)  # as the pipeline
    return LabResult(
        id=f"t{i:04d}",
        panel=row.get("panel"),
        name_raw=row["name_raw"],
        value_raw=row["value_raw"],
        value=row.get("value"),
        comparator=row.get("comparator"),
        value_text=row.get("value_text"),
        unit_raw=row.get("unit_raw"),
        unit=row.get("unit"),
        value_canonical=canonical[0],
        unit_canonical=canonical[1],
        reference_range=ReferenceRange(**rng) if rng else None,
        flag=row.get("flag"),
        flag_source=row.get("flag_source"),
        analyte=analyte.ref(row.get("unit")) if analyte else None,
        provenance=_provenance(row),
    )


def _vital(i: int, row: dict[str, Any]) -> Vital:
    """A vital of the truth (its printed label is not in the truth: the code stands for it)."""
    kind = vocabulary().kinds[row["code"]]
    return Vital(id=f"tv{i:03d}", code=row["code"], loinc=kind.loinc, name_raw=row["code"],
                 value_raw=str(row["value"]), value=row["value"], unit=row["unit"],
                 provenance=_provenance(row))  # fmt: skip


def _finding(i: int, row: dict[str, Any]) -> Finding:
    """A finding of the truth."""
    return Finding(id=f"tf{i:03d}", category=row["category"], modality=row.get("modality"),
                   heading=row.get("heading"), body_site=row.get("body_site"),
                   text=row.get("text"), impression=row.get("impression"),
                   provenance=_provenance(row))  # fmt: skip


def truth_report(truth: dict[str, Any]) -> StructuredReport:
    """The structured report a perfect reader would make of a generated report."""
    return StructuredReport(
        source=SourceInfo(
            file_name="truth", sha256=_TRUTH_SHA, page_count=truth["page_count"], pages=[]
        ),
        lab_results=[_result(i, r) for i, r in enumerate(truth.get("lab_results", []))],
        vitals=[_vital(i, v) for i, v in enumerate(truth.get("vitals", []))],
        findings=[_finding(i, f) for i, f in enumerate(truth.get("findings", []))],
    )


def _language(truth: dict[str, Any]) -> str:
    """en or zh from the truth's language tag."""
    return "zh" if str(truth.get("language", "")).startswith("zh") else "en"


def planted_cards(truth: dict[str, Any], document: str) -> dict[str, Any]:
    """The gold card file of a generated report (evidence as printed names)."""
    card_set: CardSet = generate_cards(truth_report(truth), language=_language(truth))
    cards = []
    for card in card_set.cards:
        data = card.model_dump(mode="json", exclude={"id", "language"})
        refs = [card_set.evidence[e] for e in card.evidence]
        data["evidence"] = [r.code if r.kind == "vital" and r.code else r.name for r in refs]
        cards.append(data)
    return {"document": document, "language": card_set.language, "author": "generator",
            "written_before_rules": False, "cards": cards}  # fmt: skip
