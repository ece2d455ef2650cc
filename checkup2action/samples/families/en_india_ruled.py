"""Indian diagnostic-lab report with a ruled table.

Traps: ``Test Name | Result | Unit | Bio. Ref. Interval``, Indian units (``/cumm``, ``Mil/cumm``,
``gm/dL``, ``10^3/uL``), abnormal values in bold with ``H``/``L`` after them, long names wrapping
over two lines in a narrow column, ``Method: ...`` lines under names and sub-headings such as
``DIFFERENTIAL LEUCOCYTE COUNT`` (not results), department headings, ``*** End of Report ***``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta

from checkup2action.samples.draw import Cell, Col, Document, Table
from checkup2action.samples.exams import (
    Pen,
    abnormal_impressions,
    advice_for,
    exams_rng,
    fake_exams,
    print_exams,
    print_summary,
)
from checkup2action.samples.exams import words as exam_words
from checkup2action.samples.families.common import (
    created_for,
    fmt_date,
    labels,
    panel_analytes,
    patient_truth,
    print_seeded,
)
from checkup2action.samples.people import fake_digits, fake_patient, pools
from checkup2action.samples.results import Lab, LabStyle

FAMILY = "en_india_ruled"
LANGUAGE = "en"
PANEL_SETS = [
    ("cbc", "inflammation", "glucose", "lipid"), ("cbc", "liver", "kidney"),
    ("cbc", "thyroid", "glucose", "urine"), ("liver", "kidney", "lipid", "electrolytes"),
]  # fmt: skip


def _style(rng: random.Random, winansi: bool) -> LabStyle:
    return LabStyle(
        lang="en", name_style="en", systems=("in", "us", "si"), region="in", qual_lang="en",
        winansi=winansi, range_sep=rng.choice([" - ", "-", " to "]), range_pad=rng.random() < 0.4,
        upper_form=rng.choice(["<", "<", "0-"]), lower_form=">",
        flags=rng.choice([{"H": "H", "L": "L"}, {"H": "High", "L": "Low"}]),
        abnormal_rate=rng.uniform(0.18, 0.32),
    )  # fmt: skip


def build(rng: random.Random, seed: int) -> tuple[bytes, dict]:
    lab_l = labels(FAMILY)
    pt = fake_patient(rng, "in")
    doc = Document(FAMILY, seed, LANGUAGE, rng, created=created_for(pt.exam_date, rng))
    doc.patient = patient_truth(pt)
    font = rng.choice(["helv", "helv", "times", "sans"])
    lab = Lab(rng, _style(rng, winansi=font != "sans"))
    cv = doc.cv
    margin = rng.uniform(30, 48)
    size = rng.uniform(8.6, 9.8)
    panels = rng.choice(PANEL_SETS)
    groups = []
    for p in panels:
        items = [(a, lab.result(a, pt.sex)) for a in panel_analytes(p, pt.sex, rng=rng, keep=0.92)]
        groups.append((p, lab.panel_name(p).upper(), items))
    lab_name = rng.choice(pools("in")["labs"])
    town = rng.choice(pools("in")["towns"])
    honor = (
        ("Mr. " if pt.sex == "M" else rng.choice(["Mrs. ", "Ms. "])) if rng.random() < 0.8 else ""
    )
    shown = (
        f"{honor}{pt.given} {pt.family}".upper()
        if rng.random() < 0.6
        else f"{honor}{pt.given} {pt.family}"
    )
    lab_no, pid = fake_digits(rng, 10), f"PID{fake_digits(rng, 7)}"
    ref_doc = f"Dr. {rng.choice(pools('in')['first_M'])} {rng.choice(pools('in')['last'])}"
    signer = f"Dr. {rng.choice(pools('in')['first_F'])} {rng.choice(pools('in')['last'])}"
    printed = shown.removeprefix(honor.upper()).removeprefix(honor)
    doc.identify(printed, lab_no, pid, ref_doc, signer)
    dfmt = "{d:02d}/{mon}/{y}"
    t_coll = f"{rng.randint(7, 11):02d}:{rng.randrange(60):02d} AM"
    pl = lab_l["patient"]
    head_words = rng.choice([lab_l["cols"], lab_l["cols_alt"]])

    W = cv.W - 2 * margin
    fr = [0.32, 0.2, 0.18, 0.3]
    fr = [f * rng.uniform(0.9, 1.1) for f in fr]
    xs = [margin + W * sum(fr[:i]) / sum(fr) for i in range(5)]
    cols = [Col(k, xs[i] + 5, xs[i + 1] - 5, "L", head_words[i], wrap=k in ("name", "ref"))
            for i, k in enumerate(["name", "result", "unit", "ref"])]  # fmt: skip
    table = Table(cv, cols, font=font, size=size, line_h=size * 1.25, pad=rng.uniform(2.5, 4.0))
    flag_dx = rng.uniform(30, 40)
    method_p = rng.uniform(0.3, 0.7)
    long_p = rng.uniform(0.3, 0.8)
    limit = cv.H - margin - 80

    sig = rng.choice(lab_l["signature"])

    def footer(n: int, total: int) -> None:
        fy = cv.H - margin - 50
        cv.text(cv.W - margin, fy + 6, signer, font=font, size=size, bold=True, align="R")
        cv.text(cv.W - margin, fy + 18, sig, font=font, size=size - 1, align="R")
        cv.line(margin, fy + 26, cv.W - margin, fy + 26, 0.5)
        cv.text(margin, fy + 38, f"{lab_name}, {town}", font=font, size=size - 1.5)
        cv.text(cv.W - margin, fy + 38, f"Page {n} of {total}", font=font, size=size - 1, align="R")

    doc.footer = footer

    def page_head() -> float:
        cv.add_page()
        y = margin
        cv.text(cv.W / 2, y + 16, lab_name.upper(), font=font, size=16, bold=True, align="C")
        cv.text(cv.W / 2, y + 30, town, font=font, size=size - 1, align="C")
        y += 40
        cv.rect(margin, y, W, 58, width=0.8)
        left = [(pl["name"], shown), (pl["age_gender"], f"{pt.age} Y / {'Male' if pt.sex == 'M' else 'Female'}"),
                (pl["ref_by"], ref_doc), (pl["patient_id"], pid)]  # fmt: skip
        right = [(pl["lab_no"], lab_no), (pl["collected"], f"{fmt_date(dfmt, pt.exam_date)} {t_coll}"),
                 (pl["reported"], fmt_date(dfmt, pt.exam_date + timedelta(days=1))),
                 (pl["sample"], rng.choice(lab_l["samples"]))]  # fmt: skip
        for col_x, pairs in ((margin + 8, left), (margin + W / 2 + 8, right)):
            for j, (k, v) in enumerate(pairs):
                cv.text(col_x, y + 13 + j * 13, k, font=font, size=size - 0.5, bold=True)
                cv.text(col_x + 70, y + 13 + j * 13, f": {v}", font=font, size=size - 0.5)
        if cv.page == 1:
            return (
                print_seeded(doc, pt, margin + 8, y + 62, size - 0.5, font=font, name=printed) + 4
            )
        return y + 66

    def table_head(y: float) -> float:
        h = table.header(y, font=font)
        cv.rect(table.left, y, table.right - table.left, h, stroke=(0, 0, 0), width=0.8)
        table.vlines(y, y + h, 0.8)
        return y + h

    def edges(y0: float, y1: float) -> None:
        cv.line(table.left, y0, table.left, y1, 0.8)
        cv.line(table.right, y0, table.right, y1, 0.8)

    y = table_head(page_head())
    dept = None
    for p, pname, items in groups:
        new_dept = lab_l["departments"].get(p, "BIOCHEMISTRY")
        need = table.line_h * 4 + (22 if new_dept != dept else 0)
        if y + need > limit:
            cv.line(table.left, y, table.right, y, 0.8)
            y = table_head(page_head())
        y0 = y
        if new_dept != dept:
            cv.text(
                cv.W / 2, y + size + 6, new_dept, font=font, size=size + 1.5, bold=True, align="C"
            )
            doc.sections.append({"title": new_dept, "kind": "laboratory", "page": cv.page})
            y += size + 12
            dept = new_dept
        cv.text(table.left + 8, y + size + 3, pname, font=font, size=size, bold=True)
        doc.sections.append({"title": pname, "kind": "laboratory", "page": cv.page})
        y += size + 8
        edges(y0, y)
        cv.line(table.left, y, table.right, y, 0.4)
        for a, spec in items:
            sub = lab_l["subheads"].get(a.code)
            methods = lab_l["methods"].get(a.code)
            method = rng.choice(methods) if methods and rng.random() < method_p else None
            if rng.random() < long_p:
                spec.name_raw = max(a.name("en"), key=len)
            cells: dict[str, Cell | str] = {
                "name": spec.name_raw,
                "result": Cell(spec.value_raw, bold=spec.abnormal),
            }
            if spec.abnormal:
                spec.flag_style = "bold"
            if spec.unit_raw:
                cells["unit"] = spec.unit_raw
            cells["ref"] = spec.ref_text or ""
            h = table.height(cells) + (size + 2 if method else 0) + (size + 8 if sub else 0)
            if y + h > limit:
                cv.line(table.left, y, table.right, y, 0.8)
                y = table_head(page_head())
            if sub:
                cv.text(table.left + 8, y + size + 3, sub, font=font, size=size - 0.5, bold=True)
                doc.sections.append({"title": sub, "kind": "laboratory", "page": cv.page})
                edges(y, y + size + 8)
                y += size + 8
            row_top = y
            h, boxes = table.row(y, cells)
            got = list(boxes.values())
            if spec.flag_printed:
                base = y + table.pad + table.line_h / 2 + 0.35 * size
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
            doc.record(spec, got, pname)
            y += h
            if method:
                cv.text(cols[0].x0 + 2, y + size - 3, method, font=font + "-italic" if font != "sans" else font,
                        size=size - 1.5, color=(80, 80, 80))  # fmt: skip
                y += size + 2
            table.vlines(row_top, y, 0.6)
            cv.line(table.left, y, table.right, y, 0.3)
    cv.line(table.left, y, table.right, y, 0.8)
    y += 14
    for ln in cv.wrap(rng.choice(lab_l["notes"]), W, font, size - 1):
        if y + 40 > limit:
            break
        cv.text(margin, y + size, ln, font=font, size=size - 1)
        y += size + 3
    y = _exams(doc, seed, groups, page_head, (margin, W, size, limit), font)
    cv.text(
        cv.W / 2,
        min(y + 20, limit + 10),
        rng.choice(lab_l["end"]),
        font=font,
        size=size,
        bold=True,
        align="C",
    )
    return doc.finish()


def _exams(
    doc: Document,
    seed: int,
    groups: list,
    page_head: Callable[[], float],
    frame: tuple[float, float, float, float],
    font: str,
) -> float:
    """A page of examinations reported in words, then the physician's summary and advice;
    returns the y under them."""
    margin, width, size, limit = frame
    rng = exams_rng(FAMILY, seed)
    pen = Pen(doc, margin, width, page_head() + 10, size + 0.5, ": ", limit, page_head, font)
    pen.heading(rng.choice(exam_words(LANGUAGE)["exam_title"]), "physical_exam", bigger=3)
    exams = fake_exams(rng, LANGUAGE)
    print_exams(pen, exams)
    word = {"H": "high", "L": "low", "A": "abnormal"}
    found = [f"{spec.name_raw} {word[spec.computed]}" for _, _, items in groups
             for _, spec in items if spec.abnormal]  # fmt: skip
    found = found[:8] + abnormal_impressions(exams)
    if found:
        print_summary(pen, rng.choice(exam_words(LANGUAGE)["summary_title"]), found, "conclusion")
    advice = advice_for(rng, LANGUAGE, rng.randint(2, 4))
    print_summary(pen, rng.choice(exam_words(LANGUAGE)["advice_title"]), advice, "advice")
    return pen.y
