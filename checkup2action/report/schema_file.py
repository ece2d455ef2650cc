"""The committed JSON Schema of StructuredReport and the registry of schema versions.

Run ``python -m checkup2action.report.schema_file`` after changing a model: it writes the schema
and records its hash under SCHEMA_VERSION, refusing to change the hash of a released version.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from checkup2action.report.models import SCHEMA_VERSION, StructuredReport

SCHEMA_DIR = Path(__file__).parent / "schema"
SCHEMA_PATH = SCHEMA_DIR / "structured_report.schema.json"
REGISTRY_PATH = SCHEMA_DIR / "versions.json"


def current_schema() -> dict:
    """The JSON Schema generated from the models now."""
    schema = StructuredReport.model_json_schema()
    schema["$id"] = f"https://checkup2action.invalid/schema/structured_report/{SCHEMA_VERSION}"
    return schema


def schema_text(schema: dict) -> str:
    """Canonical text of a schema (stable key order)."""
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def schema_hash(schema: dict) -> str:
    """sha256 of a schema's canonical text, ignoring its $id."""
    body = {k: v for k, v in schema.items() if k != "$id"}
    return hashlib.sha256(schema_text(body).encode()).hexdigest()


def registry() -> dict[str, str]:
    """version → schema hash, as committed."""
    return json.loads(REGISTRY_PATH.read_text("utf-8")) if REGISTRY_PATH.exists() else {}


def write() -> None:
    """Write the schema file and register its hash under the current version."""
    schema = current_schema()
    versions = registry()
    digest = schema_hash(schema)
    if versions.get(SCHEMA_VERSION, digest) != digest:
        raise SystemExit(
            f"schema changed but SCHEMA_VERSION {SCHEMA_VERSION} was released: bump it"
        )
    versions[SCHEMA_VERSION] = digest
    SCHEMA_DIR.mkdir(exist_ok=True)
    SCHEMA_PATH.write_text(schema_text(schema), "utf-8")
    REGISTRY_PATH.write_text(json.dumps(versions, indent=2, sort_keys=True) + "\n", "utf-8")


if __name__ == "__main__":
    write()
