"""Our own victory speech measures the deal from `their_opening` (default: their negotiator's
best deal), and says so when it is the default; a bad `their_opening` is a located error."""

from __future__ import annotations

from collections.abc import Callable
from statistics import NormalDist
from typing import Any

import pytest

from leveltwo.errors import InputError
from leveltwo.model.build import build_case
from leveltwo.model.case import Category
from leveltwo.strategies.evaluate import context, outcome
from leveltwo.strategies.ops import State
from leveltwo.strategies.planner import plan
from leveltwo.strategies.registry import strategy

PHI = NormalDist().cdf

#: Our constituency Y (see tiny_data): a and b equally, both descending (low 1, mid ½,
#: high 0); at the proposal (a high, b low) u_Y = ½·0 + ½·1 = 0.5; r 0.8, σ 0.1, λ 0.5.
Y: dict[str, Any] = {
    "id": "y",
    "name": "Y",
    "weights": {"a": 1, "b": 1},
    "values": {"a": "descending", "b": "descending"},
    "reservation": 0.8,
    "uncertainty": 0.1,
    "victory": 0.5,
}


Raw = Callable[..., dict[str, Any]]


def _data(tiny_raw: Raw, their_opening: dict[str, str] | None) -> dict[str, Any]:
    data = tiny_raw(ours=dict(Y))
    if their_opening is not None:
        data["their_opening"] = their_opening
    return data


def _ours(data: dict[str, Any]) -> Any:
    case = build_case(data)
    assert case.proposal is not None
    moves = strategy(Category.VICTORY_SPEECH).generate(context(State(case, case.proposal)))
    return case, [m for m in moves if m.key == "victory_speech:us"]


def test_their_opening_sets_the_credit_of_our_speech(tiny_raw: Raw) -> None:
    # their_opening a high, b high: u_Y there = 0; gain 0.5 − 0 = 0.5; credit λ · 0.5 = 0.25,
    # so Y's bar falls 0.8 → 0.55 and Y approves with Φ((0.5 − 0.55)/0.1) = Φ(−0.5)
    case, found = _ours(_data(tiny_raw, {"a": "high", "b": "high"}))
    assert len(found) == 1
    speech = found[0]
    assert speech.assumptions == ()
    o = outcome(State(case, case.proposal), (speech,))  # type: ignore[arg-type]
    # X (theirs) approves with Φ(−1) at the proposal; their negotiator always
    assert o.success_probability == pytest.approx(PHI(-1) * PHI(-0.5))
    # a nearer opening (a high, b mid: u_Y = 0.25) halves the gain: credit 0.125, bar 0.675
    case2, found2 = _ours(_data(tiny_raw, {"a": "high", "b": "mid"}))
    o2 = outcome(State(case2, case2.proposal), found2)  # type: ignore[arg-type]
    assert o2.success_probability == pytest.approx(PHI(-1) * PHI(-1.75))


def test_by_default_our_speech_measures_from_their_best_deal_and_says_so(
    tiny_raw: Raw,
) -> None:
    # their negotiator weighs only a (ascending): its best deal is a high and, on the tie
    # over b, the first option (low), the proposal itself: no gain, no speech of ours
    case, found = _ours(_data(tiny_raw, None))
    assert found == []
    assert case.their_opening is None
    assert case.deal_labels(case.their_opening_deal()) == {"a": "high", "b": "low"}
    # a speech for any deal (the planner's pool) states the default with its field
    p = plan(build_case(_data(tiny_raw, None)), allowed=["victory_speech"], with_find_out=False)
    pool = [m for m in p.moves if m.key == "victory_speech:us"]
    for m in pool:
        assert any("set `their_opening`" in a for a in m.assumptions)


def test_the_default_is_named_in_the_plan_output(tiny_raw: Raw) -> None:
    data = _data(tiny_raw, None)
    data["proposal"] = {"a": "high", "b": "low"}
    data["sides"][1]["negotiator"]["weights"] = {"a": 1, "b": 1}
    data["sides"][1]["negotiator"]["values"] = {"a": "ascending", "b": "ascending"}
    # their best deal is now a high, b high: u_Y 0 there, our speech gains 0.5
    p = plan(build_case(data), allowed=["victory_speech"], with_find_out=False)
    ours = [m for m in p.moves if m.key == "victory_speech:us"]
    assert ours, [m.key for m in p.moves]
    text = "assumes their opening is their negotiator's best deal"
    assert any(a.startswith(text) and "set `their_opening`" in a for a in ours[0].assumptions)
    step = next(s for s in p.to_json()["moves"] if s["key"] == "victory_speech:us")  # type: ignore[union-attr]
    assert any("their_opening" in a for a in step["assumptions"])


@pytest.mark.parametrize(
    ("value", "path"),
    [
        ({"a": "high", "b": "nowhere"}, "their_opening.b"),
        ({"a": "high", "c": "low"}, "their_opening"),
    ],
)
def test_a_bad_their_opening_is_a_located_error(
    tiny_raw: Raw, value: dict[str, str], path: str
) -> None:
    with pytest.raises(InputError) as err:
        build_case(_data(tiny_raw, value))
    paths = [p.path for p in err.value.problems]
    assert any(x.startswith(path) for x in paths), paths
