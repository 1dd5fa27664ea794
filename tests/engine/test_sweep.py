"""Sweeps and where they run: parameter paths, grids and seeded draws, the same rows on
serial, a process pool and an in-process Dask LocalCluster, outputs, located errors."""

from __future__ import annotations

import builtins
import csv
import json
from pathlib import Path

import numpy as np
import pytest
import yaml

import leveltwo
from leveltwo.engine.execution import DaskRunner, ProcessPool, Serial, batches, make_runner
from leveltwo.engine.sweep import SweepError, plan_sweep, resolve, run_sweep
from leveltwo.io.casefile import parse_text, read_case_text
from leveltwo.io.sweepout import OutputFormatError, write_sweep

ROOT = Path(__file__).resolve().parents[2]
CORRELATED = ROOT / "docs" / "examples" / "correlated.yaml"


@pytest.fixture(scope="module")
def data():
    return yaml.safe_load(CORRELATED.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def labour():
    text, source = read_case_text("labour-contract")
    return parse_text(text, source)


def test_parameter_paths_reach_every_kind_of_field(data, labour):
    assert resolve(data, "abroad.senate.reservation") == (
        "sides",
        1,
        "constituencies",
        0,
        "reservation",
    )
    assert resolve(data, "home.parliament.p3.uncertainty") == (
        "sides",
        0,
        "constituencies",
        0,
        "blocs",
        2,
        "uncertainty",
    )
    assert resolve(data, "home.negotiator.reservation") == ("sides", 0, "negotiator", "reservation")
    assert resolve(data, "factors.mood.loadings.abroad.senate") == (
        "factors",
        0,
        "loadings",
        "abroad.senate",
    )
    parties = labour["level2"]["third_parties"]
    tid = parties[0]["id"]
    assert resolve(labour, f"level2.third_parties.{tid}.strength") == (
        "level2",
        "third_parties",
        0,
        "strength",
    )
    assert resolve(data, "abroad.nobody.reservation") is None


def test_grids_combine_and_draws_are_seeded(data):
    specs = ["abroad.senate.reservation=0.4:0.5:0.05", "abroad.house.reservation~uniform(0.4,0.5)"]
    a = plan_sweep(data, specs, draws=7, seed=3)
    b = plan_sweep(data, specs, draws=7, seed=3)
    c = plan_sweep(data, specs, draws=7, seed=4)
    assert a.values.shape == (3 * 7, 2)
    assert sorted(set(a.values[:, 0])) == [0.4, 0.45, 0.5]
    assert np.array_equal(a.values, b.values)
    assert not np.array_equal(a.values, c.values)
    assert np.all((a.values[:, 1] >= 0.4) & (a.values[:, 1] <= 0.5))
    # each grid point gets the same draws
    assert np.array_equal(a.values[:7, 1], a.values[7:14, 1])


def test_a_loading_sweep_moves_the_joint_probability(data):
    sweep = plan_sweep(data, ["factors.mood.loadings.abroad.senate=0,0.70711"])
    r = run_sweep(data, sweep)
    assert r.side[0, 1] == pytest.approx(0.49, abs=1e-4)  # senate independent of the house
    assert round(float(r.side[1, 1]), 4) == 0.5568


@pytest.fixture(scope="module")
def dask_client():
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0"
    )
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


def test_the_same_seed_gives_the_same_rows_on_any_runner(data, dask_client):
    sweep = plan_sweep(
        data,
        ["abroad.house.reservation~normal(0.45,0.03)", "home.parliament.quota=0.5,0.8"],
        draws=12,
        seed=9,
    )
    serial = run_sweep(data, sweep, runner=Serial())
    pool = ProcessPool(2)
    try:
        pooled = run_sweep(data, sweep, runner=pool)
    finally:
        pool.close()
    dasked = run_sweep(data, sweep, runner=DaskRunner(client=dask_client))
    for other in (pooled, dasked):
        assert np.array_equal(serial.success, other.success)
        assert np.array_equal(serial.side, other.side)
        assert np.array_equal(serial.expected_value, other.expected_value)
    assert dasked.runner == "dask"
    assert dasked.workers == 2


def test_plan_robustness_draws_agree_on_dask_and_serially(dask_client):
    case = leveltwo.load_case("labour-contract")
    from leveltwo.strategies.robustness import robustness

    plan = leveltwo.plan(case)
    a = robustness(case, plan, draws=4, seed=2)
    b = robustness(case, plan, draws=4, seed=2, runner=DaskRunner(client=dask_client))
    assert a.to_json() == b.to_json()


