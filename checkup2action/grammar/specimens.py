"""Specimens in test names and panel titles: the urine, stool and blood-gas contexts that
re-read a name (``GLU`` under a urinalysis is urine glucose), and the body fluids the catalogue
has no analytes for."""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

SPECIMEN_HINT_RE = re.compile(
    r"尿(?![素酸病])|大?便|粪|糞|urin|harn(?!s[äa]ure|stoff)|orina|vizelet|stool|fa?ec",
    re.IGNORECASE,
)
#: Specimens the catalogue has no analytes for: a count or chemistry of cerebrospinal, pleural,
#: ascitic, synovial or other body fluid is not the blood test of the same name (its units, limits
#: and critical values differ), so such a name is unknown rather than a blood analyte.
#: (``体液免疫``, humoral immunity, is a panel of blood tests.)
_CSF_WORDS = r"脑脊液|腦脊液|cerebrospinal|\bCSF\b"
_UNCOVERED_SPECIMEN_RE = re.compile(
    rf"{_CSF_WORDS}|体液(?!免疫)|胸水|腹水|积液|關節液|关节液|穿刺液|浆膜腔|漿膜腔|"
    r"pleural|ascitic|peritoneal|synovial|body\s+fluid",
    re.IGNORECASE,
)
#: Codes of the cerebrospinal fluid tests the catalogue knows (by their whole names only).
CSF_PREFIX = "CSF_"
CSF_RE = re.compile(_CSF_WORDS, re.IGNORECASE)


class SpecimenContext(NamedTuple):
    """A specimen context (urine, stool) that re-reads ambiguous names."""

    prefix: str  # codes of this specimen's analytes start with it
    panel_re: re.Pattern[str]  # panel titles that imply the specimen
    strip_re: re.Pattern[str]  # removes the specimen word from an alias ('尿糖' -> '糖')
    specimen_keys: frozenset[str]  # bare specimen words inside a name ('尿GLU')


CONTEXTS = {
    "urine": SpecimenContext(
        "U_",
        re.compile(r"尿(?![素酸病])|urin|harn(?!s[äa]ure|stoff)|orina|vizelet|\bUA\b|\bU/A\b", re.I),
        re.compile(r"^(?:urine|urinary|urinalysis|urin|harn|orina|urina|vizelet)\b"
                   r"[\s:,\-]*|^U\s*[-.:]\s*|^尿液?"
                   r"|\s*[(\[](?:urine|尿|尿液)[)\]]$"
                   r"|[\s,]+(?:(?:in|im|en|na|nell[a']?)\s+)?"
                   r"(?:urine|urin|harn|orina|urina)$", re.I),
        frozenset({"尿", "尿液", "urine", "urinary", "urin", "harn", "orina", "urina", "vizelet"}),
    ),
    "stool": SpecimenContext(
        "ST_",
        re.compile(r"便|粪|糞|stool|fa?ecal|\bFOB", re.I),
        re.compile(r"^(?:stool|fa?ecal|fa?eces)\b[\s:,\-]*|^(?:大便|粪便|糞便|便|粪|糞)"
                   r"|\s*[(\[](?:stool|便|粪便|大便)[)\]]$|[\s,]+(?:in\s+)?stool$", re.I),
        frozenset({"便", "粪", "粪便", "大便", "stool", "feces", "fecal"}),
    ),
    # A blood-gas panel: its bare pH is the blood's, not the urine's.
    "blood_gas": SpecimenContext(
        "BG_",
        re.compile(r"blood[ _]gas|gas(?:es|ometr[ií]a)\b|gases en sangre"
                   r"|blutgas|gaz du sang|emogas|血气|血氣", re.I),
        re.compile(r"^(?:blood|arterial|venous)\s+|^血液?", re.I),
        frozenset(),
    ),
}  # fmt: skip
SPECIMEN_KEYS = {k: name for name, c in CONTEXTS.items() for k in c.specimen_keys}


def uncovered_specimen(name: str, panel: str | None = None) -> bool:
    """Whether a name or its panel names a specimen the catalogue has no analytes for."""
    return bool(
        _UNCOVERED_SPECIMEN_RE.search(name) or (panel and _UNCOVERED_SPECIMEN_RE.search(panel))
    )


def context_of(panel: str | None) -> str | None:
    """Specimen context a panel title implies ('尿常规' -> 'urine'), if any."""
    text = unicodedata.normalize("NFKC", panel or "")
    return next((n for n, c in CONTEXTS.items() if text and c.panel_re.search(text)), None)
