"""One small case per category where that move is the right one: direction and size by hand.

Every tiny case (see conftest): X weighs a and b equally; at the proposal
(a = high, b = low) its utility is 0.6 against a reservation of 0.7 with
uncertainty 0.1, so it approves with Φ(−1). Our utility there is 0.5, our
no-deal value 0.1, nobody else binds: P = p_X and EV = P·0.5 + (1 − P)·0.1.
"""

from __future__ import annotations

from collections.abc import Callable
from statistics import NormalDist

import pytest

from leveltwo.model.case import Case, Category
from leveltwo.strategies.evaluate import context, outcome
from leveltwo.strategies.move import Move
from leveltwo.strategies.ops import State
from leveltwo.strategies.planner import plan
from leveltwo.strategies.registry import strategy

PHI = NormalDist().cdf
Tiny = Callable[..., Case]


def ev(p: float, u: float = 0.5, x: float = 0.1) -> float:
    return p * u + (1 - p) * x


def only(case: Case, category: Category, key: str | None = None) -> Move:
    assert case.proposal is not None
    moves = strategy(category).generate(context(State(case, case.proposal)))
    if key is not None:
        moves = tuple(m for m in moves if m.key == key)
    assert len(moves) == 1, [m.key for m in moves]
    return moves[0]


def value_of(case: Case, moves: tuple[Move, ...]) -> tuple[float, float, float]:
    assert case.proposal is not None
    o = outcome(State(case, case.proposal), moves)
    return o.success_probability, o.expected_value, o.value


def test_baseline_of_the_tiny_case(tiny: Tiny) -> None:
    p, e, v = value_of(tiny(), ())
    assert p == pytest.approx(PHI(-1))
    assert e == pytest.approx(ev(PHI(-1)))
    assert v == e


def test_compensation_term_change_is_the_plan(tiny: Tiny) -> None:
    # b: low → mid gives X 0.5 + 0.5·0.6 = 0.8 (p = Φ(1)) and costs us 0.25 utility
    p = plan(tiny(), allowed=[Category.COMPENSATION])
    assert [s.key for s in p.moves] == ["compensation:term:b=mid"]
    assert p.success_probability_after == pytest.approx(PHI(1))
    assert p.expected_value_after == pytest.approx(ev(PHI(1), u=0.25))
    assert p.moves[0].cost == pytest.approx(0.25)
    assert p.moves[0].approvals[0].after == pytest.approx(PHI(1))


def test_compensation_side_payment_lowers_the_bar_and_charges_its_cost(tiny: Tiny) -> None:
    case = tiny(level2={"compensation": [{"id": "pay", "value": {"them.x": 0.1}, "cost": 0.05}]})
    m = only(case, Category.COMPENSATION, "compensation:offer:pay")
    p, e, v = value_of(case, (m,))
    assert p == pytest.approx(0.5)  # r: 0.7 → 0.6 = u
    assert e == pytest.approx(ev(0.5))
    assert v == pytest.approx(ev(0.5) - 0.5 * 0.05)


def test_compensation_new_option_is_valued_as_given(tiny: Tiny) -> None:
    case = tiny(
        level2={
            "compensation": [
                {
                    "id": "extra",
                    "name": "b plus",
                    "issue": "b",
                    "like": "low",
                    "values": {"them.x": 0.6},
                }
            ]
        }
    )
    m = only(case, Category.COMPENSATION, "compensation:new:extra")
    p, e, _ = value_of(case, (m,))
    assert p == pytest.approx(PHI(1))  # X: 0.5 + 0.5·0.6 = 0.8
    assert e == pytest.approx(ev(PHI(1)))  # we value it like 'low': no cost


def test_agreement_form_tacit_trades_audience_cost_for_enforceability(tiny: Tiny) -> None:
    case = tiny({"audience_cost": 0.1}, {"tacit_enforceability": 0.9})
    m = only(case, Category.AGREEMENT_FORM)
    p, e, _ = value_of(case, (m,))
    assert p == pytest.approx(0.5 * 0.9)  # r 0.6 = u, times enforceability
    assert e == pytest.approx(ev(0.45))
    best = plan(case, allowed=[Category.AGREEMENT_FORM, Category.COMPENSATION])
    assert best.move_keys == ("agreement_form:tacit",)


def test_agreement_form_needs_enforceability_else_asks_for_it(tiny: Tiny) -> None:
    case = tiny({"audience_cost": 0.1})
    assert strategy(Category.AGREEMENT_FORM).generate(context(State(case, case.proposal))) == ()  # type: ignore[arg-type]
    p = plan(case, allowed=[Category.AGREEMENT_FORM])
    asked = [f for f in p.find_out if f.parameter == "level2.tacit_enforceability"]
    assert asked
    assert asked[0].value_of_information > 0
    assert "agreement_form:tacit" in asked[0].unlocks
    tacit = next(f for f in p.forms if f.form == "tacit")
    assert not tacit.available
    assert "unknown" in tacit.note


def test_agreement_form_process_term_values_the_lottery(tiny: Tiny) -> None:
    case = tiny(
        {"audience_cost": 0.1},
        {"process_terms": [{"id": "review", "issue": "b", "outcomes": {"mid": 0.5, "high": 0.5}}]},
    )
    m = only(case, Category.AGREEMENT_FORM)
    p, e, _ = value_of(case, (m,))
    # X values the process at 0.5·0.6 + 0.5·1 = 0.8 on b → u 0.5 + 0.4 = 0.9; r 0.6
    assert p == pytest.approx(PHI(3))
    # we value it at 0.5·0.5 + 0.5·0 = 0.25 on b → u 0.125
    assert e == pytest.approx(ev(PHI(3), u=0.125))


