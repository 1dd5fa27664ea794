"""The strict case-file reader: limits, duplicate keys, tags, numbers and text, each located."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leveltwo.errors import CaseError, Problem
from leveltwo.io import yamlsafe
from leveltwo.io.casefile import case_from_text, parse_text, validate_text


def _only(text: str) -> Problem:
    with pytest.raises(CaseError) as info:
        parse_text(text)
    (problem,) = info.value.problems
    return problem


def test_the_c_parser_is_used_when_pyyaml_has_it() -> None:
    import yaml

    assert bool(getattr(yaml, "__with_libyaml__", False)) == yamlsafe.WITH_LIBYAML


def test_a_duplicate_key_is_refused_with_its_line_and_the_first_one() -> None:
    p = _only("title: x\nweights: {pay: 3, scope: 1,\n  pay: 0}\n")
    assert p.path == "weights.pay"
    assert (p.line, p.column) == (3, 3)
    assert "'pay' again (first on line 2)" in p.found


def test_a_merge_key_may_override_what_it_merges() -> None:
    data = parse_text("base: &b {x: 1, y: 2}\nuse: {<<: *b, y: 3}\n")
    assert data["use"] == {"x": 1, "y": 3}


@pytest.mark.parametrize(
    "value",
    ["!!set {a, b}", "!!binary aGk=", "!!python/name:os.system ''", "!!omap [a: 1]", "!x 1"],
)
def test_only_plain_tags_are_accepted(value: str) -> None:
    p = _only(f"title: t\nissues: {value}\n")
    assert p.path == "issues"
    assert p.line == 2
    assert "no tags" in p.expected


def test_dates_stay_text() -> None:
    assert parse_text("title: 2024-01-01\n") == {"title": "2024-01-01"}


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", ".NaN", "1.0e+400"])
def test_numbers_must_be_finite(value: str) -> None:
    p = _only(f"sides:\n  - reservation: {value}\n")
    assert p.path == "sides[0].reservation"
    assert p.line == 2
    assert "finite" in p.expected or "magnitude" in p.expected


def test_huge_integers_are_refused_before_conversion() -> None:
    t0 = time.perf_counter()
    p = _only("share: " + "9" * 5000 + "\n")
    assert time.perf_counter() - t0 < 1.0
    assert p.path == "share"
    assert "5000 digits" in p.found


def test_numbers_beyond_the_magnitude_bound_are_refused() -> None:
    p = _only("budget: 10000000000000000.0\n")
    assert "magnitude" in p.expected
    assert parse_text("budget: 1000000000.5\n") == {"budget": 1000000000.5}


@pytest.mark.parametrize(
    ("escaped", "found"),
    [
        ("\\0", "U+0000"),
        ("\\x07", "U+0007"),
        ("\\x1b", "U+001B"),
        ("\\x85", "U+0085"),
        ("\\ud800", "surrogate U+D800"),
    ],
)
def test_control_characters_and_lone_surrogates_are_refused(escaped: str, found: str) -> None:
    p = _only(f'title: t\nissues:\n  - {{id: a, name: "x{escaped}y"}}\n')
    assert p.line == 3
    if found.startswith("surrogate") and yamlsafe.WITH_LIBYAML:
        assert "escape" in p.found  # libyaml refuses the escape itself
    else:
        assert p.path == "issues[0].name"
        assert found in p.found


@pytest.mark.parametrize("code", [0xD800, 0x00, 0x1B, 0x7F])
def test_raw_control_characters_and_surrogates_are_refused_before_parsing(code: int) -> None:
    p = _only("title: ok\nname: a" + chr(code) + "b\n")
    assert (p.line, p.column) == (2, 8)
    assert f"U+{code:04X}" in p.found


def test_tabs_and_newlines_in_text_are_fine() -> None:
    assert parse_text('a: "x\\ty\\nz"\n') == {"a": "x\ty\nz"}


def test_a_huge_list_is_refused_after_the_node_limit_not_after_parsing_it_all() -> None:
    text = "a: [" + ",".join(["1"] * (yamlsafe.MAX_NODES + 10)) + "]\n"
    p = _only(text)
    assert str(yamlsafe.MAX_NODES) in p.expected


@given(
    st.recursive(
        st.none()
        | st.booleans()
        | st.integers(-(10**6), 10**6)
        | st.text(
            alphabet=st.characters(blacklist_categories=("Cc", "Cs"), max_codepoint=0xFFFF),
            max_size=8,
        ),
        lambda kids: (
            st.lists(kids, max_size=4)
            | st.dictionaries(st.text(alphabet="abcxyz", min_size=1, max_size=3), kids, max_size=4)
        ),
        max_leaves=20,
    )
)
def test_plain_json_documents_read_back_unchanged(data: object) -> None:
    import json

    assert parse_text(json.dumps(data)) == data


def test_a_case_with_a_non_finite_weight_is_refused_not_computed() -> None:
    problems = validate_text(
        "leveltwo: 1\ntitle: t\nissues: [{id: a, options: [x, y]}]\nsides:\n"
        "  - {id: one, negotiator: {weights: {a: .inf}, values: {a: ascending}}}\n"
        "  - {id: two, negotiator: {weights: {a: 1}, values: {a: ascending}}}\n"
    )
    assert [p.path for p in problems] == ["sides[0].negotiator.weights.a"]
    assert problems[0].line == 5


def test_validation_locates_problems_from_the_same_parse() -> None:
    with pytest.raises(CaseError) as info:
        case_from_text("leveltwo: 1\ntitle: t\nissues: [{id: a, options: [x, y]}]\nsides: 3\n")
    assert info.value.problems[0].line == 4
