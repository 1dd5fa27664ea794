"""Property-based tests of the baseline model's invariants (docs/model.md), on random cases."""

from __future__ import annotations

import copy
import math
from typing import Any

import numpy as np
import reference
from casegen import Data, case_data, cases, stakeholder_nodes
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from leveltwo.engine.approval import approval_probability
from leveltwo.engine.assessment import assess
from leveltwo.engine.blocvote import quota_probability
from leveltwo.engine.evaluator import DealArrays, evaluate_all
from leveltwo.engine.winsets import analyze_space
from leveltwo.model.build import build_case
from leveltwo.model.case import Case

EPS = 1e-12


def probabilities(r: DealArrays) -> list[np.ndarray]:
    return [r.ratification, r.implementation, r.side, r.success]


def approvals(case: Case) -> dict[str, list[float]]:
    """Every stakeholder's approval (constituencies: their vote) for every deal, via assess()."""
    out: dict[str, list[float]] = {}
    for i in range(case.size):
        a = assess(case, case.deal_from_index(i))
        for s in a.sides:
            for r in s.stakeholders():
                out.setdefault(r.key, []).append(r.approval_probability)
                for b in r.blocs:
                    out.setdefault(b.key, []).append(b.approval_probability)
    return out


# ---------------------------------------------------------------------------
# bounds
@given(cases())
def test_every_probability_is_in_the_unit_interval(case: Case) -> None:
    r = evaluate_all(case)
    for arr in probabilities(r):
        assert np.all(arr >= 0.0)
        assert np.all(arr <= 1.0)
    for values in approvals(case).values():
        assert all(0.0 <= p <= 1.0 for p in values)


# ---------------------------------------------------------------------------
# monotonicity
@given(case_data(), st.data(), st.floats(0.001, 0.5))
def test_raising_a_reservation_never_raises_any_probability(
    data: Data, pick: st.DataObject, delta: float
) -> None:
    before_case = build_case(copy.deepcopy(data))
    nodes = list(stakeholder_nodes(data))
    _, node, effective = pick.draw(st.sampled_from(nodes))
    # a bloc without its own reservation inherits one: raise it from there
    node["reservation"] = effective + delta
    after_case = build_case(data)
    before, after = evaluate_all(before_case), evaluate_all(after_case)
    for b, a in zip(probabilities(before), probabilities(after), strict=True):
        assert np.all(a <= b + EPS)
    ab, aa = approvals(before_case), approvals(after_case)
    for key, values in ab.items():
        assert all(x <= y + EPS for x, y in zip(aa[key], values, strict=True)), key


@given(case_data(), st.data())
def test_adding_a_ratifier_never_raises_p_side(data: Data, pick: st.DataObject) -> None:
    from casegen import constituency

    si = pick.draw(st.integers(0, 1))
    new = pick.draw(constituency(data["issues"], 9))
    new["power"] = "ratify"
    before = evaluate_all(build_case(copy.deepcopy(data)))
    data["sides"][si]["constituencies"].append(new)
    after = evaluate_all(build_case(data))
    assert np.all(after.side[si] <= before.side[si] + EPS)
    assert np.all(after.success <= before.success + EPS)
    np.testing.assert_array_equal(after.side[1 - si], before.side[1 - si])


@given(
    st.lists(st.floats(0.0, 1.0), min_size=1, max_size=6),
    st.data(),
    st.floats(0.01, 1.0),
    st.floats(0.01, 1.0),
)
def test_raising_a_quota_never_raises_a_bloc_vote(
    ps: list[float], pick: st.DataObject, q1: float, q2: float
) -> None:
    shares = pick.draw(
        st.lists(
            st.one_of(st.integers(1, 50), st.sampled_from([0.1, 0.25, 1 / 3, 0.7])),
            min_size=len(ps),
            max_size=len(ps),
        )
    )
    low, high = sorted((q1, q2))
    p = np.array(ps)[:, None]
    assert quota_probability(p, shares, high)[0] <= quota_probability(p, shares, low)[0] + EPS


@settings(suppress_health_check=[HealthCheck.filter_too_much])
@given(case_data(), st.data())
def test_raising_a_quota_in_a_case_never_raises_any_probability(
    data: Data, pick: st.DataObject
) -> None:
    voting = [c for s in data["sides"] for c in s["constituencies"] if c.get("blocs")]
    assume(voting)
    c = pick.draw(st.sampled_from(voting))
    old = c.get("quota", 0.5)
    assume(old < 1.0)
    q = pick.draw(st.floats(min_value=old, max_value=1.0, exclude_min=True))
    before = evaluate_all(build_case(copy.deepcopy(data)))
    c["quota"] = q
    after = evaluate_all(build_case(data))
    for b, a in zip(probabilities(before), probabilities(after), strict=True):
        assert np.all(a <= b + EPS)


