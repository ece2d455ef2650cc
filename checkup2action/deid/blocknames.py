"""Names printed without a label, told by the patient fields around them.

Signers' names are printed bare too, with their qualification after them (``Jane A. Doe  MD``):
a name-shaped text right before a qualification of ``identifier_keys.yaml`` is a name.

Reference labs print the patient's name bare at the top of the patient block (``DOE, JANE A``)
and again in a running header (``DOE, JANE    DOB: 01/02/1960    Patient ID: 123``). A text
shaped like a name counts as one only with a patient field beside it: a birth date, age, sex or
patient-ID label later on the same line, or at the start of the next line. Test names take the
same shapes (``PROTEIN, TOTAL``, ``Total Cholesterol``) but never sit above a ``DOB:`` line. A
surname in capitals before the given names (``DOE Jane``) is taken anywhere on such a line, as a
segment of its own, unless it shares a word with the catalogue or the section vocabulary
(``HDL Cholesterol``). A name all in capitals at the start of a line needs a patient field later
on the same line (``SILVA MARIA  DN: …``). A short name label whose colon OCR lost
(``Name  JANE DOE``) still labels the capitalised words after its gap, on a line that ends there
or goes on with a patient field.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from checkup2action.deid.cjknames import names_before_labels
from checkup2action.deid.identifiers import Identifier, in_text
from checkup2action.deid.keydata import key_data
from checkup2action.deid.mojibake import letters_probe
from checkup2action.deid.namelines import (
    given_surname_line,
    initialled_names,
    patronymic_names,
)
from checkup2action.normalize.sectionwords import sounds_medical

#: ``DOE, JANE A``, ``Doe, Jane`` or ``DOE, Jane`` at the start of a line or of a segment after a
#: wide gap.
_COMMA_NAME = re.compile(
    r"(?:^|(?<=\s\s))"
    r"(?:[A-Z][A-Z'\-]+(?: [A-Z][A-Z'\-]+)?, ?[A-Z][A-Z'\-]+(?: [A-Z][A-Z'\-]*\.?){0,2}"
    r"|[A-Z][a-z'\-]+(?: [A-Z][a-z'\-]+)?, [A-Z][a-z'\-]+(?: [A-Z][a-z'\-]*\.?){0,2}"
    r"|[A-Z][A-Z'\-]+(?: [A-Z][A-Z'\-]+)?, [A-Z][a-z'\-]+(?: [A-Z][a-z'\-]*\.?){0,2})"
    r"(?=\s\s|\t|$|\s\()"  # ``DOE, JANE (id #4711, dob: …)``
)
#: ``DOE Jane``, ``DUPONT-MOREAU Marie Claire``: a surname in capitals, then given names (German
#: and French reports), as a segment of its own.
_SURNAME_GIVEN = re.compile(
    r"(?:^|(?<=\s\s))[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'\-]+(?: [A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'\-]+)?"
    r" [A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'\-]+(?: [A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'\-]+)?(?=\s\s|\t|$)"
)
#: ``JANE ALMEIDA DOE``, ``MARIA DA SILVA``: a name in capitals at the start of a line, a patient
#: field later on the same line (``SILVA MARIA  DN: …  SEXO: …``).
_CAPS_NAME = re.compile(
    r"^[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'\-]+(?: (?:D[AEO]S?|DEL?|[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'\-]+)){1,5}"
    r"(?=\s\s|\t)"
)
#: ``Jane A. Doe`` at the start of a line: a name only above a patient-field line or before one
#: on its own line.
_PLAIN_NAME = re.compile(
    r"^[A-Z][a-z'\-]+(?: [A-Z]\.?)? [A-Z][a-z'\-]+(?: [A-Z][a-z'\-]+)?(?=\s\s|\t|$)"
)


@lru_cache(maxsize=1)
def _patient_field_keys() -> list[str]:
    """The labels of a patient block's fields and of a birth date, longest first."""
    data = key_data()
    keys = set(data["patient_block_keys"]) | set(data["birth_date"]["keys"])
    return sorted(keys, key=len, reverse=True)


@lru_cache(maxsize=1)
def _block_label() -> re.Pattern[str]:
    """A patient-block field label (birth date, age, sex, patient ID), compiled once."""
    keys = _patient_field_keys()
    body = "|".join(re.escape(k).replace(r"\ ", r"\s*") for k in keys)
    return re.compile(
        rf"(?<![A-Za-z])(?:{body})(?![A-Za-z])\.?\s*(?:\([^)]{{0,12}}\))?\s*[:：]", re.IGNORECASE
    )


_UPPER = "A-ZÀ-ÖØ-Þ"


