"""Uncertain inputs: an input of the case, its documented range, and how to set it.

The robustness analysis (:mod:`leveltwo.strategies.robustness`) varies every
uncertain input over its range. The case-level inputs a move category relies
on are declared by that category itself, through the optional
``uncertain_inputs`` hook of its :class:`~leveltwo.strategies.move.Strategy`
(the registry is the one extension point); the ranges are built here, the same
for every category:

- :func:`scaled`: a value the case gives, × :data:`LOW` … :data:`HIGH`
  (a probability or receptivity clipped to [0, 1]);
- :func:`assumed`: an input the case leaves at its default of 0 that a move
  relies on, from 0 up to :data:`ASSUMED_RISK` (a probability) or
  :data:`ASSUMED_COST` (a cost in our utility), so the assumption is tested too;
- :func:`spread`: a value ± a fixed spread, clipped to [0, 1] (the tacit
  enforceability, ± :data:`ENFORCEABILITY_SPREAD`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from leveltwo.model.case import Case, CaseLevel2

#: Scaled inputs range over [LOW, HIGH] × their value.
LOW, HIGH = 0.5, 1.5
#: The tacit enforceability ranges over ± this.
ENFORCEABILITY_SPREAD = 0.15
#: Inputs left at 0 that a move relies on range up to these (probability, utility).
ASSUMED_RISK = 0.3
ASSUMED_COST = 0.02

Setter = Callable[[Case, float], Case]


@dataclass(frozen=True)
class Uncertain:
    """One uncertain input: its value in the case, its range, how to set it.

    ``monte_carlo``: whether the Monte Carlo draws it (reservations are only
    varied in the sensitivity, as σ is already priced into every approval).
    Two inputs are equal when they name the same input with the same range.
    """

    parameter: str
    base: float
    low: float
    high: float
    setter: Setter = field(compare=False, repr=False)
    monte_carlo: bool = True
    label: str = ""


#: A move category's hook: the uncertain case-level inputs its moves rely on.
UncertainFinder = Callable[[Case], tuple[Uncertain, ...]]


def no_uncertain_inputs(case: Case) -> tuple[Uncertain, ...]:
    """The default hook: the category relies on no case-level input of its own."""
    return ()


def clip(x: float) -> float:
    return min(1.0, max(0.0, x))


def level2(update: Callable[[Case, float], CaseLevel2]) -> Setter:
    """A setter that replaces the case's ``level2`` block by ``update(case, value)``."""

    def fn(case: Case, value: float) -> Case:
        return replace(case, level2=update(case, value))

    return fn


def set_item(name_of_list: str, index: int, name: str) -> Setter:
    """A setter of field ``name`` of item ``index`` of the list ``level2.<name_of_list>``."""

    def fn(case: Case, value: float) -> CaseLevel2:
        items = list(getattr(case.level2, name_of_list))
        change: dict[str, Any] = {name: value}
        items[index] = replace(items[index], **change)
        update: dict[str, Any] = {name_of_list: tuple(items)}
        return replace(case.level2, **update)

    return level2(fn)


def scaled(parameter: str, value: float, setter: Setter, label: str) -> Uncertain:
    """``value`` × LOW … HIGH, clipped to [0, 1]."""
    return Uncertain(parameter, value, clip(LOW * value), clip(HIGH * value), setter, label=label)


def scale(parameter: str, setter: Setter, label: str) -> Uncertain:
    """A scale factor 1, over LOW … HIGH (``setter`` multiplies by it)."""
    return Uncertain(parameter, 1.0, LOW, HIGH, setter, label=label)


def assumed(parameter: str, top: float, setter: Setter, label: str) -> Uncertain:
    """An input left at its default of 0, over 0 … ``top``."""
    return Uncertain(parameter, 0.0, 0.0, top, setter, label=label)


def assumed_fields(
    name_of_list: str,
    index: int,
    item: tuple[str, str, frozenset[str]],
    fields: tuple[tuple[str, float, str], ...],
) -> list[Uncertain]:
    """The inputs of entry ``index`` of ``level2.<name_of_list>`` (its ``item`` = id, name,
    the fields the file left out) that the file left at 0: each ``(field, top, words)``
    over 0 … top, labelled "<name>: <words> (assumed 0)"."""
    item_id, item_name, left_out = item
    return [
        assumed(
            f"level2.{name_of_list}.{item_id}.{name}",
            top,
            set_item(name_of_list, index, name),
            f"{item_name}: {words} (assumed 0)",
        )
        for name, top, words in fields
        if name in left_out
    ]


def spread(parameter: str, value: float, by: float, setter: Setter, label: str) -> Uncertain:
    """``value`` ± ``by``, clipped to [0, 1]."""
    return Uncertain(parameter, value, clip(value - by), clip(value + by), setter, label=label)
