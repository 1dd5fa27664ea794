"""``agreement_form`` — shape the form of the agreement: tacit vs explicit, process vs substantive.

Lever: value (audience cost). Part of what a constituency demands is the price
of being *seen* to concede: a leader who signs an explicit, public concession
pays with hawks, voters or allies even if the substance is acceptable. That
part is the stakeholder's ``audience_cost``, and its ``reservation`` in the
file is what it would accept for an explicit, public deal. Sebenius (2013,
2014) shows how the form of the agreement can spare constituents the visible
concession: in the Cuban missile crisis the withdrawal of US missiles from
Turkey was agreed privately and orally, outside the public deal, so neither
leader had to concede it in public. Putnam (1988) notes that the chief
negotiator's own interests, including how a deal looks at home, effectively
hold a veto.

Moves:

- *tacit agreement*: every stakeholder with an audience cost (either side,
  blocs with their own) has its reservation lowered by it; the price is
  enforceability: an unwritten understanding is honoured with probability
  e = ``level2.tacit_enforceability``, modelled as an implementation risk of
  probability 1 − e on the counterpart's side, so P is multiplied by e.
  Needs e: without it the planner asks for it.
- *process agreement* (``level2.process_terms``): agree on a procedure for one
  issue instead of its substance; the issue gets a new option valued by every
  stakeholder at the expected value of the procedure's outcomes; stakeholders
  who weigh that issue no longer face a visible concession on it (their
  audience cost is removed). The price is the value of the lottery, computed
  for everyone, us included.

Tacit and process forms exclude each other (group ``form``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from leveltwo.model.case import Case, Category
from leveltwo.strategies.levers import Lever
from leveltwo.strategies.move import Context, Move, Strategy, Unknown
from leveltwo.strategies.ops import TACIT_RISK_ID, AddOption, AddRisk, Op, shift_ops
from leveltwo.strategies.stakeholders import (
    binding_first,
    name_of,
    names,
    params,
    setter,
    top_level,
)
from leveltwo.strategies.uncertainty import ENFORCEABILITY_SPREAD, Uncertain, level2, spread

#: Plausible values of a tacit agreement's enforceability, when the case does not say.
PLAUSIBLE_ENFORCEABILITY = (0.5, 0.7, 0.9)
#: Plausible audience costs of a stakeholder that has none in the case.
PLAUSIBLE_AUDIENCE_COST = (0.02, 0.05, 0.1)


def _relief(case: Case, issue: int | None = None) -> list[tuple[str, float]]:
    """(key, audience cost) of every stakeholder relieved (weighing ``issue`` if given)."""
    out: list[tuple[str, float]] = []
    for st in case.stakeholders():
        a = params(st).audience_cost
        if a <= 0:
            continue
        if issue is not None and st.preferences.weights[issue] <= 0:
            continue
        out.append((st.key, a))
    return out


def tacit_move(ctx: Context, enforceability: float) -> Move | None:
    """The tacit-agreement move, or None when nobody has an audience cost."""
    case = ctx.case
    relief = _relief(case)
    if not relief:
        return None
    ops: tuple[Op, ...] = (
        *shift_ops([(k, -a) for k, a in relief]),
        AddRisk(
            case.their_side.id,
            TACIT_RISK_ID,
            "Risk that the tacit understanding is not honoured",
            1.0 - enforceability,
        ),
    )
    keys = top_level([k for k, _ in relief], case)
    targets = binding_first(keys, ctx.binding)
    biggest = max(relief, key=lambda r: r[1])
    return Move(
        key="agreement_form:tacit",
        category=Category.AGREEMENT_FORM,
        lever=Lever.VALUE,
        title="Keep the visible concessions out of the written deal (tacit understanding)",
        targets=targets,
        ops=ops,
        why=(
            f"{names(case, list(targets))} would pay an audience cost for an explicit, public "
            f"concession (up to {biggest[1]:.3f} of utility for {name_of(case, biggest[0])}); "
            "an unwritten understanding spares them that, at the price of enforceability: "
            f"it is honoured with probability {enforceability:.2f}."
        ),
        groups=("form",),
    )


def _process_moves(ctx: Context) -> list[Move]:
    case = ctx.case
    moves = []
    for term in case.level2.process_terms:
        issue = case.issue(term.issue)
        i = case.issues.index(issue)
        relief = _relief(case, i)
        ops: tuple[Op, ...] = (
            AddOption(issue.id, term.name, term.outcomes),
            *shift_ops([(k, -a) for k, a in relief]),
        )
        weighers = [st.key for st in case.stakeholders() if st.preferences.weights[i] > 0]
        targets = binding_first(top_level(weighers, case), ctx.binding)
        odds = ", ".join(f"{label} {p:.0%}" for label, p in term.outcomes)
        moves.append(
            Move(
                key=f"agreement_form:process:{term.id}",
                category=Category.AGREEMENT_FORM,
                lever=Lever.VALUE,
                title=f"Agree on a process for {issue.name}: {term.name}",
                targets=targets,
                ops=ops,
                why=(
                    f"instead of a visible concession on {issue.name}, both sides commit to "
                    f"{term.name} ({odds}); everyone values it at the expected outcome"
                    + (
                        f", and {names(case, top_level([k for k, _ in relief], case))} "
                        "no longer pay an audience cost on it."
                        if relief
                        else "."
                    )
                ),
                groups=("form", f"issue:{issue.id}"),
            )
        )
    return moves


def generate(ctx: Context) -> tuple[Move, ...]:
    """The tacit form (when its enforceability is known) and each process term."""
    moves: list[Move] = []
    e = ctx.case.level2.tacit_enforceability
    if e is not None:
        tacit = tacit_move(ctx, e)
        if tacit is not None:
            moves.append(tacit)
    moves.extend(_process_moves(ctx))
    return tuple(moves)


def _set_enforceability(case: Case, value: float) -> Case:
    return replace(case, level2=replace(case.level2, tacit_enforceability=value))


def _set_audience_cost(key: str) -> Callable[[Case, float], Case]:
    set_cost = setter(key, "audience_cost")

    def fn(case: Case, value: float) -> Case:
        out = set_cost(case, value)
        if out.level2.tacit_enforceability is None:
            out = _set_enforceability(out, PLAUSIBLE_ENFORCEABILITY[1])
        return out

    return fn


def unknowns(ctx: Context) -> tuple[Unknown, ...]:
    """The enforceability of a tacit deal; audience costs of binding stakeholders."""
    case = ctx.case
    out: list[Unknown] = []
    if case.level2.tacit_enforceability is None and _relief(case):
        out.append(
            Unknown(
                parameter="level2.tacit_enforceability",
                question=(
                    "How likely is an unwritten, tacit understanding to be honoured "
                    "(by both sides)?"
                ),
                category=Category.AGREEMENT_FORM,
                lever=Lever.VALUE,
                plausible=PLAUSIBLE_ENFORCEABILITY,
                weights=(1 / 3, 1 / 3, 1 / 3),
                basis="equally likely 0.5, 0.7 or 0.9",
                setter=_set_enforceability,
            )
        )
    for key in ctx.binding[:3]:
        st = case.stakeholder(key)
        if params(st).audience_cost > 0 or key == case.our_side.negotiator.key:
            continue
        out.append(
            Unknown(
                parameter=f"{key}.audience_cost",
                question=(
                    f"How much of the resistance of {name_of(case, key)} is the visibility of the "
                    "concession (what it would accept in private but not in public)?"
                ),
                category=Category.AGREEMENT_FORM,
                lever=Lever.VALUE,
                plausible=PLAUSIBLE_AUDIENCE_COST,
                weights=(1 / 3, 1 / 3, 1 / 3),
                basis=(
                    "equally likely 0.02, 0.05 or 0.10 of utility"
                    + (
                        ""
                        if case.level2.tacit_enforceability is not None
                        else f"; tacit enforceability taken as {PLAUSIBLE_ENFORCEABILITY[1]}"
                    )
                ),
                setter=_set_audience_cost(key),
                about=key,
            )
        )
    return tuple(out)


def uncertain_inputs(case: Case) -> tuple[Uncertain, ...]:
    """The tacit enforceability the case gives, ± :data:`ENFORCEABILITY_SPREAD`."""
    e = case.level2.tacit_enforceability
    if e is None:
        return ()
    return (
        spread(
            "level2.tacit_enforceability",
            e,
            ENFORCEABILITY_SPREAD,
            level2(lambda c, v: replace(c.level2, tacit_enforceability=v)),
            "Enforceability of a tacit understanding",
        ),
    )


STRATEGY = Strategy(
    category=Category.AGREEMENT_FORM,
    lever=Lever.VALUE,
    title="Shape the form of the agreement: tacit vs explicit, process vs substantive",
    mechanism=(
        "A tacit or process agreement spares visibility-sensitive constituents an explicit, "
        "public concession (their audience cost), at a price in enforceability (tacit) or "
        "in value (the process's uncertain outcome)."
    ),
    parameters=(
        "stakeholder audience_cost",
        "level2.tacit_enforceability",
        "level2.process_terms[].issue, outcomes",
    ),
    cost=(
        "tacit: implementation risk 1 − enforceability (P × enforceability); process: the "
        "value of the procedure's lottery instead of a definite term"
    ),
    preconditions=(
        "some stakeholder has an audience cost and the enforceability of a tacit deal is "
        "known; or the case lists a process term"
    ),
    sources=("Sebenius 2013; Sebenius 2014 (Cuban missile crisis)", "Putnam 1988"),
    generate=generate,
    unknowns=unknowns,
    uncertain_inputs=uncertain_inputs,
    alternatives=True,
)
