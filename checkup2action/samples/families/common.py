"""Small helpers shared by the layout families (dates, patient truth, analyte selection)."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from typing import Any

from checkup2action.samples.people import FakePatient
from checkup2action.samples.vocab import Analyte, load_vocab

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def labels(family: str) -> dict:
    return load_vocab().labels[family]


def fmt_date(fmt: str, d: date) -> str:
    """Format a date with ``{y} {m} {d} {mon} {roc}`` placeholders (roc: Minguo year)."""
    return fmt.format(y=d.year, m=d.month, d=d.day, mon=MONTHS[d.month - 1], roc=d.year - 1911,
                      yy=d.year % 100)  # fmt: skip


def created_for(exam: date, rng: random.Random) -> datetime:
    """Fixed PDF creation date: a day or two after the exam."""
    day = exam + timedelta(days=rng.randint(0, 2))
    return datetime(day.year, day.month, day.day, rng.randint(8, 17), rng.randrange(60),
                    tzinfo=UTC)  # fmt: skip


def print_seeded(doc: Any, pt: FakePatient, x: float, y: float, size: float, *,
                 font: str = "sans", colon: str = ": ", name: str | None = None) -> float:  # fmt: skip
    """Print the seeded identifiers (none unless identities are seeded) one per line below
    ``y``; returns the y under them. ``name``: the patient's name as the report prints it."""
    for label, value in doc.seeded_fields(name or pt.full_name, pt.dob):
        doc.cv.text(x, y + size, f"{label}{colon}{value}", font=font, size=size)
        y += size + 5
    return y


def patient_truth(p: FakePatient) -> dict:
    return {"sex": p.sex, "age": p.age, "exam_date": p.exam_date.isoformat()}


def panel_analytes(panel: str, sex: str, *, drop: tuple[str, ...] = (),
                   rng: random.Random | None = None, keep: float = 1.0) -> list[Analyte]:  # fmt: skip
    """Analytes of a panel suitable for the patient; optionally drop some at random.

    Of a group of alternatives (GLU / FPG) one is kept: at random when ``rng`` is given.
    """
    out: list[Analyte] = []
    groups: dict[str, list[Analyte]] = {}
    for a in load_vocab().by_panel(panel):
        if a.group:
            groups.setdefault(a.group, []).append(a)
    pick = {g: (rng.choice(m) if rng is not None else m[0]).code for g, m in groups.items()}
    for a in load_vocab().by_panel(panel):
        if a.code in drop or (a.sex and a.sex != sex) or (a.group and pick[a.group] != a.code):
            continue
        if rng is not None and keep < 1.0 and rng.random() > keep:
            continue
        out.append(a)
    return out


def clock(rng: random.Random) -> str:
    return f"{rng.randint(7, 17):02d}:{rng.randrange(60):02d}"
