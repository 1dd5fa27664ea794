"""The prep report's "Bargaining at the table" section (template
``io/templates/bargaining_section.html.j2``): the equilibrium for each first
proposer beside the one-shot best and Nash deals, and the tied-hands leverage
with its chart. Numbers are the library's (as ``leveltwo bargain --json``)."""

from __future__ import annotations

from leveltwo.engine.bargaining import bargain
from leveltwo.engine.leverage import leverage
from leveltwo.errors import LeveltwoError
from leveltwo.io.leveragechart import leverage_chart
from leveltwo.model.case import Case


def bargaining_section(case: Case) -> dict[str, object] | None:
    """The section's data; None when the case has no ``bargaining:`` block."""
    if case.bargaining is None:
        return None
    try:
        result = bargain(case, "both")
    except LeveltwoError as exc:
        return {"error": exc.message, "doc": None, "chart": ""}
    rows = leverage(case, result.equilibria[0].first_proposer)
    doc = result.to_json()
    doc["leverage"] = [r.to_json() for r in rows]
    return {"error": None, "doc": doc, "chart": leverage_chart(rows)}
