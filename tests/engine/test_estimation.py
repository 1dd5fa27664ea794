"""Fitting bars from past ballots: known parameters recovered from simulated ballots within
their confidence intervals, intervals that cover at their nominal rate, and clear refusals."""

from __future__ import annotations

import csv
import io
import json

import numpy as np
import pytest
from scipy.special import ndtr

import leveltwo
from leveltwo.engine.estimation import fit_probit
from leveltwo.errors import VotesError
from leveltwo.io.votes import fit_votes
from leveltwo.model.fitted import notes_of

KEY = "hospital.bondholders"


def _ballots(case, key, r, sigma, n, seed, weights=None, turnout=None):
    """CSV text of n simulated ballots on random deals (yes/no, or shares with turnout)."""
    st = case.stakeholder(key)
    w = np.asarray(st.preferences.weights if weights is None else weights)
    rng = np.random.default_rng(seed)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "stakeholder",
            *(i.id for i in case.issues),
            *(["yes_share", "turnout"] if turnout else ["yes"]),
        ]
    )
    for _ in range(n):
        d = case.deal_from_index(int(rng.integers(case.size)))
        v = np.array([st.preferences.values[i][c] for i, c in enumerate(d.choices)])
        p = float(ndtr((v @ w - r) / sigma))
        labels = list(case.deal_labels(d).values())
        if turnout:
            writer.writerow([key, *labels, rng.binomial(turnout, p) / turnout, turnout])
        else:
            writer.writerow([key, *labels, "yes" if rng.random() < p else "no"])
    return out.getvalue()


@pytest.fixture(scope="module")
def case():
    return leveltwo.load_case("labour-contract")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_yes_no_ballots_recover_the_bar_within_its_interval(case, seed):
    text = _ballots(case, KEY, 0.45, 0.1, 300, seed)
    (f,) = fit_votes(case, "votes.csv", text=text).fits
    assert f.result.reservation.covers(0.45)
    assert f.result.uncertainty.covers(0.1)
    assert f.result.fit.hit_rate is not None
    assert f.result.fit.hit_rate > 0.7
    assert f.result.fit.mcfadden_r2 > 0.2


def test_vote_shares_with_turnout_recover_the_bar_tightly(case):
    text = _ballots(case, KEY, 0.5, 0.08, 40, 7, turnout=500)
    (f,) = fit_votes(case, "votes.csv", text=text).fits
    assert f.result.reservation.covers(0.5)
    assert f.result.uncertainty.covers(0.08)
    assert f.result.reservation.standard_error < 0.01
    # a well-specified model: the deviance is not far out in its χ² tail
    assert f.result.fit.deviance_p_value is not None
    assert f.result.fit.deviance_p_value > 0.001


def test_intervals_cover_at_about_their_nominal_rate():
    rng = np.random.default_rng(0)
    hits, runs = 0, 60
    for _ in range(runs):
        u = rng.uniform(0, 1, 150)
        y = (rng.random(150) < ndtr((u - 0.4) / 0.15)).astype(float)
        f = fit_probit("s", u[:, None], np.array([1.0]), y, np.ones(150))
        hits += f.reservation.covers(0.4)
    assert hits / runs >= 0.85  # nominal 0.95; 60 runs: below 0.85 has probability < 0.2%


def test_weights_are_recovered_when_asked(case):
    st = case.stakeholder(KEY)
    text = _ballots(case, KEY, 0.45, 0.1, 600, 4)
    result = fit_votes(case, "votes.csv", text=text, weights=True)
    (f,) = result.fits
    assert f.result.weights is not None
    truth = dict(zip((i.id for i in case.issues), st.preferences.weights, strict=True))
    for issue, est in zip(f.issues, f.result.weights, strict=True):
        assert est.covers(truth[issue])
    assert sum(e.value for e in f.result.weights) == pytest.approx(1.0)
    fitted = result.case.stakeholder(KEY).preferences.weights
    assert sum(fitted) == pytest.approx(1.0)


