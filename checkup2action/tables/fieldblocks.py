"""Results printed as blocks of labelled fields under the test's name, as patient portals do:

    Calcium(칼슘)
    Calcium(칼슘) 단위 : mg/dL
      • 결과 : 9.3
      • 참고치 : 8.5~10.5
      • 검사일 : 2024-07-25

A field is a label that the header vocabulary knows, a colon and what follows it: ``결과`` or
``Result`` gives the value, ``참고치`` or ``Reference range`` the range, ``단위`` or ``Unit`` the
unit (labels of other roles, a date, end nothing but are read past). Fields one under another in
one column make a block. The block's name is what stands before a label on its line
(``Calcium(칼슘) 단위``), or else the nearest line above the block in its column. Several
portal screens side by side read as several columns of blocks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from checkup2action.grammar.ranges import parse_range
from checkup2action.ingestion.document import Word, split_word
from checkup2action.layout.lines import Segment, TextLine, join_words, split_segments
from checkup2action.tables.content import looks_numeric_value, looks_unit
from checkup2action.tables.listitems import COLON
from checkup2action.tables.model import RawRow
from checkup2action.tables.roles import Role, role_of_header, role_of_misread_header

#: Marks of a bulleted list before a field's label.
BULLETS = frozenset("•·ㆍ∙*＊+-–◦○●")
#: Roles whose labelled fields make a block (the rest, such as a date, are read past).
FIELD_ROLES = (Role.VALUE, Role.RANGE, Role.UNIT, Role.FLAG)
#: What a portal prints in a field it has nothing for.
NOTHING = frozenset(["null", "none", "n/a", "-", "—"])
#: A label is at most this many words (or characters glued to the name before it).
MAX_LABEL_WORDS, MAX_LABEL_CHARS = 3, 8
#: An unread label is at most this many characters (a field read as a range by its content).
MAX_MISREAD_LABEL = 4
#: Fields of one block start within this many line heights of each other, left to right...
SAME_COLUMN = 4.0
#: ...and each starts within this many line heights below the one before (from a little above
#: its foot: the boxes of small print read from a screenshot overlap).
NEXT_FIELD = 2.6
OVERLAP = 0.6
#: The name line above a block is at most this many line heights above its first field.
NAME_ABOVE = 3.5


@dataclass(slots=True)
class Field:
    """A labelled field: its role, what follows the colon, and the name before its label."""

    role: Role
    content: list[Word]
    name: list[Word]
    segment: Segment


@dataclass(slots=True)
class Block:
    """Fields one under another in one column."""

    fields: list[Field] = field(default_factory=list)

    @property
    def x0(self) -> float:
        """Left edge of the block's first field."""
        return self.fields[0].segment.x0

    @property
    def bottom(self) -> float:
        """Bottom of its last field."""
        return self.fields[-1].segment.bottom


def _without_bullets(words: list[Word]) -> list[Word]:
    """The words after the bullet marks a field line opens with."""
    k = 0
    while k < len(words) and all(c in BULLETS for c in words[k].text):
        k += 1
    return words[k:]


def _label_role(text: str, misread: bool = False) -> Role | None:
    """The role a field's label names (ignoring bullet marks glued to it); with ``misread``, also
    a label OCR misread by a character or a Hangul letter (``결고`` for ``결과``)."""
    label = text.lstrip("".join(BULLETS))
    role = role_of_header(label, exact_only=True)
    return role if role is not None or not misread else role_of_misread_header(label)


def _split_head(head: list[Word]) -> tuple[Role, list[Word]] | None:
    """(label's role, the name before the label) of the words before a colon; None when they
    end in no label. The label may be glued to the name (``Hemoglobin(혈색소)단위``)."""
    for k in range(max(0, len(head) - MAX_LABEL_WORDS), len(head)):
        role = _label_role(join_words(head[k:]), misread=True)
        if role is not None:
            return role, head[:k]
    last = head[-1]
    for cut in range(len(last.text) - 1, max(0, len(last.text) - MAX_LABEL_CHARS), -1):
        role = _label_role(last.text[cut:])
        if role is not None:
            return role, [*head[:-1], split_word(last, cut)[0]]
    return None


def field_of(segment: Segment) -> Field | None:
    """The labelled field a segment holds, None when it holds none."""
    words = _without_bullets(segment.words)
    for k, word in enumerate(words[: MAX_LABEL_WORDS + 3]):
        m = COLON.search(word.text)
        if m is None:
            continue
        head, tail = list(words[:k]), list(words[k + 1 :])
        if m.start() > 0:
            head.append(split_word(word, m.start())[0])
        if m.end() < len(word.text):
            tail.insert(0, split_word(word, m.end())[1])
        split = (_split_head(head) or _range_by_content(head, tail)) if head else None
        if split is None or not tail:
            return None
        return Field(split[0], tail, split[1], segment)
    return None


