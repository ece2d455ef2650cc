"""A report's outline: its own headings, and under each the lines that are not table rows.

Results and vitals are read first; what they leave is text. A heading is a line that names a
section (``normalize.sectionwords``: the whole line, or its first part before a colon or a wide
gap: ``心电图：窦性心律``), a panel name the table reader gave its rows, or a short line set apart
by style (bold among plain text, or taller than the page's text) right above result rows. Lines
repeated on several pages (running headers, footers) belong to no section. Each heading opens a
block that runs until the next heading, across pages; ``findings`` and ``summary`` read the
blocks of their kinds, and every block with a heading is one of ``StructuredReport.sections``.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from checkup2action.geometry import Box
from checkup2action.layout.lines import TextLine, span_boxes
from checkup2action.normalize.furniture import furniture_keys, line_key
from checkup2action.normalize.sectionwords import (
    ITEM_START,
    HeadingKind,
    department_summary,
    heading_kind,
    imaging_kind,
    is_report_title,
    is_sign_off,
    sounds_medical,
    squeeze,
    strip_decoration,
    study_field,
    sub_label,
)
from checkup2action.report.models import BBox, Provenance, Section
from checkup2action.tables.detect import header_cells

#: A table row covers a line when it holds this share of the line's width.
TAKEN_SHARE = 0.5
#: A styled line is a heading only when result rows start within this many lines below it.
STYLED_LOOKAHEAD = 5
#: Kinds that can carry their content on the heading's own line (``ECG: Sinus rhythm``).
INLINE_KINDS = frozenset({"ecg", "imaging", "physical_exam", "summary"})
#: A line drawn with characters (``..........``, ``------``, ``____``): a place to sign, no text.
RULE_LINE = re.compile(r"\s*[.\-_=*·…~]{3,}\s*")
#: Blocks whose sub-labels (``提示：``, ``Impression:``, ``小结：``) do not open a new block.
EXAM_KINDS = frozenset({"ecg", "imaging", "physical_exam"})


@dataclass(slots=True)
class FreeLine:
    """A line of text that no result or vital row took, with its page and box."""

    page: int
    text: str
    box: Box
    source: str = "text_layer"


@dataclass(slots=True)
class Block:
    """A heading and the free lines under it, up to the next heading."""

    kind: HeadingKind
    heading: FreeLine | None
    inline: FreeLine | None = None  # text after the heading on its own line
    lines: list[FreeLine] = field(default_factory=list)
    last_page: int = 1
    absorbed: list[str] = field(default_factory=list)  # ids of word-valued rows taken as items
    subheadings: list[FreeLine] = field(default_factory=list)  # sub-labels alone on their line

    def content(self) -> list[FreeLine]:
        """The block's own text: its heading's inline part first; sign-off lines and rules of
        dots or dashes (a place to sign) left out."""
        lines = ([self.inline] if self.inline else []) + self.lines
        return [
            line
            for line in lines
            if line.text.strip()
            and not RULE_LINE.fullmatch(line.text)
            and not is_sign_off(line.text)
        ]

    @property
    def title(self) -> str:
        """The heading as printed, without a trailing colon."""
        return (self.heading.text if self.heading else "").strip().rstrip(":：").strip()


def provenance(items: Iterable[FreeLine]) -> list[Provenance]:
    """One provenance entry per page: the box around the lines on it."""
    boxes: dict[int, list[FreeLine]] = {}
    for item in items:
        boxes.setdefault(item.page, []).append(item)
    out = []
    for page, group in sorted(boxes.items()):
        x0, top = min(g.box[0] for g in group), min(g.box[1] for g in group)
        x1, bottom = max(g.box[2] for g in group), max(g.box[3] for g in group)
        source = "ocr" if any(g.source == "ocr" for g in group) else "text_layer"
        bbox = BBox(x0=x0, top=top, x1=x1, bottom=bottom)
        out.append(Provenance(page=page, bbox=bbox, source=source))  # type: ignore[arg-type]
    return out


def outline(
    lines: Mapping[int, list[TextLine]],
    taken: Mapping[int, list[Box]],
    panels: Mapping[int, set[str]] | None = None,
    soft: Mapping[int, list[tuple[str, Box]]] | None = None,
) -> list[Block]:
    """The document's blocks, in reading order. ``soft``: rows whose value is a word; a numbered
    line of a summary that only they took is the summary's item (the row goes, its id listed in
    the block's ``absorbed``), anywhere else it stays a row."""
    furniture = furniture_keys(lines, lambda page, ln: _is_taken(ln, taken.get(page, [])))
    blocks: list[Block] = []
    for page in sorted(lines):
        used = [_is_taken(line, taken.get(page, [])) for line in lines[page]]
        reading = _PageReading(
            page,
            lines[page],
            used,
            {squeeze(strip_decoration(p)) for p in (panels or {}).get(page, set())},
            (soft or {}).get(page, []),
            _BodyStyle.of(lines[page], used),
        )
        for index, line in enumerate(lines[page]):
            if (
                line_key(line.text) not in furniture
                or reading.used[index]
                or _names_a_section(line)
            ):
                reading.place(blocks, index, line)
    return blocks


