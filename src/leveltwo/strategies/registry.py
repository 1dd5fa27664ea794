"""The registry of move categories: one :class:`~leveltwo.strategies.move.Strategy` each,
in the order of docs/strategies.md. A contract test runs over every entry."""

from __future__ import annotations

from leveltwo.model.case import Category
from leveltwo.strategies.move import Context, Move, Strategy
from leveltwo.strategies.moves import (
    agreement_form,
    compensation,
    framing,
    outside_pressure,
    process_form,
    statements,
    table_conduct,
    thwart_opponents,
    tied_hands,
    victory_speech,
)

REGISTRY: tuple[Strategy, ...] = (
    compensation.STRATEGY,
    agreement_form.STRATEGY,
    process_form.STRATEGY,
    statements.STRATEGY,
    framing.STRATEGY,
    victory_speech.STRATEGY,
    table_conduct.STRATEGY,
    outside_pressure.STRATEGY,
    thwart_opponents.STRATEGY,
    tied_hands.STRATEGY,
)


def strategy(category: Category) -> Strategy:
    """The registered strategy of ``category``."""
    return next(s for s in REGISTRY if s.category is category)


def candidates(ctx: Context, allowed: frozenset[Category] | None = None) -> tuple[Move, ...]:
    """Every candidate move of the allowed categories (all registered ones by default)."""
    out: list[Move] = []
    for s in REGISTRY:
        if allowed is None or s.category in allowed:
            out.extend(s.generate(ctx))
    return tuple(out)
