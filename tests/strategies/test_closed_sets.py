"""Closed sets in results are enums, and serialise to the same strings as before."""

from __future__ import annotations

import json

from leveltwo.io.casefile import load_case
from leveltwo.model.case import Category
from leveltwo.strategies import plan
from leveltwo.strategies.levers import Lever
from leveltwo.strategies.robustness import Verdict


def test_plan_fields_are_enums_and_json_is_plain_strings() -> None:
    p = plan(load_case("labour-contract"))
    assert p.moves
    for step in p.moves:
        assert isinstance(step.category, Category)
        assert isinstance(step.lever, Lever)
    assert all(isinstance(c, Category) for c in p.allowed)
    for a in p.avoid:
        assert isinstance(a.category, Category)
    doc = json.loads(json.dumps(p.to_json()))
    assert doc["allowed"] == [c.value for c in p.allowed]
    assert [m["category"] for m in doc["moves"]] == [s.category.value for s in p.moves]
    assert all(type(m["category"]) is str for m in doc["moves"])


def test_verdicts_are_the_four_words() -> None:
    assert [v.value for v in Verdict] == ["flips", "halves", "reorders", "stable"]
    assert json.dumps(Verdict.FLIPS) == '"flips"'
