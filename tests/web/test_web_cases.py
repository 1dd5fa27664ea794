"""Case list routes: list, create, import, duplicate, delete to the trash, restore."""

from __future__ import annotations

import html
import json

import yaml
from webclient import Client

from leveltwo import bundled_cases, case_from_text


def test_health_says_ok(client: Client) -> None:
    assert client.get("/api/health").json()["status"] == "ok"


def test_the_list_shows_the_examples_and_the_templates(client: Client) -> None:
    page = client.get("/")
    assert page.status_code == 200
    for b in bundled_cases():
        assert html.escape(b.title).replace("&#x27;", "&#39;") in page.text
        assert f'value="{b.name}"' in page.text
    assert len(client.get("/api/cases").json()) == len(bundled_cases())


def test_create_from_a_template_with_a_title(client: Client) -> None:
    r = client.post_form("/cases", {"template": "trade-agreement", "title": "My trade deal"})
    assert r.status_code == 303
    case_id = int(r.headers["location"].rsplit("/", 1)[1])
    page = client.get(f"/cases/{case_id}")
    assert "My trade deal" in page.text
    text = client.get(f"/api/cases/{case_id}").json()["text"]
    assert case_from_text(text).title == "My trade deal"


def test_a_new_title_changes_the_title_line_only(client: Client) -> None:
    """The template's text with its title rewritten by the case writer: comments stay."""
    title = "Nurses: round 2 'draft' #3"
    r = client.post_form("/cases", {"template": "labour-contract", "title": title})
    assert r.status_code == 303
    case_id = int(r.headers["location"].rsplit("/", 1)[1])
    text = client.get(f"/api/cases/{case_id}").json()["text"]
    template = next(b for b in bundled_cases() if b.name == "labour-contract").path
    old, new = template.read_text(encoding="utf-8").splitlines(), text.splitlines()
    assert case_from_text(text).title == title
    assert len(old) == len(new)
    assert next(b for a, b in zip(old, new, strict=True) if a != b).startswith("title: ")
    assert sum(a != b for a, b in zip(old, new, strict=True)) == 1


def test_create_from_scratch_gives_a_valid_case(client: Client) -> None:
    r = client.post_form("/cases", {"template": "", "title": "Blank one"})
    assert r.status_code == 303
    case_id = client.case_id("Blank one")
    assert client.get(f"/cases/{case_id}/deal").status_code == 200


def test_an_unknown_template_is_a_located_400(client: Client) -> None:
    r = client.post_form("/cases", {"template": "../../etc/passwd"})
    assert r.status_code == 400
    assert "template: expected a bundled case" in r.text
    assert len(client.get("/api/cases").json()) == len(bundled_cases())


def test_import_a_yaml_file(client: Client, labour_text: str) -> None:
    text = labour_text.replace("title: Hospital nurses' contract", "title: Imported nurses")
    r = client.post(
        "/cases/import",
        data={"csrf_token": client.token()},
        files={"file": ("nurses.yaml", text.encode(), "text/yaml")},
        follow_redirects=False,
    )
    assert r.status_code == 303
    case_id = client.case_id("Imported nurses")
    assert client.get(f"/api/cases/{case_id}").json()["text"] == text


def test_import_json_is_stored_as_yaml(client: Client, labour_text: str) -> None:
    data = yaml.safe_load(labour_text)
    data["title"] = "From JSON"
    r = client.post(
        "/cases/import",
        data={"csrf_token": client.token()},
        files={"file": ("case.json", json.dumps(data).encode(), "application/json")},
        follow_redirects=False,
    )
    assert r.status_code == 303
    stored = client.get(f"/api/cases/{client.case_id('From JSON')}").json()["text"]
    assert yaml.safe_load(stored) == data
    assert stored.startswith("leveltwo: 1")


