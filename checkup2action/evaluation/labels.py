"""Hand labels of real reports: one JSON file per document, results as printed on the page."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from checkup2action.errors import Checkup2ActionError

Kind = Literal["born_digital_pdf", "scanned_pdf", "photo", "render", "screenshot"]


class LabelSource(BaseModel):
    """Where the labelled document lives: a public repository's file at one commit."""

    model_config = ConfigDict(extra="forbid")
    repo: str
    commit: str = Field(pattern=r"^[0-9a-f]{40}$")
    path: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


class LabelRow(BaseModel):
    """One result a person sees on the page: name, value, unit, range and flag as printed."""

    model_config = ConfigDict(extra="forbid")
    page: int = Field(ge=1)
    name: str
    value: str
    unit: str | None = None
    flag: str | None = None
    range: str | None = None


FindingCategory = Literal["ecg", "imaging", "physical_exam"]


class FindingLabel(BaseModel):
    """One examination a person sees reported in words: an ECG, an imaging study or a
    physical-exam line, with verbatim pieces of its findings or impression."""

    model_config = ConfigDict(extra="forbid")
    page: int = Field(ge=1)
    category: FindingCategory
    modality: str | None = Field(
        default=None,
        description="ecg, ultrasound, x_ray, ct, mri, bone_density, mammography, endoscopy, "
        "fundus, other (imaging and ECG only).",
    )
    body_site: str | None = Field(default=None, description="As printed (甲状腺, Chest).")
    contains: list[str] = Field(
        min_length=1, description="Verbatim pieces of the finding's text or impression."
    )


class SummaryLabel(BaseModel):
    """One item of the physician's summary or advice: a verbatim piece of it."""

    model_config = ConfigDict(extra="forbid")
    page: int = Field(ge=1)
    contains: str


class SectionLabel(BaseModel):
    """One of the report's own headings, as printed, with the page it starts on."""

    model_config = ConfigDict(extra="forbid")
    page: int = Field(ge=1)
    title: str


class DocumentLabel(BaseModel):
    """A labelled document: its source, language, kind and every printed result."""

    model_config = ConfigDict(extra="forbid")
    source: LabelSource
    language: str
    kind: Kind
    results: list[LabelRow]
    findings: list[FindingLabel] = Field(default_factory=list)
    summary: list[SummaryLabel] = Field(default_factory=list)
    sections: list[SectionLabel] = Field(default_factory=list)
    sections_labelled: bool = Field(
        default=False,
        description="True once findings, summary and sections were labelled (empty lists then "
        "mean the document prints none).",
    )
    notes: str = ""

    @property
    def doc_id(self) -> str:
        """A short id: the file's stem as the label names it."""
        return self.source.repo.split("/")[0] + ":" + self.source.path.rsplit("/", 1)[-1]

    def document_path(self, root: Path) -> Path:
        """The document's place under a folder filled by the corpus extract script."""
        return root / self.source.repo.replace("/", "+") / self.source.path


class LabelError(Checkup2ActionError):
    """A label file that does not parse or does not match its document."""

    code = "LABEL_ERROR"


def load_label(path: Path) -> DocumentLabel:
    """Read and validate one label file."""
    try:
        return DocumentLabel.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError) as exc:
        raise LabelError(f"{path.name}: {exc}") from exc


def load_labels(folder: Path) -> dict[str, DocumentLabel]:
    """Every label file of a folder, by file stem, in name order."""
    return {p.stem: load_label(p) for p in sorted(folder.glob("*.json"))}


def select_labels(labels: dict[str, DocumentLabel], only: str | None) -> dict[str, DocumentLabel]:
    """The labels whose file stem contains one of the comma-separated pieces (all without any)."""
    pieces = [p for p in (only or "").split(",") if p]
    if not pieces:
        return labels
    return {k: v for k, v in labels.items() if any(p in k for p in pieces)}
