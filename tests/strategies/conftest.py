"""Fixtures for the strategy tests: a rich case with every Level II input, tiny cases."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from leveltwo.model.build import build_case
from leveltwo.model.case import Case

RICH = Path(__file__).with_name("rich.yaml")


@pytest.fixture(scope="session")
def rich_data() -> dict[str, Any]:
    data = yaml.safe_load(RICH.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="session")
def rich(rich_data: dict[str, Any]) -> Case:
    """A small case with every Level II input (all nine categories have candidates)."""
    return build_case(copy.deepcopy(rich_data))


def tiny_data(
    their: dict[str, Any] | None = None,
    level2: dict[str, Any] | None = None,
    ours: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Two issues, a compliant us, their negotiator (always yes) and one constituency X.

    X weighs a and b equally; at the proposal (a=high, b=low) its utility is
    0.5 · 1 + 0.5 · 0.2 = 0.6; reservation 0.7, uncertainty 0.1, so it approves
    with Φ(−1) ≈ 0.1587. ``their`` updates X; ``ours`` adds a constituency to us.
    """
    x: dict[str, Any] = {
        "id": "x",
        "name": "X",
        "power": "ratify",
        "weights": {"a": 1, "b": 1},
        "values": {
            "a": {"low": 0, "mid": 0.5, "high": 1},
            "b": {"low": 0.2, "mid": 0.6, "high": 1},
        },
        "reservation": 0.7,
        "uncertainty": 0.1,
    }
    x.update(their or {})
    us: dict[str, Any] = {
        "id": "us",
        "name": "Us",
        "negotiator": {
            "weights": {"a": 1, "b": 1},
            "values": {"a": "descending", "b": "descending"},
            "reservation": 0.0,
        },
        "no_deal": 0.1,
    }
    if ours is not None:
        us["constituencies"] = [ours]
    data: dict[str, Any] = {
        "leveltwo": 1,
        "title": "tiny",
        "us": "us",
        "issues": [
            {"id": "a", "options": ["low", "mid", "high"]},
            {"id": "b", "options": ["low", "mid", "high"]},
        ],
        "sides": [
            us,
            {
                "id": "them",
                "name": "Them",
                "negotiator": {
                    "weights": {"a": 1},
                    "values": {"a": "ascending"},
                    "reservation": 0.0,
                },
                "constituencies": [x],
            },
        ],
        "proposal": {"a": "high", "b": "low"},
    }
    if level2 is not None:
        data["level2"] = level2
    return data


@pytest.fixture(scope="session")
def tiny() -> Callable[..., Case]:
    """Build a tiny case (see :func:`tiny_data`)."""

    def make(
        their: dict[str, Any] | None = None,
        level2: dict[str, Any] | None = None,
        ours: dict[str, Any] | None = None,
    ) -> Case:
        return build_case(tiny_data(their, level2, ours))

    return make


@pytest.fixture(scope="session")
def tiny_raw() -> Callable[..., dict[str, Any]]:
    """The data of a tiny case (see :func:`tiny_data`), to edit before building."""
    return tiny_data
