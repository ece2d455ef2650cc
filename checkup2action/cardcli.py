"""Command-line commands of the Action Cards: ``cards``, ``run`` and ``evaluate``
(registered on the main app by ``checkup2action.cli``)."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from checkup2action import pipeline
from checkup2action.cards.models import CardSet
from checkup2action.cards.render import cards_markdown, cards_renderables
from checkup2action.cliconsole import EXIT_EMPTY, EXIT_FAILED, err, fatal, out
from checkup2action.cliprogress import ReadingProgress
from checkup2action.clireading import (
    AllowEmptyOption,
    OcrEngineOption,
    OcrLanguageOption,
    PagesOption,
    ThreadsOption,
    with_reading,
)
from checkup2action.cliviews import Outcome, empty_text
from checkup2action.errors import Checkup2ActionError
from checkup2action.report.models import StructuredReport
from checkup2action.report.writers import write_report


class Language(StrEnum):
    """The cards' language."""

    auto = "auto"
    en = "en"
    zh = "zh"


LanguageOption = Annotated[
    Language, typer.Option("--language", "-l", help="Cards in en or zh (auto: the report's).")
]
LlmUrlOption = Annotated[
    str | None,
    typer.Option("--llm-url", help="An OpenAI-compatible API base (e.g. http://127.0.0.1:8000/v1):"
                 " cards from that model, checked, the rules filling in."),
]  # fmt: skip
LlmModelOption = Annotated[str, typer.Option("--llm-model", help="The model name to ask.")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")]


def _generator(llm_url: str | None, llm_model: str) -> tuple[str, dict[str, Any]]:
    """The generator's name and options from the command line."""
    if llm_url:
        return "llm", {"url": llm_url, "model": llm_model}
    return "rules", {}


def _write_cards(card_set: CardSet, json_path: Path) -> Path:
    """Write the cards' JSON and, beside it, their Markdown; returns the Markdown path."""
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(card_set.to_json() + "\n", encoding="utf-8")
    md_path = json_path.with_suffix(".md")
    md_path.write_text(cards_markdown(card_set), encoding="utf-8")
    return md_path


def _show(card_set: CardSet, quiet: bool) -> None:
    """Print the cards on the terminal."""
    if quiet:
        return
    console = out()
    for item in cards_renderables(card_set):
        console.print(item)


def cards(
    report_file: Annotated[Path, typer.Argument(help="A StructuredReport JSON (from ingest).")],
    output: Annotated[Path, typer.Option("--out", "-o", help="Cards JSON to write (and .md).")],
    language: LanguageOption = Language.auto,
    llm_url: LlmUrlOption = None,
    llm_model: LlmModelOption = "gpt-4o-mini",
    quiet: QuietOption = False,
) -> None:
    """Write the Action Cards of a structured report (JSON and Markdown) and show them."""
    if not report_file.is_file():
        raise fatal(f"no such file: {report_file}")
    try:
        report = StructuredReport.model_validate_json(report_file.read_text(encoding="utf-8"))
    except ValueError:
        raise fatal(f"{report_file.name}: not a StructuredReport JSON [BAD_REPORT_JSON]") from None
    name, options = _generator(llm_url, llm_model)
    lang = None if language is Language.auto else language.value
    try:
        card_set = pipeline.cards(report, generator=name, language=lang, **options)
    except Checkup2ActionError as exc:
        raise fatal(str(exc), EXIT_FAILED) from None
    _write_cards(card_set, output)
    _show(card_set, quiet)


def run(
    file: Annotated[Path, typer.Argument(help="A PDF or picture file.")],
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Output directory.")],
    language: LanguageOption = Language.auto,
    llm_url: LlmUrlOption = None,
    llm_model: LlmModelOption = "gpt-4o-mini",
    quiet: QuietOption = False,
    ocr_engine: OcrEngineOption = None,
    threads: ThreadsOption = None,
    pages: PagesOption = None,
    ocr_language: OcrLanguageOption = None,
    allow_empty: AllowEmptyOption = False,
) -> None:
    """Every stage: read a report, write its report JSON and its Action Cards (JSON, Markdown).
    Exit 4 when the document gives no lab result (--allow-empty: 0), 3 when it cannot be read."""
    if not file.is_file():
        raise fatal(f"no such file: {file}")
    if out_dir.exists() and not out_dir.is_dir():
        raise fatal(f"output path is not a directory: {out_dir}")
    name, options = _generator(llm_url, llm_model)
    lang = None if language is Language.auto else language.value
    try:
        reading = with_reading(pipeline.PipelineOptions(), ocr_engine, threads, pages, ocr_language)
    except Checkup2ActionError as exc:  # a bad option, an engine named but not installed
        raise fatal(str(exc)) from None
    try:
        with ReadingProgress(1, quiet) as shown:
            report, card_set = pipeline.run(
                file,
                options=reading,
                generator=name,
                language=lang,
                progress=shown.document(file),
                **options,
            )
    except Checkup2ActionError as exc:
        raise fatal(f"{file.name}: {exc.message} [{exc.code}]", EXIT_FAILED) from None
    except Exception as exc:  # not the document's fault: one line, no traceback, no values
        raise fatal(f"unexpected error ({type(exc).__name__})") from None
    report_path = write_report(report, out_dir, report.source.file_name, "json")
    cards_path = report_path.with_name(report_path.name.removesuffix(".json") + ".cards.json")
    _write_cards(card_set, cards_path)
    _show(card_set, quiet)
    if not quiet:
        out().print(f"{report_path}, {cards_path}: {len(card_set.cards)} card(s)")
    if not report.lab_results:
        if not (quiet and allow_empty):
            err().print(empty_text(Outcome(file, report=report)))
        if not allow_empty:
            raise typer.Exit(EXIT_EMPTY)


def _summary_table(summary: dict[str, Any]) -> Table:
    """The protocol's overall figures as a two-column table."""
    table = Table(title="Card evaluation", show_header=True)
    table.add_column("measure")
    table.add_column("value", justify="right")
    for key, value in summary.items():
        table.add_row(key, "-" if value is None else str(value))
    return table


def _reports_table(rows: list[dict[str, Any]]) -> Table:
    """One line per report."""
    table = Table(title="Per report")
    for col in ("document", "gold", "pred", "coverage", "precision"):
        table.add_column(col, justify="left" if col == "document" else "right")
    for row in rows:
        cells = [row["document"], row["gold"], row["pred"], row["coverage"], row["precision"]]
        table.add_row(*("-" if c is None else str(c) for c in cells))
    return table


def evaluate(
    pred: Annotated[Path, typer.Option("--pred", help="Predicted cards: a file or a folder.")],
    gold: Annotated[Path, typer.Option("--gold", help="Reference cards: a file or a folder.")],
    output: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write the figures as JSON here.")
    ] = None,
    per_report: Annotated[bool, typer.Option("--per-report", help="A line per report.")] = False,
    judge_url: Annotated[
        str | None,
        typer.Option(
            "--judge-url",
            help="Also score usefulness by a model at this OpenAI-compatible API base.",
        ),
    ] = None,
    judge_model: Annotated[
        str, typer.Option("--judge-model", help="The judge model.")
    ] = "gpt-4o-mini",
) -> None:
    """Score cards against reference cards: coverage, precision, priority, department, window,
    complexity, readability, safety and usefulness (docs in checkup2action/evaluation/cards.py)."""
    from checkup2action.cards.llm import LlmSettings
    from checkup2action.evaluation.cards import evaluate_paths

    for path in (pred, gold):
        if not path.exists():
            raise fatal(f"no such file or folder: {path}")
    try:
        judge = LlmSettings(url=judge_url, model=judge_model) if judge_url else None
        result = evaluate_paths(pred, gold, judge)
    except (ValueError, KeyError) as exc:
        raise fatal(f"not a card file ({type(exc).__name__}: {exc})") from None
    console = out()
    console.print(_summary_table(result.summary()))
    if per_report:
        console.print(_reports_table(result.per_report()))
    if output is not None:
        output.write_text(json.dumps(result.to_dict(), indent=2) + "\n", encoding="utf-8")


def register(app: typer.Typer) -> None:
    """Add the card commands to the main app."""
    app.command("cards")(cards)
    app.command("run")(run)
    app.command("evaluate")(evaluate)
