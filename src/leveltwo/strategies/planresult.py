"""The plan: frozen, JSON-serialisable results of :func:`leveltwo.strategies.planner.plan`.

Shape of :meth:`Plan.to_json` (stable; documented in docs/strategies.md):

- ``title``, ``us``, ``deal`` (the deal the plan starts from), ``final_deal``;
- ``budget``, ``allowed``;
- ``success_probability_before`` / ``_after`` and ``expected_value_before`` /
  ``_after`` (our side): the engine's numbers for the case before any move and
  for the case with every move applied (the intended outcome of each move);
- ``net_value_before`` / ``_after``: our expected value once risks are priced
  (branches) and payments and fixed costs subtracted — what the plan maximises;
- ``cost``: the plan's nominal cost to us (utility);
- ``moves``: the ranked steps (see :class:`Step`);
- ``avoid``, ``find_out``, ``forms``;
- ``optimality``: ``{"status": "optimal" | "time_limit", "upper_bound", "gap"}``:
  whether the plan is proved the best over the joint space of deal terms and
  move subsets, the best upper bound on that optimum and the gap between them;
- ``expected_minus_net``: ``expected_value_after − net_value_after`` by source
  (``payments``: P × Σ payments; ``fixed_costs``; ``risks``: the expected loss
  from the moves' risks): the one difference between the two figures;
- ``switched_off``: keys of the plan's moves switched off (``--without``); the
  numbers are those of the plan without them, ``optimality`` still that of the
  search.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from leveltwo.engine.bnb import Optimality
from leveltwo.model.case import Category
from leveltwo.strategies.diff import Change
from leveltwo.strategies.levers import Lever
from leveltwo.strategies.move import Move


@dataclass(frozen=True)
class Approval:
    """A target's approval probability before and after a step."""

    key: str
    name: str
    before: float
    after: float

    def to_json(self) -> dict[str, object]:
        return {"key": self.key, "name": self.name, "before": self.before, "after": self.after}


@dataclass(frozen=True)
class RiskReport:
    """A move's named risk and what the plan is worth if it is realised."""

    name: str
    probability: float
    description: str
    success_probability_if_realised: float
    expected_value_if_realised: float

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "probability": self.probability,
            "description": self.description,
            "success_probability_if_realised": self.success_probability_if_realised,
            "expected_value_if_realised": self.expected_value_if_realised,
        }


@dataclass(frozen=True)
class Step:
    """One ranked move of a plan, with its marginal and cumulative effect.

    ``*_before`` are the numbers with the steps ranked above it applied,
    ``*_after`` with this one added too (so the last step's ``*_after`` are
    the plan's). P and EV are the engine's assessment of the changed case;
    ``net_value`` prices risks and subtracts costs. ``cost`` is what this step
    costs us nominally: the utility our negotiator gives up on the terms (negative
    when the step gains us utility) + its payment + its fixed cost. ``package``:
    the keys of the steps this one pays only together with (a trade).
    """

    rank: int
    key: str
    category: Category
    lever: Lever
    title: str
    target: str
    target_name: str
    targets: tuple[str, ...]
    extraordinary: bool
    changes: tuple[Change, ...]
    cost: float
    terms_cost: float
    payment: float
    fixed_cost: float
    risk: RiskReport | None
    success_probability_before: float
    success_probability_after: float
    expected_value_before: float
    expected_value_after: float
    net_value_before: float
    net_value_after: float
    approvals: tuple[Approval, ...]
    rationale: str
    package: tuple[str, ...] = ()
    assumptions: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "rank": self.rank,
            "key": self.key,
            "category": self.category,
            "lever": self.lever,
            "title": self.title,
            "target": self.target,
            "target_name": self.target_name,
            "targets": list(self.targets),
            "extraordinary": self.extraordinary,
            "changes": [c.to_json() for c in self.changes],
            "cost": self.cost,
            "cost_detail": {
                "terms": self.terms_cost,
                "payment": self.payment,
                "fixed": self.fixed_cost,
            },
            "risks": [] if self.risk is None else [self.risk.to_json()],
            "success_probability_before": self.success_probability_before,
            "success_probability_after": self.success_probability_after,
            "expected_value_before": self.expected_value_before,
            "expected_value_after": self.expected_value_after,
            "net_value_before": self.net_value_before,
            "net_value_after": self.net_value_after,
            "marginal": {
                "success_probability": self.success_probability_after
                - self.success_probability_before,
                "expected_value": self.expected_value_after - self.expected_value_before,
                "net_value": self.net_value_after - self.net_value_before,
            },
            "approvals": [a.to_json() for a in self.approvals],
            "package": list(self.package),
            "assumptions": list(self.assumptions),
            "rationale": self.rationale,
        }


