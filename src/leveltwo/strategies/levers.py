"""The four levers a Level II move can pull (docs/strategies.md).

| lever     | what changes                     | in the model                      |
|-----------|----------------------------------|-----------------------------------|
| value     | what they get, or how they see it | terms, perceived weights, credit  |
| threshold | what they would accept            | reservation r                     |
| rule      | who decides, and how              | power, quota, blocker strength    |
| knowledge | how sure we are                   | uncertainty σ                     |
"""

from __future__ import annotations

from enum import StrEnum

from leveltwo.model.case import Category

__all__ = ["Category", "Lever"]


class Lever(StrEnum):
    """What a move changes for its target."""

    VALUE = "value"
    THRESHOLD = "threshold"
    RULE = "rule"
    KNOWLEDGE = "knowledge"
