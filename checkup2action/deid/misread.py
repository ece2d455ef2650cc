"""Identifier fields whose label OCR misread, and long numbers after any label.

On a photographed or scanned page a field label often comes out one character wrong
(``集码号`` for ``条码号``, ``体档编号`` for ``体检编号``, ``Patlent ID`` for ``Patient ID``) and the
exact label vocabulary of ``identifiers`` misses the number after it. Here a label followed by a
colon that is one character edit away from a label of a *numbered* kind (record, ID or phone
number) and from no other field's label is taken as that label, when its value has the kind's
shape. Name labels are riskier (a wrong name would be struck from every text of the report, and
a misread label before a name could be a department's or a specimen's): only a Chinese one of
three characters or more is guessed, one character replaced and its last one read right. Separately, some
numbers are identifiers by their shape whatever label they have or lack (``number_shapes``): a
run of nine digits or more after a colon, or ten anywhere (no lab value is printed that way), a
barcode's human-readable line between asterisks, a code of capitals and five digits or more,
slash-separated groups after capitals (``LAB/PAT/23-24/47``), a number after ``Reference``,
digit groups joined by dots, and the number after a health professional's council acronym.
"""

from __future__ import annotations

import re
from functools import lru_cache

from checkup2action.deid.keydata import is_han, key_data, keys_of, label_key
from checkup2action.grammar.words import fold_accents
from checkup2action.memo import content_cache

#: Kinds whose misread labels are followed (their values must hold digits); Chinese name labels
#: are followed too, under a stricter rule (``_misreads``).
NUMBERED = ("record_number", "id_number", "phone")
#: Shortest label (without spaces) matched with an edit: CJK, and other scripts.
MIN_LABEL = {"cjk": 3, "other": 5}

_CJK_LABEL = re.compile(r"[\u4e00-\u9fff]{3,6}")
_FIELD = re.compile(
    r"(?:^|(?<=\s))(?P<label>[\u4e00-\u9fff]{3,6}|[A-Za-z\u00c0-\u024f\u1e00-\u1eff]"
    r"[A-Za-z.\u00c0-\u024f\u1e00-\u1eff]{1,14}(?: [A-Za-z.\u00c0-\u024f\u1e00-\u1eff]{1,14}){0,2})"
    r"\s*[:：]\s*"
)


def plain_key(label: str) -> str:
    """A label's key without its letters' accents (OCR misreads and drops them: ``Mä bênh nhn``
    for ``Mã bệnh nhân``), ``đ`` as ``d``: how a label is compared with the vocabulary here."""
    return fold_accents(label_key(label))


#: The kinds whose labels the vocabulary lists (every identifier field but a guess's own).
_LABEL_KINDS = ("name", "email", "address", "birth_date", *NUMBERED)


@lru_cache(maxsize=1)
def _labels() -> tuple[dict[str, str], frozenset[str]]:
    """Labels that may be guessed (numbered kinds; Chinese name labels of three characters or
    more) by their key, and the keys of every other field label."""
    data = key_data()
    guessable, others = {}, set(map(plain_key, data["stop_keys"]))
    for kind in _LABEL_KINDS:
        entry = data[kind]
        for key in map(plain_key, keys_of(entry)):
            if kind in NUMBERED or (kind == "name" and _CJK_LABEL.fullmatch(key)):
                guessable[key] = kind
            else:
                others.add(key)
    return guessable, frozenset(others)


@lru_cache(maxsize=1)
def _printed_keys() -> frozenset[str]:
    """Every label's key spelt as the vocabulary spells it (the labels' own pattern finds them)."""
    data = key_data()
    return frozenset(
        map(label_key, [*data["stop_keys"], *(k for n in _LABEL_KINDS for k in keys_of(data[n]))])
    )


def one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by exactly one substitution, insertion or deletion."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _long_enough(key: str) -> bool:
    """Whether a label is long enough to be matched with an edit."""
    cjk = any(is_han(c) for c in key)
    return len(key) >= MIN_LABEL["cjk" if cjk else "other"]


