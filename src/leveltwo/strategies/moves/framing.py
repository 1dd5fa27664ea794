"""``framing`` — help the other side frame the deal attractively for Level II acceptability.

Lever: value (perceived weights). The same terms can be presented as a loss on
what a constituency fears or as a win on what it wants. A negotiator who helps
the counterpart present the deal through the issues where it serves that
constituency — "the best staffing language in the region", not "a modest
raise" — changes which parts of the deal the constituency weighs when it
votes. Sebenius (2014) lists "helping the other side attractively frame the
deal for Level II acceptability"; framing effects on choice are a staple of
behavioural decision research.

Model: a stakeholder with framing receptivity f ∈ [0, 1] perceives weights

    w'_i = (1 − f)·w_i + f·w*_i,   w*_i = w_i·v_i(d_i) / Σ_j w_j·v_j(d_j)

(the frame shifts weight toward the issues in proportion to what the deal
gives it there). Its utility of the deal on the table becomes
(1 − f)·u + f·Σ w_i v_i² / Σ w_i v_i ≥ u (Cauchy–Schwarz), so a frame never
hurts at the deal it is built for; it is computed after every term change in
the plan. Blocs use their own receptivity. Costless; one frame per stakeholder.
"""

from __future__ import annotations

from leveltwo.model.case import Category
from leveltwo.model.keys import StakeholderKey
from leveltwo.strategies.levers import Lever
from leveltwo.strategies.move import Context, Move, Strategy, Unknown
from leveltwo.strategies.ops import Reframe, reframed
from leveltwo.strategies.stakeholders import (
    binding_first,
    members,
    name_of,
    params,
    setter,
    where_served,
)

#: A frame must raise some member's utility by more than this to be a move.
MIN_GAIN = 1e-6
#: Plausible receptivity of a binding stakeholder the case says nothing about.
PLAUSIBLE_FRAMING = (0.1, 0.25, 0.4)


def generate(ctx: Context) -> tuple[Move, ...]:
    """A frame for every receptive stakeholder (blocs folded into their constituency)."""
    return frames(ctx)


def generate_any_deal(ctx: Context) -> tuple[Move, ...]:
    """The candidates of :func:`generate` for a search over every deal."""
    return frames(ctx, any_deal=True)


def frames(ctx: Context, *, any_deal: bool = False) -> tuple[Move, ...]:
    """The frames of :func:`generate`; with ``any_deal``, also those that gain nothing at
    the deal on the table (a frame never lowers perceived utility, so on another deal
    it may help: the exact planner searches every deal)."""
    case, deal = ctx.case, ctx.state.deal
    us = case.our_side.negotiator.key
    moves = []
    tops = [st for st in case.stakeholders() if not st.key.is_bloc and st.key != us]
    for top in tops:
        ops = []
        best_gain = 0.0
        for m in members(case, top.key):
            f = params(m).framing
            if f <= 0:
                continue
            gain = reframed(m.preferences, deal, f).utility(deal) - m.preferences.utility(deal)
            if gain > MIN_GAIN or any_deal:
                ops.append(Reframe(m.key, f))
                best_gain = max(best_gain, gain)
        if not ops:
            continue
        served = where_served(case, top, deal)
        moves.append(
            Move(
                key=f"framing:{top.key}",
                category=Category.FRAMING,
                lever=Lever.VALUE,
                title=f"Help present the deal to {top.name} through "
                + (" and ".join(served) if served else "what it gains"),
                targets=binding_first([top.key], ctx.binding),
                ops=tuple(ops),
                why=(
                    f"the deal serves {name_of(case, top.key)} best on "
                    + (" and ".join(served) if served else "a few issues")
                    + "; a frame that puts those first raises the utility it perceives by up to "
                    f"{best_gain:.3f} at no cost to us."
                ),
                groups=(f"frame:{top.key}",),
            )
        )
    return tuple(moves)


def unknowns(ctx: Context) -> tuple[Unknown, ...]:
    """How receptive binding stakeholders are to a frame."""
    case = ctx.case
    us = case.our_side.negotiator.key
    out = []
    for key in [k for k in ctx.binding if not StakeholderKey(k).is_bloc and k != us][:3]:
        if any(params(m).framing > 0 for m in members(case, key)):
            continue
        out.append(
            Unknown(
                parameter=f"{key}.framing",
                question=(
                    f"How receptive is {name_of(case, key)} to a presentation of the deal "
                    "that stresses what it gains?"
                ),
                category=Category.FRAMING,
                lever=Lever.VALUE,
                plausible=PLAUSIBLE_FRAMING,
                weights=(1 / 3, 1 / 3, 1 / 3),
                basis="receptivity 0.1, 0.25 or 0.4, equally likely",
                setter=setter(key, "framing"),
                about=key,
            )
        )
    return tuple(out)


STRATEGY = Strategy(
    category=Category.FRAMING,
    lever=Lever.VALUE,
    title="Help the other side frame the deal for Level II acceptability",
    mechanism=(
        "Shifts a receptive constituency's perceived weights toward the issues where the "
        "deal serves it: w' = (1 − f)·w + f·w*, w* ∝ w·v(deal)."
    ),
    parameters=("stakeholder framing",),
    cost="none in utility",
    preconditions="a stakeholder with framing receptivity > 0 whom the deal serves unevenly",
    sources=("Sebenius 2014 (d)",),
    generate=generate,
    generate_any_deal=generate_any_deal,
    unknowns=unknowns,
    is_signal=True,
)
