"""`leveltwo import` on an ANAC folder: --pair, --all and the summary table."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location(
    "anac_layout", Path(__file__).parents[1] / "io" / "test_anac.py"
)
assert _spec is not None
assert _spec.loader is not None
_layout = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_layout)


def test_the_cli_prints_the_summary_table(
    invoke, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    anac = _layout.make_anac(tmp_path)
    out = tmp_path_factory.mktemp("cli")
    result = invoke("import", str(anac), "--all", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "4 pairs imported, 2 skipped" in result.stdout
    data = json.loads(invoke("import", str(anac), "--all", "-o", str(out), "--json").stdout)
    assert data["imported"] == 0
    assert data["skipped"] == 6
    pair = invoke("import", str(anac), "--pair", "trip_a,trip_b")
    assert pair.exit_code == 0
    assert "title: trip" in pair.stdout
    refused = invoke("import", str(anac))
    assert refused.exit_code == 2
    assert "--pair A,B" in refused.stderr


def test_winsets_stats_in_json_and_tables(invoke) -> None:
    from leveltwo.engine.scenario import scenario_stats
    from leveltwo.io.casefile import load_case

    result = invoke("winsets", "labour-contract", "--stats", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    expected = scenario_stats(load_case("labour-contract")).to_json()
    assert data["stats"] == json.loads(json.dumps(expected))
    human = invoke("winsets", "labour-contract", "--stats")
    assert "Kalai–Smorodinsky point" in human.stdout
    assert "stats" not in json.loads(invoke("winsets", "labour-contract", "--json").stdout)


def test_import_convention_and_discretize_flags(invoke, tmp_path: Path) -> None:
    harbour = Path(__file__).parents[1] / "io" / "data" / "harbour"
    files = [str(harbour / n) for n in ("harbour_domain.xml", "city.xml", "union.xml")]
    genius = json.loads(invoke("import", *files, "--json").stdout)
    negmas = json.loads(invoke("import", *files, "--convention", "negmas", "--json").stdout)
    assert any(n.startswith("convention: genius") for n in genius["notes"])
    assert any(n.startswith("convention: negmas") for n in negmas["notes"])
    bad = invoke("import", *files, "--convention", "gnu")
    assert bad.exit_code == 2
    domain = tmp_path / "d.xml"
    domain.write_text(
        '<negotiation_template><utility_space><objective index="0" name="e">'
        '<issue index="1" name="x" type="real" lowerbound="0" upperbound="1"/>'
        "</objective></utility_space></negotiation_template>"
    )
    profile = (
        '<utility_space><objective index="0" name="e"><issue index="1" name="x" type="real">'
        '<evaluator ftype="linear" slope="{s}" offset="{o}"/></issue>'
        '<weight index="1" value="1"/></objective></utility_space>'
    )
    (tmp_path / "a.xml").write_text(profile.format(s=1, o=0))
    (tmp_path / "b.xml").write_text(profile.format(s=-1, o=1))
    paths = [str(tmp_path / n) for n in ("d.xml", "a.xml", "b.xml")]
    refused = invoke("import", *paths)
    assert refused.exit_code == 2
    assert "--discretize N" in refused.stderr
    ok = json.loads(invoke("import", *paths, "--discretize", "5", "--json").stdout)
    assert ok["deals"] == 5
