"""`leveltwo analyze`: the deal it assesses, its human and JSON output, deal errors."""

from __future__ import annotations

import json

import pytest

import leveltwo
from leveltwo.cli.analyze import fix_sentence
from leveltwo.engine.diagnosis import Binding, Fix, diagnose
from leveltwo.io.casefile import load_case
from leveltwo.model.build import deal_from_labels


def _library_json(case_ref: str, labels: dict[str, str] | None = None) -> dict[str, object]:
    """What the library says, serialised the way the CLI serialises it."""
    case = load_case(case_ref)
    deal = None if labels is None else deal_from_labels(case.issues, labels)
    a = leveltwo.assess(case, deal)
    out = {**a.to_json(), "broken_constraints": [], "diagnosis": diagnose(case, a.deal).to_json()}
    return json.loads(json.dumps(out))


def test_analyze_json_equals_library_assessment(invoke, pilots_file, stdout_json):
    result = invoke("analyze", str(pilots_file), "--json")
    assert result.exit_code == 0, result.stderr
    assert stdout_json(result) == _library_json(str(pilots_file))


def test_analyze_json_has_the_issue_shape(invoke, pilots_file, stdout_json):
    doc = stdout_json(invoke("analyze", str(pilots_file), "--json"))
    assert list(doc)[:5] == ["title", "us", "deal", "success_probability", "expected_value"]
    assert doc["deal"] == {"pay": "8%", "scope": "capped"}
    assert set(doc["expected_value"]) == {"airline", "union"}
    assert [s["id"] for s in doc["sides"]] == ["airline", "union"]
    for side in doc["sides"]:
        for key in ("probability", "ratification_probability", "implementation_probability"):
            assert isinstance(side[key], float)
            assert 0.0 <= side[key] <= 1.0
        for c in side["constituencies"]:
            assert {"id", "name", "power", "utility", "approval_probability"} <= set(c)
    members = doc["sides"][1]["constituencies"][0]
    assert [b["id"] for b in members["blocs"]] == ["senior", "junior"]
    assert {"threshold", "success_probability", "blockers"} <= set(doc["diagnosis"])
    p = doc["sides"][0]["probability"] * doc["sides"][1]["probability"]
    assert doc["success_probability"] == pytest.approx(p, abs=1e-15)


def test_analyze_json_numbers_by_hand(invoke, pilots_file, stdout_json):
    """Pilots' proposal (8%, capped): the union negotiator's utility is
    (1·2/3 + 1·1/2)/2 = 7/12; the airline's (3·1/3 + 1·0.6)/4 = 0.4."""
    doc = stdout_json(invoke("analyze", str(pilots_file), "--json"))
    airline, union = doc["sides"]
    assert airline["utility"] == pytest.approx(0.4)
    assert union["utility"] == pytest.approx(7 / 12)
    militants = union["constituencies"][1]
    # militants: u = 1/2 (capped), r = 0.5 → Φ(0) = 1/2; factor 1 − 0.5·(1 − 1/2) = 3/4
    assert militants["approval_probability"] == pytest.approx(0.5)
    assert militants["factor"] == pytest.approx(0.75)
    assert union["implementation_probability"] == pytest.approx(0.75)


def test_analyze_bundled_case_by_name_equals_library(invoke, stdout_json):
    result = invoke("analyze", "labour-contract", "--json")
    assert result.exit_code == 0, result.stderr
    assert stdout_json(result) == _library_json("labour-contract")


def test_deal_overrides_one_issue_of_the_proposal(invoke, pilots_file, stdout_json):
    result = invoke("analyze", str(pilots_file), "--deal", "pay=12%", "--json")
    assert result.exit_code == 0, result.stderr
    doc = stdout_json(result)
    assert doc["deal"] == {"pay": "12%", "scope": "capped"}
    assert doc == _library_json(str(pilots_file), {"pay": "12%", "scope": "capped"})


def test_deal_given_twice_keeps_the_last(invoke, pilots_file, stdout_json):
    result = invoke("analyze", str(pilots_file), "-d", "pay=0%", "-d", "pay=4%", "--json")
    assert stdout_json(result)["deal"]["pay"] == "4%"


def test_without_a_proposal_our_opening_position_is_assessed(
    invoke, pilots_case_data, write_case, stdout_json
):
    del pilots_case_data["proposal"]
    path = str(write_case(pilots_case_data))
    case = leveltwo.load_case(path)
    result = invoke("analyze", path, "--json")
    assert result.exit_code == 0
    assert stdout_json(result)["deal"] == case.deal_labels(case.opening_deal())
    human = invoke("analyze", path)
    assert "assessing our opening position (the case has no proposal)" in human.stdout
    one = invoke("analyze", path, "--deal", "pay=4%", "--json")
    assert stdout_json(one)["deal"] == {**case.deal_labels(case.opening_deal()), "pay": "4%"}


