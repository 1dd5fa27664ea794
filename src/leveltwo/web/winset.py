"""The data behind the win-set chart: the library's whole-space analysis plus
the points to draw.

Every deal is drawn when the space is small enough; past :data:`MAX_POINTS`,
the library's shared seeded sample is drawn
(:func:`leveltwo.engine.sample.sample_indices`: the report's chart shows a
subset of the same points), and the page says so. The frontier, best and Nash deals are
always drawn. Point coordinates are rounded for transfer; the figures shown
as numbers come unrounded from :func:`leveltwo.analyze_space`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from leveltwo import Case, Evaluator, analyze_space
from leveltwo.engine.constraints import Feasibility
from leveltwo.engine.sample import SAMPLE_SEED, sample_indices
from leveltwo.engine.winsets import Progress

MAX_POINTS = 20_000


def choices_of(case: Case, labels: dict[str, str]) -> list[int]:
    return [issue.options.index(labels[issue.id]) for issue in case.issues]


def empty_zone_advice(case: Case, r: Any, threshold: float, count: int = 3) -> dict[str, Any]:
    """When no drawn deal is in both win-sets: the nearest deals (the highest chance of
    the less willing side) and the side to work on (the one that falls short there)."""
    weakest = np.minimum(r.side[0], r.side[1])
    order = np.argsort(-weakest, kind="stable")[:count]
    nearest = []
    for k in order:
        short = int(np.argmin(r.side[:, k]))
        nearest.append(
            {
                "index": int(r.indices[k]),
                "side_probability": {s.id: float(r.side[j, k]) for j, s in enumerate(case.sides)},
                "short_side": case.sides[short].id,
                "success_probability": float(r.success[k]),
            }
        )
    shortfalls = [case.sides[int(np.argmin(r.side[:, k]))].id for k in order]
    work_on = max(set(shortfalls), key=shortfalls.count) if shortfalls else case.their_side.id
    name = case.side(work_on).name
    return {
        "work_on": work_on,
        "work_on_name": name,
        "nearest": nearest,
        "text": (
            f"No deal is in both win-sets at τ = {threshold:g}. The nearest deals fall short "
            f"on the side of {name}: work on its constituencies first (the diagnosis of "
            "a nearest deal says who and by how much), or ask whether a lower τ is acceptable."
        ),
    }


def space_view(
    case: Case, evaluator: Evaluator, threshold: float, progress: Progress | None = None
) -> dict[str, Any]:
    """The analysis (as the CLI's ``winsets --json`` gives it) and the chart's points."""
    analysis = analyze_space(case, threshold, progress=progress)
    doc: dict[str, Any] = analysis.to_json()
    indices, sampled = sample_indices(case.size, MAX_POINTS)
    special = [case.deal_index(p.deal) for p in analysis.frontier]
    special.append(case.deal_index(analysis.best_deal.deal))
    if analysis.nash_deal is not None:
        special.append(case.deal_index(analysis.nash_deal.deal))
    if case.proposal is not None:
        special.append(case.deal_index(case.proposal))
    indices = np.union1d(indices, np.array(special, dtype=np.int64))
    feasibility = Feasibility(case)
    if feasibility.active:  # deals the linked options rule out are not drawn
        indices = indices[feasibility.mask(evaluator.space.digits(indices))]
    r = evaluator.evaluate(indices)
    us = case.side_index(case.us)
    them = 1 - us
    zone = (r.side[0] >= threshold) & (r.side[1] >= threshold)
    best = analysis.best_deal.to_json()
    best["index"] = case.deal_index(analysis.best_deal.deal)
    doc["best_deal"] = best
    if analysis.nash_deal is not None:
        nash = analysis.nash_deal.to_json()
        nash["index"] = case.deal_index(analysis.nash_deal.deal)
        doc["nash_deal"] = nash
    frontier = []
    for point in analysis.frontier:
        entry = point.to_json()
        entry["index"] = case.deal_index(point.deal)
        frontier.append(entry)
    doc["frontier"] = frontier
    proposal = None
    if case.proposal is not None:
        k = int(np.searchsorted(r.indices, case.deal_index(case.proposal)))
        if k < len(r.indices) and int(r.indices[k]) == case.deal_index(case.proposal):
            proposal = {
                "index": int(r.indices[k]),
                "success_probability": float(r.success[k]),
                "ev_us": float(r.expected_value[us, k]),
                "ev_them": float(r.expected_value[them, k]),
            }
    return {
        "proposal": proposal,
        "issues": [{"name": i.name, "options": list(i.options)} for i in case.issues],
        "advice": empty_zone_advice(case, r, threshold) if not zone.any() else None,
        "analysis": doc,
        "us": case.us,
        "them": case.their_side.id,
        "us_name": case.our_side.name,
        "them_name": case.their_side.name,
        "no_deal": {"us": float(evaluator.no_deal[us]), "them": float(evaluator.no_deal[them])},
        "shape": list(case.shape),
        "sampled": sampled,
        "sample_seed": SAMPLE_SEED if sampled else None,
        "shown": len(indices),
        "points": {
            "index": r.indices.tolist(),
            "ev_us": np.round(r.expected_value[us], 5).tolist(),
            "ev_them": np.round(r.expected_value[them], 5).tolist(),
            "p": np.round(r.success, 4).tolist(),
            "zone": zone.astype(int).tolist(),
        },
    }
