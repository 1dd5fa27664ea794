"""The case file's ``bargaining:`` block: defaults, building, located errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from leveltwo.io.casefile import case_from_text, validate_text
from leveltwo.model.bargaining import Bargaining, BargainingFile, OnFailure, Protocol

ROOT = Path(__file__).resolve().parents[2]
PILOTS = (ROOT / "docs" / "examples" / "pilots.yaml").read_text(encoding="utf-8")


def _with(block: str) -> str:
    return PILOTS + "\n" + block + "\n"


def test_without_the_block_the_case_has_no_bargaining() -> None:
    assert case_from_text(PILOTS).bargaining is None


def test_defaults() -> None:
    b = case_from_text(_with("bargaining: {}")).bargaining
    assert b == Bargaining(discounts=(("airline", 1.0), ("union", 1.0)))
    assert b.protocol is Protocol.ALTERNATING
    assert b.on_failure is OnFailure.CONTINUE
    assert b.max_rounds is None
    assert b.first_proposer is None


def test_one_discount_for_both_or_one_per_side() -> None:
    both = case_from_text(_with("bargaining: {discount: 0.9}")).bargaining
    assert both is not None
    assert (both.discount("airline"), both.discount("union")) == (0.9, 0.9)
    one = case_from_text(
        _with(
            "bargaining: {discount: {union: 0.8}, first_proposer: union, max_rounds: 3,"
            " on_ratification_failure: breakdown}"
        )
    ).bargaining
    assert one is not None
    assert (one.discount("airline"), one.discount("union")) == (1.0, 0.8)
    assert one.first_proposer == "union"
    assert one.max_rounds == 3
    assert one.on_failure is OnFailure.BREAKDOWN


@pytest.mark.parametrize(
    ("block", "path", "expected"),
    [
        ("bargaining: {discount: 0}", "bargaining.discount", "a discount factor in (0, 1]"),
        (
            "bargaining: {discount: {airline: 1.5}}",
            "bargaining.discount.airline",
            "a discount factor in (0, 1]",
        ),
        ("bargaining: {discount: {board: 0.9}}", "bargaining.discount.board", "a side id"),
        ("bargaining: {first_proposer: board}", "bargaining.first_proposer", "one of the side"),
        ("bargaining: {protocol: simultaneous}", "bargaining.protocol", "'alternating'"),
        (
            "bargaining: {on_ratification_failure: retry}",
            "bargaining.on_ratification_failure",
            "'continue' or 'breakdown'",
        ),
        ("bargaining: {max_rounds: 0}", "bargaining.max_rounds", "greater than or equal to 1"),
        ("bargaining: {rounds: 3}", "bargaining.rounds", "a known field"),
        ("bargaining: {discount: [0.9]}", "bargaining.discount", "a valid number"),
    ],
)
def test_errors_are_located(block: str, path: str, expected: str) -> None:
    problems = validate_text(_with(block))
    assert [p.path for p in problems] == [path]
    assert expected in problems[0].expected
    assert problems[0].line is not None


def test_every_field_of_the_block_is_documented() -> None:
    text = (ROOT / "docs" / "case-format.md").read_text(encoding="utf-8")
    assert "## Bargaining" in text
    for name in BargainingFile.model_fields:
        assert f"| `{name}` |" in text, name