@pytest.mark.parametrize(
    ("arg", "message"),
    [
        (
            "pay=5%",
            "  - deal.pay: expected an option of 'pay' ['0%', '4%', '8%', '12%'], found '5%' (did you mean '4%'?)",
        ),
        (
            "bonus=big",
            "  - deal.bonus: expected an issue id or name ['pay', 'scope'], found 'bonus'",
        ),
        ("pay", "  - --deal[0]: expected ISSUE=OPTION, found 'pay'"),
    ],
    ids=["unknown option", "unknown issue", "no equals sign"],
)
def test_bad_deal_is_reported_with_exit_2(invoke, pilots_file, arg, message):
    result = invoke("analyze", str(pilots_file), "--deal", arg)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == ["error: invalid deal (1 problem)", message]


def test_bad_deal_with_json_prints_the_error_as_json(invoke, pilots_file, stdout_json):
    result = invoke("analyze", str(pilots_file), "--deal", "pay=5%", "--json")
    assert result.exit_code == 2
    doc = stdout_json(result)
    assert doc["error"] == "DealError"
    assert doc["problems"][0]["path"] == "deal.pay"
    assert doc["problems"][0]["found"] == "'5%'"
    assert result.stderr.startswith("error: invalid deal")


def test_human_output_shows_probabilities_stakeholders_and_diagnosis(invoke, pilots_file):
    result = invoke("analyze", str(pilots_file))
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    a = leveltwo.assess(load_case(str(pilots_file)))
    assert f"Chance the deal sticks: {100 * a.success_probability:.1f}%" in out
    for name in ("Board of directors", "Membership ratification vote", "Militant faction"):
        assert name in out
    assert "· junior" in out  # bloc detail
    assert "vote, quota 50%" in out
    assert "block, β 50%" in out
    assert "Who blocks, and what would fix it" in out
    # the board (our side) costs the most probability in the pilots' case
    assert "1. Board of directors (our side, ratify)" in out
    assert "Traceback" not in out + result.stderr


def test_human_output_of_binding_blocker_says_what_it_needs(invoke):
    result = invoke("analyze", "labour-contract")
    assert result.exit_code == 0, result.stderr
    case = load_case("labour-contract")
    d = diagnose(case)
    top = next(b for b in d.blockers if b.binding and b.fixes)
    fix = top.fixes[0]
    assert (
        f"{top.name} needs {fix.issue} moved from {fix.from_option} to {fix.to_option} "
        f"(cost to us {fix.cost_to_us:.3f};"
    ) in result.stdout
    assert (
        f"P {100 * d.success_probability:.1f}% → {100 * fix.success_probability_after:.1f}%)"
        in (result.stdout)
    )


def test_human_output_marks_issues_changed_by_deal(invoke, pilots_file):
    result = invoke("analyze", str(pilots_file), "--deal", "pay=12%")
    assert "assessing the deal given with --deal" in result.stdout
    assert "12%  (was 8%)" in result.stdout


def test_threshold_reaches_the_diagnosis(invoke, pilots_file, stdout_json):
    doc = stdout_json(invoke("analyze", str(pilots_file), "--threshold", "0.8", "--json"))
    assert doc["diagnosis"]["threshold"] == 0.8
    case = load_case(str(pilots_file))
    expected = json.loads(json.dumps(diagnose(case, None, 0.8).to_json()))
    assert doc["diagnosis"] == expected


def _binding(binding: bool, approval: float, target: float) -> tuple[Binding, Fix]:
    fix = Fix("pay", "Pay", "4%", "8%", approval, 0.95, 0.083, 0.52, 0.4)
    b = Binding(
        "union.members",
        "union",
        "Membership vote",
        "constituency",
        "ratify",
        approval,
        approval,
        0.2,
        binding,
        0.05 if binding else 0.0,
        target,
        (fix,),
    )
    return b, fix


@pytest.mark.parametrize(
    ("binding", "approval", "start"),
    [
        (True, 0.31, "Membership vote needs pay moved from 4% to 8%"),
        (False, 0.7, "To secure Membership vote (90%+): pay moved from 4% to 8%"),
        (False, 0.95, "To make Membership vote surer still: pay moved from 4% to 8%"),
    ],
)
def test_fix_sentence(binding, approval, start):
    b, fix = _binding(binding, approval, 0.5 if binding else 0.9)
    sentence = fix_sentence(b, fix, 0.31).plain
    assert sentence.startswith(start)
    assert sentence.endswith(
        f"(cost to us 0.083; its approval {100 * approval:.1f}% → 95.0%; P 31.0% → 52.0%)"
    )
