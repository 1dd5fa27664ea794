"""The bundled cases: listed by name, each a valid case usable wherever a path is."""

from __future__ import annotations

import pytest

from leveltwo.engine.assessment import assess
from leveltwo.io.bundled import bundled_cases, bundled_path
from leveltwo.io.casefile import load_case, validate_text

NAMES = [b.name for b in bundled_cases()]


def test_the_three_cases_of_the_issue_are_bundled() -> None:
    assert {"labour-contract", "cross-border-acquisition", "trade-agreement"} <= set(NAMES)


def test_bundled_cases_are_listed_in_name_order_with_title_and_summary() -> None:
    cases = bundled_cases()
    assert [c.name for c in cases] == sorted(c.name for c in cases)
    for c in cases:
        assert c.title
        assert c.summary
        assert "\n" not in c.summary
        assert c.to_json() == {"name": c.name, "title": c.title, "summary": c.summary}


@pytest.mark.parametrize("name", NAMES)
def test_every_bundled_case_is_valid_and_has_a_proposal(name: str) -> None:
    path = bundled_path(name)
    assert path is not None
    assert validate_text(path.read_text(encoding="utf-8")) == []
    case = load_case(name)
    assert case.proposal is not None
    result = assess(case)
    assert 0.0 <= result.success_probability <= 1.0


@pytest.mark.parametrize("name", NAMES)
def test_bundled_names_resolve_with_or_without_the_suffix(name: str) -> None:
    assert bundled_path(name) == bundled_path(f"{name}.yaml")


@pytest.mark.parametrize("name", ["", ".yaml", "../labour-contract", "x/labour-contract", "nope"])
def test_other_names_do_not_resolve(name: str) -> None:
    assert bundled_path(name) is None
