"""Diagnosis of one deal: who binds, by how much, and what would fix it.

For every stakeholder whose approval costs the deal probability:

- ``probability_cost``: how much higher the deal's success probability P would
  be if this stakeholder surely approved (P with its factor set to 1, minus P);
- ``shortfall``: the utility it lacks to approve with probability τ, i.e.
  ``r + σ·Φ⁻¹(τ) − u`` (just ``r − u`` at τ = 0.5), never negative; a
  constituency that votes by blocs has none of its own, its blocs have theirs;
- ``fixes``: the smallest single-issue changes that bring its approval to the
  target level (τ when it is below τ; 0.9 when it is above τ but below 0.9
  and still costs probability — and then only changes that also raise the
  deal's success probability count), one per issue — the option nearest the current one that
  reaches the target, then the one that costs us least — with what each
  costs us (our negotiator's utility before minus after; negative means we
  gain) and the deal's success probability and our expected value after the
  change. Fixes are ordered by our expected value after the change, so a fix
  that satisfies this stakeholder by losing another comes last;
- a change is offered as a fix only when it *helps*: it raises the deal's
  success probability P or our expected value. A change that brings the
  stakeholder to its target while lowering both is a **trade-off**
  (``trade_offs``), never a fix: satisfying one stakeholder by losing another
  (a shorter contract that wins the caucus but loses the members) is not a
  remedy.

Stakeholders are ordered by ``probability_cost``, largest first.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from leveltwo.engine.approval import approval_threshold_utility
from leveltwo.engine.assessment import Assessment, StakeholderResult, assess
from leveltwo.engine.constraints import Feasibility
from leveltwo.engine.correlation import joint_model
from leveltwo.engine.evaluator import Evaluator
from leveltwo.engine.factors import constituency_approval, stakeholder_approval
from leveltwo.engine.influence import resolve
from leveltwo.model.case import Case, Constituency, Stakeholder
from leveltwo.model.deal import Deal
from leveltwo.model.keys import KeyKind

#: Approval level a non-binding but costly stakeholder is brought to by a fix.
SECURE_LEVEL = 0.9
#: Stakeholders costing less probability than this are not listed.
MIN_COST = 1e-3


@dataclass(frozen=True)
class Fix:
    """One single-issue change that brings a stakeholder to the target approval."""

    issue: str
    issue_name: str
    from_option: str
    to_option: str
    approval_before: float
    approval_after: float
    cost_to_us: float
    success_probability_after: float
    expected_value_after: float

    def to_json(self) -> dict[str, object]:
        return {
            "issue": self.issue,
            "issue_name": self.issue_name,
            "from": self.from_option,
            "to": self.to_option,
            "approval_before": self.approval_before,
            "approval_after": self.approval_after,
            "cost_to_us": self.cost_to_us,
            "success_probability_after": self.success_probability_after,
            "expected_value_after": self.expected_value_after,
        }


@dataclass(frozen=True)
class Binding:
    """A stakeholder whose approval costs the deal probability."""

    key: str
    side: str
    name: str
    kind: KeyKind
    power: str
    approval_probability: float
    factor: float
    probability_cost: float
    binding: bool
    shortfall: float | None
    target_level: float
    fixes: tuple[Fix, ...]
    blocs: tuple[tuple[str, str, float, float], ...] = ()  # key, name, approval, shortfall
    trade_offs: tuple[Fix, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "key": self.key,
            "side": self.side,
            "name": self.name,
            "kind": self.kind,
            "power": self.power,
            "approval_probability": self.approval_probability,
            "factor": self.factor,
            "probability_cost": self.probability_cost,
            "binding": self.binding,
            "shortfall": self.shortfall,
            "target_level": self.target_level,
            "fixes": [f.to_json() for f in self.fixes],
            "trade_offs": [f.to_json() for f in self.trade_offs],
            "blocs": [
                {"key": k, "name": n, "approval_probability": p, "shortfall": s}
                for k, n, p, s in self.blocs
            ],
        }


@dataclass(frozen=True)
class Diagnosis:
    """Who blocks the deal, by how much, and what would fix it."""

    deal: Deal
    labels: tuple[tuple[str, str], ...]
    threshold: float
    success_probability: float
    blockers: tuple[Binding, ...]

    def binding(self) -> tuple[Binding, ...]:
        """Only the stakeholders below the threshold."""
        return tuple(b for b in self.blockers if b.binding)

    def to_json(self) -> dict[str, object]:
        return {
            "deal": dict(self.labels),
            "threshold": self.threshold,
            "success_probability": self.success_probability,
            "blockers": [b.to_json() for b in self.blockers],
        }


def _neighbours(case: Case, deal: Deal) -> list[tuple[int, int]]:
    """Every single-issue change of ``deal`` that keeps the case's constraints."""
    excluded = Feasibility(case).excluded_options(deal) if case.constraints else None
    return [
        (i, o)
        for i, issue in enumerate(case.issues)
        for o in range(len(issue.options))
        if o != deal.choices[i] and (excluded is None or not excluded[i][o])
    ]


def _approval_of(st: Stakeholder, digits: list[np.ndarray]) -> np.ndarray:
    if isinstance(st, Constituency):
        return constituency_approval(st, digits)
    return stakeholder_approval(st, digits)


