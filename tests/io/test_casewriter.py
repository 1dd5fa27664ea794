"""Writing a case back to YAML: what is written reads back as the same case, bit for bit;
an edit of an existing file keeps its comments and layout and changes only what changed."""

from __future__ import annotations

import difflib
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "engine"))
from casegen import case_data, cases

from leveltwo.io.bundled import bundled_cases, bundled_path
from leveltwo.io.casefile import case_from_text, parse_text
from leveltwo.io.casewriter import write_case
from leveltwo.model.build import build_case
from leveltwo.model.case import Case, Issue, Preferences

ROOT = Path(__file__).resolve().parents[2]
FILES = [
    *(b.path for b in bundled_cases()),
    *sorted((ROOT / "docs" / "examples").glob("*.yaml")),
    ROOT / "tests" / "strategies" / "rich.yaml",
]
VALID = [p for p in FILES if p.name != "broken-pilots.yaml"]


def changed_lines(old: str, new: str) -> list[str]:
    diff = difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]


# ---------------------------------------------------------------------------
# round trips
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases(risks=True))
def test_a_written_case_reads_back_as_the_same_case(case: Case) -> None:
    assert case_from_text(write_case(case)) == case


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_every_bundled_and_example_case_round_trips(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    case = case_from_text(text)
    assert case_from_text(write_case(case)) == case
    assert write_case(case, text) == text  # the same case: the file as written


#: Any text a case file may hold: no control characters (the reader refuses them,
#: tests/io/test_casefile.py), line breaks only in the description.
printable = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"))
text_field = st.text(printable, min_size=1, max_size=40)
description_text = st.text(st.one_of(printable, st.just("\n")), max_size=60)


@settings(max_examples=40, deadline=None)
@given(case_data(), text_field, description_text, text_field)
def test_any_text_in_titles_names_and_labels_reads_back(
    data: dict[str, object], title: str, description: str, label: str
) -> None:
    case = build_case(data)
    first = case.issues[0]
    if label in first.options[1:]:
        return
    issue = replace(first, name=label, options=(label, *first.options[1:]))
    case = replace(case, title=title, description=description, issues=(issue, *case.issues[1:]))
    assert case_from_text(write_case(case)) == case


@pytest.mark.parametrize(
    "weights",
    [(1 / 3, 2 / 3), (0.1, 0.2, 0.7), (1e-05, 1 - 1e-05), (5e-324, 1.0), (0.6, 0.4)],
)
def test_exact_weights_and_values_round_trip_bit_for_bit(weights: tuple[float, ...]) -> None:
    base = case_from_text((ROOT / "docs" / "examples" / "pilots.yaml").read_text())
    n = len(weights)
    issues = tuple(Issue(f"i{k}", f"i{k}", ("a", "b")) for k in range(n))
    values = tuple((0.1 + k / 7, 1e-07 * k) for k in range(n))
    prefs = Preferences(weights, values)
    sides = tuple(
        replace(
            s,
            negotiator=replace(s.negotiator, preferences=prefs, reservation=1 / 3),
            constituencies=(),
        )
        for s in base.sides
    )
    case = replace(base, issues=issues, sides=(sides[0], sides[1]), proposal=None, opening=None)
    text = write_case(case)
    back = case_from_text(text)
    assert back == case
    assert back.sides[0].negotiator.preferences.weights == weights


# ---------------------------------------------------------------------------
# editing a file in place
LABOUR = bundled_path("labour-contract")


@settings(max_examples=15, deadline=None, phases=[Phase.explicit, Phase.generate])
@given(st.data())
def test_changing_one_number_changes_one_line(data: st.DataObject) -> None:
    assert LABOUR is not None
    text = LABOUR.read_text(encoding="utf-8")
    raw = parse_text(text)
    side = data.draw(st.sampled_from(raw["sides"]))
    nodes = [side["negotiator"], *side["constituencies"]]
    node = data.draw(st.sampled_from(nodes))
    new = data.draw(st.floats(0.01, 0.99).filter(lambda x: x != node["reservation"]))
    node["reservation"] = new
    case = build_case(raw)
    out = write_case(case, text)
    assert case_from_text(out) == case
    lines = changed_lines(text, out)
    assert len(lines) == 2, lines  # one line out, one line in
    assert lines[1][1:].strip().startswith(f"reservation: {new!r}")


def test_a_weight_edit_stays_on_the_file_scale_and_keeps_comments() -> None:
    assert LABOUR is not None
    text = LABOUR.read_text(encoding="utf-8")
    raw = parse_text(text)
    raw["sides"][0]["negotiator"]["weights"]["wages"] = 5
    out = write_case(build_case(raw), text)
    assert changed_lines(text, out) == [
        "-      weights: {wages: 4, staffing: 3, overtime: 1.5, premium: 2, bonus: 1, term: 1.5}",
        "+      weights: {wages: 5, staffing: 3, overtime: 1.5, premium: 2, bonus: 1, term: 1.5}",
    ]
    assert "# a strike: worse than the VP's own bar for signing" in out


def test_a_removed_constituency_and_a_new_proposal_change_only_their_lines() -> None:
    assert LABOUR is not None
    text = LABOUR.read_text(encoding="utf-8")
    case = case_from_text(text)
    hospital = case.sides[0]
    fewer = replace(hospital, constituencies=hospital.constituencies[:1])
    edited = replace(case.with_side(fewer), proposal=case.opening_deal())
    out = write_case(edited, text)
    assert case_from_text(out) == edited
    lines = changed_lines(text, out)
    assert all("bondholders" not in line or line.startswith("-") for line in lines)
    assert "# trustees face a deficit; they want a cheap deal" in out


RISKS = """\
    implementation_risks:
      - {id: courts, name: courts, probability: 0.25}   # two contracts struck down since 2019
      - id: funding
        name: funding
        probability: 0.1
      - {id: strike, probability: 0.05}   # a wildcat strike on the wards
"""


def _with_risks() -> str:
    assert LABOUR is not None
    text = LABOUR.read_text(encoding="utf-8")
    assert text.count("  - id: union\n") == 1
    return text.replace("  - id: union\n", "  - id: union\n" + RISKS)


def test_a_risk_edit_changes_its_line_and_keeps_a_name_equal_to_the_id() -> None:
    text = _with_risks()
    raw = parse_text(text)
    raw["sides"][1]["implementation_risks"][1]["probability"] = 0.15
    out = write_case(build_case(raw), text)
    assert changed_lines(text, out) == ["-        probability: 0.1", "+        probability: 0.15"]


def test_removing_a_list_item_keeps_the_comments_of_the_others() -> None:
    text = _with_risks()
    raw = parse_text(text)
    del raw["sides"][1]["implementation_risks"][0]
    out = write_case(build_case(raw), text)
    assert changed_lines(text, out) == [
        "-      - {id: courts, name: courts, probability: 0.25}   # two contracts struck down "
        "since 2019"
    ]
    assert "      - {id: strike, probability: 0.05}   # a wildcat strike on the wards" in out
    del raw["sides"][1]["implementation_risks"][:]
    out = write_case(build_case(raw), text)
    assert "implementation_risks" not in out
    assert LABOUR is not None
    assert out == LABOUR.read_text(encoding="utf-8")  # the risks' lines gone, nothing else


def test_malformed_or_json_base_text_gives_the_canonical_file() -> None:
    assert LABOUR is not None
    case = case_from_text(LABOUR.read_text(encoding="utf-8"))
    canonical = write_case(case)
    assert write_case(case, "{not: [valid") == canonical
    assert write_case(case, '{"leveltwo": 1}') == canonical
    assert case_from_text(canonical) == case


@pytest.mark.parametrize(
    "label", [":0", "a, b", "?x", "[x]", "x: y", "{x}", "yes", "a #b", "0b_ #c"]
)
def test_a_label_that_is_not_plain_in_a_one_line_list_is_quoted_there(label: str) -> None:
    """Found by hypothesis: ``options: [:0, o1]`` does not parse (PyYAML reads ``:0`` in a
    flow list as a mapping indicator), so such a label must be written quoted."""
    base = case_from_text((ROOT / "docs" / "examples" / "pilots.yaml").read_text())
    first = base.issues[0]
    issue = replace(first, options=(label, *first.options[1:]))
    case = replace(base, issues=(issue, *base.issues[1:]))
    text = write_case(case)
    assert case_from_text(text) == case
    assert f"'{label}'" in text
