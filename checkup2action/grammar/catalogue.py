"""Analyte catalogue (YAML) and a matcher for printed lab row names.

Exact lookups on normalised keys after cleaning and bilingual splitting. Rows read by OCR may
fall back on ``match_ocr``: a name one slipped character from exactly one analyte (``fuzzy.py``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import yaml

from checkup2action.datafiles import load_yaml
from checkup2action.errors import CatalogueError
from checkup2action.grammar.allergens import (
    ALLERGENS_PATH,
    Allergen,
    AllergenIndex,
    parse_allergens,
)
from checkup2action.grammar.analyte import (
    Analyte,
    parse_entry,
    unit_key,
    with_names,
)
from checkup2action.grammar.fuzzy import CJK, Entry, FuzzyIndex, Slip, keeps_short_words, unique
from checkup2action.grammar.names import (
    BRACKETED_METHOD_RE,
    CJK_CHAR_RE,
    LAB_CODE_RE,
    QUALIFIERS,
    UNIT_PART_RE,
    code_mark_agrees,
    foreign_gloss,
    leading_method,
    looked_for,
    name_pieces,
    name_variants,
    names_in_cjk,
    normalise_key,
    ocr_repairs,
    open_bracket_start,
    per_field_name,
    singular,
    synonym_forms,
    trailing_mark,
    trailing_method,
    trailing_method_phrase,
    without_lead_qualifier,
)
from checkup2action.grammar.ratios import ratio_code
from checkup2action.grammar.specimens import (
    CONTEXTS,
    CSF_PREFIX,
    CSF_RE,
    SPECIMEN_HINT_RE,
    SPECIMEN_KEYS,
    context_of,
    uncovered_specimen,
)
from checkup2action.memo import content_cache

DEFAULT_PATH = Path(__file__).parent / "data" / "analytes.yaml"
#: Names in other languages (code -> language -> names), merged into the analytes' aliases.
NAMES_PATH = Path(__file__).parent / "data" / "analyte_names.yaml"
_MARKER_RE = re.compile(
    r"%|#|百分|比例|比率|绝对|percent|abs|ifcc|ngsp|定量|quant|mass|质量|(?:sd|cv)$"
)
#: Units printed as the last word of a name (the percent of a share, the seconds of a time).
_NAME_UNIT_WORDS = frozenset(["%", "sec", "seg", "秒"])
_FAMILY_SUFFIXES = ("_PCT", "_ABS", "_IFCC", "_MASS", "_QUANT", "_CV", "_SD")


# Parts of a name that may hold a slip: CJK runs and Latin words ('白血跌數目', 'WBC').
_WORD_RE = re.compile(f"[{CJK}]+|[^{CJK}" r"\s()\[\]]+")
_LATIN_WORD_RE = re.compile(f"[^\\W_{CJK}]+")
#: Latin words in brackets closing a name.
_TRAILING_WORDS_RE = re.compile(r"\s*[(（]\s*([^\W\d_]+(?:\s+[^\W\d_]+)?)\s*[)）]\s*$")


#: A zero after a letter, before a digit, a letter or the word's end: OCR's zero for an O in a
#: formula (``p02``, ``pC02``, ``HC03``).
_ZERO_IN_WORD = re.compile(r"(?<=[^\W\d_])0(?=\d|[^\W\d_]|\b)")

#: Siblings whose codes do not share a stem: prothrombin activity (%) is the time's (s).
_STEM_OF = {"PTA": "PT"}


def _stem(code: str) -> str:
    """Family stem of a code: NEUT_PCT and NEUT_ABS share 'NEUT', PTA and PT share 'PT'."""
    if code in _STEM_OF:
        return _STEM_OF[code]
    return next((code[: -len(s)] for s in _FAMILY_SUFFIXES if code.endswith(s)), code)


def _index(pairs: Iterable[tuple[Analyte, str]]) -> dict[str, Analyte]:
    """Key -> analyte; a key naming two analytes is a catalogue error. A plural name's singular
    (``Crystals`` -> ``Crystal``) is a key too where it names no other analyte."""
    index: dict[str, Analyte] = {}
    singulars: dict[str, dict[str, Analyte]] = {}
    for analyte, name in pairs:
        key = normalise_key(name)
        if not key:
            raise CatalogueError(f"{analyte.code}: name {name!r} normalises to nothing")
        other = index.setdefault(key, analyte)
        if other.code != analyte.code:
            raise CatalogueError(f"{analyte.code}: alias {name!r} also names {other.code}")
        if (one := singular(name)) != name:
            singulars.setdefault(normalise_key(one), {})[analyte.code] = analyte
    for key, named in singulars.items():
        if key and key not in index and len(named) == 1:
            index[key] = next(iter(named.values()))
    return index


#: How many (name, panel, unit) answers of ``Catalogue.match`` a catalogue keeps.
MATCH_CACHE_SIZE = 65536


class Catalogue:
    """The loaded analytes with O(1) lookup indexes built once."""

    def __init__(self, analytes: Iterable[Analyte], allergens: AllergenIndex | None = None) -> None:
        self._analytes = tuple(analytes)
        self._allergens = allergens
        self._by_code = {a.code: a for a in self._analytes}
        dupes = sorted(c for c, n in Counter(a.code for a in self._analytes).items() if n > 1)
        if dupes:
            raise CatalogueError(f"{dupes[0]}: duplicate code (all duplicates: {dupes})")
        self._main = _index((a, n) for a in self._analytes for n in a.names())
        self._ctx = {
            name: _index(
                (a, c.strip_re.sub("", n).strip())
                for a in self._analytes if a.code.startswith(c.prefix)
                for n in a.names() if normalise_key(c.strip_re.sub("", n))
            )
            for name, c in CONTEXTS.items()
        }  # fmt: skip
        stems = Counter(_stem(a.code) for a in self._analytes)
        self._families = {
            s: tuple(a for a in self._analytes if _stem(a.code) == s)
            for s, n in stems.items()
            if n > 1
        }
        self._units = {
            a.code: frozenset(unit_key(u) for u in (a.unit, *a.alt_units) if u)
            for a in self._analytes
        }
        self._fuzzy: dict[str | None, FuzzyIndex] = {}  # built on first use (OCR rows only)
        self._ratios = self._ratio_index()
        self._cached_match = content_cache(maxsize=MATCH_CACHE_SIZE)(self._match)

    def _ratio_index(self) -> dict[tuple[str, str], str]:
        """(numerator stem, denominator stem) -> code of the ratio analyte dividing them."""
        index = {}
        for a in self._analytes:
            unknown = [c for c in a.ratio_of if c not in self._by_code]
            if unknown:
                raise CatalogueError(f"{a.code}: ratio_of names unknown code {unknown[0]!r}")
            if a.ratio_of:
                index[(_stem(a.ratio_of[0]), _stem(a.ratio_of[1]))] = a.code
        return index

    def _ratio(self, text: str, panel: str | None) -> Analyte | None:
        """A ratio named by its two analytes' names (``grammar.ratios``)."""
        if not self._ratios:
            return None

        def stem_of(part: str) -> str | None:
            hit = self.match(part, panel=panel)
            return None if hit is None else _stem(hit.code)

        code = ratio_code(text, stem_of, self._ratios)
        return None if code is None else self._by_code[code]

    def __len__(self) -> int:
        """Number of analytes."""
        return len(self._analytes)

    def __iter__(self) -> Iterator[Analyte]:
        """Analytes in file order."""
        return iter(self._analytes)

    def by_code(self, code: str) -> Analyte:
        """The analyte with this code; KeyError when unknown."""
        return self._by_code[code]

    def _known(self, key: str, context: str | None) -> bool:
        """A segment matched whole (or a qualifier, a percent sign or a unit of seconds after a
        time: ``Tiempo de protrombina seg``) is not split further."""
        return (
            self._lookup(key, context) is not None or key in QUALIFIERS or key in _NAME_UNIT_WORDS
        )

    def _lookup(self, key: str, context: str | None) -> Analyte | None:
        """Exact key lookup, the specimen context first."""
        if context is not None and key in self._ctx[context]:
            return self._ctx[context][key]
        return self._main.get(key) if key else None

    def match(
        self, name_raw: str, *, panel: str | None = None, unit: str | None = None
    ) -> Analyte | None:
        """The analyte a printed row name denotes, or None when unknown or ambiguous (or of a
        specimen the catalogue does not cover: ``脑脊液白细胞``, a panel ``CSF cell count``;
        ``_csf_named`` gives the few cerebrospinal fluid tests it knows). Answers are kept:
        readers ask about the same names many times."""
        return self._cached_match(name_raw, panel, unit)

    def _match(self, name_raw: str, panel: str | None, unit: str | None) -> Analyte | None:
        """``match``, worked out."""
        if uncovered_specimen(name_raw, panel):
            in_panel = not uncovered_specimen(name_raw) and bool(CSF_RE.search(panel or ""))
            return self._csf_named(name_raw, unit, in_panel=in_panel)
        context = context_of(panel)
        variants = name_variants(name_raw)
        if not variants:
            return None
        for v in variants + synonym_forms(variants[-1]) + looked_for(variants):
            key = normalise_key(v)
            hit = self._lookup(key, context)
            if hit is not None:
                return self._by_unit(hit, key, unit)
        allergen = self._allergens.named(name_raw, panel) if self._allergens else None
        if allergen is not None:
            return self._by_code[allergen.analyte_code]
        prefixed = self._specimen_prefixed(variants, context)
        if prefixed is not None:
            return self._by_unit(prefixed[0], prefixed[1], unit)
        found = (
            self._match_parts(variants[-1], context, unit)
            or self._synonym_pair(variants[-1], context)
            or self._ratio(variants[-1], panel)
        )
        found = (
            found
            or self._without_method(name_raw, panel, unit)
            or self._restated(name_raw, panel, unit)
            or self._cut_short(name_raw, panel, unit)
        )
        for repaired in ocr_repairs(name_raw):
            found = found or self.match(repaired, panel=panel, unit=unit)
        return found

    def match_any_specimen(self, name_raw: str, *, unit: str | None = None) -> Analyte | None:
        """The analyte a name denotes with no panel known, or else under a urine or stool panel
        (``Proteínas :`` on a urinalysis whose heading the row does not carry yet)."""
        hit = self.match(name_raw, unit=unit)
        for specimen in CONTEXTS:
            hit = hit or self.match(name_raw, panel=specimen, unit=unit)
        return hit

    def _csf_named(self, name_raw: str, unit: str | None, in_panel: bool) -> Analyte | None:
        """A cerebrospinal fluid test the catalogue knows, named whole with its fluid
        (``脑脊液蛋白定量``, ``Glucose, CSF``), or under a panel that names the fluid
        (``蛋白定量`` under ``脑脊液生化``, not under a pleural fluid's panel): no part of such a
        name is looked up alone."""
        variants = name_variants(name_raw)
        if in_panel:
            variants = [f"{fluid}{v}" for v in variants for fluid in ("脑脊液", "CSF ")]
        for v in variants:
            key = normalise_key(v)
            hit = self._lookup(key, None)
            if hit is not None and hit.code.startswith(CSF_PREFIX):
                return self._by_unit(hit, key, unit)
        return None

    def _cut_short(self, name_raw: str, panel: str | None, unit: str | None) -> Analyte | None:
        """A name cut short inside an opened bracket (``TIBC (Total Iron Binding``), read
        without it; a sediment name opening with its microscope field (``每高倍视野红细胞数``),
        read without the field when a panel names the specimen."""
        cut = open_bracket_start(name_raw)
        if cut is not None:
            return self.match(name_raw[:cut], panel=panel, unit=unit)
        inner = per_field_name(name_raw)
        if inner is not None and context_of(panel) is not None:
            return self.match(inner, panel=panel, unit=unit)
        return None

    def _without_method(self, name_raw: str, panel: str | None, unit: str | None) -> Analyte | None:
        """A name with a bracketed method after it (``Hemoglobin (Photometry)``, ``hs CRP
        (Immunoturbidimetry)``) or before it (``(VCS Technology) Lymphocytes``), an unbracketed
        one after it (``Hemoglobin Colorimetric``), or a one-letter mark after it (``Kreatinin
        (A)``), read without it, when the method's words name no analyte themselves."""
        mark = trailing_mark(name_raw)
        if mark is not None:
            return self.match(name_raw[:mark], panel=panel, unit=unit)
        context = context_of(panel)
        method = trailing_method(name_raw, fields=context is not None)
        leading = leading_method(name_raw)
        if method is not None:
            rest, inside = name_raw[: method[0]], method[1]
        elif leading is not None:
            rest, inside = name_raw[leading[0] :], leading[1]
        elif (start := trailing_method_phrase(name_raw)) is not None:
            rest, inside = name_raw[:start], name_raw[start:]
        else:
            return None
        inner = normalise_key(inside)
        if not inner or self._lookup(inner, context) is not None:
            return None
        return self.match(rest, panel=panel, unit=unit)

    def _restated(self, name_raw: str, panel: str | None, unit: str | None) -> Analyte | None:
        """A name followed by another word for the same test in brackets (``Direct Bilirubin
        (Conjugated)``: ``Conjugated Bilirubin`` is the same analyte)."""
        m = _TRAILING_WORDS_RE.search(name_raw)
        if m is None or not m.start():
            return None
        outer = name_raw[: m.start()]
        words = _LATIN_WORD_RE.findall(outer)
        hit = self.match(outer, panel=panel, unit=unit) if words else None
        if hit is None:
            return None
        context = context_of(panel)
        for joined in (f"{m.group(1)} {words[-1]}", f"{words[-1]} {m.group(1)}"):
            other = self._lookup(normalise_key(joined), context)
            if other is not None and _stem(other.code) == _stem(hit.code):
                return hit
        return None

    def _specimen_prefixed(
        self, variants: list[str], context: str | None
    ) -> tuple[Analyte, str] | None:
        """A name that opens with its specimen word ('粪便虫卵', 'Urine ketones'): the rest
        looked up among that specimen's names ('虫卵' -> stool ova), unless a panel says another."""
        for v in variants:
            if not SPECIMEN_HINT_RE.match(v):
                continue
            for name, ctx in CONTEXTS.items():
                rest = ctx.strip_re.sub("", v, count=1).strip()
                key = without_lead_qualifier(normalise_key(rest), self._ctx[name])
                if context in (None, name) and rest != v and key in self._ctx[name]:
                    return self._ctx[name][key], key
        return None

    def _synonym_pair(self, text: str, context: str | None) -> Analyte | None:
        """Two names of one analyte joined by a slash (``PCV/HCT``, ``SGPT/ALT``); a ratio of
        two analytes (``BUN/Cr``) is no match."""
        parts = [p for p in text.split("/") if p.strip()]
        if len(parts) != 2:
            return None
        hits = [self._lookup(normalise_key(p), context) for p in parts]
        first, second = hits
        return (
            first
            if first is not None and second is not None and first.code == second.code
            else None
        )

    def _match_parts(self, text: str, context: str | None, unit: str | None) -> Analyte | None:
        """Match by parts that must agree; unknown bracketed or specimen-naming parts refuse.

        An unknown plain name is accepted only beside a bracketed abbreviation ('XX酶(AST)').
        """
        pieces = name_pieces(text, lambda seg: self._known(normalise_key(seg), context))
        found = (self._specimen_of(p) for p, _ in pieces)
        context = context or next((c for c in found if c), None)
        hits: list[tuple[Analyte, str, bool]] = []
        unknown_plain = doubtful = percent = glossed = False
        item_code = ""
        for index, (piece, bracketed) in enumerate(pieces):
            key = normalise_key(piece)
            hit = self._lookup(key, context)
            if hit is not None:
                hits.append((hit, key, bracketed))
            elif key in QUALIFIERS or key in SPECIMEN_KEYS:
                continue
            elif UNIT_PART_RE.match(piece):
                unit = unit or piece
                percent = percent or piece == "%"
            elif bracketed and BRACKETED_METHOD_RE.search(piece):
                continue  # the assay in brackets: 抗ds-DNA(ELISA法), 抗ds-DNA(短膜虫法)
            elif bracketed and foreign_gloss(piece) and not SPECIMEN_HINT_RE.search(piece):
                glossed = True  # a Latin abbreviation explained: ``MCH (ср. содер. Hb в эр.)``
            elif bracketed or SPECIMEN_HINT_RE.search(piece):
                doubtful = True
            elif index == 0 and LAB_CODE_RE.match(piece) and names_in_cjk(pieces[1:]):
                # the lab's own item code before a Chinese name: 'BTSXB 便吞噬细胞'
                item_code = piece
            else:
                unknown_plain = True
        strong = [h for h in hits if len(h[1]) > 1 or not h[1].isascii()]
        doubtful = doubtful or (glossed and not all(k.isascii() and not b for _, k, b in strong))
        codes = {a.code for a, _, _ in strong}
        if not strong or doubtful or any(a.code not in codes for a, _, _ in hits):
            return None  # nothing, a doubtful part, or a lone uncorroborated 'K'/'P'
        if unknown_plain and not all(b and k.isascii() for _, k, b in strong):
            return None
        if not code_mark_agrees(item_code, codes):
            return None  # ``BAS%`` before a count's name
        result: Analyte | None
        if len(codes) == 1:
            result = self._by_unit(strong[0][0], strong[0][1], unit)
        else:
            result = self._resolve_family(strong, unit)
        return result if not percent or _prints_percent(result) else None

    def match_ocr(
        self, name_raw: str, *, panel: str | None = None, unit: str | None = None
    ) -> tuple[Analyte, Slip] | None:
        """For a name OCR read that `match` does not know: the analyte it denotes but for a slip."""
        if uncovered_specimen(name_raw, panel):
            return None
        if self.match(name_raw, panel=panel, unit=unit) is not None:
            return None  # a known name is never 'corrected' into a neighbour
        if (zero := self._zero_for_o(name_raw, panel, unit)) is not None:
            return zero
        context = context_of(panel)
        variants = name_variants(name_raw)
        slip = self._slip_whole(variants, context)
        if slip is None and variants:
            slip = self._slip_parts(variants[-1], context)
        if slip is None:
            return None
        return self._by_unit(self._by_code[slip.code], slip.key, unit), slip

    def _zero_for_o(
        self, name_raw: str, panel: str | None, unit: str | None
    ) -> tuple[Analyte, Slip] | None:
        """A name known once each zero OCR read inside a word is the letter O (``pC02``)."""
        swapped = _ZERO_IN_WORD.sub("O", name_raw)
        hit = self.match(swapped, panel=panel, unit=unit) if swapped != name_raw else None
        if hit is None:
            return None
        return hit, Slip(name_raw.strip(), swapped.strip(), normalise_key(swapped), hit.code, 1)

    def _slip_whole(self, variants: list[str], context: str | None) -> Slip | None:
        """The one analyte nearest to any cleaned form of the whole name."""
        near = [(self._nearest(normalise_key(v), context), v) for v in variants]
        near = [((d, es), v) for (d, es), v in near if es]
        if not near:
            return None
        best = min(d for (d, _), _ in near)
        hits = [(e, v) for (d, es), v in near if d == best for e in es]
        entry = unique(e for e, _ in hits)
        if entry is None or not all(_keeps_words(v, e) for e, v in hits):
            return None
        return Slip.of(hits[0][1], entry, best)

    def _slip_parts(self, text: str, context: str | None) -> Slip | None:
        """A bilingual name ('白血跌數目WBC') whose parts all name one analyte, one by a slip."""
        codes: set[str] = set()
        slips: list[Slip] = []
        parts = _WORD_RE.findall(text)
        for index, part in enumerate(parts):
            key = normalise_key(part)
            exact = self._lookup(key, context)
            if exact is not None:
                codes.add(exact.code)
            elif not key or key in QUALIFIERS or key in SPECIMEN_KEYS or UNIT_PART_RE.match(part):
                continue
            elif index == 0 and LAB_CODE_RE.match(part) and CJK_CHAR_RE.search("".join(parts[1:])):
                continue  # the lab's item code before a Chinese name: 'FBQT 粪便脉球'
            else:
                distance, entries = self._nearest(key, context)
                entry = unique(entries)
                if entry is None or not _keeps_words(part, entry):
                    return None
                slips.append(Slip.of(part, entry, distance))
                codes.add(entry.code)
        return slips[0] if len(codes) == 1 and len(slips) == 1 else None

    def _nearest(self, key: str, context: str | None) -> tuple[int, tuple[Entry, ...]]:
        """Keys nearest to key, the specimen context first; a slip never adds or drops a specimen."""
        hint = bool(SPECIMEN_HINT_RE.search(key))
        if context is not None and not hint:
            distance, entries = self._fuzzy_index(context).nearest(key)
            if entries:
                return distance, entries
        distance, entries = self._fuzzy_index(None).nearest(key)
        if any(bool(SPECIMEN_HINT_RE.search(e.key)) != hint for e in entries):
            return 0, ()  # '尿淀粉酶' is not a slip of '淀粉酶'
        return distance, entries

    def _fuzzy_index(self, context: str | None) -> FuzzyIndex:
        """The fuzzy index of all keys, or of a specimen context's stripped keys."""
        if context not in self._fuzzy:
            self._fuzzy[context] = FuzzyIndex(self._named_keys(context))
        return self._fuzzy[context]

    def _named_keys(self, context: str | None) -> Iterator[tuple[str, str, str]]:
        """(key, code, printed name) for every indexed name, as `_main` or `_ctx` holds them."""
        ctx = CONTEXTS[context] if context is not None else None
        for a in self._analytes:
            if ctx is not None and not a.code.startswith(ctx.prefix):
                continue
            for n in (*a.names()[1:], a.code):  # printed names before the code, for messages
                yield normalise_key(ctx.strip_re.sub("", n) if ctx else n), a.code, n

    def _specimen_of(self, piece: str) -> str | None:
        """Context a name part implies: a bare specimen word, or a specimen analyte's own name
        ('尿葡萄糖' in '尿葡萄糖(GLU)', '镜检：红细胞' in '镜检：红细胞(RBC)', so that the
        bracketed code is read in the specimen)."""
        key = normalise_key(piece)
        hit = self._main.get(key)
        if key in SPECIMEN_KEYS or hit is None:
            return SPECIMEN_KEYS.get(key)
        return next((n for n, c in CONTEXTS.items() if hit.code.startswith(c.prefix)), None)

    def _resolve_family(
        self, hits: list[tuple[Analyte, str, bool]], unit: str | None
    ) -> Analyte | None:
        """Parts naming siblings (NEUT# vs 中性粒细胞): the explicit one or the unit decides."""
        if len({_stem(a.code) for a, _, _ in hits}) != 1:
            return None
        marked = {a.code: a for a, k, _ in hits if _MARKER_RE.search(k)}
        if len(marked) != 1 and unit is not None:
            marked = {a.code: a for a, _, _ in hits if unit_key(unit) in self._units[a.code]}
        return next(iter(marked.values())) if len(marked) == 1 else None

    def _by_unit(self, hit: Analyte, key: str, unit: str | None) -> Analyte:
        """Swap in a sibling (percent / absolute, % / mmol/mol) when the printed unit says so."""
        family = self._families.get(_stem(hit.code))
        u = unit_key(unit) if unit else ""
        if not u or family is None or _MARKER_RE.search(key) or u in self._units[hit.code]:
            return hit
        fits = [a for a in family if u in self._units[a.code]]
        if len(fits) == 1:
            return fits[0]
        # No sibling lists the unit: a percent unit still picks the percent sibling and vice versa.
        same_kind = [a for a in family if (a.unit == "%") == (u == "%")]
        return same_kind[0] if len(same_kind) == 1 and (hit.unit == "%") != (u == "%") else hit


