"""`leveltwo speech`: JSON shape, agreement with the library, --side, --deal, errors."""

from __future__ import annotations

import json

from leveltwo.io.casefile import load_case
from leveltwo.model.dealargs import parse_deal_args
from leveltwo.narrative.speech import victory_speech


def test_speech_json_equals_the_library(invoke):
    result = invoke("speech", "labour-contract", "--json")
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    assert list(out) == ["side", "deal", "ingredients", "text"]
    case = load_case("labour-contract")
    assert out == json.loads(json.dumps(victory_speech(case).to_json()))
    assert out["side"] == "union"
    names = [c["name"] for c in out["ingredients"]["constituencies"]]
    assert names == ["Membership ratification vote", "Safe-staffing caucus"]


def test_speech_for_our_side_with_a_deal_override(invoke):
    result = invoke("speech", "labour-contract", "--side", "hospital", "-d", "wages=9%", "--json")
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["side"] == "hospital"
    assert out["deal"]["wages"] == "9%"
    case = load_case("labour-contract")
    deal = parse_deal_args(case, ["wages=9%"], base=case.proposal)
    assert out["text"] == victory_speech(case, deal, "hospital").text
    assert out["ingredients"]["ours"] is True


def test_speech_human_output_has_ingredients_and_draft(invoke):
    result = invoke("speech", "cross-border-acquisition")
    assert result.exit_code == 0, result.stderr
    assert "Concessions Chief executive won: " in result.stdout
    assert "Lines to avoid" in result.stdout
    assert "Do not present €46 on Offer price per share as a win" in result.stdout
    assert "# Lindqvist Sensorik AG: why this agreement deserves a yes" in result.stdout
    assert "## Works council" in result.stdout


def test_speech_is_byte_identical_across_runs(invoke):
    first = invoke("speech", "trade-agreement", "--json").stdout
    assert first == invoke("speech", "trade-agreement", "--json").stdout


def test_speech_unknown_side_is_bad_input(invoke):
    result = invoke("speech", "labour-contract", "--side", "nobody", "--json")
    assert result.exit_code == 2
    err = json.loads(result.stdout)
    assert err["error"] == "InputError"
    assert err["problems"][0]["path"] == "side"
    assert "nobody" in result.stderr


def test_speech_bad_deal_is_bad_input(invoke):
    result = invoke("speech", "labour-contract", "--deal", "wages=99%")
    assert result.exit_code == 2
    assert "wages" in result.stderr
