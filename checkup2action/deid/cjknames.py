"""Chinese names printed bare right before another field's label.

Chinese lab slips print the patient's name in the header row without its own label, or lose the
label to the picture's edge, and the next field's label follows it on the same line (``王小明
病案号：…``, ``王小明  性别：男``); a signature row glues one signer's name to the next signer's
label (``李冰核对者：张三``). Two or three Chinese characters standing alone (a line's start, a
gap or a mark before them), right before an identifier label or a patient field's label, or a
gap before it, are taken as a name when the first is a common surname (``cjk_surnames`` in
``identifier_keys.yaml``) and no pair of them is a pair of a test's or a section's name
(``白细胞`` begins with a surname too).
"""

from __future__ import annotations

import re
from functools import lru_cache

from checkup2action.deid.identifiers import Identifier, is_identifier_label, label_starts
from checkup2action.deid.keydata import is_han, key_data
from checkup2action.normalize.sectionwords import sounds_medical

#: Two or three Chinese characters alone at the end of a text (a label may follow it).
_BARE_NAME_END = re.compile(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{2,3}(?=\s*$)")


@lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    """The common Chinese surnames of the key file."""
    return frozenset(key_data()["cjk_surnames"])


def names_before_labels(text: str) -> list[Identifier]:
    """The bare Chinese names right before an identifier label on ``text``."""
    if not any(is_han(c) for c in text):
        return []
    found = []
    for start in sorted(
        set(label_starts(text)) | {m.start() for m in _field_label().finditer(text)}
    ):
        m = _BARE_NAME_END.search(text, 0, start)
        if m and _is_name(m.group(0)):
            found.append(Identifier("name", m.start(), m.end(), m.group(0), "before_label"))
    return found


@lru_cache(maxsize=1)
def _field_label() -> re.Pattern[str]:
    """A Chinese patient-field label with its colon (``性别：``, ``年龄:``)."""
    keys = [k for k in key_data()["patient_block_keys"] if is_han(k[:1])]
    return re.compile("(?:" + "|".join(r"\s*".join(k) for k in keys) + r")\s*[:：]")


def _is_name(text: str) -> bool:
    """Whether two or three Chinese characters read as a name, not a word of the report."""
    if text[0] not in _surnames() or is_identifier_label(text):
        return False
    return not sounds_medical(text)
