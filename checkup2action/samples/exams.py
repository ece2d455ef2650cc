"""Examinations reported in words for generated check-up reports, with their truth: physical-exam
departments, an ECG, imaging studies, and the physician's summary and advice.

They come from their own random stream (``exams_rng``), so adding them left every lab value of a
report as it was. Each examination prints as a bold heading and ``label：text`` lines (a
department's items and its ``小结``; an ECG's numbers and its conclusion; a study's findings and
impression); the truth records what ``StructuredReport.findings`` should hold (the text without
its sub-label, lines joined), each summary item as printed, and every heading as a section.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from checkup2action.samples.draw import Box, Document, union
from checkup2action.samples.vocab import language_words

#: Share of physical-exam items and imaging slots printed with their abnormal wording.
ABNORMAL_RATE = 0.2


@dataclass(frozen=True, slots=True)
class PrintedExam:
    """One examination as printed: heading, ``(label, text)`` lines, and its truth."""

    category: str  # physical_exam, ecg, imaging
    modality: str | None
    body_site: str | None
    heading: str
    lines: tuple[tuple[str | None, str], ...]
    text: str | None
    impression: str | None
    measurements: dict[str, float] = field(default_factory=dict)


def words(language: str) -> dict[str, Any]:
    """The examinations' wording in ``language`` (zh or en)."""
    return language_words("exams.yaml", language)


def exams_rng(family: str, seed: int) -> random.Random:
    """The random stream of a report's examinations, apart from its layout's."""
    return random.Random(f"checkup2action.samples.exams:{family}:{seed}")


def _pick(rng: random.Random, options: list[str]) -> tuple[str, bool]:
    """The usual wording (the first) or, now and then, another one; True when another."""
    if len(options) > 1 and rng.random() < ABNORMAL_RATE:
        return rng.choice(options[1:]), True
    return options[0], False


def fake_exams(rng: random.Random, language: str) -> list[PrintedExam]:
    """Two or three departments, an ECG and one to three imaging studies."""
    w = words(language)
    join = "" if language.startswith("zh") else " "
    departments = rng.sample(w["departments"], k=min(len(w["departments"]), rng.randint(2, 3)))
    out = [_department(rng, w, d) for d in departments]
    out.append(_ecg(rng, w))
    studies = rng.sample(w["studies"], k=rng.randint(1, min(3, len(w["studies"]))))
    out += [_study(rng, w, s, join, language) for s in studies]
    return out


def _department(rng: random.Random, w: dict[str, Any], entry: dict[str, Any]) -> PrintedExam:
    """A physical-exam department: its items and its own conclusion."""
    lines, unusual = [], []
    for label, options in entry["items"]:
        text, odd = _pick(rng, list(options))
        lines.append((str(label), text))
        if odd:
            unusual.append(text)
    conclusion = "；".join(unusual) if unusual else rng.choice(w["department_ok"])
    summary = (rng.choice(w["department_summary"]), conclusion)
    return PrintedExam(
        "physical_exam", None, None, entry["heading"], (*lines, summary),
        text=None, impression=conclusion,
    )  # fmt: skip


def _ecg(rng: random.Random, w: dict[str, Any]) -> PrintedExam:
    """An ECG: its numbers on one line, then its conclusion."""
    hr = rng.randint(55, 98)
    pr, qrs = rng.randint(120, 200), rng.randint(78, 110)
    qt = rng.randint(340, 420)
    qtc = qt + rng.randint(5, 40)
    ecg = w["ecg"]
    measures = ecg["measures"].format(hr=hr, pr=pr, qrs=qrs, qt=qt, qtc=qtc)
    impression = rng.choice(ecg["impressions"])
    lines = ((None, measures), (rng.choice(ecg["impression_labels"]), impression))
    values = {"heart_rate": hr, "pr": pr, "qrs": qrs, "qt": qt, "qtc": qtc}
    return PrintedExam(
        "ecg", "ecg", None, rng.choice(ecg["headings"]), lines, measures, impression,
        {k: float(v) for k, v in values.items()},
    )  # fmt: skip


def _study(
    rng: random.Random, w: dict[str, Any], entry: dict[str, Any], join: str, language: str
) -> PrintedExam:
    """An imaging study: findings sentences, then its impression."""
    picked = [_pick(rng, list(slot)) for slot in entry["findings"]]
    findings = join.join(text for text, _ in picked)
    odd = any(flag for _, flag in picked)
    impressions = list(entry["impressions"])
    impression = rng.choice(impressions[1:]) if odd and len(impressions) > 1 else impressions[0]
    word, site = rng.choice(entry["words"]), entry["site"]
    heading = (
        word if not site else (f"{site}{word}" if language.startswith("zh") else f"{word} {site}")
    )
    lines = (
        (rng.choice(w["text_labels"]), findings),
        (rng.choice(w["impression_labels"]), impression),
    )
    return PrintedExam("imaging", entry["modality"], site, heading, lines, findings, impression)


