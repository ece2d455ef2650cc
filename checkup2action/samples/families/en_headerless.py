"""Borderless English results list with no header row at all.

Traps: columns (name, value, unit, range, flag) only implied by consistent x positions, panel
headings in bold caps, thousands separators (``250,000 /cumm``), detection limits (``<0.5``,
``>1000``), ``H/L/HH/LL/A`` or arrow flags in a trailing column, red+bold values with arrows,
a legend line and a ``Page n of N`` footer.
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
from checkup2action.samples.vitals import fake_vitals, truth_of, vitals_rng

FAMILY = "en_headerless"
LANGUAGE = "en"
PANELS = ["cbc", "liver", "kidney", "lipid", "glucose", "electrolytes", "thyroid", "inflammation",
          "hbv", "coag", "urine"]  # fmt: skip


def _style(rng: random.Random, font: str) -> LabStyle:
    options = [
        {"H": "H", "L": "L", "HH": "HH", "LL": "LL", "A": "A"},
        {"H": "HIGH", "L": "LOW", "A": "ABN"},
        {"H": "H", "L": "L", "A": "*"},
    ]
    if font == "sans":
        options.append({"H": "↑", "L": "↓", "HH": "↑↑", "LL": "↓↓", "A": "*"})
    flags = rng.choice(options)
    return LabStyle(
        lang="en", name_style=rng.choice(["en", "en", "abbr"]),
        systems=rng.choice([("in", "us", "si"), ("us", "si"), ("si",)]), region=rng.choice(["us", "in"]),
        qual_lang="en", winansi=font != "sans", thousands=True, range_sep=rng.choice([" - ", "-", " to "]),
        range_pad=rng.random() < 0.5, upper_form=rng.choice(["<", "<=", "0-"]), lower_form=rng.choice([">", ">="]),
        flags=flags, abnormal_rate=rng.uniform(0.18, 0.32), critical_rate=0.07 if "HH" in flags else 0.0,
        lod_rate=0.5, lt_space=rng.random() < 0.25,
    )  # fmt: skip


def build(rng: random.Random, seed: int) -> tuple[bytes, dict]:
    lab_l = labels(FAMILY)
    pt = fake_patient(rng, "en")
    doc = Document(FAMILY, seed, LANGUAGE, rng, created=created_for(pt.exam_date, rng))
    doc.patient = patient_truth(pt)
    font = rng.choice(["helv", "times", "sans", "sans"])
    lab = Lab(rng, _style(rng, font))
    arrows = lab.style.flags.get("H") == "↑"
    cv = doc.cv
    margin = rng.uniform(34, 60)
    size = rng.uniform(8.8, 10.4)
    chosen = ["cbc"] + [p for p in PANELS[1:] if rng.random() < 0.45]
    if "hbv" not in chosen and rng.random() < 0.5:
        chosen.append("hbv")
    groups = []
    for p in chosen:
        items = [
            (a, lab.result(a, pt.sex, quant_serology=1.0))
            for a in panel_analytes(p, pt.sex, rng=rng, keep=0.85)
        ]
        groups.append((rng.choice(lab_l["headings"][p]), items))

    # column positions follow the content widths (no header row shows where columns are)
    W = cv.W - 2 * margin
    specs = [spec for _, items in groups for _, spec in items]

    def widest(texts) -> float:
        return max([cv.width(t, font, size, bold=True) for t in texts if t] or [10.0])

    w_val = widest(s.value_raw for s in specs)
    w_unit = widest(s.unit_raw for s in specs)
    w_ref = widest(s.ref_text for s in specs)
    w_flag = widest(s.flag_printed for s in specs)
    gaps = [rng.uniform(12, 26) for _ in range(3)]
    rest = w_val + w_unit + w_ref + w_flag + sum(gaps)
    name_w = min(W * rng.uniform(0.34, 0.42), W - rest - 12)
    x_val = margin + name_w + 12
    x_unit = x_val + w_val + gaps[0]
    x_ref = x_unit + w_unit + gaps[1]
    x_flag = x_ref + w_ref + gaps[2]
    val_align = rng.choice(["R", "L"])
    cols = [
        Col("name", margin, margin + name_w, "L", wrap=True),
        Col("result", x_val, x_val + w_val, val_align),
        Col("unit", x_unit, x_unit + w_unit),
        Col("ref", x_ref, x_ref + w_ref),
        Col("flag", x_flag, x_flag + w_flag),
    ]
    table = Table(
        cv,
        cols,
        font=font,
        size=size,
        line_h=size * rng.uniform(1.2, 1.35),
        pad=rng.uniform(1.5, 3.0),
    )
    mrn = fake_digits(rng, 8)
    physician = fake_doctor(rng, "en")
    doc.identify(pt.full_name, mrn, physician)
    clinic = rng.choice(pools("en")["labs"])
    title = rng.choice(lab_l["titles"])
    pl = lab_l["patient"]
    dob_fmt = rng.choice(["{y}-{m:02d}-{d:02d}", "{m:02d}/{d:02d}/{y}"])
    info = [
        f"{pl[0]}: {pt.full_name}", f"{pl[1]}: {fmt_date(dob_fmt, pt.dob)}", f"{pl[2]}: {pt.sex}",
        f"{pl[3]}: {pt.age} Y", f"{pl[4]}: {mrn}", f"{pl[5]}: {fmt_date('{m:02d}/{d:02d}/{y}', pt.exam_date)}",
        f"{pl[6]}: {physician}",
        *(f"{k}: {v}" for k, v in doc.seeded_fields(pt.full_name, pt.dob)),
    ]  # fmt: skip
    vitals = {
        f"{v.label}: {v.text}": v for v in fake_vitals(vitals_rng(FAMILY, seed), pt.sex, LANGUAGE)
    }
    info += list(vitals)
    legend = rng.choice(lab_l["legend"])
    reported = fmt_date("{m:02d}/{d:02d}/{y}", pt.exam_date + timedelta(days=1))

    def footer(n: int, total: int) -> None:
        fy = cv.H - margin - 20
        cv.line(margin, fy, cv.W - margin, fy, 0.4)
        cv.text(margin, fy + 12, f"{clinic}  |  Reported {reported}", font=font, size=size - 1.5)
        cv.text(cv.W - margin, fy + 12, f"Page {n} of {total}", font=font, size=size - 1, align="R")

    doc.footer = footer
    limit = cv.H - margin - 34

    def page_head() -> float:
        cv.add_page()
        y = margin
        cv.text(margin, y + 14, clinic, font=font, size=14, bold=True)
        cv.text(cv.W - margin, y + 14, title, font=font, size=11, align="R")
        y += 26
        x, line = margin, 0
        for s in info if cv.page == 1 else info[:2]:
            w = cv.width(s, font, size)
            if x + w > cv.W - margin:
                x, line = margin, line + 1
            box = cv.text(x, y + size + line * (size + 4), s, font=font, size=size)
            if s in vitals:
                doc.vitals += truth_of(vitals[s], cv.page, box)
            x += w + 16
        y += (line + 1) * (size + 4) + 6
        cv.line(margin, y, cv.W - margin, y, 1.0)
        return y + 8

    y = page_head()
    for heading, items in groups:
        if y + 3 * table.line_h + 18 > limit:
            y = page_head()
        cv.text(margin, y + size + 4, heading, font=font, size=size + 0.5, bold=True)
        y += size + 10
        for _a, spec in items:
            styled = arrows and spec.abnormal
            if styled:
                spec.flag_style = "red_bold"
            cells: dict[str, Cell | str] = {
                "name": spec.name_raw,
                "result": Cell(spec.value_raw, bold=styled, color=RED if styled else (0, 0, 0)),
                "ref": spec.ref_text or "",
            }
            if spec.unit_raw:
                cells["unit"] = spec.unit_raw
            if spec.flag_printed:
                cells["flag"] = Cell(
                    spec.flag_printed, bold=True, color=RED if styled else (0, 0, 0)
                )
            h = table.height(cells)
            if y + h > limit:
                y = page_head()
            h, boxes = table.row(y, cells)
            doc.record(spec, boxes.values(), heading)
            y += h
        y += size * 0.8
    if y + 20 < limit:
        cv.text(margin, y + size, legend, font=font, size=size - 1.5)
    return doc.finish()
