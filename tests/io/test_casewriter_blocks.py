"""The case writer round-trips the constraints: and money: blocks."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "engine"))
from test_constraints import constrained_data

from leveltwo.io.casefile import case_from_text, load_case, read_case_text
from leveltwo.io.casewriter import write_case
from leveltwo.model.build import build_case
from leveltwo.model.money import Money


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(constrained_data())
def test_constraints_read_back_exactly(data: dict[str, object]) -> None:
    case = build_case(data)
    assert case_from_text(write_case(case)) == case


def test_money_is_written_and_removed_in_place() -> None:
    text, _ = read_case_text("missile-crisis")
    case = load_case("missile-crisis")
    with_money = write_case(replace(case, money=Money("EUR", 12e6)), text)
    assert case_from_text(with_money).money == Money("EUR", 12e6)
    assert len(with_money.splitlines()) == len(text.splitlines()) + 1
    assert write_case(case, with_money) == text


def test_money_per_issue_reads_back_as_given() -> None:
    text, _ = read_case_text("labour-contract")
    case = case_from_text(text)
    weights = dict(zip((i.id for i in case.issues), case.our_side.negotiator.preferences.weights,
                       strict=True))  # fmt: skip
    per_issue = tuple((iid, round(w * 40e6, 2)) for iid, w in weights.items() if w > 0)
    money = Money("USD", sum(a for _, a in per_issue), per_issue)
    written = write_case(replace(case, money=money), text)
    assert "per_issue:" in written
    assert case_from_text(written).money == money


def test_a_bloc_weighing_an_issue_its_constituency_ignores_keeps_its_zero_values() -> None:
    # found by hypothesis: the constituency has no weight and no values on `a`, its bloc
    # weighs `a` and values it 0 everywhere; the bloc's table equals the inherited zeros,
    # but without it the file written back would not load ("expected values for 'a'")
    data = {
        "leveltwo": 1,
        "title": "zero values",
        "issues": [{"id": "a", "options": ["x", "y"]}, {"id": "b", "options": ["x", "y"]}],
        "sides": [
            {
                "id": "us",
                "negotiator": {
                    "weights": {"a": 1, "b": 1},
                    "values": {"a": "ascending", "b": "ascending"},
                },
                "constituencies": [
                    {
                        "id": "chamber",
                        "weights": {"a": 0, "b": 1},
                        "values": {"b": "ascending"},
                        "blocs": [
                            {
                                "id": "left",
                                "share": 1,
                                "weights": {"a": 1, "b": 1},
                                "values": {"a": {"x": 0, "y": 0}},
                            },
                            {"id": "right", "share": 1},
                        ],
                    }
                ],
            },
            {
                "id": "them",
                "negotiator": {
                    "weights": {"a": 1, "b": 1},
                    "values": {"a": "descending", "b": "descending"},
                },
            },
        ],
    }
    case = build_case(data)
    assert case_from_text(write_case(case)) == case
