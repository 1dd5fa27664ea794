"""The speech page names whose opening the concessions are measured from."""

from __future__ import annotations

from webclient import Client

from leveltwo.io.casefile import case_from_text
from leveltwo.narrative import speech_ingredients


def test_our_speech_page_lists_what_we_won_from_their_opening(
    client: Client, labour_id: int
) -> None:
    case = case_from_text(client.get(f"/api/cases/{labour_id}").json()["text"])
    ing = speech_ingredients(case, side=case.us)
    page = client.get(f"/cases/{labour_id}/speech?side={case.us}").text
    theirs = client.get(f"/cases/{labour_id}/speech").text
    if ing.concessions:
        assert "What we won" in page
        assert "What they won" not in page
    assert "What we won" not in theirs
    doc = client.get(f"/api/cases/{labour_id}/speech?side={case.us}").json()
    assert doc["ingredients"]["opening_source"] == {
        "field": "their_opening",
        "default": case.their_opening is None,
        "side": case.their_side.id,
    }


def test_the_form_editor_sets_their_opening(client: Client, labour_id: int) -> None:
    import re

    import yaml

    from leveltwo.web.casedoc import load_data
    from leveltwo.web.editor import build_form

    page = client.get(f"/cases/{labour_id}/edit")
    assert "Their opening position" in page.text
    base = re.search(r'name="base_revision" value="(\d+)"', page.text)
    assert base
    head = client.get(f"/api/cases/{labour_id}").json()
    fields = {f.path: f.value for f in build_form(load_data(head["text"])).fields()}
    mine = [p for p in fields if p.startswith("their_opening")]
    assert mine
    case = case_from_text(head["text"])
    wanted = case.deal_labels(case.their_opening_deal())
    wanted["wages"] = case.issue("wages").options[0]
    data = {**fields, "base_revision": base.group(1)}
    for path in mine:
        data[path] = wanted[path.split(".", 1)[1]]
    r = client.post_form(f"/cases/{labour_id}/edit", data)
    assert r.status_code == 303, r.text[:500]
    saved = yaml.safe_load(client.get(f"/api/cases/{labour_id}").json()["text"])
    assert saved["their_opening"]["wages"] == wanted["wages"]
