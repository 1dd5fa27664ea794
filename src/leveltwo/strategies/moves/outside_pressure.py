"""``outside_pressure`` — tacitly coordinate outside pressure on their constituents.

Lever: threshold (no-deal value as they see it). Customers, allies, investors,
lenders or the press can make a constituency's no-deal alternative look
worse: the investors who call the board, the export customers who tell the
farm lobby what a failed treaty costs them. Coordinated tacitly with the
counterpart, such pressure moves constituents toward the deal both
negotiators want. It can also backfire: pressure seen as foreign interference
hardens the stand it meant to soften. Sebenius (2014) lists "tacitly
coordinating outside pressure on the other side's constituents"; Putnam
(1988) describes this reverberation and its negative form.

Model: a third party (``level2.third_parties``) with ``strength`` t reaches
some stakeholders; a reached stakeholder with susceptibility s
(``pressure``) has its reservation lowered by s·t. With probability
``backlash`` the pressure backfires and the reservation rises by s·t instead
(a named risk, evaluated exactly as a second branch). ``cost``: our utility
spent on coordinating it, paid either way. Works on either side (investors
can press our own board too).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from leveltwo.model.case import Case, Category, ThirdParty
from leveltwo.model.keys import StakeholderKey
from leveltwo.strategies.levers import Lever
from leveltwo.strategies.move import Context, Move, Risk, Strategy, Unknown
from leveltwo.strategies.moves.win_over import win_over_moves
from leveltwo.strategies.ops import shift_ops
from leveltwo.strategies.stakeholders import (
    binding_first,
    name_of,
    names,
    per_member,
    set_param,
    setter,
)
from leveltwo.strategies.uncertainty import (
    ASSUMED_COST,
    ASSUMED_RISK,
    Uncertain,
    assumed_fields,
    scaled,
    set_item,
)

#: Plausible susceptibility of a reached binding stakeholder the case says nothing about.
PLAUSIBLE_SUSCEPTIBILITY = (0.1, 0.3, 0.5)
#: A hypothetical third party's strength and backlash, when none reaches a binding stakeholder.
HYPOTHETICAL_STRENGTH = 0.1
HYPOTHETICAL_BACKLASH = 0.2


def pressure_move(ctx: Context, t: ThirdParty) -> Move | None:
    """Coordinating ``t``'s pressure (None when nobody it reaches is susceptible)."""
    case = ctx.case
    pushes: list[tuple[str, float]] = []
    for key in t.reaches:
        pushes.extend((k, s * t.strength) for k, s in per_member(case, key, lambda p: p.pressure))
    pushes = [(k, x) for k, x in pushes if x > 0]
    if not pushes:
        return None
    reached = [k for k in t.reaches if any(StakeholderKey(k).includes(p) for p, _ in pushes)]
    targets = binding_first(reached, ctx.binding)
    top = max(pushes, key=lambda kx: kx[1])
    return Move(
        key=f"outside_pressure:{t.id}",
        category=Category.OUTSIDE_PRESSURE,
        lever=Lever.THRESHOLD,
        title=f"Coordinate pressure from {t.name} on {names(case, list(targets))}",
        targets=targets,
        ops=shift_ops([(k, -x) for k, x in pushes]),
        why=(
            f"{t.name} can make no deal look worse to {names(case, list(targets))} "
            f"(lowering the bar of {name_of(case, top[0])} by {top[1]:.3f}); with probability "
            f"{t.backlash:.0%} it backfires and hardens them by as much."
        ),
        fixed_cost=t.cost,
        risk=Risk(
            name="backlash",
            probability=t.backlash,
            ops=shift_ops([(k, x) for k, x in pushes]),
            description=f"pressure from {t.name} is resented as interference",
        )
        if t.backlash > 0
        else None,
        groups=(f"pressure:{t.id}",),
        assumptions=_assumptions(case, t),
    )


def _assumptions(case: Case, t: ThirdParty) -> tuple[str, ...]:
    k = next(i for i, x in enumerate(case.level2.third_parties) if x.id == t.id)
    out = []
    if "backlash" in t.assumed:
        out.append(f"assumes no backlash: set `level2.third_parties[{k}].backlash`")
    if "cost" in t.assumed:
        out.append(
            f"assumes coordinating it costs us nothing: set `level2.third_parties[{k}].cost`"
        )
    return tuple(out)


def generate(ctx: Context) -> tuple[Move, ...]:
    """One move per third party that reaches a susceptible stakeholder."""
    moves = []
    for t in ctx.case.level2.third_parties:
        m = pressure_move(ctx, t)
        if m is not None:
            moves.append(m)
    return (*moves, *win_over_moves(ctx))  # influencers who sway constituents (win_over.py)


