"""Regression fixtures of real pages: the words ingest/OCR produced, with identifiers masked.

A fixture keeps, for each labelled page of a real document, every word with its box, font, colour,
confidence and character edges, the page's rulings and layout-region boxes, and the label rows
expected on it. The table reader can then be tested on real geometry where the documents are not
available (CI). Masking is a whitelist: a word's text is kept only when it is result material (a
piece of a labelled name, value, unit, range or flag), a header word or a unit spelling;
every other word keeps its box and its shape, with letters turned into ``x``/``X``, CJK characters
into ``某`` and digits into ``0``. Names, dates of birth, record numbers and addresses therefore
never reach the fixture.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from checkup2action.evaluation.labels import DocumentLabel
from checkup2action.grammar.names import method_phrase
from checkup2action.grammar.words import fold_accents, letters_apart
from checkup2action.ingestion.document import Document, Page, Ruling, Word
from checkup2action.layout.lines import is_cjk
from checkup2action.ocr.stage import OcrOutcome
from checkup2action.pipeline import ReadPages
from checkup2action.report.models import ReportWarning
from checkup2action.tables.bounds import PageRegionBoxes
from checkup2action.tables.unitrows import NOTE_WORDS

FORMAT = 1
_SPLIT = re.compile(r"[\s/:：,，;()（）\[\]]+")
_LONG_NUMBER = re.compile(r"\d{5,}|\d+[./-]\d+[./-]\d+")


def _key(text: str) -> str:
    """A comparison key: NFKC, lower case, no spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


@lru_cache(maxsize=1)
def vocabulary_keys() -> frozenset[str]:
    """Header words, unit spellings and note words the package knows: safe in any fixture."""
    from checkup2action.datafiles import load_yaml

    root = Path(__file__).resolve().parents[1]
    keys: set[str] = set()
    roles = load_yaml(root / "tables" / "data" / "header_roles.yaml")["roles"]
    for entry in roles.values():
        for word in (entry.get("exact") or []) + (entry.get("prefixes") or []):
            keys.add(_key(str(word)))
    units = load_yaml(root / "grammar" / "data" / "units.yaml")
    keys.update(_key(str(k)) for k in _flatten_keys(units))
    keys.update(_key(word) for word in NOTE_WORDS)  # ``Soit`` in a second unit's name place
    return frozenset(k for k in keys if k)


def _flatten_keys(data: Any) -> Iterable[str]:
    """Every mapping key and string leaf of a loaded YAML tree."""
    if isinstance(data, dict):
        for k, v in data.items():
            yield str(k)
            yield from _flatten_keys(v)
    elif isinstance(data, list):
        for v in data:
            yield from _flatten_keys(v)
    elif isinstance(data, str):
        yield data


def label_keys(label: DocumentLabel) -> tuple[frozenset[str], tuple[str, ...]]:
    """Whole texts and tokens of the label's rows, and the longer texts (for containment)."""
    tokens: set[str] = set()
    texts: list[str] = []
    for row in label.results:
        for text in (row.name, row.value, row.unit, row.range, row.flag):
            if not text:
                continue
            texts.append(unicodedata.normalize("NFKC", text).lower())
            tokens.add(_key(text))
            tokens.update(_key(t) for t in _SPLIT.split(text) if t)
    return frozenset(tokens), tuple(texts)


def keep_text(text: str, tokens: frozenset[str], texts: tuple[str, ...]) -> bool:
    """Whether a word's text is result material or known vocabulary (safe to keep)."""
    key = _key(text)
    if not key or not any(c.isalnum() for c in key):
        return True
    if key in tokens or key in vocabulary_keys() or method_phrase(text):
        return True  # a method word (``Calculated``) names no one and places rows
    if _LONG_NUMBER.search(key):
        return False  # dates, record and phone numbers: only when printed as a result
    return len(key) >= 2 and any(_inside(key, t) or _slip_of_word(key, t) for t in texts)


def _inside(key: str, text: str) -> bool:
    """Whether a key is part of a label text (lower case, spaces kept): anywhere for CJK, else
    only where a word of it starts (a name such as ``anna`` is inside ``kannapenész`` but starts
    no word of it; ``leukocyte`` starts ``leukocytes``)."""
    if any(is_cjk(c) for c in key):
        return key in text.replace(" ", "")
    starts_word = re.compile(rf"(?<![^\W\d_]){re.escape(key)}")
    return any(starts_word.search(t) for t in (text, text.replace(" ", "")))


#: A word this long that differs from a label's word by one letter is OCR's reading of it.
_SLIP_LENGTH = 4


def _slip_of_word(key: str, text: str) -> bool:
    """Whether a key is a whole word of a label text with its accents dropped (``am`` for
    ``âm``), or, when longer, read with one letter wrong (``tlnh`` for ``tính``): label material,
    not an identifier. Letters only: numbers are never kept this way."""
    key = fold_accents(key)
    if not key.isalpha() or any(is_cjk(c) for c in key):
        return False
    wrong = [letters_apart(word, key) for word in fold_accents(text).split()]
    return 0 in wrong or (len(key) >= _SLIP_LENGTH and 1 in wrong)


def mask_text(text: str) -> str:
    """The same shape with no content: letters x/X, CJK 某, digits 0, punctuation kept."""
    out = []
    for c in text:
        if c.isdigit():
            out.append("0")
        elif is_cjk(c):
            out.append("某")
        elif c.isalpha():
            out.append("X" if c.isupper() else "x")
        else:
            out.append(c)
    return "".join(out)


