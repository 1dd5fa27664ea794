"""`leveltwo new` driven through its prompts (typer's CliRunner input; no terminal)."""

from __future__ import annotations

from pathlib import Path

from scipy.special import ndtr
from typer.testing import CliRunner

from leveltwo.cli.app import app
from leveltwo.io.casefile import load_case, read_case_text
from leveltwo.io.checked import load_checked_case

ANSWERS = Path(__file__).resolve().parent / "data" / "new-answers.txt"
VOTES = ["20%", "50%", "80%"]
VOTERS = 6  # two negotiators, the board, two blocs of members, the militants


def run(tmp_path: Path, extra: str = "") -> tuple[int, str, Path]:
    out = tmp_path / "pilots.yaml"
    text = ANSWERS.read_text(encoding="utf-8") + extra + "\n".join(VOTES * VOTERS) + "\n"
    result = CliRunner(env={"COLUMNS": "200"}).invoke(app, ["new", str(out)], input=text)
    return result.exit_code, result.stdout, out


def test_new_writes_a_valid_commented_case_from_the_answers(tmp_path: Path) -> None:
    code, stdout, out = run(tmp_path)
    assert code == 0, stdout
    assert f"wrote {out}: Pilots' contract, 2 issues, 12 deals" in stdout
    case, warnings = load_checked_case(str(out))
    assert warnings == []
    assert [i.id for i in case.issues] == ["pay", "scope"]
    members = case.side("union").constituency("members")
    assert [b.share for b in members.blocs] == [60, 40]
    assert case.side("union").constituency("militants").strength == 0.5
    assert case.proposal is not None
    assert case.deal_labels(case.proposal) == {
        "pay": "8%",
        "scope": "capped",
    }
    # the ranking gave swing weights: the VP ranked pay first
    assert case.our_side.negotiator.preferences.weights == (0.75, 0.25)
    text, _ = read_case_text(str(out))
    assert "# your ranking Pay > Scope: rank-order centroid swing weights" in text
    assert "# the bar: fitted to your answers (20% yes at utility" in text
    assert "(assumed 0.05 of utility; change it)" in text
    assert case.level2.offers[0].value == (("union.members", 0.06),)
    assert case.level2.third_parties[0].reaches == ("union.militants",)
    assert case.money is not None
    assert (case.money.currency, case.money.per_utility) == ("EUR", 12e6)


def test_the_fitted_bars_give_the_answers_back(tmp_path: Path) -> None:
    code, stdout, out = run(tmp_path)
    assert code == 0, stdout
    case = load_case(str(out))
    # each question line names the deal; recompute each approval from the written case
    lines = [ln for ln in stdout.splitlines() if ": chance of yes: " in ln]
    assert len(lines) == VOTERS * len(VOTES)
    for line in lines:
        key = line.split("(", 1)[1].split(")", 1)[0]
        terms = line.split("[", 1)[1].split("]", 1)[0]
        labels = dict(t.split(": ", 1) for t in terms.split("; "))
        ids = {i.name: i.id for i in case.issues}
        deal = [case.issue(ids[n]).options.index(o) for n, o in labels.items()]
        st = case.stakeholder(key)
        u = st.preferences.utility(case.deal_from_index(_index(case, deal)))
        p = float(ndtr((u - st.reservation) / st.uncertainty))
        answer = float(line.rsplit(": ", 1)[1].rstrip("%")) / 100
        assert abs(p - answer) < 0.04, (key, p, answer)


def _index(case, choices):  # type: ignore[no-untyped-def]
    from leveltwo.model.deal import Deal

    return case.deal_index(Deal(tuple(choices)))


def test_new_reasks_an_answer_it_cannot_use(tmp_path: Path) -> None:
    out = tmp_path / "pilots.yaml"
    votes = ["80%", "50%", "20%"] + VOTES * VOTERS  # falling with utility: asked again
    text = ANSWERS.read_text(encoding="utf-8") + "\n".join(votes) + "\n"
    result = CliRunner().invoke(app, ["new", str(out)], input=text)
    assert result.exit_code == 0, result.stdout
    assert "expected a yes more likely for the deal it values more" in result.stdout
    assert "Please answer again." in result.stdout


def test_new_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    out = tmp_path / "x.yaml"
    out.write_text("keep me", encoding="utf-8")
    result = CliRunner().invoke(app, ["new", str(out)], input="")
    assert result.exit_code == 2
    assert out.read_text(encoding="utf-8") == "keep me"