def _misreads(key: str, known: str, kind: str) -> bool:
    """Whether ``key`` is a misreading of the label ``known`` of ``kind``: one edit; for a name
    label one character replaced, not the last (``唐核者`` for ``审核者``: the ``者``, ``师``, ``生``
    that makes it a person's label must be read right)."""
    if kind != "name":
        return one_edit(key, known)
    return len(key) == len(known) and key[-1] == known[-1] and one_edit(key, known)


@content_cache(maxsize=4096)
def misread_kind(label: str) -> str | None:
    """The kind whose label ``label`` is a one-edit misreading of, if only one fits."""
    key = plain_key(label)
    guessable, others = _labels()
    if not _long_enough(key) or key in others or label_key(label) in _printed_keys():
        return None
    if key in guessable:  # the label but for its accents (``Patiènt ID``)
        return guessable[key]
    kinds = {
        kind
        for known, kind in guessable.items()
        if _long_enough(known) and _misreads(key, known, kind)
    }
    if len(kinds) != 1 or any(one_edit(key, other) for other in others):
        return None
    return kinds.pop()


def misread_labels(text: str) -> list[tuple[str, str, int]]:
    """``(kind, label, value start)`` of every misread numbered-kind label in ``text``."""
    found = []
    for m in _FIELD.finditer(text):
        if kind := misread_kind(m.group("label")):
            found.append((kind, m.group("label").strip(), m.end()))
    return found


