"""Find the identifiers a report's text carries: names, ID and record numbers, phones, emails,
addresses, dates of birth.

Two kinds of evidence: a field label before a value (``姓名：张三``, ``Patient ID: 0012345``,
``Ref. By : Dr. A Khan``; labels per kind in ``data/identifier_keys.yaml``), and the shape of the
value alone where it is unmistakable (an e-mail address; a Chinese resident ID or a Taiwanese ID
whose check digit holds; a Pakistani CNIC ``00000-0000000-0``; a US SSN ``000-00-0000``; phone
numbers in the common national forms; a name after an honorific, ``Dr. Jane Doe``). Shapes that
lab values can also take (bare digit runs, ranges) are only identifiers after a label.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from checkup2action.deid.keydata import is_han, key_data, keys_of, label_key
from checkup2action.deid.misread import misread_labels, number_shapes
from checkup2action.deid.mojibake import letters_probe
from checkup2action.deid.namegaps import name_runs_on

KINDS = ("name", "id_number", "record_number", "phone", "email", "address", "birth_date")
PLACEHOLDER = {kind: f"[{kind.upper()}]" for kind in KINDS}


@dataclass(frozen=True, slots=True)
class Identifier:
    """One identifier found in a text: its kind, where it sits, and what told us."""

    kind: str
    start: int
    end: int
    text: str
    rule: str
    #: The whole identifier when this is a part printed apart from the rest (a name's wrapped
    #: end on the next line); empty when ``text`` is whole.
    whole: str = ""


@dataclass(frozen=True, slots=True)
class _KeySets:
    """Compiled field labels: one pattern per kind, and the labels that end a value."""

    labels: re.Pattern[str]  # every label, in a named group of its kind
    stops: re.Pattern[str]
    needles: dict[str, tuple[str, ...]]  # labels, lower case without spaces, by first 2 letters


_CJK = re.compile(r"[\u4e00-\u9fff]{2,6}")


def _key_pattern(key: str, colon: bool, mark: bool = False) -> str:
    """A label as a regex: whole word when it starts with a Latin letter, then a colon if needed
    (``mark``: a colon or a dash before a space, for a short key such as ``RT - A. Rao``)."""
    if _CJK.fullmatch(key):
        body = r"\s*".join(re.escape(c) for c in key)  # OCR spaces the letters out: ``姓  名``
    else:
        body = re.escape(key).replace(r"\ ", r"\s*")
    if key[:1].isascii() and key[:1].isalpha():
        # a whole word: ``tel`` is no part of ``Mintavétel`` (``ID #`` ends in no word character)
        body = rf"(?<!\w){body}" + (r"(?!\w)\.?" if key[-1:].isalnum() else "")
    gloss = r"(?:\s*[(（][^()（）\d]{1,24}[)）])?"  # ``送检医师(Doctor)``, ``Тегі (Фамилия И.О.)``
    sep = r"\s*(?:[:：]|[-–](?=\s))?"  # ``Report Saved By - A. Rao``
    if colon:
        sep = r"\s*[:：]"
    elif mark:
        sep = r"\s*(?:[:：]|[-–](?=\s))"
    return body + gloss + sep


def _label_start(keys: list[str]) -> str:
    """A lookahead that only lets the labels' pattern be tried where some label can begin (a
    Latin label's first letter at a word's start, another label's first character anywhere):
    the same matches, five times sooner than trying hundreds of labels at every character."""
    latin = {k[0].lower() for k in keys if k[:1].isascii() and k[:1].isalpha()}
    other = {k[0] for k in keys if k and not (k[:1].isascii() and k[:1].isalpha())}
    starts = [rf"(?<!\w)(?=[{_char_class(latin)}])"] if latin else []
    starts += [f"(?=[{_char_class(other)}])"] if other else []
    return "(?:" + "|".join(starts or ["(?!)"]) + ")"


def _char_class(chars: set[str]) -> str:
    """The body of a regex character class of these characters."""
    return "".join(re.escape(c) for c in sorted(chars))


@lru_cache(maxsize=1)
def _keys() -> _KeySets:
    """The label vocabulary, compiled once."""
    data = key_data()
    groups = []
    all_keys: list[str] = list(data["stop_keys"])
    label_keys: list[str] = []
    for kind in KINDS:
        entry = data[kind]
        colon = set(entry.get("needs_colon", []))
        mark = set(entry.get("needs_mark", []))
        keys = sorted(keys_of(entry), key=len, reverse=True)
        all_keys += keys
        label_keys += keys
        patterns = (_key_pattern(k, k in colon, k in mark) for k in keys)
        groups.append(f"(?P<{kind}>" + "|".join(patterns) + ")")
    start = _label_start(label_keys)
    labels = re.compile(start + "(?:" + "|".join(groups) + r")[ \t]*", re.IGNORECASE)
    stop_keys = sorted(set(all_keys), key=len, reverse=True)
    stops = (
        _label_start(stop_keys) + "(?:" + "|".join(_key_pattern(k, False) for k in stop_keys) + ")"
    )
    needles: dict[str, list[str]] = {}
    for needle in sorted({label_key(k) for kind in KINDS for k in keys_of(data[kind])}):
        needles.setdefault(needle[:2], []).append(needle)
    index = {head: tuple(group) for head, group in needles.items()}
    return _KeySets(labels, re.compile(stops, re.IGNORECASE), index)


def _may_hold_label(text: str, needles: dict[str, tuple[str, ...]]) -> bool:
    """Whether some label occurs in ``text`` (spaces and case aside): a cheap test before the
    labels' pattern, which most lines of a report would fail slowly."""
    compact = label_key(text)
    if any(c in needles for c in compact):  # a label of one character: ``№``
        return True
    for i in range(len(compact) - 1):
        for needle in needles.get(compact[i : i + 2], ()):
            if compact.startswith(needle, i):
                return True
    return False


EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+ ?@ ?[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")  # OCR: ``a @b.c``
CN_ID = re.compile(
    r"(?<!\d)[1-8]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])\d{2}\d{3}[\dXx](?![\dA-Za-z])"
)
TW_ID = re.compile(r"(?<![A-Za-z0-9])[A-Z][12]\d{8}(?!\d)")
CNIC = re.compile(r"(?<!\d)\d{5}-\d{7}-\d(?!\d)")
SSN = re.compile(r"(?<!\d)\d{3}-\d{2}-\d{4}(?!\d)")
#: A phone's extension after it (``;ext=013``, ``ext. 204``, ``x 17``, ``ramal 5``, ``转 8021``).
PHONE_EXTENSION = (
    r"(?:\s*[;,]?\s*(?:ext(?:n|ension)?|x|ramal|分机|转)\s*[.=:#]?\s*\d{1,6}(?![\d^*/]))?"
)
PHONES = tuple(
    re.compile(pattern + PHONE_EXTENSION)
    for pattern in (
        r"(?<![\d.])(?:\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?![\d.])",  # CN mobile
        r"(?<![\d.])0\d{2,3}-\d{7,8}(?![\d.])",  # CN landline
        r"(?<![\d.])(?:\+?1[\s.-]?)?\(\d{3}\)\s?\d{3}[\s.-]\d{4}(?![\d.])",  # (555) 123-4567
        r"(?<![\d.\-])\d{3}-\d{3}-\d{4}(?![\d.\-])",  # 555-123-4567
        r"(?<![\d.])\(\d{2}\)\s?9?\d{4}-\d{4}(?![\d.\-])",  # (11) 2151-5555
        # +91 98..., +43 (0)1 12345-67890
        r"(?<![\d.])[+±]\d{1,3}(?:\s?\(0\))?[\s-]?\(?\d{1,4}\)?(?:[\s-]?\d{2,5}){2,4}(?![\d.])",
    )
)
#: A courtesy or professional title (``Dr.``, ``DRA.``, ``T.M.``, ``BQ.``, ``Monsieur``), then a
#: name of capitalised words and initials (``R.K. Joshi``, ``Luis C. Rivas``, ``MARTIN PAUL``).
#: The title starts with a capital: ``ms`` and ``dr`` in lower case are units (``172 ms QRS``).
_TITLE = (
    r"(?<![A-Za-z])(?=[A-Z])(?i:Dr|Dra|Dr\(a\)|Mr|Mrs|Ms|Miss|Prof|Smt|Shri|T\.?M|Q\.F\.B|Lic|Bioq|"
    r"Monsieur|Madame|Mademoiselle|Docteur|Señor|Señora|Sr|Sra|Herr|Frau|Dott|Dott\.ssa|BQ(?=\.))"
)
HONORIFIC_NAME = re.compile(
    _TITLE + r"(?:\s*\.?\s*:\s*|\s*\.\s*|\s+)(?:\((?i:Mrs|Ms|Miss|Mr)\.?\)\s*)?"
    r"(?P<name>(?:[A-Z]\.\s?){0,3}[A-Z][\w'\-\u0300-\u036f]*\.?"
    r"(?: (?:[A-Z]\.\s?){0,3}(?:d[aeo]s?|del|van|von|[A-Z][\w'\-\u0300-\u036f]*\.?)){0,4})"
)
#: The same on a line OCR spaced out word by word (``DOCTEUR  DUPONT  JEAN``): the title is
#: followed by a wide gap, so the gaps after it part the words of the name, not fields; the name
#: runs on over them up to another title, a ``label:`` or a word that is not capitalised. A name
#: in capitals runs on over such gaps after any title (``MR. KAMAL  SILVA``).
_SPACED_WORD = r"[A-Z][A-Za-z'\-\u00c0-\u024f]+"
_CAPS_WORD = r"[A-Z][A-Z'\-\u00c0-\u00de]+(?![a-z\u00df-\u00ff])"
HONORIFIC_SPACED_NAME = re.compile(
    _TITLE + r"\.?\s{2,}"
    rf"(?P<name>{_SPACED_WORD}(?:\s{{1,3}}(?!{_TITLE}[.\s]){_SPACED_WORD}(?!\s*[:：])){{0,3}})"
)
HONORIFIC_CAPS_NAME = re.compile(
    _TITLE + r"\.?\s+"
    rf"(?P<name>{_CAPS_WORD}(?:\s{{1,3}}(?!{_TITLE}[.\s]){_CAPS_WORD}(?!\s*[:：])){{1,3}})"
)
#: A Chinese name with the courtesy title a check-up centre prints after it (``张三先生``).
CJK_TITLED_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}(?=先生|女士|小姐)")
#: A surname with two initials after it, the way staff sign in Russian and other reports
#: (``Петренко Н. Н.``, ``Gunawardena M.M.``); one initial is not enough: ``H. pylori``.
SURNAME_INITIALS = re.compile(
    r"(?<![\w.])[A-ZА-ЯЁÀ-Þ][a-zа-яёß-ÿ]+(?:-[A-ZА-ЯЁÀ-Þ][a-zа-яёß-ÿ]+)? "
    r"[A-ZА-ЯЁÀ-Þ]\. ?[A-ZА-ЯЁÀ-Þ]\.(?!\w)"
)
_CN_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_TW_LETTERS = "ABCDEFGHJKLMNPQRSTUVXYWZIO"  # A=10 ... in the order the ID scheme numbers them


