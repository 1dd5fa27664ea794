"""A deal: one option per issue, stored as option indices aligned with the case's issues."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Deal:
    """One option index per issue, in the order of ``case.issues``."""

    choices: tuple[int, ...]

    def with_choice(self, issue: int, option: int) -> Deal:
        """A copy with one issue set to another option."""
        choices = list(self.choices)
        choices[issue] = option
        return Deal(tuple(choices))
