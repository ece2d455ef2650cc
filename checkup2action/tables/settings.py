"""Thresholds and weights of the table reader, in one validated settings object."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class RowWeights(BaseModel):
    """What each piece of evidence adds to (or takes from) a candidate row's score."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    analyte: float = Field(default=3.0, ge=0, description="the name is an analyte of the catalogue")
    analyte_by_slip: float = Field(
        default=2.0, ge=0, description="the name is an analyte's but for one character OCR misread"
    )
    texty_name: float = Field(default=0.5, ge=0, description="a name with letters, not an analyte")
    bad_name: float = Field(
        default=-3.0, le=0, description="a name that is a label, number or date"
    )
    numeric_value: float = Field(default=2.0, ge=0)
    qualitative_value: float = Field(default=1.5, ge=0, description="Negative, 阴性, 2+ …")
    text_value: float = Field(default=0.5, ge=0, description="other words: colours, S(++), 1:80")
    bad_value: float = Field(default=-4.0, le=0, description="a value cell that does not parse")
    word_fits: float = Field(
        default=0.5, ge=0, description="a colour for a colour test, a form for a stool's form"
    )
    word_misfits: float = Field(
        default=-1.5,
        le=0,
        description="a grade (++) for a colour test, a colour for a presence test",
    )
    zero_padded: float = Field(
        default=-1.0, le=0, description="a whole number with a leading zero: often a site code"
    )
    bound_only: float = Field(
        default=-1.0, le=0, description="a bound with no unit or range beside it: a target"
    )
    comparator_value: float = Field(
        default=-1.0, le=0, description="a bound (<200) is often a range"
    )
    unit: float = Field(default=1.0, ge=0, description="a unit the grammar knows")
    unit_fits: float = Field(
        default=1.0, ge=0, description="the unit is one of the analyte's units"
    )
    bad_unit: float = Field(default=-1.0, le=0, description="a unit cell that is no unit")
    range: float = Field(default=1.5, ge=0, description="a range that parses")
    range_agrees: float = Field(default=0.5, ge=0, description="value and range of one magnitude")
    range_disagrees: float = Field(
        default=-1.5, le=0, description="value far outside any sane range"
    )
    plausible: float = Field(default=0.5, ge=0, description="value within the analyte's limits")
    implausible: float = Field(default=-2.0, le=0, description="value outside the analyte's limits")
    flag: float = Field(default=0.3, ge=0, description="a flag that parses")
    header_column: float = Field(
        default=1.0, ge=0, description="a header table's row: its header names the value column"
    )
    column_aligned: float = Field(
        default=1.5, ge=0, description="name and value in the columns of the page's results"
    )
    beyond_columns: float = Field(
        default=-6.0,
        le=0,
        description="a value right of every cell of the results whose names share its column: "
        "no value of that table, whatever else the row has",
    )


class TableSettings(BaseModel):
    """Every threshold the table reader uses to choose between readings."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    weights: RowWeights = Field(default_factory=RowWeights)
    min_row_score: float = Field(
        default=3.5, description="a line-reading row below this is no result (name + value ≈ 2.5)"
    )
    min_row_score_unknown_name: float = Field(
        default=4.0, description="a row whose name is no analyte needs more evidence (unit, range)"
    )
    record_cost: float = Field(
        default=3.5, ge=0, description="what a line reading pays for each result it claims"
    )
    runner_up_margin: float = Field(
        default=1.0,
        ge=0,
        description="a different reading within this margin marks the row for review",
    )
    prefer_header_margin: float = Field(
        default=1.2,
        ge=1.0,
        description="a line reading replaces a header table only when this much better",
    )
    reclaim_score: float = Field(
        default=8.0,
        description="a line row of a known analyte this strong stands where a header table "
        "read its words but kept no row of them",
    )
    beyond_share: float = Field(
        default=0.75,
        gt=0,
        le=1,
        description="share of a table's results a line row's value must stand right of to lose "
        "weights.beyond_columns (two rows may read the same stray code)",
    )
    column_reach_pitches: float = Field(
        default=3.0,
        gt=0,
        description="a row gains weights.column_aligned only within this many of the results' "
        "line pitches of them (a footer below the signatures can align by chance)",
    )
    range_magnitude: float = Field(
        default=20.0,
        gt=1.0,
        description="a value this many times beyond its range is another column",
    )
    continuation_gap_em: float = Field(
        default=1.6,
        gt=0,
        description="a line this close below a result may finish it (range, unit)",
    )


DEFAULT_SETTINGS = TableSettings()
