"""Review signals: results read by OCR are marked as such; unsure or implausible ones need review;
critical values are flagged ``HH``/``LL`` (``normalize.critical``); a unit of another kind than
its analyte's (glucose in U/L) is warned about."""

from __future__ import annotations

from checkup2action.grammar.catalogue import load_catalogue
from checkup2action.grammar.units import convert, enzyme_activity
from checkup2action.normalize.critical import CRITICAL_VALUE, critical_of, with_critical_flag
from checkup2action.ocr.stage import OcrOutcome
from checkup2action.report.models import LabResult, ReportWarning

# Results read by OCR with a lower confidence than this are marked needs_review.
REVIEW_CONFIDENCE = 0.8


def review(result: LabResult, ocr: OcrOutcome) -> LabResult:
    """Mark a result read by OCR (source, engine), flag it for review when unsure or implausible,
    and flag a critical value ``HH``/``LL`` (``normalize.critical``; not an implausible one)."""
    on_ocr_page = any(p.page in ocr.pages for p in result.provenance)
    update: dict[str, object] = {}
    if on_ocr_page:
        mark = {"source": "ocr", "engine": ocr.engine}
        update["provenance"] = [p.model_copy(update=mark) for p in result.provenance]
        update["history"] = [
            earlier.model_copy(
                update={"provenance": [p.model_copy(update=mark) for p in earlier.provenance]}
            )
            for earlier in result.history
        ]
    if _needs_review(result, on_ocr_page):
        update["needs_review"] = True
    reviewed = result.model_copy(update=update) if update else result
    critical = None if implausible(result) else critical_of(result)
    return with_critical_flag(reviewed, critical) if critical else reviewed


def _needs_review(result: LabResult, on_ocr_page: bool) -> bool:
    """Low OCR confidence, or a value outside the analyte's physiological limits."""
    if on_ocr_page and result.confidence < REVIEW_CONFIDENCE:
        return True
    return implausible(result)


def implausible(result: LabResult) -> bool:
    """A value in the canonical unit outside the catalogue's plausibility limits."""
    if result.analyte is None or result.value_canonical is None:
        return False
    return not load_catalogue().by_code(result.analyte.code).within_limits(result.value_canonical)


def unit_mismatch(result: LabResult) -> str | None:
    """The analyte's canonical unit when the result's unit is of another kind (glucose in U/L:
    no molar mass or valence would convert it); None when it fits or cannot be told."""
    if result.analyte is None or result.unit is None or result.value is None:
        return None
    unit = load_catalogue().by_code(result.analyte.code).unit
    if result.value_canonical is not None or unit is None:
        return None
    if convert(1.0, result.unit, result.unit) is None or convert(1.0, unit, unit) is None:
        return None  # outside the UCUM subset the converter reads: nothing to tell
    probe = convert(1.0, enzyme_activity(result.unit, unit), unit, molar_mass=1.0, valence=1.0)
    return unit if probe is None else None


def review_warnings(results: list[LabResult], ocr: OcrOutcome) -> list[ReportWarning]:
    """A warning for each result that needs a person to look at it."""
    out = []
    for r in results:
        page = r.provenance[0].page
        bad = implausible(r)
        if bad:
            out.append(_warning(r, "IMPLAUSIBLE_VALUE", "value outside physiological limits"))
        elif page in ocr.pages and r.confidence < REVIEW_CONFIDENCE:
            out.append(_warning(r, "LOW_CONFIDENCE", "OCR is unsure of this row"))
        name = r.analyte.name_en if r.analyte else r.name_raw
        critical = None if bad else critical_of(r)
        if critical is not None:
            out.append(_warning(r, CRITICAL_VALUE, critical.message(name)))
        if (unit := unit_mismatch(r)) is not None:
            message = f"unit {r.unit} does not convert to {name}'s unit {unit}"
            out.append(_warning(r, "UNIT_MISMATCH", message))
    return out


def _warning(result: LabResult, code: str, message: str) -> ReportWarning:
    """A review warning pointing at one result."""
    page = result.provenance[0].page
    return ReportWarning(stage="review", code=code, page=page, result_id=result.id, message=message)