def department_text(exam: PrintedExam, colon: str) -> str:
    """A department's truth text: its item lines as printed (its conclusion apart)."""
    return "\n".join(f"{label}{colon}{text}" for label, text in exam.lines[:-1])


@dataclass(slots=True)
class Pen:
    """Where and how the examinations are printed; ``y`` moves down as they are."""

    doc: Document
    x: float
    width: float
    y: float
    size: float
    colon: str
    limit: float
    new_page: Any  # () -> float: opens a page and returns the y to go on from
    font: str = "sans"
    first_page: int = 0

    def room(self, height: float) -> None:
        """Go to a new page when ``height`` does not fit below ``y``."""
        if self.y + height > self.limit:
            self.y = self.new_page()

    def heading(self, text: str, kind: str, bigger: float = 1.5) -> Box:
        """A bold heading, recorded as a section."""
        self.room(4 * (self.size + 6))
        box = self.doc.cv.text(self.x, self.y + self.size + 4, text, font=self.font,
                               size=self.size + bigger, bold=True)  # fmt: skip
        self.doc.sections.append({"title": text, "kind": kind, "page": self.doc.cv.page})
        self.y += self.size + 12
        return box

    def paragraph(self, text: str, indent: float = 12.0) -> list[Box]:
        """Text wrapped to the width, one box per printed line (``first_page``: where the first
        line went)."""
        boxes = []
        self.first_page = 0
        for line in self.doc.cv.wrap(text, self.width - indent, self.font, self.size):
            self.room(self.size + 5)
            self.first_page = self.first_page or self.doc.cv.page
            boxes.append(self.doc.cv.text(self.x + indent, self.y + self.size, line,
                                          font=self.font, size=self.size))  # fmt: skip
            self.y += self.size + 5
        return boxes


def print_exams(pen: Pen, exams: list[PrintedExam]) -> None:
    """Print each examination and record its truth (``doc.findings`` and sections)."""
    for exam in exams:
        kind = {"physical_exam": "physical_exam", "ecg": "ecg"}.get(exam.category, "imaging")
        boxes = [pen.heading(exam.heading, kind)]
        page = pen.doc.cv.page
        for label, line in exam.lines:
            boxes += pen.paragraph(f"{label}{pen.colon}{line}" if label else line)
        text = department_text(exam, pen.colon) if exam.category == "physical_exam" else exam.text
        if "heart_rate" in exam.measurements:  # a vital too: the pulse the ECG counted
            rate = exam.measurements["heart_rate"]
            pen.doc.vitals.append({"code": "pulse", "value": rate, "unit": "/min", "page": page,
                                   "bbox": list(boxes[1])})  # fmt: skip
        pen.doc.findings.append({
            "category": exam.category, "modality": exam.modality, "body_site": exam.body_site,
            "heading": exam.heading, "text": text, "impression": exam.impression,
            "measurements": exam.measurements, "page": page, "bbox": list(union(boxes)),
        })  # fmt: skip
        pen.y += 6


def print_summary(pen: Pen, title: str, items: list[str], kind: str) -> None:
    """A summary or advice heading and its numbered items, recorded as summary truth."""
    pen.heading(title, "summary")
    for number, item in enumerate(items, 1):
        text = f"{number}. {item}"
        boxes = pen.paragraph(text, indent=8.0)
        page = pen.first_page
        pen.doc.summary.append(
            {"kind": kind, "text": text, "page": page, "bbox": list(union(boxes))}
        )
    pen.y += 6


def advice_for(rng: random.Random, language: str, count: int) -> list[str]:
    """``count`` pieces of advice from the vocabulary."""
    pool = list(words(language)["advice"])
    return rng.sample(pool, k=min(count, len(pool)))


def abnormal_impressions(exams: list[PrintedExam]) -> list[str]:
    """The conclusions of examinations printed with an unusual wording, for the summary."""
    w_ok = {"未见明显异常", "未见异常", "Within normal limits", "No abnormality detected"}
    out = []
    for exam in exams:
        if exam.impression and exam.impression not in w_ok and exam.category != "physical_exam":
            out.append(exam.impression)
    return out
