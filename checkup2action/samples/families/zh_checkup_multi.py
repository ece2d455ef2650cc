"""Chinese multi-page 体检报告 (3-6 pages): cover, summary, then one table per panel.

Traps: a cover page and a 总检结论 summary naming abnormal items (not results), a table
continued on the next page WITHOUT a repeated header (only a running name line), narrow unit /
range columns where a unit (``×10^9`` / ``/L``) or range (``3.50-`` / ``9.50``,
``男 130-175`` / ``女 115-150``) wraps onto a second line, qualitative urine and hepatitis rows,
``偏高``/``偏低``/``异常`` words or ``↑↓`` or bare ``*`` as flags; in about 3 reports in 10, one
result column per visit (``本次结果 | 上次结果 | 前次结果`` with dates below, or dates as headers).
"""

from __future__ import annotations

import random
from datetime import date

from checkup2action.samples.draw import Canvas, Cell, Col, Document, Table
from checkup2action.samples.exams import (
    Pen,
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
)
from checkup2action.samples.families.visits import VisitColumns, plan_visits, visit_rng
from checkup2action.samples.people import (
    fake_digits,
    fake_doctor,
    fake_patient,
    pools,
    zh_institution,
)
from checkup2action.samples.results import Lab, LabStyle, ResultSpec
from checkup2action.samples.vitals import fake_vitals, print_vitals, vitals_rng
from checkup2action.samples.vitals import words as vital_words

FAMILY = "zh_checkup_multi"
LANGUAGE = "zh-Hans"
CORE = ["cbc", "liver", "kidney", "lipid", "glucose", "urine"]
EXTRA = ["tumor", "hbv", "thyroid", "electrolytes", "coag"]
#: Share of reports printing one result column per visit (本次 and two or three earlier visits).
VISITS_RATE = 0.3
NAME_MIN_W = 100.0


def _style(rng: random.Random) -> LabStyle:
    flags = rng.choice([
        {"H": "偏高", "L": "偏低", "A": "异常"}, {"H": "↑", "L": "↓", "A": "*"},
        {"H": "*", "L": "*", "A": "*"}, {"H": "偏高", "L": "偏低", "A": "*"},
    ])  # fmt: skip
    return LabStyle(
        lang="zh_hans", name_style="zh_hans", systems=("si",), region="zh", qual_lang="zh_hans",
        range_sep=rng.choice(["-", "~", "--"]), range_pad=rng.random() < 0.6,
        upper_form=rng.choice(["<", "0-", "≤"]), lower_form=rng.choice([">", "≥"]),
        sex_range_fmt=rng.choice([None, "男 {M} 女 {F}"]), flags=flags,
        abnormal_rate=rng.uniform(0.15, 0.3),
    )  # fmt: skip


def _split(cv, text: str, width: float, size: float, seps: tuple[str, ...]) -> list[str] | None:
    """Break ``text`` after the first separator if it is wider than ``width``."""
    if cv.width(text, "sans", size) <= width:
        return None
    for sep in seps:
        i = text.find(sep, 1)
        if i > 0:
            return [text[:i].rstrip() + ("" if sep in (" 女", "/") else sep),
                    text[i + (0 if sep in (" 女", "/") else len(sep)):].strip()]  # fmt: skip
    return None


