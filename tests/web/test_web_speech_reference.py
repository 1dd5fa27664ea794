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
