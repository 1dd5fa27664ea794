"""Size limits are checked on counts, before anything is expanded."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leveltwo.errors import CaseError
from leveltwo.io import limits
from leveltwo.io.casefile import case_from_text, validate_text
from leveltwo.model.labels import range_labels

HEAD = "leveltwo: 1\ntitle: t\n"
SIDES = (
    "sides:\n"
    "  - {id: one, negotiator: {weights: {a: 1}, values: {a: ascending}}}\n"
    "  - {id: two, negotiator: {weights: {a: 1}, values: {a: descending}}}\n"
)


def test_a_hundred_million_option_range_is_refused_at_once() -> None:
    text = HEAD + "issues:\n  - {id: a, options: {start: 0, stop: 100000000, step: 1}}\n" + SIDES
    t0 = time.perf_counter()
    problems = validate_text(text)
    assert time.perf_counter() - t0 < 1.0
    (p,) = problems
    assert p.path == "issues[0].options"
    assert p.line == 4
    assert str(limits.MAX_OPTIONS) in p.expected
    assert p.found == "100000001"


def test_a_range_with_a_vanishing_step_is_refused_without_overflow() -> None:
    text = HEAD + "issues:\n  - {id: a, options: {start: 0, stop: 10, step: 1e-300}}\n" + SIDES
    (p,) = validate_text(text)
    assert p.path == "issues[0].options"
    assert "more than" in p.found


def test_a_deal_space_beyond_64_bit_indices_is_refused() -> None:
    issues = "".join(f"  - {{id: i{k}, options: {{start: 1, stop: 100}}}}\n" for k in range(10))
    problems = validate_text(HEAD + "issues:\n" + issues + SIDES)
    assert [p.path for p in problems] == ["issues"]
    assert "deal space" in problems[0].expected


def test_too_many_blocs_are_refused() -> None:
    blocs = ", ".join(f"{{id: b{k}, share: 1}}" for k in range(limits.MAX_BLOCS + 1))
    text = (
        HEAD + "issues: [{id: a, options: [x, y]}]\nsides:\n"
        "  - {id: one, negotiator: {weights: {a: 1}, values: {a: ascending}}}\n"
        "  - id: two\n    negotiator: {weights: {a: 1}, values: {a: descending}}\n"
        f"    constituencies: [{{id: c, power: ratify, blocs: [{blocs}]}}]\n"
    )
    problems = validate_text(text)
    assert any("blocs" in p.expected for p in problems)
    with pytest.raises(CaseError):
        case_from_text(text)


@given(
    st.floats(-1e6, 1e6),
    st.floats(0, 1e3),
    st.floats(1e-3, 1e3),
)
def test_the_range_count_is_the_number_of_labels(start: float, length: float, step: float) -> None:
    count = limits.range_count({"start": start, "stop": start + length, "step": step})
    assert count is not None
    if count <= limits.MAX_OPTIONS:
        assert count == len(range_labels(start, start + length, step))


def test_a_malformed_range_is_left_to_validation() -> None:
    assert limits.range_count({"start": "a", "stop": 1}) is None
    assert limits.range_count({"start": 0, "stop": 1, "step": 0}) is None
    assert limits.range_count({"start": 2, "stop": 1}) == 0


@pytest.mark.parametrize("stop", ['"inf"', '"1e400"', '"nan"'])
def test_a_range_bound_written_as_non_finite_text_is_refused(stop: str) -> None:
    text = HEAD + f"issues:\n  - {{id: a, options: {{start: 0, stop: {stop}}}}}\n" + SIDES
    problems = validate_text(text)
    assert [p.path for p in problems] == ["issues[0].options"]
