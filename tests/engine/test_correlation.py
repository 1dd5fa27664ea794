"""Correlated uncertainty (engine/correlation.py): the issue's numbers, independent
references (Sheppard's formula, scipy's bivariate normal, direct integration), the
baseline untouched without factors, and every consumer using the joint numbers."""

from __future__ import annotations

import copy
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from casegen import case_data
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import integrate, stats
from scipy.special import ndtr, ndtri

import leveltwo
from leveltwo.engine.correlation import joint_model, monte_carlo_nodes, quadrature_nodes
from leveltwo.engine.diagnosis import diagnose
from leveltwo.engine.evaluator import evaluate_all
from leveltwo.engine.winsets import analyze_space
from leveltwo.errors import CaseError
from leveltwo.model.build import build_case, validate_case_data
from leveltwo.strategies.evaluate import quick

ROOT = Path(__file__).resolve().parents[2]
SIGMA = 0.1
ROOT_HALF = math.sqrt(0.5)


def _reservation(marginal: float, u: float = 0.5) -> float:
    return u - SIGMA * float(ndtri(marginal))


def _ratifiers(
    n: int, marginal: float, loading: float | None, blocs: bool = False
) -> dict[str, Any]:
    """Their side: n ratifiers (or one constituency of n equal blocs), each at ``marginal``."""
    r = _reservation(marginal)
    prefs = {"weights": {"x": 1}, "values": {"x": {"a": 0.5, "b": 0.5}}}
    if blocs:
        cons = [
            {
                "id": "house",
                **prefs,
                "reservation": r,
                "uncertainty": SIGMA,
                "blocs": [{"id": f"b{i}", "share": 1} for i in range(n)],
            }
        ]
        loadings = {"them.house": loading}
    else:
        cons = [{"id": f"c{i}", **prefs, "reservation": r, "uncertainty": SIGMA} for i in range(n)]
        loadings = {f"them.c{i}": loading for i in range(n)}
    data: dict[str, Any] = {
        "leveltwo": 1,
        "title": "t",
        "issues": [{"id": "x", "options": ["a", "b"]}],
        "sides": [
            {"id": "us", "negotiator": {"weights": {"x": 1}, "values": {"x": "ascending"}}},
            {
                "id": "them",
                "negotiator": {"weights": {"x": 1}, "values": {"x": "ascending"}},
                "constituencies": cons,
            },
        ],
        "proposal": {"x": "a"},
    }
    if loading is not None:
        data["factors"] = [{"id": "mood", "loadings": loadings}]
    return data


def test_two_ratifiers_at_0_7_loaded_root_half_approve_together_with_0_5568() -> None:
    case = build_case(_ratifiers(2, 0.7, ROOT_HALF))
    p = leveltwo.assess(case).success_probability
    a = float(ndtri(0.7))
    bivariate = stats.multivariate_normal(mean=[0, 0], cov=[[1, 0.5], [0.5, 1]]).cdf([a, a])
    assert round(p, 4) == 0.5568
    assert p == pytest.approx(bivariate, abs=1e-5)
    assert leveltwo.assess(build_case(_ratifiers(2, 0.7, None))).success_probability == (
        pytest.approx(0.49)
    )


def test_at_even_odds_the_joint_approval_is_sheppards_one_third() -> None:
    # Φ₂(0, 0; ρ) = 1/4 + arcsin(ρ)/(2π); ρ = 0.5 gives 1/3
    case = build_case(_ratifiers(2, 0.5, ROOT_HALF))
    assert leveltwo.assess(case).success_probability == pytest.approx(1 / 3, abs=1e-10)


def _majority_given_z(z: float, marginal: float, loading: float, n: int) -> float:
    a = float(ndtri(marginal))
    p = float(ndtr((a - loading * z) / math.sqrt(1 - loading**2)))
    need = n // 2 + 1
    return sum(math.comb(n, j) * p**j * (1 - p) ** (n - j) for j in range(need, n + 1))


def test_a_majority_of_five_blocs_at_0_7_loaded_root_half_is_0_7434() -> None:
    case = build_case(_ratifiers(5, 0.7, ROOT_HALF, blocs=True))
    a = leveltwo.assess(case)
    reference, _ = integrate.quad(
        lambda z: _majority_given_z(z, 0.7, ROOT_HALF, 5) * stats.norm.pdf(z), -12, 12
    )
    assert round(a.success_probability, 4) == 0.7434
    assert a.success_probability == pytest.approx(reference, abs=1e-7)
    house = a.sides[1].constituencies[0]
    assert house.approval_probability == pytest.approx(reference, abs=1e-7)
    for b in house.blocs:  # each bloc's own approval is its baseline 0.7
        assert b.approval_probability == pytest.approx(0.7, abs=1e-9)
    independent = leveltwo.assess(build_case(_ratifiers(5, 0.7, None, blocs=True)))
    assert round(independent.success_probability, 4) == 0.8369