def test_the_fitted_case_carries_the_values_and_a_note_per_field(case):
    text = _ballots(case, KEY, 0.45, 0.1, 200, 5)
    result = fit_votes(case, "data/votes.csv", text=text)
    st = result.case.stakeholder(KEY)
    (f,) = result.fits
    assert st.reservation == f.result.reservation.value
    assert st.uncertainty == f.result.uncertainty.value
    notes = notes_of(result.case)
    assert notes is not None
    doc = notes.to_json()
    assert set(doc[KEY]) == {"reservation", "uncertainty"}
    assert doc[KEY]["reservation"]["source"] == "votes.csv"
    assert doc[KEY]["reservation"]["ballots"] == 200


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([("$0.50", "yes")] * 3, "at least 4 ballots"),
        (
            [("$0.50", "yes"), ("$1.00", "yes"), ("$1.50", "yes"), ("$0.50", "yes")],
            "both yes and no",
        ),
        ([("$0.50", "no"), ("$1.00", "no"), ("$1.50", "yes"), ("$2.00", "yes")], "separated"),
        (
            [("$1.00", "no"), ("$1.00", "yes"), ("$1.00", "yes"), ("$1.00", "no")],
            "different utility",
        ),
    ],
)
def test_degenerate_ballots_are_refused_clearly(case, rows, expected):
    values = {"$0.50": 0.1, "$1.00": 0.4, "$1.50": 0.7, "$2.00": 0.9}
    # only the first issue's value varies; the others are given as 0.5 directly
    header = ["stakeholder", *(f"{i.id}.value" for i in case.issues), "yes"]
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(header)
    for label, y in rows:
        w.writerow([KEY, values[label], *([0.5] * (len(case.issues) - 1)), y])
    with pytest.raises(VotesError, match=expected):
        fit_votes(case, "votes.csv", text=out.getvalue())


def test_bad_rows_are_located_by_line_and_column(case):
    issue = case.issues[0]
    text = (
        "stakeholder,"
        + ",".join(i.id for i in case.issues)
        + ",yes\n"
        + "hospital.nobody,"
        + ",".join(i.options[0] for i in case.issues)
        + ",yes\n"
        + KEY
        + ",nonsense,"
        + ",".join(i.options[0] for i in case.issues[1:])
        + ",maybe\n"
    )
    with pytest.raises(VotesError) as err:
        fit_votes(case, "votes.csv", text=text)
    problems = {(p.path, p.line) for p in err.value.problems}
    assert ("votes.csv:stakeholder", 2) in problems
    assert (f"votes.csv:{issue.id}", 3) in problems
    assert ("votes.csv:yes", 3) in problems


def test_cli_fit_json_and_errors(tmp_path, case):
    from typer.testing import CliRunner

    from leveltwo.cli.app import app

    votes = tmp_path / "votes.csv"
    votes.write_text(_ballots(case, KEY, 0.45, 0.1, 200, 6), encoding="utf-8")
    runner = CliRunner(env={"COLUMNS": "200"})
    result = runner.invoke(app, ["fit", "labour-contract", "--votes", str(votes), "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["fits"][0]["key"] == KEY
    assert doc["fits"][0]["reservation"]["ci_low"] < 0.45 < doc["fits"][0]["reservation"]["ci_high"]
    votes.write_text("stakeholder,yes\n" + KEY + ",yes\n", encoding="utf-8")
    bad = runner.invoke(app, ["fit", "labour-contract", "--votes", str(votes)])
    assert bad.exit_code == 2
    assert "Traceback" not in bad.output
    missing = runner.invoke(app, ["fit", "labour-contract", "--votes", str(tmp_path / "none.csv")])
    assert missing.exit_code == 2


def test_fit_output_edits_the_case_file_in_place(tmp_path, case):
    from typer.testing import CliRunner

    from leveltwo.cli.app import app
    from leveltwo.io.casefile import read_case_text

    votes = tmp_path / "votes.csv"
    votes.write_text(_ballots(case, KEY, 0.45, 0.1, 200, 8), encoding="utf-8")
    out = tmp_path / "fitted.yaml"
    runner = CliRunner(env={"COLUMNS": "200"})
    result = runner.invoke(app, ["fit", "labour-contract", "--votes", str(votes), "-o", str(out)])
    assert result.exit_code == 0, result.output
    fitted = leveltwo.load_case(str(out))
    expected = fit_votes(case, str(votes)).case
    assert fitted == expected
    notes = notes_of(fitted)
    assert notes is not None
    assert {n.field for n in notes.notes} == {"reservation", "uncertainty"}
    # only the fitted lines change, and the fitted: block is added
    before = read_case_text("labour-contract")[0].splitlines()
    after = out.read_text(encoding="utf-8").splitlines()
    assert "fitted:" in after
    body = after[: after.index("fitted:")]
    changed = [line for line in body if line not in before]
    assert len(changed) == 2
    assert all("reservation:" in line or "uncertainty:" in line for line in changed)
