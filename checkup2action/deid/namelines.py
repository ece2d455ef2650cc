"""Staff names printed as lists of initials and surnames, and Slavic full names.

Laboratory letterheads list their biologists or pathologists bare, several to a line
(``L. BERNARDI  J-C MOREAU  B. MORELLINO``), and signatures print one name on its own line
(``C. K. Verma``, ``Arun S. Kelkarwad``, ``ЖУМАБЕК Т.``). A name with initials is taken when the
line is made of such names, with at most as many other pieces (a qualification, a word of the
letterhead) beside them; a line of test results never is. Organisms take the same shape
(``E. COLI``, ``S. TYPHI``): a piece with a word of the catalogue or the section vocabulary
(``B. LIPID PROFILE``), or whose last word is a species epithet listed in ``identifier_keys.yaml`` (``not_names``), is no name.

Russian and Kazakh reports print the full name as surname, given name and patronymic
(``ИВАНОВ ИВАН ИВАНОВИЧ``); the patronymic's ending (``-ович``, ``-евна``, ``-улы``) marks it wherever
it stands.

French and other European reports sign with the given name, then the surname in capitals, alone
on a line (``Claire DUBOIS``); a line of just that shape is a name unless one of its words is a
whole word of the catalogue or the section vocabulary (``Bilan LIPIDIQUE``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from checkup2action.deid.identifiers import HONORIFIC_NAME, Identifier, field_spans, label_kind
from checkup2action.deid.keydata import key_data
from checkup2action.normalize.sectionwords import has_medical_word

_UP = "A-ZÀ-ÖØ-ÞА-ЯЁ"
_WORD = rf"[{_UP}](?:[a-zß-öø-ÿа-яё'\-]+|[{_UP}'\-]+)"  # ``Verma`` or ``DURAND``
_INITIAL = rf"(?:[{_UP}]\.\s?|[{_UP}]-[{_UP}]\.?\s)"  # ``C. ``, ``J-C ``
#: ``C. K. Verma``, ``M. SALEEM KHAN``, ``Arun S. Kelkarwad``, ``ЖУМАБЕК Т.``
_INITIALLED = re.compile(
    rf"{_INITIAL}{{1,3}}\s?{_WORD}(?: {_WORD}){{0,2}}"
    rf"|{_WORD} {_INITIAL}{{1,2}}\s?{_WORD}"
    rf"|{_WORD} [{_UP}]\.(?: ?[{_UP}]\.)?"
)
_PATRONYMIC = re.compile(
    r"(?<![\w])[А-ЯЁ][А-ЯЁа-яё\-]+ [А-ЯЁ][А-ЯЁа-яё\-]+ "
    r"[А-ЯЁ][А-ЯЁа-яё]+(?i:ович|евич|ьич|овна|евна|ична|инична|улы|уулу|кызы|қызы)(?![\w])"
)


@lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    """Species epithets and other words that end a name-shaped piece which is no name."""
    return frozenset(w.casefold() for w in key_data()["not_names"])


@lru_cache(maxsize=1)
def _qualification() -> re.Pattern[str]:
    """A piece that is a qualification (``DTM&H (Eng).``, ``MBBS, MD``), compiled once."""
    quals = "|".join(
        re.escape(q) for q in sorted(key_data()["qualifications"], key=len, reverse=True)
    )
    return re.compile(rf"(?:(?:{quals})[\s,.()A-Za-z]*)+", re.IGNORECASE)


def _is_name(piece: str) -> bool:
    """Whether a piece of a line is a whole name with initials, not an organism or heading."""
    if not _INITIALLED.fullmatch(piece):
        return False
    last = re.findall(r"[^\W\d_]{2,}", piece)
    if not last or last[-1].casefold() in _not_names():
        return False
    return not has_medical_word(piece)


#: What every name with initials holds: a capital before a dot or a hyphen.
_ANY_INITIAL = re.compile(rf"[{_UP}][.\-]")
_CYRILLIC = re.compile(r"[А-ЯЁа-яё]")


def initialled_names(text: str) -> list[Identifier]:
    """The names with initials on a line made mostly of such names (a qualification, a titled
    name or a name's label beside them counts for them)."""
    if not _ANY_INITIAL.search(text):
        return []  # most lines of a report: no initial anywhere
    names, others = [], 0
    for start, end in field_spans(text):
        raw = text[start:end]
        piece, start = raw.strip(), start + len(raw) - len(raw.lstrip())
        if _is_name(piece):
            names.append(Identifier("name", start, start + len(piece), piece, "initials_line"))
        elif not (_qualification().fullmatch(piece) or _names_someone(piece)):
            others += 1
    return names if names and others <= len(names) else []


def _names_someone(piece: str) -> bool:
    """Whether a piece is a titled name (``Dr. A. Rao``) or a name field's label, its colon
    perhaps lost (``Name``): a signature line's or a patient line's other pieces."""
    return bool(HONORIFIC_NAME.match(piece)) or label_kind(piece.rstrip(":：") + ":") == "name"


def patronymic_names(text: str) -> list[Identifier]:
    """Full names whose third word is a patronymic (``Иванов Иван Иванович``)."""
    if not _CYRILLIC.search(text):
        return []
    return [
        Identifier("name", m.start(), m.end(), m.group(0), "patronymic")
        for m in _PATRONYMIC.finditer(text)
    ]


#: ``Claire DUBOIS``, ``Anne-Marie LEROY``, ``Jean DE LA ROCHE``: a line of nothing else.
_GIVEN_SURNAME_LINE = re.compile(
    r"\s*([A-ZÀ-Þ][a-zß-ÿ]+(?:-[A-ZÀ-Þ][a-zß-ÿ]+)? "
    r"[A-ZÀ-Þ][A-ZÀ-Þ'\-]{2,}(?: [A-ZÀ-Þ][A-ZÀ-Þ'\-]+){0,2})\s*"
)


def given_surname_line(text: str) -> list[Identifier]:
    """A line that is only a given name and a surname in capitals (``Claire DUBOIS``)."""
    m = _GIVEN_SURNAME_LINE.fullmatch(text)
    if m is None or has_medical_word(m.group(1)):
        return []
    return [Identifier("name", m.start(1), m.end(1), m.group(1), "given_surname")]
