"""``plan(case, deal)``: a ranked plan of Level II moves, what to avoid, what to find out.

The planner starts from the deal on the table (the case's proposal, or the
deal given), finds the best plan — a deal and a set of moves from every allowed
category — by branch and bound over the joint space of deal terms and move
subsets (:mod:`leveltwo.strategies.exact`), proved optimal or stopped at the
time limit with its upper bound and gap, and reports:

- the ranked steps, each with the exact parameter changes it makes
  (:mod:`leveltwo.strategies.diff`), P and EV before and after (the engine's
  fresh assessment of the changed case, cumulative; marginal = after − before),
  its cost, its risk and a rationale tied to the target's interests;
- what to avoid (:mod:`leveltwo.strategies.avoid`);
- what to find out, with the value of each input (:mod:`leveltwo.strategies.findout`);
- the form of agreement, explained (:mod:`leveltwo.strategies.forms`).

Budget and allowed categories default to the case's ``level2`` block (no
limit; every category but ``thwart_opponents``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from leveltwo.engine.assessment import assess
from leveltwo.errors import DealError, Problem
from leveltwo.model.case import Case, Category
from leveltwo.model.deal import Deal
from leveltwo.strategies.avoid import avoid
from leveltwo.strategies.diff import diff
from leveltwo.strategies.evaluate import Outcome, apply_moves, context, our_utility, quick
from leveltwo.strategies.exact import DEFAULT_TIME_LIMIT, solve
from leveltwo.strategies.findout import find_out
from leveltwo.strategies.forms import forms
from leveltwo.strategies.levers import Lever
from leveltwo.strategies.move import Move
from leveltwo.strategies.ops import State
from leveltwo.strategies.planresult import Approval, Plan, RiskReport, Step
from leveltwo.strategies.search import Search, Settings
from leveltwo.strategies.stakeholders import name_of

#: Targets whose approvals a step reports.
MAX_APPROVALS = 4


def settings_for(
    case: Case,
    *,
    budget: float | None = None,
    allowed: Iterable[Category] | None = None,
    beam: int = 4,
    max_moves: int = 10,
) -> Settings:
    """Search settings: explicit arguments first, then the case's ``level2`` block."""
    return Settings(
        budget=case.level2.budget if budget is None else budget,
        allowed=frozenset(case.level2.allowed if allowed is None else allowed),
        beam=beam,
        max_moves=max_moves,
    )


def start_state(case: Case, deal: Deal | None) -> State:
    return State(case, case.default_deal() if deal is None else deal)


def _pct(p: float) -> str:
    return f"{100 * p:.0f}%" if 0.005 <= p <= 0.995 else f"{100 * p:.1f}%"


def _steps(search: Search, ranked: tuple[Move, ...]) -> tuple[Step, ...]:
    base = search.base
    steps = []
    prev = search.value(())
    prev_state = base
    prev_a = assess(base.case, base.deal)
    prev_ctx = context(base)
    partners = search.partners(ranked)
    titles = {m.key: m.title for m in ranked}
    for rank, m in enumerate(ranked, start=1):
        moves = ranked[:rank]
        o: Outcome = search.value(moves)
        state = o.state
        a = assess(state.case, state.deal)
        ctx = context(state, base)
        us = a.side(a.us)
        prev_us = prev_a.side(prev_a.us)
        approvals = tuple(
            Approval(k, name_of(state.case, k), prev_ctx.approval.get(k, 0.0), ctx.approval[k])
            for k in m.targets[:MAX_APPROVALS]
            if k in ctx.approval
        )
        risk = None
        if m.risk is not None:
            branch = apply_moves(base, moves, frozenset({m.key}))
            bp, bev = quick(branch.case, branch.deal)
            risk = RiskReport(m.risk.name, m.risk.probability, m.risk.description, bp, bev)
        terms = our_utility(prev_state) - our_utility(state)
        if m.lever is Lever.RULE:
            effect = "; ".join(
                f"{name_of(state.case, k)} ×{prev_ctx.factor.get(k, 1.0):.2f} → "
                f"×{ctx.factor.get(k, 1.0):.2f}"
                for k in m.targets[:3]
            )
            effect = f" What it multiplies its side's chance by: {effect}." if effect else ""
        else:
            effect = "; ".join(
                f"{x.name} {_pct(x.before)} → {_pct(x.after)}" for x in approvals[:3]
            )
            effect = f" Approval: {effect}." if effect else ""
        rationale = m.why[:1].upper() + m.why[1:] + effect
        package = partners.get(m.key, ())
        if package:
            rationale += (
                " It pays only together with: " + "; ".join(titles[k] for k in package) + "."
            )
        rationale += (
            f" Chance the deal sticks: {_pct(prev_a.success_probability)} → "
            f"{_pct(a.success_probability)}."
        )
        steps.append(
            Step(
                rank=rank,
                key=m.key,
                category=m.category,
                lever=m.lever,
                title=m.title,
                target=m.target,
                target_name=name_of(state.case, m.target) if m.target else "",
                targets=m.targets,
                extraordinary=m.extraordinary,
                changes=diff(prev_state, state),
                cost=terms + m.payment + m.fixed_cost,
                terms_cost=terms,
                payment=m.payment,
                fixed_cost=m.fixed_cost,
                risk=risk,
                success_probability_before=prev_a.success_probability,
                success_probability_after=a.success_probability,
                expected_value_before=prev_a.expected_value[prev_us.id],
                expected_value_after=a.expected_value[us.id],
                net_value_before=prev.value,
                net_value_after=o.value,
                approvals=approvals,
                rationale=rationale,
                package=package,
                assumptions=m.assumptions,
            )
        )
        prev, prev_state, prev_a, prev_ctx = o, state, a, ctx
    return tuple(steps)


