"""History, diffs of two revisions, and restoring an old revision."""

from __future__ import annotations

from webclient import Client


def _save(client: Client, case_id: int, text: str, base: int) -> None:
    r = client.put(
        f"/api/cases/{case_id}",
        json={"text": text, "base": base, "message": f"edit {base}"},
        headers={"X-CSRF-Token": client.token()},
    )
    assert r.status_code == 200


def test_history_lists_every_revision(client: Client, labour_id: int, labour_text: str) -> None:
    _save(client, labour_id, labour_text.replace("quota: 0.5", "quota: 0.6"), 1)
    page = client.get(f"/cases/{labour_id}/history")
    assert page.status_code == 200
    assert "#2" in page.text
    assert "#1" in page.text
    assert "edit 1" in page.text


def test_the_diff_of_two_revisions_shows_the_changed_lines(
    client: Client, labour_id: int, labour_text: str
) -> None:
    _save(client, labour_id, labour_text.replace("quota: 0.5", "quota: 0.6"), 1)
    page = client.get(f"/cases/{labour_id}/diff?a=1&b=2")
    assert page.status_code == 200
    assert "+1" in page.text
    assert "−1" in page.text
    assert '<tr class="del">' in page.text
    assert "quota: 0.6" in page.text
    patch = client.get(f"/cases/{labour_id}/diff.patch?a=1&b=2").text
    assert "-        quota: 0.5" in patch
    assert "+        quota: 0.6" in patch


def test_restoring_an_old_revision_adds_a_revision_with_its_text(
    client: Client, labour_id: int, labour_text: str
) -> None:
    _save(client, labour_id, labour_text.replace("quota: 0.5", "quota: 0.6"), 1)
    assert client.get(f"/cases/{labour_id}/revisions/1").status_code == 200
    r = client.post_form(f"/cases/{labour_id}/revisions/1/restore", {"base_revision": "2"})
    assert r.status_code == 303
    head = client.get(f"/api/cases/{labour_id}").json()
    assert head["revision"] == 3
    assert head["text"] == labour_text
    assert "Restored revision 1" in client.get(f"/cases/{labour_id}/history").text


def test_restoring_from_a_stale_page_is_a_conflict(
    client: Client, labour_id: int, labour_text: str
) -> None:
    _save(client, labour_id, labour_text.replace("quota: 0.5", "quota: 0.6"), 1)
    _save(client, labour_id, labour_text.replace("quota: 0.5", "quota: 0.7"), 2)
    r = client.post_form(f"/cases/{labour_id}/revisions/1/restore", {"base_revision": "2"})
    assert r.status_code == 409
    assert client.get(f"/api/cases/{labour_id}").json()["revision"] == 3


def test_unknown_revisions_are_404(client: Client, labour_id: int) -> None:
    assert client.get(f"/cases/{labour_id}/revisions/42").status_code == 404
    assert client.get(f"/cases/{labour_id}/diff?a=1&b=42").status_code == 404
    r = client.post_form(f"/cases/{labour_id}/revisions/42/restore", {"base_revision": "1"})
    assert r.status_code == 404
    assert client.get(f"/cases/{labour_id}/diff?a=x&b=1").status_code == 422
