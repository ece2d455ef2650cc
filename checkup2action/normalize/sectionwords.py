"""The words of a report's sections (``data/sections.yaml``): which line is a heading and of what
kind, which word names an imaging modality, and which sub-label starts a findings or impression
part of an examination's block.

Matching ignores case, spaces and a heading's numbering or brackets (``一、``, ``1.``, ``【】``,
``(2)``) and trailing colon.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from checkup2action.datafiles import load_yaml
from checkup2action.memo import content_cache

#: Numbering and brackets around a heading: ``一、`` ``1.`` ``(2)`` ``【…】`` ``[…]`` ``■`` ``•``.
_DECOR = re.compile(
    r"^\s*(?:[(（]?\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3}|[IVX]{1,4}|[A-Ha-h])\s*[)）.、．:：]"
    r"|[■□●○◆◇▶►•·*#\-–—]+)?\s*[【\[〔]?\s*"
)
_TRAIL = re.compile(r"\s*[】\]〕]?\s*[:：]?\s*$")
#: The start of a numbered or bulleted item: ``1.`` ``(2)`` ``【3】`` ``④`` ``二、`` ``•``.
ITEM_START = re.compile(
    r"^\s*(?:[(（]?\d{1,2}\s*[.、)）:：](?!\d)|[(（【\[]\d{1,2}[)）】\]]|[①-⑳]"
    r"|[一二三四五六七八九十]{1,3}\s*[、.．]|[•·\-–*■●◆▶►]\s)"
)
#: Most words of a heading found by a summary keyword (``Summary and Recommendations``); a longer
#: line is a title or a sentence (``Patient Care Summary for <a name>``).
KEYWORD_WORDS = 4
#: Letters of a word that stand for it when headings are compared across languages.
STEM_LETTERS = 5
#: Words too common to tell a medical heading from any other line.
_STOPWORDS = frozenset({"and", "the", "for", "with", "from", "per", "not", "von", "und", "der",
                        "des", "del", "los", "las", "por", "para", "une", "sur"})  # fmt: skip
#: Longest body-site part of an imaging heading (``双侧甲状腺及颈部淋巴结``, ``Whole Abdomen``).
SITE_MAX = {"cjk": 14, "latin_words": 8}
#: Longest heading (characters): an imaging study's title can be long (``RESSONÂNCIA MAGNÉTICA DE
#: CABEÇA COM ESTUDO DE ESPECTROSCOPIA DE PRÓTONS``); other headings are short.
HEADING_MAX = {"imaging": 80, "other": 40}


@dataclass(frozen=True, slots=True)
class HeadingKind:
    """What a heading line names: a section kind, and for imaging its modality and body site."""

    kind: str  # vitals, physical_exam, laboratory, ecg, imaging, summary, patient
    modality: str | None = None
    body_site: str | None = None
    advice: bool | None = False  # summary: advice (建议), conclusion, None: both (结论与建议)


def squeeze(text: str) -> str:
    """Lower case without spaces: the form headings are compared in."""
    return re.sub(r"\s+", "", text).lower()


def strip_decoration(text: str) -> str:
    """The heading's words without its numbering, brackets and trailing colon."""
    return _TRAIL.sub("", _DECOR.sub("", text, count=1)).strip()


@dataclass(frozen=True, slots=True)
class _Words:
    """The vocabulary, compiled."""

    headings: dict[str, tuple[str, bool | None]]  # squeezed heading → (kind, advice)
    modality: re.Pattern[str]  # any modality word; group name = modality code
    text_label: re.Pattern[str]
    impression_label: re.Pattern[str]
    department_summary: re.Pattern[str]
    measurements: dict[str, tuple[re.Pattern[str], str]]
    skip: re.Pattern[str]
    department: re.Pattern[str]
    summary_keywords: dict[str, tuple[str, ...]]
    advice_start: re.Pattern[str]


def _word_pattern(word: str) -> str:
    """One word as a regex: spaces optional, Latin words whole, short acronyms case-exact."""
    body = r"\s*".join(re.escape(c) for c in word.replace(" ", ""))
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9 .\-']*", word):
        body = rf"(?<![A-Za-z]){body}(?![a-z])"
        if len(word) <= 4 and word.isupper():
            return f"(?-i:{body})"
    return body


def _alternatives(words: list[str]) -> str:
    """Several words as one alternation, longest first."""
    return "|".join(_word_pattern(w) for w in sorted(words, key=len, reverse=True))


