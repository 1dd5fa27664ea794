"""What changed between two states: the exact parameter changes a move made.

Computed from the cases themselves (never from what a move says it does), so
the "what changes" column of a plan is true by construction.
"""

from __future__ import annotations

from dataclasses import dataclass

from leveltwo.model.case import Constituency, Stakeholder
from leveltwo.strategies.ops import State

#: Changes smaller than this are not reported.
EPS = 1e-12


@dataclass(frozen=True)
class Change:
    """One parameter of the case (or the deal) before and after."""

    parameter: str
    before: str | float | None
    after: str | float | None

    def to_json(self) -> dict[str, object]:
        return {"parameter": self.parameter, "before": self.before, "after": self.after}

    def text(self) -> str:
        def fmt(x: str | float | None) -> str:
            if x is None:
                return "—"
            return f"{x:.3f}" if isinstance(x, float) else x

        return f"{self.parameter}: {fmt(self.before)} → {fmt(self.after)}"


def _weights(st: Stakeholder, issues: tuple[str, ...]) -> str:
    ws = st.preferences.weights
    ranked = sorted(((w, i) for i, w in zip(issues, ws, strict=True) if w > 0), reverse=True)
    return ", ".join(f"{i} {100 * w:.0f}%" for w, i in ranked)


def diff(before: State, after: State) -> tuple[Change, ...]:
    """The changes from ``before`` to ``after``: deal terms, options, stakeholders."""
    out: list[Change] = []
    a, b = before.case, after.case
    old_issues = {i.id: i for i in a.issues}
    for k, issue in enumerate(b.issues):
        old = old_issues.get(issue.id)
        added = [o for o in issue.options if old is None or o not in old.options]
        for o in added:
            out.append(Change(f"issues.{issue.id}.options", None, f"+ {o}"))
        new_label = issue.options[after.deal.choices[k]]
        if old is not None:
            j = a.issues.index(old)
            old_label = old.options[before.deal.choices[j]]
            if old_label != new_label:
                out.append(Change(f"deal.{issue.id}", old_label, new_label))
    ids = tuple(i.id for i in b.issues)
    a_sides = {s.id for s in a.sides}
    olds = {st.key: st for st in a.stakeholders()}
    for st in b.stakeholders():
        prev = olds.get(st.key)
        if prev is None:
            out.append(Change(st.key, None, f"added: {st.name}"))
            continue
        if abs(st.reservation - prev.reservation) > EPS:
            out.append(Change(f"{st.key}.reservation", prev.reservation, st.reservation))
        if any(
            abs(x - y) > EPS
            for x, y in zip(st.preferences.weights, prev.preferences.weights, strict=False)
        ):
            out.append(
                Change(
                    f"{st.key}.weights",
                    _weights(prev, ids[: len(prev.preferences.weights)]),
                    _weights(st, ids),
                )
            )
        if isinstance(st, Constituency) and isinstance(prev, Constituency):
            if st.power is not prev.power:
                out.append(Change(f"{st.key}.power", prev.power.value, st.power.value))
            if abs(st.quota - prev.quota) > EPS:
                out.append(Change(f"{st.key}.quota", prev.quota, st.quota))
            if abs(st.strength - prev.strength) > EPS:
                out.append(Change(f"{st.key}.strength", prev.strength, st.strength))
    for side in b.sides:
        old_risks = {r.id: r for r in a.side(side.id).risks} if side.id in a_sides else {}
        for r in side.risks:
            was = old_risks.get(r.id)
            if was is None:
                text = f"added: {r.name} (implementation risk {r.probability:.0%})"
                out.append(Change(f"{side.id}.implementation_risks.{r.id}", None, text))
            elif abs(r.probability - was.probability) > EPS:
                out.append(
                    Change(
                        f"{side.id}.implementation_risks.{r.id}.probability",
                        was.probability,
                        r.probability,
                    )
                )
    return tuple(out)
