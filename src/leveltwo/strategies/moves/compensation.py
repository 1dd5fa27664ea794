"""``compensation`` — tailor the terms of the deal; compensation provisions.

Lever: value. A constituency that blocks does so because the deal gives it
less than its no-deal alternative as it sees it. The cheapest fix is often a
term that this constituency values more than it costs us: an option on an
issue it weighs heavily and we do not, a targeted side payment, a new clause
made for it. Sebenius (2013, 2014) puts "tailoring the terms", including
compensation provisions, first among Level II devices; Putnam (1988) calls
such targeted side payments the classic way to enlarge the other side's
win-set. Because utilities are additive and weights differ between
stakeholders, a change worth a lot to a blocker can cost us little.

Moves (each changes the case, the engine computes the effect):

- *term change*: put another option of an existing issue on the table
  (``SetOption``); generated for every option that raises the utility of a
  stakeholder who binds or nearly binds, on either side. Its cost to us is
  the utility our negotiator gives up, already in our expected value.
- *side payment / new term* (``level2.compensation`` entries with ``value``
  and ``cost``): each listed stakeholder's reservation falls by the value it
  gets (a constituency's value applies to its blocs unless a bloc is listed);
  our negotiator's reservation rises by ``cost``, and we pay ``cost`` if the
  deal is implemented (it is subtracted as P × cost from our value).
- *new option* (entries with ``issue`` and ``like``): the option is added to
  the issue, valued like ``like`` except by the stakeholders listed in
  ``values``, and put on the table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from leveltwo.model.case import Bloc, Case, CaseLevel2, Category, Constituency
from leveltwo.strategies.levers import Lever
from leveltwo.strategies.move import Context, Move, Strategy
from leveltwo.strategies.ops import AddOption, Op, SetOption, shift_ops
from leveltwo.strategies.stakeholders import binding_first, cares_about, name_of, names
from leveltwo.strategies.uncertainty import (
    ASSUMED_COST,
    Uncertain,
    assumed,
    level2,
    scale,
    set_item,
)

#: A term change must raise some binding stakeholder's utility by more than this.
MIN_GAIN = 1e-9


def _term_changes(ctx: Context) -> list[Move]:
    deal = ctx.state.deal
    moves: list[Move] = []
    for i, issue in enumerate(ctx.case.issues):
        for o in range(len(issue.options)):
            if o != deal.choices[i]:
                m = term_move(ctx, i, o)
                if m is not None:
                    moves.append(m)
    return moves


def term_move(ctx: Context, i: int, o: int, *, any_gain: bool = False) -> Move | None:
    """Putting option ``o`` of issue ``i`` on the table: None unless it raises the utility
    of a stakeholder who binds (``any_gain``: a move even when it helps nobody who binds
    at the deal on the table, as the exact planner's deal terms need)."""
    case, deal = ctx.case, ctx.state.deal
    issue = case.issues[i]
    current = deal.choices[i]
    label = issue.options[o]
    gains = []
    for st in (case.stakeholder(k) for k in ctx.binding):
        v = st.preferences.values[i]
        gain = st.preferences.weights[i] * (v[o] - v[current])
        if gain > MIN_GAIN:
            gains.append((gain, st.key))
    if not gains and not any_gain:
        return None
    gains.sort(key=lambda g: -g[0])
    targets = binding_first([k for _, k in gains], ctx.binding)
    worth = dict((k, g) for g, k in gains)
    if targets:
        top = case.stakeholder(targets[0])
        why = (
            f"{name_of(case, top.key)} cares most about {cares_about(case, top)}; "
            f"{issue.name} at {label!r} instead of {issue.options[current]!r} is worth "
            f"{worth[top.key]:.3f} of utility to it"
        )
        if len(targets) > 1:
            why += f" (and helps {names(case, list(targets[1:]))})"
    ours = case.our_side.negotiator.preferences.values[i]
    if not targets:
        w = case.our_side.negotiator.preferences.weights[i]
        mine = w * (ours[o] - ours[current])
        why = f"{issue.name} at {label!r} instead of {issue.options[current]!r} " + (
            f"is worth {mine:.3f} of utility to us, and the rest of the plan keeps the "
            "approvals it needs"
            if mine > 0
            else "is part of the best deal for the plan as a whole"
        )
    verb = "Ask for" if ours[o] > ours[current] else "Offer"
    return Move(
        key=f"compensation:term:{issue.id}={label}",
        category=Category.COMPENSATION,
        lever=Lever.VALUE,
        title=f"{verb} {issue.name}: {label} (instead of {issue.options[current]})",
        targets=targets,
        ops=(SetOption(issue.id, label),),
        why=why + ".",
        groups=(f"issue:{issue.id}",),
    )


def _offers(ctx: Context) -> list[Move]:
    case = ctx.case
    moves = []
    for offer in case.level2.offers:
        given = dict(offer.value)
        deltas: list[tuple[str, float]] = []
        for key, value in offer.value:
            st = case.stakeholder(key)
            deltas.append((key, -value))
            if isinstance(st, Constituency):
                deltas.extend((b.key, -value) for b in st.blocs if b.key not in given)
        us = case.our_side.negotiator.key
        if us not in given:
            deltas.append((us, offer.cost))
        ops: tuple[Op, ...] = shift_ops(deltas)
        gainers = [k for k, v in offer.value if v > 0]
        targets = binding_first(gainers, ctx.binding)
        moves.append(
            Move(
                key=f"compensation:offer:{offer.id}",
                category=Category.COMPENSATION,
                lever=Lever.VALUE,
                title=f"Offer {offer.name}",
                targets=targets,
                ops=ops,
                why=(
                    f"{offer.name} is worth "
                    + ", ".join(f"{v:.3f} to {name_of(case, k)}" for k, v in offer.value)
                    + f" and costs us {offer.cost:.3f} if the deal goes through."
                ),
                payment=offer.cost,
                groups=(f"offer:{offer.id}",),
                assumptions=(
                    (
                        "assumes it costs us nothing: set `cost` of `level2.compensation` "
                        f"entry `{offer.id}`",
                    )
                    if "cost" in offer.assumed
                    else ()
                ),
            )
        )
    return moves


def _new_terms(ctx: Context) -> list[Move]:
    case = ctx.case
    moves = []
    for term in case.level2.new_terms:
        issue = case.issue(term.issue)
        i = case.issues.index(issue)
        like_label = term.like
        gainers: list[tuple[float, str]] = []
        for key, value in term.values:
            st = case.stakeholder(key)
            base = st.preferences.values[i][ctx.state.deal.choices[i]]
            if st.preferences.weights[i] > 0 and value > base:
                gainers.append((st.preferences.weights[i] * (value - base), key))
            if isinstance(st, Constituency) and not isinstance(st, Bloc):
                for b in st.blocs:
                    bv = b.preferences.values[i][ctx.state.deal.choices[i]]
                    if b.preferences.weights[i] > 0 and value > bv:
                        gainers.append((b.preferences.weights[i] * (value - bv), b.key))
        gainers.sort(key=lambda g: -g[0])
        targets = binding_first([k for _, k in gainers], ctx.binding)
        moves.append(
            Move(
                key=f"compensation:new:{term.id}",
                category=Category.COMPENSATION,
                lever=Lever.VALUE,
                title=f"Add to {issue.name}: {term.name}",
                targets=targets,
                ops=(AddOption(issue.id, term.name, ((term.like, 1.0),), term.values),),
                why=(
                    f"a new option on {issue.name}, {term.name!r}, made for "
                    f"{names(case, list(targets)) or 'the stakeholders who value it'}; everyone "
                    f"else values it like {like_label!r}."
                ),
                groups=(f"issue:{issue.id}",),
            )
        )
    return moves


def generate(ctx: Context) -> tuple[Move, ...]:
    """Term changes, side payments and new options on offer."""
    return (*_term_changes(ctx), *_offers(ctx), *_new_terms(ctx))


def _scale_offer(index: int) -> Callable[[Case, float], CaseLevel2]:
    def fn(case: Case, by: float) -> CaseLevel2:
        offers = list(case.level2.offers)
        o = offers[index]
        offers[index] = replace(o, value=tuple((k, v * by) for k, v in o.value), cost=o.cost * by)
        return replace(case.level2, offers=tuple(offers))

    return fn


def uncertain_inputs(case: Case) -> tuple[Uncertain, ...]:
    """Each side payment's value and cost, scaled together; a cost left at 0, from 0."""
    out: list[Uncertain] = []
    for k, o in enumerate(case.level2.offers):
        out.append(
            scale(
                f"level2.compensation.{o.id}.value (×)",
                level2(_scale_offer(k)),
                f"{o.name}: its value to them and cost to us (scaled)",
            )
        )
        if "cost" in o.assumed:
            out.append(
                assumed(
                    f"level2.compensation.{o.id}.cost",
                    ASSUMED_COST,
                    set_item("offers", k, "cost"),
                    f"{o.name}: its cost to us (assumed 0)",
                )
            )
    return tuple(out)


STRATEGY = Strategy(
    category=Category.COMPENSATION,
    lever=Lever.VALUE,
    title="Tailor the terms; compensation provisions",
    mechanism=(
        "Change or add terms that a binding constituency values more than they cost us: "
        "another option on an issue it weighs heavily, a side payment, a new option made "
        "for it."
    ),
    parameters=(
        "issues and every stakeholder's weights and values",
        "level2.compensation[].value, cost (side payments)",
        "level2.compensation[].issue, like, values (new options)",
    ),
    cost=(
        "term changes: the utility our negotiator gives up (in our EV); side payments: "
        "their cost, paid if the deal is implemented"
    ),
    preconditions=(
        "a binding or nearly binding stakeholder gains from another option, or the case "
        "lists compensation on offer"
    ),
    sources=("Sebenius 2013; Sebenius 2014", "Putnam 1988 (side payments)"),
    generate=generate,
    uncertain_inputs=uncertain_inputs,
)
