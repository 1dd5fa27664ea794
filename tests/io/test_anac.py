"""ANAC folder layouts: several domains and many profiles in one folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from leveltwo.errors import InputError
from leveltwo.io.anac import scan
from leveltwo.io.interop import Options, import_all, import_paths

HARBOUR = Path(__file__).parent / "data" / "harbour"
TRIP_DOMAIN = """<negotiation_template><utility_space><objective index="0" name="trip">
  <issue index="1" name="city" type="discrete">
    <item index="1" value="Kyoto"/><item index="2" value="Osaka"/></issue>
  <issue index="2" name="days" type="integer" lowerbound="3" upperbound="6"/>
</objective></utility_space></negotiation_template>"""


def trip_profile(kyoto: float, slope: float) -> str:
    return (
        '<utility_space><objective index="0" name="trip">'
        '<issue index="1" name="city" type="discrete">'
        f'<item index="1" value="Kyoto" evaluation="{kyoto}"/>'
        '<item index="2" value="Osaka" evaluation="1"/></issue>'
        '<issue index="2" name="days" type="integer" lowerbound="3" upperbound="6">'
        f'<evaluator ftype="linear" slope="{slope}" offset="0"/></issue>'
        '<weight index="1" value="0.5"/><weight index="2" value="0.5"/>'
        '</objective><reservation value="0.3"/></utility_space>'
    )


@pytest.fixture
def anac(tmp_path: Path) -> Path:
    return make_anac(tmp_path)


def make_anac(tmp_path: Path) -> Path:
    """Two domains, seven profiles: three of one, two of the other, a non-linear, an orphan."""
    for name in ("harbour_domain.xml", "city.xml", "union.xml"):
        shutil.copy(HARBOUR / name, tmp_path / name)
    shutil.copy(HARBOUR / "city.xml", tmp_path / "harbour_mayor.xml")
    (tmp_path / "trip_domain.xml").write_text(TRIP_DOMAIN)
    (tmp_path / "trip_a.xml").write_text(trip_profile(3, 0.3))
    (tmp_path / "trip_b.xml").write_text(
        trip_profile(0.5, -0.3).replace('offset="0"', 'offset="1"')
    )
    nonlinear = (
        (HARBOUR / "city.xml")
        .read_text()
        .replace("<utility_space>", '<utility_space type="nonlinear">')
    )
    (tmp_path / "harbour_odd.xml").write_text(nonlinear)
    (tmp_path / "orphan.xml").write_text(trip_profile(1, 0.1).replace('name="city"', 'name="town"'))
    (tmp_path / "trip_pareto.xml").write_text("<pareto/>")
    return tmp_path


def test_each_profile_is_paired_with_its_domain_and_misfits_are_skipped(anac: Path) -> None:
    layout = scan(anac)
    groups = {g.domain.name: [p.name for p in g.profiles] for g in layout.groups}
    assert groups == {
        "harbour_domain.xml": ["city.xml", "harbour_mayor.xml", "union.xml"],
        "trip_domain.xml": ["trip_a.xml", "trip_b.xml"],
    }
    reasons = {r.files[0]: r.detail for r in layout.skipped}
    assert set(reasons) == {"harbour_odd.xml", "orphan.xml"}
    assert "non-linear / constraint utility spaces are not supported" in reasons["harbour_odd.xml"]
    assert "no domain in the folder has its issues" in reasons["orphan.xml"]


def test_the_folder_alone_asks_for_a_pair_and_lists_what_is_there(anac: Path) -> None:
    with pytest.raises(InputError) as exc:
        import_paths([anac])
    problem = exc.value.problems[0]
    assert "--pair A,B" in problem.expected
    assert "--all" in problem.expected
    assert "trip_domain.xml: trip_a, trip_b" in problem.found


def test_a_chosen_pair_imports_as_the_two_sides(anac: Path) -> None:
    result = import_paths([anac], options=Options(pair=("union", "harbour_mayor.xml")))
    assert [s.id for s in result.case.sides] == ["union", "harbour_mayor"]
    plain = import_paths(
        [HARBOUR / "harbour_domain.xml", HARBOUR / "union.xml", HARBOUR / "city.xml"]
    )
    assert result.case.sides[0].negotiator == plain.case.sides[0].negotiator
    with pytest.raises(InputError) as exc:
        import_paths([anac], options=Options(pair=("union", "trip_a")))
    assert exc.value.problems[0].expected == "two profiles of the same domain"
    with pytest.raises(InputError) as exc:
        import_paths([anac], options=Options(pair=("union", "nobody")))
    assert exc.value.problems[0].path == "--pair[1]"


def test_all_pairs_are_written_with_a_row_for_each_pair_and_skip(
    anac: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    out = tmp_path_factory.mktemp("cases")
    result = import_all(anac, out)
    imported = sorted(Path(r.output).name for r in result.rows if r.output)
    assert imported == [
        "harbour_domain__city__harbour_mayor.yaml",
        "harbour_domain__city__union.yaml",
        "harbour_domain__harbour_mayor__union.yaml",
        "trip_domain__trip_a__trip_b.yaml",
    ]
    assert result.imported == 4
    assert len(result.rows) == 6  # four pairs, two skipped files
    again = import_all(anac, out)
    assert again.imported == 0
    assert all("exists" in r.detail for r in again.rows if len(r.files) == 3)
