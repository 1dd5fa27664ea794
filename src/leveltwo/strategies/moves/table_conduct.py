"""``table_conduct`` — constructive actions at the table informed by their internal conflicts.

Levers: threshold (restraint) and value (staged wins). A negotiator who must
be seen at home to stand firm will sometimes speak for the gallery. Answering
that in kind turns posturing into a public fight its hawks must win; letting
it pass costs nothing. Conversely, a concession we would make anyway can be
*staged* so their negotiator is seen to win it at the table, which its
constituents credit beyond the term itself. Sebenius (2014) lists
"constructive actions at the bargaining table informed by knowledge of the
other side's internal conflicts (e.g., not escalating when the other side
mainly speaks for domestic purposes)"; the hostage negotiator who lets a
surrendering man appear to have been overpowered is the extreme case.

Model (through ``credits``, like process signals):

- *restraint*: stakeholders crediting ``restraint`` lower their reservation by
  its credit when we do not escalate against domestic posturing (cost:
  ``signal_costs.restraint``, default 0). Escalation is its mirror image and
  is listed in ``avoid``.
- *staged win*: one issue moves one option toward the counterpart
  negotiator's preference, visibly won at the table; their stakeholders
  crediting ``staged_win`` lower their reservation by its credit on top of
  the term's value. The term's cost to us is in our expected value. At most
  one staged win per plan.
"""

from __future__ import annotations

from leveltwo.model.case import Category, Preferences, Signal
from leveltwo.strategies.levers import Lever
from leveltwo.strategies.move import Context, Move, Strategy
from leveltwo.strategies.moves.process_form import credits_for, signal_move
from leveltwo.strategies.ops import SetOption, shift_ops
from leveltwo.strategies.stakeholders import binding_first, names, side_id, top_level

RESTRAINT_PHRASE = "restraint when they speak for domestic audiences (no escalation)"


def _staged_wins(ctx: Context) -> list[Move]:
    case, deal = ctx.case, ctx.state.deal
    theirs = case.their_side
    fans = [(k, c) for k, c in credits_for(case, Signal.STAGED_WIN) if side_id(k) == theirs.id]
    if not any(c > 0 for _, c in fans):
        return []
    values = theirs.negotiator.preferences
    creditors = top_level([k for k, c in fans if c > 0], case)
    moves = []
    for i, issue in enumerate(case.issues):
        if values.weights[i] <= 0:
            continue
        cur = deal.choices[i]
        v = values.values[i]
        steps = [o for o in (cur - 1, cur + 1) if 0 <= o < len(issue.options) and v[o] > v[cur]]
        if not steps:
            continue
        o = max(steps, key=lambda x: v[x])
        label = issue.options[o]
        gainers = [
            k
            for k in ctx.binding
            if _gain(case.stakeholder(k).preferences, i, cur, o) > 0 and k not in creditors
        ]
        targets = binding_first(creditors + gainers, ctx.binding)
        moves.append(
            Move(
                key=f"table_conduct:staged_win:{issue.id}={label}",
                category=Category.TABLE_CONDUCT,
                lever=Lever.VALUE,
                title=(
                    f"Let {theirs.negotiator.name} win {issue.name} ({issue.options[cur]} → "
                    f"{label}) visibly at the table"
                ),
                targets=targets,
                ops=(SetOption(issue.id, label), *shift_ops([(k, -c) for k, c in fans])),
                why=(
                    f"a concession on {issue.name} that their negotiator is seen to win is "
                    f"credited by {names(case, creditors)} beyond the term itself"
                    + (f"; the term itself helps {names(case, gainers)}." if gainers else ".")
                ),
                fixed_cost=case.level2.signal_cost(Signal.STAGED_WIN),
                groups=("staged_win", f"issue:{issue.id}"),
            )
        )
    return moves


def _gain(prefs: Preferences, issue: int, old: int, new: int) -> float:
    return prefs.weights[issue] * (prefs.values[issue][new] - prefs.values[issue][old])


def generate(ctx: Context) -> tuple[Move, ...]:
    """Restraint (if someone credits it) and the staged wins (if someone credits those)."""
    moves: list[Move] = []
    restraint = signal_move(ctx, Signal.RESTRAINT, Category.TABLE_CONDUCT, RESTRAINT_PHRASE)
    if restraint is not None:
        moves.append(restraint)
    moves.extend(_staged_wins(ctx))
    return tuple(moves)


STRATEGY = Strategy(
    category=Category.TABLE_CONDUCT,
    lever=Lever.THRESHOLD,
    title="Constructive actions at the table informed by their internal conflicts",
    mechanism=(
        "Do not escalate when they speak for domestic audiences (stakeholders crediting "
        "restraint lower their bar by its credit); stage visible wins for them (a one-step "
        "concession their constituents credit beyond its value)."
    ),
    parameters=("stakeholder credits: restraint, staged_win", "level2.signal_costs"),
    cost="restraint: its signal cost (default 0); staged win: the term's cost to us",
    preconditions="some stakeholder credits restraint or staged wins",
    sources=("Sebenius 2014 (f)",),
    generate=generate,
    is_signal=True,
)
