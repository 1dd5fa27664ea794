"""Vectorised evaluation of deals: the baseline model of docs/model.md over arrays.

    P_ratify(s, d)    = Π_{c ∈ R_s} p_c(d)            (negotiator always in R_s)
    P_implement(s, d) = Π_{c ∈ B_s} (1 − β_c (1 − p_c(d))) · Π_{k ∈ K_s} (1 − π_k)
    P_side(s, d)      = P_ratify · P_implement
    P(d)              = Π_s P_side(s, d)
    EV_s(d)           = P(d) · u_s(d) + (1 − P(d)) · x_s

Where each constituency enters and its factor is the one rule of
:mod:`leveltwo.engine.powers` (``influence`` constituencies do not enter P; an
implementation risk k multiplies P_implement by 1 − π_k). An
:class:`Evaluator` is compiled once per case and then evaluates any batch of
deals.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from leveltwo.engine.approval import approval_probability
from leveltwo.engine.correlation import joint_model
from leveltwo.engine.factors import Digits, Factor, approval_factor, utility_factor
from leveltwo.engine.influence import resolve
from leveltwo.engine.powers import enters, side_product
from leveltwo.engine.space import Layout, OutcomeSpace, keep_freed_memory
from leveltwo.model.case import Case, Constituency, Negotiator, Side

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


@dataclass(frozen=True)
class DealArrays:
    """Per-deal results for a batch of deals; rows follow ``case.sides``."""

    indices: IntArray
    ratification: FloatArray  # (2, m)
    implementation: FloatArray  # (2, m)
    side: FloatArray  # (2, m) P_side
    success: FloatArray  # (m,) P
    utility: FloatArray  # (2, m) negotiators' utilities u_s
    expected_value: FloatArray  # (2, m) EV_s

    def __len__(self) -> int:
        return int(self.success.shape[0])


@dataclass(frozen=True)
class _SideFactors:
    side: Side
    negotiator: Negotiator
    approval: Factor  # the negotiator's
    constituencies: dict[str, Factor]  # key → approval, for those that enter P
    utility: Factor
    no_deal: float


class Evaluator:
    """The model of one case, compiled for fast evaluation of many deals."""

    def __init__(self, case: Case) -> None:
        keep_freed_memory()
        case = resolve(case)  # influence links at their fixed point (engine/influence.py)
        self.case = case
        self.space = OutcomeSpace(case.shape)
        self.layout = Layout(self.space)
        self._sides = tuple(self._compile(s) for s in case.sides)
        self.no_deal = np.array([s.no_deal_value for s in case.sides], dtype=np.float64)
        self._joint = joint_model(case)  # None without `factors:` (engine/correlation.py)

    def _compile(self, side: Side) -> _SideFactors:
        shape = self.case.shape
        return _SideFactors(
            side,
            side.negotiator,
            approval_factor(side.negotiator, shape),
            {c.key: approval_factor(c, shape) for c in side.constituencies if enters(c.power)},
            utility_factor(side.negotiator, shape),
            side.no_deal_value,
        )

    def evaluate_digits(self, digits: Digits, indices: IntArray) -> DealArrays:
        m = len(indices)
        ratify = np.empty((2, m))
        implement = np.empty((2, m))
        util = np.empty((2, m))
        term = np.empty(m)
        for s, sf in enumerate(self._sides):
            util[s] = sf.utility(digits)
            if sf.approval.table is not None:
                neg_p = sf.approval(digits)
            else:  # the same numbers as sf.approval(digits), without a second utility
                neg = sf.negotiator
                neg_p = approval_probability(util[s], neg.reservation, neg.uncertainty)

            def approval(c: Constituency, sf: _SideFactors = sf) -> FloatArray:
                return sf.constituencies[c.key](digits)

            ratify[s], implement[s] = side_product(sf.side, neg_p, approval)
        side = ratify * implement
        success = side[0] * side[1]
        if self._joint is not None:  # correlated uncertainty: E_z of the same products
            j = self._joint.probabilities(digits)
            ratify, implement, side, success = j.ratification, j.implementation, j.side, j.success
        ev = success * util
        np.subtract(1.0, success, out=term)
        ev += term * self.no_deal[:, None]
        return DealArrays(indices, ratify, implement, side, success, util, ev)

    def evaluate(self, indices: IntArray) -> DealArrays:
        """Evaluate the deals at these flat indices."""
        idx = np.asarray(indices, dtype=np.int64)
        return self.evaluate_digits(self.space.digits(idx), idx)

    def evaluate_range(self, start: int, stop: int) -> DealArrays:
        """Evaluate the deals ``start .. stop - 1`` (fastest on whole rows of ``layout``)."""
        indices = np.arange(start, stop, dtype=np.int64)
        if stop > start and self.layout.aligned(start, stop):
            return self.evaluate_digits(self.layout.batch(start, stop), indices)
        return self.evaluate(indices)


def evaluate_all(case: Case) -> DealArrays:
    """Every deal of a (small enough) case at once: for charts and tests."""
    return Evaluator(case).evaluate_range(0, case.size)
