"""The NegMAS bridge: NegMAS's agents bargain over a bundled case, with ratification.

Runs in CI, where ``make test`` installs the ``negmas`` extra; skipped only when
NegMAS cannot be imported. The message without the extra is tested either way.
"""

from __future__ import annotations

import json
import sys

import pytest

from leveltwo.engine.assessment import assess
from leveltwo.errors import LeveltwoError
from leveltwo.io.casefile import load_case
from leveltwo.io.negmas_agents import AGENTS, INSTALL_HINT, simulate


@pytest.fixture(scope="module")
def labour():  # type: ignore[no-untyped-def]
    return load_case("labour-contract")


def test_runs_give_a_distribution_beside_the_equilibrium(labour) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("negmas")
    sim = simulate(labour, 6, seed=3)
    doc = sim.to_json()
    assert doc["runs"] == 6
    assert doc["seed"] == 3
    assert doc["first_proposer"] == "hospital"  # the case's bargaining.first_proposer
    assert set(doc["agents"]) == set(AGENTS)
    assert len(doc["outcomes"]) == 6
    assert [o["seed"] for o in doc["outcomes"]] == [3, 4, 5, 6, 7, 8]
    for run in sim.runs:
        assert set(run.agents) <= set(AGENTS)
        if run.agreement is None:
            assert run.success_probability == 0.0
            assert not run.ratified
        else:
            assert 0.0 < run.success_probability <= 1.0
            assert 1 <= run.steps <= sim.steps
            deal = labour.deal_from_index(run.agreement)
            one_shot = assess(labour, deal).expected_value
            for s, v in zip(labour.sides, run.expected_value, strict=True):
                # discounted: between the no-deal value and the deal's undiscounted EV
                lo, hi = sorted((s.no_deal_value, one_shot[s.id]))
                assert lo - 1e-12 <= v <= hi + 1e-12
    assert 0.0 <= sim.agreement_rate <= 1.0
    shares = sum(a["share"] for a in doc["agreements"])
    assert shares == pytest.approx(sim.agreement_rate)
    fail = sim.ratification_failure_rate
    assert fail is None or 0.0 <= fail <= 1.0


def test_same_seed_same_bytes_and_the_global_random_state_is_kept(labour) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("negmas")
    import random

    random.seed(12345)
    before = random.random()
    random.seed(12345)
    a = json.dumps(simulate(labour, 3, seed=7).to_json())
    after = random.random()
    b = json.dumps(simulate(labour, 3, seed=7).to_json())
    assert a == b
    assert before == after


def test_the_utility_is_ratification_aware(labour) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("negmas")
    from leveltwo.engine.evaluator import Evaluator

    sim = simulate(labour, 2, seed=0)
    r = Evaluator(labour).evaluate_range(0, labour.size)
    for run in sim.runs:
        if run.agreement is not None:
            assert run.success_probability == pytest.approx(float(r.success[run.agreement]))


def test_without_the_extra_it_says_how_to_install(labour, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setitem(sys.modules, "negmas", None)  # import negmas now raises ImportError
    with pytest.raises(LeveltwoError, match=r"pip install 'leveltwo\[negmas\]'"):
        simulate(labour, 2)
    assert "AGPL" in INSTALL_HINT


def test_the_cli_prints_the_simulation(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from leveltwo.cli.app import app

    runner = CliRunner(env={"COLUMNS": "200"})
    monkeypatch.setitem(sys.modules, "negmas", None)
    missing = runner.invoke(app, ["bargain", "labour-contract", "--simulate", "2"])
    assert missing.exit_code == 2
    assert "pip install" in missing.output
    monkeypatch.undo()
    pytest.importorskip("negmas")
    result = runner.invoke(app, ["bargain", "labour-contract", "--simulate", "2", "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["simulation"]["runs"] == 2
    assert doc["simulation"]["engine"] == "negmas"
