"""A side's implementation risks on the web pages: shown as risks, not as stakeholders."""

from __future__ import annotations

from webclient import Client

from leveltwo import case_from_text


def _with_risk(client: Client, case_id: int) -> None:
    head = client.get(f"/api/cases/{case_id}").json()
    case = case_from_text(head["text"])
    data = head["text"].replace(
        "  - id: union\n",
        "  - id: union\n    implementation_risks:\n"
        "      - {id: courts, name: Court challenge, probability: 0.25}\n",
        1,
    )
    assert data != head["text"], "the labour case's union side is where the test expects"
    body = {"text": data, "base": head["revision"]}
    saved = client.put(f"/api/cases/{case_id}", json=body, headers={"X-CSRF-Token": client.token()})
    assert saved.status_code == 200, saved.text
    assert case_from_text(client.get(f"/api/cases/{case_id}").json()["text"]) != case


def test_the_party_map_and_the_deal_builder_show_a_risk_as_a_risk(
    client: Client, labour_id: int
) -> None:
    before = client.get(f"/api/cases/{labour_id}/assess").json()
    _with_risk(client, labour_id)
    doc = client.get(f"/api/cases/{labour_id}/assess").json()
    union = next(s for s in doc["sides"] if s["id"] == "union")
    was = next(s for s in before["sides"] if s["id"] == "union")
    assert union["implementation_risks"] == [
        {"id": "courts", "name": "Court challenge", "probability": 0.25, "factor": 0.75}
    ]
    assert union["implementation_probability"] == was["implementation_probability"] * 0.75
    assert [c["id"] for c in union["constituencies"]] == [c["id"] for c in was["constituencies"]]
    parties = client.get(f"/cases/{labour_id}/parties").text
    assert 'class="risk-box"' in parties
    assert "Risk: Court challenge" in parties
    assert "implementation risk 25%" in parties
    deal = client.get(f"/cases/{labour_id}/deal").text
    assert "Court challenge" in deal
    assert 'data-key="sides.1.implementation_risks.0.probability"' in deal or (
        'data-key="sides.0.implementation_risks.0.probability"' in deal
    )


def test_a_form_edit_keeps_the_sides_risks(client: Client, labour_id: int) -> None:
    import re

    from leveltwo.web.casedoc import load_data
    from leveltwo.web.editor import build_form

    _with_risk(client, labour_id)
    page = client.get(f"/cases/{labour_id}/edit")
    assert page.status_code == 200
    base = re.search(r'name="base_revision" value="(\d+)"', page.text)
    assert base
    head = client.get(f"/api/cases/{labour_id}").json()
    data = {f.path: f.value for f in build_form(load_data(head["text"])).fields()}
    data["sides[1].constituencies[0].reservation"] = "0.5"
    data["base_revision"] = base.group(1)
    assert client.post_form(f"/cases/{labour_id}/edit", data).status_code == 303
    saved = case_from_text(client.get(f"/api/cases/{labour_id}").json()["text"])
    union = saved.side("union")
    assert [(r.id, r.probability) for r in union.risks] == [("courts", 0.25)]
    assert union.constituencies[0].reservation == 0.5
