"""``victory_speech`` — provide the ingredients of an acceptance or "victory" speech.

Lever: value (credit). A constituency judges a deal against a reference point.
A negotiator who can say, credibly and specifically, "we moved them from X to
Y on what you care about" moves that reference from the constituency's
aspirations to the other side's opening position, and gets credit for the
distance won. Handing the counterpart that material — the true, checkable
claims the deal supports, issue by issue — costs us nothing and makes yes
easier to sell. Sebenius (2014) lists "providing the ingredients for the other
side to make an acceptance or even victory speech"; the NATO London
Declaration of July 1990 gave Moscow such material on German reunification.

Model: a stakeholder with victory receptivity λ ∈ [0, 1] lowers its
reservation by λ·max(0, u(d) − u(reference)), where the reference for the
counterpart's stakeholders is our opening position (``opening`` in the case,
else the deal our negotiator likes best) and, for our own stakeholders, their
opening position (``their_opening`` in the case, else the deal their
negotiator likes best: the speech we give at home). When a reference is such
a default, the move names it among its assumptions. The credit
is computed after every term change and frame in the plan. Negotiators give
the speech, so only constituencies and blocs are moved. Costless; the text of
the speech itself is written by ``leveltwo speech``.
"""

from __future__ import annotations

from leveltwo.model.case import Case, Category
from leveltwo.model.deal import Deal
from leveltwo.model.keys import KeyKind, StakeholderKey
from leveltwo.strategies.levers import Lever
from leveltwo.strategies.move import Context, Move, Strategy, Unknown
from leveltwo.strategies.ops import ClaimVictory
from leveltwo.strategies.stakeholders import (
    binding_first,
    name_of,
    names,
    params,
    setter,
    side_id,
    top_level,
)

#: Plausible receptivity of a binding constituency the case says nothing about.
PLAUSIBLE_VICTORY = (0.1, 0.2, 0.3)


def reference(case: Case, side: str) -> Deal:
    """What ``side``'s constituents compare the deal with (see the module docstring)."""
    return case.opening_deal() if side != case.us else case.their_opening_deal()


def gains(
    case: Case, deal: Deal, side: str, *, any_deal: bool = False
) -> list[tuple[str, float, float]]:
    """(key, λ, u(deal) − u(reference)) of the side's receptive constituencies and blocs
    that gain (with ``any_deal``: every receptive one; the credit is never negative)."""
    ref = reference(case, side)
    out: list[tuple[str, float, float]] = []
    for st in case.stakeholders():
        if not st.key.belongs_to(side) or st.key.kind is KeyKind.NEGOTIATOR:
            continue
        lam = params(st).victory
        if lam <= 0:
            continue
        g = st.preferences.utility(deal) - st.preferences.utility(ref)
        if g > 0 or any_deal:
            out.append((st.key, lam, g))
    return out


def generate(ctx: Context) -> tuple[Move, ...]:
    """A victory speech for each side with receptive constituencies the deal gains for."""
    return speeches(ctx)


def generate_any_deal(ctx: Context) -> tuple[Move, ...]:
    """The candidates of :func:`generate` for a search over every deal."""
    return speeches(ctx, any_deal=True)


def speeches(ctx: Context, *, any_deal: bool = False) -> tuple[Move, ...]:
    """The speeches of :func:`generate`; with ``any_deal``, for every receptive
    constituency, whether or not it gains at the deal on the table."""
    case, deal = ctx.case, ctx.state.deal
    moves = []
    for side in (case.their_side, case.our_side):
        found = gains(case, deal, side.id, any_deal=any_deal)
        if not found:
            continue
        ref = reference(case, side.id)
        keys = top_level([k for k, _, _ in found], case)
        targets = binding_first(keys, ctx.binding)
        best = max(found, key=lambda x: x[1] * max(0.0, x[2]))
        ours = side.id == case.us
        whom = "our own constituents" if ours else f"{side.name}'s constituents"
        against = f"{case.their_side.name}'s opening position" if ours else "our opening position"
        moves.append(
            Move(
                key=f"victory_speech:{side.id}",
                category=Category.VICTORY_SPEECH,
                lever=Lever.VALUE,
                title=(
                    "Prepare our own victory speech"
                    if ours
                    else f"Give {side.negotiator.name} the ingredients of a victory speech"
                ),
                targets=targets,
                ops=tuple(ClaimVictory(k, lam, ref) for k, lam, _ in found),
                why=(
                    f"{names(case, list(targets))} can be shown, term by term, what the deal won "
                    f"against {against}; {whom} credit that gain (up to "
                    f"{best[1] * max(0.0, best[2]):.3f} of utility for {name_of(case, best[0])})."
                ),
                groups=(f"speech:{side.id}",),
                assumptions=_assumptions(case, ours),
            )
        )
    return tuple(moves)


def _assumptions(case: Case, ours: bool) -> tuple[str, ...]:
    """The reference point the credit is measured from, when it is a default."""
    if ours:
        if case.their_opening is None:
            return (
                "assumes their opening is their negotiator's best deal (our constituents "
                "measure the deal against it): set `their_opening`",
            )
        return ()
    if case.opening is None:
        return (
            "assumes our opening is our negotiator's best deal (their constituents measure "
            "the deal against it): set `opening`",
        )
    return ()


def unknowns(ctx: Context) -> tuple[Unknown, ...]:
    """How much binding constituencies of theirs credit a victory speech."""
    case = ctx.case
    theirs = case.their_side.id
    out = []
    keys = [StakeholderKey(k) for k in ctx.binding if side_id(k) == theirs]
    for key in [k for k in keys if k.kind is KeyKind.CONSTITUENCY][:3]:
        if params(case.stakeholder(key)).victory > 0:
            continue
        out.append(
            Unknown(
                parameter=f"{key}.victory",
                question=(
                    f"How much would {name_of(case, key)} credit a specific account of what the "
                    "deal won against our opening position?"
                ),
                category=Category.VICTORY_SPEECH,
                lever=Lever.VALUE,
                plausible=PLAUSIBLE_VICTORY,
                weights=(1 / 3, 1 / 3, 1 / 3),
                basis="receptivity 0.1, 0.2 or 0.3, equally likely",
                setter=setter(key, "victory"),
                about=key,
            )
        )
    return tuple(out)


STRATEGY = Strategy(
    category=Category.VICTORY_SPEECH,
    lever=Lever.VALUE,
    title="Provide the ingredients of an acceptance or victory speech",
    mechanism=(
        "The counterpart can claim, credibly and specifically, what the deal won against our "
        "opening position; receptive constituents credit λ × that gain."
    ),
    parameters=(
        "stakeholder victory",
        "opening (our opening position)",
        "their_opening (their opening position)",
    ),
    cost="none in utility",
    preconditions="a receptive constituency gains from the deal against its reference",
    sources=("Sebenius 2014 (e)", "NATO London Declaration, July 1990"),
    generate=generate,
    generate_any_deal=generate_any_deal,
    unknowns=unknowns,
)
