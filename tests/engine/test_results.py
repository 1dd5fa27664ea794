"""DealPoint (engine/results.py): one deal with its numbers, labelled from the case."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from leveltwo.engine.assessment import assess
from leveltwo.engine.results import DealPoint
from leveltwo.io.casefile import load_case

CASE = load_case("labour-contract")


@given(st.integers(0, CASE.size - 1), st.floats(0, 1), st.floats(-1, 1), st.floats(-1, 1))
def test_a_point_labels_its_deal_and_keeps_its_numbers(
    index: int, p: float, ours: float, theirs: float
) -> None:
    deal = CASE.deal_from_index(index)
    point = DealPoint.of(CASE, deal, p, (ours, theirs))
    assert point.deal == deal
    assert dict(point.labels) == CASE.deal_labels(deal)
    assert point.ev("hospital") == ours
    assert point.ev("union") == theirs
    data = json.loads(json.dumps(point.to_json()))
    assert data == {
        "deal": CASE.deal_labels(deal),
        "success_probability": p,
        "expected_value": {"hospital": ours, "union": theirs},
    }


def test_a_point_of_the_assessed_proposal_carries_the_assessments_numbers() -> None:
    deal = CASE.default_deal()
    a = assess(CASE, deal)
    evs = (a.expected_value["hospital"], a.expected_value["union"])
    point = DealPoint.of(CASE, deal, a.success_probability, evs)
    assert point.success_probability == a.success_probability
    assert dict(point.expected_value) == a.expected_value
    assert dict(point.labels) == dict(a.labels)
    assert point.to_json()["deal"]["wages"] == "12%"  # the proposal's wage option
