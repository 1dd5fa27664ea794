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
from leveltwo.engine.analysis import Progress
from leveltwo.engine.constraints import Feasibility
from leveltwo.engine.sample import SAMPLE_SEED, sample_indices

MAX_POINTS = 20_000


def choices_of(case: Case, labels: dict[str, str]) -> list[int]:
    return [issue.options.index(labels[issue.id]) for issue in case.issues]


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
    return {
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
