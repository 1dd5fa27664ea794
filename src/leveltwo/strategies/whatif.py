"""What a plan does without some of its moves: the plan again, recomputed.

:func:`what_if` keeps the plan's other moves in their order, replays them from
the same deal (every figure the engine's, as in the plan itself) and returns a
new :class:`~leveltwo.strategies.planresult.Plan` whose steps, final deal and
before/after figures are those of the moves kept. What the plan advises
against, what to find out and the agreement forms are the plan's own and stay
as they are. The web page's toggles and the report of a toggled plan both use
it, so they take a ``Plan``, never an edited JSON document.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from leveltwo.errors import DealError, Problem
from leveltwo.model.build import deal_from_labels
from leveltwo.model.case import Case
from leveltwo.strategies.planner import applied, steps_for
from leveltwo.strategies.planresult import Plan


def what_if(plan: Plan, case: Case, *, without: Collection[str] = ()) -> Plan:
    """``plan`` for ``case`` with the moves whose keys are in ``without`` left out.

    Raises :class:`~leveltwo.errors.DealError` (located at ``without``) for a key
    that is not a move of the plan.
    """
    keys = {m.key for m in plan.chosen}
    unknown = sorted(set(without) - keys)
    if unknown:
        raise DealError([Problem("without", "the key of a move of this plan", repr(unknown[0]))])
    if not without:
        return plan
    kept = tuple(m for m in plan.chosen if m.key not in set(without))
    deal = deal_from_labels(case.issues, dict(plan.deal), "plan.deal")
    steps = steps_for(case, kept, deal) if kept else ()
    final = applied(case, kept, deal)
    last = steps[-1] if steps else None
    return replace(
        plan,
        moves=steps,
        chosen=kept,
        final_deal=tuple(final.case.deal_labels(final.deal).items()),
        success_probability_after=(
            last.success_probability_after if last else plan.success_probability_before
        ),
        expected_value_after=last.expected_value_after if last else plan.expected_value_before,
        net_value_after=last.net_value_after if last else plan.net_value_before,
        cost=sum(s.cost for s in steps),
    )


__all__ = ["what_if"]
