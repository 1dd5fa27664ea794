"""The plan page and its JSON: progress while planning, the CLI's numbers, what-if
toggles, and the report with only the moves switched on."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from markupsafe import escape
from typer.testing import CliRunner
from webclient import Client

from leveltwo import case_from_text
from leveltwo.cli.app import app as cli_app
from leveltwo.strategies import plan, steps_for


def start(client: Client, url: str) -> None:
    """Start planning (a POST); GETs only poll."""
    r = client.post(url.replace("/plan/whatif", "/plan"), headers={"X-CSRF-Token": client.token()})
    assert r.status_code in (200, 202), r.text


def wait(client: Client, url: str) -> Any:
    start(client, url)
    for _ in range(600):
        r = client.get(url)
        if r.status_code != 202:
            assert r.status_code == 200, r.text
            return r.json()
        time.sleep(0.05)
    raise AssertionError("planning did not finish")


def test_the_plan_json_equals_cli_plan(client: Client, labour_id: int, tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(client.get(f"/cases/{labour_id}/export/case.yaml").text, encoding="utf-8")
    web = wait(client, f"/api/cases/{labour_id}/plan")
    result = CliRunner().invoke(cli_app, ["plan", str(path), "--json"])
    assert result.exit_code in (0, 1), result.output
    cli = json.loads(result.stdout)
    assert {k: v for k, v in web.items() if k not in ("choices", "revision")} == cli


def test_the_page_shows_progress_then_the_ranked_moves(client: Client, labour_id: int) -> None:
    first = client.get(f"/cases/{labour_id}/plan")
    assert first.status_code == 200
    assert "Planning" in first.text or "Ranked moves" in first.text
    doc = wait(client, f"/api/cases/{labour_id}/plan")
    page = client.get(f"/cases/{labour_id}/plan").text
    assert "Ranked moves" in page
    for move in doc["moves"]:
        assert f'value="{move["key"]}"' in page.replace("&#39;", "'").replace("&amp;", "&")
    assert "What to avoid" in page
    assert "What to find out" in page


def test_what_if_toggles_give_the_libraries_combined_effect(client: Client, labour_id: int) -> None:
    doc = wait(client, f"/api/cases/{labour_id}/plan")
    keys = [m["key"] for m in doc["moves"]]
    assert keys, "the labour case has moves to toggle"
    case = case_from_text(client.get(f"/api/cases/{labour_id}").json()["text"])
    chosen = plan(case).chosen
    everything = client.get(f"/api/cases/{labour_id}/plan/whatif", params={"on": keys}).json()
    assert everything["success_probability_after"] == doc["success_probability_after"]
    assert everything["on"] == keys
    some = [k for k in keys if k != keys[0]]
    partial = client.get(f"/api/cases/{labour_id}/plan/whatif", params={"on": some}).json()
    steps = steps_for(case, [m for m in chosen if m.key in set(some)])
    expected = steps[-1].success_probability_after if steps else doc["success_probability_before"]
    assert partial["success_probability_after"] == expected
    none = client.get(f"/api/cases/{labour_id}/plan/whatif").json()
    assert none["success_probability_after"] == doc["success_probability_before"]
    assert none["final_deal"] == doc["deal"]
    page = client.get(
        f"/cases/{labour_id}/plan", params={"on": some, "toggled": "true"}
    ).text  # without JavaScript: the same, server-side
    assert json.dumps(partial["success_probability_after"]) in page


def test_an_unknown_move_key_is_a_located_400(client: Client, labour_id: int) -> None:
    wait(client, f"/api/cases/{labour_id}/plan")
    r = client.get(f"/api/cases/{labour_id}/plan/whatif", params={"on": ["no-such-move"]})
    assert r.status_code == 400
    assert r.json()["problems"][0]["path"] == "on"


def test_the_report_can_carry_only_the_moves_switched_on(client: Client, labour_id: int) -> None:
    doc = wait(client, f"/api/cases/{labour_id}/plan")
    keys = [m["key"] for m in doc["moves"]]
    titles = [m["title"] for m in doc["moves"]]
    full = client.post_form(f"/cases/{labour_id}/export/report.html").text
    one = client.post_form(
        f"/cases/{labour_id}/export/report.html", {"on": keys[:1], "toggled": "true"}
    ).text
    assert all(str(escape(t)) in full or t in full for t in titles)
    assert str(escape(titles[0])) in one or titles[0] in one
    if len(titles) > 1:
        assert str(escape(titles[-1])) not in one
        assert titles[-1] not in one


def test_adopting_the_plan_saves_a_revision_with_its_numbers(
    client: Client, labour_id: int
) -> None:
    doc = wait(client, f"/api/cases/{labour_id}/plan")
    keys = [m["key"] for m in doc["moves"]]
    effect = client.get(f"/api/cases/{labour_id}/plan/whatif", params={"on": keys}).json()
    assert effect["needs_adoption"]  # the labour plan adds an option to staffing
    head = client.get(f"/api/cases/{labour_id}").json()
    r = client.post_form(
        f"/cases/{labour_id}/plan/adopt",
        {"base_revision": str(head["revision"])},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    assert r.headers["location"] == f"/cases/{labour_id}/deal"
    after = client.get(f"/api/cases/{labour_id}").json()
    assert after["revision"] == head["revision"] + 1
    adopted = case_from_text(after["text"])
    from leveltwo import assess

    a = assess(adopted)
    assert a.success_probability == doc["success_probability_after"]
    assert a.expected_value[adopted.us] == doc["expected_value_after"]
    history = client.get(f"/cases/{labour_id}/history").text
    assert "Adopted the Level II plan" in history
    builder = client.get(f"/cases/{labour_id}/deal")
    assert builder.status_code == 200
    assert "5 patients per nurse in ICU and emergency only" in builder.text


def test_the_plan_page_shows_the_plans_robustness_with_a_tornado_chart(
    client: Client, labour_id: int
) -> None:
    doc = wait(client, f"/api/cases/{labour_id}/plan")
    page = client.get(f"/cases/{labour_id}/plan").text
    assert "How sure is the plan" in page
    assert "Tornado chart" in page
    for m in doc["moves"]:
        assert m["key"] in page  # the Monte Carlo lists the plan's moves
