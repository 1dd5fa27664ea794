"""The numbers on every page equal the CLI's ``--json`` output for the same case and deal."""

from __future__ import annotations

import json
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner
from webclient import Client

from leveltwo import case_from_text
from leveltwo.cli.app import app as cli_app

EXTRA_KEYS = {"choices", "index", "revision", "explanation", "excluded", "money"}


def cli_json(*args: str) -> Any:
    result = CliRunner().invoke(cli_app, [*args, "--json"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def export(client: Client, case_id: int, tmp_path: Path) -> Path:
    path = tmp_path / f"case-{case_id}.yaml"
    r = client.get(f"/cases/{case_id}/export/case.yaml")
    assert r.status_code == 200
    assert "attachment" in r.headers["content-disposition"]
    path.write_text(r.text, encoding="utf-8")
    return path


def deal_args(client: Client, case_id: int, choices: str) -> list[str]:
    case = case_from_text(client.get(f"/api/cases/{case_id}").json()["text"])
    out = []
    for issue, k in zip(case.issues, choices.split(","), strict=True):
        out += ["--deal", f"{issue.id}={issue.options[int(k)]}"]
    return out


def lookup(doc: Any, key: str) -> Any:
    for part in key.split("."):
        doc = doc[int(part)] if part.isdigit() else doc[part]
    return doc


def shown_values(html: str) -> list[tuple[str, float]]:
    """Every (data-key, exact value) pair a page shows."""
    pairs = re.findall(r'data-key="([^"]+)" data-format="\w+" data-value="([^"]+)"', html)
    return [(k, float(v)) for k, v in pairs]


@pytest.mark.parametrize("choices", [None, "0,0,0,0,0,0", "4,3,2,3,3,2", "2,1,1,1,2,2"])
def test_the_what_if_json_equals_cli_analyze(
    client: Client, labour_id: int, tmp_path: Path, choices: str | None
) -> None:
    path = export(client, labour_id, tmp_path)
    query = f"?choices={choices}" if choices else ""
    web = client.get(f"/api/cases/{labour_id}/assess{query}").json()
    cli = cli_json(
        "analyze", str(path), *(deal_args(client, labour_id, choices) if choices else [])
    )
    assert {k: v for k, v in web.items() if k not in EXTRA_KEYS} == cli
    if choices:
        assert web["choices"] == choices


def test_the_deal_builder_page_shows_the_cli_numbers(
    client: Client, labour_id: int, tmp_path: Path
) -> None:
    choices = "3,2,1,2,1,1"
    cli = cli_json("analyze", str(export(client, labour_id, tmp_path)),
                   *deal_args(client, labour_id, choices))  # fmt: skip
    page = client.get(f"/cases/{labour_id}/deal?choices={choices}").text
    values = shown_values(page)
    assert len(values) >= 20  # success, sides, every stakeholder and bloc
    for key, value in values:
        assert value == lookup(cli, key), key
    # the percentages people read are the CLI numbers rounded
    assert f"{100 * cli['success_probability']:.1f}%" in page
    for b in cli["diagnosis"]["blockers"]:
        assert json.dumps(b["probability_cost"]) in page


def test_the_overview_and_party_map_show_the_cli_numbers(
    client: Client, labour_id: int, tmp_path: Path
) -> None:
    cli = cli_json("analyze", str(export(client, labour_id, tmp_path)))
    for key, value in shown_values(client.get(f"/cases/{labour_id}").text):
        assert value == lookup(cli, key), key
    page = client.get(f"/cases/{labour_id}/parties").text
    approvals = [float(v) for v in re.findall(r'<td><span class="num" data-value="([^"]+)"', page)]
    expected = []
    for side in sorted(cli["sides"], key=lambda s: s["id"] != cli["us"]):
        expected.append(side["negotiator"]["approval_probability"])
        expected += [c["approval_probability"] for c in side["constituencies"]]
    assert approvals == expected
    assert "<svg" in page
    assert 'role="img"' in page


def wait_for_space(client: Client, url: str) -> dict[str, Any]:
    """Start the analysis with a POST, then poll it with GETs until it is done."""
    r = client.post(url, headers={"X-CSRF-Token": client.token()})
    assert r.status_code in (200, 202), r.text
    for _ in range(300):
        r = client.get(url)
        if r.status_code == 200:
            return dict(r.json())
        assert r.status_code == 202
        assert {"done", "total"} <= set(r.json())
        time.sleep(0.05)
    raise AssertionError("the analysis did not finish")


@pytest.mark.parametrize("threshold", [0.5, 0.75])
def test_the_win_set_data_equals_cli_winsets(
    client: Client, labour_id: int, tmp_path: Path, threshold: float
) -> None:
    path = export(client, labour_id, tmp_path)
    web = wait_for_space(client, f"/api/cases/{labour_id}/space?threshold={threshold}")
    cli = cli_json("winsets", str(path), "--threshold", str(threshold))

    def strip(doc: dict[str, Any]) -> dict[str, Any]:
        out = dict(doc)
        for key in ("best_deal", "nash_deal"):
            if out.get(key):
                out[key] = {k: v for k, v in out[key].items() if k != "index"}
        out["frontier"] = [{k: v for k, v in f.items() if k != "index"} for f in out["frontier"]]
        return out

    assert strip(web["analysis"]) == strip(cli)
    points = web["points"]
    assert len(points["index"]) == 2880  # every deal of a small space is drawn
    assert web["sampled"] is False
    assert sum(points["zone"]) == cli["agreement_zone_size"]


def test_a_big_space_is_sampled_deterministically_and_says_so(
    client: Client, big_case: Callable[..., str]
) -> None:
    text = big_case((5, 5, 5, 5, 5, 4, 4, 2))
    r = client.post(
        "/cases/import",
        data={"csrf_token": client.token()},
        files={"file": ("big.yaml", text.encode(), "text/yaml")},
        follow_redirects=False,
    )
    assert r.status_code == 303
    case_id = client.case_id("Big synthetic case")
    first = wait_for_space(client, f"/api/cases/{case_id}/space")
    assert first["analysis"]["outcomes"] == 100_000
    assert first["sampled"] is True
    assert 20_000 <= first["shown"] <= 20_000 + len(first["analysis"]["frontier"]) + 2
    again_doc = wait_for_space(client, f"/api/cases/{case_id}/space?threshold=0.5000001")
    assert again_doc["points"]["index"] == first["points"]["index"]


def test_a_what_if_on_a_hundred_thousand_deals_takes_under_200_ms(
    client: Client, big_case: Callable[..., str]
) -> None:
    r = client.post(
        "/cases/import",
        data={"csrf_token": client.token()},
        files={"file": ("big.yaml", big_case().encode(), "text/yaml")},
        follow_redirects=False,
    )
    assert r.status_code == 303
    case_id = client.case_id("Big synthetic case")
    client.get(f"/api/cases/{case_id}/assess")  # warm the case cache
    timings = []
    for k in range(7):
        choices = ",".join(str((k + j) % n) for j, n in enumerate((5, 5, 5, 5, 5, 4, 4, 2)))
        started = time.perf_counter()
        r = client.get(f"/api/cases/{case_id}/assess?choices={choices}")
        timings.append(time.perf_counter() - started)
        assert r.status_code == 200
        assert r.json()["choices"] == choices
    assert statistics.median(timings) < 0.2, timings


@pytest.mark.parametrize(
    ("choices", "path"),
    [("1,2", "choices"), ("0,0,0,0,0,9", "choices.term"), ("a,0,0,0,0,0", "choices.wages")],
)
def test_a_bad_deal_is_a_located_400(
    client: Client, labour_id: int, choices: str, path: str
) -> None:
    r = client.get(f"/api/cases/{labour_id}/assess?choices={choices}")
    assert r.status_code == 400
    assert r.json()["problems"][0]["path"] == path
    page = client.get(f"/cases/{labour_id}/deal?choices={choices}")
    assert page.status_code == 400
    assert path in page.text


def test_a_threshold_outside_zero_to_one_is_refused(client: Client, labour_id: int) -> None:
    assert client.get(f"/api/cases/{labour_id}/assess?threshold=2").status_code == 422
    assert client.get(f"/api/cases/{labour_id}/space?threshold=-1").status_code == 422


def test_the_win_set_page_is_served(client: Client, labour_id: int) -> None:
    page = client.get(f"/cases/{labour_id}/winsets")
    assert page.status_code == 200
    assert '<canvas id="chart"' in page.text
    assert "/static/winsets.js" in page.text


def test_the_speech_equals_the_library(client: Client, labour_id: int) -> None:
    from leveltwo.narrative import victory_speech

    text = client.get(f"/api/cases/{labour_id}").json()["text"]
    case = case_from_text(text)
    doc = client.get(f"/api/cases/{labour_id}/speech").json()
    assert doc == json.loads(json.dumps(victory_speech(case).to_json()))
    page = client.get(f"/cases/{labour_id}/speech")
    assert page.status_code == 200
    assert 'id="copy-speech"' in page.text
    ours = client.get(f"/cases/{labour_id}/speech?side={case.us}")
    assert ours.status_code == 200


def test_exports_give_the_case_file_and_the_report(client: Client, labour_id: int) -> None:
    head = client.get(f"/api/cases/{labour_id}").json()
    assert client.get(f"/cases/{labour_id}/export/case.yaml").text == head["text"]
    as_json = client.get(f"/cases/{labour_id}/export/case.json")
    assert as_json.headers["content-type"].startswith("application/json")
    assert case_from_text(as_json.text).title == head["title"]
    assert client.get(f"/cases/{labour_id}/export").status_code == 200
    assert client.get(f"/cases/{labour_id}/export/report.html").status_code == 405  # POST only
    report = client.post_form(f"/cases/{labour_id}/export/report.html")
    assert report.status_code == 200
    assert report.text.lstrip().lower().startswith("<!doctype html")
    assert "attachment" in report.headers["content-disposition"]


def test_the_speech_json_equals_cli_speech(client: Client, labour_id: int, tmp_path: Path) -> None:
    path = export(client, labour_id, tmp_path)
    choices = "1,2,2,1,2,2"
    web = client.get(f"/api/cases/{labour_id}/speech?choices={choices}").json()
    cli = cli_json("speech", str(path), *deal_args(client, labour_id, choices))
    assert web == cli


def test_the_deal_builder_greys_out_options_a_linked_option_excludes(client: Client) -> None:
    case_id = client.case_id("Strait of Kessel missile crisis")
    page = client.get(f"/cases/{case_id}/deal").text
    assert (
        '<option value="0" disabled class="excluded" data-label="none">none '
        "(excluded by a linked option)</option>"
    ) in page
    assert page.count("(excluded by a linked option)") == 1
    # without dismantling, 'none' is allowed, and dismantling is greyed out instead
    doc = client.get(f"/api/cases/{case_id}/assess?choices=0,0,0,0,0").json()
    assert doc["broken_constraints"] == []
    assert doc["excluded"] == [
        [False, False, True],
        [False] * 3,
        [False] * 2,
        [False] * 3,
        [False] * 2,
    ]
    bad = client.get(f"/api/cases/{case_id}/assess?choices=2,0,0,0,0").json()
    assert len(bad["broken_constraints"]) == 1
    assert "dismantled under inspection" in bad["broken_constraints"][0]


def test_the_deal_builder_shows_costs_to_us_in_money(client: Client, labour_id: int) -> None:
    head = client.get(f"/api/cases/{labour_id}").json()
    text = head["text"] + "money: {currency: USD, per_utility: 40000000}\n"
    body = {"text": text, "base": head["revision"]}
    headers = {"X-CSRF-Token": client.token()}
    saved = client.put(f"/api/cases/{labour_id}", json=body, headers=headers)
    assert saved.status_code == 200, saved.text
    page = client.get(f"/cases/{labour_id}/deal").text
    assert re.search(r"cost to us -?\d\.\d{3} \(-?[\d,]+ USD\)", page)
    doc = client.get(f"/api/cases/{labour_id}/assess").json()
    assert doc["money"] == {"currency": "USD", "per_utility": 40000000}
