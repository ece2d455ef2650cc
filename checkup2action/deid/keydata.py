"""The vocabulary every identifier finder reads (``data/identifier_keys.yaml``), parsed once, and
the two small text tests they share."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from checkup2action.datafiles import load_yaml


@lru_cache(maxsize=1)
def key_data() -> dict[str, Any]:
    """Field labels by kind, stop labels, patient-block labels, street types, qualifications."""
    return dict(load_yaml(Path(__file__).parent / "data" / "identifier_keys.yaml"))


def keys_of(entry: dict[str, Any]) -> set[str]:
    """The labels of one kind, those that need a colon or a mark after them too."""
    return set(entry["keys"]) | set(entry.get("needs_colon", [])) | set(entry.get("needs_mark", []))


def label_key(text: str) -> str:
    """A label lower case without white space: how labels are compared (``Patient ID``)."""
    return "".join(text.split()).lower()


def is_han(char: str) -> bool:
    """Whether a character is a Chinese one (the range names and labels here are written in)."""
    return "\u4e00" <= char <= "\u9fff"
