"""Keep identifiers out of a StructuredReport: the last step of the pipeline, on by default.

The report's model has no field for a name or an ID, but identifiers can still come in by side
doors: the input's file name (``source.file_name``), a patient-information line taken as a
table's panel or as a result row, an identifier OCR glued into a cell, a warning that quotes a
line. ``deidentify`` reads every line of the document for identifiers (``identifiers``), then
removes them, and any other text that looks like one, from every text the report carries; an age
over 89 becomes ``90+`` and dates follow the chosen policy (``dates``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from checkup2action.deid.blocknames import unlabelled_names
from checkup2action.deid.dates import DatePolicy, generalise_dates, top_code_age
from checkup2action.deid.formlines import (
    code_lines,
    repeated_numbers,
    towns_below_streets,
    values_below_labels,
    wrapped_names,
    wrapped_phones,
)
from checkup2action.deid.identifiers import (
    Identifier,
    find_identifiers,
    is_identifier_label,
)
from checkup2action.deid.identifiers import redact_text as redact_shapes
from checkup2action.deid.keydata import is_han
from checkup2action.deid.misread import registration_number
from checkup2action.deid.olddates import old_dates
from checkup2action.report.models import (
    KeptIdentifier,
    LabResult,
    ReportWarning,
    StructuredReport,
)

#: Shortest identifier text removed wherever it appears (shorter ones would hit ordinary words).
MIN_LITERAL = {"cjk": 2, "other": 4}


@dataclass(frozen=True, slots=True)
class DeidOptions:
    """What de-identification may keep (nothing by default) and how it treats dates."""

    keep_filenames: bool = False  # source.file_name as given, not a hash
    keep_identifiers: bool = False  # the identifiers found, in the report's ``identifiers``
    date_policy: DatePolicy = "keep"  # how dates are generalised (``deid.dates``)


def _literal_ok(text: str) -> bool:
    """Whether an identifier's text is long enough to remove wherever it appears."""
    cjk = any(is_han(c) for c in text)
    return len(text) >= MIN_LITERAL["cjk" if cjk else "other"]


class Scrubber:
    """Removes the identifiers of one document from any text of its report."""

    def __init__(self, found: list[Identifier]):
        self.pattern = literal_pattern(found)
        self.name_parts = _name_parts(found)

    def text(self, value: str | None) -> str | None:
        """``value`` with the document's identifiers and identifier-shaped text replaced."""
        if not value:
            return value
        out = redact_shapes(value)
        return self.pattern.sub("[IDENTIFIER]", out) if self.pattern else out

    def carries(self, value: str | None) -> bool:
        """Whether ``value`` holds an identifier."""
        return bool(value) and self.text(value) != value


def literal_pattern(found: Iterable[Identifier]) -> re.Pattern[str] | None:
    """One pattern for the texts of ``found`` long enough to look for anywhere (a short
    address such as a room number is not), longest first; None when there is none."""
    found = list(found)
    literals = {i.text.strip() for i in found if i.kind != "address" or len(i.text) > 6}
    literals |= {n for i in found if (n := registration_number(i.text, i.rule))}
    kept = sorted((t for t in literals if _literal_ok(t)), key=len, reverse=True)
    return re.compile("|".join(_literal_pattern(t) for t in kept)) if kept else None


def _literal_pattern(text: str) -> str:
    """An identifier's text as a pattern: a whole word unless it is Chinese (``4398`` is no part
    of ``14398.5`` or ``1,4398``; a Chinese name has no spaces around it); a name may be followed
    by a comma or a full stop (``Jane Doe, MD``)."""
    body = re.escape(text)
    if any(is_han(c) for c in text):
        return body
    before = r"(?<!\w)(?<!\d[.,])" if text[:1].isdigit() else r"(?<!\w)"
    after = r"(?![\w]|[.,]\d)" if text[-1:].isdigit() else r"(?!\w)"
    return f"{before}{body}{after}"


def identifiers_by_line(texts: Sequence[str]) -> list[list[Identifier]]:
    """The identifiers of each line (spans in that line's text): labelled or shaped on the line
    itself, told by the lines around it (a value under its label, a name wrapped onto the next
    line, a number repeated alone), or a bare name in a patient block."""
    found = [find_identifiers(text) for text in texts]
    around = values_below_labels(texts) + repeated_numbers(texts) + towns_below_streets(texts)
    around += old_dates(texts) + code_lines(texts) + unlabelled_names(texts) + wrapped_phones(texts)
    _add(found, around)
    _add(found, wrapped_names(texts, found))  # after the others: a rest they found is not one
    return found


def _add(found: list[list[Identifier]], items: Iterable[tuple[int, Identifier]]) -> None:
    """Add ``(line index, identifier)`` items to each line's list, a span already there once."""
    for index, item in items:
        if all((item.start, item.end) != (other.start, other.end) for other in found[index]):
            found[index].append(item)


def document_identifiers(lines: Iterable[str]) -> list[Identifier]:
    """Every identifier found on the document's lines (``identifiers_by_line``)."""
    return [item for items in identifiers_by_line(list(lines)) for item in items]


