"""The editors (forms and YAML), saving as revisions, and conflicting saves."""

from __future__ import annotations

import html
import re
from typing import Any

import yaml
from webclient import Client

from leveltwo import validate_text
from leveltwo.web.casedoc import load_data
from leveltwo.web.editor import build_form

FIELD = "sides[1].constituencies[0].reservation"


def form_fields(client: Client, case_id: int) -> dict[str, str]:
    """What the edit page would post: every field's current value, plus the hidden ones."""
    page = client.get(f"/cases/{case_id}/edit")
    assert page.status_code == 200
    base = re.search(r'name="base_revision" value="(\d+)"', page.text)
    assert base
    head = client.get(f"/api/cases/{case_id}").json()
    fields = {f.path: f.value for f in build_form(load_data(head["text"])).fields()}
    return {**fields, "base_revision": base.group(1)}


def test_the_edit_page_labels_every_field(client: Client, labour_id: int) -> None:
    page = client.get(f"/cases/{labour_id}/edit").text
    ids = re.findall(r'<input id="(f\d+)"', page) + re.findall(r'<select id="(f\d+)"', page)
    assert ids
    for dom_id in ids:
        assert f'for="{dom_id}"' in page


def test_saving_the_form_makes_a_revision(client: Client, labour_id: int) -> None:
    data = form_fields(client, labour_id)
    data[FIELD] = "0.5"
    r = client.post_form(f"/cases/{labour_id}/edit", data)
    assert r.status_code == 303
    saved = client.get(f"/api/cases/{labour_id}").json()
    assert saved["revision"] == 2
    assert yaml.safe_load(saved["text"])["sides"][1]["constituencies"][0]["reservation"] == 0.5
    history = client.get(f"/cases/{labour_id}/history").text
    assert "Membership ratification vote: Reservation" in history


def test_an_invalid_field_is_refused_with_the_error_next_to_it(
    client: Client, labour_id: int
) -> None:
    data = form_fields(client, labour_id)
    data[FIELD] = "high"
    r = client.post_form(f"/cases/{labour_id}/edit", data)
    assert r.status_code == 422
    # the message is the CLI's (the validator's), without the line of a text never shown
    text = (
        client.get(f"/api/cases/{labour_id}")
        .json()["text"]
        .replace("reservation: 0.45", "reservation: high", 1)
    )
    [problem] = validate_text(text)
    expected = f"{problem.path}: expected {problem.expected}, found {problem.found}"
    field_id = re.search(rf'<input id="(f\d+)" name="{re.escape(FIELD)}"', r.text)
    assert field_id
    error = re.search(rf'<div class="error" id="{field_id.group(1)}-err"><p>(.*?)</p>', r.text)
    assert error
    assert error.group(1).replace("&#39;", "'") == expected
    assert 'aria-invalid="true"' in r.text
    assert client.get(f"/api/cases/{labour_id}").json()["revision"] == 1


def test_adding_a_constituency_redraws_the_form_then_saves(client: Client, labour_id: int) -> None:
    data = form_fields(client, labour_id)
    data["action"] = "add-constituency:1"
    r = client.post_form(f"/cases/{labour_id}/edit", data)
    assert r.status_code == 200
    assert "New constituency" in r.text
    assert client.get(f"/api/cases/{labour_id}").json()["revision"] == 1  # not saved yet
    draft = re.search(r'name="draft" value="([^"]*)"', r.text, re.S)
    assert draft
    post: dict[str, Any] = {
        "base_revision": "1",
        "draft": draft.group(1).replace("&#39;", "'").replace("&#34;", '"').replace("&amp;", "&"),
        "action": "save",
    }
    r = client.post_form(f"/cases/{labour_id}/edit", post)
    assert r.status_code == 303
    text = client.get(f"/api/cases/{labour_id}").json()["text"]
    assert len(yaml.safe_load(text)["sides"][1]["constituencies"]) == 3