def cn_id_valid(text: str) -> bool:
    """Whether an 18-character Chinese resident ID's check digit holds (GB 11643)."""
    if len(text) != 18 or not text[:17].isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(text[:17], _CN_WEIGHTS, strict=True))
    return "10X98765432"[total % 11] == text[17].upper()


def tw_id_valid(text: str) -> bool:
    """Whether a Taiwanese national ID (letter + 9 digits) has a valid check digit."""
    if len(text) != 10 or text[0] not in _TW_LETTERS or not text[1:].isdigit():
        return False
    code = _TW_LETTERS.index(text[0]) + 10
    digits = [code // 10, code % 10] + [int(c) for c in text[1:]]
    weights = (1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1)
    return sum(d * w for d, w in zip(digits, weights, strict=True)) % 10 == 0


_CJK_NAME = re.compile(r"[\u4e00-\u9fff·•*＊某Xx]{1,8}")
_LATIN_NAME = re.compile(
    r"(?:(?:Mr|Mrs|Ms|Miss|Master|Baby|Dr\(a\)|Dr|Smt|Shri|Sr|Sra)\.?:?\s*)?"
    r"[^\W\d_][\w'.\-\u0300-\u036f]*\*{0,6}"
    r"(?:(?:,? |,)(?:[^\W\d_][\w'.\-\u0300-\u036f]*\*{0,6}|\*{2,6})){0,5}"
)
#: A record number; parts joined by a spaced slash each hold a digit (``152 / 2023.04.12.``).
_TOKEN_ID = re.compile(
    r"(?:[A-Z]{1,3} (?=\d{5}))?[A-Za-z0-9#][A-Za-z0-9\-/_.#]*(?: \d{4})*"
    r"(?: ?/ ?(?=[A-Za-z]*\d)[A-Za-z0-9][A-Za-z0-9\-_.]+| [-–] \d{3,})*"
)
#: A number printed in spaced groups that fill its field, perhaps closed by the day it was
#: issued (``REFERENCE No.  12 3456 01/02/23``, made up): the whole field is the number.
_SPACED_ID = re.compile(r"\d{1,6}(?: \d{1,6}){1,3}(?: \d{1,2}/\d{1,2}/\d{2,4})?(?=\s{2,}|\t|\||$)")
#: A visit or sample type between a label and its number: ``Episode : IP :118364``,
#: ``样本编号：常规 95``.
_SUB_LABEL = re.compile(r"(?:[A-Z]{1,3}\s*[:：]|[\u4e00-\u9fff]{1,3}\s)\s*(?=\d)")
#: A staff code where a name label's name would be: ``送检医生： X947``, ``Ordered by: D20417``.
_STAFF_CODE_VALUE = re.compile(r"\s*([A-Z]{0,3}\d{3,8})(?![\w.,/\-])")
_PHONE_VALUE = re.compile(r"[+±]?[\d(（][\d\s()（）\-./*]{5,24}\d" + PHONE_EXTENSION)  # OCR: + as ±
_DATE_VALUE = re.compile(r"[0-9A-Za-z][0-9A-Za-z./\-年月日, ]{4,20}")
_ADDRESS_VALUE = re.compile(r"\S.{2,120}")
#: The gap between two fields of a line: two spaces or more, a tab, a bar.
FIELD_GAP = re.compile(r"\s{2,}|\t|\|")
#: A label OCR glued to the end of a value (``William WalkerDOB: 08/29/1946``).
_GLUED_LABEL = re.compile(r"(?<=[a-z])(?=[A-Z][A-Za-z./]{1,12}\s*[:：])")
#: A wide gap with another field (``Label:``) after it.
_GAP_BEFORE_FIELD = re.compile(r"(?:\s{2,}|\t|\|)(?=[^\s:：][^:：]{0,30}[:：])")


def field_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each run of text between two field gaps (empty runs left out)."""
    spans, pos = [], 0
    for gap in FIELD_GAP.finditer(text):
        if gap.start() > pos:
            spans.append((pos, gap.start()))
        pos = gap.end()
    if len(text) > pos:
        spans.append((pos, len(text)))
    return spans


def _value_end(text: str, start: int, end: int, *, gaps: bool = True) -> int:
    """Cut a value at a wide gap or a bar (unless ``gaps`` is false: an address runs on over
    the gaps OCR leaves inside it, up to a gap before another ``label:``), at a label glued to it
    and at the next field label inside it."""
    gap = (FIELD_GAP if gaps else _GAP_BEFORE_FIELD).search(text, start, end)
    end = gap.start() if gap else end
    glued = _GLUED_LABEL.search(text, start)  # its colon may lie past ``end``
    end = glued.start() if glued and glued.start() < end else end
    stop = _stop_label(text, start, end)  # a label may run on past the value's end
    return stop if stop is not None else end


#: What follows a label that has no value: the line's end, or a wide gap and another ``label:``.
_NOTHING_AFTER = re.compile(r"\s*$|(?:\s{2,}|\t|\|)[^\s:：][^:：]{0,30}[:：]")


def _stop_label(text: str, start: int, end: int) -> int | None:
    """Where the first field label at or after ``start`` begins, if before ``end``. A label
    printed without a colon and followed by no value is a word of the value instead: ``Sample``
    in ``Patient: Jane Sample  Date: …``, ``Ward`` ending ``Dr. Paul Ward``."""
    stops = _keys().stops
    pos = start
    while (stop := stops.search(text, pos)) and stop.start() < end:
        word = stop.group(0).rstrip()
        if not _may_be_word(word) or not _NOTHING_AFTER.match(text, stop.start() + len(word)):
            return stop.start()
        pos = stop.end()
    return None


def _may_be_word(label: str) -> bool:
    """Whether a label found inside a value may be a word of it instead: a Latin label without
    its colon, other than a patient field's (``Age`` at a line's end is still a label)."""
    if label[-1:] in ":：" or not (label[:1].isascii() and label[:1].isalpha()):
        return False
    return label.casefold() not in _patient_block_keys()


@lru_cache(maxsize=1)
def _patient_block_keys() -> frozenset[str]:
    """The patient-block labels (``Age``, ``Sex``), in lower case."""
    return frozenset(k.casefold() for k in key_data()["patient_block_keys"])


def labelled_value(kind: str, text: str, start: int) -> tuple[int, int] | None:
    """Where the value of a ``kind`` field that starts at ``start`` lies, if it has one (its
    label before it on the line, or on the line above: ``deid.formlines``)."""
    if kind == "name":
        first = text[start : start + 1]
        pattern = _CJK_NAME if first and (is_han(first) or first in "*＊") else _LATIN_NAME
    else:
        if kind in ("record_number", "id_number") and (sub := _SUB_LABEL.match(text, start)):
            start = sub.end()
        pattern = {
            "record_number": _TOKEN_ID,
            "id_number": _TOKEN_ID,
            "phone": _PHONE_VALUE,
            "email": EMAIL,
            "address": _ADDRESS_VALUE,
            "birth_date": _DATE_VALUE,
        }[kind]
    spaced = _SPACED_ID.match(text, start) if pattern is _TOKEN_ID else None
    m = spaced or pattern.match(text, start)
    if m is None:
        return None
    end = _value_end(text, start, m.end(), gaps=kind != "address")
    if kind == "name":
        end = name_runs_on(text, end, _opens_with_label)
    value = text[start:end].rstrip(" ,.;")
    if not value or not _plausible(kind, value):
        return None
    return start, start + len(value)


def _opens_with_label(text: str) -> bool:
    """Whether a field label (or another field's stop word) begins ``text``."""
    return _keys().stops.match(text) is not None


def label_kind(text: str) -> str | None:
    """The identifier kind whose label is the whole of ``text`` (with its colon if it has one;
    a label that needs a colon, such as ``Name``, is none without it)."""
    m = _keys().labels.fullmatch(text.strip())
    return m.lastgroup if m else None


def _plausible(kind: str, value: str) -> bool:
    """A value shaped like its kind: digits where numbers are meant, letters in a name."""
    digits = sum(c.isdigit() for c in value)
    if kind in ("record_number", "id_number"):  # ``样本号：4`` is one too, after its label
        return digits >= 1 and (len(value) >= 3 or value.isdigit())
    if kind == "phone":
        return digits >= 7
    if kind == "birth_date":
        return digits >= 2
    if kind == "name":
        return digits == 0 and any(c.isalpha() or c in "*＊" for c in value)
    return len(value) >= 3


def _label_matches(text: str) -> list[re.Match[str]]:
    """Every identifier field label of ``text``, its kind the match's group name."""
    keys = _keys()
    if not _may_hold_label(text, keys.needles):
        return []  # no label anywhere: most lines of a report
    return list(keys.labels.finditer(text))


def _labelled(text: str) -> list[Identifier]:
    """Identifiers announced by a field label."""
    found = []
    for m in _label_matches(text):
        kind = m.lastgroup or ""
        key = m.group(0).strip(" :：\t")
        if kind == "name" and (names := _cjk_names(text, m.end())):
            found += [Identifier(kind, a, b, text[a:b], f"label:{key}") for a, b in names]
        elif span := labelled_value(kind, text, m.end()):
            spans = _staff_list(text, span) if kind == "name" else [span]
            found += [Identifier(kind, a, b, text[a:b], f"label:{key}") for a, b in spans]
        elif kind == "name" and (code := _STAFF_CODE_VALUE.match(text, m.end())):
            a, b = code.span(1)
            found.append(Identifier("record_number", a, b, text[a:b], f"label:{key}"))
    return found


#: The next name of a list of staff, each with a code: ``, Szabó Bettina (EESZT: KBSZAB)``.
_NEXT_STAFF = re.compile(
    r",\s*(?P<name>[^\W\d_][\w'\-]*(?: [^\W\d_][\w'\-]*){1,3})(?=\s*[(（]|,|\s*$)"
)


def _staff_list(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """A labelled name with the staff code printed after it, and the further names of the list
    it opens when it has a code (``Validáló: Nagy Helga (EESZT: VDNAGY), Szabó Bettina (…)``)."""
    start, end = span
    coded = _staff_code_end(text, end)
    spans = [(start, coded)]
    while coded > end and (nxt := _NEXT_STAFF.match(text, coded)):
        end = nxt.end("name")
        coded = _staff_code_end(text, end)
        spans.append((nxt.start("name"), coded))
    return spans


#: A staff or registry code in brackets after a name: ``(O71294)``, ``(EESZT: O53172)``; after
#: a registry's name it may be letters only (``(EESZT: VDNAGY)``).
_STAFF_CODE = re.compile(
    r"\s*[(（](?:[A-Z]{2,8}\s*:\s*[A-Z0-9]{3,12}|(?=[A-Z0-9]*\d)[A-Z0-9]{3,12})[)）]"
)


def _staff_code_end(text: str, end: int) -> int:
    """Where a name that ends at ``end`` ends with the staff code printed after it, if any."""
    m = _STAFF_CODE.match(text, end)
    return m.end() if m else end


#: Chinese names after a label: a list (``钱雨晴、李强``), each maybe with the staff code printed
#: before or after it (``1521-周立新``, ``吴子安/000091``, ``郑卫东(100093)``).
_CJK_NAME_LIST = re.compile(
    r"(?:\d{2,8}[-/])?[\u4e00-\u9fff·]{2,4}(?:[/(（]\d{3,8}[)）]?)?"
    r"(?:[、，,;；/ ](?:\d{2,8}[-/])?[\u4e00-\u9fff·]{2,4}(?:[/(（]\d{3,8}[)）]?)?)*"
)
_NAME_SEPARATORS = re.compile(r"[、，,;；/ ](?=(?:\d{2,8}[-/])?[\u4e00-\u9fff])")


def _cjk_names(text: str, start: int) -> list[tuple[int, int]]:
    """Spans of the Chinese names (with their staff codes) listed after a label at ``start``;
    empty when the value is no such list (a single plain name is read as any other value)."""
    m = _CJK_NAME_LIST.match(text, start)
    if m is None:
        return []
    end = _value_end(text, start, m.end())
    end = start + len(text[start:end].rstrip("、，,;；/ "))
    if not any(c.isdigit() or c in "、，,;；/ " for c in text[start:end]):
        return []
    spans, pos = [], start
    for sep in _NAME_SEPARATORS.finditer(text, start, end):
        spans.append((pos, sep.start()))
        pos = sep.end()
    spans.append((pos, end))
    return [(a, b) for a, b in spans if b - a >= 2]


_Check = tuple[str, re.Pattern[str], str, Callable[[str], bool] | None]
#: Shapes by what a text must hold for them to be worth trying: an at sign, seven digits with at
#: most one separator between two (every ID and phone form has as many), a courtesy title.
_NUMBER_SHAPES: tuple[_Check, ...] = (
    ("id_number", CN_ID, "cn_id", cn_id_valid),
    ("id_number", TW_ID, "tw_id", tw_id_valid),
    ("id_number", CNIC, "cnic", None),
    ("id_number", SSN, "ssn", None),
    *(("phone", p, "phone", None) for p in PHONES),
)
_TITLES = ("先生", "女士", "小姐")
_SEVEN_DIGITS = re.compile(r"\d(?:[\s\-.()/]?\d){6}")


#: A street type written as the end of the street's name (``Hauptstraße``).
_GLUED_STREET = r"(?i:straße|strasse)"
#: A postcode: five digits, with a group after a dash (``04567-890``, ``92040-1234``).
_POSTCODE = r"\d{5}(?:-\d{3,4})?"
_CAPITALS = "A-ZÀ-ÖØ-Þ"


@lru_cache(maxsize=1)
def street_address() -> re.Pattern[str]:
    """A street address by its shape: house number, words, a street type, what follows."""
    data = key_data()
    types = data["street_types"]
    kind = "|".join(re.escape(t) for t in sorted(types, key=len, reverse=True))
    word = r"[^\W\d_][\w'\-]*\.?,?"
    place = r"[^\W\d_][\w'\-]*\.?"  # a word of a town or a state
    first = "|".join(
        re.escape(t) for t in sorted(data["street_first_types"], key=len, reverse=True)
    )
    after = "|".join(
        re.escape(t) for t in sorted(data["street_types_number_after"], key=len, reverse=True)
    )
    return re.compile(
        rf"(?<![\w.,])\d{{1,5}}[A-Za-z]?,?\s+(?:{word}\s+){{0,4}}(?i:{kind})(?![^\W\d_])\.?"
        rf"(?:\s*\d{{1,4}}\.?)?(?:\s+{word})?(?:(?:,\s*| )(?:{word}|\d{{5}}(?:-\d{{4}})?)){{0,6}}"
        # the street type first and the house number after the name: ``Rua Araçuaí 89``,
        # ``Calle Mayor 5``, ``Hauptstraße 12``
        rf"|(?<![\w.])(?:(?:{first})\.?\s+(?:{word}\s+){{0,3}}{word}|[^\W\d_]+{_GLUED_STREET})"
        rf",?\s+\d{{1,5}}[A-Za-z]?(?![\w.,]\d)"
        # then the town, state, postcode and country after commas: ``…, São Paulo 04567-890, BR``
        rf"(?:,\s*(?:{place}|{_POSTCODE})(?:\s+(?:{place}|{_POSTCODE})){{0,4}}){{0,4}}"
        # capitalised words, a street type that comes before the house number: ``Kossuth Lajos
        # u.12.``, ``Hidegkúti út 1``
        rf"|(?<![\w.])(?:[{_CAPITALS}][\w'\-]*\.?\s+){{1,3}}(?:{after})\s*\d{{1,4}}(?![\w,.]\d)"
    )


def _named_street(text: str) -> bool:
    """Whether an address-shaped text has a word besides its street type (``4 Way`` has not;
    ``Hauptstraße 12`` has, inside its one word)."""
    words = re.findall(r"[^\W\d_]{2,}", text)
    return len(words) >= 2 or re.search(rf"\w{_GLUED_STREET}", text) is not None


def _checks_for(text: str) -> list[_Check]:
    """The shapes worth trying on ``text``."""
    checks: list[_Check] = [("name", HONORIFIC_NAME, "honorific", None)]
    if "  " in text:
        checks.append(("name", HONORIFIC_SPACED_NAME, "honorific_spaced", None))
        checks.append(("name", HONORIFIC_CAPS_NAME, "honorific_spaced", None))
    if ". " in text or "." in text[-1:]:
        checks.append(("name", SURNAME_INITIALS, "initials", None))
    if any(c.isdigit() for c in text):
        checks.append(("address", street_address(), "street", _named_street))
    if "@" in text:
        checks.append(("email", EMAIL, "email", None))
    if _SEVEN_DIGITS.search(text):
        checks.extend(_NUMBER_SHAPES)
    if any(t in text for t in _TITLES):
        checks.append(("name", CJK_TITLED_NAME, "cjk_title", None))
    return checks


def _shaped(text: str) -> list[Identifier]:
    """Identifiers recognised by their shape alone."""
    checks = _checks_for(text)
    found = []
    for kind, pattern, rule, valid in checks:
        for m in pattern.finditer(text):
            if valid is not None and not valid(m.group(0)):
                continue
            name_start = m.start("name") if "name" in pattern.groupindex else m.start()
            cut = kind in ("name", "address")  # a label may follow: ``… CA 92040 UHID: 31``
            gaps = kind == "name" and rule != "honorific_spaced"
            end = _value_end(text, name_start, m.end(), gaps=gaps) if cut else m.end()
            end = m.start() + len(text[m.start() : end].rstrip())
            if kind == "name":
                end = _staff_code_end(text, end)
            if end <= m.start():
                continue  # a label right at the start: no value
            found.append(Identifier(kind, m.start(), end, text[m.start() : end], f"shape:{rule}"))
    return found


def _misread(text: str) -> list[Identifier]:
    """Numbers after labels OCR misread, and numbers whose shape makes them identifiers
    (``misread``)."""
    found = []
    for kind, label, start in misread_labels(text):
        if span := labelled_value(kind, text, start):
            found.append(Identifier(kind, *span, text[span[0] : span[1]], f"misread:{label}"))
    found += [
        Identifier("record_number", a, b, text[a:b], f"shape:{rule}")
        for a, b, rule in number_shapes(text)
    ]
    return found


def find_identifiers(text: str, *, shapes: bool = True) -> list[Identifier]:
    """Every identifier in ``text``, overlaps merged (the longer one kept), in text order;
    letters mangled by a wrong decoding are read as letters (``deid.mojibake``)."""
    probe = letters_probe(text)
    found = _merged(probe, _labelled(probe) + (_shaped(probe) + _misread(probe) if shapes else []))
    return found if probe is text else in_text(found, text)


def in_text(found: list[Identifier], text: str) -> list[Identifier]:
    """The identifiers found on a probe of ``text`` (same spans), with ``text``'s characters."""
    return [replace(item, text=text[item.start : item.end]) for item in found]


def _merged(text: str, found: list[Identifier]) -> list[Identifier]:
    """Overlapping identifiers merged (the first one's kind kept), in text order."""
    found.sort(key=lambda i: (i.start, -i.end))
    kept: list[Identifier] = []
    for item in found:
        if kept and item.start < kept[-1].end:
            if item.end > kept[-1].end:
                last = kept[-1]
                kept[-1] = Identifier(
                    last.kind, last.start, item.end, text[last.start : item.end], last.rule
                )
            continue
        kept.append(item)
    return kept


def redact_text(text: str, found: list[Identifier] | None = None) -> str:
    """``text`` with every identifier replaced by its kind's placeholder (``[NAME]``)."""
    items = find_identifiers(text) if found is None else found
    out, pos = [], 0
    for item in items:
        out += [text[pos : item.start], PLACEHOLDER[item.kind]]
        pos = item.end
    return "".join(out) + text[pos:]


def label_starts(text: str) -> list[int]:
    """Where each identifier field label of ``text`` begins (``病案号``, ``Patient ID``)."""
    return [m.start() for m in _label_matches(text)]


def is_identifier_label(text: str) -> bool:
    """Whether ``text`` is itself just a field label of an identifier (``Patient ID``, ``姓名``)."""
    stripped = text.strip(" :：\t")
    if not stripped:
        return False
    return _keys().labels.fullmatch(stripped) is not None