def _prints_percent(analyte: Analyte | None) -> bool:
    """Whether an analyte is printed in percent: a ``%`` in a name is a share, not a
    prothrombin time's seconds or a free hormone's mass (``Tiempo de protrombina %``)."""
    return analyte is not None and "%" in (analyte.unit, *analyte.alt_units)


def _keeps_words(read: str, entry: Entry) -> bool:
    """Whether the slip leaves the short Latin words of the print alone ('IgG' is not 'IgM')."""
    words = [normalise_key(w) for w in _LATIN_WORD_RE.findall(read)]
    return keeps_short_words(words, normalise_key(read), entry.key)


def _load(
    path: Path, names_path: Path | None = None, allergens_path: Path | None = None
) -> Catalogue:
    """Read, validate and index one catalogue file (and a file of names in other languages, and
    one of allergens whose specific IgE tests it adds)."""
    try:
        data = load_yaml(path)
        if not isinstance(data, list) or not data:
            raise CatalogueError("catalogue must be a non-empty YAML list of entries")
        analytes = [parse_entry(e, i) for i, e in enumerate(data, start=1)]
        if names_path is not None:
            analytes = with_names(analytes, load_yaml(names_path))
    except (OSError, yaml.YAMLError) as exc:
        raise CatalogueError(f"cannot read catalogue: {exc}", file=str(path)) from exc
    except CatalogueError as exc:
        raise CatalogueError(exc.message, file=str(path)) from exc
    if allergens_path is None:
        return Catalogue(analytes)
    allergens, index = _load_allergens(allergens_path)
    return Catalogue(analytes + [a.analyte() for a in allergens], allergens=index)


def _load_allergens(path: Path) -> tuple[list[Allergen], AllergenIndex]:
    """Read and index the allergens file (their IgE tests join the catalogue)."""
    try:
        allergens = parse_allergens(load_yaml(path))
        return allergens, AllergenIndex(allergens)
    except (OSError, yaml.YAMLError) as exc:
        raise CatalogueError(f"cannot read allergens: {exc}", file=str(path)) from exc
    except CatalogueError as exc:
        raise CatalogueError(exc.message, file=str(path)) from exc


@lru_cache(maxsize=1)
def _load_default() -> Catalogue:
    """The bundled catalogue, parsed once per process."""
    return _load(DEFAULT_PATH, NAMES_PATH if NAMES_PATH.exists() else None, ALLERGENS_PATH)


def load_catalogue(path: Path | None = None) -> Catalogue:
    """Load and validate a catalogue; the bundled one (path=None) is cached."""
    return _load_default() if path is None else _load(Path(path))
