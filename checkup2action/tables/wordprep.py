"""Words of a line made ready for the line reading: labels, bullets and glued pieces undone.

OCR and layout leave words that are not cells yet: a CJK name read together with its value
(``平均血红蛋白浓度323``), a range behind its label (``参考值：0--0.3mmol/L``), labels that announce
a result (``◇ Current Result:``), bullets glued to names, a lone opening bracket.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import replace

from checkup2action.grammar.catalogue import load_catalogue
from checkup2action.grammar.ocrunits import read_ocr_unit
from checkup2action.ingestion.document import Word, split_word
from checkup2action.layout.lines import TextLine, is_cjk
from checkup2action.tables.content import looks_qualitative, looks_unit

_GLUED_CJK_VALUE = re.compile(
    # a CJK name, perhaps with a short Latin suffix (``红细胞体积分布-W``, ``-CV``, ``-SD``)
    r"^(.*[\u3400-\u9fff）)](?:-[A-Z]{1,3})?)\s*([<>]?\d+(?:[.,]\d+)?[↑↓]?)$"
    # a name ending in a letter or two (``血清淀粉样蛋白A``) when a long dash stands between
    r"|^(.*[\u3400-\u9fff）)][A-Za-z0-9]{0,3})\s*[—–_~]+\s*([<>]?\d+(?:[.,]\d+)?[↑↓]?)$"
)
_RESULT_LABEL = re.compile(
    r"(?:current\s+|your\s+|patient\s+)?(?:result|results|value)\s*[:：]|结果\s*[:：]|結果\s*[:：]"
    r"|resultado\s*[:：]|ergebnis\s*[:：]|résultat\s*[:：]|risultato\s*[:：]",
    re.IGNORECASE,
)
_MARKS = frozenset({"◇", "◆", "•", "·", "°", "*", "■", "□", "▪", "-"})
_RANGE_LABEL = re.compile(
    r"^(?:参考值|参考范围|参考区间|參考值|參考範圍"
    r"|(?:bio(?:logical)?\.?\s*)?ref(?:erence)?\.?(?:\s*(?:range|interval|values?))?"
    r"|normal(?:\s*(?:range|values?))?|valor(?:es)? de refer[eê]ncia|intervalo de refer[eê]ncia"
    r"|normwert|referenzbereich|n|normales?|valeurs? normales?|valeurs? de r[ée]f[ée]rence"
    r"|intervallo di riferimento|valori di riferimento)"
    r"\s*[:：]\s*",
    re.IGNORECASE,
)
#: The longest range label in words (``Biological Reference Interval:``).
MAX_LABEL_WORDS = 4


#: A CJK name of three or more characters OCR read together with a result word after it.
_GLUED_CJK_WORD = re.compile(
    r"^([\u3400-\u9fff）)]{3,}?)(弱阳性|弱陽性|阴性|陰性|阳性|陽性|未检出|未檢出)$"
)


#: A CJK name ending in a Latin letter or two, its value glued on with no dash between
#: (``血清淀粉样蛋白A110.53↑``): split only where the catalogue knows the name.
_GLUED_LETTER_VALUE = re.compile(r"^(.*[\u3400-\u9fff][A-Za-z]{1,2})(\d+(?:[.,]\d+)?[↑↓]?)$")


#: An arrow OCR read together with the range after it (``↓2.4-4.0``, ``↑<8``): the flag of the
#: value before it, then the range.
_ARROW_RANGE = re.compile(
    r"^([↑↓])\s*([<>≤≥]\s*\d+(?:[.,]\d+)?|\d+(?:[.,]\d+)?\s*[-~–]+\s*\d+(?:[.,]\d+)?)$"
)


def _cut_arrow(word: Word) -> list[Word]:
    """An arrow glued before a range (``↓2.4-4.0``) as two words: the arrow and the range."""
    m = _ARROW_RANGE.match(word.text.strip())
    if m is None or word.text != word.text.strip():
        return [word]
    arrow, rest = split_word(word, 1)
    return [arrow, replace_text(rest, m.group(2))]


#: A number and the unit glued after it (``88µmol/l``, ``103,9µg/100ml``).
_GLUED_UNIT = re.compile(r"^(\d+(?:[.,]\d+)?)([a-zA-Zµμ%/][^\s]*)$")


def _cut_unit(word: Word) -> list[Word]:
    """A value OCR read together with its unit (``7,2µmol/l``) as two words, where the tail is a
    unit the grammar knows, or one OCR misread in a way no other unit is written
    (``7,2µmo171``)."""
    m = _GLUED_UNIT.match(word.text.strip())
    if m is None or word.text != word.text.strip():
        return [word]
    if not looks_unit(m.group(2)) and read_ocr_unit(m.group(2), None) is None:
        return [word]
    value, unit = split_word(word, len(m.group(1)))
    return [value, unit]


def _cut_glued(word: Word) -> list[Word]:
    """A CJK name OCR read together with its value (``平均血红蛋白浓度323``,
    ``甲型流感病毒抗原阴性``, ``血清淀粉样蛋白A—110.53↑``) as two words."""
    parts = _glued_parts(word.text)
    if parts is None or not any(is_cjk(c) for c in parts[0]):
        return [word]
    name, value = parts
    left, right = split_word(word, len(name))
    return [replace_text(left, name.strip()), replace_text(right, value)]


def _glued_parts(text: str) -> tuple[str, str] | None:
    """The name and the value of a word that glues them, as printed; None for other words."""
    m = _GLUED_CJK_VALUE.match(text)
    if m is not None:
        return m.group(1) or m.group(3), m.group(2) or m.group(4)
    m = _GLUED_CJK_WORD.match(text)
    if m is not None:
        return m.group(1), m.group(2)
    m = _GLUED_LETTER_VALUE.match(text)
    if m is not None and load_catalogue().match(m.group(1)) is not None:
        return m.group(1), m.group(2)  # ``血清淀粉样蛋白A110.53↑``: the catalogue knows the name
    return None


def replace_text(word: Word, text: str) -> Word:
    """The word with new text and the same box."""
    return replace(word, text=text, char_x0s=None) if text != word.text else word


def _strip_range_label(word: Word) -> Word:
    """``参考值：0--0.3mmol/L`` → ``0--0.3mmol/L`` (the label says what follows)."""
    t = unicodedata.normalize("NFKC", word.text)
    m = _RANGE_LABEL.match(t)
    return replace_text(word, t[m.end() :]) if m and t[m.end() :] else word


#: Words after a range label closer than this many of their heights belong to the range.
RANGE_PHRASE_GAP = 1.0
_NOT_RANGE_TEXT = frozenset({"*", "↑", "↓", "↗", "↘", "▲", "▼", "H", "L"})


def _glue_range_label(words: list[Word]) -> list[Word]:
    """A range label OCR read as several words (``Reference`` ``Interval:``) made one word, so
    that the range after it is read as one (see :func:`_join_labelled_range`)."""
    out: list[Word] = []
    i = 0
    while i < len(words):
        for n in range(min(MAX_LABEL_WORDS, len(words) - i), 1, -1):
            label = " ".join(w.text.strip() for w in words[i : i + n])
            m = _RANGE_LABEL.match(unicodedata.normalize("NFKC", label))
            if m and m.end() >= len(label.rstrip()):
                out.append(_joined(words[i : i + n]))
                i += n
                break
        else:
            out.append(words[i])
            i += 1
    return out


def _join_labelled_range(words: list[Word]) -> list[Word]:
    """The words after a range label (``参考值：``) set close together are one range, band words
    and all (``适宜 <5.20mmol/L 增高``): none of them is a test's name."""
    return _join_runs(
        _glue_range_label(words),
        lambda w: bool(_RANGE_LABEL.match(unicodedata.normalize("NFKC", w.text))),
        _continues_range,
    )


