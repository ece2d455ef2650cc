"""The committed JSON Schema matches the models, and changes come with a version bump."""

from checkup2action.report.models import SCHEMA_VERSION, StructuredReport
from checkup2action.report.schema_file import (
    SCHEMA_PATH,
    current_schema,
    registry,
    schema_hash,
    schema_text,
)

REGEN = "run `python -m checkup2action.report.schema_file` (after bumping SCHEMA_VERSION)"


def test_schema_version_is_registered_with_this_schema():
    versions = registry()
    assert SCHEMA_VERSION in versions, f"SCHEMA_VERSION {SCHEMA_VERSION} not registered: {REGEN}"
    assert versions[SCHEMA_VERSION] == schema_hash(current_schema()), (
        f"the models changed but SCHEMA_VERSION is still {SCHEMA_VERSION}: {REGEN}"
    )


def test_committed_schema_file_is_current():
    assert SCHEMA_PATH.read_text("utf-8") == schema_text(current_schema()), REGEN


def test_report_forbids_unknown_fields():
    import pytest
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        StructuredReport.model_validate(
            {
                "source": {"file_name": "a.pdf", "sha256": "0" * 64, "page_count": 0, "pages": []},
                "extra": 1,
            }
        )
