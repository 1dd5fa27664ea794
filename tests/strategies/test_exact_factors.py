"""A plan on a case with common factors is not called optimal (the bound is no proof there)."""

from __future__ import annotations

from leveltwo.io.casefile import case_from_text, read_case_text
from leveltwo.strategies import plan

FACTORS = """
factors:
  - id: mood
    name: Ward mood
    loadings: {union.members: 0.6, union.staffing_caucus: 0.5}
"""


def test_a_case_with_common_factors_gets_an_approximate_plan() -> None:
    text, source = read_case_text("labour-contract")
    base = plan(case_from_text(text, source), with_find_out=False)
    assert base.optimality.status == "optimal"
    loaded = plan(case_from_text(text + FACTORS, source), with_find_out=False)
    assert loaded.optimality.status == "approximate"
    assert "not proved optimal" in loaded.optimality.text()
    assert loaded.to_json()["optimality"]["status"] == "approximate"
