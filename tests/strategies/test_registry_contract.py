"""One contract over every registered move category (the Axelrod ``TestPlayer`` idea).

For every category, on the rich test case and on a second deal: candidates
exist; generating them is deterministic; each move applied gives a valid
case, reports a cost, never yields a probability outside [0, 1], and the
numbers reported for it equal a fresh analysis of the changed case.
"""

from __future__ import annotations

import copy
import math
import pickle
from collections.abc import Callable

import pytest

from leveltwo.engine.assessment import assess
from leveltwo.model.case import Case, Category, Constituency
from leveltwo.model.deal import Deal
from leveltwo.strategies.evaluate import apply_moves, context, outcome
from leveltwo.strategies.levers import Lever
from leveltwo.strategies.move import Move
from leveltwo.strategies.ops import State
from leveltwo.strategies.planner import steps_for
from leveltwo.strategies.registry import REGISTRY

STRATEGIES = {s.category: s for s in REGISTRY}


def test_registry_has_every_category_once_in_design_order() -> None:
    assert [s.category for s in REGISTRY] == list(Category)


@pytest.mark.parametrize("category", list(Category))
def test_strategy_documents_its_lever_mechanism_cost_and_inputs(category: Category) -> None:
    s = STRATEGIES[category]
    assert isinstance(s.lever, Lever)
    assert s.mechanism
    assert s.cost
    assert s.preconditions
    assert s.parameters
    assert s.sources
    if category is not Category.TIED_HANDS:  # own-side Level II: Schelling, Putnam
        assert any("Sebenius" in src for src in s.sources)
    module = s.generate.__module__
    doc = __import__(module, fromlist=["_"]).__doc__
    assert doc is not None
    assert category.value in doc
    assert "Lever" in doc
    assert s.to_json()["category"] == category.value


def _states(case: Case) -> list[State]:
    assert case.proposal is not None
    other = Deal(
        tuple(
            len(i.options) - 1 - c for i, c in zip(case.issues, case.proposal.choices, strict=True)
        )
    )
    return [State(case, case.proposal), State(case, other)]


def _moves(case: Case, category: Category, state: State) -> tuple[Move, ...]:
    return STRATEGIES[category].generate(context(state))


@pytest.mark.parametrize("category", list(Category))
def test_every_category_has_candidates_on_the_rich_case(rich: Case, category: Category) -> None:
    assert _moves(rich, category, _states(rich)[0])


def _check_valid(case: Case, deal: Deal) -> None:
    assert len(deal.choices) == len(case.issues)
    for c, issue in zip(deal.choices, case.issues, strict=True):
        assert 0 <= c < len(issue.options)
    for st in case.stakeholders():
        prefs = st.preferences
        assert len(prefs.values) == len(case.issues)
        for v, issue in zip(prefs.values, case.issues, strict=True):
            assert len(v) == len(issue.options)
            assert all(0.0 <= x <= 1.0 for x in v)
        total = sum(prefs.weights)
        assert all(w >= 0 for w in prefs.weights)
        assert total == pytest.approx(1.0) or total == 0.0
        assert math.isfinite(st.reservation)
        assert st.uncertainty >= 0
        if isinstance(st, Constituency):
            assert 0.0 < st.quota <= 1.0
            assert 0.0 <= st.strength <= 1.0
    for s in case.sides:
        assert math.isfinite(s.no_deal_value)


@pytest.mark.parametrize("category", list(Category))
def test_contract(rich: Case, category: Category) -> None:
    for state in _states(rich):
        moves = _moves(rich, category, state)
        assert moves == _moves(rich, category, state), "generation is deterministic"
        for m in moves:
            assert m.category is category
            assert isinstance(m.lever, Lever)
            assert m.key.startswith(category.value + ":")
            assert m.ops
            assert m.title
            assert m.why
            # deterministic application
            after = apply_moves(state, (m,))
            assert after == apply_moves(state, (m,))
            _check_valid(after.case, after.deal)
            # reports a cost
            o = outcome(state, (m,))
            assert m.payment >= 0
            assert m.fixed_cost >= 0
            assert math.isfinite(o.cost)
            assert o.cost >= 0
            if m.risk is not None:
                assert 0.0 <= m.risk.probability <= 1.0
                assert m.risk.name
                realised = apply_moves(state, (m,), frozenset({m.key}))
                _check_valid(realised.case, realised.deal)
            # probabilities in [0, 1]
            a = assess(after.case, after.deal)
            assert 0.0 <= a.success_probability <= 1.0
            for side in a.sides:
                for r in side.stakeholders():
                    assert 0.0 <= r.approval_probability <= 1.0
                    assert all(0.0 <= b.approval_probability <= 1.0 for b in r.blocs)
            # the reported numbers are a fresh analysis of the changed case
            (step,) = steps_for(state.case, (m,), state.deal)
            fresh_before = assess(state.case, state.deal)
            assert step.success_probability_before == fresh_before.success_probability
            assert step.expected_value_before == fresh_before.expected_value[rich.us]
            assert step.success_probability_after == a.success_probability
            assert step.expected_value_after == a.expected_value[rich.us]
            assert step.success_probability_after == pytest.approx(o.success_probability, abs=1e-15)
            assert step.category == category.value
            assert step.rationale


def assert_untouched(case: Case, action: Callable[[], object]) -> None:
    """``action`` leaves ``case`` as it was, down to every nested value.

    Compared with a deep copy taken before (equality) and with its pickled bytes
    (which also see changes equality would not, such as a float's sign of zero).
    """
    snapshot = copy.deepcopy(case)
    before = pickle.dumps(case)
    action()
    assert case == snapshot
    assert pickle.dumps(case) == before