def build(rng: random.Random, seed: int) -> tuple[bytes, dict]:
    lab_l, com = labels(FAMILY), labels("common_zh_hans")
    pt = fake_patient(rng, "zh_hans")
    doc = Document(FAMILY, seed, LANGUAGE, rng, created=created_for(pt.exam_date, rng))
    doc.patient = patient_truth(pt)
    lab = Lab(rng, _style(rng))
    cv = doc.cv
    margin = rng.uniform(36, 56)
    size = rng.uniform(8.8, 10.0)
    center = zh_institution(rng, "checkup_centers")
    panels = CORE + [p for p in EXTRA if rng.random() < 0.4]
    sections = []
    for p in panels:
        items = [
            (a, lab.result(a, pt.sex))
            for a in panel_analytes(p, pt.sex, drop=("BUN",), rng=rng, keep=0.92)
        ]
        sections.append((lab.panel_name(p), items))
    exam_no = f"T{pt.exam_date:%Y%m%d}{fake_digits(rng, 4)}"
    phone = f"1{rng.randint(30, 89)}****{fake_digits(rng, 4)}"
    chief = fake_doctor(rng, "zh_hans")
    doc.identify(pt.full_name, exam_no, phone, chief)
    date_fmt = rng.choice(com["date_fmts"])
    page_fmt = rng.choice(com["page_fmt"])
    running = rng.choice(lab_l["footer"]["page_head"]).format(name=pt.full_name, no=exam_no)
    note = rng.choice(lab_l["footer"]["note"])
    section_fmt = rng.choice(lab_l["section_fmt"])
    W = cv.W - 2 * margin

    def footer(n: int, total: int) -> None:
        fy = cv.H - margin - 14
        cv.line(margin, fy, cv.W - margin, fy, 0.5, (120, 120, 120))
        cv.text(margin, fy + 12, f"{center}  {note}", size=size - 1.5, color=(100, 100, 100))
        cv.text(cv.W - margin, fy + 12, page_fmt.format(n=n, t=total), size=size - 1, align="R")
        if n > 1:
            cv.text(margin, margin + 10, running, size=size - 0.5)
            cv.text(cv.W - margin, margin + 10, center, size=size - 0.5, align="R")
            cv.line(margin, margin + 16, cv.W - margin, margin + 16, 0.5)

    doc.footer = footer

    # ------------------------------------------------------------------ cover
    cv.add_page()
    cv.text(cv.W / 2, cv.H * 0.2, center, size=18, bold=True, align="C")
    cv.text(cv.W / 2, cv.H * 0.28, rng.choice(lab_l["titles"]), size=28, bold=True, align="C")
    c = lab_l["cover"]
    fields = [(c["name"], pt.full_name), (c["sex"], com["sex"][pt.sex]),
              (c["age"], f"{pt.age}{com['age_suffix']}"), (c["exam_no"], exam_no),
              (c["date"], fmt_date(date_fmt, pt.exam_date)), (c["company"], rng.choice(lab_l["companies"])),
              (c["phone"], phone), *doc.seeded_fields(pt.full_name, pt.dob)]  # fmt: skip
    for i, (k, v) in enumerate(fields):
        yy = cv.H * 0.45 + i * 26
        cv.text(cv.W / 2 - 90, yy, f"{k}：", size=12, align="R")
        cv.text(cv.W / 2 - 86, yy, v, size=12)
        cv.line(cv.W / 2 - 86, yy + 4, cv.W / 2 + 110, yy + 4, 0.4)

    # ------------------------------------------------------------------ summary
    cv.add_page()
    y = margin + 30
    summary_title = rng.choice(lab_l["summary_title"])
    cv.text(margin, y + 14, summary_title, size=15, bold=True)
    doc.sections.append({"title": summary_title, "kind": "summary", "page": cv.page})
    y += 30
    words = lab_l["abnormal_words"]
    findings = [f"{spec.name_raw}{words[spec.computed]}" for _, items in sections for _, spec in items
                if spec.abnormal]  # fmt: skip
    lines = [rng.choice(lab_l["summary_intro"])] if findings else list(lab_l["summary_ok"])
    lines += [f"{i + 1}. {f}" for i, f in enumerate(findings[:14])]
    lines += ["", *rng.sample(lab_l["advice"], 2)]
    advice = set(lab_l["advice"])
    for ln in lines:
        box = cv.text(margin + 10, y + size + 2, ln, size=size + 1)
        if ln:
            kind = "advice" if ln in advice else "conclusion"
            doc.summary.append({"kind": kind, "text": ln, "page": cv.page, "bbox": list(box)})
        y += size + 9
    y += 10
    cv.text(
        cv.W - margin,
        y + size,
        f"{rng.choice(lab_l['footer']['doctor'])}：{chief}",
        size=size + 1,
        align="R",
    )
    y += 40
    cv.text(margin, y + 14, vital_words(LANGUAGE)["heading"], size=13, bold=True)
    doc.sections.append(
        {"title": vital_words(LANGUAGE)["heading"], "kind": "vitals", "page": cv.page}
    )
    vitals = fake_vitals(vitals_rng(FAMILY, seed), pt.sex, LANGUAGE)
    y = print_vitals(doc, vitals, margin + 10, y + 24, size + 1, "：") + 20

    # ------------------------------------------------------------------ result tables
    keys = ["name", "result", "flag", "unit", "ref"]
    # narrow unit / range columns: the widest entries wrap onto a second line
    specs = [spec for _, items in sections for _, spec in items]
    ref_w = max(50.0, 0.86 * max(cv.width(sp.ref_text or "", "sans", size) for sp in specs)) + 8
    unit_w = max(30.0, 0.9 * max(cv.width(sp.unit_raw or "", "sans", size) for sp in specs)) + 8
    rest = W - ref_w - unit_w
    widths = [rest * 0.52, rest * 0.28, rest * 0.2, unit_w, ref_w]
    visits = _visits(visit_rng(FAMILY, seed), pt.exam_date, lab_l["visits"])
    heads = {k: rng.choice(lab_l["cols"][k]) for k in keys}
    if visits is not None:
        keys, widths = _visit_layout(cv, visits, heads, specs, size, rest, (unit_w, ref_w))
        for _, items in sections:
            for a, spec in items:
                lab.history(spec, a, pt.sex, visits.dates, present=0.85)
    xs = [margin + sum(widths[:i]) for i in range(len(keys) + 1)]
    cols = [Col(k, xs[i] + 4, xs[i + 1] - 4, "C" if k == "flag" else "L", heads.get(k, ""),
                wrap=k == "name") for i, k in enumerate(keys)]  # fmt: skip
    unit_w, ref_w = cols[-2].x1 - cols[-2].x0, cols[-1].x1 - cols[-1].x0
    table = Table(cv, cols, font="sans", size=size, line_h=size * 1.3, pad=rng.uniform(2.5, 3.5))
    top = margin + 24
    bold_abn = rng.random() < 0.4
    limit = cv.H - margin - 24
    if rng.random() < 0.5 or y > cv.H * 0.6:
        cv.add_page()
        y = top
    for num, (pname, items) in enumerate(sections):
        if y + 4 * table.line_h + 30 > limit:
            cv.add_page()
            y = top
        heading = section_fmt.format(num=pools("zh_hans")["numerals"][num % 12], panel=pname)
        cv.text(margin, y + size + 6, heading, size=size + 2, bold=True)
        doc.sections.append({"title": heading, "kind": "laboratory", "page": cv.page})
        y += size + 12
        if visits is None:
            hh = table.height({k: heads[k] for k in keys})
            cv.rect(margin, y, W, hh, fill=(232, 240, 232), stroke=None)
            y += table.header(y, bold=True)
        else:
            head_cells = {k: Cell("", bold=True, lines=visits.heads.get(k, [heads.get(k, "")]))
                          for k in keys}  # fmt: skip
            cv.rect(margin, y, W, table.height(head_cells), fill=(232, 240, 232), stroke=None)
            y += table.row(y, head_cells)[0]
        cv.line(margin, y, cv.W - margin, y, 0.6)
        for _a, spec in items:
            cells: dict[str, Cell | str] = {"name": spec.name_raw,
                                            "result": Cell(spec.value_raw, bold=spec.abnormal and bold_abn)}  # fmt: skip
            if spec.abnormal and bold_abn:
                spec.flag_style = "bold"
            if spec.flag_printed:
                cells["flag"] = spec.flag_printed
            if visits is not None:
                cells |= visits.cells(spec)
            if spec.unit_raw:
                cells["unit"] = Cell(
                    spec.unit_raw, lines=_split(cv, spec.unit_raw, unit_w, size, ("/",))
                )
            ref = spec.ref_text or ""
            seps = (" 女", lab.style.range_sep.strip() or "-")
            cells["ref"] = Cell(ref, lines=_split(cv, ref, ref_w, size, seps))
            h = table.height(cells)
            if y + h > limit:  # continue on the next page without repeating the header
                cv.add_page()
                y = top
            h, boxes = table.row(y, cells)
            doc.record(spec, boxes.values(), pname)
            y += h
            cv.line(margin, y, cv.W - margin, y, 0.2, (180, 180, 180))
        y += 12
    _exams(doc, seed, margin, size, top, limit)
    return doc.finish()


