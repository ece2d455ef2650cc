"""Readable renderings of Action Cards: Markdown, and rich panels for the terminal."""

from __future__ import annotations

from rich.console import Group
from rich.panel import Panel
from rich.text import Text

from checkup2action.cards.models import ActionCard, CardSet, departments

_PRIORITY_STYLE = {"urgent": "bold red", "soon": "yellow", "routine": "green"}
_LABELS = {
    "en": {"urgent": "Urgent", "soon": "Soon", "routine": "Routine", "where": "See",
           "when": "When", "ask": "Questions to ask", "based": "Based on", "none":
           "No issue on this report needs follow-up by the rules; discuss the report at your "
           "next regular visit.", "title": "Action Cards", "page": "page"},
    "zh": {"urgent": "尽快就医", "soon": "近期就诊", "routine": "常规随访", "where": "科室",
           "when": "时间", "ask": "可以问医生的问题", "based": "依据", "none":
           "按规则，本报告没有需要专门随访的问题；请在下次常规就诊时与医生一起看报告。",
           "title": "行动卡片", "page": "第{n}页"},
}  # fmt: skip


def _page(cards: CardSet, evidence_id: str, lang: str) -> str:
    """Where an evidence item is printed, e.g. ``Hemoglobin (page 1)``."""
    ref = cards.evidence.get(evidence_id)
    if ref is None:
        return evidence_id
    if ref.page is None:
        return ref.name
    where = _LABELS[lang]["page"]
    where = where.format(n=ref.page) if "{n}" in where else f"{where} {ref.page}"
    return f"{ref.name} ({where})"


def _department(card: ActionCard) -> str:
    """The department's name in the card's language."""
    return departments().get(card.department, {}).get(card.language, card.department)


def card_markdown(cards: CardSet, card: ActionCard) -> list[str]:
    """One card as Markdown lines."""
    words = _LABELS[card.language]
    based = "; ".join(_page(cards, e, card.language) for e in card.evidence)
    lines = [
        f"## {card.title}",
        "",
        f"**{words[card.priority]}** · {words['where']}: {_department(card)} · "
        f"{words['when']}: {card.follow_up.text}",
        "",
        card.explanation,
        "",
        f"**{words['ask']}:**",
        "",
    ]
    lines += [f"- {q}" for q in card.questions]
    lines += ["", f"*{words['based']}: {based}*", ""]
    return lines


def cards_markdown(cards: CardSet) -> str:
    """A whole card set as a Markdown document."""
    words = _LABELS[cards.language]
    lines = [f"# {words['title']}", ""]
    if not cards.cards:
        lines += [words["none"], ""]
    for card in cards.cards:
        lines += card_markdown(cards, card)
    return "\n".join(lines)


def card_panel(cards: CardSet, card: ActionCard) -> Panel:
    """One card as a rich panel for the terminal."""
    words = _LABELS[card.language]
    head = Text(f"{words[card.priority]}", style=_PRIORITY_STYLE[card.priority])
    head.append(f"  {words['where']}: {_department(card)}  {words['when']}: {card.follow_up.text}")
    body = [
        head,
        Text(""),
        Text(card.explanation),
        Text(""),
        Text(f"{words['ask']}:", style="bold"),
    ]
    body += [Text(f"  • {q}") for q in card.questions]
    based = "; ".join(_page(cards, e, card.language) for e in card.evidence)
    body.append(Text(f"{words['based']}: {based}", style="dim"))
    return Panel(Group(*body), title=Text(card.title, style="bold"), title_align="left",
                 border_style=_PRIORITY_STYLE[card.priority])  # fmt: skip


def cards_renderables(cards: CardSet) -> list[Panel | Text]:
    """What the terminal shows for a card set: a panel per card, or a line when there is none."""
    if not cards.cards:
        return [Text(_LABELS[cards.language]["none"])]
    return [card_panel(cards, c) for c in cards.cards]
