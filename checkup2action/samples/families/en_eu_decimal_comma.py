"""Continental-European laboratory report in English with decimal commas.

Traps: values and ranges with decimal commas (``5,6``, ``3,9 - 6,1``, ``< 5,0``), European unit
spellings (``G/l``, ``T/l``, ``µmol/l``, ``U/l``), ``+``/``-`` (or ``H``/``L``, ``↑``/``↓``)
flags in their own column, the flag column placed before or after the unit, ``DD.MM.YYYY``
dates, section rules, a repeated table header on continuation pages.
"""

from __future__ import annotations

import random
from datetime import timedelta

from checkup2action.samples.draw import RED, Cell, Col, Document, Table
from checkup2action.samples.families.common import (
    created_for,
    fmt_date,
    labels,
    panel_analytes,
    patient_truth,
)
from checkup2action.samples.people import fake_digits, fake_doctor, fake_patient, pools
from checkup2action.samples.results import Lab, LabStyle

FAMILY = "en_eu_decimal_comma"
LANGUAGE = "en"
PANELS = [
    "cbc",
    "liver",
    "kidney",
    "lipid",
    "glucose",
    "thyroid",
    "electrolytes",
    "inflammation",
    "coag",
]
EU_DATE = "{d:02d}.{m:02d}.{y}"


def _style(rng: random.Random, font: str) -> LabStyle:
    options = [
        {"H": "+", "L": "-"},
        {"H": "H", "L": "L", "HH": "HH", "LL": "LL"},
        {"H": "+", "L": "-", "A": "!"},
    ]
    if font == "sans":
        options.append({"H": "↑", "L": "↓"})
    flags = rng.choice(options)
    return LabStyle(
        lang="en", name_style="en_eu", systems=("eu", "si"), region="eu", qual_lang="en",
        winansi=font != "sans", decimal_comma=True, range_sep=rng.choice([" - ", "-", " – "]),
        range_pad=rng.random() < 0.5, upper_form=rng.choice(["<", "<=", "0-"]), lower_form=">",
        flags=flags, abnormal_rate=rng.uniform(0.15, 0.3), critical_rate=0.06 if "HH" in flags else 0.0,
        lt_space=rng.random() < 0.5,
    )  # fmt: skip


