"""GeniusWeb JSON and NegMAS YAML: written from a case and read back, every deal keeps its
utility for each negotiator (io/geniusweb.py and io/negmas_yaml.py on their own)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from leveltwo.errors import InputError
from leveltwo.io import geniusweb, negmas_yaml
from leveltwo.io.bundled import bundled_cases
from leveltwo.io.casefile import load_case
from leveltwo.io.genius import GeniusDomain, GeniusProfile
from leveltwo.model.case import Case
from leveltwo.model.deal import Deal

NAMES = [c.name for c in bundled_cases()]


def written(tmp_path: Path, files: dict[str, str]) -> dict[str, Path]:
    out = {}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        out[name] = tmp_path / name
    return out


def profile_utility(domain: GeniusDomain, profile: GeniusProfile, case: Case, deal: Deal) -> float:
    """The read-back utility of ``deal``, each option found by its label in the domain."""
    total = profile.bias
    for issue, g, w, vals in zip(
        case.issues, domain.issues, profile.weights, profile.values, strict=True
    ):
        label = issue.options[deal.choices[case.issues.index(issue)]]
        total += w * vals[g.options.index(label)]
    return total


def sample_deals(case: Case) -> list[Deal]:
    step = max(1, case.size // 200)
    return [case.deal_from_index(k) for k in range(0, case.size, step)]


@pytest.mark.parametrize("name", NAMES)
def test_geniusweb_keeps_every_deals_utility(name: str, tmp_path: Path) -> None:
    case = load_case(name)
    paths = written(tmp_path, geniusweb.export_files(case))
    profiles = [paths[f"{s.id}.json"] for s in case.sides]
    domain, read = geniusweb.read_files(paths["domain.json"], profiles)
    assert [i.name for i in domain.issues] == [i.id for i in case.issues]
    # with the domain embedded in each profile, the same is read
    domain2, read2 = geniusweb.read_files(None, profiles)
    assert [i.options for i in domain2.issues] == [i.options for i in domain.issues]
    assert [p.weights for p in read2] == [p.weights for p in read]
    for side, profile in zip(case.sides, read, strict=True):
        assert profile.reservation is None  # GeniusWeb holds a reservation bid, not a value
        for deal in sample_deals(case):
            assert profile_utility(domain, profile, case, deal) == pytest.approx(
                side.negotiator.preferences.utility(deal), abs=1e-9
            )


@pytest.mark.parametrize("name", NAMES)
def test_negmas_yaml_keeps_every_deals_utility_and_the_reservation(
    name: str, tmp_path: Path
) -> None:
    case = load_case(name)
    paths = written(tmp_path, negmas_yaml.yaml_files(case))
    domain, read = negmas_yaml.read_yaml_scenario(
        paths["domain.yml"], [paths[f"{s.id}.yml"] for s in case.sides]
    )
    assert [i.name for i in domain.issues] == [i.id for i in case.issues]
    assert negmas_yaml.yaml_kind(negmas_yaml.load_yaml(paths["domain.yml"])) is not None
    for side, profile in zip(case.sides, read, strict=True):
        assert profile.reservation == pytest.approx(side.negotiator.reservation)
        for deal in sample_deals(case):
            assert profile_utility(domain, profile, case, deal) == pytest.approx(
                side.negotiator.preferences.utility(deal), abs=1e-9
            )


def test_geniusweb_kind_and_a_located_problem(tmp_path: Path) -> None:
    case = load_case("labour-contract")
    files = geniusweb.export_files(case)
    domain = json.loads(files["domain.json"])
    assert geniusweb.kind_of(domain) == "domain"
    profile = json.loads(files["hospital.json"])
    assert geniusweb.kind_of(profile) == "profile"
    assert geniusweb.kind_of({"nothing": 1}) is None
    # a profile whose weights name an issue the domain does not have
    key = next(iter(profile))
    profile[key]["issueWeights"]["no_such_issue"] = 0.1
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(profile), encoding="utf-8")
    with pytest.raises(InputError) as err:
        geniusweb.read_files(None, [bad])
    assert any("no_such_issue" in p.path or "no_such_issue" in p.found for p in err.value.problems)
