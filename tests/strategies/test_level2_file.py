"""The Level II case-file extensions: defaults leave the baseline, inheritance, validation."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from leveltwo.engine.assessment import assess
from leveltwo.errors import CaseError
from leveltwo.model.build import build_case, validate_case_data
from leveltwo.model.case import (
    DEFAULT_ALLOWED,
    DEFAULT_CREDIT,
    Case,
    Category,
    Constituency,
    Level2Params,
    Power,
    Signal,
)
from leveltwo.model.schema import case_json_schema

LEVEL2_FIELDS = ("audience_cost", "framing", "hostility", "reassurance", "pressure", "victory")


def test_a_case_without_level2_inputs_has_neutral_defaults(pilots: Case) -> None:
    assert pilots.level2.allowed == DEFAULT_ALLOWED
    assert Category.THWART_OPPONENTS not in pilots.level2.allowed
    assert pilots.level2.budget is None
    assert pilots.level2.tacit_enforceability is None
    for st in pilots.stakeholders():
        assert getattr(st, "level2", Level2Params()) == Level2Params()


def test_zero_level2_inputs_give_the_baseline_numbers_exactly(
    pilots_data: dict[str, Any], pilots: Case
) -> None:
    data = copy.deepcopy(pilots_data)
    for side in data["sides"]:
        side["negotiator"].update({f: 0.0 for f in LEVEL2_FIELDS} | {"credits": []})
        for c in side.get("constituencies", []):
            c.update({f: 0.0 for f in LEVEL2_FIELDS})
    data["level2"] = {"statements": [], "third_parties": []}
    explicit = build_case(data)
    assert assess(explicit).to_json() == assess(pilots).to_json()


def test_stakeholder_parameters_and_bloc_inheritance(rich: Case) -> None:
    members = rich.stakeholder("union.members")
    assert isinstance(members, Constituency)
    assert members.level2.framing == 0.3
    senior, junior = members.blocs
    assert senior.level2 == members.level2  # inherits everything
    assert junior.level2.framing == 0.1  # overrides
    assert junior.level2.audience_cost == 0.06
    assert junior.level2.victory == members.level2.victory
    leader = rich.stakeholder("union.negotiator")
    credits = leader.level2.credits  # type: ignore[attr-defined]
    assert credits == (
        (Signal.HARD_BARGAINING, DEFAULT_CREDIT),
        (Signal.RESTRAINT, DEFAULT_CREDIT),
        (Signal.STAGED_WIN, DEFAULT_CREDIT),
    )
    board = rich.stakeholder("firm.board")
    assert board.level2.credit(Signal.MEDIATOR) == -0.02  # type: ignore[attr-defined]


def test_case_level_inputs_are_built(rich: Case) -> None:
    l2 = rich.level2
    assert l2.allowed == tuple(c for c in Category if c is not Category.TIED_HANDS)
    assert l2.tacit_enforceability == 0.85
    assert [o.id for o in l2.offers] == ["bonus"]
    assert l2.offers[0].value == (
        ("union.members", 0.04),
        ("union.members.junior", 0.06),
        ("firm.board", -0.01),
    )
    assert [t.id for t in l2.new_terms] == ["pilot"]
    assert l2.new_terms[0].like == "capped"
    assert l2.process_terms[0].outcomes == (("capped", 0.5), ("banned", 0.5))
    assert l2.third_parties[0].reaches == ("union.militants", "firm.board")
    assert [s.kind.value for s in l2.statements] == ["reassuring", "inflammatory"]
    assert l2.rule_changes[0].power is Power.INFLUENCE
    assert l2.signal_cost(Signal.HARD_BARGAINING) == 0.004
    assert l2.signal_cost(Signal.MEDIATOR) == 0.005  # the default


@pytest.mark.parametrize(
    ("patch", "path", "fragment"),
    [
        ({"allowed": ["bribery"]}, "level2.allowed[0]", "thwart_opponents"),
        ({"tacit_enforceability": 1.5}, "level2.tacit_enforceability", "less than or equal"),
        (
            {"third_parties": [{"id": "t", "reaches": ["union.nobody"], "strength": 0.1}]},
            "level2.third_parties[0].reaches[0]",
            "stakeholder key",
        ),
        (
            {"compensation": [{"id": "c", "issue": "scope", "like": "huge"}]},
            "level2.compensation[0].like",
            "an option of 'scope'",
        ),
        (
            {"compensation": [{"id": "c", "issue": "scope", "like": "capped", "cost": 0.1}]},
            "level2.compensation[0].cost",
            "no side-payment field",
        ),
        ({"compensation": [{"id": "c"}]}, "level2.compensation[0].value", "stakeholder key"),
        (
            {"process_terms": [{"id": "p", "issue": "scope", "outcomes": {"capped": 0.4}}]},
            "level2.process_terms[0].outcomes",
            "sum to 1",
        ),
        (
            {"rule_changes": [{"id": "r", "target": "union.negotiator", "power": "influence"}]},
            "level2.rule_changes[0].target",
            "constituency",
        ),
        (
            {"statements": [{"id": "s", "text": "x", "kind": "rude", "touches": ["firm.board"]}]},
            "level2.statements[0].kind",
            "inflammatory",
        ),
    ],
)
def test_level2_problems_are_located(
    rich_data: dict[str, Any], patch: dict[str, Any], path: str, fragment: str
) -> None:
    data = copy.deepcopy(rich_data)
    data["level2"] = patch
    problems = validate_case_data(data)
    assert any(p.path == path and fragment in p.expected for p in problems), problems
    with pytest.raises(CaseError):
        build_case(data)


def test_stakeholder_level2_bounds_are_checked(rich_data: dict[str, Any]) -> None:
    data = copy.deepcopy(rich_data)
    data["sides"][1]["constituencies"][0]["framing"] = 2
    data["sides"][1]["constituencies"][0]["credits"] = {"bribes": 0.1}
    paths = {p.path for p in validate_case_data(data)}
    assert "sides[1].constituencies[0].framing" in paths
    assert any(p.startswith("sides[1].constituencies[0].credits") for p in paths)


def test_the_json_schema_documents_the_level2_block() -> None:
    schema = case_json_schema()
    assert "level2" in schema["properties"]
    defs = schema["$defs"]
    assert "framing" in defs["ConstituencyFile"]["properties"]
    assert "audience_cost" in defs["NegotiatorFile"]["properties"]
    assert "tacit_enforceability" in defs["Level2File"]["properties"]
