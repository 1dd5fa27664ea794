"""Whole-space analysis on hand-made cases: win-sets, zone, best and Nash deals with
their tie rules, the frontier with duplicates, thresholds, progress."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest

from leveltwo.engine.evaluator import evaluate_all
from leveltwo.engine.winsets import analyze_space
from leveltwo.errors import LeveltwoError
from leveltwo.io.casefile import load_case
from leveltwo.model.build import build_case
from leveltwo.model.case import Case

ROOT = Path(__file__).resolve().parent.parent.parent


def two_by_two(us: dict[str, Any], them: dict[str, Any], a: list[str] | None = None) -> Case:
    return build_case(
        {
            "leveltwo": 1,
            "title": "2 × 2",
            "issues": [
                {"id": "a", "options": a or ["x", "y"]},
                {"id": "b", "options": ["x", "y"]},
            ],
            "sides": [{"id": "us", **us}, {"id": "them", **them}],
        }
    )


def labels(point: Any) -> tuple[str, ...]:
    return tuple(dict(point.labels).values())


# ---------------------------------------------------------------------------
# win-sets and zone, by hand (docs/model.md §9)
def test_winsets_zone_best_nash_and_frontier_of_the_doc_example() -> None:
    case = load_case(ROOT / "docs" / "examples" / "winsets.yaml")
    result = analyze_space(case)
    assert result.outcomes == 6
    assert [(s.id, s.winset_size) for s in result.sides] == [("firm", 4), ("union", 3)]
    assert result.agreement_zone_size == 2
    assert result.max_success_probability == 1.0
    assert labels(result.best_deal) == ("low", "short")
    assert result.nash_deal is not None
    assert labels(result.nash_deal) == ("mid", "short")  # 0.11 > 0.105
    assert [labels(p) for p in result.frontier] == [("low", "short"), ("mid", "short")]
    assert result.best_deal.ev("firm") == 0.75
    assert result.nash_deal.ev("union") == 0.75


def test_threshold_moves_the_winsets_of_the_pilots_case(pilots: Case) -> None:
    # P_side per deal is tabulated in docs/model.md §8.9
    sizes = {t: [s.winset_size for s in analyze_space(pilots, t).sides] for t in (0.0, 0.5, 0.9)}
    assert sizes[0.0] == [12, 12]  # every probability is ≥ 0
    assert sizes[0.5] == [7, 5]
    # airline ≥ .9: 0% unl./capped, 4% unl./capped, 8% unl.; union: 4%, 8%, 12% banned
    assert sizes[0.9] == [5, 3]
    assert analyze_space(pilots, 0.5).agreement_zone_size == 1
    assert analyze_space(pilots, 1.0).agreement_zone_size == 0


@pytest.mark.parametrize("threshold", [-0.1, 1.5])
def test_threshold_outside_the_unit_interval_is_refused(pilots: Case, threshold: float) -> None:
    with pytest.raises(LeveltwoError, match="threshold"):
        analyze_space(pilots, threshold)


def test_progress_reports_every_chunk_up_to_the_whole_space(pilots: Case) -> None:
    seen: list[tuple[int, int]] = []
    analyze_space(pilots, chunk=5, progress=lambda done, total: seen.append((done, total)))
    assert seen
    assert all(total == 12 for _, total in seen)
    done = [d for d, _ in seen]
    assert done == sorted(done)
    assert done[-1] == 12


def test_to_json_has_the_documented_keys(pilots: Case) -> None:
    out = analyze_space(pilots).to_json()
    assert {
        "outcomes",
        "threshold",
        "sides",
        "agreement_zone_size",
        "best_deal",
        "nash_deal",
        "frontier",
    } <= set(out)
    best = out["best_deal"]
    assert isinstance(best, dict)
    assert set(best) == {"deal", "success_probability", "expected_value"}


# ---------------------------------------------------------------------------
# tie rules of the best deal
def test_best_deal_ties_go_to_the_larger_p_then_the_larger_ev_them() -> None:
    # our utility is 0.5 everywhere and our no-deal value 0.5: EV_us = 0.5 for every deal.
    # They approve when u_them ≥ 0.5: deals (x,y), (y,x), (y,y) have P = 1, (x,x) P = 0.
    # EV_them: 0.5, 0.5, 1 on those three: (y,y), the last deal, must win.
    case = two_by_two(
        {
            "negotiator": {"weights": {"a": 1}, "values": {"a": {"x": 0.5, "y": 0.5}}},
            "no_deal": 0.5,
        },
        {
            "negotiator": {
                "weights": {"a": 1, "b": 1},
                "values": {"a": "ascending", "b": "ascending"},
                "reservation": 0.5,
            }
        },
    )
    result = analyze_space(case)
    assert labels(result.best_deal) == ("y", "y")
    assert result.best_deal.success_probability == 1.0
    assert result.nash_deal is None  # our gain over no deal is 0 everywhere


def test_best_deal_ties_on_everything_go_to_the_earlier_deal() -> None:
    flat = {"weights": {"a": 1}, "values": {"a": {"x": 0.5, "y": 0.5}}}
    case = two_by_two({"negotiator": flat}, {"negotiator": flat})
    result = analyze_space(case)
    assert labels(result.best_deal) == ("x", "x")
    assert [labels(p) for p in result.frontier] == [("x", "x")]  # four equal points, one shown


def test_best_deal_prefers_larger_p_over_the_earlier_deal() -> None:
    # a blocker of strength 0.5 refuses a = q: P = 0.5 there, 1 where a = p.
    # Listing q first puts the riskier deals first. u = 0.5 on a = p and 1 on a = q for both
    # sides and x = 0: EV = 0.5 on every deal, so the tie goes to P = 1: (p, x).
    both = {"weights": {"a": 1}, "values": {"a": {"q": 1, "p": 0.5}}}
    case = two_by_two(
        {"negotiator": both},
        {
            "negotiator": both,
            "constituencies": [
                {
                    "id": "blocker",
                    "power": "block",
                    "strength": 0.5,
                    "weights": {"a": 1},
                    "values": {"a": {"q": 0, "p": 1}},
                    "reservation": 0.5,
                }
            ],
        },
        a=["q", "p"],
    )
    result = analyze_space(case)
    assert labels(result.best_deal) == ("p", "x")
    assert result.best_deal.success_probability == 1.0
    # Nash: every product is 0.5 · 0.5 = 0.25, ties go to the larger P as well
    assert result.nash_deal is not None
    assert labels(result.nash_deal) == ("p", "x")
    # the frontier shows the one (0.5, 0.5) point as its earliest deal, (q, x)
    assert [labels(p) for p in result.frontier] == [("q", "x")]


# ---------------------------------------------------------------------------
# the Nash deal
def test_nash_deal_ties_go_to_the_earlier_deal_and_frontier_collapses_duplicates() -> None:
    # u_us: (x,x) .5, (x,y) 0, (y,x) 1, (y,y) .5; u_them = 1 − u_us; P = 1; x = 0
    case = two_by_two(
        {
            "negotiator": {
                "weights": {"a": 1, "b": 1},
                "values": {"a": "ascending", "b": "descending"},
            }
        },
        {
            "negotiator": {
                "weights": {"a": 1, "b": 1},
                "values": {"a": "descending", "b": "ascending"},
            }
        },
    )
    result = analyze_space(case)
    assert labels(result.best_deal) == ("y", "x")
    assert result.nash_deal is not None
    assert labels(result.nash_deal) == ("x", "x")  # 0.25 twice: the earlier deal
    assert [labels(p) for p in result.frontier] == [("y", "x"), ("x", "x"), ("x", "y")]
    assert [(p.ev("us"), p.ev("them")) for p in result.frontier] == [
        (1.0, 0.0),
        (0.5, 0.5),
        (0.0, 1.0),
    ]


def test_no_nash_deal_when_no_deal_gives_both_sides_a_gain() -> None:
    # they never approve: P = 0, EV = x for both on every deal
    case = two_by_two(
        {"negotiator": {"weights": {"a": 1}, "values": {"a": "ascending"}}},
        {"negotiator": {"weights": {"a": 1}, "values": {"a": "ascending"}, "reservation": 2}},
    )
    result = analyze_space(case)
    assert result.nash_deal is None
    assert result.max_success_probability == 0.0
    assert result.to_json()["nash_deal"] is None


# ---------------------------------------------------------------------------
# near-ties (within 1e-12) are broken the same way inside and across chunks
# (regression: chunks once compared P exactly inside and within 1e-12 across)
NEAR_TIE: dict[str, Any] = {
    # they approve (b = x) with probability Φ(−20) ≈ 2.8e-89, (b = y) with Φ(−40) = 0:
    # P differs by far less than the 1e-12 tie tolerance, EV_us = 0.25 everywhere
    "us": {"negotiator": {"weights": {"b": 1}, "values": {"b": "ascending"}, "reservation": 0.25}},
    "them": {
        "negotiator": {
            "weights": {"b": 1},
            "values": {"b": "descending"},
            "reservation": 1.0,
            "uncertainty": 0.05,
        }
    },
}


def test_chunk_size_does_not_change_the_best_deal_on_a_near_tie() -> None:
    case = two_by_two(NEAR_TIE["us"], NEAR_TIE["them"])
    assert case.size == 4
    choices = {labels(analyze_space(case, chunk=c).best_deal) for c in (1, 2, 4)}
    assert len(choices) == 1


def test_p_on_the_tie_grid_decides_before_ev_them() -> None:
    # us = b; a's blocker (strength 0.5, σ = 0.05) approves deal (y, x) with probability
    # 1 − 1.1e-13 and deal (y, y) with 1: P differs by ~6e-14, EV_us (b's) is equal on both;
    # the documented rule (ties within 1e-12: larger P, then larger EV_them) then picks
    # the larger EV_them, (y, x)
    case = build_case(
        {
            "leveltwo": 1,
            "title": "near tie on P",
            "us": "b",
            "issues": [
                {"id": "i0", "options": ["x", "y"]},
                {"id": "i1", "options": ["x", "y"]},
            ],
            "sides": [
                {
                    "id": "a",
                    "negotiator": {
                        "weights": {"i0": 1, "i1": 1},
                        "values": {"i0": "ascending", "i1": {"x": 0.5, "y": 0}},
                    },
                    "constituencies": [
                        {
                            "id": "c",
                            "power": "block",
                            "strength": 0.5,
                            "weights": {"i1": 1},
                            "values": {"i1": {"x": 0.63, "y": 1}},
                            "reservation": 0.0,
                            "uncertainty": 0.0845,
                        }
                    ],
                },
                {"id": "b", "negotiator": {"weights": {"i0": 1}, "values": {"i0": "ascending"}}},
            ],
        }
    )
    r = evaluate_all(case)
    assert 0 < r.success[3] - r.success[2] < 1e-12  # (y, y) vs (y, x)
    assert abs(r.expected_value[1, 3] - r.expected_value[1, 2]) < 1e-12  # EV_b
    assert r.expected_value[0, 2] > r.expected_value[0, 3] + 0.2  # EV_a
    # on the 1e-12 grid, P decides if the two fall in different cells; else EV_them does
    same_cell = math.floor(r.success[3] / 1e-12) == math.floor(r.success[2] / 1e-12)
    expected = ("y", "x") if same_cell else ("y", "y")
    assert labels(analyze_space(case).best_deal) == expected


CHAIN: dict[str, Any] = {
    "leveltwo": 1,
    "title": "a chain of near-ties",
    "us": "a",
    "issues": [
        {"id": "i0", "options": ["o0", "o1"]},
        {"id": "i1", "options": ["o0", "o1"]},
        {"id": "i2", "options": ["o0", "o1"]},
        {"id": "i3", "options": ["o0", "o1", "o2", "o3"]},
    ],
    "sides": [
        {
            "id": "a",
            "negotiator": {
                "weights": {"i2": 3, "i0": 0.0625, "i1": 0.03125, "i3": 1},
                "values": {
                    "i0": "ascending",
                    "i1": "ascending",
                    "i2": {"o0": 0.0, "o1": 0.0},
                    "i3": "ascending",
                },
                "reservation": 0.5,
                "uncertainty": 0.046875,
            },
        },
        {"id": "b", "negotiator": {"weights": {"i0": 1}, "values": {"i0": "ascending"}}},
    ],
}


def test_chunk_size_does_not_change_the_best_deal_on_a_chain_of_near_ties() -> None:
    case = build_case(CHAIN)
    r = evaluate_all(case)
    ev = r.expected_value[0]
    assert 0 < 0.5 - ev[2] < 1e-12  # the values chain within the tolerance
    assert 0 < 0.5 - ev[10] < 1e-12
    picks = {case.deal_index(analyze_space(case, chunk=c).best_deal.deal) for c in (1, 5, 64)}
    # ties are decided on the 1e-12 grid, exactly: one answer whatever the chunking,
    # and it is the largest EV_us on that grid
    assert len(picks) == 1
    (pick,) = picks
    assert math.floor(ev[pick] / 1e-12) == max(math.floor(v / 1e-12) for v in ev)
