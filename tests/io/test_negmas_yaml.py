"""NegMAS YAML scenario folders (``Scenario.dumpas(folder, "yml")``), read and written.

The hand-written files here follow the layout NegMAS writes; the check against
NegMAS's own output runs when NegMAS is installed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from leveltwo.errors import InputError
from leveltwo.io.genius import Convention
from leveltwo.io.genius_export import Format
from leveltwo.io.interop import Options, export_case, import_paths
from leveltwo.model.deal import Deal

HARBOUR = Path(__file__).parent / "data" / "harbour"

DOMAIN = """name: market
type: DiscreteCartesianOutcomeSpace
issues:
- name: price
  type: ContiguousIssue
  values: [1, 4]
- name: colour
  type: CategoricalIssue
  values: [red, blue]
"""
BUYER = """name: buyer
type: LinearAdditiveUtilityFunction
reserved_value: 0.25
weights: [0.6, 0.4]
values:
- {type: AffineFun, slope: -0.25, bias: 1.0}
- {type: TableFun, mapping: {red: 1.0, blue: 0.5}}
"""
SELLER = """name: seller
type: ExpDiscountedUFun
discount: 0.95
ufun:
  name: seller
  type: LinearAdditiveUtilityFunction
  reserved_value: 0.3
  weights: [0.5, 0.5]
  values:
  - {type: LinearFun, slope: 0.25}
  - {type: TableFun, mapping: {red: 0.2, blue: 1.0}}
"""


def folder(tmp_path: Path) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "market.yml").write_text(DOMAIN)
    (tmp_path / "buyer.yml").write_text(BUYER)
    (tmp_path / "seller.yml").write_text(SELLER)
    return tmp_path


def test_a_yaml_folder_reads_numbers_as_written(tmp_path: Path) -> None:
    result = import_paths([folder(tmp_path)])
    case = result.case
    assert [i.options for i in case.issues] == [("1", "2", "3", "4"), ("red", "blue")]
    buyer, seller = (s.negotiator for s in case.sides)
    # buyer at (2, blue): 0.6·(1 − 0.25·2) + 0.4·0.5 = 0.5; every term ≥ 0 and its best
    # deal (1, red) is worth 0.6·0.75 + 0.4 = 0.85 ≤ 1: kept as written
    assert buyer.preferences.utility(Deal((1, 1))) == pytest.approx(0.5)
    assert buyer.reservation == pytest.approx(0.25)
    # seller's best deal (4, blue) is worth 0.5·1 + 0.5·1 = 1: kept as written
    assert seller.preferences.utility(Deal((2, 0))) == pytest.approx(0.5 * 0.75 + 0.5 * 0.2)
    # the seller's ExpDiscountedUFun discount goes to the bargaining block, with a note
    assert case.bargaining is not None
    assert dict(case.bargaining.discounts) == {"buyer": 1.0, "seller": 0.95}
    assert any("discount factor 0.95 imported" in n for n in result.notes)
    assert any(n.startswith("convention: negmas") for n in result.notes)


def test_an_unsupported_utility_function_is_one_clear_problem(tmp_path: Path) -> None:
    folder(tmp_path)
    (tmp_path / "seller.yml").write_text(
        "name: seller\ntype: HyperRectangleUtilityFunction\noutcome_ranges: []\n"
    )
    with pytest.raises(InputError) as exc:
        import_paths([tmp_path])
    problems = exc.value.problems
    assert len(problems) == 1
    assert "non-linear / constraint utility spaces are not supported" in problems[0].expected


def test_export_and_import_back_as_yaml(tmp_path: Path) -> None:
    case = import_paths([folder(tmp_path / "in")]).case
    export_case(case, Format.NEGMAS_YAML, tmp_path / "out", side_file=False)
    back = import_paths([tmp_path / "out"]).case
    assert [i.options for i in back.issues] == [i.options for i in case.issues]
    for a, b in zip(case.sides, back.sides, strict=True):
        assert a.negotiator.reservation == pytest.approx(b.negotiator.reservation)
        for k in range(case.size):
            d = case.deal_from_index(k)
            assert a.negotiator.preferences.utility(d) == pytest.approx(
                b.negotiator.preferences.utility(d), abs=1e-12
            )


def test_negmas_own_yaml_reads_like_the_xml_in_negmas_convention(tmp_path: Path) -> None:
    nm = pytest.importorskip("negmas")
    scenario = nm.Scenario.load(HARBOUR)
    scenario.dumpas(tmp_path, "yml", save_stats=False, save_info=False)
    from_yaml = import_paths([tmp_path]).case
    from_xml = import_paths(
        [HARBOUR / "harbour_domain.xml", HARBOUR / "city.xml", HARBOUR / "union.xml"],
        options=Options(Convention.NEGMAS),
    ).case
    for a, b in zip(from_yaml.sides, from_xml.sides, strict=True):
        assert a.negotiator.reservation == pytest.approx(b.negotiator.reservation, abs=1e-12)
        for k in range(from_xml.size):
            d = from_xml.deal_from_index(k)
            assert a.negotiator.preferences.utility(d) == pytest.approx(
                b.negotiator.preferences.utility(d), abs=1e-12
            )
