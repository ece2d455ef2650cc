"""The committed JSON Schema of StructuredReport and the registry of schema versions.

Run ``python -m checkup2action.report.schema_file`` after changing a model: it writes the schema
and records its hash under SCHEMA_VERSION, refusing to change the hash of a released version
(``checkup2action.schemafiles``).
"""

from __future__ import annotations

from pathlib import Path

from checkup2action.report.models import SCHEMA_VERSION, StructuredReport
from checkup2action.schemafiles import SchemaFile, schema_hash, schema_text

REPORT_SCHEMA = SchemaFile(
    StructuredReport, SCHEMA_VERSION, Path(__file__).parent / "schema", "structured_report"
)
SCHEMA_DIR = REPORT_SCHEMA.folder
SCHEMA_PATH = REPORT_SCHEMA.path
REGISTRY_PATH = REPORT_SCHEMA.registry_path
current_schema = REPORT_SCHEMA.current
registry = REPORT_SCHEMA.registry
write = REPORT_SCHEMA.write

__all__ = [
    "REPORT_SCHEMA",
    "SCHEMA_PATH",
    "current_schema",
    "registry",
    "schema_hash",
    "schema_text",
]

if __name__ == "__main__":
    write()