def test_a_second_save_from_the_same_revision_is_refused_with_a_merge(
    client: Client, labour_id: int
) -> None:
    ann = form_fields(client, labour_id)
    bob = dict(ann)
    ann[FIELD] = "0.5"
    assert client.post_form(f"/cases/{labour_id}/edit", ann).status_code == 303
    bob["sides[0].constituencies[0].reservation"] = "0.6"
    r = client.post_form(f"/cases/{labour_id}/edit", bob)
    assert r.status_code == 409
    assert "Your changes were not saved yet" in r.text
    assert "Merged for you" in r.text  # different lines: both edits combined
    merged = re.search(r'<textarea id="merge-text" name="text"[^>]*>(.*?)</textarea>', r.text, re.S)
    assert merged
    text = html.unescape(merged.group(1))
    data = yaml.safe_load(text)
    assert data["sides"][1]["constituencies"][0]["reservation"] == 0.5
    assert data["sides"][0]["constituencies"][0]["reservation"] == 0.6
    assert client.get(f"/api/cases/{labour_id}").json()["revision"] == 2  # Bob's not saved
    r = client.post_form(
        f"/cases/{labour_id}/yaml", {"text": text, "base_revision": "2", "action": "save"}
    )
    assert r.status_code == 303
    assert client.get(f"/api/cases/{labour_id}").json()["revision"] == 3


def test_overlapping_edits_show_the_users_text_to_merge_by_hand(
    client: Client, labour_id: int
) -> None:
    ann = form_fields(client, labour_id)
    bob = dict(ann)
    ann[FIELD] = "0.5"
    bob[FIELD] = "0.4"
    client.post_form(f"/cases/{labour_id}/edit", ann)
    r = client.post_form(f"/cases/{labour_id}/edit", bob)
    assert r.status_code == 409
    assert "touch the same lines" in r.text
    assert "reservation: 0.4" in r.text  # Bob's version is shown, not lost


def test_the_yaml_view_saves_keeps_comments_and_checks(
    client: Client, labour_id: int, labour_text: str
) -> None:
    page = client.get(f"/cases/{labour_id}/yaml")
    comment = next(line for line in labour_text.splitlines() if "# " in line)
    assert comment.split("# ", 1)[1].replace("'", "&#39;") in page.text
    edited = labour_text.replace("quota: 0.5", "quota: 0.55")
    assert edited != labour_text
    r = client.post_form(
        f"/cases/{labour_id}/yaml",
        {"text": edited, "base_revision": "1", "action": "check"},
    )
    assert r.status_code == 200
    assert "No problems" in r.text
    assert client.get(f"/api/cases/{labour_id}").json()["revision"] == 1
    r = client.post_form(
        f"/cases/{labour_id}/yaml",
        {"text": edited, "base_revision": "1", "message": "Raised the quota"},
    )
    assert r.status_code == 303
    head = client.get(f"/api/cases/{labour_id}").json()
    assert head["text"] == edited
    assert "Raised the quota" in client.get(f"/cases/{labour_id}/history").text


def test_invalid_yaml_is_refused_with_line_numbers(
    client: Client, labour_id: int, labour_text: str
) -> None:
    bad = labour_text.replace("strength: 0.5", "strength: 2")
    r = client.post_form(f"/cases/{labour_id}/yaml", {"text": bad, "base_revision": "1"})
    assert r.status_code == 422
    [problem] = validate_text(bad, "your edit")
    assert problem.line is not None
    assert f'data-line="{problem.line}"' in r.text
    assert problem.message().replace("'", "&#39;") in r.text
    assert client.get(f"/api/cases/{labour_id}").json()["revision"] == 1


def test_the_json_api_saves_and_reports_conflicts(
    client: Client, labour_id: int, labour_text: str
) -> None:
    headers = {"X-CSRF-Token": client.token()}
    body = {"text": labour_text.replace("quota: 0.5", "quota: 0.6"), "base": 1}
    r = client.put(f"/api/cases/{labour_id}", json=body, headers=headers)
    assert r.status_code == 200
    assert r.json()["revision"] == 2
    r = client.put(f"/api/cases/{labour_id}", json=body, headers=headers)
    assert r.status_code == 409
    assert r.json()["head"] == 2
    assert r.json()["latest_text"] == body["text"]
    r = client.put(
        f"/api/cases/{labour_id}", json={"text": "leveltwo: 1", "base": 2}, headers=headers
    )
    assert r.status_code == 400
    assert {p["path"] for p in r.json()["problems"]} >= {"title", "issues", "sides"}


