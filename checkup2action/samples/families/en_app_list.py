"""Screenshots of an English-language hospital / patient-portal app report.

Traps: as ``zh_app_list`` (one grey card per result, range with unit on the line below behind
``Reference range:`` / ``Normal range``, value on the right with ``↑``/``↓``, ``H``/``L`` or
``High``/``Low``), in English: ``3.5 - 9.5 x10^9/L``, ``3.5 to 9.5``, ``<5.2``, ``Negative``; a
masked patient line ``Emily W***  Female  45 yrs`` with no field labels.
"""

from __future__ import annotations

import random
from datetime import timedelta

from checkup2action.samples.draw import Document
from checkup2action.samples.families.app_screens import (
    PAGE_SIZE,
    Head,
    Look,
    render,
    sample_sections,
    summary_counts,
)
from checkup2action.samples.families.common import (
    clock,
    created_for,
    fmt_date,
    labels,
    panel_analytes,
    patient_truth,
)
from checkup2action.samples.families.zh_app_list import PANEL_SETS
from checkup2action.samples.people import fake_digits, fake_patient, pools
from checkup2action.samples.results import Lab, LabStyle

FAMILY = "en_app_list"
LANGUAGE = "en"


def _style(rng: random.Random) -> LabStyle:
    flags = rng.choice([{"H": "↑", "L": "↓"}, {"H": "H", "L": "L"}, {"H": "High", "L": "Low"}])
    return LabStyle(
        lang="en", name_style=rng.choice(["en", "en", "abbr"]),
        systems=rng.choice([("si",), ("us", "si")]), region="us", qual_lang="en",
        range_sep=rng.choice([" - ", "-", " to "]), range_pad=rng.random() < 0.3,
        upper_form=rng.choice(["<", "<=", "≤"]), lower_form=rng.choice([">", ">="]), flags=flags,
        abnormal_rate=rng.uniform(0.15, 0.35),
    )  # fmt: skip


def build(rng: random.Random, seed: int) -> tuple[bytes, dict]:
    words = labels(FAMILY)
    pt = fake_patient(rng, "en")
    doc = Document(FAMILY, seed, LANGUAGE, rng, created=created_for(pt.exam_date, rng),
                   page_size=PAGE_SIZE)  # fmt: skip
    doc.patient = patient_truth(pt)
    lab = Lab(rng, _style(rng))
    look = Look.pick(rng, (": ", ": ", " "))
    panels = [(p, panel_analytes(p, pt.sex, rng=rng, keep=0.9)) for p in rng.choice(PANEL_SETS)]
    if sum(len(a) for _, a in panels) < 6:
        panels.append(("cbc", panel_analytes("cbc", pt.sex, rng=rng, keep=0.9)))
    sections = sample_sections(lab, pt.sex, panels)
    masked = f"{pt.given} {pt.family[0]}***"
    number = fake_digits(rng, 8)
    doc.identify(masked, number)
    date_fmt = rng.choice(["{y}-{m:02d}-{d:02d}", "{d:02d} {mon} {y}"])
    taken = f"{fmt_date(date_fmt, pt.exam_date)} {clock(rng)}"
    reported = (
        f"{fmt_date(date_fmt, pt.exam_date + timedelta(days=rng.randint(0, 1)))} {clock(rng)}"
    )
    n, k = summary_counts(sections)
    head = Head(
        title=rng.choice(words["titles"]), clock=clock(rng), battery=f"{rng.randint(20, 100)}%",
        patient=f"{masked}  {words['sex'][pt.sex]}  {pt.age}{words['age_suffix']}",
        fields=[
            f"{rng.choice(words['id_labels'])}: {number}",
            f"{rng.choice(words['collected'])}: {taken}",
            f"{rng.choice(words['reported'])}: {reported}",
            f"{rng.choice(pools('en')['labs'])}  {rng.choice(words['depts'])}",
        ],
        summary=words["summary"].format(n=n, k=k), note=rng.choice(words["notes"]),
        range_label=rng.choice(words["range_labels"]),
    )  # fmt: skip
    return render(doc, look, head, sections)