@lru_cache(maxsize=1)
def _gapped_label_name() -> re.Pattern[str]:
    """A name after a short name label whose colon OCR lost (``Name  JANE DOE  Age  45``): the
    label opens the line, a wide gap parts it from a name of two to four capitalised words, and
    the line ends or goes on with a patient field's label."""
    data = key_data()
    bare = [k for k in data["name"]["needs_colon"] if k.isascii() and k.isalpha()]
    fields = _patient_field_keys()
    word = rf"[{_UPPER}][\w'\-]*\.?"
    return re.compile(
        rf"^\s*(?i:{'|'.join(map(re.escape, bare))})\s{{2,}}(?P<name>{word}(?: {word}){{1,3}})"
        rf"(?=\s*$|\s{{2,}}(?i:{'|'.join(re.escape(k) for k in fields)})(?![^\W\d_]))"
    )


def gapped_label_name(text: str) -> list[Identifier]:
    """The name after a name label that lost its colon, when its line reads as a patient's."""
    m = _gapped_label_name().match(text)
    if m is None or sounds_medical(m.group("name")):
        return []
    return [Identifier("name", m.start("name"), m.end("name"), m.group("name"), "gapped_label")]


@lru_cache(maxsize=1)
def _signer() -> re.Pattern[str]:
    """A name right before a qualification (``Arun S. Kelkarwad  MD``, ``Kovács Éva Biológus``)."""
    data = key_data()
    quals = "|".join(re.escape(q) for q in sorted(data["qualifications"], key=len, reverse=True))
    word = rf"(?:[{_UPPER}]\.\s?)*[{_UPPER}][\w'\-]+"
    return re.compile(
        rf"(?:^|(?<=\s\s))(?:(?i:Dr)\.?\s*)?(?P<name>{word}(?: (?:[{_UPPER}]\.\s?)*[{_UPPER}][\w'\-]*\.?){{1,3}})"
        rf",?\s+(?:{quals})(?![^\W\d_])"
    )


def signer_names(text: str) -> list[Identifier]:
    """Names printed right before a qualification on ``text``."""
    return [
        Identifier("name", m.start("name"), m.end("name"), m.group("name"), "signature")
        for m in _signer().finditer(text)
    ]


#: A letter's or a summary's title that ends with whom it is for: ``Care Summary for Jane Doe``.
_TITLE_FOR_NAME = re.compile(
    r"(?:Summary|Report|Letter|Results|Record|Notes?) for "
    r"(?P<name>[A-ZÀ-Þ][\w'\-]+(?: [A-ZÀ-Þ][\w'\-]+){1,3})\s*$"
)


def addressee(text: str) -> list[Identifier]:
    """The name a title says the document is for (``Patient Care Summary for Jane Doe``)."""
    m = _TITLE_FOR_NAME.search(text)
    if m is None or sounds_medical(m.group("name")) or any(c.isdigit() for c in text):
        return []
    return [Identifier("name", m.start("name"), m.end("name"), m.group("name"), "addressee")]


def _starts_with_label(text: str) -> bool:
    """Whether a line begins with a patient-block field label."""
    return _block_label().match(text.lstrip()) is not None


def unlabelled_names(lines: Sequence[str]) -> list[tuple[int, Identifier]]:
    """``(line index, name)`` for every name-shaped text with a patient field beside it, every
    signer's name, every name of a staff list, Slavic full name or given name with a capitals
    surname alone on its line (``deid.namelines``), every bare Chinese name before another
    field's label (``deid.cjknames``) and the addressee a title names."""
    found = []
    for i, line in enumerate(lines):
        text = letters_probe(line)
        above_fields = i + 1 < len(lines) and _starts_with_label(lines[i + 1])
        names = [
            Identifier("name", m.start(), m.end(), m.group(0), "context")
            for m in _COMMA_NAME.finditer(text)
            if _block_label().search(text, m.end()) or (m.start() == 0 and above_fields)
        ]
        names += [
            Identifier("name", m.start(), m.end(), m.group(0), "surname_given")
            for m in _SURNAME_GIVEN.finditer(text)
            if (above_fields or _block_label().search(text, m.end()))
            and not sounds_medical(m.group(0))
        ]
        caps = None if names else _CAPS_NAME.match(text)
        if caps and _block_label().search(text, caps.end()) and not sounds_medical(caps.group(0)):
            names.append(Identifier("name", 0, caps.end(), caps.group(0), "context"))
        plain = None if names else _PLAIN_NAME.match(text)
        if plain and (above_fields or _block_label().search(text, plain.end())):
            names.append(Identifier("name", 0, plain.end(), plain.group(0), "context"))
        names += signer_names(text) + initialled_names(text) + patronymic_names(text)
        names += gapped_label_name(text)
        names += names_before_labels(text) + given_surname_line(text) + addressee(text)
        spans = {(n.start, n.end): n for n in names}  # a signer's name may be a list's too
        kept = list(spans.values())
        found += [(i, name) for name in (kept if text is line else in_text(kept, line))]
    return found
