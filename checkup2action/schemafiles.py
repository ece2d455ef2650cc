"""Committed JSON Schemas of the output models, and the registry of their versions.

Each output model (the structured report, the Action Cards) has a schema file and a
``versions.json`` beside it: version → sha256 of the schema's canonical text. Regenerating with
a changed model but an unchanged, already registered version is refused, so a change of the
output always comes with a version bump.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel


@dataclass(frozen=True)
class SchemaFile:
    """Where one model's schema is committed, and under which version."""

    model: type[BaseModel]
    version: str
    folder: Path
    name: str  # ``structured_report`` → ``structured_report.schema.json``

    @property
    def path(self) -> Path:
        """The committed schema file."""
        return self.folder / f"{self.name}.schema.json"

    @property
    def registry_path(self) -> Path:
        """The committed version registry."""
        return self.folder / "versions.json"

    def current(self) -> dict:
        """The JSON Schema generated from the model now."""
        schema = self.model.model_json_schema()
        schema["$id"] = f"https://checkup2action.invalid/schema/{self.name}/{self.version}"
        return schema

    def registry(self) -> dict[str, str]:
        """version → schema hash, as committed."""
        path = self.registry_path
        return json.loads(path.read_text("utf-8")) if path.exists() else {}

    def write(self) -> None:
        """Write the schema file and register its hash under the current version."""
        schema = self.current()
        versions = self.registry()
        digest = schema_hash(schema)
        if versions.get(self.version, digest) != digest:
            raise SystemExit(f"schema changed but version {self.version} was released: bump it")
        versions[self.version] = digest
        self.folder.mkdir(exist_ok=True)
        self.path.write_text(schema_text(schema), "utf-8")
        self.registry_path.write_text(
            json.dumps(versions, indent=2, sort_keys=True) + "\n", "utf-8"
        )


def schema_text(schema: dict) -> str:
    """Canonical text of a schema (stable key order)."""
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def schema_hash(schema: dict) -> str:
    """sha256 of a schema's canonical text, ignoring its $id."""
    body = {k: v for k, v in schema.items() if k != "$id"}
    return hashlib.sha256(schema_text(body).encode()).hexdigest()
