"""The ``bargaining:`` block of a case file: how the sides bargain at the table.

An optional block (docs/bargaining.md, docs/case-format.md)::

    bargaining:
      discount: {airline: 0.95, union: 0.9}   # or one number for both; default 1
      first_proposer: airline                 # a side id; default: the side we advise
      protocol: alternating                   # the only protocol so far
      on_ratification_failure: continue       # or breakdown
      max_rounds: 12                          # optional deadline

This module holds the file model (pydantic, structural checks), the
cross-reference checks (side ids) and the frozen :class:`Bargaining` the engine
reads. Without the block, a case has ``bargaining = None`` and nothing else
changes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from leveltwo.errors import Problem
from leveltwo.model.fielddoc import SideId, absent


class Protocol(StrEnum):
    """How offers are made (room for more)."""

    ALTERNATING = "alternating"


class OnFailure(StrEnum):
    """What happens when an agreement reached at the table fails ratification."""

    CONTINUE = "continue"
    BREAKDOWN = "breakdown"


class BargainingFile(BaseModel):
    """The ``bargaining:`` block as written in the file."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    # plain floats here (a constrained float would name its union branch in error paths);
    # the range (0, 1] is checked by :func:`check_bargaining`
    discount: float | dict[SideId, float] = Field(
        default=1.0,
        description="The discount factor δ in (0, 1] of each side per round: a gain over no "
        "deal reached one round later is worth δ times as much. One number applies to both "
        "sides; a side a mapping does not name gets 1. Both 1 needs `max_rounds`: with no "
        "cost of delay and no deadline every split is an equilibrium.",
    )
    first_proposer: Annotated[SideId | None, absent("`us`")] = Field(
        default=None,
        description="The side that makes the first offer. `leveltwo bargain --first` overrides it.",
    )
    protocol: Protocol = Field(
        default=Protocol.ALTERNATING,
        description="'alternating': alternating offers (the only protocol so far).",
    )
    on_ratification_failure: OnFailure = Field(
        default=OnFailure.CONTINUE,
        description="What follows an agreement that fails ratification: 'continue', "
        "bargaining goes on with the other side's offer one round later; 'breakdown', it "
        "ends with no deal.",
    )
    max_rounds: int | None = Field(
        default=None,
        ge=1,
        le=100_000,
        description="A deadline: after this many rounds without an implemented agreement "
        "there is no deal. 1 is take-it-or-leave-it.",
    )


@dataclass(frozen=True)
class Bargaining:
    """How the sides bargain (the frozen model of the ``bargaining:`` block)."""

    discounts: tuple[tuple[str, float], ...] = ()
    first_proposer: str | None = None
    protocol: Protocol = Protocol.ALTERNATING
    on_failure: OnFailure = OnFailure.CONTINUE
    max_rounds: int | None = None

    def discount(self, side: str) -> float:
        """δ of ``side`` (1 when the block does not name it)."""
        return dict(self.discounts).get(side, 1.0)


def bargaining_of(f: BargainingFile | None, side_ids: Sequence[str]) -> Bargaining | None:
    """The frozen model of a validated block (``None`` without one)."""
    if f is None:
        return None
    if isinstance(f.discount, Mapping):
        table = dict(f.discount)
        discounts = tuple((s, float(table.get(s, 1.0))) for s in side_ids)
    else:
        discounts = tuple((s, float(f.discount)) for s in side_ids)
    return Bargaining(
        discounts=discounts,
        first_proposer=f.first_proposer,
        protocol=f.protocol,
        on_failure=f.on_ratification_failure,
        max_rounds=f.max_rounds,
    )


def check_bargaining(block: Mapping[str, Any], side_ids: Sequence[str]) -> list[Problem]:
    """Cross-reference problems of a ``bargaining:`` block (side ids)."""
    if not side_ids:
        return []
    problems: list[Problem] = []
    first = block.get("first_proposer")
    if isinstance(first, str) and first not in side_ids:
        expected = f"one of the side ids {list(side_ids)}"
        problems.append(Problem("bargaining.first_proposer", expected, repr(first)))
    discount = block.get("discount")
    if isinstance(discount, Mapping):
        for sid, value in discount.items():
            path = f"bargaining.discount.{sid}"
            if sid not in side_ids:
                problems.append(Problem(path, f"a side id {list(side_ids)}", repr(sid)))
            problems.extend(_discount_range(path, value))
    else:
        problems.extend(_discount_range("bargaining.discount", discount))
    return problems


def _discount_range(path: str, value: object) -> list[Problem]:
    if isinstance(value, int | float) and not isinstance(value, bool) and not 0 < value <= 1:
        return [Problem(path, "a discount factor in (0, 1]", str(value))]
    return []


def bargaining_data(b: Bargaining | None, like: Any = None) -> dict[str, Any] | None:
    """The block as case-file data (``None`` without one), read back by :func:`bargaining_of`
    to the same :class:`Bargaining`. The discount is one number when every side has the same
    and the file (``like``, the block as it stands) gave one number; else one per side id."""
    if b is None:
        return None
    values = {side: float(d) for side, d in b.discounts}
    given = like.get("discount") if isinstance(like, Mapping) else None
    single = len(set(values.values())) == 1 and not isinstance(given, Mapping)
    out: dict[str, Any] = {"discount": next(iter(values.values())) if single else values}
    if b.first_proposer is not None:
        out["first_proposer"] = b.first_proposer
    out["protocol"] = b.protocol.value
    out["on_ratification_failure"] = b.on_failure.value
    if b.max_rounds is not None:
        out["max_rounds"] = b.max_rounds
    return out
