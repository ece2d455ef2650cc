"""Chinese hospital 化验单 with a ruled grid.

Traps: ``序号/代号/项目/结果/提示/单位/参考范围`` columns, arrows or H/L in a separate 提示 column
(sometimes ↑↑/↓↓ critical), ranges ``3.5-9.5``/``3.5~9.5``/``3.5～9.5``/``<5.2``/``≤5.2``/
``0-5.2``/``阴性(-)``, sex-specific range text ``男 130-175 女 115-150`` (wrapping onto two lines
in a narrow column), bold or red abnormal values, panel sub-heading rows inside the grid.
"""

from __future__ import annotations

import random

from checkup2action.samples.draw import RED, Box, Cell, Col, Document, Table
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

FAMILY = "zh_ruled"
LANGUAGE = "zh-Hans"

PANEL_SETS = [
    ("cbc",), ("cbc", "inflammation"), ("liver", "kidney"), ("liver", "kidney", "glucose"),
    ("lipid", "glucose", "electrolytes"), ("urine",), ("tumor", "hbv"), ("thyroid", "coag"),
    ("kidney", "lipid", "glucose"),
]  # fmt: skip

LAYOUTS = [
    ("no", "name", "result", "flag", "unit", "ref"),
    ("code", "name", "result", "flag", "unit", "ref"),
    ("no", "code", "name", "result", "flag", "unit", "ref"),
    ("no", "name", "code", "result", "flag", "unit", "ref"),
]
WIDTHS = {"no": 0.06, "code": 0.11, "name": 0.27, "result": 0.11, "flag": 0.07, "unit": 0.12,
          "ref": 0.17}  # fmt: skip


def _style(rng: random.Random) -> LabStyle:
    flags = rng.choice([
        {"H": "↑", "L": "↓"},
        {"H": "↑", "L": "↓", "HH": "↑↑", "LL": "↓↓", "A": "*"},
        {"H": "H", "L": "L", "A": "*"},
        {"H": "H", "L": "L", "HH": "HH", "LL": "LL"},
    ])  # fmt: skip
    return LabStyle(
        lang="zh_hans", name_style="zh_hans", systems=("si",), region="zh", qual_lang="zh_hans",
        range_sep=rng.choice(["-", "~", "～", " - ", "--"]), range_pad=rng.random() < 0.3,
        upper_form=rng.choice(["<", "0-", "≤"]), lower_form=rng.choice([">", "≥"]),
        sex_range_fmt=rng.choice([None, "男 {M} 女 {F}", "男:{M} 女:{F}", "男 {M} 女 {F}"]),
        flags=flags, abnormal_rate=rng.uniform(0.15, 0.35),
        critical_rate=0.08 if "HH" in flags else 0.0,
    )  # fmt: skip