def plan(
    case: Case,
    deal: Deal | None = None,
    *,
    budget: float | None = None,
    allowed: Iterable[Category] | None = None,
    beam: int = 4,
    max_moves: int = 10,
    with_find_out: bool = True,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
    without: Iterable[str] = (),
) -> Plan:
    """The ranked plan for ``deal`` (default: the case's proposal); see the module docstring.

    ``time_limit``: seconds the exact search may take (None: until proved optimal);
    ``without``: keys of the plan's moves to switch off (the rest keep their rank;
    ``optimality`` still describes the search); ``beam`` and ``max_moves`` only
    bound the heuristic re-plans of what to find out.
    """
    settings = settings_for(case, budget=budget, allowed=allowed, beam=beam, max_moves=max_moves)
    base = start_state(case, deal)
    search = Search(base, settings)
    exact = solve(search, time_limit=time_limit)
    off = tuple(without)
    ranked = switched_off(search.rank(exact.moves), off)
    steps = _steps(search, ranked)
    before = assess(base.case, base.deal)
    final = search.value(ranked)
    after = assess(final.state.case, final.state.deal)
    avoid_items = avoid(search, ranked)
    form_choices = forms(search, ranked)
    unknown = find_out(search, ranked) if with_find_out else ()
    return Plan(
        title=case.title,
        us=case.us,
        deal=before.labels,
        final_deal=after.labels,
        budget=settings.budget,
        allowed=tuple(c for c in Category if c in settings.allowed),
        success_probability_before=before.success_probability,
        success_probability_after=after.success_probability,
        expected_value_before=before.expected_value[case.us],
        expected_value_after=after.expected_value[case.us],
        net_value_before=search.value(()).value,
        net_value_after=final.value,
        cost=final.cost,
        moves=steps,
        avoid=avoid_items,
        find_out=unknown,
        forms=form_choices,
        considered=exact.candidates,
        evaluations=search.evaluations,
        optimality=exact.optimality,
        switched_off=off,
        difference=(
            ("payments", final.success_probability * sum(m.payment for m in ranked)),
            ("fixed_costs", sum(m.fixed_cost for m in ranked)),
            ("risks", final.risk_loss),
        ),
        chosen=ranked,
    )


def switched_off(moves: Sequence[Move], without: Iterable[str]) -> tuple[Move, ...]:
    """The moves with those keys switched off (a located error for an unknown key)."""
    off = set(without)
    known = {m.key for m in moves}
    unknown = sorted(off - known)
    if unknown:
        expected = "the key of a move of the plan (" + ", ".join(sorted(known)) + ")"
        raise DealError([Problem("--without", expected, k) for k in unknown])
    return tuple(m for m in moves if m.key not in off)


def applied(case: Case, plan_moves: tuple[Move, ...], deal: Deal | None = None) -> State:
    """The state with ``plan_moves`` applied (for checking a plan against a fresh analysis)."""
    return apply_moves(start_state(case, deal), plan_moves)


def steps_for(case: Case, moves: Iterable[Move], deal: Deal | None = None) -> tuple[Step, ...]:
    """The step-by-step report of ``moves`` applied in the given order (a what-if)."""
    base = start_state(case, deal)
    return _steps(Search(base, settings_for(case)), tuple(moves))
