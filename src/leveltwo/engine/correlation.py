"""Correlated uncertainty: the deal's probabilities when common factors move the bars together.

With the case's ``factors:`` (:mod:`leveltwo.model.correlation`), stakeholder s
with loadings λ_s on the factors z ~ N(0, I) has the reservation shock
σ_s(λ_s·z + √(1 − |λ_s|²) ε_s). Given z the stakeholders are independent
again, and each approves with

    p_s(d | z) = Φ((u_s(d) − r_s − σ_s λ_s·z) / (σ_s √(1 − |λ_s|²)))

(a step at u_s = r_s + σ_s λ_s·z when |λ_s| = 1), whose average over z is the
baseline p_s(d) = Φ((u_s − r_s)/σ_s): every stakeholder's own approval is
unchanged, only the joint events change. So, with the baseline formulas
applied *given z* (a bloc vote's dynamic programme included; each factor is
the one rule of :mod:`leveltwo.engine.powers`),

    P_ratify(s, d)    = E_z[ Π_{c ∈ R_s} p_c(d | z) ]
    P_implement(s, d) = E_z[ Π_{c ∈ B_s} (1 − β_c (1 − p_c(d | z))) ] · Π_{k ∈ K_s} (1 − π_k)
    P_side(s, d)      = E_z[ P_ratify(s, d | z) · P_implement(s, d | z) ]
    P(d)              = E_z[ Π_s P_side(s, d | z) ]

The expectation is exact Gauss–Hermite quadrature (probabilists' Hermite
nodes, ``numpy.polynomial.hermite_e.hermegauss``, :data:`QUADRATURE_NODES`
per factor, a tensor grid for two factors) for one or two factors, and a
seeded Monte Carlo over z (:data:`MONTE_CARLO_DRAWS` draws from
``numpy.random.default_rng(MONTE_CARLO_SEED)``) for more, or on request as a
cross-check. Only loaded stakeholders with σ > 0 are recomputed per node; the
others enter as their baseline factors. Without factors the engine never
calls this module, so every baseline number is unchanged bit for bit.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from leveltwo.engine.approval import STEP_TOLERANCE, approval_probability
from leveltwo.engine.blocvote import quota_probability
from leveltwo.engine.factors import (
    Digits,
    constituency_approval,
    stakeholder_approval,
    utility_of,
)
from leveltwo.engine.normal import ndtr
from leveltwo.engine.powers import Entry, entry, factor, risk_factor
from leveltwo.model.case import Case, Constituency, Power, Stakeholder
from leveltwo.model.correlation import Correlation, correlation_of
from leveltwo.model.deal import Deal

FloatArray = NDArray[np.float64]
Method = Literal["auto", "quadrature", "monte_carlo"]

#: Gauss–Hermite nodes per factor (one factor; a tensor grid of this many per axis for two).
QUADRATURE_NODES = {1: 48, 2: 24}
#: Draws of z for more than two factors (or a Monte Carlo cross-check).
MONTE_CARLO_DRAWS = 20_000
MONTE_CARLO_SEED = 0
#: Nodes × deals evaluated at once.
BLOCK_FLOATS = 1 << 18
#: Floats a caller's memo of conditional factors may hold (8 bytes each).
MEMO_FLOATS = 1 << 24

#: Conditional factors kept between models: (tag, block, term key, stakeholder) → k × m.
Memo = dict[tuple[object, ...], NDArray[np.float64]]


@dataclass(frozen=True)
class Nodes:
    """Points z_k (K × F) and weights w_k (Σ w_k = 1) approximating E over z ~ N(0, I)."""

    points: FloatArray
    weights: FloatArray
    method: Literal["quadrature", "monte_carlo"]


@lru_cache(maxsize=16)
def quadrature_nodes(factors: int, per_factor: int | None = None) -> Nodes:
    """Gauss–Hermite (probabilists') nodes for E over F = 1 or 2 standard normal factors
    (kept: a search compiles many models on the same nodes; the arrays are read only)."""
    if factors not in (1, 2):
        raise ValueError("quadrature is for one or two factors")
    from numpy.polynomial.hermite_e import hermegauss  # cases with factors only (start-up)

    n = per_factor or QUADRATURE_NODES[factors]
    x, w = hermegauss(n)
    w = w / np.sqrt(2.0 * np.pi)
    if factors == 1:
        return Nodes(x[:, None], w, "quadrature")
    gx, gy = np.meshgrid(x, x, indexing="ij")
    return Nodes(np.column_stack([gx.ravel(), gy.ravel()]), np.outer(w, w).ravel(), "quadrature")


def monte_carlo_nodes(factors: int, draws: int = MONTE_CARLO_DRAWS, seed: int = 0) -> Nodes:
    """``draws`` equally weighted draws of z from ``numpy.random.default_rng(seed)``."""
    z = np.random.default_rng(seed).standard_normal((draws, factors))
    return Nodes(z, np.full(draws, 1.0 / draws), "monte_carlo")


@dataclass(frozen=True)
class JointProbabilities:
    """Marginal probabilities under the factors; rows follow ``case.sides``."""

    ratification: FloatArray  # (2, m)
    implementation: FloatArray  # (2, m)
    side: FloatArray  # (2, m)
    success: FloatArray  # (m,)


@dataclass(frozen=True)
class _Actor:
    """One loaded single actor (negotiator, constituency or bloc) with σ > 0."""

    stakeholder: Stakeholder
    loadings: FloatArray  # (F,)
    scale: float  # σ√(1 − |λ|²)


@dataclass(frozen=True)
class _Term:
    """A negotiator or constituency as it enters its side: ratifier or blocker."""

    key: str
    stakeholder: Stakeholder
    power: Power
    strength: float
    actors: tuple[_Actor | None, ...]  # one per voting member; None: not loaded

    @property
    def row(self) -> int:
        """0: it multiplies the ratification product, 1: the implementation product."""
        return int(entry(self.power) is Entry.IMPLEMENTATION)


def _actor(st: Stakeholder, corr: Correlation) -> _Actor | None:
    lam = np.asarray(corr.loadings(st.key), dtype=np.float64)
    if st.uncertainty <= 0 or not np.any(lam):
        return None
    rest = max(0.0, 1.0 - float(lam @ lam))
    return _Actor(st, lam, st.uncertainty * float(np.sqrt(rest)))


def _conditional(a: _Actor, u: FloatArray, z: FloatArray) -> FloatArray:
    """p(d | z) for the nodes z (K × F) and utilities u (m,): a K × m array."""
    bar = a.stakeholder.reservation + a.stakeholder.uncertainty * (z @ a.loadings)
    gap = u[None, :] - bar[:, None]
    if a.scale > 0:
        out: FloatArray = ndtr(gap / a.scale)
        return out
    return (gap >= -STEP_TOLERANCE).astype(np.float64)


class JointModel:
    """A case's sides compiled for evaluation under its common factors."""

    def __init__(
        self,
        case: Case,
        correlation: Correlation,
        method: Method = "auto",
        draws: int = MONTE_CARLO_DRAWS,
        seed: int = MONTE_CARLO_SEED,
    ) -> None:
        self.case = case
        self.correlation = correlation
        f = len(correlation.factors)
        if method == "quadrature" or (method == "auto" and f <= 2):
            self.nodes = quadrature_nodes(f)
        else:
            self.nodes = monte_carlo_nodes(f, draws, seed)
        self.terms = tuple(self._terms(s) for s in range(2))

    def _terms(self, s: int) -> tuple[_Term, ...]:
        side = self.case.sides[s]
        corr = self.correlation
        out = [
            _Term(
                side.negotiator.key,
                side.negotiator,
                Power.RATIFY,
                1.0,
                (_actor(side.negotiator, corr),),
            )
        ]
        for c in side.constituencies:
            if entry(c.power) is None:
                continue
            members: Sequence[Stakeholder] = c.blocs if c.blocs else (c,)
            out.append(
                _Term(
                    c.key,
                    c,
                    c.power,
                    c.strength,
                    tuple(_actor(m, corr) for m in members),
                )
            )
        return tuple(out)

    @property
    def loaded(self) -> tuple[str, ...]:
        """Keys of the stakeholders whose approval the factors condition."""
        return tuple(a.stakeholder.key for side in self.terms for t in side for a in t.actors if a)

    def probabilities(
        self, digits: Digits, sure: frozenset[str] = frozenset()
    ) -> JointProbabilities:
        """The marginal probabilities of each deal; stakeholders keyed in ``sure`` approve."""
        m = len(digits[0]) if len(digits) else 1
        acc = np.zeros((3, 2, m))  # ratify, implement, side
        success = np.zeros(m)
        for w, cond in self.node_blocks(digits, sure):
            side_k = cond[:, 0] * cond[:, 1]
            acc[0] += np.einsum("k,skm->sm", w, cond[:, 0])
            acc[1] += np.einsum("k,skm->sm", w, cond[:, 1])
            acc[2] += np.einsum("k,skm->sm", w, side_k)
            success += w @ (side_k[0] * side_k[1])
        clip = np.clip
        return JointProbabilities(
            clip(acc[0], 0.0, 1.0),
            clip(acc[1], 0.0, 1.0),
            clip(acc[2], 0.0, 1.0),
            clip(success, 0.0, 1.0),
        )

    def node_success(
        self,
        digits: Digits,
        sure: frozenset[str] = frozenset(),
        tag: object = None,
        memo: Memo | None = None,
    ) -> Iterator[tuple[FloatArray, FloatArray, FloatArray]]:
        """(z_k, w_k, P(d | z_k)) over blocks of nodes: the points (k × F), the weights
        (k,) and the conditional chance that both sides say yes (k × m). Σ_k w_k P(d | z_k)
        is :meth:`probabilities`' ``success`` before clipping; the planner multiplies
        further conditional factors in per node (docs/strategies.md).

        ``memo`` keeps each term's conditional factor under (``tag``, the block, the term's
        stakeholder), so models sharing stakeholders (a search's many cases) and the same
        deals (``tag`` names them) compute it once, up to :data:`MEMO_FLOATS` floats."""
        for z, w, cond in self._blocks(digits, sure, tag, memo):
            side_k = cond[:, 0] * cond[:, 1]
            yield z, w, side_k[0] * side_k[1]

    def node_blocks(
        self, digits: Digits, sure: frozenset[str] = frozenset()
    ) -> Iterator[tuple[FloatArray, FloatArray]]:
        """(w_k, the conditional ratify/implement products [side, ratify/implement, k, m])
        over blocks of at most :data:`BLOCK_FLOATS` node × deal floats."""
        for _, w, cond in self._blocks(digits, sure):
            yield w, cond

    def _blocks(
        self,
        digits: Digits,
        sure: frozenset[str],
        tag: object = None,
        memo: Memo | None = None,
    ) -> Iterator[tuple[FloatArray, FloatArray, FloatArray]]:
        m = len(digits[0]) if len(digits) else 1
        fixed = np.ones((2, 2, m))  # [side, ratify/implement]: the unloaded terms
        loaded: list[list[tuple[_Term, list[FloatArray | None], FloatArray | None]]] = [[], []]
        for s in range(2):
            for t in self.terms[s]:
                if t.key in sure:
                    continue
                if not any(t.actors):
                    p = self._marginal(t.stakeholder, digits)
                    fixed[s, t.row] *= factor(t.power, p, t.strength)
                    continue
                members = t.stakeholder.blocs if isinstance(t.stakeholder, Constituency) else ()
                people: Sequence[Stakeholder] = members or (t.stakeholder,)
                utils: list[FloatArray | None] = []
                consts: list[FloatArray] = []
                for st, a in zip(people, t.actors, strict=True):
                    if a is None:
                        consts.append(stakeholder_approval(st, digits))
                        utils.append(None)
                    else:
                        consts.append(np.zeros(m))
                        utils.append(utility_of(st.preferences, digits))
                loaded[s].append((t, utils, np.vstack(consts) if members else None))
            for r in self.case.sides[s].risks:
                fixed[s, 1] *= risk_factor(r.probability)
        nodes = self.nodes
        k_all = len(nodes.weights)
        chunk = max(1, BLOCK_FLOATS // max(m, 1))
        for start in range(0, k_all, chunk):
            z = nodes.points[start : start + chunk]
            w = nodes.weights[start : start + chunk]
            k = len(w)
            cond = np.ones((2, 2, k, m))
            for s in range(2):
                for term, us, rows in loaded[s]:
                    key = (tag, start, term.key, term.stakeholder)
                    hit = None if memo is None or tag is None else memo.get(key)
                    if hit is None:
                        hit = self._conditional_term(term, us, rows, z, k, m)
                        room = k * m * (len(memo) + 1) <= MEMO_FLOATS if memo is not None else False
                        if memo is not None and tag is not None and room:
                            memo[key] = hit
                    cond[s, term.row] *= factor(term.power, hit, term.strength)
            cond *= fixed[:, :, None, :]
            yield z, w, cond

    @staticmethod
    def _marginal(st: Stakeholder, digits: Digits) -> FloatArray:
        if isinstance(st, Constituency):
            return constituency_approval(st, digits)
        return stakeholder_approval(st, digits)

    @staticmethod
    def _conditional_term(
        t: _Term,
        utils: list[FloatArray | None],
        consts: FloatArray | None,
        z: FloatArray,
        k: int,
        m: int,
    ) -> FloatArray:
        """The term's approval given each node: K × m."""
        if consts is None:  # a single actor, loaded
            a, u = t.actors[0], utils[0]
            assert a is not None
            assert u is not None
            return _conditional(a, u, z)
        # a bloc vote: the programme runs on every (node, deal) column at once
        rows = np.repeat(consts[:, None, :], k, axis=1)
        for b, (a, u) in enumerate(zip(t.actors, utils, strict=True)):
            if a is not None and u is not None:
                rows[b] = _conditional(a, u, z)
        assert isinstance(t.stakeholder, Constituency)
        c = t.stakeholder
        flat = quota_probability(
            rows.reshape(len(c.blocs), k * m), [b.share for b in c.blocs], c.quota
        )
        return flat.reshape(k, m)

    def approval(self, st: Stakeholder, digits: Digits) -> FloatArray:
        """E_z of a stakeholder's own approval: its baseline p, except for a constituency
        whose blocs the factors load, whose vote is no longer one of independent blocs."""
        if not isinstance(st, Constituency) or not st.blocs:
            return self._marginal(st, digits)
        actors = tuple(_actor(b, self.correlation) for b in st.blocs)
        if not any(actors):
            return self._marginal(st, digits)
        m = len(digits[0]) if len(digits) else 1
        utils = [
            None if a is None else utility_of(b.preferences, digits)
            for b, a in zip(st.blocs, actors, strict=True)
        ]
        consts = np.vstack(
            [
                stakeholder_approval(b, digits) if a is None else np.zeros(m)
                for b, a in zip(st.blocs, actors, strict=True)
            ]
        )
        term = _Term(st.key, st, Power.RATIFY, 1.0, actors)
        out = np.zeros(m)
        chunk = max(1, BLOCK_FLOATS // max(m, 1))
        for start in range(0, len(self.nodes.weights), chunk):
            z = self.nodes.points[start : start + chunk]
            w = self.nodes.weights[start : start + chunk]
            out += w @ self._conditional_term(term, utils, consts, z, len(w), m)
        result: FloatArray = np.clip(out, 0.0, 1.0)
        return result

    def deal(self, deal: Deal, sure: frozenset[str] = frozenset()) -> JointProbabilities:
        """The probabilities of one deal."""
        return self.probabilities([np.array([c], dtype=np.int64) for c in deal.choices], sure)


def conditional_approval(
    st: Stakeholder, correlation: Correlation, u: FloatArray, z: FloatArray
) -> FloatArray:
    """p_s(d | z) of the module docstring for utilities ``u`` (m,) at the nodes ``z``
    (K × F): a K × m array, increasing in u (the baseline p_s(u) on every row for a
    stakeholder the factors do not load, or with σ = 0)."""
    a = _actor(st, correlation)
    if a is None:
        row = approval_probability(u, st.reservation, st.uncertainty)
        return np.broadcast_to(row, (len(z), len(u)))
    return _conditional(a, u, z)


def joint_model(
    case: Case, method: Method = "auto", seed: int = MONTE_CARLO_SEED
) -> JointModel | None:
    """The case compiled under its factors, or None when it has none (the baseline)."""
    corr = correlation_of(case)
    return None if corr is None else JointModel(case, corr, method, seed=seed)
