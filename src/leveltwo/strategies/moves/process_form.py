"""``process_form`` — tailor the form of the negotiating process to send signals to constituencies.

Lever: value (credit). Constituents rarely see the bargaining; they judge the
outcome partly by how it was reached. Visible hard bargaining tells members
their negotiator extracted all there was; including their representatives
in the talks, a respected mediator, a venue that reads as neutral or as
theirs, or a sequence that settles their issue first, each lets a
constituency credit the same terms more. Sebenius (2014) lists "tailoring the
form of the negotiating process itself (to send a useful signal to
constituencies)" among the Level II devices; Putnam (1988) notes that Level II
ratification depends on how constituents perceive the Level I deal.

Model: a stakeholder lists in ``credits`` the signals it credits, each worth a
credit c in utility (a list gives each the default 0.03; a negative credit
means it resents the signal — our own board may dislike a mediator). Sending
a signal lowers the reservation of every stakeholder that credits it, on
either side, by its credit (r' = r − c, which is exactly a credit of c in
perceived utility). Sending it costs us ``level2.signal_costs`` (defaults:
hard bargaining 0.01 — time and goodwill; mediator 0.005; venue 0.002;
representatives and sequencing 0), whether or not the deal happens.
"""

from __future__ import annotations

from collections.abc import Callable

from leveltwo.model.case import Case, Category, Signal
from leveltwo.strategies.levers import Lever
from leveltwo.strategies.move import Context, Move, Strategy, Unknown
from leveltwo.strategies.ops import shift_ops
from leveltwo.strategies.stakeholders import (
    binding_first,
    name_of,
    names,
    params,
    set_param,
    top_level,
)

#: The signals this category sends, and how a sentence names each.
SIGNALS: dict[Signal, str] = {
    Signal.HARD_BARGAINING: "visible hard bargaining (long sessions, the deadline pushed late)",
    Signal.REPRESENTATIVES: "their representatives in the room",
    Signal.MEDIATOR: "a respected mediator",
    Signal.VENUE: "a venue that reads as neutral, or as theirs",
    Signal.SEQUENCING: "a sequence that settles what they care about first",
}
#: Plausible credits for a signal a binding stakeholder has not been asked about.
PLAUSIBLE_CREDIT = (0.01, 0.03, 0.05)
#: The signal asked about when a binding stakeholder lists none.
ASKED_SIGNAL = Signal.REPRESENTATIVES


def credits_for(case: Case, signal: Signal) -> list[tuple[str, float]]:
    """(key, credit) of every stakeholder that gives ``signal`` a non-zero credit."""
    out: list[tuple[str, float]] = []
    for st in case.stakeholders():
        c = params(st).credit(signal)
        if c != 0.0:
            out.append((st.key, c))
    return out


def signal_move(ctx: Context, signal: Signal, category: Category, phrase: str) -> Move | None:
    """The move that sends ``signal`` (None when nobody credits it)."""
    case = ctx.case
    credited = credits_for(case, signal)
    fans = [k for k, c in credited if c > 0]
    if not fans:
        return None
    critics = [k for k, c in credited if c < 0]
    targets = binding_first(top_level(fans, case), ctx.binding)
    top = max(credited, key=lambda kc: kc[1])
    why = (
        f"{names(case, list(targets))} credit {phrase}: seeing it, they value the same terms "
        f"more (up to {top[1]:.3f} of utility for {name_of(case, top[0])})"
    )
    if critics:
        why += f"; {names(case, top_level(critics, case))} resent it"
    return Move(
        key=f"{category.value}:{signal.value}",
        category=category,
        lever=Lever.VALUE,
        title=f"Signal to constituents: {phrase}",
        targets=targets,
        ops=shift_ops([(k, -c) for k, c in credited]),
        why=why + ".",
        fixed_cost=case.level2.signal_cost(signal),
        groups=(f"signal:{signal.value}",),
    )


def generate(ctx: Context) -> tuple[Move, ...]:
    """One move per process signal some stakeholder credits."""
    moves = []
    for signal, phrase in SIGNALS.items():
        m = signal_move(ctx, signal, Category.PROCESS_FORM, phrase)
        if m is not None:
            moves.append(m)
    return tuple(moves)


def credit_setter(key: str, signal: Signal) -> Callable[[Case, float], Case]:
    """Set ``key``'s credit for ``signal`` (and its blocs')."""

    def fn(case: Case, value: float) -> Case:
        st = case.stakeholder(key)
        credits = dict(params(st).credits)
        credits[signal] = value
        ordered = tuple((s, credits[s]) for s in Signal if s in credits)
        return set_param(case, key, "credits", ordered)

    return fn


def unknowns(ctx: Context) -> tuple[Unknown, ...]:
    """For binding stakeholders that credit no signal: would they credit being included?"""
    case = ctx.case
    out = []
    for key in ctx.binding[:3]:
        st = case.stakeholder(key)
        if params(st).credits or key == case.our_side.negotiator.key:
            continue
        out.append(
            Unknown(
                parameter=f"{key}.credits.{ASKED_SIGNAL.value}",
                question=(
                    f"Would {name_of(case, key)} credit the outcome more if its "
                    "representatives were in the room (or another process signal)?"
                ),
                category=Category.PROCESS_FORM,
                lever=Lever.VALUE,
                plausible=PLAUSIBLE_CREDIT,
                weights=(1 / 3, 1 / 3, 1 / 3),
                basis="a credit of 0.01, 0.03 or 0.05 utility, equally likely",
                setter=credit_setter(key, ASKED_SIGNAL),
                about=key,
            )
        )
    return tuple(out)


STRATEGY = Strategy(
    category=Category.PROCESS_FORM,
    lever=Lever.VALUE,
    title="Tailor the negotiating process to send signals to constituencies",
    mechanism=(
        "Visible hard bargaining, their representatives in the room, a mediator, the venue "
        "or the sequence let constituents credit the outcome: each stakeholder crediting a "
        "signal values the same terms more by its credit."
    ),
    parameters=("stakeholder credits", "level2.signal_costs"),
    cost="the signal's cost (time, fees), paid whether or not the deal happens",
    preconditions="some stakeholder credits the signal",
    sources=("Sebenius 2014 (b)", "Putnam 1988"),
    generate=generate,
    unknowns=unknowns,
    is_signal=True,
)
