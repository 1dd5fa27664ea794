"""How a stakeholder's power is said: one wording per power kind, for every surface.

The party maps (web page and report), the report's stakeholder table and the
CLI's tables all describe a negotiator, a ratifier, a blocker or an influencer
through :func:`describe_power`, so a constituency reads the same everywhere.
Where each power enters the success probability is the engine's one rule
(:mod:`leveltwo.engine.powers`; docs/model.md §5). An implementation risk is
not a stakeholder and has no power: :func:`describe_risk` says what it is.
"""

from __future__ import annotations

from leveltwo.model.case import Power
from leveltwo.narrative.numbers import share

#: What the negotiator does (Level I: it signs at the table and ratifies its own deal).
NEGOTIATOR = "negotiator: ratifies at the table (Level I)"

#: The short name of each power, as a legend or a table column shows it.
POWER_NAMES: dict[Power, str] = {
    Power.RATIFY: "ratifies",
    Power.BLOCK: "can block",
    Power.INFLUENCE: "influences (not in P)",
}


def describe_power(
    power: Power | str,
    *,
    quota: float | None = None,
    strength: float | None = None,
    by_blocs: bool = False,
) -> str:
    """``ratifies by bloc vote, quota 50%``, ``can block (β 40%: the chance its no derails the
    deal)``, ``influences ...``: a symbol is always said in words where it appears.

    ``quota`` matters only for a constituency voting by blocs; ``strength`` only
    for a blocker (the probability that its disapproval derails the deal).
    """
    kind = Power(power)
    if kind is Power.RATIFY:
        if by_blocs and quota is not None:
            return f"ratifies by bloc vote, quota {share(quota)}"
        return "ratifies"
    if kind is Power.BLOCK:
        if strength is None:
            return "can block"
        return f"can block (β {share(strength)}: the chance its no derails the deal)"
    return POWER_NAMES[Power.INFLUENCE]


def describe_risk(probability: float) -> str:
    """``implementation risk 30%: the chance the side does not carry the deal out``."""
    return (
        f"implementation risk {share(probability)}: the chance the side does not carry "
        "the deal out, whoever approves"
    )


__all__ = ["NEGOTIATOR", "POWER_NAMES", "describe_power", "describe_risk"]