def test_a_missing_base_revision_is_a_400(client: Client, labour_id: int) -> None:
    r = client.post_form(f"/cases/{labour_id}/yaml", {"text": "x", "base_revision": "two"})
    assert r.status_code == 400
    assert "base_revision" in r.text


def test_a_case_with_thousands_of_form_fields_can_be_saved(client: Client, big_case: Any) -> None:
    text = big_case((5, 5, 5, 5, 5, 4, 4, 2))
    data = yaml.safe_load(text)
    for k in range(12):  # many constituencies: well over a thousand fields
        data["sides"][1]["constituencies"].append(
            {"id": f"g{k}", "power": "influence", "weights": {"i0": 1},
             "values": {"i0": "ascending"}}
        )  # fmt: skip
    r = client.post(
        "/cases/import",
        data={"csrf_token": client.token()},
        files={"file": ("many.yaml", yaml.safe_dump(data).encode(), "text/yaml")},
        follow_redirects=False,
    )
    assert r.status_code == 303
    case_id = int(r.headers["location"].rsplit("/", 1)[1])
    fields = form_fields(client, case_id)
    assert len(fields) > 1000
    fields["sides[1].constituencies[0].reservation"] = "0.41"
    assert client.post_form(f"/cases/{case_id}/edit", fields).status_code == 303
    assert client.get(f"/api/cases/{case_id}").json()["revision"] == 2


def test_a_deal_can_be_made_the_proposal(client: Client, labour_id: int) -> None:
    r = client.post_form(
        f"/cases/{labour_id}/proposal",
        {"base_revision": "1", "choices": "0,3,2,3,3,1", "next": "https://evil.example/"},
    )
    assert r.status_code == 303
    assert r.headers["location"] == f"/cases/{labour_id}/deal"  # never off-site
    head = client.get(f"/api/cases/{labour_id}").json()
    assert head["revision"] == 2
    proposal = yaml.safe_load(head["text"])["proposal"]
    assert proposal["wages"] == "6%"
    assert proposal["staffing"] == "5 patients per nurse"
    doc = client.get(f"/api/cases/{labour_id}/assess").json()
    assert doc["choices"] == "0,3,2,3,3,1"  # the default deal is now this one
    stale = client.post_form(
        f"/cases/{labour_id}/proposal", {"base_revision": "1", "choices": "1,1,1,1,1,1"}
    )
    assert stale.status_code == 409
    bad = client.post_form(f"/cases/{labour_id}/proposal", {"base_revision": "2", "choices": "9"})
    assert bad.status_code == 400


def test_a_negative_reservation_saved_in_the_form_is_warned_next_to_its_field(
    client: Client, labour_id: int
) -> None:
    data = form_fields(client, labour_id)
    data[FIELD] = "-2"
    r = client.post_form(f"/cases/{labour_id}/edit", data)
    assert r.status_code == 303
    page = client.get(f"/cases/{labour_id}/edit").text
    assert "1 warning: the case is valid, but check this number" in page
    assert f"Warning: {FIELD}: expected a reservation in [0, 1]" in page
    yaml_page = client.get(f"/cases/{labour_id}/yaml").text
    assert f"{FIELD} (line " in yaml_page


def test_editing_one_number_in_the_form_changes_one_line_of_the_file(
    client: Client, labour_id: int
) -> None:
    before = client.get(f"/api/cases/{labour_id}").json()["text"]
    data = form_fields(client, labour_id)
    data[FIELD] = "0.47"
    assert client.post_form(f"/cases/{labour_id}/edit", data).status_code == 303
    after = client.get(f"/api/cases/{labour_id}").json()["text"]
    old, new = before.splitlines(), after.splitlines()
    assert len(old) == len(new)
    changed = [(a, b) for a, b in zip(old, new, strict=True) if a != b]
    assert changed == [("        reservation: 0.45", "        reservation: 0.47")]
    assert "# a strike: worse than the VP's own bar for signing" in after