def _scrub_result(result: LabResult, scrub: Scrubber) -> LabResult | None:
    """The result with its texts scrubbed; None when the row itself is an identifier."""
    if is_identifier_label(result.name_raw) or scrub.carries(result.value_raw):
        return None
    panel = None if scrub.carries(result.panel) else result.panel
    rng = result.reference_range
    if rng is not None and (text := scrub.text(rng.text)) != rng.text:
        rng = rng.model_copy(update={"text": text})
    history = [
        h.model_copy(update={"header": header})
        if (header := scrub.text(h.header)) != h.header
        else h
        for h in result.history
    ]
    return result.model_copy(
        update={
            "panel": panel,
            "name_raw": scrub.text(result.name_raw),
            "unit_raw": scrub.text(result.unit_raw),
            "flag_raw": scrub.text(result.flag_raw),
            "reference_range": rng,
            "history": history,
        }
    )


def scrub_lines(text: str | None, scrub: Scrubber) -> str | None:
    """A block of text with every line that holds an identifier, or a word of a name found on
    the document (a given name printed on a line of its own), left out; None when nothing is
    left."""
    if not text:
        return text
    parts = scrub.name_parts
    kept = [
        line
        for line in text.split("\n")
        if not scrub.carries(line) and not (parts and parts.search(line))
    ]
    return "\n".join(kept) or None


#: Shortest word of a name looked for on its own in free text (shorter ones are initials or
#: common words).
NAME_PART_MIN = 4


def latin_name_words(found: Iterable[Identifier], shortest: int) -> set[str]:
    """The Latin words of the names found, of at least ``shortest`` letters."""
    return {
        word
        for item in found
        if item.kind == "name"
        for word in re.findall(r"[^\W\d_]+", item.text)
        if len(word) >= shortest and not any(is_han(c) for c in word)
    }


def _name_parts(found: Iterable[Identifier]) -> re.Pattern[str] | None:
    """The Latin words of the names found, as whole words in any case; None when none."""
    parts = latin_name_words(found, NAME_PART_MIN)
    if not parts:
        return None
    body = "|".join(re.escape(p) for p in sorted(parts, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.I)


def _scrub_narrative(report: StructuredReport, scrub: Scrubber) -> dict[str, Any]:
    """Findings, summary items and sections without identifiers (an item left empty goes)."""
    findings = []
    for finding in report.findings:
        text, impression = scrub_lines(finding.text, scrub), scrub_lines(finding.impression, scrub)
        if text or impression:
            update = {
                "text": text,
                "impression": impression,
                "heading": scrub.text(finding.heading),
                "body_site": scrub.text(finding.body_site),
            }
            findings.append(finding.model_copy(update=update))
    summary = []
    for item in report.summary:
        text = scrub_lines(item.text, scrub)
        if text:
            heading = None if scrub.carries(item.heading) else item.heading
            summary.append(item.model_copy(update={"text": text, "heading": heading}))
    sections = [s for s in report.sections if not scrub.carries(s.title)]
    return {"findings": findings, "summary": summary, "sections": sections}


def _file_name(report: StructuredReport) -> str:
    """The input's name replaced by its content hash (the suffix kept)."""
    suffix = PurePath(report.source.file_name).suffix.lower()
    return f"{report.source.sha256[:16]}{suffix}"


def deidentify(
    report: StructuredReport, lines: Iterable[str], options: DeidOptions | None = None
) -> StructuredReport:
    """The report with no identifier left in it (see the module docstring)."""
    opts = options or DeidOptions()
    found = document_identifiers(lines)
    scrub = Scrubber(found)
    results, dropped = [], 0
    for result in report.lab_results:
        kept = _scrub_result(result, scrub)
        if kept is None:
            dropped += 1
        else:
            results.append(kept)
    warnings = [w.model_copy(update={"message": scrub.text(w.message)}) for w in report.warnings]
    if dropped:
        warnings.append(_dropped_warning(dropped))
    source = report.source
    if not opts.keep_filenames:
        source = source.model_copy(update={"file_name": _file_name(report)})
    kept_ids = _kept(found) if opts.keep_identifiers else []
    patient = report.patient if opts.keep_identifiers else top_code_age(report.patient)
    scrubbed = report.model_copy(
        update={
            "source": source,
            "patient": patient,
            "lab_results": results,
            "warnings": warnings,
            "identifiers": kept_ids,
            **_scrub_narrative(report, scrub),
        }
    )
    return generalise_dates(scrubbed, opts.date_policy)


def _dropped_warning(count: int) -> ReportWarning:
    """A warning that rows holding identifiers were left out."""
    return ReportWarning(
        stage="deid",
        code="IDENTIFIER_ROWS_DROPPED",
        message=f"{count} rows that held identifiers were left out of the results",
    )


def _kept(found: list[Identifier]) -> list[KeptIdentifier]:
    """The identifiers found, once each, for ``keep_identifiers``."""
    seen: dict[tuple[str, str], KeptIdentifier] = {}
    for item in found:
        key = (item.kind, item.whole or item.text)  # a wrapped name's rest: the whole name
        if key not in seen:
            kind: Any = item.kind  # one of identifiers.KINDS, the model's Literal
            seen[key] = KeptIdentifier(kind=kind, text=key[1], rule=item.rule)
    return list(seen.values())
