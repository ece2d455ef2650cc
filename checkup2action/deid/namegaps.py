"""A labelled name whose words OCR spaced wide apart: the name goes on past a field gap.

A field's value ends at a wide gap (two spaces or more), the gap between two fields of a form.
But OCR sets the words of one name as far apart as the photo shows them (made up)::

    Paciente:  FULANO SICRANO  BELTRANO  NETO  Sexo:  M
    Liberado por Ana  Lucia  Prado  CRBio:  12345/01D

so the name runs on over gaps while each run after a gap is only more words of a name in the
name's own letter case (capitals after capitals, capitalised words after capitalised words,
initials and particles such as ``DA``, ``de`` either way), and stops at a run with a digit, a
colon or a field label, at a sex word (``MALE``), and at a lone word of one or two letters.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from checkup2action.deid.keydata import key_data

#: One run after a field gap, up to the next gap, a bar or the line's end.
_RUN_AFTER_GAP = re.compile(r"(?:[ ]{2,}|\t)(?P<run>[^\s|](?:[^\t|]*?[^\s|])?)(?=[ ]{2,}|\t|\||$)")
_CAPS = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
_CAPS_WORD = re.compile(rf"[{_CAPS}][{_CAPS}'’\-]+")
_TITLE_WORD = re.compile(rf"[{_CAPS}][{_LOWER}'’\-]+")
_INITIAL = re.compile(rf"[{_CAPS}]\.")
#: Surname particles, any case.
_PARTICLES = frozenset(
    {"da", "de", "do", "dos", "das", "del", "della", "di", "van", "von", "der", "den", "du",
     "le", "la", "bin", "al", "e", "y"}
)  # fmt: skip
#: Words that end a name's field instead of going on with it: the patient's sex, a place of
#: care (a staff member's qualifications end it too: ``deid.keydata``).
_NOT_NAME = frozenset(
    {"male", "female", "masculino", "feminino", "femenino", "masculin", "féminin", "männlich",
     "weiblich", "hospital", "hospitals", "clinic", "clinica", "clínica", "laboratory",
     "laboratorio", "laboratório", "lab", "labs", "centre", "center", "centro", "department",
     "ward", "unit", "diagnostics"}
)  # fmt: skip


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    """Words no name's run may hold, in lower case: the above and one-word qualifications."""
    quals = {str(q).lower() for q in key_data()["qualifications"] if " " not in str(q)}
    return _NOT_NAME | quals


#: Runs of at most this many words go on with a name.
_MAX_RUN_WORDS = 3


def name_runs_on(text: str, end: int, is_label: Callable[[str], bool]) -> int:
    """Where a name value that ends at ``end`` (a field gap after it) really ends: past each
    run after a gap that is more words of the name (``is_label``: whether a run opens with a
    field label)."""
    caps = _caps_style(text[:end])
    if caps is None:
        return end
    pos, last_name_end = end, end
    while (m := _RUN_AFTER_GAP.match(text, pos)) is not None:
        run = m.group("run")
        if is_label(run) or not _continues(run, caps):
            break
        pos = m.end()
        if not all(w.lower() in _PARTICLES for w in run.split()):
            last_name_end = pos  # a particle alone must be followed by a name's word
    return last_name_end


def _caps_style(value: str) -> bool | None:
    """Whether the name so far is set in capitals (True), capitalised words (False), or
    neither (None: no last word to go on from)."""
    words = re.findall(r"[^\W\d_]{2,}", value)
    if not words:
        return None
    last = words[-1]
    return last.isupper() if last[:1].isupper() else None


def _continues(run: str, caps: bool) -> bool:
    """Whether a run after a gap is only words of a name in the name's letter case."""
    words = run.split()
    if not 0 < len(words) <= _MAX_RUN_WORDS:
        return False
    if len(words) == 1 and len(words[0]) <= 2 and words[0].lower() not in _PARTICLES:
        return False  # ``AM``, ``M``: a field's short value, not a name's word
    return all(_name_word(w, caps) for w in words)


def _name_word(word: str, caps: bool) -> bool:
    """A word of a name in the given letter case, an initial or a particle."""
    if word.lower() in _stop_words():
        return False
    if word.lower() in _PARTICLES or _INITIAL.fullmatch(word):
        return True
    return (_CAPS_WORD if caps else _TITLE_WORD).fullmatch(word) is not None
