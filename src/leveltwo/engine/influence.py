"""Influence: the Friedkin–Johnsen fixed point of the case's influence links.

The actors are the single stakeholders (negotiators, constituencies without
blocs, blocs). A link ``source → target`` with weight w makes every voting
member of the target give w to the source's stance (split over the source's
blocs by share when it votes by blocs); each target keeps 1 − Σ w for its own
(DeGroot 1974). With susceptibilities Λ = diag(λ) and the row-stochastic W,
each actor's opinion x (its reservation; with ``weights: true`` also its issue
weights) follows

    x(t + 1) = Λ W x(t) + (I − Λ) x₀,

whose fixed point (Friedkin and Johnsen 1990) is

    x* = (I − Λ W)⁻¹ (I − Λ) x₀.

An actor with λ = 0 keeps x₀; sources never move unless they are targets
themselves (multi-step chains are included: the fixed point is the limit).
Because each row of (I − ΛW)⁻¹(I − Λ) sums to 1, moved weights still sum to
1. The engine evaluates every deal on the case with x* in place of x₀
(:func:`resolve`); :func:`influence_analysis` says who moved whom and by how
much. Without ``influences:`` the case is returned unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TypeVar

import numpy as np
from numpy.typing import NDArray

from leveltwo.errors import CaseError, Problem
from leveltwo.model.case import Case, Constituency, Preferences, Stakeholder
from leveltwo.model.influence import EXTENSION, InfluenceNetwork, network_of

FloatArray = NDArray[np.float64]

#: A change smaller than this is not reported as a move.
MIN_SHIFT = 1e-12


@dataclass(frozen=True)
class Shift:
    """How far the links moved one actor's reservation (and weights)."""

    key: str
    name: str
    susceptibility: float
    before: float
    after: float
    sources: tuple[tuple[str, float], ...]  # (source key, weight of its link)
    weights_before: tuple[float, ...] | None = None
    weights_after: tuple[float, ...] | None = None

    @property
    def change(self) -> float:
        return self.after - self.before

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "key": self.key,
            "name": self.name,
            "susceptibility": self.susceptibility,
            "reservation_before": self.before,
            "reservation_after": self.after,
            "change": self.change,
            "sources": [{"key": k, "weight": w} for k, w in self.sources],
        }
        if self.weights_after is not None:
            out["weights_before"] = list(self.weights_before or ())
            out["weights_after"] = list(self.weights_after)
        return out


@dataclass(frozen=True)
class InfluenceAnalysis:
    """Who moves whom, and by how much, at the Friedkin–Johnsen fixed point."""

    links: tuple[tuple[str, str, float], ...]  # (source, target, weight)
    shifts: tuple[Shift, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "links": [{"source": s, "target": t, "weight": w} for s, t, w in self.links],
            "shifts": [s.to_json() for s in self.shifts],
        }


def _actors(case: Case) -> list[Stakeholder]:
    out: list[Stakeholder] = []
    for side in case.sides:
        out.append(side.negotiator)
        for c in side.constituencies:
            out.extend(c.blocs if c.blocs else (c,))
    return out


def _members(case: Case, key: str) -> list[tuple[str, float]]:
    """The actors a key stands for, with their part (blocs by share)."""
    st = case.stakeholder(key)
    if isinstance(st, Constituency) and st.blocs:
        total = sum(b.share for b in st.blocs)
        return [(b.key, b.share / total) for b in st.blocs]
    return [(key, 1.0)]


@dataclass(frozen=True)
class _Solution:
    keys: tuple[str, ...]
    reservation: FloatArray
    weights: FloatArray  # (actors, issues)
    moved_weights: frozenset[str]


def _solve(case: Case, net: InfluenceNetwork) -> _Solution:
    actors = _actors(case)
    keys = tuple(a.key for a in actors)
    at: dict[str, int] = {k: i for i, k in enumerate(keys)}
    n = len(actors)
    w_res = np.zeros((n, n))
    w_wts = np.zeros((n, n))
    for link in net.links:
        for s, part in _members(case, link.source):
            for t, _ in _members(case, link.target):
                w_res[at[t], at[s]] += link.weight * part
                if link.weights:
                    w_wts[at[t], at[s]] += link.weight * part
    lam = np.array([net.susceptibility_of(k) for k in keys])
    x0 = np.array([a.reservation for a in actors])
    y0 = np.array([a.preferences.weights for a in actors], dtype=np.float64)
    x = _fixed_point(w_res, lam, x0[:, None], keys)[:, 0]
    y = _fixed_point(w_wts, lam, y0, keys) if w_wts.any() else y0
    moved = frozenset(k for k, row in zip(keys, w_wts, strict=True) if row.any())
    return _Solution(keys, x, y, moved)