def _join_runs(
    words: list[Word], starts: Callable[[Word], bool], continues: Callable[[Word, Word], bool]
) -> list[Word]:
    """The words with each run that ``starts`` a word and ``continues`` word after word joined
    into one word."""
    out: list[Word] = []
    i = 0
    while i < len(words):
        j = i + 1
        if starts(words[i]):
            while j < len(words) and continues(words[j - 1], words[j]):
                j += 1
        out.append(_joined(words[i:j]) if j - i > 1 else words[i])
        i = j
    return out


def _continues_range(before: Word, word: Word) -> bool:
    """Whether a word follows a range's last word closely and is no mark or flag."""
    em = max(before.height, word.height, 1.0)
    return word.x0 - before.x1 <= RANGE_PHRASE_GAP * em and word.text.strip() not in _NOT_RANGE_TEXT


def _joined(words: list[Word]) -> Word:
    """One word over several: their texts with spaces, the box around them."""
    first = words[0]
    return replace(
        first,
        text=" ".join(w.text.strip() for w in words),
        x1=max(w.x1 for w in words),
        top=min(w.top for w in words),
        bottom=max(w.bottom for w in words),
        char_x0s=None,
    )


def _drop_result_labels(words: list[Word]) -> list[Word]:
    """Words without the labels that announce a result (``◇ Current Result:``, ``结果：``) and
    the marks in front of them."""
    out: list[Word] = []
    for w in words:
        out.append(w)
        if not w.text.rstrip().endswith((":", "：")):
            continue
        for n in (3, 2, 1):
            label = " ".join(x.text for x in out[-n:])
            label = unicodedata.normalize("NFKC", label).strip().lstrip("".join(_MARKS) + " ")
            if _RESULT_LABEL.fullmatch(label):
                del out[-n:]
                while out and out[-1].text.strip() in _MARKS:
                    out.pop()
                break
    return out