def test_the_docs_example_gives_the_documented_numbers() -> None:
    case = leveltwo.load_case(str(ROOT / "docs" / "examples" / "correlated.yaml"))
    a = leveltwo.assess(case)
    home, abroad = a.sides
    assert round(home.probability, 4) == 0.7434
    assert round(abroad.probability, 4) == 0.5568
    # the factors are independent of each other, and no stakeholder loads both
    assert a.success_probability == pytest.approx(home.probability * abroad.probability)


def test_quadrature_nodes_integrate_normal_moments() -> None:
    for f in (1, 2):
        n = quadrature_nodes(f)
        assert n.weights.sum() == pytest.approx(1.0)
        assert (n.weights @ n.points[:, 0] ** 2) == pytest.approx(1.0)
        assert (n.weights @ n.points[:, 0] ** 4) == pytest.approx(3.0)


def test_monte_carlo_agrees_with_quadrature_and_is_seeded() -> None:
    case = build_case(_ratifiers(5, 0.7, ROOT_HALF, blocs=True))
    exact = joint_model(case)
    mc = joint_model(case, method="monte_carlo", seed=3)
    again = joint_model(case, method="monte_carlo", seed=3)
    assert exact is not None
    assert mc is not None
    assert again is not None
    assert exact.nodes.method == "quadrature"
    assert mc.nodes.method == "monte_carlo"
    p_exact = float(exact.deal(case.proposal).success[0])  # type: ignore[arg-type]
    p_mc = float(mc.deal(case.proposal).success[0])  # type: ignore[arg-type]
    assert p_mc == float(again.deal(case.proposal).success[0])  # type: ignore[arg-type]
    assert abs(p_mc - p_exact) < 4 * 0.5 / math.sqrt(len(mc.nodes.weights))
    assert monte_carlo_nodes(2, 10, seed=1).points.tolist() == (
        monte_carlo_nodes(2, 10, seed=1).points.tolist()
    )


def test_more_than_two_factors_use_the_seeded_monte_carlo() -> None:
    data = _ratifiers(3, 0.7, None)
    data["factors"] = [
        {"id": f"f{k}", "loadings": {f"them.c{k}": 0.5, f"them.c{(k + 1) % 3}": 0.5}}
        for k in range(3)
    ]
    case = build_case(data)
    model = joint_model(case)
    assert model is not None
    assert model.nodes.method == "monte_carlo"
    # each pair shares one factor: correlation 0.25; a reference by direct simulation
    rng = np.random.default_rng(11)
    z = rng.standard_normal((400_000, 3))
    eps = rng.standard_normal((400_000, 3))
    a = float(ndtri(0.7))
    ok = np.ones(400_000, dtype=bool)
    for k in range(3):
        shock = 0.5 * z[:, k] + 0.5 * z[:, (k - 1) % 3] + math.sqrt(0.5) * eps[:, k]
        ok &= shock <= a
    assert leveltwo.assess(case).success_probability == pytest.approx(ok.mean(), abs=0.01)


def test_negative_loadings_make_approvals_move_apart() -> None:
    data = _ratifiers(2, 0.7, ROOT_HALF)
    data["factors"][0]["loadings"]["them.c1"] = -ROOT_HALF
    p = leveltwo.assess(build_case(data)).success_probability
    a = float(ndtri(0.7))
    ref = stats.multivariate_normal(mean=[0, 0], cov=[[1, -0.5], [-0.5, 1]]).cdf([a, a])
    assert p == pytest.approx(ref, abs=1e-5)
    assert p < 0.49


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=case_data(), seed=st.integers(0, 2**16))
def test_factors_keep_every_marginal_and_zero_loadings_give_the_baseline(
    data: dict[str, Any], seed: int
) -> None:
    base = build_case(data)
    keys = [s.key for s in base.stakeholders()]
    rng = np.random.default_rng(seed)
    loaded = copy.deepcopy(data)
    loaded["factors"] = [
        {
            "id": "f",
            "loadings": {k: float(rng.uniform(-0.9, 0.9)) for k in keys if rng.random() < 0.6}
            or {keys[0]: 0.5},
        }
    ]
    zero = copy.deepcopy(data)
    zero["factors"] = [{"id": "f", "loadings": {k: 0.0 for k in keys}}]
    b, z, c = evaluate_all(base), evaluate_all(build_case(zero)), evaluate_all(build_case(loaded))
    assert np.allclose(z.success, b.success, atol=1e-12, rtol=0)
    assert np.allclose(z.side, b.side, atol=1e-12, rtol=0)
    assert np.all((c.success >= 0) & (c.success <= 1))
    assert np.all(c.success <= np.minimum(c.side[0], c.side[1]) + 1e-12)
    # the whole-space evaluator and assess agree deal by deal under the factors
    case = build_case(loaded)
    for k in range(case.size):
        a = leveltwo.assess(case, case.deal_from_index(k))
        assert a.success_probability == pytest.approx(float(c.success[k]), abs=1e-12)
        p, _ = quick(case, case.deal_from_index(k))
        assert p == pytest.approx(float(c.success[k]), abs=1e-12)
        ab = leveltwo.assess(base, base.deal_from_index(k))
        for s1, s0 in zip(a.sides, ab.sides, strict=True):
            for r1, r0 in zip(s1.stakeholders(), s0.stakeholders(), strict=True):
                if not r1.blocs:  # single actors keep their own approval exactly
                    assert r1.approval_probability == r0.approval_probability


