"""US reference-lab report (LabCorp/Quest-like).

Traps: ``Test / Current Result and Flag / Previous Result and Date / Units / Reference Interval``
(wrapped header cells), ``High``/``Low``/``H``/``L``/critical flags beside the value, previous
results with their date (``5.1 03/12/2025``), lab site codes after names (``WBC 01``,
``HDL Cholesterol A, 01``), interpretive sub-tables that look like rows (``Low <1.00``,
``Moderate 1000 - 1299``), comments, footnotes, and a table continued over pages with a
repeated header and a running patient line. About 3 reports in 10 print a result column per
visit instead (``Test | 03/12/2025 | 03/08/2024 | ... | Units``, ``Result | Previous 03/08/2024``).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from checkup2action.samples.draw import GREY, Box, Canvas, Cell, Col, Document, Table
from checkup2action.samples.families.common import (
    created_for,
    fmt_date,
    labels,
    patient_truth,
    print_seeded,
)
from checkup2action.samples.families.visits import VisitColumns, plan_visits, visit_rng
from checkup2action.samples.people import fake_digits, fake_doctor, fake_patient, pools
from checkup2action.samples.results import Lab, LabStyle
from checkup2action.samples.vocab import load_vocab

FAMILY = "en_us_lab"
LANGUAGE = "en"
NOTES = {"HBA1C": "a1c", "CRP": "crp", "LDL_C": "ldl", "TSH": "tsh", "CREA": "egfr"}
#: Share of reports printing one result column per visit (current and two or three earlier).
VISITS_RATE = 0.3
NAME_MIN_FR = 0.2  # of the table width


def _style(rng: random.Random, winansi: bool) -> LabStyle:
    flags = rng.choice([
        {"H": "High", "L": "Low", "A": "Abnormal"},
        {"H": "H", "L": "L", "HH": "HH", "LL": "LL", "A": "A"},
        {"H": "High", "L": "Low", "HH": "Critical High", "LL": "Critical Low", "A": "Abnormal"},
    ])  # fmt: skip
    return LabStyle(
        lang="en", name_style="en", systems=("us", "si"), region="us", qual_lang="en",
        winansi=winansi, range_sep=rng.choice(["-", " - "]), range_pad=rng.random() < 0.7,
        upper_form=rng.choice(["0-", "<"]),
        lower_form=">", flags=flags, abnormal_rate=rng.uniform(0.15, 0.3),
        critical_rate=0.06 if "HH" in flags else 0.0, lt_space=rng.random() < 0.3,
    )  # fmt: skip


def build(rng: random.Random, seed: int) -> tuple[bytes, dict]:
    lab_l = labels(FAMILY)
    pt = fake_patient(rng, "en")
    doc = Document(FAMILY, seed, LANGUAGE, rng, created=created_for(pt.exam_date, rng))
    doc.patient = patient_truth(pt)
    font = "helv" if rng.random() < 0.7 else "sans"
    lab = Lab(rng, _style(rng, winansi=font == "helv"))
    vocab = load_vocab()
    cv = doc.cv
    margin = rng.uniform(28, 44)
    size = rng.uniform(8.0, 9.8)
    us_date = "{m:02d}/{d:02d}/{y}"

    # ------------------------------------------------------------------ content
    chosen = ["cbc", "cmp", "lipid", "a1c"]
    chosen += [k for k in ("tsh", "crp", "ua") if rng.random() < 0.5]
    if pt.sex == "M" and rng.random() < 0.6:
        chosen.append("psa")
    panels = []
    for key in chosen:
        codes = [c for c in lab_l["panel_codes"][key] if rng.random() < 0.93 or key != "cbc"]
        items = []
        for code in codes:
            a = vocab.analytes[code]
            items.append((a, lab.result(a, pt.sex)))
        panels.append((rng.choice(lab_l["panels"][key]), items))
    has_prev = rng.random() < 0.65
    prev_date = pt.exam_date - timedelta(days=rng.randint(120, 720))
    sites = rng.sample(["01", "02", "03", "04"], 2)
    footnote_a = False
    visits = _visits(visit_rng(FAMILY, seed), pt.exam_date, lab_l["visits"])

    # ------------------------------------------------------------------ layout
    W = cv.W - 2 * margin
    pad = rng.uniform(1.2, 2.6)
    flag_dx = rng.uniform(34, 44)
    date_dx = rng.uniform(30, 38)
    if visits is None:
        fr = [0.31, 0.2, 0.19, 0.1, 0.2]
        xs = [margin + 3 + W * sum(fr[:i]) for i in range(5)]
        keys = ["name", "result", "prev", "unit", "ref"]
        header_words = lab_l["cols"]
        cols = [Col(k, xs[i], (xs[i + 1] if i < 4 else cv.W - margin) - 8, "L", header_words[i], wrap=True)
                for i, k in enumerate(keys)]  # fmt: skip
    else:
        specs = [spec for _, items in panels for _, spec in items]
        cols = _visit_cols(cv, visits, lab_l["cols"], specs, (font, size), margin, flag_dx)
        for _, items in panels:
            for a, spec in items:
                lab.history(spec, a, pt.sex, visits.dates, present=0.85)
    table = Table(cv, cols, font=font, size=size, line_h=size * 1.25, pad=pad)
    lab_name = rng.choice(pools("en")["labs"])
    street, town = rng.choice(pools("en")["streets"]), rng.choice(pools("en")["towns"])
    name_caps = f"{pt.family.upper()}, {pt.given.upper()}"
    pid, spec_id = (
        fake_digits(rng, 8),
        f"{fake_digits(rng, 3)}-{fake_digits(rng, 3)}-{fake_digits(rng, 4)}-0",
    )
    control = fake_digits(rng, 11)
    doctor, director = fake_doctor(rng, "en"), fake_doctor(rng, "en")
    npi = fake_digits(rng, 10)
    doc.identify(name_caps, pid, spec_id, control, doctor, director, npi)
    dob = fmt_date(us_date, pt.dob)
    title = rng.choice(lab_l["title"])
    limit = cv.H - margin - 70

    issued = f"{rng.choice(lab_l['issued'])}: {fmt_date('{m:02d}/{d:02d}/{yy:02d}', pt.exam_date + timedelta(days=1))} {rng.randint(8, 17):02d}{rng.randrange(60):02d} ET"
    disclaimer = rng.sample(lab_l["disclaimer"], 2)
    final = rng.choice(lab_l["final"])

    def footer(n: int, total: int) -> None:
        fy = cv.H - margin - 52
        cv.line(margin, fy, cv.W - margin, fy, 0.8)
        cv.text(margin, fy + 12, issued, font=font, size=size - 0.5)
        cv.text(cv.W / 2, fy + 12, final, font=font, size=size, bold=True, align="C")
        cv.text(
            cv.W - margin, fy + 12, f"Page {n} of {total}", font=font, size=size - 0.5, align="R"
        )
        for j, ln in enumerate(disclaimer):
            cv.text(margin, fy + 26 + j * (size + 2), ln, font=font, size=size - 1.5, color=GREY)

    doc.footer = footer

    def running_head() -> float:
        cv.add_page()
        y = margin
        cv.text(margin, y + 12, lab_name, font=font, size=12, bold=True)
        cv.text(cv.W - margin, y + 12, title, font=font, size=12, bold=True, align="R")
        y += 20
        if cv.page > 1:
            cv.text(
                margin,
                y + 10,
                f"{name_caps}    DOB: {dob}    Patient ID: {pid}",
                font=font,
                size=size,
            )
            return y + 18
        cv.rect(margin, y, W, 92, stroke=GREY, width=0.6)
        third = W / 3
        blocks = [
            [name_caps, f"DOB: {dob}", f"Age(y/m/d): {pt.age:03d}/{rng.randrange(12):02d}/{rng.randrange(28):02d}",
             f"Gender: {pt.sex}", f"Patient ID: {pid}"],
            [f"Specimen ID: {spec_id}", f"Control ID: {control}",
             f"Date collected: {fmt_date(us_date, pt.exam_date)} {rng.randint(6, 11):02d}{rng.randrange(60):02d} Local",
             f"Date received: {fmt_date(us_date, pt.exam_date)}",
             f"Date reported: {fmt_date(us_date, pt.exam_date + timedelta(days=1))}"],
            [f"Ordering: {doctor}", f"NPI: {npi}", f"Phone: (000) 000-{fake_digits(rng, 4)}"],
        ]  # fmt: skip
        for i, lines in enumerate(blocks):
            bx = margin + 6 + i * third
            cv.text(
                bx, y + 11, lab_l["details"][i], font=font, size=size - 0.5, bold=True, color=GREY
            )
            for j, s in enumerate(lines):
                cv.text(
                    bx, y + 24 + j * (size + 3), s, font=font, size=size, bold=(i == 0 and j == 0)
                )
        y = print_seeded(doc, pt, margin, y + 96, size, font=font, name=name_caps) + 4
        ordered = "; ".join(p for p, _ in panels)
        for ln in cv.wrap(f"{lab_l['ordered']} {ordered}", W, font, size):
            cv.text(margin, y + 9, ln, font=font, size=size)
            y += size + 3
        return y + 6

    def table_head(y: float) -> float:
        h = table.height({c.key: Cell(c.header, bold=True) for c in cols})
        cv.rect(margin, y, W, h, fill=(225, 225, 225), stroke=None)
        return y + table.header(y, font=font) + 2

    y = table_head(running_head())
    for panel, items in panels:
        if y + table.line_h * 3 > limit:
            y = table_head(running_head())
        cv.text(margin + 3, y + size + 2, panel, font=font, size=size + 0.5, bold=True)
        y += size + 7
        for a, spec in items:
            if visits is None and has_prev and spec.value is not None and rng.random() < 0.85:
                lab.previous(spec, a, pt.sex, prev_date)
            suffix = rng.choices(
                ["", f" {sites[0]}", f" {sites[1]}", f" A, {sites[0]}"], [2, 6, 1, 1]
            )[0]
            footnote_a |= suffix.startswith(" A")
            spec.name_raw += suffix
            cells: dict[str, Cell | str] = {
                "name": spec.name_raw,
                "result": Cell(spec.value_raw, bold=spec.abnormal and font == "helv"),
            }
            if spec.abnormal and font == "helv":
                spec.flag_style = "bold"
            if spec.unit_raw:
                cells["unit"] = spec.unit_raw
            if spec.ref_text:
                cells["ref"] = spec.ref_text
            if visits is not None:
                cells |= visits.cells(spec)
            h = table.height(cells)
            if y + h > limit:
                y = table_head(running_head())
            h, boxes = table.row(y, cells)
            got: list[Box] = list(boxes.values())
            base = y + table.pad + table.line_h / 2 + 0.35 * size
            if spec.flag_printed:
                got.append(
                    cv.text(
                        cols[1].x0 + flag_dx,
                        base,
                        spec.flag_printed,
                        font=font,
                        size=size,
                        bold=True,
                    )
                )
            if visits is None and spec.previous_value_raw and spec.previous_date:
                got.append(cv.text(cols[2].x0, base, spec.previous_value_raw, font=font, size=size))
                got.append(
                    cv.text(
                        cols[2].x0 + date_dx,
                        base,
                        fmt_date(us_date, spec.previous_date),
                        font=font,
                        size=size,
                    )
                )
            doc.record(spec, got, panel)
            y += h
            note = NOTES.get(a.code)
            if note and rng.random() < 0.8:
                key = "ldl_p" if note == "ldl" and rng.random() < 0.4 else note
                lines = lab_l["notes"][key]
                if y + len(lines) * (size + 2) + 6 > limit:
                    y = table_head(running_head())
                for ln in lines:
                    label, band = _split_band(ln) if len(lines) > 2 else (ln, "")
                    cv.text(cols[0].x0 + 14, y + size + 1, label, font=font, size=size - 0.5)
                    if band:
                        cv.text(cols[1].x0, y + size + 1, band, font=font, size=size - 0.5)
                    y += size + 2
                y += 4
        if rng.random() < 0.35:
            for ln in cv.wrap(rng.choice(lab_l["comments"]), W - 20, font, size - 0.5):
                if y + size + 3 > limit:
                    y = table_head(running_head())
                cv.text(margin + 12, y + size, ln, font=font, size=size - 0.5, color=GREY)
                y += size + 3
            y += 3

    # ------------------------------------------------------------------ footnotes
    foot = [f"{s}  {lab_name}, {street}, {town}  {lab_l['lab_dir']} {director}" for s in sites]
    if footnote_a:
        foot.insert(0, lab_l["footnote_a"])
    if y + len(foot) * (size + 4) + 10 > limit:
        y = running_head()
    cv.line(margin, y + 4, cv.W - margin, y + 4, 0.5)
    y += 8
    for ln in foot:
        cv.text(margin, y + size, ln, font=font, size=size - 0.5)
        y += size + 4
    return doc.finish()


def _visits(rng: random.Random, exam: date, words: dict) -> VisitColumns | None:
    """The report's earlier-visit columns, for about one report in three."""
    if rng.random() >= VISITS_RATE:
        return None
    return plan_visits(rng, exam, words, two_line=False)


