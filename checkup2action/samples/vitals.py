"""Vital signs for generated check-up reports, with their truth.

Values come from their own random stream (``vitals_rng``), so adding them left every lab value
of a report as it was. Height and weight follow sex, the BMI printed is the one they give, and
a blood pressure is printed as one ``systolic/diastolic`` field, the way reports print it; the
truth lists it as the two vitals the pipeline reports (``normalize.vitals``).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from checkup2action.samples.draw import Document
from checkup2action.samples.vocab import language_words

#: UCUM unit of each vital the truth records.
UCUM = {"height": "cm", "weight": "kg", "bmi": "kg/m2", "systolic_bp": "mm[Hg]",
        "diastolic_bp": "mm[Hg]", "pulse": "/min"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class PrintedVital:
    """One printed vital field: its label, its text, and the vitals it stands for."""

    label: str
    text: str
    values: tuple[tuple[str, float], ...]  # (code, value); a blood pressure holds two


def words(language: str) -> dict[str, Any]:
    """The heading and fields a report in ``language`` prints."""
    return language_words("vitals.yaml", language)


def vitals_rng(family: str, seed: int) -> random.Random:
    """The random stream of a report's vitals, apart from its layout's."""
    return random.Random(f"checkup2action.samples.vitals:{family}:{seed}")


def fake_vitals(rng: random.Random, sex: str, language: str) -> list[PrintedVital]:
    """Height, weight, BMI, blood pressure and pulse of one patient, as a report prints them."""
    height = round(rng.gauss(171 if sex == "M" else 159, 6), 1)
    bmi_target = min(max(rng.gauss(23.5, 3.5), 16.5), 38.0)
    weight = round(bmi_target * (height / 100) ** 2, 1)
    bmi = round(weight / (height / 100) ** 2, 1)
    systolic = int(min(max(rng.gauss(126, 16), 88), 190))
    diastolic = int(min(max(systolic * rng.uniform(0.58, 0.7), 50), 120))
    pulse = int(min(max(rng.gauss(74, 10), 48), 118))
    values = {
        "height": (f"{height:.1f}", (("height", height),)),
        "weight": (f"{weight:.1f}", (("weight", weight),)),
        "bmi": (f"{bmi:.1f}", (("bmi", bmi),)),
        "blood_pressure": (f"{systolic}/{diastolic}",
                           (("systolic_bp", float(systolic)), ("diastolic_bp", float(diastolic)))),
        "pulse": (str(pulse), (("pulse", float(pulse)),)),
    }  # fmt: skip
    out = []
    for code, label, unit in words(language)["fields"]:
        text, pairs = values[code]
        out.append(PrintedVital(label, f"{text} {unit}" if unit else text, pairs))
    return out


def truth_of(vital: PrintedVital, page: int, box: tuple[float, ...]) -> list[dict[str, Any]]:
    """Ground-truth records of one printed field."""
    return [
        {"code": code, "value": value, "unit": UCUM[code], "page": page, "bbox": list(box)}
        for code, value in vital.values
    ]


def print_vitals(
    doc: Document, items: list[PrintedVital], x: float, y: float, size: float, colon: str
) -> float:
    """Print one field per line below ``y`` and record their truth; returns the y under them."""
    for item in items:
        box = doc.cv.text(x, y + size, f"{item.label}{colon}{item.text}", size=size)
        doc.vitals += truth_of(item, doc.cv.page, box)
        y += size + 8
    return y
