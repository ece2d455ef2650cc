"""The committed JSON Schema of the Action Cards (``CardSet``) and its version registry.

Run ``python -m checkup2action.cards.schema_file`` after changing a card model (and bumping
``CARDS_SCHEMA_VERSION`` once a version was released).
"""

from __future__ import annotations

from pathlib import Path

from checkup2action.cards.models import CARDS_SCHEMA_VERSION, CardSet
from checkup2action.schemafiles import SchemaFile

CARDS_SCHEMA = SchemaFile(
    CardSet, CARDS_SCHEMA_VERSION, Path(__file__).parent / "schema", "action_cards"
)

if __name__ == "__main__":
    CARDS_SCHEMA.write()
