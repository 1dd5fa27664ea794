"""``leveltwo import`` and ``leveltwo export`` through the real CLI (central error handler)."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from leveltwo.io.casefile import load_case

HARBOUR = Path(__file__).resolve().parents[1] / "io" / "data" / "harbour"
DOMAIN = str(HARBOUR / "harbour_domain.xml")
CITY = str(HARBOUR / "city.xml")
UNION = str(HARBOUR / "union.xml")


def test_import_writes_a_valid_case_file_with_a_header(invoke, tmp_path: Path) -> None:
    out = tmp_path / "harbour.yaml"
    result = invoke("import", DOMAIN, CITY, UNION, "--side-names", "city,union", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert f"wrote {out}: Harbour police contract — 3 issues, 60 deals" in result.stdout
    assert "discount factor 0.9 imported as bargaining.discount.union" in result.stdout
    text = out.read_text()
    assert text.startswith("# leveltwo case imported from GENIUS XML")
    case = load_case(out)
    assert [s.id for s in case.sides] == ["city", "union"]
    assert invoke("validate", str(out)).exit_code == 0


def test_import_prints_the_case_on_stdout_without_output(invoke) -> None:
    result = invoke("import", DOMAIN, CITY, UNION)
    assert result.exit_code == 0
    data = yaml.safe_load(result.stdout)
    assert data["title"] == "Harbour police contract"
    assert "imported: Harbour police contract" in result.stderr


def test_import_json(invoke, tmp_path: Path) -> None:
    out = tmp_path / "h.yaml"
    result = invoke("import", DOMAIN, CITY, UNION, "--us", "union", "-o", str(out), "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["us"] == "union"
    assert data["deals"] == 60
    assert data["output"] == str(out)
    assert data["sources"] == [DOMAIN, CITY, UNION]


def test_import_refuses_to_overwrite_and_leaves_the_file_alone(invoke, tmp_path: Path) -> None:
    out = tmp_path / "h.yaml"
    out.write_text("mine")
    result = invoke("import", DOMAIN, CITY, UNION, "-o", str(out))
    assert result.exit_code == 2
    assert "use --force" not in result.stderr  # the import message says "(or --force)"
    assert "or --force" in result.stderr
    assert out.read_text() == "mine"
    assert invoke("import", DOMAIN, CITY, UNION, "-o", str(out), "--force").exit_code == 0


def test_bad_xml_gives_a_located_error_and_exit_2(invoke, tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text((HARBOUR / "union.xml").read_text().replace('evaluation="3"', 'evaluation="x"'))
    out = tmp_path / "h.yaml"
    result = invoke("import", DOMAIN, CITY, str(bad), "-o", str(out))
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert f"{bad}: invalid input (1 problem)" in result.stderr
    assert "utility_space/objective[1]/issue[1]/item[2]/@evaluation (line 6, column 7)" in (
        result.stderr
    )
    assert not out.exists()


def test_bad_xml_error_as_json(invoke, tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xml"
    bomb.write_text('<!DOCTYPE x [<!ENTITY a "b">]><utility_space>&a;</utility_space>')
    result = invoke("import", DOMAIN, CITY, str(bomb), "--json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["error"] == "InputError"
    assert "refused for safety" in data["problems"][0]["expected"]


def test_side_names_errors_are_reported_against_the_option(invoke) -> None:
    result = invoke("import", DOMAIN, CITY, UNION, "--side-names", "city")
    assert result.exit_code == 2
    assert "--side-names: expected 2 names, one per profile, found 1" in result.stderr


def test_export_negmas_then_import_the_folder(invoke, tmp_path: Path) -> None:
    folder = tmp_path / "scenario"
    result = invoke("export", "labour-contract", "--format", "negmas", "-o", str(folder))
    assert result.exit_code == 0, result.output
    assert f"wrote {folder / 'domain.xml'}" in result.stdout
    assert (
        "note: sides[1].constituencies: 2 (members, staffing_caucus): kept in leveltwo-case.yaml"
        in result.stdout
    )
    back = invoke("import", str(folder), "--json")
    assert back.exit_code == 0
    data = json.loads(back.stdout)
    assert data["sides"] == ["hospital", "union"]
    assert data["title"] == load_case("labour-contract").title
    assert "restored from leveltwo-case.yaml: the case as exported" in data["notes"]


def test_export_json_and_refusal_to_overwrite(invoke, tmp_path: Path) -> None:
    result = invoke("export", "labour-contract", "-o", str(tmp_path), "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["format"] == "genius"
    assert sorted(Path(f).name for f in data["files"]) == [
        "domain.xml",
        "hospital.xml",
        "leveltwo-case.yaml",
        "union.xml",
    ]
    again = invoke("export", "labour-contract", "-o", str(tmp_path))
    assert again.exit_code == 2
    assert "use --force to overwrite" in again.stderr


def test_export_of_a_missing_case_is_a_clean_error(invoke, tmp_path: Path) -> None:
    result = invoke("export", str(tmp_path / "nope.yaml"), "-o", str(tmp_path))
    assert result.exit_code == 2
    assert "no such case file" in result.stderr
