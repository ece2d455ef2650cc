"""One result column per visit (the current one and up to three earlier ones), for the families
that print cumulative reports: ``项目 | 2025-03-12 | 2024-03-08 | 2023-02-27 | 单位 | 参考区间``,
``Test | Result | Previous 03/08/2024 | 02/27/2023 | Units | Reference Interval``.

Whether a report has them is drawn from a generator of its own (:func:`visit_rng`), so reports
without visit columns stay byte-identical to what the family printed before.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from checkup2action.samples.draw import Canvas
from checkup2action.samples.families.common import fmt_date
from checkup2action.samples.results import ResultSpec

VISIT_KEYS = ("v1", "v2", "v3")
#: Header styles: every column headed by its date; the current one in words and the first earlier
#: one as ``Previous 03/08/2024``; or words with the date on a second header line (two visits).
STYLES = ("dates", "worded", "two_line")


@dataclass
class VisitColumns:
    """The earlier visits a report prints and the header lines of its result columns."""

    dates: list[date]  # earlier visits, newest first
    heads: dict[str, list[str]]  # 'result' and 'v1'… -> header lines

    @property
    def keys(self) -> list[str]:
        """Column keys of the earlier visits, newest first (left to right)."""
        return list(VISIT_KEYS[: len(self.dates)])

    def cells(self, spec: ResultSpec) -> dict[str, str]:
        """The printed earlier values of a row, by column key."""
        return {self.keys[self.dates.index(e.when)]: e.value_raw for e in spec.history or []}

    def drop_oldest(self) -> None:
        """Print one earlier visit fewer (the page is too narrow for all)."""
        self.heads.pop(self.keys[-1], None)
        self.dates.pop()

    def width(self, cv: Canvas, key: str, values: list[str], font: str, size: float) -> float:
        """Width a column needs for its header lines (bold) and values, with padding."""
        texts = [cv.width(t, font, size, bold=True) for t in self.heads.get(key, [])]
        texts += [cv.width(v, font, size) for v in values]
        return max([30.0, *texts]) + 10


def visit_rng(family: str, seed: int) -> random.Random:
    """The generator that decides a report's visit columns."""
    return random.Random(f"{family}:{seed}:multi_visit")


def earlier_dates(rng: random.Random, exam: date, n: int) -> list[date]:
    """Dates of ``n`` earlier visits, newest first, roughly a year apart."""
    out: list[date] = []
    day = exam
    for _ in range(n):
        day -= timedelta(days=rng.randint(150, 420))
        out.append(day)
    return out


def plan_visits(
    rng: random.Random, exam: date, words: dict, *, two_line: bool = True
) -> VisitColumns:
    """Earlier visits and header lines; ``words`` is the family's ``visits`` label entry
    (``current``, ``earlier`` header words and ``date_fmts``)."""
    style = rng.choice(STYLES if two_line else STYLES[:2])
    n = 2 if style == "two_line" else rng.choice([2, 3])
    dates = earlier_dates(rng, exam, n)
    fmt = rng.choice(words["date_fmts"])
    keys = VISIT_KEYS[:n]
    if style == "dates":
        heads = {"result": [fmt_date(fmt, exam)]}
        heads |= {k: [fmt_date(fmt, d)] for k, d in zip(keys, dates, strict=True)}
    elif style == "worded":
        current = rng.choice(words["current"])
        heads = {"result": [current.format(date=fmt_date(fmt, exam))]}
        first = rng.choice(words["earlier"]).format(date=fmt_date(fmt, dates[0]))
        heads |= {k: [fmt_date(fmt, d)] for k, d in zip(keys, dates, strict=True)}
        heads[keys[0]] = [first]
    else:
        heads = {"result": [words["two_line"][0], f"({fmt_date(fmt, exam)})"]}
        heads |= {
            k: [words["two_line"][i + 1], f"({fmt_date(fmt, d)})"]
            for i, (k, d) in enumerate(zip(keys, dates, strict=True))
        }
    return VisitColumns(dates, heads)