#: Number shapes that are identifiers wherever they stand, by rule name.
_NUMBER_SHAPES = {
    # nine digits or more (after up to three capitals) right after a colon
    "long_number": re.compile(r"(?<=[:：])\s*([A-Z]{0,3}\d{9,})(?![\d.,])"),
    # ten digits or more anywhere: no count or concentration is printed that way
    "ten_digits": re.compile(r"(?<![\d.,])([A-Z]{0,3}\d{10,})(?![\d.,])"),
    # a number sign before six digits or more: ``No. 20180514MZC813``, ``№20190611H2468135``
    # (also a bare ``N`` before such a number, a dash inside it: ``N : 110902-317``)
    "number_sign": re.compile(
        r"(?<![\w])(?:No|NO|Nº|N°|№|N(?=\s*:?\s*\d{6}))\.?\s*:?\s*(?=[A-Z0-9]*\d{6})"
        r"([A-Z0-9]{6,24}(?:-\d{1,6}(?![\d.]))?)(?![\w])"
    ),
    # a code of capitals and five digits or more, a letter before a digit: ``JT180400217``,
    # ``O52618``, ``10JK00083912_14926611`` (a count with its unit glued, ``25000IU``, is none)
    "code": re.compile(
        r"(?<![\w/.\-])(?!ISO)(?=(?:[A-Z_]*\d){5})(?=[0-9_]*[A-Z]+[A-Z_]*\d)([A-Z0-9_]{6,48})(?![\w/.\-])"
    ),
    # dash-joined groups of ten digits or more with a capital among them: a sample's number made
    # of its date, time and a suffix (``20240102-080910-7AB1``); a date has no capital
    "dashed_code": re.compile(
        r"(?<![\w/.\-])(?=(?:[A-Z\-]*\d){10})(?=[\d\-]*[A-Z])"
        r"(\d[A-Z0-9]*(?:-[A-Z0-9]+){2,4})(?![\w/.\-])"
    ),
    # the human-readable line of a Code 39 barcode: ``*LAB/PAT/23-24/57*``, also letter-spaced
    # (``* L A B / P A T / 2 3 - 2 4 / 9 1 *``)
    "barcode": re.compile(r"\* ?([A-Z0-9][A-Z0-9\-/.$+% ]{3,}[A-Z0-9]) ?\*"),
    # a report's reference: six digits or more, a short sequence after a dash, after the word
    # ``Reference`` (``REFERENCE 110915-41``; not a reference range, ``Reference 150000 - 450000``)
    "reference": re.compile(
        r"(?<![\w])(?:REFERENCE|Reference|Référence|RÉFÉRENCE|Referenz)\s*[:.]?\s*"
        r"(\d{6,}(?:-\d{1,4})?)(?![\d.,]|\s*[-–~])"
    ),
    # a code of capitals, then two to four more slash-separated groups, the last one digits:
    # ``LAB/PAT/23-24/47``, ``LAB/2023/1234`` (a unit has small letters, a panel no digits)
    "slash_code": re.compile(
        r"(?<![\w/])([A-Z]{2,6}(?:/[A-Z0-9]{1,8}(?:-[A-Z0-9]{1,8})?){1,3}/\d{1,8})(?![\w/])"
    ),
    # three or more dot-separated groups of three digits or more: ``7112.0035.4187``
    # (not thousands separators: ``250.000.000`` is a count)
    "dotted_groups": re.compile(
        r"(?<![\d.])(?!\d{1,3}(?:\.\d{3})+(?![\d.]))(\d{3,}(?:\.\d{3,}){2,})(?![\d.])"
    ),
    # a health professional's council registration: ``CRM-SP 103388``, ``CRBM - SP 34726``,
    # ``CRF:12345/SP``, ``…VieiraCRBIO-SP061259/02-D`` (glued in a text layer), India's medical
    # councils (``DMC – 82417``, ``MCI-12345``, ``KMC 54321``, ``DMC NO.13579``); OCR reads the
    # bold stamp of a signature twice over (``DMC DMC - - 24680 24680``) and I as l (``MCl``);
    # the state may follow after a space (``CRBM GO 12345``); a state's own medical council
    # (``CREMESP 123456``, ``CREMERJ``, shortened ``CREM``); Brazil's councils of chemists,
    # nutritionists, dentists and veterinarians (``CRQ 01234567``, ``CRO``, ``CRN``, ``CRMV``;
    # not ``CRP``, which is also C-reactive protein); the whole registration is taken
    "council_number": re.compile(
        r"((?:(?<![A-Za-z])(?:CRMV|CRM|CRF|CRQ|CRN|CRO|PMDC|NMC|MC[Il]|[A-Z]{1,3}MC)"
        r"(?:\s+(?:MC[Il]|[A-Z]{1,3}MC))?"
        r"|CRBM|CRBIO|CRBio|COREN|CREM(?:E[A-Z]{1,3})?)"
        r"(?:[A-Z]{2})?(?:\s*[-/]\s*[A-Z]{2}|\s+[A-Z]{2}(?=\s*[:\-–—]?\s*\d))?"
        r"\s*(?:Reg(?:n|d)?\.?\s*(?:No\.?)?|NO\.?)?\s*(?:[:\-–—]\s*){0,2}"
        r"(?=(?:[\d./\-]*\d){4})"  # four digits at least
        r"(?P<number>\d[\d./\-]*\d(?:[-/]?[A-Z]{1,2}(?![A-Za-z]))?))"
    ),
    # a Mexican professional licence: ``CED. FED. ESPECIALISTA 3672418``, ``Cédula Prof. 1234567``
    "cedula": re.compile(
        r"(?i:c[ée]d(?:ula)?\.?\s*(?:prof(?:esional)?\.?|fed(?:eral)?\.?)?\s*"
        r"(?:especialista|esp\.)?\s*(?:no\.?)?)\s*[:\-]?\s*(\d{6,8})(?!\d)"
    ),
}


def number_shapes(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, rule)`` of every number in ``text`` whose shape alone makes it an
    identifier (see ``_NUMBER_SHAPES``)."""
    return [
        (*m.span(1), rule)
        for rule, pattern in _NUMBER_SHAPES.items()
        for m in pattern.finditer(text)
    ]


def registration_number(text: str, rule: str) -> str | None:
    """The number of a council registration found whole (``CRBM GO 12345`` → ``12345``), to
    look for where it stands alone."""
    if rule != "shape:council_number":
        return None
    m = _NUMBER_SHAPES["council_number"].search(text)
    return m.group("number") if m and m.start("number") > m.start(1) else None