def _exams(doc: Document, seed: int, margin: float, size: float, top: float, limit: float) -> None:
    """The examinations reported in words and the physician's advice, on pages of their own."""
    cv = doc.cv
    rng = exams_rng(FAMILY, seed)

    def new_page() -> float:
        cv.add_page()
        return top

    pen = Pen(doc, margin, cv.W - 2 * margin, new_page(), size + 0.5, "：", limit, new_page)
    pen.heading(rng.choice(exam_words(LANGUAGE)["exam_title"]), "physical_exam", bigger=4)
    exams = fake_exams(rng, LANGUAGE)
    print_exams(pen, exams)
    advice = advice_for(rng, LANGUAGE, rng.randint(2, 4))
    print_summary(pen, rng.choice(exam_words(LANGUAGE)["advice_title"]), advice, "advice")


def _visits(rng: random.Random, exam: date, words: dict) -> VisitColumns | None:
    """The report's earlier-visit columns, for about one report in three."""
    if rng.random() >= VISITS_RATE:
        return None
    return plan_visits(rng, exam, words)


def _visit_layout(
    cv: Canvas,
    visits: VisitColumns,
    heads: dict[str, str],
    specs: list[ResultSpec],
    size: float,
    rest: float,
    unit_ref: tuple[float, float],
) -> tuple[list[str], list[float]]:
    """Column keys and widths with a column per visit; the name column takes what is left."""
    values = [sp.value_raw for sp in specs]
    flag_texts = [heads["flag"], *(sp.flag_printed or "" for sp in specs)]
    flag_w = max(cv.width(t, "sans", size, bold=True) for t in flag_texts) + 12
    while True:
        keys = ["name", "result", "flag", *visits.keys, "unit", "ref"]
        sized = {k: visits.width(cv, k, values, "sans", size) for k in ["result", *visits.keys]}
        name_w = rest - flag_w - sum(sized.values())
        if name_w >= NAME_MIN_W or len(visits.dates) == 1:
            break
        visits.drop_oldest()
    widths = {"name": name_w, "flag": flag_w, **sized}
    return keys, [widths[k] for k in keys[:-2]] + list(unit_ref)