def _names_a_section(line: TextLine) -> bool:
    """Whether a line the vocabulary names as a section (``Klinikai kémia``) and no report title:
    printed atop every page it is the section's heading there, not furniture."""
    return heading_kind(line.text) is not None and not is_report_title(line.text)


@dataclass(slots=True)
class _PageReading:
    """One page's lines as the outline reads them: which a row took, its panel names, its rows
    with a word for a value, its body style."""

    page: int
    lines: list[TextLine]
    used: list[bool]
    panel_names: set[str]
    word_rows: list[tuple[str, Box]]
    style: _BodyStyle

    def place(self, blocks: list[Block], index: int, line: TextLine) -> None:
        """Add one line to the outline: skipped as a row, kept in the open block, or a heading."""
        rows = [] if self.used[index] else self._word_rows_of(line)
        if rows and not (blocks and _summary_item(blocks[-1], line.text)):
            self.used[index] = True  # a row with a word value outside a summary: a row
        if self.used[index]:
            if blocks:
                blocks[-1].last_page = self.page
                if blocks[-1].kind.kind == "physical_exam":
                    blocks[-1].lines.append(_free(self.page, line))  # an exam item with a number
            return
        free = _free(self.page, line)
        if blocks and (rows or _continues(blocks[-1], free.text)):
            self._append(blocks[-1], free, rows)
            return
        opened = _heading(free, line, self.panel_names, self.style, self.used[index + 1 :])
        if opened is not None:
            opened.last_page = self.page
            blocks.append(opened)
        elif blocks and header_cells(line) is None:  # a table's column headers are no text
            self._append(blocks[-1], free, [])

    def _word_rows_of(self, line: TextLine) -> list[str]:
        """Ids of the word-valued rows that hold this line."""
        return [rid for rid, box in self.word_rows if _is_taken(line, [box])]

    def _append(self, block: Block, free: FreeLine, rows: list[str]) -> None:
        """A line of the open block (a study's sub-label alone on it is also a section)."""
        block.lines.append(free)
        block.last_page = self.page
        block.absorbed += rows
        if not rows and block.kind.kind in EXAM_KINDS and _bare_label(free.text):
            block.subheadings.append(free)


def _summary_item(block: Block, text: str) -> bool:
    """Whether a line is a numbered item of a summary block (``4. Urine Glucose abnormal``)."""
    return block.kind.kind == "summary" and ITEM_START.match(text) is not None


def sections_of(blocks: Iterable[Block]) -> list[Section]:
    """The report's sections: one per heading, with the pages its block spans."""
    out = []
    for block in blocks:
        if block.heading is None or not block.title:
            continue
        kind: Any = block.kind.kind
        heads = [(block.heading, block.title, max(block.heading.page, block.last_page))]
        heads += [
            (sub, sub.text.strip().rstrip(":：").strip(), sub.page) for sub in block.subheadings
        ]
        for line, title, last in heads:
            out.append(
                Section(title=title, kind=kind, page_start=line.page, page_end=max(line.page, last),
                        provenance=provenance([line]))
            )  # fmt: skip
    return out


def _bare_label(text: str) -> bool:
    """Whether a line is a sub-label alone (``ACHADOS:``, ``超声所见``): a heading of its own."""
    label, rest = sub_label(text)
    return label is not None and not rest


def _continues(block: Block, text: str) -> bool:
    """Whether a line starting with an examination's sub-label stays in its block."""
    if block.kind.kind not in EXAM_KINDS:
        return False
    return sub_label(text)[0] is not None or department_summary(text) is not None


def _free(page: int, line: TextLine) -> FreeLine:
    """A line as free text: its words' text, box and source."""
    source = "ocr" if any(w.confidence is not None for w in line.words) else "text_layer"
    return FreeLine(page, line.text.strip(), (line.x0, line.top, line.x1, line.bottom), source)


def _is_taken(line: TextLine, boxes: list[Box]) -> bool:
    """Whether a result or vital row holds most of the line."""
    width = max(line.x1 - line.x0, 1e-6)
    centre = (line.top + line.bottom) / 2
    covered = sum(
        max(0.0, min(line.x1, b[2]) - max(line.x0, b[0]))
        for b in boxes
        if b[1] - 1 <= centre <= b[3] + 1
    )
    return covered / width >= TAKEN_SHARE


@dataclass(frozen=True, slots=True)
class _BodyStyle:
    """The page's ordinary text: its line height and whether it is bold."""

    height: float
    bold_share: float

    @classmethod
    def of(cls, lines: list[TextLine], used: list[bool]) -> _BodyStyle:
        """Median height of the page's lines, and the bold share of its result rows (a
        heading is set apart from the rows it heads; a letterhead's bold field labels do not
        count), or of all its lines when no row took one."""
        if not lines:
            return cls(0.0, 1.0)
        rows = [line for line, row in zip(lines, used, strict=True) if row] or lines
        bold = sum(_bold(line) for line in rows) / len(rows)
        return cls(statistics.median(line.height for line in lines), bold)

    def sets_apart(self, line: TextLine) -> bool:
        """Whether the line is styled as a heading against this body text."""
        if _bold(line) and self.bold_share < 0.5:
            return True
        return self.height > 0 and line.height >= 1.2 * self.height


