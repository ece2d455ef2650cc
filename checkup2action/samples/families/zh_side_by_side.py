"""Chinese 化验单 with two borderless result tables side by side on one page.

Traps: two tables whose rows share baselines (reading order: the whole left table, then the
right one), each with its own header, row numbers continuing from left to right, an abbreviation
column (``WBC``), flags glued to the value (``5.62↑``, ``5.62 H``), three-line-table rules only.
"""

from __future__ import annotations

import random

from checkup2action.samples.draw import RED, Cell, Col, Document, Table
from checkup2action.samples.families.common import (
    clock,
    created_for,
    fmt_date,
    labels,
    panel_analytes,
    patient_truth,
    print_seeded,
)
from checkup2action.samples.people import (
    fake_digits,
    fake_doctor,
    fake_patient,
    pools,
    zh_institution,
)
from checkup2action.samples.results import Lab, LabStyle

FAMILY = "zh_side_by_side"
LANGUAGE = "zh-Hans"

PANEL_SETS = [
    ("cbc", "inflammation"), ("liver", "kidney", "lipid", "glucose"), ("cbc",),
    ("liver", "kidney", "electrolytes"), ("lipid", "glucose", "thyroid", "tumor"),
]  # fmt: skip
LAYOUTS = [
    ("no", "name", "code", "result", "unit", "ref"),
    ("no", "code", "name", "result", "unit", "ref"),
    ("no", "name", "result", "unit", "ref"),
]
WIDTHS = {"no": 0.085, "name": 0.3, "code": 0.14, "result": 0.16, "unit": 0.15, "ref": 0.18}


def _style(rng: random.Random) -> LabStyle:
    flags = rng.choice([{"H": "↑", "L": "↓"}, {"H": "H", "L": "L"}, {"H": "↑", "L": "↓", "A": "*"}])
    return LabStyle(
        lang="zh_hans", name_style="zh_hans", systems=("si",), region="zh", qual_lang="zh_hans",
        range_sep=rng.choice(["-", "~", "--", "～"]), range_pad=rng.random() < 0.4,
        upper_form=rng.choice(["<", "0-"]), lower_form=rng.choice([">", "≥"]), flags=flags,
        abnormal_rate=rng.uniform(0.15, 0.3),
    )  # fmt: skip


