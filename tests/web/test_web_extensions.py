"""The web app on cases with factors and influence links: the CLI's joint numbers, and the
party map's influence links."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner
from webclient import Client

from leveltwo.cli.app import app as cli_app

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def _import(client: Client, name: str) -> int:
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    r = client.post(
        "/cases/import",
        data={"csrf_token": client.token()},
        files={"file": (name, text.encode(), "text/yaml")},
        follow_redirects=False,
    )
    assert r.status_code == 303
    title = re.search(r"^title: (.+)$", text, re.M)
    assert title is not None
    return client.case_id(title.group(1).strip())


def test_the_party_map_draws_the_influence_links(client: Client) -> None:
    case_id = _import(client, "influence.yaml")
    page = client.get(f"/cases/{case_id}/parties").text
    wide, stacked = page.split('class="map-stacked"', 1)
    assert wide.count("edge edge-link") == 1  # one link, drawn once in the wide map
    assert stacked.count("edge edge-link") == 2  # and in each half of the stacked one
    other = _import(client, "correlated.yaml")
    assert "edge-link" not in client.get(f"/cases/{other}/parties").text


def test_the_overview_shows_the_joint_probability_of_the_cli(client: Client) -> None:
    case_id = _import(client, "correlated.yaml")
    cli = json.loads(
        CliRunner().invoke(cli_app, ["analyze", str(EXAMPLES / "correlated.yaml"), "--json"]).stdout
    )
    page = client.get(f"/cases/{case_id}").text
    assert f"{100 * cli['success_probability']:.1f}%" in page
    assert round(cli["success_probability"], 4) == 0.4139
