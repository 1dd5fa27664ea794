"""Frozen, JSON-serialisable results shared by the engine's analyses."""

from __future__ import annotations

from dataclasses import dataclass

from leveltwo.model.case import Case
from leveltwo.model.deal import Deal


@dataclass(frozen=True)
class DealPoint:
    """One deal with its success probability and each side's expected value."""

    deal: Deal
    labels: tuple[tuple[str, str], ...]
    success_probability: float
    expected_value: tuple[tuple[str, float], ...]

    @classmethod
    def of(cls, case: Case, deal: Deal, success: float, evs: tuple[float, float]) -> DealPoint:
        return cls(
            deal,
            tuple(case.deal_labels(deal).items()),
            float(success),
            tuple((s.id, float(v)) for s, v in zip(case.sides, evs, strict=True)),
        )

    def ev(self, side: str) -> float:
        return dict(self.expected_value)[side]

    def to_json(self) -> dict[str, object]:
        return {
            "deal": dict(self.labels),
            "success_probability": self.success_probability,
            "expected_value": dict(self.expected_value),
        }