def build(rng: random.Random, seed: int) -> tuple[bytes, dict]:
    lab_l, com = labels(FAMILY), labels("common_zh_hans")
    pt = fake_patient(rng, "zh_hans")
    doc = Document(FAMILY, seed, LANGUAGE, rng, created=created_for(pt.exam_date, rng))
    doc.patient = patient_truth(pt)
    lab = Lab(rng, _style(rng))
    cv = doc.cv
    margin = rng.uniform(30, 52)
    size = rng.uniform(8.5, 10.0)
    font = "sans"
    date_fmt = rng.choice(com["date_fmts"][:2])
    hospital = zh_institution(rng)
    panels = list(rng.choice(PANEL_SETS))
    rows = []
    for p in panels:
        for a in panel_analytes(p, pt.sex, drop=("BUN",), rng=rng, keep=0.9):
            rows.append((p, a, lab.result(a, pt.sex, quant_serology=0.5)))
    panel_names = {p: lab.panel_name(p) for p in panels}

    # ------------------------------------------------------------------ columns
    layout = rng.choice(LAYOUTS)
    total = cv.W - 2 * margin
    ws = [WIDTHS[k] * rng.uniform(0.9, 1.1) for k in layout]
    x, cols = margin + 3, []
    for k, w in zip(layout, ws, strict=True):
        w = w / sum(ws) * total
        align = "C" if k in ("no", "flag") else "L"
        cols.append(Col(k, x, x + w - 6, align, rng.choice(lab_l["cols"][k]), wrap=k == "name"))
        x += w
    line_h = size * rng.uniform(1.25, 1.45)
    table = Table(cv, cols, font=font, size=size, line_h=line_h, pad=rng.uniform(2.0, 4.0))
    full_grid = rng.random() < 0.6
    bold_abn = rng.random() < 0.4
    red_abn = rng.random() < 0.3
    mrn_label = rng.choice(lab_l["patient"]["mrn"])
    mrn = fake_digits(rng, rng.choice([8, 10]))
    sample_no = f"{pt.exam_date:%Y%m%d}{fake_digits(rng, 4)}"
    doctor, tester, checker = (fake_doctor(rng, "zh_hans") for _ in range(3))
    doc.identify(pt.full_name, mrn, sample_no, doctor, tester, checker)
    dept = rng.choice(pools("zh_hans")["departments"])
    specimen, diagnosis = rng.choice(lab_l["specimen"]), rng.choice(lab_l["diagnosis"])
    title = rng.choice(lab_l["titles"])
    title_size = rng.uniform(14, 17)

    # With seeded identities (the de-identification bench), half the slips print the name
    # without its label, the next field's label after it, as some slips do.
    seeded = bool(doc.seeded_fields(pt.full_name, pt.dob))
    bare_name = seeded and random.Random(f"bare-name:{doc.seed}").random() < 0.5

    def page_head() -> float:
        cv.add_page()
        y = margin + 6
        cv.text(cv.W / 2, y + 14, hospital, size=title_size, bold=True, align="C")
        cv.text(cv.W / 2, y + 34, title, size=12, align="C")
        y += 48
        pl = lab_l["patient"]
        fields = [
            (pl["name"], pt.full_name), (pl["sex"], com["sex"][pt.sex]),
            (pl["age"], f"{pt.age}{com['age_suffix']}"), (mrn_label, mrn),
            (pl["dept"], dept),
            (pl["specimen"], specimen), (pl["doctor"], doctor),
            (pl["sample_no"], sample_no), (pl["diagnosis"], diagnosis),
            (pl["test"], "+".join(panel_names.values())),
        ]  # fmt: skip
        per_line = 4
        step = (cv.W - 2 * margin) / per_line
        for i, (k, v) in enumerate(fields):
            cx = margin + (i % per_line) * step
            cy = y + (i // per_line) * (size + 6) + size
            cv.text(cx, cy, v if bare_name and k == pl["name"] else f"{k}：{v}", size=size)
        y += ((len(fields) + per_line - 1) // per_line) * (size + 6) + 6
        if cv.page == 1:
            y = print_seeded(doc, pt, margin, y, size, colon="：")
        cv.line(margin, y, cv.W - margin, y, 1.0)
        return y + 4

    def hline(y: float) -> None:
        cv.line(table.left, y, table.right, y, 0.5 if full_grid else 0.3)

    fl = lab_l["footer"]
    page_fmt = rng.choice(com["page_fmt"])
    recv = pt.exam_date
    times = sorted(clock(rng) for _ in range(3))
    note = rng.choice(fl["notes"])
    words = [rng.choice(fl[k]) for k in ("collected", "received", "reported", "tester", "checker")]

    def footer(n: int, total_pages: int) -> None:
        fy = cv.H - margin - 70
        cv.line(margin, fy, cv.W - margin, fy, 0.8)
        items = [
            f"{words[0]}：{fmt_date(date_fmt, pt.exam_date)} {times[0]}",
            f"{words[1]}：{fmt_date(date_fmt, recv)} {times[1]}",
            f"{words[2]}：{fmt_date(date_fmt, recv)} {times[2]}",
        ]
        step = (cv.W - 2 * margin) / 3
        for i, s in enumerate(items):
            cv.text(margin + i * step, fy + 14, s, size=size - 0.5)
        cv.text(margin, fy + 32, f"{words[3]}：{tester}", size=size)
        cv.text(margin + step, fy + 32, f"{words[4]}：{checker}", size=size)
        cv.text(margin, fy + 50, note, size=size - 1.5, color=(90, 90, 90))
        cv.text(cv.W - margin, fy + 50, page_fmt.format(n=n, t=total_pages), size=size - 1,
                align="R")  # fmt: skip

    doc.footer = footer

    limit = cv.H - margin - 95
    y = page_head()
    top = y
    cv.line(table.left, y, table.right, y, 0.8)
    y += table.header(y, bold=True)
    hline(y)
    cur_panel = None
    for i, (p, a, spec) in enumerate(rows):
        cells: dict[str, Cell | str] = {}
        styled = spec.abnormal and (bold_abn or red_abn)
        color = RED if spec.abnormal and red_abn else (0, 0, 0)
        cells["result"] = Cell(spec.value_raw, bold=spec.abnormal and bold_abn, color=color)
        if styled:
            spec.flag_style = "red_bold" if bold_abn and red_abn else "bold" if bold_abn else "red"
        cells["no"] = str(i + 1)
        cells["code"] = a.name("abbr")[0]
        cells["name"] = spec.name_raw
        if spec.flag_printed:
            cells["flag"] = Cell(spec.flag_printed, color=color)
        if spec.unit_raw:
            cells["unit"] = spec.unit_raw
        ref = spec.ref_text or ""
        ref_col = next(c for c in cols if c.key == "ref")
        if cv.width(ref, font, size) > ref_col.x1 - ref_col.x0 and " 女" in ref:
            cells["ref"] = Cell(ref, lines=[ref.split(" 女")[0], "女" + ref.split(" 女")[1]])
        else:
            cells["ref"] = ref
        h = table.height(cells)
        heading = len(panels) > 1 and p != cur_panel
        need = h + (line_h + 6 if heading else 0)
        if y + need > limit:
            if full_grid:
                table.vlines(top, y)
            y = page_head()
            top = y
            cv.line(table.left, y, table.right, y, 0.8)
            y += table.header(y, bold=True)
            hline(y)
        if heading:
            cv.text(cols[0].x0, y + 2 + line_h * 0.5 + 0.35 * size + 2, panel_names[p], size=size,
                    bold=True)  # fmt: skip
            y += line_h + 6
            hline(y)
            cur_panel = p
        h, boxes = table.row(y, cells)
        drawn: list[Box] = [b for k, b in boxes.items() if k not in ("no", "code")] or list(
            boxes.values()
        )
        doc.record(spec, drawn, panel_names[p])
        y += h
        if full_grid or i == len(rows) - 1:
            hline(y)
    cv.line(table.left, y, table.right, y, 0.8)
    if full_grid:
        table.vlines(top, y)

    return doc.finish()