def _shortfall(r: StakeholderResult, threshold: float) -> float | None:
    if r.utility is None or r.shortfall is None:
        return None
    level = min(max(threshold, 1e-9), 1 - 1e-9)
    needed = approval_threshold_utility(r.reservation, r.uncertainty, level)
    return max(0.0, needed - r.utility)


def diagnose(case: Case, deal: Deal | None = None, threshold: float = 0.5) -> Diagnosis:
    """Diagnose ``deal`` (default: the case's proposal) at approval threshold τ."""
    case = resolve(case)  # influence links at their fixed point (engine/influence.py)
    a: Assessment = assess(case, deal)
    deal = a.deal
    p = a.success_probability
    moves = _neighbours(case, deal)
    base = np.array(deal.choices, dtype=np.int64)
    batch = np.repeat(base[None, :], len(moves), axis=0)
    for row, (i, o) in enumerate(moves):
        batch[row, i] = o
    digits = [batch[:, i] for i in range(len(case.issues))]
    ev = Evaluator(case)
    joint = joint_model(case)
    after = ev.evaluate_digits(digits, np.zeros(len(moves), dtype=np.int64))
    us = case.side_index(case.us)
    our_u_before = a.sides[us].utility
    our_ev_before = a.expected_value[case.us]

    out: list[Binding] = []
    for side_result, side in zip(a.sides, case.sides, strict=True):
        for r in side_result.stakeholders():
            if r.factor >= 1.0 - 1e-15:
                continue
            if joint is not None:  # correlated: P with this stakeholder sure to approve
                others = float(joint.deal(deal, frozenset({r.key})).success[0])
            else:
                others = p / r.factor if r.factor > 0 else _p_without(a, r.key)
            cost = others - p
            below = r.approval_probability < threshold
            if cost < MIN_COST and not below:
                continue
            target = threshold if below else max(threshold, SECURE_LEVEL)
            fixes: tuple[Fix, ...] = ()
            trade_offs: tuple[Fix, ...] = ()
            if r.approval_probability < target and moves:
                st = case.stakeholder(r.key)
                approvals = joint.approval(st, digits) if joint else _approval_of(st, digits)
                fixes = _fixes(
                    case,
                    deal,
                    moves,
                    approvals,
                    r.approval_probability,
                    target,
                    our_u_before,
                    after.utility[us],
                    after.success,
                    after.expected_value[us],
                )
                trade_offs = tuple(f for f in fixes if not helps(f, p, our_ev_before))
                fixes = tuple(f for f in fixes if helps(f, p, our_ev_before))
            blocs = tuple(
                (b.key, b.name, b.approval_probability, _shortfall(b, threshold) or 0.0)
                for b in r.blocs
            )
            out.append(
                Binding(
                    r.key,
                    side.id,
                    r.name,
                    r.kind,
                    r.power.value,
                    r.approval_probability,
                    r.factor,
                    cost,
                    below,
                    _shortfall(r, threshold),
                    target,
                    fixes,
                    blocs,
                    trade_offs,
                )
            )
    out.sort(key=lambda b: (-b.probability_cost, b.approval_probability, b.key))
    return Diagnosis(deal, a.labels, threshold, p, tuple(out))


#: Gains smaller than this (in probability or utility) do not count as help.
HELP_EPSILON = 1e-9


def helps(f: Fix, p_before: float, ev_before: float) -> bool:
    """Whether a change helps the deal: it raises P or our expected value."""
    return (
        f.success_probability_after > p_before + HELP_EPSILON
        or f.expected_value_after > ev_before + HELP_EPSILON
    )


def _p_without(a: Assessment, key: str) -> float:
    """P with one stakeholder taken as surely approving (used when its factor is 0)."""
    total = 1.0
    for s in a.sides:
        for r in s.stakeholders():
            if r.key != key:
                total *= r.factor  # 1 for influencers
        for k in s.risks:  # implementation risks (engine/powers.py)
            total *= k.factor
    return total


def _fixes(
    case: Case,
    deal: Deal,
    moves: list[tuple[int, int]],
    approvals: np.ndarray,
    before: float,
    target: float,
    our_u_before: float,
    our_u_after: np.ndarray,
    p_after: np.ndarray,
    ev_after: np.ndarray,
) -> tuple[Fix, ...]:
    best: dict[int, tuple[int, float, int]] = {}  # issue -> (distance, cost, row)
    for row, (i, o) in enumerate(moves):
        if approvals[row] < target:
            continue
        cost = our_u_before - float(our_u_after[row])
        key = (abs(o - deal.choices[i]), round(cost, 12), row)
        if i not in best or key < best[i]:
            best[i] = key
    fixes = []
    for i, (_, _, row) in best.items():
        issue = case.issues[i]
        o = moves[row][1]
        fixes.append(
            Fix(
                issue.id,
                issue.name,
                issue.options[deal.choices[i]],
                issue.options[o],
                before,
                float(approvals[row]),
                our_u_before - float(our_u_after[row]),
                float(p_after[row]),
                float(ev_after[row]),
            )
        )
    fixes.sort(key=lambda f: (-f.expected_value_after, f.cost_to_us, f.issue))
    return tuple(fixes)
