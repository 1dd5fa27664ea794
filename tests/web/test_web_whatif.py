"""Live what-ifs on assumptions: answers change, nothing is saved until "save"."""

from __future__ import annotations

from webclient import Client

from leveltwo import assess, case_from_text
from leveltwo.model.assumptions import with_assumptions

KEY = "union.members.critical_care.reservation"


def test_a_what_if_changes_p_and_saves_nothing(client: Client, labour_id: int):
    before = client.get(f"/api/cases/{labour_id}/whatif").json()
    heads = client.get(f"/cases/{labour_id}/history").text
    r = client.get(f"/api/cases/{labour_id}/whatif?a={KEY}=0.7")
    assert r.status_code == 200
    doc = r.json()
    assert doc["success_probability"] < before["success_probability"]
    text = client.get(f"/api/cases/{labour_id}").json()["text"]
    case = case_from_text(text)
    expected = assess(with_assumptions(case, {KEY: 0.7})).success_probability
    assert doc["success_probability"] == expected
    assert doc["space"]["agreement_zone_size"] <= before["space"]["agreement_zone_size"]
    assert client.get(f"/cases/{labour_id}/history").text == heads  # no revision made


def test_the_page_lists_the_assumptions_in_words(client: Client, labour_id: int):
    page = client.get(f"/cases/{labour_id}/whatif")
    assert page.status_code == 200
    assert f'data-assumption="{KEY}"' in page.text
    assert "ICU and emergency nurses" in page.text
    assert "reservation (the least it accepts)" in page.text


def test_bad_what_ifs_are_located_400s(client: Client, labour_id: int):
    for q in (f"a={KEY}=2", "a=nobody.reservation=0.3", f"a={KEY}"):
        r = client.get(f"/api/cases/{labour_id}/whatif?{q}")
        assert r.status_code == 400, q


def test_save_as_a_revision_writes_the_what_if(client: Client, labour_id: int):
    head = client.get(f"/api/cases/{labour_id}").json()
    explored = client.get(f"/api/cases/{labour_id}/whatif?a={KEY}=0.7").json()
    r = client.post_form(
        f"/cases/{labour_id}/whatif/save",
        {"base_revision": str(head["revision"]), "a": f"{KEY}=0.7"},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    after = client.get(f"/api/cases/{labour_id}").json()
    assert after["revision"] == head["revision"] + 1
    saved = client.get(f"/api/cases/{labour_id}/whatif").json()
    assert saved["success_probability"] == explored["success_probability"]


def test_saving_a_what_if_changes_its_lines_only(client: Client, labour_id: int):
    """The revision is the stored text with the changed number rewritten: comments and
    layout stay (the case writer, not a fresh dump of the file)."""
    head = client.get(f"/api/cases/{labour_id}").json()
    before = head["text"]
    client.post_form(
        f"/cases/{labour_id}/whatif/save",
        {"base_revision": str(head["revision"]), "a": f"{KEY}=0.7"},
    )
    after = client.get(f"/api/cases/{labour_id}").json()["text"]
    old, new = before.splitlines(), after.splitlines()
    assert len(old) == len(new)
    changed = [(a, b) for a, b in zip(old, new, strict=True) if a != b]
    assert len(changed) == 1
    (was, now) = changed[0]
    assert now.split("#")[0].strip() == "reservation: 0.7"
    assert now.partition("#")[2] == was.partition("#")[2]  # its comment stays


def test_history_shows_answers_and_the_diff_lists_changed_answers(client: Client, labour_id: int):
    head = client.get(f"/api/cases/{labour_id}").json()["revision"]
    client.post_form(
        f"/cases/{labour_id}/whatif/save",
        {"base_revision": str(head), "a": f"{KEY}=0.7"},
    )
    page = client.get(f"/cases/{labour_id}/history").text
    assert "25.1%" in page  # the first revision's P
    diff = client.get(f"/cases/{labour_id}/diff?a={head}&b={head + 1}").text
    assert "What changed in the answers" in diff
    assert "Chance the proposal sticks: 25.1% →" in diff
    assert "ICU and emergency nurses approves 3.3% →" in diff


def test_an_empty_zone_gets_advice(client: Client, labour_id: int):
    from test_web_analysis import wait_for_space

    doc = wait_for_space(client, f"/api/cases/{labour_id}/space?threshold=1")
    assert doc["analysis"]["agreement_zone_size"] == 0
    advice = doc["advice"]
    assert advice["work_on_name"] in advice["text"]
    assert len(advice["nearest"]) == 3
    assert doc["proposal"]["success_probability"] > 0.25


def test_the_speech_draft_can_be_edited_and_is_kept_with_the_case(client: Client, labour_id: int):
    page = client.get(f"/cases/{labour_id}/speech").text
    assert 'id="draft-text"' in page
    r = client.post_form(
        f"/cases/{labour_id}/speech/draft", {"side": "union", "text": "# My own words\\n\\nYes."}
    )
    assert r.status_code == 303
    again = client.get(f"/cases/{labour_id}/speech?side=union").text
    assert "# My own words" in again
    assert "Discard my version" in again
    client.post_form(f"/cases/{labour_id}/speech/draft", {"side": "union", "discard": "1"})
    assert "# My own words" not in client.get(f"/cases/{labour_id}/speech?side=union").text
    bad = client.post_form(f"/cases/{labour_id}/speech/draft", {"side": "nobody", "text": "x"})
    assert bad.status_code == 400
