"""Small cases for the bargaining tests, built from their closed-form descriptions.

``pie``: one issue "share to B" (0, 1/n, …, 1), A values 1 − s, B values s;
a floor r on a side's share is a ratifying constituency with reservation r
(σ = 0). ``spatial``: one issue x ∈ [0, 1] (step 1/n), utilities 1 − |x − ideal|,
status quo q (each side's no-deal value is its utility of q).
"""

from __future__ import annotations

from typing import Any

from leveltwo.model.build import build_case
from leveltwo.model.case import Case


def _share_issue(n: int) -> dict[str, Any]:
    return {"id": "share", "name": "Share to B", "options": {"start": 0, "stop": 1, "step": 1 / n}}


def _floor(r: float, values: str, sigma: float = 0.0) -> dict[str, Any]:
    return {
        "id": "board",
        "power": "ratify",
        "weights": {"share": 1},
        "values": {"share": values},
        "reservation": r,
        "uncertainty": sigma,
    }


def pie(
    delta_a: float = 0.9,
    delta_b: float | None = None,
    *,
    floor_a: float | None = None,
    floor_b: float | None = None,
    sigma_a: float = 0.0,
    sigma_b: float = 0.0,
    n: int = 1000,
    first: str = "a",
    on_failure: str = "continue",
    max_rounds: int | None = None,
    negotiator_sigma: float = 0.0,
) -> Case:
    """Rubinstein's pie with optional ratification floors on A's and B's shares."""
    bargaining: dict[str, Any] = {
        "discount": {"a": delta_a, "b": delta_a if delta_b is None else delta_b},
        "first_proposer": first,
        "on_ratification_failure": on_failure,
    }
    if max_rounds is not None:
        bargaining["max_rounds"] = max_rounds
    sides = []
    for sid, values, floor, sigma in (
        ("a", "descending", floor_a, sigma_a),
        ("b", "ascending", floor_b, sigma_b),
    ):
        sides.append(
            {
                "id": sid,
                "negotiator": {
                    "weights": {"share": 1},
                    "values": {"share": values},
                    "uncertainty": negotiator_sigma,
                },
                "constituencies": [] if floor is None else [_floor(floor, values, sigma)],
            }
        )
    data = {
        "leveltwo": 1,
        "title": "Pie",
        "us": "a",
        "issues": [_share_issue(n)],
        "sides": sides,
        "bargaining": bargaining,
    }
    return build_case(data)


def spatial(
    proposer_ideal: float = 1.0,
    responder_ideal: float = 0.4,
    *,
    status_quo: float = 0.0,
    responder_ratifier: float | None = None,
    proposer_ratifier: float | None = None,
    n: int = 1000,
) -> Case:
    """Tarar-style take-it-or-leave-it on [0, 1]: side ``p`` proposes once to side ``r``."""
    xs = [k / n for k in range(n + 1)]
    labels = [f"{x:g}" for x in xs]

    def values(ideal: float) -> dict[str, float]:
        return {lab: 1 - abs(x - ideal) for lab, x in zip(labels, xs, strict=True)}

    def actor(ideal: float) -> dict[str, Any]:
        return {"weights": {"x": 1}, "values": {"x": values(ideal)}}

    def ratifier(ideal: float) -> dict[str, Any]:
        return {
            "id": "ratifier",
            "power": "ratify",
            **actor(ideal),
            "reservation": 1 - abs(status_quo - ideal),
        }

    sides = []
    for sid, ideal, rat in (
        ("p", proposer_ideal, proposer_ratifier),
        ("r", responder_ideal, responder_ratifier),
    ):
        sides.append(
            {
                "id": sid,
                "negotiator": actor(ideal),
                "no_deal": 1 - abs(status_quo - ideal),
                "constituencies": [] if rat is None else [ratifier(rat)],
            }
        )
    data = {
        "leveltwo": 1,
        "title": "Spatial take-it-or-leave-it",
        "us": "p",
        "issues": [{"id": "x", "options": labels}],
        "sides": sides,
        "bargaining": {"first_proposer": "p", "max_rounds": 1},
    }
    return build_case(data)