def _bold(line: TextLine) -> bool:
    """Whether every word of the line is set in a bold face."""
    names = [w.fontname.lower() for w in line.words]
    return all(("bold" in n or "heavy" in n or "black" in n) for n in names) and bool(names)


def _heading(
    free: FreeLine,
    line: TextLine,
    panel_names: set[str],
    style: _BodyStyle,
    below_used: list[bool],
) -> Block | None:
    """A new block when the line is a heading, else None."""
    if is_sign_off(free.text):
        return None
    kind = heading_kind(free.text)
    if kind is not None:
        return Block(kind, free)
    inline = _inline_heading(free, line)
    if inline is not None:
        return inline
    core = strip_decoration(free.text)
    if not _title_like(core):
        return None
    if squeeze(core) in panel_names and not is_report_title(core):  # the table reader's panel
        return Block(HeadingKind("laboratory"), free)
    if (
        sounds_medical(core)
        and not is_report_title(core)
        and _styled_heading(core, line, style, below_used)
    ):
        return Block(HeadingKind("laboratory"), free)
    return None


def _title_like(core: str) -> bool:
    """Whether a line found by style or as a panel name can be a heading: no sentence, no
    ``field: value``, not a method in brackets. A line found by style alone must also hold a
    word of the medical vocabulary (a name or a letterhead set in bold is no heading)."""
    if not re.search(r"[^\W\d_]{2}", core) or _sentence(core):
        return False
    if re.search(r"\S\s*[:：]\s*\S", core):
        return False
    return re.fullmatch(r"[(（\[].*[)）\]]", core) is None


def _inline_heading(free: FreeLine, line: TextLine) -> Block | None:
    """A heading with its content on the same line: before a wide gap or a colon."""
    study = _named_study(free, line)
    if study is not None:
        return study
    first, rest = _split_first(free.text, line)
    if not rest:
        return None
    kind = heading_kind(first)
    if kind is None:
        return None
    cut = line.text.find(first) + len(first)
    head = _part(free, line, first, 0, cut)
    if is_sign_off(rest):  # ``·内科  检查者：…``: a heading with who examined
        return Block(kind, head)
    if kind.kind not in INLINE_KINDS:
        return None
    return Block(kind, head, inline=_part(free, line, rest, cut, len(line.text)))


def _named_study(free: FreeLine, line: TextLine) -> Block | None:
    """An imaging study's heading printed as the value of an exam field, up to the line's
    next cell (``检查项目：甲状腺+颈部淋巴结(彩超)   机房号：``)."""
    field = study_field(line.text)
    if field is None:
        return None
    start, value = field
    first_cell_end = len(line.segments[0].text.strip()) - start
    if len(line.segments) > 1 and first_cell_end > 0:  # the value ends with the line's first cell
        value = value[:first_cell_end]
    kind = imaging_kind(value)
    if kind is None:
        return None
    at = line.text.find(value, start)
    return Block(kind, _part(free, line, value, at, at + len(value)))


def _part(free: FreeLine, line: TextLine, text: str, start: int, end: int) -> FreeLine:
    """A part of a line as a free line of its own, boxed around the characters it covers."""
    boxes = span_boxes(line, start, end) or [free.box]
    box = (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
    return FreeLine(free.page, text, box, free.source)


def _split_first(text: str, line: TextLine) -> tuple[str, str]:
    """The line's first part and the rest: at the first wide gap, else at the first colon."""
    if len(line.segments) > 1:
        first = line.segments[0].text.strip()
        return first, "  ".join(s.text for s in line.segments[1:]).strip()
    match = re.match(r"^([^:：]{1,30})[:：]\s*(.+)$", text)
    if match:
        return match.group(1).strip(), match.group(2).strip()
    return text, ""


def _sentence(text: str) -> bool:
    """Whether text reads as a sentence: a sentence stop, or a comma in a long line
    (``URINALYSIS, ROUTINE`` is a heading, ``此检验结果仅对本次标本负责，仅供临床参考`` is not)."""
    if re.search(r"[。;；!！?？]", text):
        return True
    long = len(text.split()) > 4 or sum(1 for c in text if "\u4e00" <= c <= "\u9fff") > 10
    return long and re.search(r"[，,]", text) is not None


def _styled_heading(core: str, line: TextLine, style: _BodyStyle, below_used: list[bool]) -> bool:
    """A short styled line with result rows right below it (a panel's heading)."""
    if len(core) > 40 or len(line.segments) > 1:
        return False
    if re.search(r"(?<![A-Za-z])\d{2,}", core) or not re.search(r"[A-Za-z\u4e00-\u9fff]{2}", core):
        return False
    return style.sets_apart(line) and any(below_used[:STYLED_LOOKAHEAD])
