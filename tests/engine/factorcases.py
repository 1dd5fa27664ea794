"""Hypothesis strategy: random small valid cases with one or two common factors.

Loadings are drawn per stakeholder key (negotiators, constituencies, blocs)
from values that keep Σ λ² ≤ 1, including ±1 (a step given the factor) on
one factor; three factors sometimes, so the seeded Monte Carlo nodes are
covered too; sometimes an implementation risk on one side.
"""

from __future__ import annotations

import copy
from typing import Any

from casegen import case_data, stakeholder_nodes
from hypothesis import strategies as st

from leveltwo.model.build import build_case

ONE = [-1.0, -0.6, -0.3, 0.3, 0.6, 0.9, 1.0]
TWO = [-0.7, -0.4, 0.4, 0.7]
THREE = [-0.5, -0.3, 0.3, 0.5]


@st.composite
def factor_data(draw: st.DrawFn, max_factors: int = 2) -> dict[str, Any]:
    """Random case data with a ``factors:`` block."""
    data = copy.deepcopy(draw(case_data()))
    keys = [s.key for s in build_case(copy.deepcopy(data)).stakeholders()]
    n = draw(st.integers(1, max_factors))
    table = {1: ONE, 2: TWO}.get(n, THREE)
    factors = []
    for f in range(n):
        chosen = draw(st.lists(st.sampled_from(keys), min_size=1, max_size=len(keys), unique=True))
        factors.append(
            {"id": f"f{f}", "loadings": {k: draw(st.sampled_from(table)) for k in chosen}}
        )
    data["factors"] = factors
    # a loaded stakeholder without uncertainty is not conditioned: give most of them some
    loaded = {k for f in factors for k in f["loadings"]}
    for key, (_, node, _) in zip(keys, list(stakeholder_nodes(data)), strict=True):
        if key in loaded and not node.get("uncertainty") and draw(st.booleans()):
            node["uncertainty"] = draw(st.sampled_from([0.05, 0.1, 0.2]))
    if draw(st.booleans()):  # an implementation risk (1 − π on its side's P)
        side = draw(st.sampled_from(data["sides"]))
        side["implementation_risks"] = [
            {"id": "courts", "probability": draw(st.sampled_from([0.1, 0.3]))}
        ]
    return data
