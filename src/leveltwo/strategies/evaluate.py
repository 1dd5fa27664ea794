"""The value of a set of moves: apply them to the case, let the engine assess the result.

For a set of moves M applied to the state (case, deal):

- the *intended* state applies every move's primitives (phase by phase, moves
  in key order, so the result depends on the set, not on the order chosen);
- each move with a :class:`~leveltwo.strategies.move.Risk` has a second
  outcome, its risk realised (probability π); the branches are enumerated
  exactly (moves' risks independent);
- our net value is

      V(M) = Σ_b π_b · (EV_us(b) − P(b) · Σ payments) − Σ fixed costs

  where EV_us and P come from the engine for each branch's case and deal;
- the nominal cost of M (what a budget limits) is our negotiator's utility
  given up on the terms, max(0, u_us(deal₀) − u_us(deal_M)), plus payments and
  fixed costs.

:func:`quick` computes P and EV_us for one deal with the engine's own
functions — the approvals of :mod:`leveltwo.engine.factors` and the one power
rule of :mod:`leveltwo.engine.powers` that
:func:`leveltwo.engine.assessment.assess` uses too, so the numbers are identical
(a property test checks it bit for bit); the planner calls it thousands of
times, so it caches approvals of stakeholders shared between cases.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from leveltwo.engine.correlation import joint_model
from leveltwo.engine.factors import constituency_approval, stakeholder_approval, utility_of
from leveltwo.engine.influence import resolve
from leveltwo.engine.powers import constituency_factor, side_product
from leveltwo.model.case import Case, Constituency, Stakeholder
from leveltwo.model.deal import Deal
from leveltwo.model.influence import network_of
from leveltwo.strategies.move import Context, Move
from leveltwo.strategies.ops import Memo, Op, State, apply_ops

#: A negotiator or constituency multiplying its side's P by less than this binds or nearly binds.
NEAR_FACTOR = 0.95
#: A bloc of such a constituency approving less than this is named as a target too.
NEAR_BLOC = 0.9
#: At most this many moves with a risk in one plan (2^k branches are enumerated).
MAX_RISKY = 5


def _digits(deal: Deal) -> list[np.ndarray]:
    return [np.array([c], dtype=np.int64) for c in deal.choices]


#: Approvals already computed: (id of the stakeholder object, deal) → (the object, p).
#: The object is kept so its id cannot be reused while the entry lives.
ApprovalCache = dict[tuple[int, tuple[int, ...]], tuple[object, float]]


def _approval(
    st: Stakeholder, d: list[np.ndarray], deal: Deal, cache: ApprovalCache | None
) -> float:
    if cache is not None:
        hit = cache.get((id(st), deal.choices))
        if hit is not None:
            return hit[1]
    if isinstance(st, Constituency):
        p = float(constituency_approval(st, d)[0])
    else:
        p = float(stakeholder_approval(st, d)[0])
    if cache is not None:
        cache[(id(st), deal.choices)] = (st, p)
    return p


def quick(case: Case, deal: Deal, cache: ApprovalCache | None = None) -> tuple[float, float]:
    """(P, EV_us) of one deal, exactly as :func:`~leveltwo.engine.assessment.assess` computes them.

    ``cache`` remembers approvals of stakeholder objects shared between cases
    (moves replace only the stakeholders they change).
    """
    if network_of(case) is not None:  # influence: reservations at the fixed point
        case, cache = resolve(case), None
    d = _digits(deal)
    joint = joint_model(case)
    if joint is not None:  # correlated uncertainty: the engine's joint P, no cache
        pj = float(joint.probabilities(d).success[0])
        u_us = float(utility_of(case.our_side.negotiator.preferences, d)[0])
        return pj, pj * u_us + (1 - pj) * case.our_side.no_deal_value
    side_p = []

    def approval(c: Constituency) -> float:
        return _approval(c, d, deal, cache)

    for side in case.sides:
        ratify, implement = side_product(side, _approval(side.negotiator, d, deal, cache), approval)
        side_p.append(ratify * implement)
    p = side_p[0] * side_p[1]
    us = case.our_side
    u = float(utility_of(us.negotiator.preferences, d)[0])
    return p, p * u + (1 - p) * us.no_deal_value


def our_utility(state: State) -> float:
    return state.case.our_side.negotiator.preferences.utility(state.deal)


@dataclass(frozen=True)
class Outcome:
    """The value of a set of moves (see the module docstring)."""

    success_probability: float
    expected_value: float
    value: float
    cost: float
    risk_loss: float
    state: State


def canonical(moves: Sequence[Move]) -> tuple[Move, ...]:
    return tuple(sorted(moves, key=lambda m: m.key))


def apply_moves(
    base: State,
    moves: Sequence[Move],
    realised: frozenset[str] = frozenset(),
    memo: Memo | None = None,
) -> State:
    """The state after ``moves`` (with the risks of the moves keyed in ``realised`` realised)."""
    ops: list[Op] = []
    for m in canonical(moves):
        ops.extend(m.ops_for(m.key in realised))
    return apply_ops(base, ops, memo)


def outcome(
    base: State,
    moves: Sequence[Move],
    cache: ApprovalCache | None = None,
    memo: Memo | None = None,
) -> Outcome:
    """Evaluate a set of moves from ``base`` (``cache`` and ``memo`` only save time)."""
    moves = canonical(moves)
    intended = apply_moves(base, moves, memo=memo)
    p, ev = quick(intended.case, intended.deal, cache)
    payment = sum(m.payment for m in moves)
    fixed = sum(m.fixed_cost for m in moves)
    risky = [m for m in moves if m.risk is not None]
    if not risky:
        expected = ev - p * payment
    else:
        expected = 0.0
        for pattern in itertools.product((False, True), repeat=len(risky)):
            prob = 1.0
            realised = set()
            for m, hit in zip(risky, pattern, strict=True):
                assert m.risk is not None
                prob *= m.risk.probability if hit else 1.0 - m.risk.probability
                if hit:
                    realised.add(m.key)
            if prob == 0.0:
                continue
            if realised:
                branch = apply_moves(base, moves, frozenset(realised), memo)
                bp, bev = quick(branch.case, branch.deal, cache)
            else:
                bp, bev = p, ev
            expected += prob * (bev - bp * payment)
    terms = max(0.0, our_utility(base) - our_utility(intended))
    return Outcome(
        success_probability=p,
        expected_value=ev,
        value=expected - fixed,
        cost=terms + payment + fixed,
        risk_loss=(ev - p * payment) - expected,
        state=intended,
    )


def context(state: State, base: State | None = None) -> Context:
    """Who binds in ``state``, with every approval and factor (for move generators)."""
    case, deal = resolve(state.case), state.deal
    d = _digits(deal)
    joint = joint_model(case)  # a bloc vote under common factors is not independent
    approval: dict[str, float] = {}
    factor: dict[str, float] = {}
    ranked: list[tuple[float, str]] = []
    for side in case.sides:
        p = float(stakeholder_approval(side.negotiator, d)[0])
        approval[side.negotiator.key] = factor[side.negotiator.key] = p
        ranked.append((p, side.negotiator.key))
        for c in side.constituencies:
            pc = float((joint.approval if joint else constituency_approval)(c, d)[0])
            approval[c.key] = pc
            f = constituency_factor(c, pc)
            factor[c.key] = f
            ranked.append((f, c.key))
            for b in c.blocs:
                approval[b.key] = float(stakeholder_approval(b, d)[0])
    binding: list[str] = []
    for f, key in sorted(ranked):
        st = case.stakeholder(key)
        if f >= NEAR_FACTOR:
            continue  # not binding
        binding.append(key)
        blocs = getattr(st, "blocs", ())
        for b in sorted(blocs, key=lambda b: approval[b.key]):
            if approval[b.key] < NEAR_BLOC:
                binding.append(b.key)
    return Context(state, base or state, tuple(binding), approval, factor)
