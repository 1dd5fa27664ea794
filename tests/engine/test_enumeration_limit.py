"""Whole-space analysis refuses, at once, a deal space too large to enumerate."""

from __future__ import annotations

import time

import pytest

from leveltwo.engine import space
from leveltwo.engine.winsets import analyze_space
from leveltwo.errors import TooLargeError
from leveltwo.io.casefile import case_from_text


def _case(options: int, issues: int) -> str:
    rows = "".join(
        f"  - {{id: i{k}, options: {{start: 1, stop: {options}, step: 1}}}}\n"
        for k in range(issues)
    )
    weights = ", ".join(f"i{k}: 1" for k in range(issues))
    up = ", ".join(f"i{k}: ascending" for k in range(issues))
    down = ", ".join(f"i{k}: descending" for k in range(issues))
    return (
        "leveltwo: 1\ntitle: wide\nissues:\n" + rows + "sides:\n"
        f"  - {{id: a, negotiator: {{weights: {{{weights}}}, values: {{{up}}}}}}}\n"
        f"  - {{id: b, negotiator: {{weights: {{{weights}}}, values: {{{down}}}}}}}\n"
    )


def test_a_trillion_deal_space_is_refused_within_a_second_with_its_size() -> None:
    case = case_from_text(_case(10, 12))
    t0 = time.perf_counter()
    with pytest.raises(TooLargeError) as info:
        analyze_space(case)
    assert time.perf_counter() - t0 < 1.0
    assert "1,000,000,000,000 deals" in info.value.message
    assert f"{space.ENUMERATION_LIMIT:,}" in info.value.message
    assert info.value.exit_code == 2


def test_a_space_at_the_limit_is_not_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    case = case_from_text(_case(10, 3))
    monkeypatch.setattr(space, "ENUMERATION_LIMIT", 1000)
    assert analyze_space(case).outcomes == 1000
    monkeypatch.setattr(space, "ENUMERATION_LIMIT", 999)
    with pytest.raises(TooLargeError):
        analyze_space(case)