def test_import_of_a_bad_case_lists_every_problem_and_saves_nothing(
    client: Client, labour_text: str
) -> None:
    bad = labour_text.replace("reservation: 0.63", "reservation: high").replace(
        "power: block", "power: veto"
    )
    r = client.post(
        "/cases/import",
        data={"csrf_token": client.token()},
        files={"file": ("bad.yaml", bad.encode(), "text/yaml")},
    )
    assert r.status_code == 400
    assert "sides[0].constituencies[0].reservation" in r.text
    assert "sides[1].constituencies[1].power" in r.text
    assert "Traceback" not in r.text
    assert len(client.get("/api/cases").json()) == len(bundled_cases())


def test_import_of_binary_or_malformed_yaml_is_refused(client: Client) -> None:
    r = client.post(
        "/cases/import",
        data={"csrf_token": client.token()},
        files={"file": ("x.yaml", b"\xff\xfe\x00bad", "text/yaml")},
    )
    assert r.status_code == 400
    assert "UTF-8" in r.text
    r = client.post(
        "/cases/import",
        data={"csrf_token": client.token()},
        files={"file": ("x.yaml", b"title: [unclosed", "text/yaml")},
    )
    assert r.status_code == 400
    assert "well-formed YAML or JSON" in r.text


def test_yaml_tags_are_not_executed(client: Client) -> None:
    evil = b"!!python/object/apply:os.system ['echo pwned']\n"
    r = client.post(
        "/cases/import",
        data={"csrf_token": client.token()},
        files={"file": ("evil.yaml", evil, "text/yaml")},
    )
    assert r.status_code == 400


def test_duplicate_copies_the_latest_text_under_a_new_title(client: Client, labour_id: int) -> None:
    r = client.post_form(f"/cases/{labour_id}/duplicate")
    assert r.status_code == 303
    copy_id = int(r.headers["location"].rsplit("/", 1)[1])
    assert copy_id != labour_id
    original = client.get(f"/api/cases/{labour_id}").json()
    copy = client.get(f"/api/cases/{copy_id}").json()
    assert copy["title"] == original["title"] + " (copy)"
    assert copy["text"].count("\n") == original["text"].count("\n")


def test_delete_asks_first_then_trashes_and_can_be_undone(client: Client, labour_id: int) -> None:
    confirm = client.get(f"/cases/{labour_id}/delete")
    assert confirm.status_code == 200
    assert "Move to trash" in confirm.text
    r = client.post_form(f"/cases/{labour_id}/delete")
    assert r.status_code == 303
    listing = client.get("/")
    assert f"/cases/{labour_id}/restore" in listing.text  # the Undo button
    assert client.get(f"/cases/{labour_id}").status_code == 404
    assert "Hospital nurses" in client.get("/trash").text
    r = client.post_form(f"/cases/{labour_id}/restore")
    assert r.status_code == 303
    assert client.get(f"/cases/{labour_id}").status_code == 200


def test_unknown_case_pages_are_friendly_404s(client: Client) -> None:
    r = client.get("/cases/9999")
    assert r.status_code == 404
    assert "no such case" in r.text
    assert client.get("/api/cases/9999/assess").json()["error"] == "CaseNotFoundError"
    assert client.get("/no/such/page").status_code == 404
    assert client.get("/cases/abc").status_code == 422


def test_a_saved_revision_that_no_longer_builds_can_still_be_fixed(
    client: Client, labour_id: int, labour_text: str
) -> None:
    # as if the case format had grown stricter since this revision was saved
    repo = client.app.state.leveltwo.repo
    broken = labour_text.replace("strength: 0.5", "strength: 5")
    repo.save(labour_id, broken, "Hospital nurses' contract", base=1, message="old format")
    page = client.get(f"/cases/{labour_id}/deal")
    assert page.status_code == 400
    assert "strength" in page.text
    assert f'href="/cases/{labour_id}/yaml"' in page.text
    for url in ["yaml", "history", "edit", "revisions/1", "export/case.yaml"]:
        assert client.get(f"/cases/{labour_id}/{url}").status_code == 200, url
    fixed = client.post_form(
        f"/cases/{labour_id}/yaml", {"text": labour_text, "base_revision": "2"}
    )
    assert fixed.status_code == 303
    assert client.get(f"/cases/{labour_id}/deal").status_code == 200
