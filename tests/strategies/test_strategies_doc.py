"""docs/strategies.md documents every Level II input, category and output key."""

from __future__ import annotations

from pathlib import Path

import pytest

from leveltwo.model.case import Case, Category, Signal
from leveltwo.model.schema import (
    Level2File,
    OfferFile,
    ProcessTermFile,
    RuleChangeFile,
    StatementFile,
    ThirdPartyFile,
    _Level2Stakeholder,
)
from leveltwo.strategies.planner import plan

DOC = Path(__file__).resolve().parents[2] / "docs" / "strategies.md"


@pytest.fixture(scope="module")
def text() -> str:
    return DOC.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "model",
    [
        _Level2Stakeholder,
        Level2File,
        OfferFile,
        ProcessTermFile,
        ThirdPartyFile,
        StatementFile,
        RuleChangeFile,
    ],
)
def test_every_level2_field_is_documented(text: str, model: type) -> None:
    for field in model.model_fields:
        assert f"`{field}`" in text or f"{field}" in text, field


def test_every_category_and_signal_is_documented(text: str) -> None:
    for c in Category:
        assert f"### `{c.value}`" in text
    for s in Signal:
        assert f"`{s.value}`" in text


def test_every_plan_and_step_key_is_documented(text: str, rich: Case) -> None:
    doc = plan(rich, with_find_out=False).to_json()
    step = doc["moves"][0]  # type: ignore[index]
    for key in [*doc, *step]:
        short = key.removesuffix("_after").removesuffix("_before")
        assert f"`{key}`" in text or f"`{short}_before`" in text, key
