"""Hypothesis strategies: random small valid case files (as parsed data).

2–4 issues of 2–4 options; both sides with random weights (some zero), values
(shorthands or tables, with many ties), reservations and uncertainties (often
0, so the step function is exercised); 0–3 constituencies per side with every
power, some voting by 1–4 blocs that override some of what they inherit, with
integer, decimal or many-digit shares; with ``risks=True``, 0–2 implementation risks
per side (some named, probabilities anywhere in [0, 1]).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hypothesis import strategies as st

from leveltwo.model.build import build_case
from leveltwo.model.case import Case

Data = dict[str, Any]

NICE = [0.0, 0.25, 0.5, 0.75, 1.0]
unit = st.one_of(st.sampled_from(NICE), st.floats(0.0, 1.0, allow_nan=False))
reservation = st.one_of(st.sampled_from([0.0, 0.25, 0.3, 0.5]), st.floats(0.0, 1.0))
uncertainty = st.one_of(st.just(0.0), st.sampled_from([0.05, 0.1]), st.floats(0.01, 0.3))
weight = st.one_of(st.sampled_from([1, 2, 3, 0.5]), st.floats(0.01, 10.0))
share = st.one_of(
    st.integers(1, 100),
    st.sampled_from([0.1, 0.2, 0.3, 0.5, 1.5]),
    st.sampled_from([1 / 3, 1 / 7, 2 / 3, 0.123456789]),  # many digits: distinct-sums fallback
)
quota = st.one_of(st.sampled_from([0.5, 2 / 3, 1.0, 0.51]), st.floats(0.01, 1.0))


@st.composite
def issues(draw: st.DrawFn) -> list[Data]:
    n = draw(st.integers(2, 4))
    return [
        {"id": f"i{k}", "options": [f"o{j}" for j in range(draw(st.integers(2, 4)))]}
        for k in range(n)
    ]


@st.composite
def preferences(draw: st.DrawFn, issue_list: list[Data]) -> Data:
    """Weights on a non-empty subset of the issues (one may be 0) and values for them."""
    ids = [i["id"] for i in issue_list]
    chosen = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=len(ids), unique=True))
    weights: dict[str, float] = {iid: draw(weight) for iid in chosen}
    if len(chosen) > 1 and draw(st.booleans()):
        weights[chosen[-1]] = 0  # a zero weight needs no values
    values: dict[str, Any] = {}
    for issue in issue_list:
        if weights.get(issue["id"], 0) <= 0:
            continue
        kind = draw(st.sampled_from(["ascending", "descending", "table"]))
        if kind == "table":
            values[issue["id"]] = {o: draw(unit) for o in issue["options"]}
        else:
            values[issue["id"]] = kind
    return {"weights": weights, "values": values}


@st.composite
def blocs(draw: st.DrawFn, issue_list: list[Data]) -> list[Data]:
    out = []
    for k in range(draw(st.integers(1, 4))):
        b: Data = {"id": f"b{k}", "share": draw(share)}
        if draw(st.booleans()):
            b["reservation"] = draw(reservation)
        if draw(st.booleans()):
            b["uncertainty"] = draw(uncertainty)
        if draw(st.integers(0, 3)) == 0:
            b.update(draw(preferences(issue_list)))
        out.append(b)
    return out


@st.composite
def constituency(draw: st.DrawFn, issue_list: list[Data], k: int) -> Data:
    c: Data = {"id": f"c{k}", "power": draw(st.sampled_from(["ratify", "block", "influence"]))}
    c.update(draw(preferences(issue_list)))
    c["reservation"] = draw(reservation)
    c["uncertainty"] = draw(uncertainty)
    if c["power"] == "block":
        c["strength"] = draw(st.one_of(st.sampled_from([0.0, 0.5, 1.0]), st.floats(0.0, 1.0)))
    if draw(st.integers(0, 2)) == 0:
        c["quota"] = draw(quota)
        c["blocs"] = draw(blocs(issue_list))
    return c


@st.composite
def implementation_risks(draw: st.DrawFn) -> list[Data]:
    out = []
    for k in range(draw(st.integers(0, 2))):
        r: Data = {"id": f"r{k}", "probability": draw(unit)}
        if draw(st.booleans()):
            r["name"] = f"Risk {k}"
        out.append(r)
    return out


@st.composite
def side(draw: st.DrawFn, issue_list: list[Data], sid: str, risks: bool = False) -> Data:
    neg = draw(preferences(issue_list))
    neg["reservation"] = draw(reservation)
    neg["uncertainty"] = draw(st.one_of(st.just(0.0), uncertainty))
    s: Data = {"id": sid, "negotiator": neg}
    if draw(st.booleans()):
        s["no_deal"] = draw(st.floats(0.0, 1.0))
    s["constituencies"] = [
        draw(constituency(issue_list, k)) for k in range(draw(st.integers(0, 3)))
    ]
    if risks and (drawn := draw(implementation_risks())):
        s["implementation_risks"] = drawn
    return s


@st.composite
def case_data(draw: st.DrawFn, risks: bool = False) -> Data:
    """A random small valid case file, as parsed data."""
    issue_list = draw(issues())
    return {
        "leveltwo": 1,
        "title": "random case",
        "us": draw(st.sampled_from(["a", "b"])),
        "issues": issue_list,
        "sides": [draw(side(issue_list, "a", risks)), draw(side(issue_list, "b", risks))],
    }


def cases(risks: bool = False) -> st.SearchStrategy[Case]:
    """Random small valid cases, built."""
    return case_data(risks).map(build_case)


def stakeholder_nodes(data: Data) -> Iterator[tuple[str, Data, float]]:
    """Every stakeholder node of case data: its path, the node, its effective reservation.

    Negotiators, constituencies and blocs; a bloc without its own reservation
    has its constituency's (default 0).
    """
    for si, s in enumerate(data["sides"]):
        neg = s["negotiator"]
        yield f"sides[{si}].negotiator", neg, neg.get("reservation", 0.0)
        for ci, c in enumerate(s["constituencies"]):
            r = c.get("reservation", 0.0)
            yield f"sides[{si}].constituencies[{ci}]", c, r
            for bi, b in enumerate(c.get("blocs", [])):
                yield f"sides[{si}].constituencies[{ci}].blocs[{bi}]", b, b.get("reservation", r)