@dataclass(frozen=True)
class AvoidItem:
    """A statement or move that would hurt, whom it hurts, and by how much."""

    key: str
    category: Category
    what: str
    whom: tuple[Approval, ...]
    success_probability_change: float
    net_value_change: float
    reason: str

    def to_json(self) -> dict[str, object]:
        return {
            "key": self.key,
            "category": self.category,
            "what": self.what,
            "whom": [a.to_json() for a in self.whom],
            "success_probability_change": self.success_probability_change,
            "net_value_change": self.net_value_change,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class FindOut:
    """An input the case lacks, and what knowing it could be worth.

    ``value_of_information``: Σ_k weight_k · (V*(θ_k) − V_plan(θ_k)) over the
    documented plausible values θ_k: the net value a re-planned search gains
    over the current plan if the input were θ_k, averaged.
    """

    parameter: str
    question: str
    category: Category | None
    lever: Lever
    plausible_values: tuple[float, ...]
    weights: tuple[float, ...]
    basis: str
    value_of_information: float
    unlocks: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "parameter": self.parameter,
            "question": self.question,
            "category": self.category,
            "lever": self.lever,
            "plausible_values": list(self.plausible_values),
            "weights": list(self.weights),
            "basis": self.basis,
            "value_of_information": self.value_of_information,
            "unlocks": list(self.unlocks),
        }


class FormKind(StrEnum):
    """The kinds of form an agreement can take (Putnam's tacit and process agreements)."""

    EXPLICIT = "explicit"  # a written, public agreement on every term
    TACIT = "tacit"  # an unwritten understanding on the visible concessions
    PROCESS = "process"  # an agreement on a process for one issue


@dataclass(frozen=True)
class FormChoice:
    """One form of agreement (explicit, tacit, a process term) with the plan around it."""

    form: str
    kind: FormKind
    description: str
    available: bool
    chosen: bool
    success_probability: float | None
    expected_value: float | None
    net_value: float | None
    note: str

    def to_json(self) -> dict[str, object]:
        return {
            "form": self.form,
            "kind": self.kind,
            "description": self.description,
            "available": self.available,
            "chosen": self.chosen,
            "success_probability": self.success_probability,
            "expected_value": self.expected_value,
            "net_value": self.net_value,
            "note": self.note,
        }


@dataclass(frozen=True)
class Plan:
    """A ranked plan of Level II moves for one case and deal (see the module docstring)."""

    title: str
    us: str
    deal: tuple[tuple[str, str], ...]
    final_deal: tuple[tuple[str, str], ...]
    budget: float | None
    allowed: tuple[Category, ...]
    success_probability_before: float
    success_probability_after: float
    expected_value_before: float
    expected_value_after: float
    net_value_before: float
    net_value_after: float
    cost: float
    moves: tuple[Step, ...]
    avoid: tuple[AvoidItem, ...]
    find_out: tuple[FindOut, ...]
    forms: tuple[FormChoice, ...]
    considered: int
    evaluations: int = field(compare=False)  # work done, not part of the answer
    optimality: Optimality = field(compare=False)
    switched_off: tuple[str, ...] = ()
    #: expected_value_after − net_value_after, by source: payments (P × Σ payments),
    #: fixed costs, and risks (what the moves' risks cost in expectation).
    difference: tuple[tuple[str, float], ...] = ()
    chosen: tuple[Move, ...] = field(default=(), compare=False, repr=False)

    @property
    def move_keys(self) -> tuple[str, ...]:
        return tuple(s.key for s in self.moves)

    def to_json(self) -> dict[str, object]:
        return {
            "title": self.title,
            "us": self.us,
            "deal": dict(self.deal),
            "final_deal": dict(self.final_deal),
            "budget": self.budget,
            "allowed": list(self.allowed),
            "success_probability_before": self.success_probability_before,
            "success_probability_after": self.success_probability_after,
            "expected_value_before": self.expected_value_before,
            "expected_value_after": self.expected_value_after,
            "net_value_before": self.net_value_before,
            "net_value_after": self.net_value_after,
            "cost": self.cost,
            "moves": [s.to_json() for s in self.moves],
            "avoid": [a.to_json() for a in self.avoid],
            "find_out": [f.to_json() for f in self.find_out],
            "forms": [f.to_json() for f in self.forms],
            "considered": self.considered,
            "evaluations": self.evaluations,
            "optimality": self.optimality.to_json(),
            "switched_off": list(self.switched_off),
            "expected_minus_net": dict(self.difference),
        }