@pytest.mark.parametrize("category", list(Category))
def test_moves_do_not_touch_the_original_case(rich: Case, category: Category) -> None:
    state = _states(rich)[0]

    def apply_every_move() -> None:
        for m in _moves(rich, category, state):
            apply_moves(state, (m,))

    assert_untouched(rich, apply_every_move)


def test_the_untouched_check_sees_a_change_deep_inside_the_case(rich: Case) -> None:
    own = copy.deepcopy(rich)  # the fixture is shared: change a copy
    board = own.sides[0].constituencies[0]

    def mutate() -> None:  # what a faulty move could do to a frozen value
        object.__setattr__(board.preferences, "weights", (1.0, *board.preferences.weights[1:]))

    with pytest.raises(AssertionError):
        assert_untouched(own, mutate)


def test_the_helpers_read_the_strategies_hooks_not_lists_of_categories() -> None:
    from leveltwo.strategies import avoid, forms

    signals = {s.category for s in REGISTRY if s.is_signal}
    assert signals == avoid.SIGNALLING
    assert signals == {
        Category.STATEMENTS,
        Category.PROCESS_FORM,
        Category.TABLE_CONDUCT,
        Category.OUTSIDE_PRESSURE,
        Category.FRAMING,
    }
    alternatives = [s.category for s in REGISTRY if s.alternatives]
    assert alternatives == [Category.AGREEMENT_FORM]
    assert set(alternatives) == forms.ALTERNATIVES
    for s in REGISTRY:
        assert isinstance(s.is_signal, bool)
        assert isinstance(s.alternatives, bool)
        assert not (s.is_signal and s.alternatives), s.category


@pytest.mark.parametrize("category", list(Category))
def test_a_categorys_uncertain_inputs_have_ranges_and_setters_that_work(
    rich: Case, category: Category
) -> None:
    """The ``uncertain_inputs`` hook: each input's range holds its base value, a risk or
    cost left at 0 ranges from 0, setting the base value leaves the case as it is, and
    either end of the range gives a valid case the engine assesses."""
    s = STRATEGIES[category]
    inputs = s.uncertain_inputs(rich)
    assert inputs == s.uncertain_inputs(rich), "deterministic"
    for u in inputs:
        assert u.parameter.startswith("level2."), u.parameter
        assert u.label
        assert u.low <= u.base <= u.high
        assert u.low < u.high, u.parameter
        if "assumed 0" in u.label:
            assert u.base == u.low == 0.0
        assert u.setter(rich, u.base) == rich
        for value in (u.low, u.high):
            changed = u.setter(rich, value)
            assert changed != rich
            assert rich.proposal is not None
            _check_valid(changed, rich.proposal)
            p = assess(changed, rich.proposal).success_probability
            assert 0.0 <= p <= 1.0


def test_robustness_takes_the_case_level_inputs_from_the_hooks_alone(
    rich: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataclasses import replace

    from leveltwo.strategies import robustness
    from leveltwo.strategies.uncertainty import assumed

    assert rich.proposal is not None
    declared = [u.parameter for s in REGISTRY for u in s.uncertain_inputs(rich)]
    assert {c for c in Category if STRATEGIES[c].uncertain_inputs(rich)} == {
        Category.COMPENSATION,
        Category.AGREEMENT_FORM,
        Category.OUTSIDE_PRESSURE,
        Category.THWART_OPPONENTS,
    }
    found = [
        u.parameter
        for u in robustness.uncertain_inputs(rich, rich.proposal)
        if u.parameter.startswith("level2.")
    ]
    assert sorted(found) == sorted(declared)
    # a category that declares an input is heard, with no edit of the robustness module
    extra = assumed("level2.budget", 0.5, lambda case, v: case, "a budget (assumed 0)")
    framing = STRATEGIES[Category.FRAMING]
    hooked = replace(framing, uncertain_inputs=lambda case: (extra,))
    monkeypatch.setattr(
        robustness, "REGISTRY", tuple(hooked if s is framing else s for s in REGISTRY)
    )
    again = robustness.uncertain_inputs(rich, rich.proposal)
    assert "level2.budget" in [u.parameter for u in again]


@pytest.mark.parametrize("category", list(Category))
def test_a_categorys_candidates_for_any_deal_include_what_it_proposes_at_the_deal(
    rich: Case, category: Category
) -> None:
    # the exact planner asks each strategy for its candidates over every deal
    # (``Strategy.candidates``): never fewer than ``generate`` gives at the deal on the table
    strategy = next(s for s in REGISTRY if s.category is category)
    ctx = context(State(rich, rich.default_deal()))
    here = {m.key for m in strategy.generate(ctx)}
    anywhere = {m.key for m in strategy.candidates(ctx)}
    assert here <= anywhere
    if strategy.generate_any_deal is None:
        assert anywhere == here


def test_the_exact_planners_pool_is_the_strategies_candidates(rich: Case) -> None:
    from leveltwo.strategies.joint import candidate_pool

    ctx = context(State(rich, rich.default_deal()))
    allowed = frozenset(Category)
    pool = [m.key for m in candidate_pool(ctx, allowed)]
    assert pool == [m.key for s in REGISTRY for m in s.candidates(ctx)]
    assert [s.category for s in REGISTRY if s.generate_any_deal is not None] == [
        Category.FRAMING,
        Category.VICTORY_SPEECH,
    ]
