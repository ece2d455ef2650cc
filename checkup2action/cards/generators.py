"""The card generator plug-in point: a small protocol and a registry.

``rules`` (the default) is ``cards.rules``; ``llm`` asks an OpenAI-compatible endpoint
(``cards.llm``, options ``url`` and ``model``). Another generator registers a factory with
:func:`register_generator`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from checkup2action.cards.models import CardSet
from checkup2action.errors import Checkup2ActionError
from checkup2action.report.models import StructuredReport


class UnknownGeneratorError(Checkup2ActionError):
    """No card generator of that name is registered."""

    code = "UNKNOWN_CARD_GENERATOR"


class CardGenerator(Protocol):
    """Anything that turns a structured report into Action Cards."""

    def generate(self, report: StructuredReport, *, language: str | None = None) -> CardSet:
        """The report's cards; ``language`` en or zh (None: the report's own)."""
        ...


class RuleGenerator:
    """The deterministic, offline generator of ``cards.rules``."""

    def generate(self, report: StructuredReport, *, language: str | None = None) -> CardSet:
        """The rule-based cards."""
        from checkup2action.cards.rules import generate_cards

        return generate_cards(report, language=language)


class LlmGenerator:
    """Cards from a language model, checked and backed by the rules (``cards.llm``)."""

    def __init__(self, url: str, model: str, **settings: Any) -> None:
        from checkup2action.cards.llm import LlmSettings

        self.settings = LlmSettings(url=url, model=model, **settings)

    def generate(self, report: StructuredReport, *, language: str | None = None) -> CardSet:
        """The model's cards, repaired once, failures replaced by rule cards."""
        from checkup2action.cards.llm import generate_llm_cards

        return generate_llm_cards(report, self.settings, language=language)


_REGISTRY: dict[str, Callable[..., CardGenerator]] = {"rules": RuleGenerator, "llm": LlmGenerator}


def register_generator(name: str, factory: Callable[..., CardGenerator]) -> None:
    """Make a generator available by name."""
    _REGISTRY[name] = factory


def get_generator(name: str = "rules", **options: Any) -> CardGenerator:
    """A generator by name, built with its options."""
    if name not in _REGISTRY:
        known = ", ".join(sorted(_REGISTRY))
        raise UnknownGeneratorError(f"unknown card generator {name!r} (known: {known})")
    return _REGISTRY[name](**options)
