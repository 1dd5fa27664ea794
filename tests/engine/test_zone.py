"""zone_deals lists exactly the agreement zone, best for us first; limit keeps a prefix."""

from __future__ import annotations

import pytest

from leveltwo import load_case
from leveltwo.engine import zone
from leveltwo.engine.winsets import analyze_space
from leveltwo.engine.zone import zone_deals
from leveltwo.errors import LeveltwoError


@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.8])
def test_zone_size_matches_the_analysis(threshold):
    case = load_case("labour-contract")
    listed = zone_deals(case, threshold)
    assert len(listed) == analyze_space(case, threshold).agreement_zone_size
    for p in listed:
        assert p.success_probability >= threshold**2 - 1e-12  # both sides ≥ τ


def test_limit_is_the_prefix_even_across_chunks(monkeypatch):
    case = load_case("trade-agreement")
    full = zone_deals(case, 0.3)
    monkeypatch.setattr(zone, "CHUNK", 7)  # many chunks, so the pruning path runs
    for limit in (0, 1, 5, len(full) + 3):
        assert zone_deals(case, 0.3, limit) == full[:limit]


def test_bad_arguments_are_errors():
    case = load_case("labour-contract")
    with pytest.raises(LeveltwoError):
        zone_deals(case, 1.5)
    with pytest.raises(LeveltwoError):
        zone_deals(case, 0.5, -1)
