"""GeniusWeb JSON in the real format (``discreteutils`` / ``numberutils``), in and out.

The files in ``tests/io/data/island`` are written for these tests in GeniusWeb's
own serialisation; the NegMAS checks run only when NegMAS is installed.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from leveltwo.errors import InputError
from leveltwo.io.bundled import bundled_cases
from leveltwo.io.casefile import load_case
from leveltwo.io.genius_export import Format, export_texts
from leveltwo.io.interop import export_case, import_paths
from leveltwo.model.case import Case

ISLAND = Path(__file__).parent / "data" / "island"


def _utilities(case: Case) -> list[tuple[float, ...]]:
    """Every deal's negotiator utilities, sides in id order."""
    sides = sorted(case.sides, key=lambda s: s.id)
    return [
        tuple(s.negotiator.preferences.utility(case.deal_from_index(k)) for s in sides)
        for k in range(case.size)
    ]


def test_real_geniusweb_keys_are_read_and_class_names_stay_aliases(tmp_path: Path) -> None:
    real = import_paths([ISLAND / "operator.json", ISLAND / "council.json"])
    for name in ("operator.json", "council.json"):
        text = (ISLAND / name).read_text()
        assert '"discreteutils"' in text
        assert '"numberutils"' in text
        aliased = text.replace('"discreteutils"', '"DiscreteValueSetUtilities"').replace(
            '"numberutils"', '"NumberValueSetUtilities"'
        )
        (tmp_path / name).write_text(aliased)
    alias = import_paths([tmp_path / "operator.json", tmp_path / "council.json"])
    assert _utilities(alias.case) == _utilities(real.case)


def test_an_unknown_utilities_type_names_the_real_keys(tmp_path: Path) -> None:
    data = json.loads((ISLAND / "council.json").read_text())
    utils = data["LinearAdditiveUtilitySpace"]["issueUtilities"]
    utils["fare"] = {"tableutils": utils["fare"]["discreteutils"]}
    (tmp_path / "c.json").write_text(json.dumps(data))
    with pytest.raises(InputError) as exc:
        import_paths([ISLAND / "operator.json", tmp_path / "c.json"])
    problem = exc.value.problems[0]
    assert "discreteutils or numberutils" in problem.expected
    assert "tableutils" in problem.found


def test_a_geniusweb_folder_imports_with_sides_in_profile_file_order(tmp_path: Path) -> None:
    for name in ("island_domain.json", "operator.json", "council.json"):
        shutil.copy(ISLAND / name, tmp_path / name)
    result = import_paths([tmp_path])
    assert [s.id for s in result.case.sides] == ["council", "operator"]


def test_geniusweb_export_writes_the_real_keys_and_reads_back_every_utility(
    tmp_path: Path,
) -> None:
    case = import_paths([ISLAND / "operator.json", ISLAND / "council.json"]).case
    files, _ = export_texts(case, Format.GENIUSWEB, side_file=False)
    assert set(files) == {"domain.json", "operator.json", "council.json"}
    profile = json.loads(files["council.json"])["LinearAdditiveUtilitySpace"]
    # fare and sailings are evenly spaced numbers, linear for both: number ranges
    assert set(profile["issueUtilities"]["sailings"]) == {"numberutils"}
    assert set(profile["issueUtilities"]["fare"]) == {"numberutils"}
    assert set(profile["issueUtilities"]["electric"]) == {"discreteutils"}
    assert profile["domain"]["issuesValues"]["sailings"] == {
        "range": {"low": 4, "high": 10, "step": 2}
    }
    assert "reservationBid" not in profile
    assert sum(profile["issueWeights"].values()) == pytest.approx(1.0, abs=1e-12)
    export_case(case, Format.GENIUSWEB, tmp_path, side_file=False)
    back = import_paths(sorted(tmp_path.glob("*.json"))).case
    for a, b in zip(_utilities(case), _utilities(back), strict=True):
        assert a == pytest.approx(b, abs=1e-9)


def test_non_linear_values_on_a_number_range_become_a_discrete_value_set() -> None:
    case = load_case("labour-contract")
    files, _ = export_texts(case, Format.GENIUSWEB, side_file=False)
    for name, text in files.items():
        data = json.loads(text)
        if name != "domain.json":
            for spec in data["LinearAdditiveUtilitySpace"]["issueUtilities"].values():
                assert set(spec) <= {"discreteutils", "numberutils"}


def _negmas_utilities(folder: Path) -> list[list[float]]:
    nm = pytest.importorskip("negmas")
    scenario = nm.Scenario.load(folder)
    assert scenario is not None
    outcomes = list(scenario.outcome_space.enumerate_or_sample())
    return [[float(u(o)) for u in scenario.ufuns] for o in outcomes]


@pytest.mark.parametrize("bundled", [b.name for b in bundled_cases()])
def test_negmas_reads_the_geniusweb_export_with_the_same_utilities(
    bundled: str, tmp_path: Path
) -> None:
    pytest.importorskip("negmas")
    case = load_case(bundled)
    export_case(case, Format.GENIUSWEB, tmp_path, side_file=False)
    # NegMAS's GeniusWeb reader knows discreteutils only: check the files that use it alone
    texts = [p.read_text() for p in tmp_path.glob("*.json")]
    if any('"numberutils"' in t for t in texts):
        pytest.skip("NegMAS's GeniusWeb reader does not read numberutils")
    theirs = sorted(tuple(round(u, 9) for u in row) for row in _negmas_utilities(tmp_path))
    ours = sorted(tuple(round(u, 9) for u in row) for row in _utilities(case))
    assert theirs == ours