def _hypothetical_setter(key: str) -> Callable[[Case, float], Case]:
    def fn(case: Case, value: float) -> Case:
        out = set_param(case, key, "pressure", value)
        party = ThirdParty(
            id=f"ally_of_{key.replace('.', '_')}",
            name=f"a third party with sway over {name_of(case, key)}",
            reaches=(key,),
            strength=HYPOTHETICAL_STRENGTH,
            backlash=HYPOTHETICAL_BACKLASH,
        )
        parties = out.level2.third_parties
        if all(p.id != party.id for p in parties):
            out = replace(out, level2=replace(out.level2, third_parties=(*parties, party)))
        return out

    return fn


def unknowns(ctx: Context) -> tuple[Unknown, ...]:
    """Susceptibility of reached binding stakeholders; third parties for unreached ones."""
    case = ctx.case
    out = []
    us = case.our_side.negotiator.key
    for key in [k for k in ctx.binding if not StakeholderKey(k).is_bloc and k != us][:3]:
        if any(v > 0 for _, v in per_member(case, key, lambda p: p.pressure)):
            continue
        reached = any(key in t.reaches for t in case.level2.third_parties)
        if reached:
            out.append(
                Unknown(
                    parameter=f"{key}.pressure",
                    question=(
                        f"How susceptible is {name_of(case, key)} to pressure from the third "
                        "parties that reach it?"
                    ),
                    category=Category.OUTSIDE_PRESSURE,
                    lever=Lever.THRESHOLD,
                    plausible=PLAUSIBLE_SUSCEPTIBILITY,
                    weights=(1 / 3, 1 / 3, 1 / 3),
                    basis="susceptibility 0.1, 0.3 or 0.5, equally likely",
                    setter=setter(key, "pressure"),
                    about=key,
                )
            )
        else:
            out.append(
                Unknown(
                    parameter=f"level2.third_parties (reaching {key})",
                    question=(
                        f"Is there a customer, ally, investor or other third party whose word "
                        f"counts with {name_of(case, key)}?"
                    ),
                    category=Category.OUTSIDE_PRESSURE,
                    lever=Lever.THRESHOLD,
                    plausible=PLAUSIBLE_SUSCEPTIBILITY,
                    weights=(1 / 3, 1 / 3, 1 / 3),
                    basis=(
                        f"a third party of strength {HYPOTHETICAL_STRENGTH} and backlash "
                        f"{HYPOTHETICAL_BACKLASH:.0%}; susceptibility 0.1, 0.3 or 0.5, equally "
                        "likely"
                    ),
                    setter=_hypothetical_setter(key),
                    about=key,
                )
            )
    return tuple(out)


_WORDS = {"strength": "strength of its pressure", "backlash": "chance of backlash"}


def uncertain_inputs(case: Case) -> tuple[Uncertain, ...]:
    """Each third party's strength and backlash the case gives (scaled); a backlash or
    coordination cost left at 0, from 0."""
    out: list[Uncertain] = []
    for k, t in enumerate(case.level2.third_parties):
        for name in ("strength", "backlash"):
            v = getattr(t, name)
            if v > 0:
                out.append(
                    scaled(
                        f"level2.third_parties.{t.id}.{name}",
                        v,
                        set_item("third_parties", k, name),
                        f"{t.name}: {_WORDS[name]}",
                    )
                )
        out.extend(
            assumed_fields(
                "third_parties",
                k,
                (t.id, t.name, frozenset(t.assumed)),
                (
                    ("backlash", ASSUMED_RISK, _WORDS["backlash"]),
                    ("cost", ASSUMED_COST, "cost of coordinating it"),
                ),
            )
        )
    return tuple(out)


STRATEGY = Strategy(
    category=Category.OUTSIDE_PRESSURE,
    lever=Lever.THRESHOLD,
    title="Tacitly coordinate outside pressure on their constituents",
    mechanism=(
        "Third parties (customers, allies, investors, media) lower a susceptible "
        "constituency's no-deal value as it sees it: reservation − s × strength; with the "
        "backlash probability it rises by as much instead."
    ),
    parameters=(
        "stakeholder pressure",
        "level2.third_parties[].reaches, strength, backlash, cost",
        "influence constituency win_over.shift, win_over.cost; influences; susceptibility",
    ),
    cost="the coordination cost, and a named backlash risk with its probability",
    preconditions="a third party reaches a susceptible stakeholder",
    sources=("Sebenius 2014 (g)", "Putnam 1988 (reverberation)"),
    generate=generate,
    unknowns=unknowns,
    uncertain_inputs=uncertain_inputs,
    is_signal=True,
)
