"""A column of group names printed before the tests' names, read into the name.

Check-up forms print the disease or organ a test screens for in a column of its own before the
test (``당뇨병 | 공복혈당(mg/dL) | 101``, ``Kidney | Creatinine | 1.1``), often as one cell that
spans the group's rows. A reading that takes the words before the value as the name glues the
group to the test, and the catalogue then knows neither. When the name's words stand in two
segments apart on one line, the first a short label, and only the second is a known name, the
first is the group's and is left out of the name. The same holds for a labelled field of the
page's information block printed beside the table on the test's line, touching the test's name
(``科室：内科`` before ``平均血红蛋白浓度``, made up): a short label with a colon, then its value.
"""

from __future__ import annotations

import re

from checkup2action.ingestion.document import Word
from checkup2action.layout.lines import Segment, join_words, split_segments
from checkup2action.tables.content import looks_any_unit
from checkup2action.tables.model import RawRow
from checkup2action.tables.roles import Role
from checkup2action.tables.scoring import names_analyte

#: A group's label is short (``당뇨병``, ``Kidney function``).
MAX_GROUP_CHARS = 16
_COLONS = (":", "：")
#: A field of an information block: a short label without digits, a colon, maybe its value.
_FIELD = re.compile(r"^[^\d:：]{1,8}[:：]")
#: A field and its value beside a table are at most this long (``标本类型：全血抗凝``, made up).
MAX_FIELD_CHARS = 24
MAX_FIELD_WORDS = 3


def without_group_column(row: RawRow) -> RawRow:
    """The row with the group words before its test's name left out (module docstring)."""
    words = row.cells.get(Role.NAME)
    if not words:
        return row
    words = sorted(words, key=lambda w: w.x0)
    segments = split_segments(words)
    if len(segments) == 2 and _group_then_test(*segments):
        test = list(segments[1].words)
    else:
        test = _after_field(words)
    if not test or names_analyte(join_words(words)) or not names_analyte(join_words(test)):
        return row
    row.cells[Role.NAME] = test
    return row


def _group_then_test(group: Segment, test: Segment) -> bool:
    """Whether two pieces of a name can be a group's cell and a test's name beside it: side by
    side on one line, the group a short label (no digit, no unit, no colon after it: ``Episode :
    IP`` is a field and its value), the test opening with a letter and no field's label."""
    if group.bottom <= test.top or test.bottom <= group.top:
        return False
    label, name = group.text.strip(), test.text.strip()
    if len(label) > MAX_GROUP_CHARS or any(c.isdigit() for c in label) or looks_any_unit(label):
        return False
    return not label.endswith(_COLONS) and name[:1].isalpha() and not name.endswith(_COLONS)


def _after_field(words: list[Word]) -> list[Word]:
    """The words after a labelled field and its value that open a name's words (``科室：内科``
    before the test, made up); empty when the name opens with no such field. A label with no
    value after its colon (``Urine:``) may be the test's own specimen, so it is kept."""
    for k in range(1, min(MAX_FIELD_WORDS, len(words) - 1) + 1):
        field = join_words(words[:k]).strip()
        match = _FIELD.match(field)
        if match is None or len(field) > MAX_FIELD_CHARS:
            continue
        name = join_words(words[k:]).strip()
        if field[match.end() :].strip() and name[:1].isalpha() and not name.endswith(_COLONS):
            return words[k:]
    return []