def test_without_factors_the_evaluator_skips_the_joint_model() -> None:
    case = leveltwo.load_case("labour-contract")
    assert joint_model(case) is None
    assert leveltwo.Evaluator(case)._joint is None


def test_every_consumer_uses_the_joint_numbers() -> None:
    case = build_case(_ratifiers(2, 0.7, ROOT_HALF))
    space = analyze_space(case)
    assert round(max(p.success_probability for p in space.frontier), 4) == 0.5568
    d = diagnose(case)
    assert round(d.success_probability, 4) == 0.5568
    # with one chamber sure to approve, P is the other's 0.7: the cost of each is 0.7 − P
    costs = [b.probability_cost for b in d.blockers]
    assert costs
    assert all(c == pytest.approx(0.7 - 0.5568, abs=1e-4) for c in costs)


def test_loading_errors_are_located() -> None:
    data = _ratifiers(2, 0.7, 0.8)
    data["factors"].append({"id": "mood", "loadings": {"them.c0": 0.7, "them.nobody": 0.1}})
    data["factors"].append({"id": "big", "loadings": {"them.c1": 1.5}})
    problems = {p.path: p for p in validate_case_data(data)}
    assert "factors[1].id" in problems
    assert "factors[1].loadings.them.nobody" in problems
    assert "Σ λ²" in problems["factors[1].loadings.them.c0"].found
    assert "factors[2].loadings.them.c1" in problems
    with pytest.raises(CaseError):
        build_case(data)


def test_a_bloc_listed_itself_overrides_its_constituency_loading() -> None:
    data = _ratifiers(3, 0.7, 0.6, blocs=True)
    data["factors"][0]["loadings"]["them.house.b0"] = 0.9
    case = build_case(data)
    model = joint_model(case)
    assert model is not None
    from leveltwo.model.correlation import correlation_of

    corr = correlation_of(case)
    assert corr is not None
    assert corr.loadings("them.house.b0") == (0.9,)
    assert corr.loadings("them.house.b1") == (0.6,)
    assert corr.loadings("us.negotiator") == (0.0,)
    # 0.9² + 0.6²... only one factor: Σ λ² of b0 is 0.81, valid
    assert validate_case_data(data) == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=case_data(), sus=st.floats(0.0, 1.0))
def test_without_factors_or_links_every_number_is_the_baseline_bit_for_bit(
    data: dict[str, Any], sus: float
) -> None:
    """An empty `factors:` list and susceptibilities without influence links change no bit."""
    base = build_case(data)
    extended = copy.deepcopy(data)
    extended["factors"] = []
    for side in extended["sides"]:
        side["negotiator"]["susceptibility"] = sus
        for c in side.get("constituencies", []):
            c["susceptibility"] = sus
    case = build_case(extended)
    assert joint_model(case) is None
    a, b = evaluate_all(base), evaluate_all(case)
    for x, y in zip(
        (a.ratification, a.implementation, a.side, a.success, a.expected_value),
        (b.ratification, b.implementation, b.side, b.success, b.expected_value),
        strict=True,
    ):
        assert np.array_equal(x, y)
    deal = base.deal_from_index(base.size - 1)
    assert leveltwo.assess(base, deal).to_json() == leveltwo.assess(case, deal).to_json()


def test_the_case_writer_keeps_the_factors() -> None:
    from leveltwo.io.casefile import case_from_text
    from leveltwo.io.casewriter import write_case

    case = leveltwo.load_case(str(ROOT / "docs" / "examples" / "correlated.yaml"))
    written = write_case(case)
    assert "factors:" in written
    assert case_from_text(written) == case
