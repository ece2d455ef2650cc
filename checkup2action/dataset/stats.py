"""Statistics of a dataset: documents by status, results per analyte with their abnormal rate
and units, and the unmapped test names ranked by frequency (what the catalogue needs next).
Aggregate counts only: no value of any patient."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Final

from checkup2action.batch.documents import STATUSES
from checkup2action.dataset.state import DocumentRecord
from checkup2action.report.models import LabResult, StructuredReport, Vital
from checkup2action.report.writers import ABNORMAL_FLAGS

STATS_FORMAT: Final = 1
MD_TOP: Final = 50  # rows of the analyte and unmapped-name tables in stats.md


@dataclass(slots=True)
class FlagCounts:
    """Results counted with their flags; the abnormal rate is abnormal over flagged."""

    results: int = 0
    flagged: int = 0
    abnormal: int = 0
    flags: Counter[str] = field(default_factory=Counter)

    def add(self, flag: str | None) -> None:
        """Count one result with its flag (None: no flag could be set)."""
        self.results += 1
        if flag is not None:
            self.flagged += 1
            self.flags[flag] += 1
            self.abnormal += flag in ABNORMAL_FLAGS

    def to_dict(self) -> dict[str, Any]:
        """Counts, rate (None when nothing was flagged) and flags by kind."""
        rate = round(self.abnormal / self.flagged, 4) if self.flagged else None
        return {
            "results": self.results,
            "flagged": self.flagged,
            "abnormal": self.abnormal,
            "abnormal_rate": rate,
            "flags": dict(sorted(self.flags.items())),
        }


@dataclass(slots=True)
class AnalyteStats:
    """One catalogue analyte across the dataset."""

    name_en: str
    loinc: str | None
    category: str
    counts: FlagCounts = field(default_factory=FlagCounts)
    documents: set[str] = field(default_factory=set)
    units: Counter[str] = field(default_factory=Counter)  # UCUM units read
    units_unparsed: Counter[str] = field(default_factory=Counter)  # printed, not read as UCUM

    def add(self, result: LabResult, sha256: str) -> None:
        """Count one result of this analyte."""
        self.counts.add(result.flag)
        self.documents.add(sha256)
        if result.unit:
            self.units[result.unit] += 1
        elif result.unit_raw:
            self.units_unparsed[result.unit_raw] += 1

    def to_dict(self) -> dict[str, Any]:
        """The analyte's entry of stats.json."""
        return {
            "name_en": self.name_en,
            "loinc": self.loinc,
            "category": self.category,
            "documents": len(self.documents),
            **self.counts.to_dict(),
            "units": _ranked(self.units),
            "units_unparsed": _ranked(self.units_unparsed),
        }


def _ranked(counter: Counter[str]) -> dict[str, int]:
    """A counter as a dict, most frequent first, ties by key."""
    return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def name_key(name_raw: str) -> str:
    """A printed test name with its whitespace collapsed (how unmapped names are grouped)."""
    return " ".join(name_raw.split())


class DatasetStats:
    """Accumulates the statistics of a dataset, record by record and report by report."""

    def __init__(self) -> None:
        self.statuses: Counter[str] = Counter()
        self.failed_codes: Counter[str] = Counter()
        self.page_kinds: Counter[str] = Counter()
        self.warnings: Counter[str] = Counter()
        self.files = self.pages = 0
        self.seconds = 0.0
        self.results = FlagCounts()
        self.needs_review = 0
        self.analytes: dict[str, AnalyteStats] = {}
        self.unmapped: Counter[str] = Counter()
        self.unmapped_docs: dict[str, set[str]] = {}
        self.vitals: dict[str, FlagCounts] = {}

    def add_record(self, record: DocumentRecord, copies: int) -> None:
        """Count one document of the manifest (any status)."""
        self.statuses[record.status] += 1
        self.files += copies
        self.seconds += record.seconds
        self.pages += record.pages or 0
        self.page_kinds.update(record.page_kinds)
        self.warnings.update(record.warnings)
        if record.error_code:
            self.failed_codes[record.error_code] += 1

    def add_report(self, report: StructuredReport) -> None:
        """Count the results and vitals of one report."""
        sha256 = report.source.sha256
        for result in report.lab_results:
            self.results.add(result.flag)
            self.needs_review += result.needs_review
            if result.analyte is None:
                self._add_unmapped(result, sha256)
                continue
            code = result.analyte.code
            if code not in self.analytes:
                a = result.analyte
                self.analytes[code] = AnalyteStats(a.name_en, a.loinc, a.category)
            self.analytes[code].add(result, sha256)
        for vital in report.vitals:
            self._add_vital(vital)

    def _add_unmapped(self, result: LabResult, sha256: str) -> None:
        """Count a result whose printed name matched no analyte."""
        key = name_key(result.name_raw)
        self.unmapped[key] += 1
        self.unmapped_docs.setdefault(key, set()).add(sha256)

    def _add_vital(self, vital: Vital) -> None:
        """Count one vital sign with its flag."""
        self.vitals.setdefault(vital.code, FlagCounts()).add(vital.flag)

    def to_dict(self) -> dict[str, Any]:
        """stats.json: documents, results, analytes (most results first), unmapped names
        (most frequent first), vitals and warnings."""
        analytes = sorted(self.analytes.items(), key=lambda kv: (-kv[1].counts.results, kv[0]))
        unmapped = sorted(self.unmapped.items(), key=lambda kv: (-kv[1], kv[0]))
        return {
            "stats_format": STATS_FORMAT,
            "documents": self._documents_dict(),
            "results": {
                **self.results.to_dict(),
                "mapped": self.results.results - sum(self.unmapped.values()),
                "unmapped": sum(self.unmapped.values()),
                "needs_review": self.needs_review,
            },
            "analytes": {code: a.to_dict() for code, a in analytes},
            "unmapped_names": [
                {"name": name, "results": n, "documents": len(self.unmapped_docs[name])}
                for name, n in unmapped
            ],
            "vitals": {code: c.to_dict() for code, c in sorted(self.vitals.items())},
            "warnings": _ranked(self.warnings),
        }

    def _documents_dict(self) -> dict[str, Any]:
        """The documents section of stats.json."""
        return {
            "total": sum(self.statuses.values()),
            "files": self.files,
            "by_status": {s: self.statuses[s] for s in STATUSES},
            "failed_by_code": _ranked(self.failed_codes),
            "pages": self.pages,
            "page_kinds": _ranked(self.page_kinds),
            "seconds": round(self.seconds, 2),
        }
