"""Plausibility warnings: a valid case whose numbers are probably not what was meant.

A case can be valid and still wrong in a way that silently ruins every answer:
``reservation: 40`` (a percentage typed on the 0–1 utility scale) makes a
stakeholder refuse every deal, and the analysis then reports 0%. These checks
do not stop anything; each warning is a :class:`~leveltwo.errors.Problem`
located at the field it is about, so every surface can show it where an error
would go:

- a **reservation or no-deal value outside [0, 1]**: utilities are in [0, 1],
  so a bar above 1 is never met and one below 0 is always met;
- **bloc shares that do not add up to a declared** ``total_share``;
- a **stakeholder that approves every deal, or none**: with approval
  p = Φ((u − r)/σ) increasing in u, it approves every deal when p at its
  lowest possible utility is at least :data:`CERTAIN` (it never binds: is
  its reservation missing?), and none when p at its highest is at most
  1 − :data:`CERTAIN` (the deal can never be ratified as the case stands).
  The lowest and highest utilities are Σ_i w_i·min v_i and Σ_i w_i·max v_i
  (exact for additive utilities over unconstrained deals). ``influence``
  constituencies are left out: their approval enters no probability;
- a **proposal or opening that breaks a constraint** (``constraints:``);
- **money given issue by issue out of proportion to our weights**: with
  ``money.per_issue``, issue i's share of the total should be our weight w_i
  (both say how much of the whole range issue i is); a difference over
  :data:`MONEY_SLACK` is warned.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from leveltwo.engine.approval import approval_probability
from leveltwo.engine.powers import enters
from leveltwo.errors import Problem
from leveltwo.model.case import Case, Constituency, Stakeholder

#: Approval at least this likely on every deal counts as "approves every deal".
CERTAIN = 0.999
#: Largest difference between an issue's share of the money and our weight on it.
MONEY_SLACK = 0.05
#: Slack when comparing declared and summed shares.
SHARE_SLACK = 1e-9


def _unit(path: str, value: object, what: str) -> list[Problem]:
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if not number or 0 <= value <= 1:  # type: ignore[operator]
        return []
    assert isinstance(value, int | float)
    hint = f" ({value / 100:g}, not {value:g}?)" if 5 <= value <= 100 else ""
    return [
        Problem(
            path,
            f"a {what} in [0, 1]: utilities run from 0 (worst) to 1 (best){hint}",
            f"{value:g}",
        )
    ]


def _file_warnings(data: Mapping[str, Any]) -> list[Problem]:
    out: list[Problem] = []
    sides = data.get("sides")
    for si, side in enumerate(sides if isinstance(sides, list) else []):
        if not isinstance(side, Mapping):
            continue
        sp = f"sides[{si}]"
        out += _unit(f"{sp}.no_deal", side.get("no_deal"), "no-deal value")
        neg = side.get("negotiator")
        if isinstance(neg, Mapping):
            out += _unit(f"{sp}.negotiator.reservation", neg.get("reservation"), "reservation")
        cons = side.get("constituencies")
        for ci, c in enumerate(cons if isinstance(cons, list) else []):
            if not isinstance(c, Mapping):
                continue
            cp = f"{sp}.constituencies[{ci}]"
            out += _unit(f"{cp}.reservation", c.get("reservation"), "reservation")
            raw = c.get("blocs")
            blocs: list[Any] = raw if isinstance(raw, list) else []
            for bi, b in enumerate(blocs):
                if isinstance(b, Mapping):
                    out += _unit(
                        f"{cp}.blocs[{bi}].reservation", b.get("reservation"), "reservation"
                    )
            total = c.get("total_share")
            shares = [b.get("share") for b in blocs if isinstance(b, Mapping)]
            numbers = [float(s) for s in shares if isinstance(s, int | float)]
            if isinstance(total, int | float) and len(numbers) == len(shares):
                summed = sum(numbers)
                if blocs and abs(summed - total) > SHARE_SLACK * max(1.0, abs(total)):
                    out.append(
                        Problem(
                            f"{cp}.blocs",
                            f"shares adding up to the declared total_share {total:g}",
                            f"shares adding up to {summed:g}",
                        )
                    )
    return out


def _extremes(st: Stakeholder) -> tuple[float, float]:
    prefs = st.preferences
    lo = sum(w * min(v) for w, v in zip(prefs.weights, prefs.values, strict=True))
    hi = sum(w * max(v) for w, v in zip(prefs.weights, prefs.values, strict=True))
    return lo, hi


def _decides(path: str, st: Stakeholder, ranges: bool) -> list[Problem]:
    if not 0.0 <= st.reservation <= 1.0:  # said once, as a reservation off the scale
        return _unit(f"{path}.reservation", st.reservation, "reservation") if ranges else []
    lo, hi = _extremes(st)
    p_lo = float(approval_probability(lo, st.reservation, st.uncertainty))
    p_hi = float(approval_probability(hi, st.reservation, st.uncertainty))
    bar = f"reservation {st.reservation:g}"
    if p_lo >= CERTAIN:
        return [
            Problem(
                path,
                "a stakeholder whose approval depends on the deal",
                f"one that approves every deal (its least utility {lo:.3f} already clears its "
                f"{bar}); is its reservation missing?",
            )
        ]
    if p_hi <= 1 - CERTAIN:
        return [
            Problem(
                path,
                "a stakeholder whose approval depends on the deal",
                f"one that approves no deal (its best utility {hi:.3f} is below its {bar})",
            )
        ]
    return []


def _case_warnings(case: Case, ranges: bool) -> list[Problem]:
    out: list[Problem] = []
    for si, side in enumerate(case.sides):
        sp = f"sides[{si}]"
        out += _decides(f"{sp}.negotiator", side.negotiator, ranges)
        for ci, c in enumerate(side.constituencies):
            if not enters(c.power):
                continue
            cp = f"{sp}.constituencies[{ci}]"
            if isinstance(c, Constituency) and c.blocs:
                for bi, b in enumerate(c.blocs):
                    out += _decides(f"{cp}.blocs[{bi}]", b, ranges)
            else:
                out += _decides(cp, c, ranges)
    if case.money is not None and case.money.per_issue:
        weights = dict(
            zip(
                (i.id for i in case.issues),
                case.our_side.negotiator.preferences.weights,
                strict=True,
            )
        )
        total = case.money.per_utility
        for iid, amount in case.money.per_issue:
            share, w = amount / total, weights.get(iid, 0.0)
            if abs(share - w) > MONEY_SLACK:
                out.append(
                    Problem(
                        f"money.per_issue.{iid}",
                        f"a share of the money near our weight on it ({w:.2f})",
                        f"{share:.2f}: the weights and the money disagree",
                    )
                )
    deals = (("proposal", case.proposal), ("opening", case.opening))
    for name, deal in (*deals, ("their_opening", case.their_opening)):
        if deal is None:
            continue
        labels = case.deal_labels(deal)
        for k, con in enumerate(case.constraints):
            if not con.satisfied_by(labels):
                out.append(
                    Problem(
                        name,
                        f"a deal that keeps constraints[{k}] ({con.describe()})",
                        "a deal that breaks it",
                    )
                )
    return out


def plausibility_warnings(case: Case, data: Mapping[str, Any] | None = None) -> list[Problem]:
    """Every plausibility warning of a valid case (``data``: its parsed file, for the
    checks of fields as written; without it only the checks on the built case run)."""
    found = _file_warnings(data) if data is not None else []
    return found + _case_warnings(case, ranges=data is None)