def build(rng: random.Random, seed: int) -> tuple[bytes, dict]:
    lab_l, com = labels(FAMILY), labels("common_zh_hans")
    pt = fake_patient(rng, "zh_hans")
    doc = Document(FAMILY, seed, LANGUAGE, rng, created=created_for(pt.exam_date, rng))
    doc.patient = patient_truth(pt)
    lab = Lab(rng, _style(rng))
    cv = doc.cv
    margin = rng.uniform(24, 40)
    gutter = rng.uniform(14, 26)
    size = rng.uniform(7.6, 8.8)
    panels = rng.choice(PANEL_SETS)
    rows = [(lab.panel_name(p) if len(panels) == 1 else None, a, lab.result(a, pt.sex))
            for p in panels for a in panel_analytes(p, pt.sex, drop=("BUN",), rng=rng, keep=0.92)]  # fmt: skip
    title_test = "+".join(lab.panel_name(p) for p in panels)
    if len(panels) == 1:
        rows = [(title_test, a, s) for _, a, s in rows]
    glue = rng.choice(["", " ", "  "])
    red = rng.random() < 0.35

    # ------------------------------------------------------------------ header
    cv.add_page()
    hospital = zh_institution(rng)
    y = margin + 4
    cv.text(cv.W / 2, y + 14, hospital, size=rng.uniform(14, 16), bold=True, align="C")
    cv.text(cv.W / 2, y + 32, rng.choice(lab_l["titles"]), size=11.5, align="C")
    y += 44
    pl = lab_l["patient"]
    mrn, barcode = fake_digits(rng, 9), fake_digits(rng, 12)
    doctor, tester, checker = (fake_doctor(rng, "zh_hans") for _ in range(3))
    doc.identify(pt.full_name, mrn, barcode, doctor, tester, checker)
    date_fmt = rng.choice(com["date_fmts"][:2])
    fields = [
        (pl["name"], pt.full_name), (pl["sex"], com["sex"][pt.sex]),
        (pl["age"], f"{pt.age}{com['age_suffix']}"), (rng.choice(pl["mrn"]), mrn),
        (pl["dept"], rng.choice(pools("zh_hans")["departments"])),
        (pl["specimen"], rng.choice(lab_l["specimen"])), (pl["doctor"], doctor),
        (pl["sample_no"], barcode),
    ]  # fmt: skip
    step = (cv.W - 2 * margin) / 4
    for i, (k, v) in enumerate(fields):
        cv.text(
            margin + (i % 4) * step, y + (i // 4) * (size + 7) + size, f"{k}：{v}", size=size + 0.5
        )
    y += 2 * (size + 7) + 2
    y = print_seeded(doc, pt, margin, y, size + 0.5, colon="：")
    cv.text(margin, y + size, f"检验项目：{title_test}", size=size + 0.5)
    y += size + 8
    cv.line(margin, y, cv.W - margin, y, 1.0)
    y += 6

    # ------------------------------------------------------------------ two tables
    layout = rng.choice(LAYOUTS)
    half = (cv.W - 2 * margin - gutter) / 2
    heads = {k: rng.choice(lab_l["cols"][k]) for k in layout}
    ws = [WIDTHS[k] * rng.uniform(0.92, 1.08) for k in layout]
    line_h = size * rng.uniform(1.45, 1.75)

    def make_table(x_left: float) -> Table:
        x, cols = x_left + 3, []
        for k, w in zip(layout, ws, strict=True):
            w = w / sum(ws) * half
            cols.append(Col(k, x, x + w - 4, "L", heads[k], wrap=k == "name"))
            x += w
        return Table(cv, cols, font="sans", size=size, line_h=line_h, pad=0.8)

    left, right = make_table(margin), make_table(margin + half + gutter)
    split = (len(rows) + 1) // 2
    y_top = y
    bottom = y
    for t, chunk, start in ((left, rows[:split], 0), (right, rows[split:], split)):
        yy = y_top
        cv.line(t.left, yy, t.right, yy, 0.8)
        yy += t.header(yy, bold=True) + 1
        cv.line(t.left, yy, t.right, yy, 0.5)
        yy += 2
        for i, (panel, a, spec) in enumerate(chunk):
            text = spec.value_raw + (glue + spec.flag_printed if spec.flag_printed else "")
            color = RED if spec.abnormal and red else (0, 0, 0)
            if spec.abnormal and red:
                spec.flag_style = "red"
            cells: dict[str, Cell | str] = {
                "no": str(start + i + 1), "name": spec.name_raw, "code": a.name("abbr")[0],
                "result": Cell(text, color=color), "ref": spec.ref_text or "",
            }  # fmt: skip
            if spec.unit_raw:
                cells["unit"] = spec.unit_raw
            h, boxes = t.row(yy, cells)
            doc.record(spec, [b for k, b in boxes.items() if k not in ("no", "code")], panel)
            yy += h
        bottom = max(bottom, yy)
    for t in (left, right):
        cv.line(t.left, bottom + 2, t.right, bottom + 2, 0.8)

    # ------------------------------------------------------------------ footer
    fl = lab_l["footer"]
    y = max(bottom + 24, cv.H - margin - 80)
    day = fmt_date(date_fmt, pt.exam_date)
    t0, t1 = sorted(clock(rng) for _ in range(2))
    cv.text(margin, y, f"{pl['collected']}：{day} {t0}", size=size)
    cv.text(margin + step * 2, y, f"{pl['reported']}：{day} {t1}", size=size)
    cv.text(margin, y + 16, f"{rng.choice(fl['tester'])}：{tester}", size=size)
    cv.text(margin + step * 2, y + 16, f"{rng.choice(fl['checker'])}：{checker}", size=size)
    cv.text(margin, y + 34, rng.choice(fl["notes"]), size=size - 1, color=(90, 90, 90))
    cv.text(cv.W - margin, y + 34, rng.choice(com["page_fmt"]).format(n=1, t=1), size=size - 1,
            align="R")  # fmt: skip
    return doc.finish()
