"""NegMAS scenario folders, and the round trip case → GENIUS XML → case."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from leveltwo.errors import InputError
from leveltwo.io.casefile import load_case
from leveltwo.io.genius_export import Format, export_texts
from leveltwo.io.interop import Kind, detect, export_case, import_paths
from leveltwo.io.negmas import find_scenario, read_info
from leveltwo.model.build import build_case
from leveltwo.model.case import Case

HARBOUR = Path(__file__).parent / "data" / "harbour"


def utilities_match(a: Case, b: Case, tol: float = 1e-9) -> None:
    """Every deal gives both negotiators the same utility in ``a`` and ``b``."""
    assert a.shape == b.shape
    for index in range(a.size):
        deal = a.deal_from_index(index)
        for sa, sb in zip(a.sides, b.sides, strict=True):
            ua = sa.negotiator.preferences.utility(deal)
            ub = sb.negotiator.preferences.utility(deal)
            assert abs(ua - ub) <= tol, (index, sa.id, ua, ub)


# ---------------------------------------------------------------------------
# the folder layout
def test_folder_finds_domain_and_profiles_by_root_and_skips_pareto(tmp_path: Path) -> None:
    for name in ("harbour_domain.xml", "city.xml", "union.xml"):
        shutil.copy(HARBOUR / name, tmp_path / name)
    shutil.copy(HARBOUR / "city.xml", tmp_path / "harbour_pareto.xml")
    (tmp_path / "notes.txt").write_text("not xml")
    scenario = find_scenario(tmp_path)
    assert scenario.domain.name == "harbour_domain.xml"
    assert [p.name for p in scenario.profiles] == ["city.xml", "union.xml"]
    assert detect(tmp_path) is Kind.NEGMAS_FOLDER
    assert detect(tmp_path / "city.xml") is Kind.GENIUS_PROFILE
    assert detect(tmp_path / "harbour_domain.xml") is Kind.GENIUS_DOMAIN
    assert detect(tmp_path / "notes.txt") is Kind.UNKNOWN


def test_folder_import_without_info_names_sides_after_profile_files(tmp_path: Path) -> None:
    for name in ("harbour_domain.xml", "city.xml", "union.xml"):
        shutil.copy(HARBOUR / name, tmp_path / name)
    result = import_paths([tmp_path])
    assert [s.id for s in result.case.sides] == ["city", "union"]
    assert result.case.title == "Harbour police contract"
    assert "Imported from a NegMAS scenario folder" in result.case.description


def test_folder_with_two_domains_or_no_profiles_is_refused(tmp_path: Path) -> None:
    shutil.copy(HARBOUR / "harbour_domain.xml", tmp_path / "a.xml")
    with pytest.raises(InputError) as exc:
        import_paths([tmp_path])
    assert "profile files next to the domain" in exc.value.problems[0].expected
    shutil.copy(HARBOUR / "harbour_domain.xml", tmp_path / "b.xml")
    with pytest.raises(InputError) as exc:
        import_paths([tmp_path])
    assert exc.value.problems[0].found.startswith("2 domains and 0 profiles")
    assert "--pair A,B" in exc.value.problems[0].expected
    assert detect(tmp_path) is Kind.UNKNOWN


def test_info_that_is_not_ours_is_ignored_and_bad_info_is_located(tmp_path: Path) -> None:
    (tmp_path / "_info.yaml").write_text("description: someone else's scenario\n")
    assert read_info(tmp_path).sides == ()
    (tmp_path / "_info.yaml").write_text("leveltwo: [unclosed\n")
    with pytest.raises(InputError) as exc:
        read_info(tmp_path)
    assert exc.value.source == str(tmp_path / "_info.yaml")


# ---------------------------------------------------------------------------
# export
def test_negmas_export_writes_domain_profiles_and_info(tmp_path: Path) -> None:
    case = load_case("labour-contract")
    result = export_case(case, Format.NEGMAS, tmp_path / "scenario", side_file=False)
    names = sorted(Path(f).name for f in result.files)
    assert names == ["_info.yaml", "domain.xml", "hospital.xml", "union.xml"]
    info = yaml.safe_load((tmp_path / "scenario" / "_info.yaml").read_text())["leveltwo"]
    assert info["us"] == "hospital"
    assert [s["profile"] for s in info["sides"]] == ["hospital.xml", "union.xml"]
    assert any("constituencies" in n for n in info["not_exported"])
    domain_text = (tmp_path / "scenario" / "domain.xml").read_text()
    assert "GENIUS has no Level II" in domain_text.splitlines()[1]
    assert any("board, bondholders" in n for n in result.notes)


def test_negmas_export_round_trips_title_sides_and_utilities(tmp_path: Path) -> None:
    case = load_case("labour-contract")
    export_case(case, Format.NEGMAS, tmp_path, side_file=False)  # _info.yaml alone
    back = import_paths([tmp_path]).case
    assert back.title == case.title
    assert back.us == case.us
    assert [(s.id, s.name) for s in back.sides] == [(s.id, s.name) for s in case.sides]
    assert back.issues == case.issues
    assert [s.negotiator.reservation for s in back.sides] == [
        s.negotiator.reservation for s in case.sides
    ]
    utilities_match(case, back)


def test_export_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    case = load_case("labour-contract")
    export_case(case, Format.GENIUS, tmp_path, side_file=False)
    before = (tmp_path / "union.xml").read_text()
    (tmp_path / "union.xml").write_text("mine")
    with pytest.raises(InputError) as exc:
        export_case(case, Format.GENIUS, tmp_path, side_file=False)
    assert {p.path for p in exc.value.problems} == {
        str(tmp_path / n) for n in ("domain.xml", "hospital.xml", "union.xml")
    }
    assert (tmp_path / "union.xml").read_text() == "mine"
    export_case(case, Format.GENIUS, tmp_path, force=True, side_file=False)
    assert (tmp_path / "union.xml").read_text() == before


def base_case(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "leveltwo": 1,
        "title": "t",
        "issues": [{"id": "x", "options": ["a", "b"]}],
        "sides": [
            {"id": "p", "negotiator": {"weights": {"x": 1}, "values": {"x": "ascending"}}},
            {"id": "q", "negotiator": {"weights": {"x": 1}, "values": {"x": "descending"}}},
        ],
    }
    data.update(changes)
    return data


def test_a_negotiator_indifferent_to_everything_cannot_be_exported() -> None:
    data = base_case()
    data["sides"][1]["negotiator"]["values"] = {"x": {"a": 0, "b": 0}}
    with pytest.raises(InputError) as exc:
        export_texts(build_case(data), Format.GENIUS)
    assert exc.value.problems[0].path == "sides[1].negotiator"


def test_control_characters_cannot_be_exported() -> None:
    data = base_case(issues=[{"id": "x", "options": ["a", "b\x01"]}])
    data["sides"][0]["negotiator"]["values"] = {"x": "ascending"}
    with pytest.raises(InputError) as exc:
        export_texts(build_case(data), Format.GENIUS)
    assert exc.value.problems[0].path == "issues[0].options[1]"


def test_a_side_called_domain_does_not_clash_with_the_domain_file() -> None:
    data = base_case()
    data["sides"][0]["id"] = "domain"
    files, _ = export_texts(build_case(data), Format.NEGMAS)
    assert set(files) == {"_domain.xml", "domain.xml", "q.xml", "_info.yaml", "leveltwo-case.yaml"}


# ---------------------------------------------------------------------------
# the round trip, for random small cases
LABEL = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="&<>\"' \t\n%"),
    min_size=1,
    max_size=8,
)
NAME = LABEL.map(str.strip).filter(bool)
UNIT = st.one_of(st.sampled_from([0.0, 0.5, 1.0]), st.floats(0.0, 1.0))


@st.composite
def small_cases(draw: st.DrawFn) -> dict[str, Any]:
    n_issues = draw(st.integers(1, 3))
    issues = []
    for k in range(n_issues):
        options = draw(st.lists(LABEL, min_size=1, max_size=4, unique=True))
        issues.append({"id": f"i{k}", "name": draw(NAME), "options": options})
    sides = []
    for sid in draw(st.sampled_from([("a", "b"), ("city", "union"), ("b", "a")])):
        weights = {i["id"]: draw(st.one_of(st.just(0.0), st.floats(0.01, 5.0))) for i in issues}
        if sum(weights.values()) <= 0:
            weights[issues[0]["id"]] = 1.0
        values: dict[str, Any] = {}
        for i in issues:
            table = {o: draw(UNIT) for o in i["options"]}
            values[i["id"]] = draw(st.sampled_from(["ascending", "descending", table]))
        # at least one issue with positive weight must vary from 0
        first = next(i for i in issues if weights[i["id"]] > 0)
        values[first["id"]] = {o: 1.0 for o in first["options"]}
        sides.append(
            {
                "id": sid,
                "name": draw(NAME),
                "negotiator": {
                    "weights": weights,
                    "values": values,
                    "reservation": draw(st.floats(-0.5, 1.5)),
                },
            }
        )
    return {
        "leveltwo": 1,
        "title": draw(NAME),
        "us": sides[draw(st.integers(0, 1))]["id"],
        "issues": issues,
        "sides": sides,
    }


@given(small_cases())
def test_case_to_genius_to_case_keeps_every_utility(data: dict[str, Any]) -> None:
    case = build_case(data)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        export_case(case, Format.NEGMAS, folder, side_file=False)  # the format alone
        back = import_paths([folder]).case
        assert back.title == case.title
        assert back.us == case.us
        assert [(s.id, s.name) for s in back.sides] == [(s.id, s.name) for s in case.sides]
        assert back.issues == case.issues
        for sa, sb in zip(case.sides, back.sides, strict=True):
            assert sb.negotiator.reservation == sa.negotiator.reservation
        utilities_match(case, back)
        # the same files read as plain GENIUS (no _info.yaml): same utilities, sides by file
        (folder / "_info.yaml").unlink()
        plain = import_paths(sorted(folder.iterdir())).case
        by_id = {s.id: s for s in plain.sides}
        for index in range(case.size):
            deal = case.deal_from_index(index)
            for side in case.sides:
                u = side.negotiator.preferences.utility(deal)
                v = by_id[side.id].negotiator.preferences.utility(deal)
                assert abs(u - v) <= 1e-9


# ---------------------------------------------------------------------------
# GeniusWeb JSON (tests/io/data/island: an invented island ferry domain)
ISLAND = Path(__file__).parent / "data" / "island"


def test_geniusweb_profiles_give_hand_computed_utilities() -> None:
    from leveltwo.model.deal import Deal

    result = import_paths(
        [ISLAND / "island_domain.json", ISLAND / "operator.json", ISLAND / "council.json"]
    )
    case = result.case
    assert [i.options for i in case.issues] == [
        ("3", "4", "5"),
        ("4", "6", "8", "10"),
        ("yes", "no"),
    ]
    operator, council = (s.negotiator for s in case.sides)
    deal = Deal((1, 2, 0))  # fare 4, 8 sailings, electric ferry
    # operator: 0.5*0.6 + 0.3*0.4 + 0.2*0.3 = 0.48 (sailings 1.0 at 4 down to 0.1 at 10)
    assert operator.preferences.utility(deal) == pytest.approx(0.48, abs=1e-12)
    # council: 0.4*0.5 + 0.4*0.73333333 + 0.2*1 (0.2 at 4 up to 1.0 at 10, to 8 decimals)
    assert council.preferences.utility(deal) == pytest.approx(0.4 + 0.4 * 0.73333333, abs=1e-12)
    # the reservation is the utility of the reservation bid (4, 6, no): 0.3 + 0.21 + 0.2
    assert operator.reservation == pytest.approx(0.71, abs=1e-12)
    assert council.reservation == 0.0
    assert "council.negotiator: no reservationBid; reservation 0" in result.notes
    assert "Convention: GeniusWeb's" in result.text


def test_geniusweb_profiles_carry_their_domain() -> None:
    with_file = import_paths(
        [ISLAND / "island_domain.json", ISLAND / "operator.json", ISLAND / "council.json"]
    )
    embedded = import_paths([ISLAND / "council.json", ISLAND / "operator.json"])
    assert embedded.case.issues == with_file.case.issues
    assert embedded.case.title == "island_ferry"
    assert [s.id for s in embedded.case.sides] == ["council", "operator"]
    assert detect(ISLAND / "operator.json") is Kind.GENIUSWEB_PROFILE
    assert detect(ISLAND / "island_domain.json") is Kind.GENIUSWEB_DOMAIN


def test_a_geniusweb_folder_imports_like_negmas_reads_it(tmp_path: Path) -> None:
    for name in ("island_domain.json", "operator.json", "council.json"):
        shutil.copy(ISLAND / name, tmp_path / name)
    (tmp_path / "island_specials.json").write_text("{}")
    result = import_paths([tmp_path])
    assert [s.id for s in result.case.sides] == ["council", "operator"]
    assert "NegMAS scenario folder (GeniusWeb JSON)" in result.case.description


def test_geniusweb_problems_are_located(tmp_path: Path) -> None:
    import json

    data = json.loads((ISLAND / "council.json").read_text())
    space = data["LinearAdditiveUtilitySpace"]
    del space["issueUtilities"]["fare"]["discreteutils"]["valueUtilities"]["4"]
    space["issueWeights"]["electric"] = -1
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    with pytest.raises(InputError) as exc:
        import_paths([ISLAND / "operator.json", bad])
    paths = {p.path for p in exc.value.problems}
    assert (
        'LinearAdditiveUtilitySpace.issueUtilities["fare"].discreteutils.valueUtilities["4"]'
        in paths
    )
    assert 'LinearAdditiveUtilitySpace.issueWeights["electric"]' in paths
    assert exc.value.source == str(bad)
    broken = tmp_path / "broken.json"
    broken.write_text('{\n  "LinearAdditiveUtilitySpace": {,\n}')
    with pytest.raises(InputError) as exc:
        import_paths([ISLAND / "operator.json", broken])
    assert (exc.value.problems[0].line, exc.value.problems[0].expected) == (2, "well-formed JSON")


def test_mixing_geniusweb_and_genius_files_is_refused() -> None:
    with pytest.raises(InputError) as exc:
        import_paths(
            [ISLAND / "operator.json", HARBOUR / "city.xml", HARBOUR / "harbour_domain.xml"]
        )
    assert exc.value.problems[0].found == "GENIUS XML and GeniusWeb JSON"