# ---------------------------------------------------------------------------
# σ → 0
@given(
    st.lists(st.floats(0.0, 1.0), min_size=1, max_size=20),
    st.floats(0.0, 1.0),
)
def test_tiny_uncertainty_gives_the_step_function(utilities: list[float], r: float) -> None:
    u = np.array(utilities)
    away = np.abs(u - r) > 1e-6
    tiny = approval_probability(u, r, 1e-9)
    step = approval_probability(u, r, 0.0)
    np.testing.assert_array_equal(tiny[away], step[away])


def _with_uncertainty(data: Data, sigma: float) -> Data:
    out = copy.deepcopy(data)
    for _, node, _ in stakeholder_nodes(out):
        node["uncertainty"] = sigma
    return out


@given(case_data())
def test_a_case_with_tiny_uncertainties_equals_the_step_model(data: Data) -> None:
    exact = build_case(_with_uncertainty(data, 0.0))
    tiny = build_case(_with_uncertainty(data, 1e-9))
    # only deals where no stakeholder sits within 1e-6 of its reservation
    clear = [
        i
        for i in range(exact.size)
        if all(
            abs(reference.utility(st_, exact.deal_from_index(i)) - st_.reservation) > 1e-6
            for st_ in exact.stakeholders()
        )
    ]
    a, b = evaluate_all(exact), evaluate_all(tiny)
    for x, y in zip(probabilities(a), probabilities(b), strict=True):
        np.testing.assert_allclose(x[..., clear], y[..., clear], atol=1e-12)


# ---------------------------------------------------------------------------
# win-sets, best deal, frontier
@given(cases(), st.floats(0.0, 1.0), st.floats(0.0, 1.0))
def test_winsets_shrink_as_the_threshold_grows(case: Case, t1: float, t2: float) -> None:
    low, high = sorted((t1, t2))
    a, b = analyze_space(case, low), analyze_space(case, high)
    for sa, sb in zip(a.sides, b.sides, strict=True):
        assert sb.winset_size <= sa.winset_size
    assert b.agreement_zone_size <= a.agreement_zone_size
    r = evaluate_all(case)
    # as sets, not only as sizes
    assert np.all((r.side >= high) <= (r.side >= low))


@given(cases())
def test_the_best_deal_has_the_largest_expected_value_for_us(case: Case) -> None:
    us = case.side_index(case.us)
    result = analyze_space(case, chunk=7)
    r = evaluate_all(case)
    assert result.best_deal.ev(case.us) >= r.expected_value[us].max() - EPS
    assert np.all(result.best_deal.ev(case.us) >= r.expected_value[us] - EPS)


@given(cases())
def test_frontier_points_are_non_dominated_and_cover_every_deal(case: Case) -> None:
    result = analyze_space(case, chunk=7)
    us, them = case.us, case.their_side.id

    def grid(p: tuple[float, float]) -> tuple[float, float]:  # the 1e-12 tie grid
        return (math.floor(p[0] / 1e-12), math.floor(p[1] / 1e-12))

    front = [grid((p.ev(us), p.ev(them))) for p in result.frontier]
    assert front, "a non-empty space has a non-empty frontier"
    for i, x in enumerate(front):
        for j, y in enumerate(front):
            if i != j:
                assert not reference.dominated(x, y)
                assert x != y  # equal points are collapsed onto one
    r = evaluate_all(case)
    ui, ti = case.side_index(us), case.side_index(them)
    for k in range(case.size):
        point = grid((float(r.expected_value[ui, k]), float(r.expected_value[ti, k])))
        assert any(point == y or reference.dominated(point, y) for y in front)


# ---------------------------------------------------------------------------
# vectorised whole space == slow per-deal evaluation
@given(cases())
def test_evaluate_all_equals_per_deal_assessment_and_the_reference(case: Case) -> None:
    r = evaluate_all(case)
    slow = reference.all_deals(case)
    for k in range(case.size):
        a = assess(case, case.deal_from_index(k))
        ref = slow[k]
        assert (
            a.success_probability == np.float64(r.success[k])
            or abs(a.success_probability - r.success[k]) <= EPS
        )
        assert abs(ref.success - r.success[k]) <= 1e-12
        for s, side in enumerate(a.sides):
            assert abs(side.probability - r.side[s, k]) <= EPS
            assert abs(side.ratification_probability - r.ratification[s, k]) <= EPS
            assert abs(side.implementation_probability - r.implementation[s, k]) <= EPS
            assert abs(side.utility - r.utility[s, k]) <= EPS
            assert abs(a.expected_value[side.id] - r.expected_value[s, k]) <= EPS
            assert abs(ref.sides[s].ratify - r.ratification[s, k]) <= 1e-12
            assert abs(ref.sides[s].implement - r.implementation[s, k]) <= 1e-12
            assert abs(ref.ev[s] - r.expected_value[s, k]) <= 1e-12


def on_grid(x: float) -> float:
    """A value rounded down to the 1e-12 grid on which ties are decided."""
    return math.floor(x / reference.TIE)