def test_process_form_signal_credit_and_cost(tiny: Tiny) -> None:
    case = tiny({"credits": {"mediator": 0.05}})
    m = only(case, Category.PROCESS_FORM)
    p, _e, v = value_of(case, (m,))
    assert p == pytest.approx(PHI(-0.5))
    assert v == pytest.approx(ev(PHI(-0.5)) - 0.005)  # default mediator cost


def test_statements_reassuring_helps_inflammatory_is_avoided(tiny: Tiny) -> None:
    level2 = {
        "statements": [
            {"id": "calm", "text": "calm", "kind": "reassuring", "touches": ["them.x"]},
            {"id": "hot", "text": "hot", "kind": "inflammatory", "touches": ["them.x"]},
        ]
    }
    case = tiny({"reassurance": 0.05, "hostility": 0.05}, level2)
    calm = only(case, Category.STATEMENTS, "statements:calm")
    assert value_of(case, (calm,))[0] == pytest.approx(PHI(-0.5))
    hot = only(case, Category.STATEMENTS, "statements:hot")
    assert value_of(case, (hot,))[0] == pytest.approx(PHI(-1.5))
    p = plan(case, allowed=[Category.STATEMENTS])
    assert p.move_keys == ("statements:calm",)
    avoided = {a.key: a for a in p.avoid}
    assert "statements:hot" in avoided
    whom = avoided["statements:hot"].whom[0]
    assert whom.key == "them.x"
    assert whom.before == pytest.approx(PHI(-0.5))  # on top of the plan's calm statement
    assert whom.after == pytest.approx(PHI(-1.0))


def test_framing_moves_weights_toward_what_the_deal_gives(tiny: Tiny) -> None:
    # w* ∝ (1·1, 1·0.2) → (5/6, 1/6); w' = ½(½, ½) + ½(5/6, 1/6) = (2/3, 1/3); u' = 2/3 + 0.2/3
    case = tiny({"framing": 0.5})
    m = only(case, Category.FRAMING)
    p, _, _ = value_of(case, (m,))
    assert p == pytest.approx(PHI((2 / 3 + 0.2 / 3 - 0.7) / 0.1))
    assert plan(case, allowed=[Category.FRAMING]).move_keys == ("framing:them.x",)


def test_victory_speech_credits_the_gain_over_our_opening(tiny: Tiny) -> None:
    # our opening (our best deal) is a = low, b = low: X's utility there 0.1; gain 0.5; λ = 0.5
    case = tiny({"victory": 0.5})
    m = only(case, Category.VICTORY_SPEECH)
    p, e, _ = value_of(case, (m,))
    assert p == pytest.approx(PHI(1.5))  # r 0.7 − 0.25 = 0.45
    assert e == pytest.approx(ev(PHI(1.5)))


def test_table_conduct_restraint_is_free(tiny: Tiny) -> None:
    case = tiny({"credits": {"restraint": 0.05}})
    m = only(case, Category.TABLE_CONDUCT)
    p, e, v = value_of(case, (m,))
    assert p == pytest.approx(PHI(-0.5))
    assert v == e


def test_table_conduct_staged_win_beats_the_same_term_unstaged(tiny: Tiny) -> None:
    data_case = tiny({"credits": {"staged_win": 0.05}})
    case = data_case.__class__(
        **{**data_case.__dict__, "proposal": data_case.proposal.with_choice(0, 1)}
    )  # type: ignore[union-attr]
    # a: mid → high is their negotiator's preference: X 0.35 → 0.6; with credit r 0.65
    staged = only(case, Category.TABLE_CONDUCT)
    assert staged.key == "table_conduct:staged_win:a=high"
    assert value_of(case, (staged,))[0] == pytest.approx(PHI(-0.5))
    plain = next(
        m
        for m in strategy(Category.COMPENSATION).generate(context(State(case, case.proposal)))  # type: ignore[arg-type]
        if m.key == "compensation:term:a=high"
    )
    assert value_of(case, (plain,))[0] == pytest.approx(PHI(-1))


def test_outside_pressure_prices_its_backlash_exactly(tiny: Tiny) -> None:
    level2 = {
        "third_parties": [
            {
                "id": "c",
                "name": "Customers",
                "reaches": ["them.x"],
                "strength": 0.2,
                "backlash": 0.25,
            }
        ]
    }
    case = tiny({"pressure": 0.5}, level2)
    m = only(case, Category.OUTSIDE_PRESSURE)
    p, e, v = value_of(case, (m,))
    assert p == pytest.approx(0.5)  # r 0.7 − 0.5·0.2 = 0.6 = u
    assert e == pytest.approx(ev(0.5))
    assert v == pytest.approx(0.75 * ev(0.5) + 0.25 * ev(PHI(-2)))  # backlash: r 0.8


def test_thwart_opponents_only_when_allowed_and_with_its_legitimacy_risk(tiny: Tiny) -> None:
    level2 = {
        "rule_changes": [
            {
                "id": "route",
                "name": "Other route",
                "target": "them.x",
                "power": "influence",
                "legitimacy_risk": 0.2,
            }
        ]
    }
    case = tiny({"hostility": 0.05}, level2)
    m = only(case, Category.THWART_OPPONENTS)
    assert m.extraordinary
    p, e, v = value_of(case, (m,))
    assert p == 1.0
    assert e == pytest.approx(0.5)
    assert v == pytest.approx(0.8 * 0.5 + 0.2 * ev(PHI(-1.5)))
    assert "thwart_opponents:route" not in plan(case).move_keys  # off by default
    allowed = plan(case, allowed=[Category.THWART_OPPONENTS])
    assert allowed.move_keys == ("thwart_opponents:route",)
    assert allowed.moves[0].risk is not None
    assert allowed.moves[0].risk.probability == 0.2
