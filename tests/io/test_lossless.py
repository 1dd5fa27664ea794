"""Lossless export: ``import(export(case)) == case`` through the side file, every format."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from leveltwo.io.bundled import bundled_cases
from leveltwo.io.casefile import case_from_text, read_case_text
from leveltwo.io.genius_export import Format, loss_notes
from leveltwo.io.interop import export_case, import_paths
from leveltwo.io.sidefile import SIDE_FILE

FORMATS = list(Format)


def test_a_case_without_its_text_is_written_whole_to_the_side_file(tmp_path: Path) -> None:
    case = case_from_text(*read_case_text("missile-crisis"))
    export_case(case, Format.GENIUSWEB, tmp_path)
    assert import_paths([tmp_path]).case == case


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", [b.name for b in bundled_cases()])
def test_every_bundled_case_survives_export_and_import(
    name: str, fmt: Format, tmp_path: Path
) -> None:
    text, source = read_case_text(name)
    case = case_from_text(text, source)
    result = export_case(case, fmt, tmp_path, source_text=text)
    assert any(n.startswith("level2: ") for n in result.notes)  # every bundled case has one
    back = import_paths([tmp_path])
    assert back.case == case
    assert "restored from leveltwo-case.yaml: the case as exported" in back.notes


def test_without_the_side_file_every_lost_field_is_listed(tmp_path: Path) -> None:
    text, source = read_case_text("labour-contract")
    case = case_from_text(text, source)
    notes = export_case(case, Format.GENIUS, tmp_path, side_file=False).notes
    assert not (tmp_path / SIDE_FILE).exists()
    fields = {n.split(":", 1)[0] for n in notes}
    assert {"description", "us", "level2", "sides[1].constituencies"} <= fields
    assert all("not exported" in n for n in notes if n.split(":", 1)[0] in fields)


def test_an_edited_profile_wins_for_its_negotiator_and_the_rest_is_kept(tmp_path: Path) -> None:
    text, source = read_case_text("labour-contract")
    case = case_from_text(text, source)
    export_case(case, Format.GENIUS, tmp_path, source_text=text)
    profile = tmp_path / "union.xml"
    xml = profile.read_text()
    new = re.sub(r'<reservation value="[^"]*"/>', '<reservation value="0.123"/>', xml)
    assert new != xml
    profile.write_text(new)
    back = import_paths([tmp_path])
    union = back.case.side("union")
    assert union.negotiator.reservation == pytest.approx(0.123)
    assert union.constituencies == case.side("union").constituencies
    assert back.case.level2 == case.level2
    assert back.case.side("hospital") == case.side("hospital")
    assert any("union: its profile differs" in n for n in back.notes)


def test_a_side_file_of_other_issues_is_ignored_with_a_note(tmp_path: Path) -> None:
    text, source = read_case_text("labour-contract")
    case = case_from_text(text, source)
    export_case(case, Format.GENIUS, tmp_path, source_text=text)
    other, _ = read_case_text("trade-agreement")
    (tmp_path / SIDE_FILE).write_text(other)
    back = import_paths([tmp_path])
    assert any(n.startswith(f"{SIDE_FILE} ignored") for n in back.notes)
    assert back.case.issues != case_from_text(other).issues


# ---------------------------------------------------------------------------
# the round trip for random cases with Level II parts the formats cannot hold
LABEL = st.text(alphabet="abcxyz019 %-", min_size=1, max_size=6).map(str.strip).filter(bool)


@st.composite
def cases(draw: st.DrawFn) -> dict[str, Any]:
    issues = []
    for k in range(draw(st.integers(1, 3))):
        if draw(st.booleans()):
            start = draw(st.integers(-3, 5))
            options: Any = {"start": start, "stop": start + draw(st.integers(1, 4)), "step": 1}
        else:
            options = draw(st.lists(LABEL, min_size=1, max_size=4, unique=True))
        issues.append({"id": f"i{k}", "name": draw(LABEL), "options": options})
    sides = []
    for sid in ("a", "b"):
        weights = {i["id"]: draw(st.floats(0.0, 3.0)) for i in issues}
        weights["i0"] = max(weights["i0"], 0.5)
        values = {
            i["id"]: draw(st.sampled_from(["ascending", "descending"]))
            if isinstance(i["options"], dict) or len(i["options"]) > 1
            else "ascending"
            for i in issues
        }
        side: dict[str, Any] = {
            "id": sid,
            "name": draw(LABEL),
            "negotiator": {
                "weights": weights,
                "values": values,
                "reservation": draw(st.floats(0.0, 1.0)),
                "uncertainty": draw(st.sampled_from([0.0, 0.05])),
            },
        }
        if draw(st.booleans()):
            side["constituencies"] = [
                {
                    "id": "board",
                    "power": draw(st.sampled_from(["ratify", "block"])),
                    "weights": {"i0": 1},
                    "values": {"i0": "ascending"},
                    "reservation": draw(st.floats(0.0, 1.0)),
                }
            ]
        if draw(st.booleans()):
            side["no_deal"] = draw(st.floats(0.0, 1.0))
        sides.append(side)
    return {
        "leveltwo": 1,
        "title": draw(LABEL),
        "description": draw(st.sampled_from(["", "A described case."])),
        "us": draw(st.sampled_from(["a", "b"])),
        "issues": issues,
        "sides": sides,
    }


@settings(max_examples=40, deadline=None)
@given(cases(), st.sampled_from(FORMATS))
def test_random_cases_survive_every_format(data: dict[str, Any], fmt: Format) -> None:
    text = yaml.safe_dump(data, sort_keys=False)
    case = case_from_text(text)
    with tempfile.TemporaryDirectory() as tmp:
        export_case(case, fmt, Path(tmp), source_text=text)
        assert import_paths([Path(tmp)]).case == case


@settings(max_examples=25, deadline=None)
@given(cases())
def test_loss_notes_name_fields_the_case_really_has(data: dict[str, Any]) -> None:
    case = case_from_text(yaml.safe_dump(data, sort_keys=False))
    fields = {n.split(":", 1)[0] for n in loss_notes(case, Format.GENIUS)}
    assert ("description" in fields) == bool(case.description)
    for k, side in enumerate(case.sides):
        assert (f"sides[{k}].constituencies" in fields) == bool(side.constituencies)
        assert (f"sides[{k}].no_deal" in fields) == (side.no_deal is not None)


def test_us_and_title_given_on_import_apply_to_the_restored_case(tmp_path: Path) -> None:
    text, source = read_case_text("labour-contract")
    case = case_from_text(text, source)
    export_case(case, Format.GENIUS, tmp_path, source_text=text)
    back = import_paths([tmp_path], us="union", title="Renamed")
    assert (back.case.us, back.case.title) == ("union", "Renamed")
    assert case_from_text(back.text) == back.case
    assert back.case.sides == case.sides