def _fixed_point(
    w: FloatArray, lam: FloatArray, x0: FloatArray, keys: tuple[str, ...]
) -> FloatArray:
    """x* = (I − ΛW)⁻¹(I − Λ)x₀ with W = the links plus each actor's own weight.

    Only actors someone influences listen (λ of the others is 0); weights aimed at
    one actor that sum above 1 (a constituency's and its bloc's) are scaled to 1.
    """
    total = w.sum(axis=1)
    w = w / np.maximum(total, 1.0)[:, None]
    lam = np.where(total > 0, lam, 0.0)
    full = w + np.diag(1.0 - w.sum(axis=1))
    a = np.eye(len(lam)) - lam[:, None] * full
    if np.linalg.cond(a) > 1e12:
        stuck = [k for k, lv in zip(keys, lam, strict=True) if lv >= 1.0]
        raise CaseError(
            [
                Problem(
                    "influences",
                    "a network whose fully susceptible stakeholders (susceptibility 1) listen, "
                    "directly or not, to someone who keeps an anchor",
                    f"a closed group with susceptibility 1: {', '.join(stuck)}",
                )
            ]
        )
    out: FloatArray = np.linalg.solve(a, (1.0 - lam)[:, None] * x0).astype(np.float64)
    return out


S = TypeVar("S", bound=Stakeholder)


def _moved(st: S, sol: _Solution, at: dict[str, int]) -> S:
    i = at[st.key]
    new = replace(st, reservation=float(sol.reservation[i]))
    if st.key in sol.moved_weights:
        ws = tuple(float(v) for v in sol.weights[i])
        new = replace(new, preferences=Preferences(ws, st.preferences.values))
    return new


def resolve(case: Case) -> Case:
    """The case with every reservation (and linked weights) at the fixed point.

    Idempotent: the result carries its network marked ``applied``.
    """
    net = network_of(case)
    if net is None or net.applied:
        return case
    sol = _solve(case, net)
    at = {k: i for i, k in enumerate(sol.keys)}
    sides = []
    for side in case.sides:
        cons = tuple(
            replace(c, blocs=tuple(_moved(b, sol, at) for b in c.blocs))
            if c.blocs
            else _moved(c, sol, at)
            for c in side.constituencies
        )
        neg = _moved(side.negotiator, sol, at)
        sides.append(replace(side, negotiator=neg, constituencies=cons))
    done = replace(net, applied=True)
    extensions = tuple((k, done if k == EXTENSION else v) for k, v in case.extensions)
    return replace(case, sides=(sides[0], sides[1]), extensions=extensions)


def influence_analysis(case: Case) -> InfluenceAnalysis | None:
    """Who moves whom and by how much (None when the case has no influence links)."""
    net = network_of(case)
    if net is None:
        return None
    if net.applied:
        raise ValueError("influence_analysis needs the case as loaded, not a resolved one")
    sol = _solve(case, net)
    by_target: dict[str, list[tuple[str, float]]] = {}
    for link in net.links:
        for t, _ in _members(case, link.target):
            by_target.setdefault(t, []).append((link.source, link.weight))
    shifts = []
    for i, st in enumerate(_actors(case)):
        after = float(sol.reservation[i])
        moved_w = st.key in sol.moved_weights
        if abs(after - st.reservation) <= MIN_SHIFT and not moved_w:
            continue
        shifts.append(
            Shift(
                st.key,
                st.name,
                net.susceptibility_of(st.key),
                st.reservation,
                after,
                tuple(by_target.get(st.key, ())),
                st.preferences.weights if moved_w else None,
                tuple(float(v) for v in sol.weights[i]) if moved_w else None,
            )
        )
    return InfluenceAnalysis(
        tuple((x.source, x.target, x.weight) for x in net.links), tuple(shifts)
    )
