"""Screenshots of a Chinese hospital app / mini-program report (simplified or traditional).

Traps: one result per grey card, no table header; the value (red, ``↑``/``↓`` or ``H``/``L``,
sometimes with its unit) on the right of the name; the range with its unit on a smaller line below
behind a label (``参考区间：3.5~9.5 10^9/L``, the label glued to the range or not); names
``白细胞计数 WBC`` / ``白血球數目WBC``; qualitative cards (``阴性(-)``); a masked patient line
``张**  男  45岁`` with no field labels; narrow phone-shaped pages, a card never split between
screens, a section continued on the next screen without its heading.
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
from checkup2action.samples.people import FakePatient, fake_digits, fake_patient, zh_institution
from checkup2action.samples.results import Lab, LabStyle

FAMILY = "zh_app_list"
PANEL_SETS = [
    ("cbc",), ("cbc", "inflammation"), ("liver", "kidney"), ("liver", "kidney", "lipid", "glucose"),
    ("lipid", "glucose"), ("urine",), ("hbv", "liver"), ("thyroid", "tumor"), ("electrolytes", "kidney"),
    ("coag", "cbc"),
]  # fmt: skip


def _style(rng: random.Random, variant: str) -> LabStyle:
    hant = variant == "zh_hant"
    flags = rng.choice([{"H": "↑", "L": "↓"}, {"H": "↑", "L": "↓"}, {"H": "H", "L": "L"}])
    return LabStyle(
        lang=variant, name_style=rng.choice(["bilingual_hant"] if hant else ["zh_hans", "bilingual_hans"]),
        systems=("us", "si") if hant and rng.random() < 0.6 else ("si",), region="zh", qual_lang=variant,
        range_sep=rng.choice(["~", " ~ ", "-", "～", " - "]), range_pad=rng.random() < 0.3,
        upper_form=rng.choice(["<", "≤", "0-"]), lower_form=rng.choice([">", "≥"]), flags=flags,
        abnormal_rate=rng.uniform(0.15, 0.35),
        bilingual_fmt=rng.choice(["{zh}{abbr}", "{zh} {abbr}"] if hant else
                                 ["{zh} {abbr}", "{zh}({abbr})", "{zh}（{abbr}）"]),
    )  # fmt: skip


def masked_name(rng: random.Random, pt: FakePatient) -> str:
    """``张**`` or ``张*明``: apps never show the full name."""
    if len(pt.given) >= 2 and rng.random() < 0.4:
        return f"{pt.family}*{pt.given[-1]}"
    return pt.family + "*" * len(pt.given)


def build(rng: random.Random, seed: int) -> tuple[bytes, dict]:
    variant = rng.choice(["zh_hans", "zh_hans", "zh_hant"])
    words = labels(FAMILY)[variant]
    com = labels(f"common_{variant}")
    pt = fake_patient(rng, variant)
    language = "zh-Hant" if variant == "zh_hant" else "zh-Hans"
    doc = Document(FAMILY, seed, language, rng, created=created_for(pt.exam_date, rng),
                   page_size=PAGE_SIZE)  # fmt: skip
    doc.patient = patient_truth(pt)
    lab = Lab(rng, _style(rng, variant))
    look = Look.pick(rng, ("：", "：", ": ", " "))
    panels = [(p, panel_analytes(p, pt.sex, rng=rng, keep=0.9)) for p in rng.choice(PANEL_SETS)]
    if sum(len(a) for _, a in panels) < 6:
        panels.append(("cbc", panel_analytes("cbc", pt.sex, rng=rng, keep=0.9)))
    sections = sample_sections(lab, pt.sex, panels)
    masked = masked_name(rng, pt)
    number = fake_digits(rng, rng.choice([8, 10]))
    doc.identify(masked, number)
    date_fmt = rng.choice(com["date_fmts"][:2])
    taken = f"{fmt_date(date_fmt, pt.exam_date)} {clock(rng)}"
    reported = (
        f"{fmt_date(date_fmt, pt.exam_date + timedelta(days=rng.randint(0, 1)))} {clock(rng)}"
    )
    n, k = summary_counts(sections)
    head = Head(
        title=rng.choice(words["titles"]), clock=clock(rng), battery=f"{rng.randint(20, 100)}%",
        patient=f"{masked}  {com['sex'][pt.sex]}  {pt.age}{words['age_suffix']}",
        fields=[
            f"{rng.choice(words['id_labels'])}：{number}",
            f"{rng.choice(words['collected'])}：{taken}",
            f"{rng.choice(words['reported'])}：{reported}",
            f"{zh_institution(rng, 'hospitals', variant)}  {rng.choice(words['depts'])}",
        ],
        summary=words["summary"].format(n=n, k=k), note=rng.choice(words["notes"]),
        range_label=rng.choice(words["range_labels"]),
    )  # fmt: skip
    return render(doc, look, head, sections)