def _label_regex(words: list[str]) -> re.Pattern[str]:
    """A sub-label at the start of a line, then an optional colon: the rest follows."""
    return re.compile(rf"^\s*[【\[]?(?:{_alternatives(words)})[】\]]?\s*(?:[:：]\s*|\s+|$)", re.I)


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    """``data/sections.yaml``, parsed once."""
    return dict(load_yaml(Path(__file__).parent / "data" / "sections.yaml"))


@lru_cache(maxsize=1)
def words() -> _Words:
    """The vocabulary of ``data/sections.yaml``, compiled once."""
    data = _data()
    headings: dict[str, tuple[str, bool | None]] = {}
    advice = {"summary_advice": True, "summary_mixed": None}
    for key, names in data["headings"].items():
        kind = "summary" if key.startswith("summary") else key
        for name in names:
            headings.setdefault(squeeze(str(name)), (kind, advice.get(key, False)))
    groups = "|".join(
        f"(?P<{code}>{_alternatives([str(w) for w in names])})"
        for code, names in data["modalities"].items()
    )
    measurements = {
        code: (
            re.compile(
                rf"(?:^|[\s,，;；])(?P<label>{_alternatives([str(w) for w in entry['labels']])})"
                r"\s*[:：=]?\s*(?P<number>\d{1,4}(?:\.\d+)?)(?![\d/])",
                re.I,
            ),
            str(entry["unit"]),
        )
        for code, entry in data["ecg_measurements"].items()
    }
    return _Words(
        headings,
        re.compile(groups, re.I),
        _label_regex([str(w) for w in data["text_labels"]]),
        _label_regex([str(w) for w in data["impression_labels"]]),
        _label_regex([str(w) for w in data["department_summary"]]),
        measurements,
        re.compile("|".join(f"(?:{p})" for p in data["skip_lines"]), re.I),
        re.compile(rf"\s*(?:{_alternatives(data['department_suffixes'])})\s*$", re.I),
        {k: tuple(str(w).lower() for w in v) for k, v in data["summary_keywords"].items()},
        re.compile(rf"^(?:{_alternatives([str(w) for w in data['advice_starts']])})", re.I),
    )


#: A serial-number column's header before the cell that names a table of items
#: (``序号  建议与指导``, ``S.No  Recommendations``).
_SERIAL_HEADER = re.compile(r"^(?:序号|序號|S\.?\s?No\.?|Sr\.?\s?No\.?|No\.?|#)\s{2,}(?=\S)", re.I)


def heading_kind(text: str) -> HeadingKind | None:
    """The section a line names when the whole line is a heading (after a serial-number
    column's header); None otherwise."""
    core = strip_decoration(_SERIAL_HEADER.sub("", text.strip()))
    if not core or len(core) > HEADING_MAX["imaging"] or is_sign_off(core):
        return None
    for form in _forms(core):
        found = words().headings.get(squeeze(form))
        if found is not None:  # listed as printed: ``12 Lead ECG``
            return HeadingKind(found[0], advice=found[1])
    if re.search(r"\d{2,}", core) or re.search(r"[。！？；;!?]|[，,、]$", core):
        return None  # a number or a date; a sentence, or a line a sentence wrapped onto
    for form in _forms(core):
        imaging = imaging_heading(form)
        if imaging is not None:
            return imaging
    return _summary_by_keyword(core) if len(core) <= HEADING_MAX["other"] else None


#: A field that names the examination done (``检查项目：甲状腺彩超``, ``项目：胸部DR``,
#: ``Exam: Chest X-ray``).
_STUDY_FIELD = re.compile(
    r"^\s*(?:检查项目|檢查項目|检查部位|检查名称|检查类别|检查方法|项目|項目|Exam(?:ination)?|Study|Procedure)"
    r"\s*[:：]\s*",
    re.IGNORECASE,
)


def study_field(text: str) -> tuple[int, str] | None:
    """Where an exam field's value starts in a line, and the value up to a wide gap; None for
    a line that is no exam field."""
    field = _STUDY_FIELD.match(text)
    if field is None:
        return None
    return field.end(), re.split(r"\s{2,}", text[field.end() :].strip())[0]


def imaging_kind(value: str) -> HeadingKind | None:
    """The heading kind of an imaging study's name; None for any other text."""
    kind = heading_kind(value) if value else None
    return kind if kind is not None and kind.kind == "imaging" else None


def names_study(text: str) -> bool:
    """Whether a line is an exam field whose value names an imaging study (``项目：胸部DR``)."""
    field = study_field(text)
    return field is not None and imaging_kind(field[1]) is not None


