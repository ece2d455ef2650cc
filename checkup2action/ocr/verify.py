"""Check a doubtful text layer against the page picture: do its words say what the page shows?

A font without a usable ToUnicode map can give a text layer of valid but wrong characters
(``()+-./01234/567``, or real but random CJK characters) mixed with a few ``(cid:N)``. Such a
layer is not detected by counting unmapped glyphs alone. A page whose layer looks doubtful is
rendered, a handful of its longest words are cut out and recognised, and the layer is kept only
when OCR reads about what the layer says. Ordinary layers are never rendered: the cheap signals
(any unmapped glyph, or a page of mostly punctuation) decide whether to look.

A wrong map belongs to a font, not to a page: once OCR has judged a font's words (``FontVerdicts``),
a later page of the same document is decided without rendering it when its sampled words in
judged fonts settle the outcome, whatever its other words would say. A font without a name is
never taken as judged.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from checkup2action.ingestion.document import Page, Word
from checkup2action.ocr.base import ImageInput, OcrEngine

#: Signs of a layer decoded with the wrong map: unmapped glyphs, or ASCII punctuation galore.
UNMAPPED = re.compile(r"\(cid:\d+\)|[\ufffd\ue000-\uf8ff\x00-\x08\x0b\x0c\x0e-\x1f]")
PUNCTUATION_SHARE = 0.3
#: Words compared, how long they must be, and the agreement that keeps a layer.
SAMPLE_WORDS = 8
MIN_SAMPLED = 3  # fewer usable words than this cannot vouch for a layer
MIN_WORD_CHARS = 3
LONG_WORD = 12
SAME_TEXT = 0.5
KEEP_SHARE = 0.34
#: Points of margin around a word crop.
PAD = 1.5
#: Words of one font OCR must have read before that font's verdict stands for later pages.
FONT_JUDGED_AFTER = 2


def _key(text: str) -> str:
    """Comparison form: NFKC, no spaces, lower case."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


def doubtful_layer(page: Page) -> bool:
    """Cheap signs that a text layer was decoded with a wrong or missing map."""
    text = "".join(w.text for w in page.words)
    if not text:
        return False
    if UNMAPPED.search(text):
        return True
    visible = [ch for ch in text if not ch.isspace()]
    punct = sum(1 for ch in visible if ch.isascii() and not ch.isalnum())
    return len(visible) >= 40 and punct / len(visible) > PUNCTUATION_SHARE


def sample_words(words: list[Word]) -> list[Word]:
    """The longest words with letters or digits and no unmapped glyph, at most SAMPLE_WORDS;
    words over ``LONG_WORD`` characters come after the others (a long web address costs as much
    to read as a dozen words, and says no more about the layer)."""
    usable = [
        w
        for w in words
        if sum(c.isalnum() for c in w.text) >= MIN_WORD_CHARS and not UNMAPPED.search(w.text)
    ]  # a rule drawn in dashes (|-----|) says nothing OCR could confirm
    return sorted(usable, key=lambda w: (len(w.text) > LONG_WORD, -len(w.text)))[:SAMPLE_WORDS]


def _crops(image: Any, words: list[Word], px_per_pt: float) -> list[ImageInput]:
    """Each word's box cut from the page picture (a damaged file's word can lie off the page
    or have its edges the wrong way round: its crop is then a sliver at the page's edge)."""
    out = []
    for w in words:
        x0, x1 = sorted((w.x0, w.x1))
        top, bottom = sorted((w.top, w.bottom))
        left = max(0, int((x0 - PAD) * px_per_pt))
        upper = max(0, int((top - PAD) * px_per_pt))
        right = max(left + 1, int((x1 + PAD) * px_per_pt) + 1)
        lower = max(upper + 1, int((bottom + PAD) * px_per_pt) + 1)
        out.append(image.crop((left, upper, right, lower)))
    return out


def _read(engine: OcrEngine, crops: list[ImageInput]) -> list[str]:
    """Text of each crop: in one batch when the engine can, else one by one."""
    batch = getattr(engine, "recognize_crops", None)
    if callable(batch):
        return [text for text, _ in batch(crops)]
    return ["".join(line.text for line in engine.recognize(crop)) for crop in crops]


@dataclass(slots=True)
class FontVerdicts:
    """What OCR said so far, in one document, of each font's sampled words."""

    read: Counter[str] = field(default_factory=Counter)
    agreed: Counter[str] = field(default_factory=Counter)

    def record(self, words: list[Word], agreements: list[bool]) -> None:
        """Remember whether OCR read each sampled word as the layer says it is."""
        for word, same in zip(words, agreements, strict=True):
            self.read[word.fontname] += 1
            self.agreed[word.fontname] += same

    def known(self, word: Word) -> bool | None:
        """Whether the word's font reads true, or None while that font is not judged."""
        font = word.fontname
        if not font or self.read[font] < FONT_JUDGED_AFTER:
            return None
        return 2 * self.agreed[font] >= self.read[font]


def _kept(agreements: list[bool]) -> bool:
    """Whether enough sampled words agree for the layer to be kept."""
    return sum(agreements) / len(agreements) >= KEEP_SHARE


def layer_verdict_without_picture(page: Page, fonts: FontVerdicts) -> bool | None:
    """Whether to keep the layer, decided from fonts already judged: when the words in fonts not
    yet judged could not change the outcome either way; None when OCR must look."""
    words = sample_words(page.words)
    if len(words) < MIN_SAMPLED:
        return None  # the picture check decides (it drops such a layer when it can render)
    known = [fonts.known(w) for w in words]
    if _kept([k is True for k in known]):
        return True  # kept even if every unjudged word disagreed
    if not _kept([k is not False for k in known]):
        return False  # dropped even if every unjudged word agreed
    return None


def layer_matches_picture(
    engine: OcrEngine, page: Page, image: Any, dpi: float, fonts: FontVerdicts | None = None
) -> bool:
    """Whether OCR of a few of the layer's words reads what the layer says they are (what it
    read of each font is added to ``fonts``)."""
    words = sample_words(page.words)
    if len(words) < MIN_SAMPLED:
        return False  # nothing readable to vouch for the layer
    readings = _read(engine, _crops(image, words, dpi / 72.0))
    agreements = [
        difflib.SequenceMatcher(None, _key(w.text), _key(r)).ratio() >= SAME_TEXT
        for w, r in zip(words, readings, strict=True)
    ]
    if fonts is not None:
        fonts.record(words, agreements)
    return _kept(agreements)
