"""The Bargaining page: the same numbers as ``leveltwo bargain --json``, the leverage chart."""

from __future__ import annotations

import json

from typer.testing import CliRunner
from webclient import Client

from leveltwo.cli.app import app as cli_app


def test_the_page_shows_the_equilibrium_and_the_leverage_chart(
    client: Client, labour_id: int
) -> None:
    r = client.get(f"/cases/{labour_id}/bargaining")
    assert r.status_code == 200
    assert "Predicted agreement" in r.text
    assert 'aria-current="page">Bargaining<' in r.text
    assert '<div class="chart-wrap" id="leverage-chart"><svg' in r.text
    assert "Tied-hands leverage" in r.text
    assert "One-shot best" in r.text


def test_the_json_equals_the_cli(client: Client, labour_id: int) -> None:
    api = client.get(f"/api/cases/{labour_id}/bargaining", params={"first": "both"}).json()
    result = CliRunner().invoke(
        cli_app, ["bargain", "labour-contract", "--first", "both", "--json"]
    )
    assert result.exit_code == 0
    cli = json.loads(result.stdout)
    assert api == cli


def test_a_case_without_the_block_explains_how_to_add_it(client: Client) -> None:
    r = client.post_form("/cases", {"template": "", "title": "Blank one"})
    assert r.status_code == 303
    case_id = client.case_id("Blank one")
    page = client.get(f"/cases/{case_id}/bargaining")
    assert page.status_code == 200
    assert "has no <code>bargaining:</code> block" in page.text