#: The sex an item is for, in brackets after its name (``肛门指诊（男）``, ``Pap smear (F)``).
_FOR_SEX = re.compile(r"\s*[(（]\s*(?:男|女|男性|女性|male|female|M|F)\s*[)）]\s*$", re.IGNORECASE)


def _forms(core: str) -> list[str]:
    """A heading as printed, without the sex it is for, and without a department suffix
    (``心电图室`` → ``心电图``)."""
    core = _FOR_SEX.sub("", core) or core
    bare = words().department.sub("", core)
    return [core, bare] if bare != core and len(bare) >= 2 else [core]


def _summary_by_keyword(core: str) -> HeadingKind | None:
    """A short line holding a summary or advice word: a summary heading."""
    if re.search(r"[，。,;；!！?？:：]", core) or len(core.split()) > KEYWORD_WORDS or "  " in core:
        return None  # a sentence, several cells of a table row, or a title naming someone
    if any("\u4e00" <= c <= "\u9fff" for c in core) and len(core) > 12:
        return None
    lowered = core.lower()
    has = {
        k: any(w in lowered for w in words().summary_keywords[k]) for k in ("advice", "conclusion")
    }
    if not any(has.values()):
        return None
    return HeadingKind("summary", advice=None if all(has.values()) else has["advice"])


#: A note in brackets (``(加急)``, ``(male)``).
_BRACKETED = re.compile(r"[(（][^()（）]*[)）]")


def imaging_heading(core: str) -> HeadingKind | None:
    """An imaging heading: a modality word with a short body site around it, or None."""
    match = words().modality.search(core)
    if match is None or match.lastgroup is None:
        return None
    site = core[: match.start()] + " " + core[match.end() :]
    unbracketed = _BRACKETED.sub(" ", site).strip(" -–:：,，()（）")
    # ``DR胸部正位片(加急)``: the bracket is a note; ``Ultrasound (Abdomen)``: the site
    site = unbracketed or site.strip(" -–:：,，()（）")
    site = words().department.sub("", site).strip()
    if not _short_site(site):
        return None
    return HeadingKind("imaging", modality=match.lastgroup, body_site=site or None)


def _short_site(site: str) -> bool:
    """Whether what surrounds a modality word is short enough to be a body site."""
    if not site:
        return True
    if re.search(r"[\d:：@]", site) or site[0] in "及和与并、，,":
        return False  # a number, a field, or the end of a sentence (``…及腹部彩超``)
    if any("\u4e00" <= c <= "\u9fff" for c in site):
        return len(site.replace(" ", "")) <= SITE_MAX["cjk"]
    return len(site.split()) <= SITE_MAX["latin_words"]


def sub_label(text: str) -> tuple[str | None, str]:
    """``("text" | "impression", rest)`` when the line starts with a sub-label, else
    ``(None, text)``. OCR slips in a long Latin label before its colon are forgiven
    (``Impresion:``, ``Observatlons:``)."""
    for kind, pattern in (("impression", words().impression_label), ("text", words().text_label)):
        match = pattern.match(text)
        if match:
            return kind, text[match.end() :].strip()
    misread = _misread_colon_label(text, ("impression_labels", "text_labels"))
    if misread is None:
        return None, text
    key, rest = misread
    return key.removesuffix("_labels"), rest


#: A Latin word of six letters or more opening a line, then a colon.
_COLON_WORD = re.compile(r"\s*([A-Za-zÀ-ÿ]{6,20})\s*[:：]\s*")
#: A word this alike to a sub-label (SequenceMatcher ratio) is that label misread.
SUB_LABEL_SIMILAR = 0.85


def _misread_colon_label(text: str, keys: tuple[str, ...]) -> tuple[str, str] | None:
    """``(list key, rest of the line)`` when the line opens with a long Latin word and a colon
    that is a misreading of a label of one of the lists ``keys``, else None."""
    word = _COLON_WORD.match(text)
    if word is None:
        return None
    key = _misread_label(word.group(1).lower(), keys)
    return None if key is None else (key, text[word.end() :].strip())


@content_cache(maxsize=512)
def _misread_label(word: str, keys: tuple[str, ...]) -> str | None:
    """The one vocabulary list among ``keys`` of ``data/sections.yaml`` holding a Latin label
    of six letters or more that ``word`` is a misreading of (``impresion``), if exactly one."""
    data = _data()
    found = {
        key
        for key in keys
        for label in map(str, data[key])
        if label.isascii()
        and len(label) >= 6
        and " " not in label
        and SequenceMatcher(None, word, label.lower()).ratio() >= SUB_LABEL_SIMILAR
    }
    return found.pop() if len(found) == 1 else None