def build(rng: random.Random, seed: int) -> tuple[bytes, dict]:
    lab_l = labels(FAMILY)
    pt = fake_patient(rng, "eu")
    doc = Document(FAMILY, seed, LANGUAGE, rng, created=created_for(pt.exam_date, rng))
    doc.patient = patient_truth(pt)
    font = rng.choice(["helv", "helv", "times", "sans"])
    lab = Lab(rng, _style(rng, font))
    cv = doc.cv
    margin = rng.uniform(40, 62)
    size = rng.uniform(8.6, 9.8)
    chosen = ["cbc"] + [p for p in PANELS[1:] if rng.random() < 0.6]
    groups = []
    for p in chosen:
        items = [
            (a, lab.result(a, pt.sex))
            for a in panel_analytes(p, pt.sex, drop=("BUN",), rng=rng, keep=0.9)
        ]
        groups.append((rng.choice(lab_l["sections"][p]), items))
    red = rng.random() < 0.4

    W = cv.W - 2 * margin
    order = rng.choice(
        [["name", "result", "unit", "ref", "flag"], ["name", "result", "flag", "unit", "ref"]]
    )
    frac = {"name": 0.36, "result": 0.14, "unit": 0.14, "ref": 0.24, "flag": 0.08}
    heads = dict(zip(["name", "result", "unit", "ref", "flag"], lab_l["cols"], strict=True))
    x, cols = margin, []
    for k in order:
        w = W * frac[k] / sum(frac.values())
        align = "R" if k == "result" else "C" if k == "flag" else "L"
        cols.append(
            Col(
                k,
                x + 3,
                x + w - 10 if k == "result" else x + w - 3,
                align,
                heads[k],
                wrap=k == "name",
            )
        )
        x += w
    table = Table(cv, cols, font=font, size=size, line_h=size * 1.28, pad=rng.uniform(1.5, 3.0))
    lab_name = rng.choice(pools("eu")["labs"])
    town = rng.choice(pools("eu")["towns"])
    sample_id = fake_digits(rng, 10)
    requester, validator = fake_doctor(rng, "eu"), fake_doctor(rng, "eu")
    shown = f"{pt.family}, {pt.given}"
    doc.identify(shown, sample_id, requester, validator)
    pl = lab_l["patient"]
    sex_word = lab_l["sex"][pt.sex]
    coll = f"{fmt_date(EU_DATE, pt.exam_date)} {rng.randint(7, 11):02d}:{rng.randrange(60):02d}"
    rep = fmt_date(EU_DATE, pt.exam_date + timedelta(days=rng.randint(0, 1)))
    title = rng.choice(lab_l["titles"])
    notes = [n.format(doctor=validator) for n in lab_l["notes"]]

    def footer(n: int, total: int) -> None:
        fy = cv.H - margin - 18
        cv.line(margin, fy, cv.W - margin, fy, 0.4)
        cv.text(margin, fy + 11, f"{lab_name} · {town}", font=font, size=size - 1.5)
        cv.text(cv.W - margin, fy + 11, f"Page {n}/{total}", font=font, size=size - 1, align="R")

    doc.footer = footer
    limit = cv.H - margin - 30

    def page_head() -> float:
        cv.add_page()
        y = margin
        cv.text(margin, y + 14, lab_name, font=font, size=14, bold=True)
        cv.text(margin, y + 27, town, font=font, size=size - 1)
        cv.text(cv.W - margin, y + 14, title, font=font, size=12, align="R")
        y += 40
        pairs = [(pl[0], shown), (pl[1], fmt_date(EU_DATE, pt.dob)), (pl[2], sex_word), (pl[3], sample_id),
                 (pl[4], coll), (pl[5], rep), (pl[6], requester)]  # fmt: skip
        if cv.page > 1:
            pairs = pairs[:2]
        for i, (k, v) in enumerate(pairs):
            cx = margin + (i % 2) * W / 2
            cy = y + (i // 2) * (size + 5) + size
            cv.text(cx, cy, f"{k}:", font=font, size=size, bold=True)
            cv.text(cx + 92, cy, v, font=font, size=size)
        y += ((len(pairs) + 1) // 2) * (size + 5) + 8
        cv.line(margin, y, cv.W - margin, y, 0.8)
        y += 4
        y += table.header(y, font=font)
        cv.line(margin, y, cv.W - margin, y, 0.5)
        return y + 4

    y = page_head()
    for section, items in groups:
        if y + 3 * table.line_h + 16 > limit:
            y = page_head()
        cv.text(margin + 3, y + size + 3, section, font=font, size=size + 0.5, bold=True)
        y += size + 8
        for _a, spec in items:
            styled = spec.abnormal and red
            if styled:
                spec.flag_style = "red"
            color = RED if styled else (0, 0, 0)
            cells: dict[str, Cell | str] = {"name": spec.name_raw, "result": Cell(spec.value_raw, color=color),
                                            "ref": spec.ref_text or ""}  # fmt: skip
            if spec.unit_raw:
                cells["unit"] = spec.unit_raw
            if spec.flag_printed:
                cells["flag"] = Cell(spec.flag_printed, bold=True, color=color)
            h = table.height(cells)
            if y + h > limit:
                y = page_head()
            h, boxes = table.row(y, cells)
            doc.record(spec, boxes.values(), section)
            y += h
        cv.line(margin, y + 2, cv.W - margin, y + 2, 0.3, (150, 150, 150))
        y += 8
    for note in notes:
        if y + size + 4 > limit:
            break
        cv.text(margin, y + size, note, font=font, size=size - 1)
        y += size + 4
    return doc.finish()
