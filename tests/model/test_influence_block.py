"""The influence block of the model (model/influence.py): the network a file gives,
what a bloc inherits, the located problems, and the fields written back."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from leveltwo.io.casefile import load_case
from leveltwo.model.build import build_case
from leveltwo.model.influence import (
    InfluenceLink,
    InfluenceNetwork,
    check_influences,
    network_of,
    put_influence_fields,
)
from leveltwo.model.level2build import stakeholder_keys

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "influence.yaml"


def data() -> dict[str, Any]:
    out: dict[str, Any] = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    return out


def constituency(d: dict[str, Any], cid: str) -> dict[str, Any]:
    for side in d["sides"]:
        for c in side.get("constituencies", []):
            if c["id"] == cid:
                return c  # type: ignore[no-any-return]
    raise KeyError(cid)


def test_the_example_file_gives_its_one_link_susceptibility_and_win_over() -> None:
    net = network_of(load_case(str(EXAMPLE)))
    assert net is not None
    # docs/examples/influence.yaml: bondholders → board, weight 0.4; board λ 0.5;
    # win_over {shift 0.1, cost 0.01}
    assert net.links == (InfluenceLink("hospital.bondholders", "hospital.board", 0.4, False),)
    assert dict(net.susceptibility) == {"hospital.board": 0.5}
    assert net.win_over == (("hospital.bondholders", 0.1, 0.01),)
    assert net.applied is False
    assert net.to_json() == {
        "links": [
            {
                "source": "hospital.bondholders",
                "target": "hospital.board",
                "weight": 0.4,
                "weights": False,
            }
        ],
        "susceptibility": {"hospital.board": 0.5},
    }


def test_a_case_without_links_has_no_network() -> None:
    d = data()
    del constituency(d, "bondholders")["influences"]
    del constituency(d, "bondholders")["win_over"]
    assert network_of(build_case(d, "no links")) is None


def test_a_bloc_inherits_its_constituencys_susceptibility_unless_it_gives_its_own() -> None:
    net = InfluenceNetwork(
        links=(),
        susceptibility=(("u.members", 0.3), ("u.members.senior", 0.0), ("u.negotiator", 0.2)),
    )
    assert net.susceptibility_of("u.members.junior") == 0.3
    assert net.susceptibility_of("u.members.senior") == 0.0
    assert net.susceptibility_of("u.negotiator") == 0.2
    assert net.susceptibility_of("u.caucus") == 0.0
    assert net.susceptibility_of("u.caucus.x") == 0.0
    link = InfluenceLink("a.b", "u.members", 0.5)
    assert net.with_links((link,)).links == (link,)
    assert net.with_links((link,)).susceptibility == net.susceptibility


def problems_of(d: dict[str, Any]) -> list[tuple[str, str]]:
    return [(p.path, p.expected) for p in check_influences(d, stakeholder_keys(d))]


def test_the_example_has_no_problem() -> None:
    assert problems_of(data()) == []


def test_each_bad_link_is_a_located_problem() -> None:
    d = data()
    bond = constituency(d, "bondholders")
    where = next(
        f"sides[{si}].constituencies[{ci}].influences"
        for si, s in enumerate(d["sides"])
        for ci, c in enumerate(s.get("constituencies", []))
        if c["id"] == "bondholders"
    )
    bond["influences"] = [
        {"target": "hospital.nobody", "weight": 0.2},
        {"target": "hospital.bondholders", "weight": 0.2},
        {"target": "hospital.board", "weight": 0.7},
        {"target": "hospital.board", "weight": 0.4},
    ]
    assert problems_of(d) == [
        (f"{where}[0].target", "a stakeholder key such as 'side.constituency'"),
        (f"{where}[1].target", "another stakeholder"),
        (f"{where}[3].weight", "weights aimed at 'hospital.board' that sum to at most 1"),
    ]
    ratifier = copy.deepcopy(d)
    constituency(ratifier, "bondholders")["power"] = "ratify"
    assert (where, "links only on a constituency with power 'influence'") in problems_of(ratifier)


def test_the_fields_written_back_are_the_files() -> None:
    d = data()
    case = build_case(d, "example")
    sides: list[dict[str, Any]] = copy.deepcopy(d["sides"])
    for side in sides:
        for c in side.get("constituencies", []):
            for name in ("influences", "win_over", "susceptibility"):
                c.pop(name, None)
    put_influence_fields(sides, case)
    assert sides == d["sides"]


def test_putting_fields_of_a_case_without_links_changes_nothing() -> None:
    case = load_case("labour-contract")
    sides = [{"id": s.id, "negotiator": {}, "constituencies": []} for s in case.sides]
    before = copy.deepcopy(sides)
    put_influence_fields(sides, case)
    assert sides == before


@pytest.mark.parametrize("weight", [0.5, 1.0])
def test_weights_up_to_one_aimed_at_a_target_are_fine(weight: float) -> None:
    d = data()
    constituency(d, "bondholders")["influences"] = [{"target": "hospital.board", "weight": weight}]
    assert problems_of(d) == []
