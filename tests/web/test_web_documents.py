"""Case files as documents: the draft's YAML layout, form round trips, text merges."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from leveltwo import bundled_cases, validate_text
from leveltwo.web.casedoc import dump_yaml, load_data
from leveltwo.web.editor import apply_action, apply_form, build_form, place_problems
from leveltwo.web.textmerge import diff_lines, merge3

NAMES = [b.name for b in bundled_cases()]


def _text(name: str) -> str:
    return next(b for b in bundled_cases() if b.name == name).path.read_text(encoding="utf-8")


def _posted(data: dict[str, Any]) -> dict[str, str]:
    return {f.path: f.value for f in build_form(data).fields()}


@pytest.mark.parametrize("name", NAMES)
def test_dump_yaml_round_trips_every_bundled_case(name: str) -> None:
    data = load_data(_text(name))
    assert yaml.safe_load(dump_yaml(data)) == data


@pytest.mark.parametrize("name", NAMES)
def test_posting_the_form_unchanged_changes_nothing(name: str) -> None:
    data = load_data(_text(name))
    applied = apply_form(data, _posted(data))
    assert applied.data == data
    assert applied.changed == ()


def test_a_changed_field_lands_in_the_file() -> None:
    data = load_data(_text("labour-contract"))
    posted = _posted(data)
    posted["sides[1].constituencies[0].reservation"] = "0.52"
    applied = apply_form(data, posted)
    assert applied.data["sides"][1]["constituencies"][0]["reservation"] == 0.52
    assert len(applied.changed) == 1
    assert "Reservation" in applied.changed[0]


def test_a_bad_number_is_reported_next_to_its_field_in_the_cli_words() -> None:
    data = load_data(_text("labour-contract"))
    posted = _posted(data)
    posted["sides[1].constituencies[0].uncertainty"] = "lots"
    text = dump_yaml(apply_form(data, posted).data)
    problems = validate_text(text)
    assert [p.path for p in problems] == ["sides[1].constituencies[0].uncertainty"]
    form = build_form(load_data(text))
    place_problems(form, problems)
    field = next(f for f in form.fields() if f.path == "sides[1].constituencies[0].uncertainty")
    assert field.errors == [problems[0].message()]
    assert form.unplaced == []


def test_a_problem_deeper_than_any_field_goes_to_the_nearest_field() -> None:
    data = load_data(_text("labour-contract"))
    data["sides"][0]["negotiator"]["values"]["wages"]["25%"] = 0.5
    problems = validate_text(dump_yaml(data))
    form = build_form(data)
    place_problems(form, problems)
    row = next(f for f in form.fields() if f.path == "sides[0].negotiator.values.wages")
    assert any("25%" in e for e in row.errors)


def test_renaming_an_issue_renames_every_reference() -> None:
    data = load_data(_text("labour-contract"))
    posted = _posted(data)
    posted["issues[0].id"] = "pay"
    out = apply_form(data, posted).data
    assert validate_text(dump_yaml(out)) == []
    assert "pay" in out["proposal"]
    assert "wages" not in out["proposal"]
    assert next(iter(out["proposal"])) == "pay"  # order kept
    assert "pay" in out["sides"][0]["negotiator"]["weights"]


def test_renaming_options_renames_values_and_deals() -> None:
    data = load_data(_text("labour-contract"))
    posted = _posted(data)
    posted["issues[1].options"] = "none\ncommittee\n6 per nurse\n5 per nurse"
    out = apply_form(data, posted).data
    assert validate_text(dump_yaml(out)) == []
    assert out["proposal"]["staffing"] == "committee"
    assert out["sides"][1]["negotiator"]["values"]["staffing"]["committee"] == 0.3


@pytest.mark.parametrize(
    "action",
    ["add-issue", "remove-issue:5", "add-constituency:0", "remove-constituency:1:1",
     "add-bloc:0:0", "remove-bloc:1:0:2"],
)  # fmt: skip
def test_structural_actions_keep_the_case_valid(action: str) -> None:
    data = load_data(_text("labour-contract"))
    assert apply_action(data, action) is not None
    assert validate_text(dump_yaml(data)) == []


def test_unknown_actions_do_nothing() -> None:
    data = load_data(_text("labour-contract"))
    before = dump_yaml(data)
    assert apply_action(data, "drop-table:1") is None
    assert apply_action(data, "remove-bloc:9:9:9") is None or dump_yaml(data) == before


def test_merge_of_edits_on_different_lines_keeps_both() -> None:
    base = "a\nb\nc\nd\ne\n"
    assert merge3(base, "a\nB\nc\nd\ne\n", "a\nb\nc\nd\nE\n") == "a\nB\nc\nd\nE\n"
    assert merge3(base, "a\nB\nc\nd\ne\n", "a\nB\nc\nd\ne\n") == "a\nB\nc\nd\ne\n"


def test_merge_of_edits_on_the_same_line_gives_up() -> None:
    assert merge3("a\nb\nc\n", "a\nX\nc\n", "a\nY\nc\n") is None
    assert merge3("a\nb\n", "a\nnew\nb\n", "a\nother\nb\n") is None


def test_diff_counts_added_and_removed_lines() -> None:
    d = diff_lines("a\nb\nc\n", "a\nB\nc\nd\n")
    assert (d.added, d.removed) == (2, 1)
    assert [r.kind for r in d.rows if r.kind in ("add", "del")] == ["del", "add", "add"]
    assert diff_lines("same\n", "same\n").identical


lines = st.lists(st.sampled_from(["a", "b", "c", "d", "x: 1", "y: 2"]), max_size=8)


@given(lines, lines)
def test_merging_an_edit_with_no_edit_gives_the_edit(base: list[str], mine: list[str]) -> None:
    b, m = "".join(x + "\n" for x in base), "".join(x + "\n" for x in mine)
    assert merge3(b, m, b) == m
    assert merge3(b, b, m) == m


def test_renaming_a_side_or_constituency_renames_its_level2_references() -> None:
    data = load_data(_text("labour-contract"))
    posted = _posted(data)
    posted["sides[1].id"] = "nurses"
    posted["sides[1].constituencies[1].id"] = "caucus"
    out = apply_form(data, posted).data
    assert validate_text(dump_yaml(out)) == []
    text = dump_yaml(out)
    assert "union." not in text.split("level2:", 1)[-1]
    assert "nurses.caucus" in text or "level2" not in out


def test_renaming_the_side_we_advise_keeps_us_pointing_at_it() -> None:
    data = load_data(_text("labour-contract"))
    posted = _posted(data)
    us = data["us"]
    index = next(i for i, s in enumerate(data["sides"]) if s["id"] == us)
    posted[f"sides[{index}].id"] = "management"
    out = apply_form(data, posted).data
    assert out["us"] == "management"
    assert validate_text(dump_yaml(out)) == []