def _range_by_content(head: list[Word], tail: list[Word]) -> tuple[Role, list[Word]] | None:
    """(RANGE, no name) for a field whose label OCR could not read (one short word with no
    digit: ``卫元`` for ``참고치``) when what follows the colon is a range with two bounds."""
    if len(head) != 1 or len(head[0].text) > MAX_MISREAD_LABEL:
        return None
    if any(c.isdigit() for c in head[0].text):
        return None
    rng = parse_range(join_words(tail))
    if rng is None or rng.low is None or rng.high is None:
        return None
    return Role.RANGE, []


def _blocks(fields: list[Field], height: float) -> list[Block]:
    """Fields gathered into blocks: one column, each field close under the one before; a field
    that carries a name, or a second field of one role, opens the next block."""
    blocks: list[Block] = []
    for f in sorted(fields, key=lambda f: f.segment.top):
        near = [
            b
            for b in blocks
            if abs(f.segment.x0 - b.x0) <= SAME_COLUMN * height
            and -OVERLAP * height <= f.segment.top - b.bottom <= NEXT_FIELD * height
        ]
        home = max(near, key=lambda b: b.bottom) if near else None
        if home is not None and (f.name or any(g.role is f.role for g in home.fields)):
            home = None
        if home is None:
            blocks.append(Block([f]))
        else:
            home.fields.append(f)
    return blocks


def _name_above(block: Block, segments: list[Segment], height: float) -> list[Word]:
    """The words of the nearest segment above a block in its column (no field of its own)."""
    top = block.fields[0].segment.top
    above = [
        s
        for s in segments
        if s.bottom <= top + 0.2 * height
        and top - s.bottom <= NAME_ABOVE * height
        and s.x0 <= block.x0 + height
        and s.x1 > block.x0
    ]
    return max(above, key=lambda s: s.bottom).words if above else []


def _unlabelled_value(block: Block, segments: list[Segment]) -> Field | None:
    """A value field whose label OCR lost: the one segment between the block's first and last
    fields, starting under their width, that is a lone number (``6.0`` between
    ``pH 단위 : null`` and ``참고치 : 4.5~8.0``)."""
    if len(block.fields) < 2:
        return None
    first, last = block.fields[0].segment, block.fields[-1].segment
    left = min(f.segment.x0 for f in block.fields) - (first.bottom - first.top)
    right = max(f.segment.x1 for f in block.fields)
    lone = [
        s
        for s in segments
        if first.top < s.top
        and s.bottom < last.bottom
        and left <= s.x0 < right
        and len(words := _without_bullets(s.words)) == 1
        and looks_numeric_value(words[0].text)
    ]
    return (
        Field(Role.VALUE, _without_bullets(lone[0].words), [], lone[0]) if len(lone) == 1 else None
    )


def block_row(block: Block, segments: list[Segment], page: int, height: float) -> RawRow | None:
    """The result a block prints (None without a value field, labelled or not, or a name)."""
    by_role = {f.role: f for f in block.fields}
    if Role.VALUE not in by_role and (value_field := _unlabelled_value(block, segments)):
        by_role[Role.VALUE] = value_field
    if Role.VALUE not in by_role:
        return None
    name = next((f.name for f in block.fields if f.name), None)
    name = name or _name_above(block, segments, height)
    if not name:
        return None
    row = RawRow(page=page)
    row.cells[Role.NAME] = list(name)
    for role in FIELD_ROLES:
        if role in by_role and join_words(by_role[role].content).lower() not in NOTHING:
            row.cells[role] = list(by_role[role].content)
    value = row.cells[Role.VALUE]
    if Role.UNIT not in row.cells and len(value) > 1 and looks_unit(join_words(value[1:])):
        row.cells[Role.VALUE], row.cells[Role.UNIT] = value[:1], value[1:]  # ``16.5 g/dL``
    return row


def field_block_rows(lines: list[TextLine], page: int) -> list[RawRow]:
    """The results a page prints as blocks of labelled fields (module docstring)."""
    segments = [s for line in lines for s in split_segments(line.words)]
    found = [(s, field_of(s)) for s in segments]
    fields = [f for _, f in found if f is not None and f.role in FIELD_ROLES]
    if not any(f.role is Role.VALUE for f in fields):
        return []
    height = sorted(s.bottom - s.top for s in segments)[len(segments) // 2]
    plain = [s for s, f in found if f is None]
    rows = [block_row(b, plain, page, height) for b in _blocks(fields, height)]
    return [r for r in rows if r is not None]