def department_summary(text: str) -> str | None:
    """The rest of a physical-exam department's own conclusion line (``小结：未见异常``; OCR slips in
    a long Latin label forgiven, ``Remarsk:``)."""
    match = words().department_summary.match(text)
    if match:
        return text[match.end() :].strip()
    misread = _misread_colon_label(text, ("department_summary",))
    return misread[1] if misread else None


@lru_cache(maxsize=1)
def _vocabulary_texts() -> tuple[str, ...]:
    """The analyte catalogue's names and the section vocabulary's words. The allergens' names
    are left out: foods, animals and plants (``Petit pois``, ``Olive``) are no medical words, and
    many are surnames too."""
    from checkup2action.grammar.allergens import ALLERGEN_PREFIX
    from checkup2action.grammar.catalogue import load_catalogue

    data = _data()
    texts = [str(n) for names in data["headings"].values() for n in names]
    texts += [str(n) for names in data["modalities"].values() for n in names]
    texts += [str(w) for w in data["heading_words"]]
    texts += [
        n
        for analyte in load_catalogue()
        if not analyte.code.startswith(ALLERGEN_PREFIX)
        for n in analyte.names()
    ]
    return tuple(texts)


@lru_cache(maxsize=1)
def medical_tokens() -> tuple[frozenset[str], frozenset[str]]:
    """Stems of the Latin words (``_stem``) and CJK character pairs of the analyte catalogue's
    names and of the section vocabulary: what a heading found by its style alone must share."""
    latin: set[str] = set()
    pairs: set[str] = set()
    for text in _vocabulary_texts():
        latin.update(_stem(w) for w in _latin_words(text) if w not in _STOPWORDS)
        pairs.update(_cjk_pairs(text))
    return frozenset(latin), frozenset(pairs)


@lru_cache(maxsize=1)
def _medical_words() -> frozenset[str]:
    """The whole Latin words of the catalogue and the section vocabulary."""
    return frozenset(w for t in _vocabulary_texts() for w in _latin_words(t) if w not in _STOPWORDS)


def has_medical_word(text: str) -> bool:
    """Whether a text holds a whole word of the catalogue or the section vocabulary (stricter
    than ``sounds_medical``: ``Calcutta`` shares the stem ``calcu`` of calcium, not a word)."""
    return any(w in _medical_words() for w in _latin_words(text))


def _latin_words(text: str) -> list[str]:
    """Lower-case Latin words of three letters or more, accents taken off."""
    bare = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in bare if not unicodedata.combining(c))
    return [w.lower() for w in re.findall(r"[A-Za-z]{3,}", bare)]


def _stem(word: str) -> str:
    """A word's first five letters: languages share them (``hematológia``, ``hematology``)."""
    return word[:STEM_LETTERS]


def _cjk_pairs(text: str) -> list[str]:
    """Every two neighbouring CJK characters."""
    han = [c if "\u4e00" <= c <= "\u9fff" else " " for c in text]
    return [a + b for a, b in pairwise(han) if a != " " and b != " "]


def sounds_medical(text: str) -> bool:
    """Whether a line shares a word stem (or a CJK character pair) with the catalogue or the
    section vocabulary: a person's name or a letterhead does not."""
    latin, pairs = medical_tokens()
    words_ = [w for w in _latin_words(text) if w not in _STOPWORDS]
    return any(_stem(w) in latin for w in words_) or any(p in pairs for p in _cjk_pairs(text))


@lru_cache(maxsize=1)
def _title_endings() -> tuple[str, ...]:
    """The endings of report titles in ``data/sections.yaml``."""
    data = _data()
    return tuple(str(t).lower() for t in data["title_endings"])


def is_report_title(text: str) -> bool:
    """Whether a line ends like a report's title (``检验结果报告单``): a title is no section."""
    return strip_decoration(text).lower().endswith(_title_endings())


def is_advice(text: str) -> bool:
    """Whether a summary item's words (its numbering and title taken off) start with advice."""
    return words().advice_start.match(text.strip()) is not None


def is_sign_off(text: str) -> bool:
    """Whether a line says who signed a block or when (``报告医生：``, ``Reported by``)."""
    return words().skip.match(text.strip()) is not None


def ecg_measurements(text: str) -> list[tuple[str, str, str, str]]:
    """ECG numbers printed in ``text``: (code, label as printed, number as printed, UCUM unit)."""
    out = []
    for code, (pattern, unit) in words().measurements.items():
        for match in pattern.finditer(text):
            out.append((code, match.group("label"), match.group("number"), unit))
    return out