def test_outputs_json_csv_parquet(tmp_path, data, monkeypatch):
    sweep = plan_sweep(data, ["abroad.senate.reservation=0.4,0.45"])
    r = run_sweep(data, sweep)
    write_sweep(r, tmp_path / "s.json")
    doc = json.loads((tmp_path / "s.json").read_text())
    assert [row["abroad.senate.reservation"] for row in doc["rows"]] == [0.4, 0.45]
    write_sweep(r, tmp_path / "s.csv")
    rows = list(csv.DictReader((tmp_path / "s.csv").open()))
    assert float(rows[1]["success_probability"]) == float(r.success[1])
    pq = pytest.importorskip("pyarrow.parquet")
    write_sweep(r, tmp_path / "s.parquet")
    table = pq.read_table(tmp_path / "s.parquet")
    assert table.column("success_probability").to_pylist() == list(r.success)
    real_import = builtins.__import__

    def no_pyarrow(name, *args, **kwargs):
        if name.startswith("pyarrow"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    with pytest.raises(OutputFormatError, match="pyarrow"):
        write_sweep(r, tmp_path / "t.parquet")
    with pytest.raises(OutputFormatError, match=r"\.json"):
        write_sweep(r, tmp_path / "t.xlsx")


@pytest.mark.parametrize(
    "spec",
    [
        "abroad.nobody.reservation=0.1",
        "abroad.senate.reservation=0.5:0.4:0.1",
        "abroad.senate.reservation~uniform(0.5,0.4)",
        "abroad.senate.name=1",
        "nonsense",
    ],
)
def test_bad_specs_are_located(data, spec):
    with pytest.raises(SweepError) as err:
        plan_sweep(data, ["abroad.house.reservation=0.4", spec])
    assert err.value.problems[0].path == "--grid[1]"


def test_an_invalid_variant_is_named(data):
    sweep = plan_sweep(data, ["factors.mood.loadings.abroad.senate=0.5,1.5"])
    with pytest.raises(SweepError, match="variant 1"):
        run_sweep(data, sweep)


def test_runner_choice_and_batches():
    assert isinstance(make_runner(1), Serial)
    assert isinstance(make_runner(None), ProcessPool)
    assert make_runner(None).workers == 2
    assert [list(b) for b in batches(list(range(5)), 2)] == [[0, 1, 2], [3, 4]]


def test_cli_sweep(tmp_path):
    from typer.testing import CliRunner

    from leveltwo.cli.app import app

    runner = CliRunner(env={"COLUMNS": "200"})
    out = tmp_path / "rows.csv"
    args = [
        "sweep",
        str(CORRELATED),
        "--grid",
        "abroad.senate.reservation=0.4,0.45",
        "--workers",
        "1",
    ]
    result = runner.invoke(app, [*args, "-o", str(out), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["variants"] == 2
    assert out.read_text().startswith("variant,abroad.senate.reservation,success_probability")
    bad = runner.invoke(app, ["sweep", str(CORRELATED), "--grid", "x=1", "--workers", "1"])
    assert bad.exit_code == 2
    assert "--grid[0]" in bad.output
    gone = runner.invoke(app, [*args, "--scheduler", "tcp://127.0.0.1:1"])
    assert gone.exit_code == 2
    assert "Dask scheduler" in gone.output


def test_progress_is_told_after_each_batch(data):
    sweep = plan_sweep(data, ["abroad.senate.reservation~uniform(0.4,0.5)"], draws=9)
    seen: list[tuple[int, int]] = []
    run_sweep(data, sweep, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (9, 9)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_a_sides_implementation_risk_is_swept_by_its_id(data):
    risky = {
        **data,
        "sides": [
            {**data["sides"][0], "implementation_risks": [{"id": "courts", "probability": 0.1}]},
            data["sides"][1],
        ],
    }
    name = f"{data['sides'][0]['id']}.implementation_risks.courts.probability"
    assert resolve(risky, name) == ("sides", 0, "implementation_risks", 0, "probability")
    assert resolve(data, name) is None
    result = run_sweep(
        risky, plan_sweep(risky, [f"{name}=0,0.5"], draws=0, seed=0), runner=Serial()
    )
    none, half = result.success
    assert half == pytest.approx(0.5 * none, rel=1e-12)  # P_implement × (1 − π)