def _round(x: float | None) -> float | None:
    """Coordinates to 0.01 pt: enough for geometry, smaller files."""
    return None if x is None else round(x, 2)


#: Pieces of a word masked one by one: CJK runs, Hangul runs, letter runs with the slashes of a
#: unit (``μmol/L``), numbers, single other characters.
_PIECE = re.compile(
    r"[\u4e00-\u9fff]+|[\uac00-\ud7a3]+|[A-Za-zμµ]+(?:/[A-Za-zμµ0-9.^]+)*|\d+(?:[.,]\d+)?|."
)


def mask_pieces(text: str, tokens: frozenset[str], texts: tuple[str, ...]) -> str:
    """A word that is not kept whole, masked piece by piece: a range label, a unit or a label's
    number glued into one word (``参考值：208--428μmol/L``) stays readable, the rest is masked."""
    pieces = _PIECE.findall(text)
    if "".join(pieces) != text or _LONG_NUMBER.search(_key(text)):
        return mask_text(text)
    return "".join(p if keep_text(p, tokens, texts) else mask_text(p) for p in pieces)


def _word_row(w: Word, keep: bool, masked: str | None = None) -> list[Any]:
    """One word as a JSON list (``masked``: the text to write when it is not kept)."""
    chars = [_round(c) for c in w.char_x0s] if w.char_x0s else None
    colour = [round(c, 3) for c in w.color] if w.color else None
    text = w.text if keep else (masked if masked is not None else mask_text(w.text))
    return [text, _round(w.x0), _round(w.top), _round(w.x1), _round(w.bottom), w.fontname,
            _round(w.size), colour, w.confidence, chars]  # fmt: skip


def page_fixture(
    page: Page, bounds: PageRegionBoxes | None, label: DocumentLabel, mask: bool = True
) -> dict:
    """One page's words (masked unless ``mask`` is false), rulings and region boxes."""
    tokens, texts = label_keys(label)
    words = [
        _word_row(w, keep, None if keep else mask_pieces(w.text, tokens, texts))
        for w in page.words
        for keep in [not mask or keep_text(w.text, tokens, texts)]
    ]
    return {
        "number": page.number,
        "width": page.width,
        "height": page.height,
        "kind": page.kind,
        "rotation": page.rotation,
        "skew": page.skew,
        "transform": page.transform,
        "picture_size": page.picture_size,
        "words": words,
        "rulings": [[_round(r.x0), _round(r.top), _round(r.x1), _round(r.bottom)] for r in page.rulings],
        "bounds": None if bounds is None else {"tables": bounds.tables, "others": bounds.others},
    }  # fmt: skip


def make_fixture(read: ReadPages, label: DocumentLabel, doc_id: str, mask: bool = True) -> dict:
    """A whole fixture: the labelled pages of a read document and the rows expected on them.

    ``mask=False`` keeps every word of every page as read: for a developer's local cache only,
    never committed.
    """
    labelled = {r.page for r in label.results}
    pages = [p for p in read.doc.pages if p.number in labelled or not mask]
    return {
        "format": FORMAT,
        "doc_id": doc_id,
        "kind": label.kind,
        "language": label.language,
        "source": label.source.model_dump(),
        "ocr": {"engine": read.ocr.engine, "pages": sorted(read.ocr.pages)},
        "masked": mask,
        "pages": [page_fixture(p, read.bounds.get(p.number), label, mask) for p in pages],
        "expected": [r.model_dump() for r in label.results],
    }


def _word(raw: list[Any], page: int) -> Word:
    """A word back from its JSON list."""
    text, x0, top, x1, bottom, font, size, colour, conf, chars = raw
    return Word(text, x0, top, x1, bottom, page, font, size,
                tuple(colour) if colour else None, conf, tuple(chars) if chars else None)  # fmt: skip


def _page(raw: dict) -> Page:
    """A page back from its fixture form."""
    number = raw["number"]
    return Page(
        number=number,
        width=raw["width"],
        height=raw["height"],
        kind=raw["kind"],
        words=[_word(w, number) for w in raw["words"]],
        rulings=[Ruling(*r) for r in raw["rulings"]],
        rotation=raw["rotation"],
        skew=raw["skew"],
        transform=tuple(raw["transform"]) if raw["transform"] else None,
        picture_size=tuple(raw["picture_size"]) if raw["picture_size"] else None,
    )


def _bounds(raw: dict | None) -> PageRegionBoxes | None:
    """Region boxes back from their fixture form."""
    if raw is None:
        return None
    return PageRegionBoxes(tuple(map(tuple, raw["tables"])), tuple(map(tuple, raw["others"])))


def read_fixture(data: dict) -> ReadPages:
    """The pages of a fixture, ready for ``pipeline.report_from_pages``."""
    pages = [_page(p) for p in data["pages"]]
    doc = Document(path=Path(data["doc_id"]), sha256=data["source"]["sha256"], pages=pages)
    ocr = OcrOutcome(engine=data["ocr"]["engine"], pages=set(data["ocr"]["pages"]))
    bounds = {p["number"]: b for p in data["pages"] if (b := _bounds(p["bounds"])) is not None}
    warnings: list[ReportWarning] = []
    return ReadPages(doc, ocr, {}, bounds, warnings)


def save_fixture(data: dict, path: Path) -> None:
    """Write a fixture as gzipped JSON."""
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    path.write_bytes(gzip.compress(raw, mtime=0))


def load_fixture(path: Path) -> dict:
    """Read a gzipped JSON fixture."""
    return json.loads(gzip.decompress(path.read_bytes()).decode("utf-8"))
