"""``tied_hands`` — make our own constraint visible at the table (own-side Level II).

Lever: threshold (our own constituency's reservation). Schelling (1960) and
Putnam (1988): a negotiator who can show that a tough board or membership will
reject anything less gets more at the table, because the other side must
concede to reach a deal that will be ratified. The price is Putnam's
"involuntary defection": the tougher our side's bar, the likelier a deal fails
at home. Milner and Rosendorff (1997) and Tarar (2001) show it pays only
when the constraint binds without being too hawkish; the bargaining
equilibrium (:mod:`leveltwo.engine.bargaining`) says when.

Model: only for a case with a ``bargaining:`` block. For each of our ratifying
or blocking constituencies, the tied-hands leverage
(:func:`leveltwo.engine.leverage.constituency_leverage`) raises its bar (and
its blocs') by Δ ∈ {0.05, 0.1} and recomputes the equilibrium. When a raise
gives us a higher equilibrium value, the move makes that bar public and
credible (its reservation rises by Δ: a public commitment or audience cost at
home) and puts the equilibrium deal it leads to on the table. The planner then
values it like every move, by the expected value of that deal with the raised
bar, so the risk that the deal fails at home is in its P. Off unless allowed
(``level2.allowed`` or ``plan --allow``), as it stakes the deal at home.
"""

from __future__ import annotations

from functools import lru_cache

from leveltwo.engine.leverage import constituency_leverage
from leveltwo.model.case import Case, Category, Power
from leveltwo.strategies.levers import Lever
from leveltwo.strategies.move import Context, Move, Strategy
from leveltwo.strategies.ops import Op, SetOption, ShiftReservation
from leveltwo.strategies.stakeholders import members

#: The raises of our own bar tried (utility).
RAISES = (0.05, 0.1)


@lru_cache(maxsize=32)
def _paying(case: Case) -> tuple[tuple[str, float, tuple[tuple[str, str], ...], str], ...]:
    """(constituency key, raise, equilibrium deal, summary) for each raise that pays us."""
    if case.bargaining is None:
        return ()
    out = []
    for c in case.our_side.constituencies:
        if c.power not in (Power.RATIFY, Power.BLOCK):
            continue
        lev = constituency_leverage(case, c.key, shifts=RAISES)
        best = lev.tougher()
        if best is not None and best.deal is not None:
            out.append((c.key, best.shift, best.deal.labels, lev.sentence()))
    return tuple(out)


def generate(ctx: Context) -> tuple[Move, ...]:
    """A visible commitment for each of our constituencies whose tougher bar pays us."""
    case, deal = ctx.case, ctx.state.deal
    table = case.deal_labels(deal)
    moves = []
    for key, raise_, labels, summary in _paying(case):
        ops: list[Op] = [ShiftReservation(m.key, raise_) for m in members(case, key)]
        ops += [SetOption(i, o) for i, o in labels if table[i] != o]
        name = case.stakeholder(key).name
        moves.append(
            Move(
                key=f"tied_hands:{key}",
                category=Category.TIED_HANDS,
                lever=Lever.THRESHOLD,
                title=f"Make {name}'s bar visible at the table (raised by {raise_:.2f})",
                targets=(key,),
                ops=tuple(ops),
                why=(
                    f"in the bargaining equilibrium, {summary} Committing to it in public "
                    "makes the constraint credible; the deal it leads to is then more "
                    "likely to fail at home."
                ),
                groups=(f"tied_hands:{key}",),
            )
        )
    return tuple(moves)


STRATEGY = Strategy(
    category=Category.TIED_HANDS,
    lever=Lever.THRESHOLD,
    title="Make our own constraint visible at the table (tied hands)",
    mechanism=(
        "Raises our own constituency's bar by Δ in public and moves the deal to the "
        "bargaining equilibrium it leads to, when that equilibrium gives us more."
    ),
    parameters=("bargaining block", "our constituencies' reservation and uncertainty"),
    cost="the risk that the deal fails at home (in P)",
    preconditions="a bargaining: block, and a constituency of ours whose tougher bar pays us",
    sources=("Schelling 1960", "Putnam 1988", "Milner and Rosendorff 1997", "Tarar 2001"),
    generate=generate,
)
