"""Critical (panic) values: a result beyond the adult critical limits of ``data/critical.yaml``
gets the flag ``HH`` or ``LL``.

The limits are in each analyte's canonical unit and compared with ``value_canonical``, so a
glucose printed in mg/dL and one printed in mmol/L meet the same limit. A value is critical when
it lies strictly beyond a limit (a comparator counts only when it points the same way: ``<20``
platelets is critically low, ``<30`` glucose is not critically high) and the report's own
reference range and flag do not say it is normal or off the other way (the table then does not
fit the lab, or the row was misread). ``flag_raw`` keeps what was printed and ``flag_source`` where the direction came from
(``printed``, ``style`` or ``computed``; ``computed`` when there was no flag): the raise from
``H``/``L`` to ``HH``/``LL`` is told by the ``CRITICAL_VALUE`` warning ``report.review`` adds.
A printed ``HH``/``LL`` is never lowered. Values outside the analyte's physiological limits are
misreads, not critical values: ``report.review`` leaves them to ``IMPLAUSIBLE_VALUE``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from checkup2action.datafiles import load_yaml
from checkup2action.errors import CatalogueError
from checkup2action.grammar.catalogue import load_catalogue
from checkup2action.grammar.flags import compute_flag
from checkup2action.report.models import LabResult

DATA_PATH = Path(__file__).parent / "data" / "critical.yaml"
CRITICAL_VALUE = "CRITICAL_VALUE"


@dataclass(frozen=True, slots=True)
class CriticalLimits:
    """One analyte's critical limits in its canonical unit, with where they come from."""

    code: str
    low: float | None
    high: float | None
    unit: str
    source: str  # short citation of the source


@dataclass(frozen=True, slots=True)
class Critical:
    """A critical result: its flag and the limit it is beyond."""

    flag: Literal["HH", "LL"]
    limit: float
    limits: CriticalLimits

    def message(self, analyte_name: str) -> str:
        """The warning's text: the analyte, the limit and its source (never the value)."""
        side = "high" if self.flag == "HH" else "low"
        return (
            f"{analyte_name} beyond the critical {side} limit {self.limit:g} {self.limits.unit} "
            f"({self.limits.source}; normalize/data/critical.yaml)"
        )


def _limit(entry: dict[str, Any], side: str, code: str) -> float | None:
    """One side's limit, a number or null."""
    value = entry.get(side)
    if value is not None and not isinstance(value, int | float):
        raise CatalogueError(f"critical.yaml: {code}.{side} is not a number")
    return None if value is None else float(value)


@lru_cache(maxsize=1)
def critical_limits() -> dict[str, CriticalLimits]:
    """Analyte code -> its critical limits, validated against the catalogue."""
    try:
        raw: Any = load_yaml(DATA_PATH)
        sources, entries = raw["sources"], raw["limits"]
        if not all(
            isinstance(s, dict) and s.get("cite") and s.get("ref") for s in sources.values()
        ):
            raise TypeError("every source needs a cite and a ref")
    except (OSError, KeyError, TypeError, AttributeError) as exc:
        raise CatalogueError(f"critical.yaml is malformed: {exc}") from exc
    catalogue = load_catalogue()
    out = {}
    for code, entry in entries.items():
        try:
            analyte = catalogue.by_code(code)
        except KeyError as exc:
            raise CatalogueError(f"critical.yaml: {code} is not in the catalogue") from exc
        low, high = _limit(entry, "low", code), _limit(entry, "high", code)
        if (low is None and high is None) or (low is not None and high is not None and low >= high):
            raise CatalogueError(f"critical.yaml: {code} needs a low below its high")
        if entry.get("source") not in sources or analyte.unit is None:
            raise CatalogueError(f"critical.yaml: {code} needs a known source and a unit")
        out[code] = CriticalLimits(code, low, high, analyte.unit, sources[entry["source"]]["cite"])
    return out


def critical_of(result: LabResult) -> Critical | None:
    """The critical flag a result deserves by the table, or None."""
    if result.analyte is None or result.value_canonical is None or result.value is None:
        return None
    limits = critical_limits().get(result.analyte.code)
    if limits is None or result.unit_canonical != limits.unit:
        return None
    value, comparator = result.value_canonical, result.comparator
    found: Critical | None = None
    if limits.high is not None and value > limits.high and comparator not in ("<", "<="):
        found = Critical("HH", limits.high, limits)
    elif limits.low is not None and value < limits.low and comparator not in (">", ">="):
        found = Critical("LL", limits.low, limits)
    if found is None or result.flag not in (None, "A", found.flag[0], found.flag):
        return None  # the report flags it normal or the other way
    by_range = compute_flag(result.value, comparator, None, result.reference_range)
    return found if by_range in (None, found.flag[0]) else None


def with_critical_flag(result: LabResult, critical: Critical) -> LabResult:
    """The result flagged ``HH``/``LL`` (the printed flag and its source kept as they were)."""
    if result.flag == critical.flag:
        return result
    return result.model_copy(
        update={"flag": critical.flag, "flag_source": result.flag_source or "computed"}
    )
