"""what_if: a plan without some of its moves is the plan of the moves kept, recomputed."""

from __future__ import annotations

import pytest

from leveltwo.errors import DealError
from leveltwo.io.casefile import load_case
from leveltwo.strategies import plan as make_plan
from leveltwo.strategies.planner import steps_for
from leveltwo.strategies.planresult import Plan
from leveltwo.strategies.whatif import what_if


@pytest.fixture(scope="module")
def planned() -> tuple[object, Plan]:
    case = load_case("labour-contract")
    return case, make_plan(case)


def test_nothing_left_out_is_the_plan_itself(planned) -> None:
    case, p = planned
    assert what_if(p, case) is p


def test_leaving_one_move_out_replays_the_others(planned) -> None:
    case, p = planned
    assert len(p.chosen) >= 2
    first = p.chosen[0].key
    rest = what_if(p, case, without=[first])
    assert isinstance(rest, Plan)
    assert [m.key for m in rest.chosen] == [m.key for m in p.chosen[1:]]
    assert rest.moves == steps_for(case, p.chosen[1:], case.default_deal())
    assert rest.success_probability_after == rest.moves[-1].success_probability_after
    assert rest.cost == pytest.approx(sum(s.cost for s in rest.moves))
    assert rest.success_probability_before == p.success_probability_before
    assert rest.avoid == p.avoid


def test_leaving_every_move_out_is_the_deal_as_it_stands(planned) -> None:
    case, p = planned
    none = what_if(p, case, without=[m.key for m in p.chosen])
    assert none.moves == ()
    assert none.success_probability_after == p.success_probability_before
    assert dict(none.final_deal) == dict(p.deal)
    assert none.cost == 0


def test_an_unknown_move_is_a_located_error(planned) -> None:
    case, p = planned
    with pytest.raises(DealError) as info:
        what_if(p, case, without=["no-such-move"])
    assert info.value.problems[0].path == "without"
