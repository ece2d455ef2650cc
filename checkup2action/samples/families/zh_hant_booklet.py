"""Traditional Chinese health-check booklet (健康檢查報告).

Traps: ``檢查項目/本次結果/上次結果/單位/參考值`` with a previous-result column (its date only in
the header), abnormal values shown ONLY in red and/or bold (no printed flag), bilingual names
(``白血球數目WBC``, ``白血球 WBC``, ``白血球(WBC)``), conventional units (mg/dL), zebra shading,
section bars with Chinese + English panel names, ROC (民國) dates, repeated header per page.
Some booklets are printed out of register: unit and reference columns sit about half a row below
(or above) their values, with no row rules to tell them apart.
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
from checkup2action.samples.people import fake_digits, fake_doctor, fake_patient, zh_institution
from checkup2action.samples.results import Lab, LabStyle

FAMILY = "zh_hant_booklet"
LANGUAGE = "zh-Hant"
PANELS = ["cbc", "liver", "kidney", "lipid", "glucose", "thyroid", "hbv", "tumor", "urine"]


def _style(rng: random.Random) -> LabStyle:
    return LabStyle(
        lang="zh_hant", name_style="bilingual_hant", systems=("us", "si"), region="zh",
        qual_lang="zh_hant", range_sep=rng.choice(["-", "~", " - "]), range_pad=rng.random() < 0.5,
        upper_form=rng.choice(["<", "≤"]), lower_form=rng.choice([">", "≥"]), flags={},
        abnormal_rate=rng.uniform(0.18, 0.32),
        bilingual_fmt=rng.choice(["{zh}{abbr}", "{zh} {abbr}", "{zh}({abbr})", "{zh}（{abbr}）"]),
    )  # fmt: skip


def build(rng: random.Random, seed: int) -> tuple[bytes, dict]:
    lab_l, com = labels(FAMILY), labels("common_zh_hant")
    pt = fake_patient(rng, "zh_hant")
    doc = Document(FAMILY, seed, LANGUAGE, rng, created=created_for(pt.exam_date, rng))
    doc.patient = patient_truth(pt)
    lab = Lab(rng, _style(rng))
    cv = doc.cv
    margin = rng.uniform(32, 50)
    size = rng.uniform(8.6, 9.8)
    date_fmt = rng.choice(com["date_fmts"])
    style = rng.choice(["red", "red", "bold", "red_bold"])
    zebra = rng.random() < 0.5
    chosen = [
        p
        for p in PANELS
        if p in ("cbc", "liver", "kidney", "lipid", "glucose") or rng.random() < 0.5
    ]
    sections = []
    for p in chosen:
        items = [
            (a, lab.result(a, pt.sex, quant_serology=0.3))
            for a in panel_analytes(p, pt.sex, drop=("UREA",), rng=rng, keep=0.9)
        ]
        sections.append((f"{lab.panel_name(p)} {lab_l['panel_en'][p]}", items))
    prev_date = pt.exam_date - timedelta(days=rng.randint(300, 800))
    has_prev = rng.random() < 0.8

    clinic = zh_institution(rng, "hospitals", "zh_hant")
    mrn = fake_digits(rng, 9)
    doctor = fake_doctor(rng, "zh_hant")
    doc.identify(pt.full_name, mrn, doctor)
    pl = lab_l["patient"]
    mrn_label, date_label = rng.choice(pl["mrn"]), rng.choice(pl["date"])
    title = rng.choice(lab_l["titles"])

    # Drawn from its own generator so documents without the offset stay byte-identical.
    offset_rng = random.Random(f"{FAMILY}:{seed}:register")
    register = offset_rng.choice([0.45, -0.45]) if offset_rng.random() < 0.3 else 0.0

    W = cv.W - 2 * margin
    keys = ["name", "result", "prev", "unit", "ref"]
    fr = [0.34, 0.15, 0.15, 0.14, 0.22]
    fr = [f * rng.uniform(0.93, 1.07) for f in fr]
    xs = [margin + W * sum(fr[:i]) / sum(fr) for i in range(6)]
    heads = {k: rng.choice(lab_l["cols"][k]) for k in keys}
    cols = [Col(k, xs[i] + 4, xs[i + 1] - 4, "L" if k == "name" else "C", heads[k], wrap=k == "name")
            for i, k in enumerate(keys)]  # fmt: skip
    table = Table(cv, cols, font="sans", size=size, line_h=size * 1.3, pad=rng.uniform(2.5, 4.0))
    head_cells = {c.key: Cell(c.header, bold=True) for c in cols}
    if has_prev:
        head_cells["prev"] = Cell(
            "", bold=True, lines=[heads["prev"], f"({fmt_date('{y}/{m:02d}/{d:02d}', prev_date)})"]
        )
    limit = cv.H - margin - 50

    legend = lab_l["legend"][1] if style == "bold" else rng.choice(lab_l["legend"][::2])
    fl = lab_l["footer"]
    doctor_label, addr = rng.choice(fl["doctor"]), rng.choice(fl["addr"]).format(city=clinic[:2])
    page_fmt = rng.choice(com["page_fmt"])

    def footer(n: int, total: int) -> None:
        fy = cv.H - margin - 36
        cv.line(margin, fy, cv.W - margin, fy, 0.6)
        cv.text(margin, fy + 12, legend, size=size - 1, color=RED if style != "bold" else (0, 0, 0))
        cv.text(cv.W - margin, fy + 12, f"{doctor_label}：{doctor}", size=size - 0.5, align="R")
        cv.text(margin, fy + 26, addr, size=size - 1.5, color=(100, 100, 100))
        cv.text(cv.W - margin, fy + 26, page_fmt.format(n=n, t=total), size=size - 1, align="R")

    doc.footer = footer

    def page_head() -> float:
        cv.add_page()
        y = margin
        cv.rect(margin, y, W, 30, fill=(226, 236, 246), stroke=None)
        cv.text(margin + 8, y + 20, clinic, size=13, bold=True)
        cv.text(cv.W - margin - 8, y + 20, title, size=13, bold=True, align="R")
        y += 40
        info = [
            f"{pl['name']}：{pt.full_name}", f"{pl['sex']}：{com['sex'][pt.sex]}",
            f"{pl['age']}：{pt.age}{com['age_suffix']}", f"{mrn_label}：{mrn}",
            f"{date_label}：{fmt_date(date_fmt, pt.exam_date)}",
        ]  # fmt: skip
        x = margin
        for s in info:
            cv.text(x, y + size, s, size=size)
            x += cv.width(s, "sans", size) + 18
        y += size + 10
        h = table.height(head_cells)
        cv.rect(margin, y, W, h, fill=(60, 90, 130), stroke=None)
        table.row(
            y,
            {
                k: Cell(c.text, bold=True, color=(255, 255, 255), lines=c.lines)
                for k, c in head_cells.items()
            },
        )
        return y + h + 2

    y = page_head()
    for heading, items in sections:
        if y + 3 * table.line_h + 20 > limit:
            y = page_head()
        cv.rect(margin, y, W, size + 8, fill=(236, 236, 236), stroke=None)
        cv.text(margin + 6, y + size + 2.5, heading, size=size + 0.5, bold=True)
        y += size + 10
        for i, (a, spec) in enumerate(items):
            if has_prev and spec.value is not None and rng.random() < 0.85:
                lab.previous(spec, a, pt.sex, prev_date)
            styled = spec.abnormal
            bold = styled and style in ("bold", "red_bold")
            color = RED if styled and style in ("red", "red_bold") else (0, 0, 0)
            if styled:
                spec.flag_style = style
            cells: dict[str, Cell | str] = {"name": spec.name_raw,
                                            "result": Cell(spec.value_raw, bold=bold, color=color)}  # fmt: skip
            if spec.previous_value_raw:
                cells["prev"] = spec.previous_value_raw
            elif has_prev:
                cells["prev"] = "-"
            if spec.unit_raw:
                cells["unit"] = Cell(spec.unit_raw, dy=register * table.line_h)
            cells["ref"] = Cell(spec.ref_text or "", dy=register * table.line_h)
            h = table.height(cells)
            if y + h > limit:
                y = page_head()
            if zebra and i % 2 and not register:
                cv.rect(margin, y, W, h, fill=(246, 246, 246), stroke=None)
            h, boxes = table.row(y, cells)
            doc.record(
                spec,
                [b for k, b in boxes.items() if k != "prev" or spec.previous_value_raw],
                heading,
            )
            y += h
            if not register:
                cv.line(margin, y, cv.W - margin, y, 0.2, (200, 200, 200))
        y += 6
    return doc.finish()
