"""Phone screenshots of a hospital app (the shared drawing of ``zh_app_list`` / ``en_app_list``).

A narrow page per screen (360 x 800 pt, a 1080 x 2400 px phone at 3x): status bar, a coloured
navigation bar with the report title, on the first screen a patient card (masked name, sex, age,
dates), then section headings and one grey rounded card per result:

    白细胞计数 WBC                    6.8
    参考区间：3.5~9.5 10^9/L
    血红蛋白 HGB                    108 ↓

Name on the left, value (red when abnormal, maybe with an arrow or H/L, maybe the unit) on the
right, the labelled range with the unit on the smaller grey line below. A card never straddles two
screens; a section continued on the next screen repeats no heading.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from checkup2action.samples.draw import RED, Box, Canvas, Color, Document
from checkup2action.samples.results import Lab, ResultSpec

PAGE_SIZE = (360.0, 800.0)
MARGIN = 12.0
PAD = 10.0
STATUS_H = 22.0
NAV_H = 40.0
BOTTOM = 30.0
UNIT_GAP = 5.0  # between a value and the unit printed beside it
INK: Color = (34, 34, 34)
MUTED: Color = (140, 140, 140)
CARD: Color = (245, 246, 248)
NAV_COLOURS: tuple[Color, ...] = ((22, 119, 255), (0, 150, 136), (255, 255, 255))


@dataclass
class Look:
    """How this app draws (fixed per report)."""

    name_size: float
    range_size: float
    nav: Color
    red: bool  # abnormal values in red
    unit_by_value: bool  # the unit beside the value instead of on the range line
    label_sep: str  # between the range label and the range: "：", ": ", " "
    flag_gap: str  # between value and flag: "" or " "
    card_gap: float

    @classmethod
    def pick(cls, rng: random.Random, label_seps: tuple[str, ...]) -> Look:
        """Random choices of one app."""
        size = rng.uniform(10.5, 12.0)
        return cls(
            name_size=size, range_size=size - rng.uniform(1.5, 2.5), nav=rng.choice(NAV_COLOURS),
            red=rng.random() < 0.7, unit_by_value=rng.random() < 0.25,
            label_sep=rng.choice(label_seps), flag_gap=rng.choice(["", " "]),
            card_gap=rng.uniform(6, 10),
        )  # fmt: skip


@dataclass
class Head:
    """Texts of the top of the report (first screen) and of every screen."""

    title: str
    clock: str
    battery: str
    patient: str  # "张**  男  45岁"
    fields: list[str]  # "门诊号：12345678", "采样时间：...", ...
    summary: str
    note: str
    range_label: str


@dataclass
class Screens:
    """Draws the screens of one report and records each result card's truth."""

    doc: Document
    look: Look
    head: Head
    y: float = 0.0
    boxes: list[Box] = field(default_factory=list)

    @property
    def cv(self) -> Canvas:
        """The document's canvas."""
        return self.doc.cv

    @property
    def limit(self) -> float:
        """Lowest y a card may reach on a screen."""
        return self.cv.H - BOTTOM

    def new_screen(self) -> None:
        """Start a screen: status bar, navigation bar, home indicator."""
        cv, look, head = self.cv, self.look, self.head
        cv.add_page()
        on_colour = look.nav != (255, 255, 255)
        fg = (255, 255, 255) if on_colour else INK
        cv.rect(0, 0, cv.W, STATUS_H + NAV_H, fill=look.nav, stroke=None)
        cv.text(16, 15, head.clock, size=9.5, color=fg, bold=True)
        cv.text(cv.W - 16, 15, head.battery, size=9, color=fg, align="R")
        cv.text(16, STATUS_H + 26, "<", size=16, color=fg)
        cv.text(cv.W / 2, STATUS_H + 25, head.title, size=13.5, color=fg, bold=True, align="C")
        if not on_colour:
            cv.line(0, STATUS_H + NAV_H, cv.W, STATUS_H + NAV_H, 0.4, (225, 225, 225))
        cv.rect(cv.W / 2 - 60, cv.H - 12, 120, 4, fill=(30, 30, 30), stroke=None, radius=2)
        self.y = STATUS_H + NAV_H + 10

    def patient_card(self) -> None:
        """The first screen's card: masked name, sex and age, numbers and dates, summary."""
        cv, head = self.cv, self.head
        size = self.look.range_size + 0.5
        h = 2 * PAD + 16 + len(head.fields) * (size + 6) + (size + 8)
        cv.rect(MARGIN, self.y, cv.W - 2 * MARGIN, h, fill=(255, 255, 255), stroke=(230, 230, 230),
                width=0.5, radius=8)  # fmt: skip
        y = self.y + PAD + 12
        cv.text(MARGIN + PAD, y, head.patient, size=13, color=INK, bold=True)
        y += 6
        for text in head.fields:
            y += size + 6
            cv.text(MARGIN + PAD, y, text, size=size, color=MUTED)
        y += size + 8
        cv.text(MARGIN + PAD, y, head.summary, size=size, color=INK)
        self.y += h + 12

    def heading(self, text: str, first_card_h: float) -> None:
        """A section heading with a coloured bar; moves to a new screen with its first card."""
        if self.y + 24 + first_card_h > self.limit:
            self.new_screen()
        nav = self.look.nav if self.look.nav != (255, 255, 255) else (22, 119, 255)
        self.cv.rect(MARGIN, self.y + 4, 3, 14, fill=nav, stroke=None)
        self.cv.text(MARGIN + 9, self.y + 16, text, size=12.5, color=INK, bold=True)
        self.y += 26

    def card_height(self) -> float:
        """Height of one result card."""
        return 2 * PAD + self.look.name_size * 1.15 + 6 + self.look.range_size * 1.15

    def card(self, spec: ResultSpec, panel: str) -> None:
        """Draw one result card and record its truth."""
        cv, look = self.cv, self.look
        h = self.card_height()
        if self.y + h > self.limit:
            self.new_screen()
        cv.rect(MARGIN, self.y, cv.W - 2 * MARGIN, h, fill=CARD, stroke=None, radius=6)
        base1 = self.y + PAD + look.name_size * 0.88
        base2 = base1 + 6 + look.range_size * 1.15 + look.name_size * 0.15
        boxes = self._value_side(spec, base1)
        left = MARGIN + PAD
        room = min(b[0] for b in boxes) - left - 12
        size = look.name_size
        while cv.width(spec.name_raw, "sans", size) > room:
            size -= 0.5
        boxes.append(cv.text(left, base1, spec.name_raw, size=size, color=INK))
        boxes += self._range_line(spec, left, base2)
        self.doc.record(spec, boxes, panel)
        self.y += h + look.card_gap

    def _value_side(self, spec: ResultSpec, base: float) -> list[Box]:
        """Value, flag and (maybe) unit, right-aligned on the card's first line."""
        cv, look = self.cv, self.look
        abnormal = spec.abnormal and look.red
        if abnormal:
            spec.flag_style = "red"
        colour = RED if abnormal else INK
        x = cv.W - MARGIN - PAD
        boxes: list[Box] = []
        size = look.name_size + 0.5
        if look.unit_by_value and spec.unit_raw:
            boxes.append(cv.text(x, base, spec.unit_raw, size=look.range_size, color=MUTED,
                                 align="R"))  # fmt: skip
            x = boxes[-1][0] - UNIT_GAP
        if spec.flag_printed:
            boxes.append(cv.text(x, base, spec.flag_printed, size=size, color=colour, align="R"))
            x = boxes[-1][0] - cv.width(look.flag_gap, "sans", size)
        boxes.append(cv.text(x, base, spec.value_raw, size=size, color=colour, bold=True,
                             align="R"))  # fmt: skip
        return boxes

    def _range_line(self, spec: ResultSpec, left: float, base: float) -> list[Box]:
        """``参考区间：3.5~9.5 10^9/L`` in small grey type (the label is outside the truth box).

        Drawn as one string, so the spaces are real characters the text layer splits words at.
        """
        look = self.look
        label = f"{self.head.range_label}{look.label_sep}"
        parts = [label, spec.ref_text or ""]
        if spec.unit_raw and not look.unit_by_value:
            parts += [" ", spec.unit_raw]
        boxes = self._string(left, base, parts, look.range_size, MUTED)
        return [b for part, b in zip(parts, boxes, strict=True) if part.strip()][1:]

    def _string(self, x: float, base: float, parts: list[str], size: float,
                color: Color) -> list[Box]:  # fmt: skip
        """Draw the parts as one string; the box of each part."""
        cv = self.cv
        whole = cv.text(x, base, "".join(parts), size=size, color=color)
        boxes, x0 = [], whole[0]
        for part in parts:
            x1 = x0 + cv.width(part, "sans", size)
            boxes.append((x0, whole[1], x1, whole[3]))
            x0 = x1
        return boxes

    def closing_note(self) -> None:
        """A centred grey note under the last card (on a new screen if needed)."""
        if self.y + 20 > self.limit:
            self.new_screen()
        size = self.look.range_size
        self.cv.text(self.cv.W / 2, self.y + 12, self.head.note, size=size, color=MUTED, align="C")


def render(doc: Document, look: Look, head: Head,
           sections: list[tuple[str, list[ResultSpec]]]) -> tuple[bytes, dict]:  # fmt: skip
    """Draw every screen of a report and return (pdf, truth)."""
    screens = Screens(doc, look, head)
    screens.new_screen()
    screens.patient_card()
    for heading, specs in sections:
        screens.heading(heading, screens.card_height())
        for spec in specs:
            screens.card(spec, heading)
    screens.closing_note()
    return doc.finish()


def sample_sections(lab: Lab, sex: str, panels: list[tuple[str, list]]) -> list[tuple[str, list]]:
    """(heading, results) per panel: each analyte sampled the way ``lab`` reports it."""
    return [
        (lab.panel_name(p), [lab.result(a, sex, quant_serology=0.3) for a in analytes])
        for p, analytes in panels
    ]


def summary_counts(sections: list[tuple[str, list[ResultSpec]]]) -> tuple[int, int]:
    """(results, abnormal results) for the summary line."""
    specs = [s for _, items in sections for s in items]
    return len(specs), sum(s.abnormal for s in specs)
