"""The compare page shows the library's comparison; its JSON equals ``leveltwo compare``."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner
from webclient import Client

from leveltwo.cli.app import app as cli_app


def _cli(path: Path, *deals: str) -> dict:
    args = ["compare", str(path)]
    for d in deals:
        args += ["--deal", d]
    result = CliRunner().invoke(cli_app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_compare_json_equals_the_cli(client: Client, labour_id: int, tmp_path: Path):
    text = client.get(f"/cases/{labour_id}/export/case.yaml").text
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    web = client.get(f"/api/cases/{labour_id}/compare?d=proposal&d=best&d=nash").json()
    assert web == _cli(path, "proposal", "best", "nash")


def test_compare_page_marks_differences_and_takes_builder_deals(client: Client, labour_id: int):
    r = client.get(f"/cases/{labour_id}/compare?d=proposal&d=choices:0,0,0,0,0,0")
    assert r.status_code == 200
    assert "Builder deal 1" in r.text
    assert 'class="differs"' in r.text
    assert "Chance the deal sticks (P)" in r.text
    assert "25.1%" in r.text


def test_compare_page_defaults_to_proposal_best_and_plan(client: Client, labour_id: int):
    r = client.get(f"/cases/{labour_id}/compare")
    assert r.status_code == 200
    for name in ("Proposal", "Best for us", "After the plan"):
        assert f'class="num">{name}</th>' in r.text


def test_a_bad_deal_is_a_located_400(client: Client, labour_id: int):
    r = client.get(
        f"/cases/{labour_id}/compare?d=proposal&d=cheapest", headers={"Accept": "application/json"}
    )
    assert r.status_code == 400
    assert "cheapest" in r.text
