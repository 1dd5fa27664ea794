"""What to avoid: statements and moves that would hurt on top of the plan, and whom.

Two sources:

- every candidate of the signalling categories (statements, process signals,
  table conduct, outside pressure, framing; not term changes such as staged
  wins, which are concessions, not signals) not in the plan whose marginal
  net value on top of the plan is negative — a statement under consideration
  that inflames a hostile constituency, a signal our board resents, pressure
  whose expected backlash outweighs its pull;
- for every stakeholder of the counterpart with a hostility parameter, a
  hypothetical public attack on it (an inflammatory statement touching it):
  its reservation rises by its hostility.

Each item names whom it hurts (approval before → after) and by how much P and
our net value fall. The numbers are the engine's, on the case with the plan
applied plus the item.
"""

from __future__ import annotations

from leveltwo.strategies.evaluate import context
from leveltwo.strategies.move import Context, Move
from leveltwo.strategies.moves import statements
from leveltwo.strategies.ops import AddOption, SetOption
from leveltwo.strategies.planresult import Approval, AvoidItem
from leveltwo.strategies.registry import REGISTRY, candidates
from leveltwo.strategies.search import Search
from leveltwo.strategies.stakeholders import members, name_of, params

#: An item must cost at least this much net value to be listed.
MIN_HARM = 1e-4
#: Approvals that fall by less than this are not named.
MIN_DROP = 1e-3
#: The categories whose strategies declare their moves signals (``Strategy.is_signal``).
SIGNALLING = frozenset(s.category for s in REGISTRY if s.is_signal)


def _whom(before: Context, after: Context) -> tuple[Approval, ...]:
    case = after.case
    out = []
    for key, p in after.approval.items():
        p0 = before.approval.get(key)
        if p0 is not None and p0 - p > MIN_DROP:
            out.append(Approval(key, name_of(case, key), p0, p))
    out.sort(key=lambda a: a.after - a.before)
    return tuple(out)


def _hypotheticals(ctx: Context) -> list[Move]:
    case = ctx.case
    theirs = case.their_side.id
    moves = []
    for st in case.stakeholders():
        if not st.key.belongs_to(theirs) or st.key.is_bloc:
            continue
        if not any(params(m).hostility > 0 for m in members(case, st.key)):
            continue
        m = statements.statement_move(ctx, statements.hypothetical_remark(case, st.key))
        if m is not None:
            moves.append(m)
    return moves


def avoid(search: Search, plan: tuple[Move, ...]) -> tuple[AvoidItem, ...]:
    """Items that would hurt on top of ``plan``, most harmful first."""
    here = search.value(plan)
    ctx = context(here.state, search.base)
    declared = [
        m
        for m in candidates(ctx, SIGNALLING)
        if m not in plan and not any(isinstance(op, SetOption | AddOption) for op in m.ops)
    ]
    pool = declared + _hypotheticals(ctx)
    items = []
    seen: set[str] = set()
    for m in pool:
        if m.key in seen or not _fits(plan, m):
            continue
        seen.add(m.key)
        o = search.value((*plan, m))
        harm = o.value - here.value
        if harm > -MIN_HARM:
            continue
        whom = _whom(ctx, context(o.state, search.base))
        if not whom and o.success_probability > here.success_probability - MIN_DROP:
            continue  # not worth its cost, but it hurts nobody: not an item to avoid
        hypothetical = m.key.startswith("statements:remark_about_")
        what = (
            m.title.replace("Say in public: ", "Saying in public: ")
            if not hypothetical
            else (f"Public attacks on {name_of(ctx.case, m.targets[0])}")
        )
        reason = m.why
        if m.risk is not None:
            reason += f" Expected loss from {m.risk.name}: {m.risk.probability:.0%} chance."
        items.append(
            AvoidItem(
                key=m.key,
                category=m.category,
                what=what,
                whom=whom,
                success_probability_change=o.success_probability - here.success_probability,
                net_value_change=harm,
                reason=reason,
            )
        )
    items.sort(key=lambda a: (a.net_value_change, a.key))
    return tuple(items)


def _fits(plan: tuple[Move, ...], m: Move) -> bool:
    groups = {g for c in plan for g in c.groups}
    return not groups.intersection(m.groups) and all(c.key != m.key for c in plan)