def _visit_cols(
    cv: Canvas,
    visits: VisitColumns,
    words: list[str],
    specs: list,
    font_size: tuple[str, float],
    margin: float,
    flag_dx: float,
) -> list[Col]:
    """Columns with one per visit, headers on one line; the name column takes what is left."""
    font, size = font_size
    W = cv.W - 2 * margin
    flags = [cv.width(sp.flag_printed or "", font, size, bold=True) for sp in specs]
    result_w = max(flag_dx + max(flags) + 14, visits.width(cv, "result", [], font, size))
    unit_w = max(0.1 * W, cv.width(words[3], font, size, bold=True) + 10)
    ref_w = max(0.17 * W, cv.width(words[4], font, size, bold=True) + 12)
    values = [sp.value_raw for sp in specs]
    while True:
        sized = {k: visits.width(cv, k, values, font, size) for k in visits.keys}
        name_w = W - result_w - unit_w - ref_w - sum(sized.values())
        if name_w >= NAME_MIN_FR * W or len(visits.dates) == 1:
            break
        visits.drop_oldest()
    keys = ["name", "result", *visits.keys, "unit", "ref"]
    widths = [name_w, result_w, *sized.values(), unit_w, ref_w]
    heads = {"name": words[0], "unit": words[3], "ref": words[4]}
    heads |= {k: lines[0] for k, lines in visits.heads.items()}
    xs = [margin + 3 + sum(widths[:i]) for i in range(len(keys))] + [cv.W - margin + 8]
    return [
        Col(k, xs[i], xs[i + 1] - 8, "L", heads[k], wrap=k in ("name", "unit", "ref"))
        for i, k in enumerate(keys)
    ]


def _split_band(line: str) -> tuple[str, str]:
    """``"Moderate 1000 - 1299"`` -> ``("Moderate", "1000 - 1299")``."""
    words = line.split(" ")
    for i, w in enumerate(words):
        if w[:1] in "<>" or any(ch.isdigit() for ch in w):
            return " ".join(words[:i]), " ".join(words[i:])
    return line, ""
