"""The shapes of the service's JSON answers, for its OpenAPI document (the routes build them from
``jobs.Job.describe``; these models say what a client may rely on)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field


class ErrorDetail(BaseModel):
    """A stable code and a plain message (never the upload's content)."""

    code: str = Field(examples=["NOT_A_DOCUMENT"])
    message: str


class ErrorBody(BaseModel):
    """Every answer that is not a success."""

    error: ErrorDetail


class Step(BaseModel):
    """The step a worker is on while it reads (``OCR``, page 3 of 12)."""

    name: str
    done: int
    total: int
    page: int | None = None


class PageImage(BaseModel):
    """A page picture: its address and its size in pixels and in PDF points (boxes are in
    points, top-left origin)."""

    page: int
    url: str
    width_px: int
    height_px: int
    width_pt: float
    height_pt: float


class JobState(BaseModel):
    """A report's job: where its reading stands, and what it gave."""

    id: str = Field(description="22 URL-safe characters, random")
    status: Literal["queued", "running", "ok", "partial", "failed"]
    format: str = Field(description="What the upload's first bytes say it is: pdf, png, jpeg …")
    size_bytes: int
    sha256: str
    created_at: str
    started_at: str | None = None
    finished_at: str | None = None
    expires_at: str | None = None
    queue_position: int | None = Field(default=None, description="Jobs ahead, while queued")
    step: Step | None = Field(default=None, description="While running, when the worker said")
    seconds: float | None = None
    error_code: str | None = Field(default=None, description="Why it failed (the batch's codes)")
    error_message: str | None = None
    pages: int | None = None
    results: int | None = Field(default=None, description="Lab results read")
    warnings: dict[str, int] | None = Field(default=None, description="Report warnings by code")
    links: dict[str, Any] = Field(description="The outputs' addresses once read")
    page_images: list[PageImage] | None = None


class Health(BaseModel):
    """Whether the service and its reading pool are up."""

    status: Literal["ok", "degraded"]
    version: str
    workers: int
    jobs: dict[str, int] = Field(description="Jobs by status")


#: What each error status means, for the routes' documentation.
ERROR_MEANINGS = {
    400: "Empty upload, or a Host that is not this machine's",
    403: "An upload sent by a page of another site",
    404: "Unknown or expired report, or no such page or output",
    409: "The report is still being read",
    410: "The document could not be read (its status says why)",
    413: "The upload is larger than the service takes",
    415: "Not a PDF or a picture the service reads",
    422: "A required field is missing or invalid",
    503: "Too many reports waiting, or the reading workers are down",
}


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The ``responses`` documentation of a route's error answers."""
    return {s: {"model": ErrorBody, "description": ERROR_MEANINGS[s]} for s in statuses}
