"""The form editor's implementation risks: the fields the schema declares, the add and
remove buttons, located errors, and saves that change only the risk's own lines."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from webclient import Client

from leveltwo import case_from_text, validate_text
from leveltwo.io.bundled import bundled_path
from leveltwo.model.build import build_case
from leveltwo.model.case import ImplementationRisk
from leveltwo.model.fieldtable import type_words
from leveltwo.model.risks import ImplementationRiskFile
from leveltwo.web.casedoc import dump_yaml, load_data
from leveltwo.web.editor import apply_action, apply_form, build_form, place_problems
from leveltwo.web.editor.model import text_of

UNION = 1  # the labour case's union is its second side
RISKS = f"sides[{UNION}].implementation_risks"
#: The union side's first lines in the bundled labour case, and the same with two risks.
UNION_LINES = "  - id: union\n"
WITH_RISKS = (
    "  - id: union\n"
    "    implementation_risks:\n"
    "      # the state court has struck down two nurse contracts since 2019\n"
    "      - id: courts\n"
    "        name: Court challenge\n"
    "        probability: 0.25\n"
    "      - {id: funding, probability: 0.1}   # the county's share of the raise\n"
)


def read_labour_text() -> str:
    path = bundled_path("labour-contract")
    assert path is not None
    return path.read_text(encoding="utf-8")


def labour_data() -> dict[str, Any]:
    data = load_data(read_labour_text())
    assert data["sides"][UNION]["id"] == "union"
    return data


def risky_text() -> str:
    text = read_labour_text()
    assert text.count(UNION_LINES) == 1, "the labour case's union side is where the test expects"
    return text.replace(UNION_LINES, WITH_RISKS)


def posted(data: dict[str, Any]) -> dict[str, str]:
    """What the form drawn from ``data`` posts when nothing is touched."""
    return {f.path: f.value for f in build_form(data).fields()}


def risk_fields(data: dict[str, Any]) -> dict[str, Any]:
    return {f.path: f for f in build_form(data).fields() if f.path.startswith(RISKS)}


# ---------------------------------------------------------------------------
# the form model
def test_each_risk_shows_the_fields_the_schema_declares() -> None:
    fields = risk_fields(load_data(risky_text()))
    declared = ImplementationRiskFile.model_fields
    for k in (0, 1):
        mine = {p.rsplit(".", 1)[1]: f for p, f in fields.items() if p.startswith(f"{RISKS}[{k}].")}
        assert list(mine) == list(declared)
        for name, info in declared.items():
            assert mine[name].required == info.is_required()
            assert (info.description or "") in mine[name].help
    assert fields[f"{RISKS}[0].probability"].value == "0.25"
    # the type and bounds in the words of docs/case-format.md's table of risk fields
    words = type_words(declared["probability"].annotation, declared["probability"].metadata)
    assert words == "number in [0, 1]"
    assert "Number in [0, 1]." in fields[f"{RISKS}[0].probability"].help
    assert "Empty: the id." in fields[f"{RISKS}[1].name"].help
    assert fields[f"{RISKS}[0].probability"].kind == "number"
    assert fields[f"{RISKS}[1].name"].value == ""
    assert fields[f"{RISKS}[1].name"].placeholder == "funding"


def test_a_side_without_risks_offers_to_add_one() -> None:
    form = build_form(labour_data())
    union = next(g for g in form.groups if g.path == f"sides[{UNION}]")
    assert ("Add an implementation risk", f"add-risk:{UNION}") in union.actions
    assert not [g for g in union.groups if g.kind == "risks"]


def test_add_then_remove_a_risk() -> None:
    data = labour_data()
    assert apply_action(data, f"add-risk:{UNION}") == "Added an implementation risk"
    assert apply_action(data, f"add-risk:{UNION}") == "Added an implementation risk"
    risks = data["sides"][UNION]["implementation_risks"]
    assert [r["id"] for r in risks] == ["risk1", "risk2"]
    # a new risk changes nothing until its probability is set
    case = build_case(data)
    assert [r.probability for r in case.side("union").risks] == [0, 0]
    assert apply_action(data, f"remove-risk:{UNION}:0") == "Removed an implementation risk"
    assert [r["id"] for r in data["sides"][UNION]["implementation_risks"]] == ["risk2"]
    apply_action(data, f"remove-risk:{UNION}:7")  # no such risk: nothing changes
    assert [r["id"] for r in data["sides"][UNION]["implementation_risks"]] == ["risk2"]


ids = st.from_regex(r"\A[A-Za-z][A-Za-z0-9_\-]{0,8}\Z")
names = st.one_of(
    st.none(),
    st.text(
        st.characters(min_codepoint=32, max_codepoint=0x24F, exclude_categories=("Cc",)),
        min_size=1,
        max_size=20,
    )
    .map(str.strip)
    .filter(bool),
)
probabilities = st.floats(0.0, 1.0, allow_nan=False)
risk_lists = st.lists(st.tuples(ids, names, probabilities), max_size=4, unique_by=lambda r: r[0])


def as_risks(entries: list[tuple[str, str | None, float]]) -> tuple[ImplementationRisk, ...]:
    return tuple(ImplementationRisk(i, n or i, p) for i, n, p in entries)


def as_data(entries: list[tuple[str, str | None, float]]) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for i, n, p in entries:
        out.append(
            {"id": i, "probability": p} if n is None else {"id": i, "name": n, "probability": p}
        )
    return out


@given(risk_lists)
def test_an_untouched_form_gives_back_the_same_risks_and_form(
    entries: list[tuple[str, str | None, float]],
) -> None:
    data = labour_data()
    data["sides"][UNION]["implementation_risks"] = as_data(entries)
    form = posted(data)
    applied = apply_form(data, form).data
    assert build_case(applied).side("union").risks == as_risks(entries)
    assert posted(applied) == form
    assert not [c for c in apply_form(data, form).changed if "Risk" in c]


@given(risk_lists.flatmap(lambda old: st.tuples(st.just(old), risk_lists)))
def test_every_risk_field_posted_is_what_the_case_holds(
    old_and_new: tuple[list[tuple[str, str | None, float]], list[tuple[str, str | None, float]]],
) -> None:
    """Any risks, edited field by field into any others, are those others (form → case
    → form gives the posted form back)."""
    old, new = old_and_new
    data = labour_data()
    data["sides"][UNION]["implementation_risks"] = as_data(old)
    while len(data["sides"][UNION]["implementation_risks"]) < len(new):  # the add button
        apply_action(data, f"add-risk:{UNION}")
    for k in range(len(old) - 1, len(new) - 1, -1):  # the remove buttons
        apply_action(data, f"remove-risk:{UNION}:{k}")
    form = posted(data)
    for k, (rid, name, p) in enumerate(new):
        form[f"{RISKS}[{k}].id"] = rid
        form[f"{RISKS}[{k}].name"] = name or ""
        form[f"{RISKS}[{k}].probability"] = text_of(p)
    applied = apply_form(data, form).data
    case = case_from_text(dump_yaml(applied))  # through the text the route validates
    assert case.side("union").risks == as_risks(new)
    assert posted(applied) == form


def test_renaming_a_risk_renames_no_stakeholder() -> None:
    """A risk whose id is also a constituency's: renaming the risk leaves the Level II
    references to the constituency alone (and renaming the constituency renames them)."""
    data = labour_data()
    members = data["sides"][UNION]["constituencies"][0]["id"]
    key = f"union.{members}"
    referring = [
        e
        for v in data["level2"].values()
        if isinstance(v, list)
        for e in v
        if isinstance(e, dict) and key in str(e)
    ]
    assert referring, "the labour case's Level II inputs name the union's first constituency"
    data["sides"][UNION]["implementation_risks"] = [{"id": members, "probability": 0.2}]
    form = posted(data)
    form[f"{RISKS}[0].id"] = "strike_fund"
    applied = apply_form(data, form).data
    assert str(applied["level2"]) == str(data["level2"])
    assert [r["id"] for r in applied["sides"][UNION]["implementation_risks"]] == ["strike_fund"]
    form = posted(data)
    form[f"sides[{UNION}].constituencies[0].id"] = "rank_and_file"
    applied = apply_form(data, form).data
    assert "union.rank_and_file" in str(applied["level2"])
    assert applied["sides"][UNION]["implementation_risks"][0]["id"] == members


@pytest.mark.parametrize(
    ("edit", "path", "expected"),
    [
        ({"1.probability": "1.5"}, "[1].probability", "a number less than or equal to 1"),
        ({"1.probability": "-0.1"}, "[1].probability", "a number greater than or equal to 0"),
        ({"1.probability": "often"}, "[1].probability", "a number"),
        ({"1.probability": ""}, "[1].probability", ""),
        ({"0.id": ""}, "[0].id", ""),
        ({"1.id": "courts"}, "[1].id", "an id not used before in this list"),
    ],
)
def test_bad_risk_input_is_placed_next_to_its_field(
    edit: dict[str, str], path: str, expected: str
) -> None:
    data = load_data(risky_text())
    form = posted(data)
    for k, v in edit.items():
        k_index, name = k.split(".")
        form[f"{RISKS}[{k_index}].{name}"] = v
    applied = apply_form(data, form).data
    problems = validate_text(dump_yaml(applied))
    assert problems
    redrawn = build_form(applied)
    place_problems(redrawn, problems)
    field = next(f for f in redrawn.fields() if f.path == RISKS + path)
    assert field.errors
    assert expected in field.errors[0]
    assert not redrawn.unplaced
    assert field.value == form[RISKS + path].strip()  # what was typed stays in the form


# ---------------------------------------------------------------------------
# the pages
def _save_text(client: Client, case_id: int, text: str) -> None:
    head = client.get(f"/api/cases/{case_id}").json()
    body = {"text": text, "base": head["revision"]}
    saved = client.put(f"/api/cases/{case_id}", json=body, headers={"X-CSRF-Token": client.token()})
    assert saved.status_code == 200, saved.text


def _head(client: Client, case_id: int) -> dict[str, Any]:
    head: dict[str, Any] = client.get(f"/api/cases/{case_id}").json()
    return head


def _page_form(client: Client, case_id: int) -> dict[str, str]:
    page = client.get(f"/cases/{case_id}/edit")
    assert page.status_code == 200
    base = re.search(r'name="base_revision" value="(\d+)"', page.text)
    assert base
    return {**posted(load_data(_head(client, case_id)["text"])), "base_revision": base.group(1)}


def _draft(page: str) -> str:
    found = re.search(r'name="draft" value="([^"]*)"', page, re.S)
    assert found
    return html.unescape(found.group(1))


def test_the_edit_page_shows_the_risks_with_labels(client: Client, labour_id: int) -> None:
    _save_text(client, labour_id, risky_text())
    page = client.get(f"/cases/{labour_id}/edit").text
    assert "Implementation risks" in page
    assert "Risk: Court challenge" in page
    assert "Risk: funding" in page
    for name in (f"{RISKS}[0].probability", f"{RISKS}[1].id"):
        dom = re.search(rf'<input id="(f\d+)" name="{re.escape(name)}"', page)
        assert dom, name
        assert f'<label for="{dom.group(1)}">' in page
    assert f'value="remove-risk:{UNION}:1"' in page


def test_editing_one_risk_number_changes_one_line_of_the_file(
    client: Client, labour_id: int
) -> None:
    _save_text(client, labour_id, risky_text())
    before = _head(client, labour_id)["text"]
    data = _page_form(client, labour_id)
    data[f"{RISKS}[0].probability"] = "0.3"
    assert client.post_form(f"/cases/{labour_id}/edit", data).status_code == 303
    after = _head(client, labour_id)
    old, new = before.splitlines(), after["text"].splitlines()
    assert len(old) == len(new)
    changed = [(a, b) for a, b in zip(old, new, strict=True) if a != b]
    assert changed == [("        probability: 0.25", "        probability: 0.3")]
    assert "# the state court has struck down" in after["text"]
    history = client.get(f"/cases/{labour_id}/history").text
    assert "Risk: Court challenge: Probability" in html.unescape(history)


def test_add_a_risk_fill_it_in_and_save(client: Client, labour_id: int) -> None:
    before = _head(client, labour_id)["text"]
    data = _page_form(client, labour_id)
    data["action"] = f"add-risk:{UNION}"
    r = client.post_form(f"/cases/{labour_id}/edit", data)
    assert r.status_code == 200
    assert "Risk: New risk" in r.text
    assert _head(client, labour_id)["revision"] == 1  # not saved yet
    post = {
        "base_revision": "1",
        "draft": _draft(r.text),
        "action": "save",
        f"{RISKS}[0].id": "courts",
        f"{RISKS}[0].name": "Court challenge",
        f"{RISKS}[0].probability": "0.25",
    }
    assert client.post_form(f"/cases/{labour_id}/edit", post).status_code == 303
    after = _head(client, labour_id)
    case = case_from_text(after["text"])
    assert case.side("union").risks == (ImplementationRisk("courts", "Court challenge", 0.25),)
    # the rest of the file is as it was: only the risk's lines were added
    kept = [line for line in after["text"].splitlines() if line in before.splitlines()]
    assert kept == before.splitlines()
    assert len(after["text"].splitlines()) - len(before.splitlines()) <= 3


def test_remove_a_risk_and_save(client: Client, labour_id: int) -> None:
    _save_text(client, labour_id, risky_text())
    data = _page_form(client, labour_id)
    data["action"] = f"remove-risk:{UNION}:0"
    r = client.post_form(f"/cases/{labour_id}/edit", data)
    assert r.status_code == 200
    assert "Risk: Court challenge" not in r.text
    assert "Risk: funding" in r.text
    post = {"base_revision": "2", "draft": _draft(r.text), "action": "save"}
    assert client.post_form(f"/cases/{labour_id}/edit", post).status_code == 303
    text = _head(client, labour_id)["text"]
    assert [r.id for r in case_from_text(text).side("union").risks] == ["funding"]
    assert "Court challenge" not in text
    assert "# the county's share of the raise" in text
    # the last one too: the side is back to the bundled text
    data = _page_form(client, labour_id)
    data["action"] = f"remove-risk:{UNION}:0"
    r = client.post_form(f"/cases/{labour_id}/edit", data)
    post = {"base_revision": "3", "draft": _draft(r.text), "action": "save"}
    assert client.post_form(f"/cases/{labour_id}/edit", post).status_code == 303
    text = _head(client, labour_id)["text"]
    assert "implementation_risks" not in text
    assert case_from_text(text) == case_from_text(read_labour_text())


def test_a_bad_probability_is_refused_next_to_its_field(client: Client, labour_id: int) -> None:
    _save_text(client, labour_id, risky_text())
    data = _page_form(client, labour_id)
    data[f"{RISKS}[1].probability"] = "1.5"
    data[f"{RISKS}[0].name"] = "Court challenge (appeal)"
    r = client.post_form(f"/cases/{labour_id}/edit", data)
    assert r.status_code == 422
    name = f"{RISKS}[1].probability"
    dom = re.search(rf'<input id="(f\d+)" name="{re.escape(name)}" [^>]*value="1.5"', r.text)
    assert dom
    error = re.search(rf'<div class="error" id="{dom.group(1)}-err"><p>(.*?)</p>', r.text)
    assert error
    assert error.group(1).startswith(f"{name}: expected a number less than or equal to 1")
    assert 'value="Court challenge (appeal)"' in r.text  # the other edit is kept
    assert _head(client, labour_id)["revision"] == 2  # nothing saved