def documented_best(case: Case, slow: list[reference.DealNumbers]) -> int:
    """docs/model.md §7's best deal: max EV_us; among those equal on the 1e-12 grid the
    largest P; then the largest EV_them; among those the earliest deal."""
    us = case.side_index(case.us)
    cand = slow
    for key in (lambda d: d.ev[us], lambda d: d.success, lambda d: d.ev[1 - us]):
        top = max(on_grid(key(d)) for d in cand)
        cand = [d for d in cand if on_grid(key(d)) == top]
    return min(d.index for d in cand)


def documented_nash(case: Case, slow: list[reference.DealNumbers]) -> int | None:
    """The risk-adjusted Nash deal: max product of gains over deals where both are
    positive; ties within 1e-12 to the larger P, then the earlier deal."""
    us = case.side_index(case.us)
    x = [s.no_deal_value for s in case.sides]

    def gain(d: reference.DealNumbers) -> float:
        return (d.ev[us] - x[us]) * (d.ev[1 - us] - x[1 - us])

    cand = [d for d in slow if d.ev[us] - x[us] > 0 and d.ev[1 - us] - x[1 - us] > 0]
    if not cand:
        return None
    for key in (gain, lambda d: d.success):
        top = max(on_grid(key(d)) for d in cand)
        cand = [d for d in cand if on_grid(key(d)) == top]
    return min(d.index for d in cand)


def engine_deals(case: Case) -> list[reference.DealNumbers]:
    """The engine's own per-deal numbers (evaluate_all), in the reference's shape."""
    r = evaluate_all(case)
    return [
        reference.DealNumbers(
            k,
            (
                reference.SideNumbers(float(r.ratification[0, k]), float(r.implementation[0, k])),
                reference.SideNumbers(float(r.ratification[1, k]), float(r.implementation[1, k])),
            ),
            float(r.success[k]),
            (float(r.utility[0, k]), float(r.utility[1, k])),
            (float(r.expected_value[0, k]), float(r.expected_value[1, k])),
        )
        for k in range(case.size)
    ]


@given(cases(), st.floats(0.0, 1.0))
def test_analyze_space_in_chunks_equals_a_slow_per_deal_evaluation(case: Case, tau: float) -> None:
    """Whole-space answers (chunks of 7) equal those recomputed deal by deal.

    Values: the engine's per-deal numbers equal the independent reference within
    1e-12. Selections (win-sets, best and Nash deals, frontier) are recomputed by
    brute force over the engine's per-deal numbers and must match exactly, and the
    win-set sizes must lie within the reference's counts at τ ± 1e-12.
    """
    result = analyze_space(case, tau, chunk=7)
    slow = reference.all_deals(case)
    fast = engine_deals(case)
    us = case.side_index(case.us)
    them = 1 - us
    for f, r in zip(fast, slow, strict=True):
        assert abs(f.success - r.success) <= 1e-12
        for s in range(2):
            assert abs(f.sides[s].side - r.sides[s].side) <= 1e-12
            assert abs(f.ev[s] - r.ev[s]) <= 1e-12
    # win-sets and the agreement zone
    for s in range(2):
        size = result.sides[s].winset_size
        assert size == sum(d.sides[s].side >= tau for d in fast)
        assert sum(d.sides[s].side >= tau + 1e-12 for d in slow) <= size
        assert size <= sum(d.sides[s].side >= tau - 1e-12 for d in slow)
    assert result.agreement_zone_size == sum(
        d.sides[0].side >= tau and d.sides[1].side >= tau for d in fast
    )
    assert result.max_success_probability == max(d.success for d in fast)
    # best and Nash deals, under the documented tie rules (on a chain of near-ties,
    # see near_ties, the value of the choice)
    assert case.deal_index(result.best_deal.deal) == documented_best(case, fast)
    nash = documented_nash(case, fast)
    if nash is None:
        assert result.nash_deal is None
    else:
        assert result.nash_deal is not None
        assert case.deal_index(result.nash_deal.deal) == nash

    # frontier: exactly the non-dominated (EV_us, EV_them) pairs on the 1e-12 tie grid,
    # each once
    def grid(p: tuple[float, float]) -> tuple[float, float]:
        return (math.floor(p[0] / 1e-12), math.floor(p[1] / 1e-12))

    points = [grid((d.ev[us], d.ev[them])) for d in fast]
    expected_front = {p for p in points if not any(reference.dominated(p, q) for q in points)}
    got = [grid((p.ev(case.us), p.ev(case.their_side.id))) for p in result.frontier]
    assert len(set(got)) == len(got)
    assert set(got) == expected_front
    for p in result.frontier:  # each shown as its earliest deal
        k = case.deal_index(p.deal)
        assert k == min(i for i, q in enumerate(points) if q == points[k])


@given(cases(), st.sampled_from([1, 2, 5, 7, 64]))
def test_chunk_size_does_not_change_analyze_space(case: Case, chunk: int) -> None:
    whole: dict[str, Any] = analyze_space(case, 0.4).to_json()
    chunked: dict[str, Any] = analyze_space(case, 0.4, chunk=chunk).to_json()
    assert chunked == whole
