"""What-ifs on assumptions: change a reservation, an uncertainty, a weight, a bloc's
share, a quota or a blocker's strength, and get the changed case — without saving.

An assumption is named by the stakeholder's key and a field:

- ``<key>.reservation``, ``<key>.uncertainty`` for any negotiator, bloc or
  constituency deciding as one actor (a bloc's own value, after inheritance;
  a constituency voting by blocs approves through its blocs, so its blocs'
  inputs are the assumptions, not its own);
- ``<key>.weight.<issue id>`` — the stakeholder's (normalised) weight on one
  issue; the other weights are scaled so that the weights still sum to 1
  (their ratios kept; if they were all 0 they share the rest equally);
- ``<bloc key>.share``, ``<constituency key>.quota``, ``<blocker key>.strength``.

:func:`assumptions` lists every assumption of a case with its current value
and range, in words (the web app's sliders are drawn from it);
:func:`with_assumptions` returns the changed case (a new frozen object; the
case itself is untouched). Saving a what-if writes that case with the case writer
(:func:`leveltwo.io.casewriter.write_case`), so the revision is exactly the case
that was explored.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal

from leveltwo.errors import InputError, Problem
from leveltwo.model.case import Bloc, Case, Constituency, Power, Preferences, Side, Stakeholder
from leveltwo.model.fields import WORDS

Field = Literal["reservation", "uncertainty", "weight", "share", "quota", "strength"]

#: Ranges of the fields (inclusive) and the step a slider moves by.
RANGES: dict[str, tuple[float, float, float]] = {
    "reservation": (0.0, 1.0, 0.01),
    "uncertainty": (0.0, 0.5, 0.01),
    "weight": (0.0, 1.0, 0.01),
    "share": (0.0, 100.0, 1.0),
    "quota": (0.0, 1.0, 0.01),
    "strength": (0.0, 1.0, 0.01),
}


@dataclass(frozen=True)
class Assumption:
    """One adjustable input of the case, with its current value and range."""

    key: str
    side: str
    stakeholder: str
    field: Field
    label: str
    value: float
    low: float
    high: float
    step: float
    issue: str | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "key": self.key,
            "side": self.side,
            "stakeholder": self.stakeholder,
            "field": self.field,
            "issue": self.issue,
            "label": self.label,
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "step": self.step,
        }


def _stakeholders(case: Case) -> Iterator[tuple[Side, Stakeholder, Constituency | None]]:
    for side in case.sides:
        yield side, side.negotiator, None
        for c in side.constituencies:
            yield side, c, None
            for b in c.blocs:
                yield side, b, c


def assumptions(case: Case) -> tuple[Assumption, ...]:
    """Every assumption a what-if may change (see the module docstring), side by side."""
    out: list[Assumption] = []

    def add(
        side: Side,
        st: Stakeholder,
        f: Field,
        value: float,
        issue: str | None = None,
        high: float | None = None,
    ) -> None:
        low, top, step = RANGES[f]
        high = top if high is None else high
        name = next(i.name for i in case.issues if i.id == issue) if issue else ""
        label = f"{st.name}: weight on {name}" if issue else f"{st.name}: {WORDS[f]}"
        key = f"{st.key}.weight.{issue}" if issue else f"{st.key}.{f}"
        out.append(Assumption(key, side.id, st.key, f, label, value, low, high, step, issue))

    for side, st, _ in _stakeholders(case):
        votes_by_blocs = isinstance(st, Constituency) and bool(st.blocs)
        if not votes_by_blocs:  # a bloc vote's approval comes from its blocs' own inputs
            add(side, st, "reservation", st.reservation)
            add(side, st, "uncertainty", st.uncertainty)
            for issue, w in zip(case.issues, st.preferences.weights, strict=True):
                add(side, st, "weight", w, issue.id)
        if isinstance(st, Bloc):
            add(side, st, "share", st.share, high=max(100.0, 2 * st.share))
        if isinstance(st, Constituency):
            if st.blocs:
                add(side, st, "quota", st.quota)
            if st.power is Power.BLOCK:
                add(side, st, "strength", st.strength)
    return tuple(out)


def _reweighted(p: Preferences, k: int, w: float) -> Preferences:
    rest = sum(x for j, x in enumerate(p.weights) if j != k)
    n = len(p.weights)
    new = []
    for j, x in enumerate(p.weights):
        if j == k:
            new.append(w)
        elif rest > 0:
            new.append(x / rest * (1.0 - w))
        else:
            new.append((1.0 - w) / (n - 1) if n > 1 else 0.0)
    return Preferences(tuple(new), p.values)


def _checked(case: Case, overrides: Mapping[str, float]) -> dict[str, tuple[Assumption, float]]:
    known = {a.key: a for a in assumptions(case)}
    problems: list[Problem] = []
    out: dict[str, tuple[Assumption, float]] = {}
    for key, raw in overrides.items():
        a = known.get(key)
        if a is None:
            problems.append(Problem(f"assumptions.{key}", "an assumption of the case", repr(key)))
            continue
        try:
            v = float(raw)
        except (TypeError, ValueError):
            problems.append(Problem(f"assumptions.{key}", "a number", repr(raw)))
            continue
        if not a.low <= v <= a.high or v != v:
            problems.append(
                Problem(f"assumptions.{key}", f"a number in [{a.low:g}, {a.high:g}]", repr(raw))
            )
            continue
        out[key] = (a, v)
    if problems:
        raise InputError(problems)
    return out


def _changed(st: Stakeholder, case: Case, changes: list[tuple[Assumption, float]]) -> Stakeholder:
    for a, v in changes:
        if a.field == "weight":
            k = next(j for j, i in enumerate(case.issues) if i.id == a.issue)
            st = replace(st, preferences=_reweighted(st.preferences, k, v))
        else:
            fields: dict[str, Any] = {a.field: v}
            st = replace(st, **fields)
    return st


def with_assumptions(case: Case, overrides: Mapping[str, float]) -> Case:
    """The case with these assumptions changed (keys of :func:`assumptions`); raise
    :class:`~leveltwo.errors.InputError` for an unknown key or a value out of range."""
    checked = _checked(case, overrides)
    if not checked:
        return case
    by: dict[str, list[tuple[Assumption, float]]] = {}
    for a, v in checked.values():
        by.setdefault(a.stakeholder, []).append((a, v))

    def fix(st: Stakeholder) -> Any:
        return _changed(st, case, by[st.key]) if st.key in by else st

    sides = []
    for side in case.sides:
        cons = tuple(
            replace(fix(c), blocs=tuple(fix(b) for b in c.blocs)) for c in side.constituencies
        )
        sides.append(replace(side, negotiator=fix(side.negotiator), constituencies=cons))
    return replace(case, sides=(sides[0], sides[1]))
