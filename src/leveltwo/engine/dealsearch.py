"""The best deal of a space too large to enumerate, proved optimal by branch and bound.

A node is a *partial deal*: options chosen for the first k issues (in an order
that decides the issues that matter most first), the rest free. For every
stakeholder s the utility of any completion lies in [a_s + lo_s(k), a_s + hi_s(k)]
where a_s is the chosen issues' part and lo/hi the least and most the free
issues can add (Σ over free issues of w_si · min/max v_si). Every approval is
increasing in its stakeholder's utility (Φ is increasing; a bloc vote's quota
probability is increasing in each bloc's approval; a blocker's factor
1 − β(1 − p) is increasing in p), so

    P(d) ≤ P⁺ = Π_s factor_s(a_s + hi_s)                       (baseline independence)

for every completion d. With common factors (``factors:``, engine/correlation.py)
the engine computes P(d) = Σ_k w_k Π_s factor_s(u_s(d) | z_k) over the same
nodes z_k with weights w_k ≥ 0; given z_k each factor is still increasing in
its stakeholders' utilities, so each node's product is bounded separately and

    P(d) ≤ P⁺ = Σ_k w_k Π_s factor_s(a_s + hi_s | z_k)         (common factors)

— an exact bound for the model as computed (quadrature or the seeded Monte
Carlo nodes alike, docs/strategies.md). The objectives are bounded by

- best deal for us:  EV_us(d) ≤ x_us + P⁺ · max(0, u⁺_us − x_us);
- Nash deal:         (EV_us − x_us)(EV_them − x_them)
                     = P² (u_us − x_us)(u_them − x_them) ≤ P⁺² · Π_s max(0, u⁺_s − x_s);
- most likely deal:  P(d) ≤ P⁺.

The search is depth first over batches of nodes (the most promising batch
first), expanding one issue at a time with numpy; complete deals are
evaluated exactly by the engine's :class:`~leveltwo.engine.evaluator.Evaluator`.
Nodes whose bound cannot beat the incumbent by more than 10⁻¹² are pruned;
deals within 10⁻¹² of the best are kept, and ties are broken as
:mod:`leveltwo.engine.winsets` breaks them. An empty stack proves the answer;
at the time limit the answer is the best found, with the largest bound left.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from leveltwo.engine.approval import approval_probability
from leveltwo.engine.blocvote import quota_probability
from leveltwo.engine.bnb import Optimality, Status, computed_model
from leveltwo.engine.constraints import Feasibility
from leveltwo.engine.correlation import BLOCK_FLOATS, conditional_approval, joint_model
from leveltwo.engine.evaluator import Evaluator
from leveltwo.engine.influence import resolve
from leveltwo.engine.powers import factor, risk_factor
from leveltwo.model.case import Case, Constituency, Power, Preferences, Stakeholder

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
Objective = Literal["best", "nash", "success"]

#: Partial deals expanded together (rows of the arrays of one batch).
BATCH = 1 << 12
#: With common factors each bound costs a pass per node: smaller batches reach deals sooner.
FACTOR_BATCH = 1 << 8
#: Values this close tie (as in whole-space analysis).
TIE = 1e-12


@dataclass(frozen=True)
class Found:
    """The optimal deal (flat index; None when no deal qualifies) and the proof."""

    index: int | None
    value: float
    optimality: Optimality


@dataclass(frozen=True)
class _Unit:
    """A negotiator or constituency: the stakeholders whose utilities it needs."""

    members: tuple[int, ...]  # positions in the stakeholder table
    kind: str  # "single", "blocs"
    power: Power
    strength: float
    quota: float
    shares: tuple[float, ...]
    reservations: tuple[float, ...]
    uncertainties: tuple[float, ...]
    stakeholders: tuple[Stakeholder, ...]  # the voting members, for factor conditioning


class DealSearch:
    """Bounds of one case over partial deals (see the module docstring)."""

    def __init__(self, case: Case) -> None:
        case = resolve(case)  # influence links at their fixed point, as the evaluator has them
        self.case = case
        self.shape = case.shape
        self.evaluator = Evaluator(case)
        self.feasibility = Feasibility(case)
        prefs: list[Preferences] = []
        units: list[_Unit] = []

        def add(st: Stakeholder) -> int:
            prefs.append(st.preferences)
            return len(prefs) - 1

        negotiators = []
        for side in case.sides:
            n = side.negotiator
            negotiators.append(len(prefs))
            units.append(
                _Unit(
                    (add(n),),
                    "single",
                    Power.RATIFY,
                    1.0,
                    0.5,
                    (1.0,),
                    (n.reservation,),
                    (n.uncertainty,),
                    (n,),
                )
            )
            for c in side.constituencies:
                units.append(self._unit(c, add))
        self.units = tuple(units)
        self.joint = joint_model(case)  # the evaluator's nodes (engine/correlation.py)
        # implementation risks: constants of every deal, 1 − π each (engine/powers.py)
        self.risks = math.prod(risk_factor(r.probability) for s in case.sides for r in s.risks)
        self.us = case.side_index(case.us)
        self.negotiators = (negotiators[0], negotiators[1])  # rows of each side's negotiator
        self.no_deal = tuple(s.no_deal_value for s in case.sides)
        w = [np.array(p.weights) for p in prefs]
        self.tables = [
            [
                w[s][i] * np.asarray(prefs[s].values[i], dtype=np.float64)
                for i in range(len(self.shape))
            ]
            for s in range(len(prefs))
        ]
        # the issues that matter most first: the widest spread of utility, summed
        spread = [
            sum(float(t[i].max() - t[i].min()) for t in self.tables) for i in range(len(self.shape))
        ]
        self.order = tuple(sorted(range(len(self.shape)), key=lambda i: (-spread[i], i)))
        k = len(self.order)
        self.rest = np.zeros((len(prefs), k + 1))
        for s, t in enumerate(self.tables):
            for depth in range(k - 1, -1, -1):
                self.rest[s, depth] = self.rest[s, depth + 1] + float(t[self.order[depth]].max())
        self.strides = np.array(
            [math.prod(self.shape[i + 1 :]) for i in range(len(self.shape))], dtype=np.int64
        )

    @staticmethod
    def _unit(c: Constituency, add: Callable[[Stakeholder], int]) -> _Unit:
        if c.blocs:
            return _Unit(
                tuple(add(b) for b in c.blocs),
                "blocs",
                c.power,
                c.strength,
                c.quota,
                tuple(b.share for b in c.blocs),
                tuple(b.reservation for b in c.blocs),
                tuple(b.uncertainty for b in c.blocs),
                c.blocs,
            )
        return _Unit(
            (add(c),),
            "single",
            c.power,
            c.strength,
            c.quota,
            (1.0,),
            (c.reservation,),
            (c.uncertainty,),
            (c,),
        )

    # ---- bounds ---------------------------------------------------------------
    def success_bound(self, upper: FloatArray) -> FloatArray:
        """P⁺ from each stakeholder's utility upper bound (rows of ``upper``)."""
        if self.joint is not None:
            return self._joint_bound(upper)
        m = upper.shape[1]
        p = np.ones(m)
        for unit in self.units:
            if unit.power is Power.INFLUENCE:
                continue
            rows = [
                approval_probability(upper[s], r, sd)
                for s, r, sd in zip(
                    unit.members, unit.reservations, unit.uncertainties, strict=True
                )
            ]
            q = (
                quota_probability(np.vstack(rows), unit.shares, unit.quota)
                if unit.kind == "blocs"
                else rows[0]
            )
            p *= factor(unit.power, q, unit.strength)  # engine/powers.py
        out: FloatArray = p * self.risks
        return out

    def _joint_bound(self, upper: FloatArray) -> FloatArray:
        """P⁺ under common factors: Σ_k w_k Π_units factor_unit(u⁺ | z_k), with the
        evaluator's own nodes. Given z every factor is increasing in its members'
        utilities, so each node's product is bounded separately (module docstring)."""
        joint = self.joint
        assert joint is not None
        nodes = joint.nodes
        m = upper.shape[1]
        out = np.zeros(m)
        chunk = max(1, BLOCK_FLOATS // max(m, 1))
        for start in range(0, len(nodes.weights), chunk):
            z = nodes.points[start : start + chunk]
            w = nodes.weights[start : start + chunk]
            k = len(w)
            p = np.ones((k, m))
            for unit in self.units:
                if unit.power is Power.INFLUENCE:
                    continue
                rows = [
                    conditional_approval(st, joint.correlation, upper[s], z)
                    for s, st in zip(unit.members, unit.stakeholders, strict=True)
                ]
                if unit.kind == "blocs":
                    flat = np.vstack([r.reshape(1, k * m) for r in rows])
                    q = quota_probability(flat, unit.shares, unit.quota).reshape(k, m)
                else:
                    q = rows[0]
                p *= factor(unit.power, q, unit.strength)  # engine/powers.py
            out += w @ p
        result: FloatArray = np.clip(out * self.risks, 0.0, 1.0)
        return result

    def bound(self, objective: Objective, pre: FloatArray, depth: int) -> FloatArray:
        upper = pre + self.rest[:, depth : depth + 1]
        p = self.success_bound(upper)
        if objective == "success":
            return p
        us, them = self.negotiators[self.us], self.negotiators[1 - self.us]
        x_us, x_them = self.no_deal[self.us], self.no_deal[1 - self.us]
        gain_us = np.maximum(0.0, upper[us] - x_us)
        if objective == "best":
            out: FloatArray = x_us + p * gain_us
            return out
        out = p * p * gain_us * np.maximum(0.0, upper[them] - x_them)
        return out

    def exact(
        self, objective: Objective, indices: IntArray
    ) -> tuple[FloatArray, FloatArray, FloatArray]:
        """(objective, P, EV_them) of complete deals, from the engine's evaluator."""
        r = self.evaluator.evaluate(indices)
        us, them = self.us, 1 - self.us
        if objective == "success":
            value = r.success
        elif objective == "best":
            value = r.expected_value[us]
        else:
            ga = r.expected_value[us] - self.no_deal[us]
            gb = r.expected_value[them] - self.no_deal[them]
            value = np.where((ga > 0) & (gb > 0), ga * gb, -np.inf)
        if self.feasibility.active:  # linked options: infeasible deals do not count
            digits = [(indices // st) % k for st, k in zip(self.strides, self.shape, strict=True)]
            value = np.where(self.feasibility.mask(digits), value, -np.inf)
        return value, r.success, r.expected_value[them]

    # ---- search ---------------------------------------------------------------
    def solve(self, objective: Objective, *, time_limit: float | None = None) -> Found:
        """The optimal deal for ``objective`` (module docstring)."""
        start = time.monotonic()
        k = len(self.order)
        n_st = len(self.tables)
        best: tuple[float, float, float, int] | None = (
            None  # grid value, grid P, grid EV_them, -index
        )
        best_value = -math.inf
        nodes = 0
        # a batch: (depth, digits (depth × m), prefix utilities (stakeholders × m), bounds)
        root = (0, np.zeros((0, 1), dtype=np.int16), np.zeros((n_st, 1)), np.array([math.inf]))
        # depth first: the batch with the largest bounds is on top, so good deals come early
        stack: list[tuple[float, tuple[int, Any, FloatArray, FloatArray]]] = [(math.inf, root)]
        timed_out = False
        batch_size = BATCH if self.joint is None else FACTOR_BATCH

        def consider(
            flat: IntArray, best: tuple[float, float, float, int] | None, best_value: float
        ) -> tuple[tuple[float, float, float, int] | None, float]:
            value, p, ev_them = self.exact(objective, flat)
            for j in np.flatnonzero(np.isfinite(value)):
                cand = (
                    float(np.floor(value[j] / TIE)),
                    float(np.floor(p[j] / TIE)),
                    # the Nash deal's ties go by (product, P, index), as in winsets
                    0.0 if objective == "nash" else float(np.floor(ev_them[j] / TIE)),
                    -int(flat[j]),
                )
                if best is None or cand > best:
                    best, best_value = cand, float(value[j])
            return best, best_value

        # a first incumbent: the case's default deal (the proposal, else our opening), so a
        # search stopped early still answers with a real deal
        start_deal = np.array([self.case.deal_index(self.case.default_deal())], dtype=np.int64)
        best, best_value = consider(start_deal, best, best_value)
        while stack:
            if time_limit is not None and time.monotonic() - start > time_limit:
                timed_out = True
                break
            top, (depth, digits, pre, _bounds) = stack.pop()
            if best is not None and top < best_value - 2 * TIE:
                continue  # the incumbent improved since this batch was pushed
            i = self.order[depth]
            n_opt = self.shape[i]
            m = pre.shape[1]
            nodes += m * n_opt
            opt = np.tile(np.arange(n_opt, dtype=np.int16), m)
            new_digits = np.vstack([np.repeat(digits, n_opt, axis=1), opt[None, :]])
            new_pre = np.repeat(pre, n_opt, axis=1)
            for s in range(n_st):
                new_pre[s] += self.tables[s][i][opt]
            b = self.bound(objective, new_pre, depth + 1)
            keep = b >= best_value - 2 * TIE if best is not None else np.ones(len(b), dtype=bool)
            if objective == "nash":
                keep &= b > 0
            if not keep.any():
                continue
            new_digits, new_pre, b = new_digits[:, keep], new_pre[:, keep], b[keep]
            if depth + 1 == k:
                flat = np.zeros(new_digits.shape[1], dtype=np.int64)
                for pos, issue in enumerate(self.order):
                    flat += new_digits[pos].astype(np.int64) * self.strides[issue]
                best, best_value = consider(flat, best, best_value)
                continue
            order = np.argsort(-b, kind="stable")
            # push the weakest batch first, so the strongest is expanded next
            starts = list(range(0, len(order), batch_size))
            for lo in reversed(starts):
                sel = order[lo : lo + batch_size]
                batch = (depth + 1, new_digits[:, sel], new_pre[:, sel], b[sel])
                stack.append((float(b[sel].max()), batch))
        open_bound = max((h[0] for h in stack), default=-math.inf) if timed_out else -math.inf
        upper = max(best_value, open_bound)
        status: Status = "time_limit" if timed_out and upper > best_value + TIE else "optimal"
        if status == "optimal":
            upper = best_value
        model = ""
        if self.joint is not None:
            nodes_ = self.joint.nodes
            model = computed_model(len(nodes_.weights), nodes_.method)
        proof = Optimality(status, best_value, upper, nodes, time.monotonic() - start, model)
        return Found(None if best is None else -best[3], best_value, proof)