BULLETS = frozenset({"•", "◇", "◆", "■", "□", "▪", '"', "“", "”", "·"})


def unbullet(word: Word) -> Word:
    """A word without a bullet OCR glued to its front (``°GGT``, ``•Glucose``), or a number
    without the colon a key-value form prints tight before it (``:35.8``)."""
    t = word.text.strip()
    if len(t) > 1 and t[0] in BULLETS | {"°"} and t[1].isalnum():
        return replace_text(word, t[1:])
    if len(t) > 1 and t[0] in ":：" and t[1].isdigit():
        return replace_text(word, t[1:])
    return word


def _glue_brackets(words: list[Word]) -> list[Word]:
    """A lone opening bracket joins the word after it (``(`` ``< 60)`` → ``(< 60)``)."""
    out: list[Word] = []
    skip = False
    for i, w in enumerate(words):
        if skip:
            skip = False
            continue
        if w.text.strip() in ("(", "[") and i + 1 < len(words):
            nxt = words[i + 1]
            out.append(replace_text(replace(w, x1=nxt.x1), w.text.strip() + nxt.text.strip()))
            skip = True
        else:
            out.append(w)
    return out


def marks_word(mark: Word, word: Word) -> bool:
    """Whether a lone ``+`` or ``*`` stands tight before a result word it flags."""
    em = max(mark.size, mark.height, 1.0)
    t = word.text.strip()
    return word.x0 - mark.x1 <= 0.8 * em and looks_qualitative(t) and t not in ("+", "-", "±")


#: A footnote mark's size next to its word's, at most, and how far its bottom sits above.
FOOTNOTE_SIZE = 0.8
FOOTNOTE_RAISE = 0.15


def is_footnote_mark(mark: Word, before: Word | None) -> bool:
    """A small raised 1-2 digit number right after a word of letters (``Мочевина¹``, ``Glucose²``):
    a note's reference, not a value; a power after a number or a unit (``10⁹``, ``m²``) is not."""
    t = mark.text.strip()
    if before is None or not (t.isdigit() and len(t) <= 2) or not mark.size or not before.size:
        return False
    word = before.text.strip()
    if not any(c.isalpha() for c in word) or any(c in "./" for c in word) or looks_unit(word):
        return False  # ``10⁹``, ``1.73m²``, ``m²``: a power
    small = mark.size <= FOOTNOTE_SIZE * before.size
    raised = before.bottom - mark.bottom >= FOOTNOTE_RAISE * (before.bottom - before.top)
    close = mark.x0 - before.x1 <= 0.5 * before.size
    return small and raised and close


def _drop_footnote_marks(words: list[Word]) -> list[Word]:
    """The words without footnote marks (:func:`is_footnote_mark`)."""
    return [w for i, w in enumerate(words) if not is_footnote_mark(w, words[i - 1] if i else None)]


#: A number's thousands printed apart (``5 260 000``, ``7 200``): a 1-3 digit head, 3-digit groups.
_GROUP_HEAD = re.compile(r"^[1-9]\d{0,2}$")
_GROUP = re.compile(r"^\d{3}$")
#: Groups of one number stand at most this many of their heights apart (a space); columns and
#: row numbers stand twice as far or more.
GROUP_GAP = 1.5


def _join_digit_groups(words: list[Word]) -> list[Word]:
    """A number whose thousands are set apart by spaces as one word (``5`` ``260`` ``000``)."""
    return _join_runs(words, lambda w: bool(_GROUP_HEAD.match(w.text.strip())), _next_group)


def _next_group(before: Word, word: Word) -> bool:
    """Whether a word is the next 3-digit group of the number whose last group is before."""
    em = max(before.height, word.height, 1.0)
    return bool(_GROUP.match(word.text.strip())) and word.x0 - before.x1 <= GROUP_GAP * em


def prepared_words(line: TextLine) -> list[Word]:
    """The line's words with glued names, values, arrows and units cut, range and result labels
    and footnote marks dropped, a number's spaced thousands joined, bullets removed and lone
    brackets joined to what follows."""
    words = [
        w
        for word in _join_labelled_range(line.words)
        for glued in _cut_glued(_strip_range_label(word))
        for arrowed in _cut_arrow(glued)
        for w in _cut_unit(arrowed)
    ]
    words = _join_digit_groups(_drop_result_labels(_drop_footnote_marks(words)))
    words = [unbullet(w) for w in words if w.text.strip() and w.text.strip() not in BULLETS]
    return _glue_brackets(words)
