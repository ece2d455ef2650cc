"""Printed test names as the catalogue reads them: a lookup key, cleaned forms, and parts.

A name is cleaned progressively (row numbers, decoration, site codes, serum words and closing
words dropped: ``name_variants``) and cut into parts where its script changes, each part known
to the catalogue or a run of one script (``name_pieces``); ``normalise_key`` makes the key every
lookup uses.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Container

from checkup2action.grammar.fuzzy import CJK
from checkup2action.memo import content_cache

__all__ = [
    "BRACKETED_METHOD_RE",
    "CJK_CHAR_RE",
    "LAB_CODE_RE",
    "QUALIFIERS",
    "UNIT_PART_RE",
    "code_mark_agrees",
    "cyrillic_readings",
    "double_i_as_h",
    "foreign_gloss",
    "leading_method",
    "looked_for",
    "method_phrase",
    "name_pieces",
    "name_variants",
    "names_in_cjk",
    "normalise_key",
    "ocr_repairs",
    "open_bracket_start",
    "per_field_name",
    "singular",
    "synonym_forms",
    "trailing_mark",
    "trailing_method",
    "trailing_method_phrase",
    "without_lead_qualifier",
]

# Traditional -> simplified, only characters seen in lab names (pairs: trad, simp).
_T2S_PAIRS = (
    "細细數数紅红檢检驗验總总膽胆鈉钠鉀钾鈣钙鎂镁鐵铁鋅锌銅铜鉛铅醣糖質质轉转纖纤維维類类體体積积"
    "寬宽絕绝對对計计壓压鹼碱離离濃浓單单顆颗網网織织異异標标準准變变參参範范圍围結结論论釋释狀状"
    "遊游過过屬属飽饱腎肾臟脏風风濕湿鏈链補补間间國国際际時时顏颜濁浊隱隐潛潜亞亚鹽盐腫肿誌志記记"
    "經经攝摄護护門门桿杆氣气試试腦脑脫脱氫氢羥羟睪睾黃黄長长島岛樣样葉叶鈷钴視视澱淀環环產产縮缩"
    "張张脈脉後后飯饭濾滤絲丝醯酰麩麸蟲虫糞粪膿脓鱗鳞兒儿種种鏡镜測测價价應应漿浆滲渗線线絨绒兩两"
    "動动態态無无機机陽阳陰阴醫医佈布銨铵膚肤彈弹級级觀观沈沉個个黴霉鉤钩穀谷愛爱緊紧藍蓝電电極极"
    "層层鉻铬錳锰鎘镉鋰锂淺浅軟软帶带團团塊块藥药與与"
)
_T2S = str.maketrans(dict(zip(_T2S_PAIRS[0::2], _T2S_PAIRS[1::2], strict=True)))
_SPELLING = (("haem", "hem"), ("anaem", "anem"), ("leuco", "leuko"), ("oestr", "estr"),
             ("caerul", "cerul"), ("sulph", "sulf"), ("colour", "color"), ("tumour", "tumor"),
             ("faec", "fec"), ("ionis", "ioniz"), ("titre", "titer"), ("alis", "aliz"),
             ("cholestrol", "cholesterol"))  # fmt: skip
_DROP_RE = re.compile(r"[\s\-_.,:;'\"`·•・()\[\]{}<>*+~^|=?!@′″‘’“”"
                      r"\u2010-\u2015\u2212、。「」『』【】《》〈〉]")  # fmt: skip
_CIRCLED_RE = re.compile(r"^\s*[\u2460-\u2473\u24f5-\u24fe\u2776-\u2793\u3251-\u325f]\s*")
#: A row number before a name (``3.``, ``(12)``, ``7 ``), also glued to a Chinese name by OCR
#: (``11嗜酸粒细胞绝对值``; not the ``25`` of ``25羟维生素D``).
_ROW_RE = re.compile(
    r"^\s*(?:[(\[]\d{1,3}[)\]]|\d{1,3}\s*[.、)\]:|](?!\d)|\d{1,2}\s+"
    f"|\\d{{1,2}}(?=[{CJK}])(?![羟羥]))"
)
#: A lab site code after a name (``WBC 02``, ``Hemoglobin A, 01``), also glued on or read as a
#: superscript by OCR (``Sodium01``, ``Chloride⁰1``, ``Glucose {01``); not glued to a lone
#: lower-case letter (``p02``, ``s02``: pO2 and sO2 with OCR's zero for the O).
_SITE_RE = re.compile(r"(?:\s+|(?<=[^\W\d_])(?<!\b[a-z]))(?:[A-Z]\s*,\s*)?[{(]?[0⁰]\d{1,2}\s*$")
_EDGE_RE = re.compile(r"^[\s*#※☆★△▲▼↑↓→·•:\-_.,;|、]+|[\s*※☆★△▲▼↑↓→·•:\-_.,;|、]+$")
_SERUM_RE = re.compile(r"^(?:serum|plasma|whole\s+blood|血清|血浆|血漿|全血)\s*"
                       r"|^(?:S|Sr)\.\s*(?=[^\W\d_]{2})"  # ``S. Creatinine``, ``Sr.Bilirubin``
                       r"|^(?:determina[çc][ãa]o|dosagem|determinaci[óo]n|bestimmung|dosage|dosaggio)"
                       r"\s+(?:d[aeo]s?|del?|von|des|du|dell[ao]?)\s+"
                       r"|,\s*s$"  # ``Sodium, S`` (serum); ``Hemoglobin S`` is a variant, not serum
                       r"|(?:[,\s]+|\s+-\s+)(?:serum|plasma|blood|s[ée]ric[oa]|sangu[íi]ne[oa]"
                       r"|ser[uv](?:rn|n)|plas(?:rn|n)a"  # OCR's ``m`` as ``rn`` or ``n``
                       r"|plasm[áa]tic[oa]|s[ée]rique|sieric[oa]|im\s+(?:serum|plasma|blut)"
                       r"|sz[ée]rum|plazma)$"  # ``Glükóz - szérum``
                       r"|\s+(?:meghat(?:[áa]roz[áa]sa|\.)?|dosage\s+direct)$"  # ``AST meghatározása``
                       r"|\s+(?:method|方法)\s*:.*$", re.I)  # fmt: skip

_BRACKET_RE = re.compile(r"[(\[]([^()\[\]]*)[)\]]")
_CJK = CJK
_RUN_RE = re.compile(f"[{_CJK}]+|[^{_CJK}]+")
CJK_CHAR_RE = re.compile(f"[{_CJK}]")
_MAX_ATOMS = 16  # longer unknown names are not tiled (quadratic in the atom count)
_LETTER_RE = re.compile(r"[^\W\d_]")

#: Words that close a Chinese test name without changing it (``…抗原测定``, ``结晶数量``), and
#: the method glued after it (``糞便潛血免疫法``: immunochemical; ``尿糖干化学法``: dry strip;
#: ``HCV抗体CLIA法``: an assay's acronym).
_CJK_TAIL_RE = re.compile(
    f"(?<=[{_CJK}])(?:精密测定|精密測定|测定|检测|測定|檢測|检查|檢查|数量|數量|[A-Z]{{2,6}}法"
    "|(?:免疫|化学|化學|干化学|乾化學|胶体金|膠體金|手工|仪器|儀器|镜检|鏡檢|比浊|比濁|速率|金标|金標"
    "|试纸|試紙|电极|電極|酶)法)$"
)


#: A share written short (``嗜酸性粒细胞比``, ``中性粒细胞比值``) and the neutrophil's longer name
#: (``嗜中性粒细胞``).
_CJK_SHARE_RE = re.compile(f"(?<=[{_CJK}])(?<!百分)(?:比值|比)$")
#: A count written long (``嗜碱性粒细胞数目``, ``…数量``) for its short name (``…数``).
_CJK_COUNT_RE = re.compile(f"(?<=[{_CJK}])(?:数目|数量|數目|數量)$")
_NEUTRO_RE = re.compile("嗜中性")
#: ``嗜酸粒细胞`` written short for ``嗜酸性粒细胞`` (and the basophil's ``嗜碱粒细胞``).
_GRANULOCYTE_RE = re.compile("嗜([酸碱鹼])粒")
#: 膽紅質, the Taiwanese word for bilirubin (膽紅素).
_BILIRUBIN_RE = re.compile("([胆膽][红紅])[质質]")
#: ``Hb`` written inside a Chinese name (``平均红细胞Hb含量``) for 血红蛋白.
_CJK_HB_RE = re.compile(f"(?<=[{_CJK}])Hb(?=[{_CJK}])")
#: The German antibody abbreviation after a name (``HBc-Ak``, ``HAV-IgM-Ak``, ``TPO-AK``).
_GERMAN_ANTIBODY_RE = re.compile(r"[-\s]+ak$", re.IGNORECASE)
#: A value computed, not measured, said after the name without brackets (``MCHC Calculated``,
#: ``VLDL Cholesterol,Calculated``).
_COMPUTED_RE = re.compile(r"[,\s]+(?:calculated|calc\.?|derived|computed)$", re.IGNORECASE)
#: A share's percent sign printed before the name (``%Neut``), as it is usually printed after it.
_LEADING_PERCENT_RE = re.compile(r"^%\s*(?=[^\W\d_])")
#: The plural of an abbreviation in capitals (``RBCs``, ``WBCs``).
_ABBREVIATION_PLURAL_RE = re.compile(r"(?<=[A-Z]{3})s\b")
#: Cyrillic letters drawn like Latin ones: a Cyrillic recogniser reads ``MCH`` as ``МСН``.
_LATIN_LOOKALIKES = str.maketrans("АВЕКМНОРСТХУаеорсхуЬь", "ABEKMHOPCTXYaeopcxybb")
_LOOKALIKE_TOKEN_RE = re.compile(r"\b[АВЕКМНОРСТХУ][АВЕКМНОРСТХУA-ZЬь]+\b")


#: An ``H`` that OCR split into two strokes, ``II``, in a capitalised abbreviation: before a
#: capital (``IIBs抗原``, ``IIDL``) or after one (``MCII``, ``MCIIC``).
_DOUBLE_I_AS_H_RE = re.compile(r"(?<![A-Za-z])II(?=[A-Z])|(?<=[A-Z])II(?=[A-Z]*\b)")


def double_i_as_h(name: str) -> str:
    """A name with an ``H`` that OCR read as ``II`` written back (``MCII`` -> ``MCH``); tried only
    when the name as read is unknown, so a Roman numeral (``Factor II``) keeps its meaning."""
    return _DOUBLE_I_AS_H_RE.sub("H", name)


def latin_lookalikes(name: str) -> str:
    """A name's capitalised words written only in Cyrillic letters that look Latin, written in
    Latin (``МСН (ср. содер. НЬ в`` -> ``MCH (ср. содер. Hb в``); one of the ``synonym_forms``,
    tried after the name itself, so that ``МНО`` (INR in Russian) keeps its Cyrillic."""
    return _LOOKALIKE_TOKEN_RE.sub(lambda m: m.group().translate(_LATIN_LOOKALIKES), name)


def ocr_repairs(name: str) -> list[str]:
    """Other readings of a name, for the catalogue to try when the name as read is unknown: an
    ``H`` OCR split into ``II`` (``MCII``), and Latin capitals a Cyrillic recogniser read as
    Cyrillic look-alikes, with ``У`` read back as ``Y`` and as ``V`` (``МСУ (ср. объем эритр.)``
    -> ``MCV (ср. объем эритр.)``)."""
    h = double_i_as_h(name)
    v = _LOOKALIKE_TOKEN_RE.sub(lambda m: m.group().replace("У", "V"), h)
    forms = [h, latin_lookalikes(h), latin_lookalikes(v)]
    return [f for i, f in enumerate(forms) if f != name and f not in forms[:i]]


#: Cyrillic capitals as a Latin recogniser reads them: the look-alikes, and the shapes it takes
#: for a Latin letter or a digit (``П`` as ``N``, ``Ч`` as ``4``: ``ПТВ`` read ``NTB``).
_CYRILLIC_READINGS = str.maketrans("ABCEHKMOPTXYN4", "АВСЕНКМОРТХУПЧ")
_LATIN_READ_TOKEN_RE = re.compile(r"\b[ABCEHKMOPTXYN4]*[ABCEHKMOPTXYN][ABCEHKMOPTXYN4]+\b")


def cyrillic_readings(name: str) -> str:
    """A name's words in capitals that a Latin recogniser could have read from Cyrillic ones,
    written back in Cyrillic (``A4TB`` -> ``АЧТВ``); one of the ``synonym_forms``, tried after
    the name itself, so a Latin abbreviation the catalogue knows keeps its Latin. It is looked
    up whole, not one of the ``ocr_repairs`` matched again: with ``latin_lookalikes`` there, the
    two alphabets' readings would turn into each other for ever (``MCH``, ``МСН``, ``MCH``)."""
    return _LATIN_READ_TOKEN_RE.sub(lambda m: m.group().translate(_CYRILLIC_READINGS), name)


#: A specimen said in a Cyrillic gloss (``в моче``: in urine; ``кал``: stool).
_GLOSS_SPECIMEN_RE = re.compile(r"моч[аеиу]\b|\bкал[аеу]?\b", re.IGNORECASE)


def _alphabet(ch: str) -> str:
    """The alphabet a letter belongs to, by its Unicode name (``LATIN``, ``CYRILLIC``, ``CJK``)."""
    name = unicodedata.name(ch, "")
    return "CJK" if name.startswith(("CJK", "HIRAGANA", "KATAKANA")) else name.split(" ")[0]


def foreign_gloss(piece: str) -> bool:
    """Whether a bracketed piece explains a Latin abbreviation in another alphabet than Latin
    or the CJK scripts (``MCH (ср. содер. Hb в эр.)``): at least three letters, seven in ten
    of them of one such alphabet, and no specimen named."""
    letters = [_alphabet(ch) for ch in piece if ch.isalpha()]
    if len(letters) < 3 or _GLOSS_SPECIMEN_RE.search(piece):
        return False
    top = max(set(letters), key=letters.count)
    return top not in ("LATIN", "CJK") and letters.count(top) >= 0.7 * len(letters)


#: A plural ending after four letters or more, not a double ``ss`` (``Neutrophils Count``,
#: ``Platelet Counts``, not ``CLASS`` or ``CLAS``): catalogue names are singular.
_PLURAL_RE = re.compile(r"(?<=[a-z]{4})(?<!s)s\b", re.IGNORECASE)


@content_cache(maxsize=65536)
def normalise_key(text: str) -> str:
    """Case-, width-, script-, spelling- and punctuation-insensitive lookup key."""
    s = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    s = unicodedata.normalize("NFKC", s).casefold().translate(_T2S)
    for british, us in _SPELLING:
        s = s.replace(british, us)
    return _DROP_RE.sub("", s)


def _strip(text: str, site: bool = True) -> str:
    """Strip decoration (asterisks, arrows, punctuation) and trailing site codes ('WBC 02')."""
    prev = None
    while prev != text:
        prev, text = text, _EDGE_RE.sub("", _SITE_RE.sub("", text) if site else text).strip()
    return text


def name_variants(name: str) -> list[str]:
    """Progressively cleaned forms of a printed name, least changed first (the last with a
    percent sign printed before the name moved after it)."""
    s = unicodedata.normalize("NFKC", _CIRCLED_RE.sub("", name)).strip()
    edged = _strip(s, site=False)
    out = [s, edged, _strip(edged), _strip(_ROW_RE.sub("", edged))]
    out.append(_SERUM_RE.sub("", out[-1]))
    out.append(_CJK_TAIL_RE.sub("", out[-1]))
    if _LEADING_PERCENT_RE.match(out[-1]):  # ``%Neut``, ``% Transferrin saturation``
        out.append(_LEADING_PERCENT_RE.sub("", out[-1]) + " %")
    return [v for i, v in enumerate(out) if v and v not in out[:i]]


def synonym_forms(name: str) -> list[str]:
    """Other ways of writing a cleaned name, to look up whole after the name itself (not to cut
    into parts): ``嗜酸性粒细胞比`` as ``…比率``, ``嗜中性粒细胞`` as ``中性粒细胞``,
    ``嗜酸粒细胞`` as ``嗜酸性粒细胞``, ``嗜碱性粒细胞数目`` as ``…数``, ``總膽紅質`` as ``總膽紅素``, ``平均红细胞Hb含量`` as
    ``平均红细胞血红蛋白含量``, ``MCHC Calculated`` as ``MCHC``, ``HBc-Ak`` as ``HBc Ab``,
    ``Neutrophils Count`` as ``Neutrophil Count``, ``RBCs`` as ``RBC``, ``МСН`` as ``MCH`` and
    ``NTB`` as ``ПТВ``."""
    cjk = _GRANULOCYTE_RE.sub(r"嗜\1性粒", _NEUTRO_RE.sub("中性", _CJK_HB_RE.sub("血红蛋白", name)))
    cjk = _BILIRUBIN_RE.sub(r"\1素", cjk)
    share = _CJK_COUNT_RE.sub(lambda m: m.group(0)[0], _CJK_SHARE_RE.sub("比率", cjk))
    plain = _GERMAN_ANTIBODY_RE.sub(" Ab", _COMPUTED_RE.sub("", share))
    forms = [share, plain, _ABBREVIATION_PLURAL_RE.sub("", singular(plain)), latin_lookalikes(name)]
    forms.append(cyrillic_readings(name))
    return [f for i, f in enumerate(forms) if f and f != name and f not in forms[:i]]


def singular(name: str) -> str:
    """A name's plural ending dropped (``Epithelial cells`` -> ``Epithelial cell``; one of the
    ``synonym_forms``); the name itself when it has none."""
    return _PLURAL_RE.sub("", name)


def _char_class(c: str) -> int:
    """0 CJK, 1 letter, 2 digit, 3 anything else (space, punctuation)."""
    if CJK_CHAR_RE.match(c):
        return 0
    return 2 if c.isdigit() else 1 if c.isalpha() else 3


def _tile(text: str, known: Callable[[str], bool]) -> list[str] | None:
    """Fewest known parts that exactly cover text, cut only where the script changes.

    Cuts fall between CJK and non-CJK, around spaces and punctuation, and before a letter
    that follows a digit, so a Chinese name holding Latin letters or digits stays whole:
    'B型肝炎e抗原HBeAg' -> ['B型肝炎e抗原', 'HBeAg'], '癌抗原19-9CA199' -> ['癌抗原19-9', 'CA199'].
    None when some stretch is unknown.
    """
    kinds = [_char_class(c) for c in text]
    cuts = [0] + [
        i
        for i in range(1, len(text))
        if kinds[i - 1] != kinds[i]
        and (0 in kinds[i - 1 : i + 1] or 3 in kinds[i - 1 : i + 1] or kinds[i] == 1)
    ]
    cuts.append(len(text))
    if len(cuts) > _MAX_ATOMS + 1:
        return None
    best: dict[int, list[str]] = {0: []}
    for j in range(1, len(cuts)):
        for i in (i for i in range(j) if i in best):
            part = text[cuts[i] : cuts[j]].strip()
            blank = not normalise_key(part.strip("/"))  # ``Hématies / mm3``
            if not blank and not known(part):
                continue
            tiling = best[i] + ([] if blank else [part])
            if j not in best or len(tiling) < len(best[j]):
                best[j] = tiling
    return best.get(len(cuts) - 1) or None


def name_pieces(text: str, known: Callable[[str], bool]) -> list[tuple[str, bool]]:
    """(part, bracketed) pairs: split off brackets, then tile or cut unknown segments into runs."""
    outer = _BRACKET_RE.sub(" ", text).strip()
    segs = [(outer, False)] + [(m.strip(), True) for m in _BRACKET_RE.findall(text)]
    out: list[tuple[str, bool]] = []
    for seg, bracketed in (s for s in segs if s[0]):
        tiles = [seg] if known(seg) else _tile(seg, known)
        if tiles is not None:
            out += [(t, bracketed) for t in tiles]
            continue
        runs = (r.strip(" -_.,:;/") for r in _RUN_RE.findall(seg))
        out += [(r, bracketed) for r in runs if _LETTER_RE.search(r) or r in ("%", "#")]
    return out


_TRAILING_BRACKETS = re.compile(r"\s*[(（]([^()（）]*)[)）]\s*$")
#: A method after a comma instead of in brackets (``INSULIN, LC/MS/MS``).
_TRAILING_CLAUSE = re.compile(r"\s*,\s*([^,()（）]+?)\s*$")
#: Words of a laboratory method (or of the equation or guideline a value follows, with its
#: year) printed in brackets after a name (not qualifiers such as fasting, direct or free,
#: which name another analyte).
_METHOD = re.compile(
    r"photomet|turbidimet|nephelomet|impedan|impeden|enzymat|\benz\b|colorimet|cytometr|"
    r"chemilumin|immunoassay|\b(?:e?clia|cmia|elisa|hplc|ise|gpo|god|pod)\b|jaff[eé]|hexokinase|"
    r"microscop|electrophores|calculated|\bcalc\b|derived|computed|\buv\b|molybdate|urease|"
    r"uricase|biuret|bromocresol|\bbc[gp]\b|kinetic|\bifcc\b|p5p|diazo|arsenazo|cresolphthalein|"
    r"oxidation|equation|\bckd\b|\bmdrd\b|guideline|\b(?:19|20)\d\d\b|"  # ``(KDIGO 2012)``
    r"\bmanual\b|ferrozine|ferene|chrom[ao]z[uo]r[ao]l|\bvcs\b|technology|\blc\W?ms|ms/ms|"
    r"mass\s+spectromet|coulter|westergren|wintrobe|\bdosage\s+direct\b|\bmeghat",
    re.IGNORECASE,
)


#: Words that may stand beside a method's own word in an unbracketed method phrase
#: (``Electrical impedance``, ``Flow cytometry``).
_METHOD_COMPANIONS = frozenset(
    ["electrical", "flow", "method", "by", "technique", "based", "assay"]
)
_PHRASE_WORD_RE = re.compile(r"[A-Za-zÀ-ÿ]+")


def method_phrase(text: str) -> bool:
    """Whether a short unbracketed phrase names a laboratory method only (``Calculated``,
    ``Derived``, ``Electrical impedance``): at most three words, no digit, each word a method's
    word or one that goes with it."""
    words = text.split()
    if not 0 < len(words) <= 3 or any(c.isdigit() for c in text):
        return False
    if not all(_PHRASE_WORD_RE.fullmatch(w.strip(".:")) for w in words):
        return False
    lowered = [w.strip(".:").lower() for w in words]
    return any(_METHOD.search(w) for w in lowered) and all(
        _METHOD.search(w) or w in _METHOD_COMPANIONS for w in lowered
    )


def trailing_method_phrase(name: str) -> int | None:
    """Where an unbracketed method phrase closing a name starts (``Hemoglobin Colorimetric``,
    ``RBC Count Electrical impedance``: a method printed in small type beside the name), None
    when the name ends otherwise or nothing would be left."""
    words = list(re.finditer(r"\S+", name))
    for k in (2, 1):
        if len(words) > k and method_phrase(" ".join(m.group() for m in words[-k:])):
            return words[-k].start()
    return None


#: A microscopy field or a urine analyser in brackets after a sediment name (``红细胞(高倍视野)``,
#: ``Epithelial cells (HPF)``, ``白细胞(UF-1000i)``, ``细胞管型（镜检）``).
_FIELD = re.compile(r"高倍|低倍|视野|镜检|\b[hl]pf?\b|\buf(?:-?\d{3,4}i?)?\b", re.IGNORECASE)
#: An instruction to the patient in brackets after a name (``（需空腹）``, needs fasting): it
#: opens with a word of need, so it names no other test (``（空腹）`` alone may).
_INSTRUCTION = re.compile(r"^\s*(?:需|须|須|请|請)")


def trailing_method(name: str, *, fields: bool = False) -> tuple[int, str] | None:
    """``(start, inside)`` of a laboratory method closing a name in brackets (``Urea (Urease
    UV)``) or after a comma (``Insulin, LC/MS/MS``), of an instruction to the patient
    (``（需空腹）``), or with ``fields`` (the specimen is urine
    or stool: the bare name is no blood test) of a microscopy field; None when the name ends
    otherwise or the brackets hold neither."""
    m = _TRAILING_BRACKETS.search(name) or _TRAILING_CLAUSE.search(name)
    if m is None or not m.start():
        return None
    inside = m.group(1)
    if _METHOD.search(inside) or (fields and _FIELD.search(inside)) or _INSTRUCTION.match(inside):
        return m.start(), inside
    return None


_LEADING_BRACKETS = re.compile(r"^\s*[(（]([^()（）]*)[)）]\s*")


def leading_method(name: str) -> tuple[int, str] | None:
    """``(end, inside)`` of a bracketed laboratory method opening a name (``(VCS Technology)
    Lymphocytes``); None when the name opens otherwise or the brackets hold no method."""
    m = _LEADING_BRACKETS.match(name)
    if m is None or m.end() == len(name) or not _METHOD.search(m.group(1)):
        return None
    return m.end(), m.group(1)


#: A one-letter mark in brackets closing a name, saying nothing of the test (an accreditation or
#: a referral mark: ``Kreatinin (A)``). Letters that may name the analyte's form or specimen
#: (total, direct, indirect, free, conjugated, urine) or a flag (high, low) are not marks.
_MARK_RE = re.compile(r"\s*[(（]\s*([A-Z])\s*[)）]\s*$")
_MEANINGFUL_LETTERS = frozenset("TDIFCUHL")


def trailing_mark(name: str) -> int | None:
    """Where a closing one-letter mark (``(A)``) starts, or None (see ``_MARK_RE``)."""
    m = _MARK_RE.search(name)
    if m is None or not m.start() or m.group(1) in _MEANINGFUL_LETTERS:
        return None
    return m.start()


def code_mark_agrees(item_code: str, codes: set[str]) -> bool:
    """Whether a lab's item code marked as a share or a count (``BAS%``, ``MON#``) agrees with
    the analytes its name matched (a share's code ends ``_PCT``, a count's ``_ABS``)."""
    refused = {"%": "_ABS", "#": "_PCT"}.get(item_code[-1:])
    return refused is None or not any(code.endswith(refused) for code in codes)


def names_in_cjk(pieces: list[tuple[str, bool]]) -> bool:
    """Whether the rest of a name is a plain Chinese name (what a leading item code labels)."""
    return bool(pieces) and CJK_CHAR_RE.match(pieces[0][0]) is not None and not pieces[0][1]


#: A bracketed or trailing unit: '%', 'fL', '10^9/L', 'mmol/L' (a word or letters with a slash),
#: a body measurement's 'cm', 'kg'.
UNIT_PART_RE = re.compile(r"^(?:%|fl|pg|s|sec|seg|秒|mmhg|coi|ratio|index|cm|mm|kg|bpm|℃|°c"
                           r"|(?=.*[a-zμµ])(?=.*/)[\w.^*×/%\[\]{}μµ\-]{1,20})$", re.I)  # fmt: skip
#: An assay named in brackets after the test: a Chinese method (…法), an assay's acronym or
#: its substrate (短膜虫, Crithidia luciliae: the anti-dsDNA immunofluorescence test).
BRACKETED_METHOD_RE = re.compile(
    r"法$|^(?:elisa|eia|clia|eclia|cmia|ifa|iif|ibt|lia|hplc|clift|短膜虫|crithidia)$", re.I
)
#: A lab's item code printed before the name (``FBCL``, ``F-XZ``, ``BTSXB``): Latin capitals,
#: digits and a hyphen, no lower-case word.
LAB_CODE_RE = re.compile(r"^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)?[%#=]?$")  # ``BTSXB``, ``BAS%``
#: Words in a name that leave its analyte as it is (a method, a specimen of blood, a count).
QUALIFIERS = frozenset(["total", "总", "总量", "venous", "静脉", "静脉血", "enzymatic", "酶法",
                        "镜检", "镜检法", "microscopy", "automated", "auto", "仪器法", "abs",
                        "absolute", "#", "检测", "测定", "测定值", "test", "level", "value", "值",
                        "血", "血液", "blood", "wholeblood", "serum", "plasma", "血清", "血浆", "全血",
                        "滴度", "titer", "titre", "qualitative", "quantitative", "定性", "定量", "精密",
                        "count", "recuento", "conteo", "contagem", "venoso", "venosa",
                        "mm3", "patient", "ultrasensivel", "ultrassensivel", "ultrasensible",
                        "ultrasensibile", "ultrasensitive", "ultra"])  # fmt: skip


#: Words between a specimen and its test that do not change the test (``大便镜检（白细胞）``,
#: ``尿沉渣红细胞``: urine sediment).
_LEAD_QUALIFIERS = ("镜检", "常规", "检查", "沉渣")


#: A verb of looking for something before a Chinese test name (``查虫卵``: look for eggs).
_LOOK_FOR_RE = re.compile(f"^(?:查找|查|找)(?=[{_CJK}]{{2}})")


def looked_for(variants: list[str]) -> list[str]:
    """The names of variants that open with a verb of looking for the thing tested."""
    return [_LOOK_FOR_RE.sub("", v) for v in variants if _LOOK_FOR_RE.match(v)]


def without_lead_qualifier(key: str, names: Container[str]) -> str:
    """A specimen's test name without a method word before it, when only that makes it known."""
    for word in _LEAD_QUALIFIERS:
        if key not in names and key.startswith(word) and key[len(word) :] in names:
            return key[len(word) :]
    return key


#: A sediment count per microscope field said before the name (``每高倍视野红细胞数``: red cells
#: per high-power field).
_PER_FIELD_RE = re.compile(r"^\s*每?[高低]倍(?:镜)?视野(?:下)?(.+?)(?:数|计数|數)?\s*$")


def per_field_name(name: str) -> str | None:
    """The test of a name that opens with its microscope field (``每低倍视野透明管型数`` ->
    ``透明管型``), or None."""
    m = _PER_FIELD_RE.match(name)
    return m.group(1) if m else None


#: A bracket opened and never closed at the end of a name (the cell or line cut it short).
_OPEN_TAIL_RE = re.compile(r"\s*[(（\[][^()（）\[\]]*$")


def open_bracket_start(name: str) -> int | None:
    """Where a never-closed bracket ends a name (``TIBC (Total Iron Binding``), or None."""
    m = _OPEN_TAIL_RE.search(name)
    return m.start() if m and m.start() else None
