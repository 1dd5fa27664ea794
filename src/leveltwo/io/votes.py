"""Past ballots from a CSV file, and the fitted case they give (``leveltwo fit``).

One row per ballot::

    stakeholder,pay,scope,yes
    union.members.senior,8%,capped,yes
    union.members.senior,4%,capped,no

- ``stakeholder``: the key of the stakeholder who voted (a negotiator, a
  constituency without blocs, or a bloc); may be left out when the command
  names one stakeholder for every row.
- the deal: for each issue, a column ``ISSUE`` with one of its options, or a
  column ``ISSUE.value`` with the stakeholder's value of what was voted on,
  in [0, 1] (for past deals whose terms are not among the case's options).
  With known weights an issue of weight 0 may be left out.
- the outcome: ``yes`` (yes/no, y/n, 1/0, true/false, for/against) for one
  vote, or ``yes_share`` (in [0, 1]) with ``turnout`` (votes cast, > 0) for a
  body's result.

Every problem is reported at once, located by line and column. The fit itself
is :func:`leveltwo.engine.estimation.fit_probit`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

import numpy as np

from leveltwo.engine.estimation import ProbitFit, fit_probit
from leveltwo.errors import Problem, VotesError
from leveltwo.model.case import Case, Constituency, Preferences, Stakeholder
from leveltwo.model.fitted import EXTENSION, FittedNote, FittedNotes, notes_of
from leveltwo.model.labels import option_label

YES = {"yes", "y", "1", "true", "for", "aye"}
NO = {"no", "n", "0", "false", "against", "nay"}
Bad = Callable[[int, str, str, str], None]
S = TypeVar("S", bound=Stakeholder)

#: Problems reported at most (the first ones, in file order).
MAX_PROBLEMS = 20
#: Most rows read from one file.
MAX_ROWS = 100_000


@dataclass(frozen=True)
class Ballots:
    """One stakeholder's ballots: its values of each deal voted on, yes votes, votes cast."""

    key: str
    values: np.ndarray  # (ballots, issues)
    yes: np.ndarray
    total: np.ndarray
    lines: tuple[int, ...]


@dataclass(frozen=True)
class StakeholderFit:
    key: str
    name: str
    before: tuple[float, float]  # (reservation, uncertainty) in the case
    result: ProbitFit
    issues: tuple[str, ...]  # the issues of result.weights, when fitted

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "key": self.key,
            "name": self.name,
            "reservation_before": self.before[0],
            "uncertainty_before": self.before[1],
            "reservation": self.result.reservation.to_json(),
            "uncertainty": self.result.uncertainty.to_json(),
            "goodness_of_fit": self.result.fit.to_json(),
        }
        if self.result.weights is not None:
            out["weights"] = {
                i: w.to_json() for i, w in zip(self.issues, self.result.weights, strict=True)
            }
        return out


@dataclass(frozen=True)
class VotesFit:
    """Every stakeholder's fit, and the case with the fitted values and their notes."""

    source: str
    fits: tuple[StakeholderFit, ...]
    case: Case

    def to_json(self) -> dict[str, object]:
        return {"source": self.source, "fits": [f.to_json() for f in self.fits]}


def _single_actor(case: Case, key: str) -> Stakeholder | None:
    try:
        st = case.stakeholder(key)
    except KeyError:
        return None
    if isinstance(st, Constituency) and st.blocs:
        return None
    return st


def read_ballots(
    case: Case, text: str, source: str, stakeholder: str | None = None, weights: bool = False
) -> list[Ballots]:
    """Parse ballots for ``case``; raise :class:`VotesError` with every problem located."""
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in (reader.fieldnames or [])]
    problems: list[Problem] = []

    def bad(line: int, column: str, expected: str, found: str) -> None:
        if len(problems) >= MAX_PROBLEMS:
            return
        problems.append(Problem(f"{source}:{column}" if column else source, expected, found, line))

    if not header:
        raise VotesError([Problem(source, "a header row of column names", "an empty file")])
    if "yes" not in header and not {"yes_share", "turnout"} <= set(header):
        bad(1, "", "a column 'yes', or columns 'yes_share' and 'turnout'", ", ".join(header))
    if "stakeholder" not in header and stakeholder is None:
        bad(1, "", "a column 'stakeholder' (or --stakeholder KEY)", ", ".join(header))
    known = {i.id for i in case.issues} | {f"{i.id}.value" for i in case.issues}
    extra = {"stakeholder", "yes", "yes_share", "turnout", "ballot", "date", "note"}
    for h in header:
        if h not in known and h not in extra:
            bad(1, h, "an issue id, ISSUE.value, stakeholder, yes, yes_share or turnout", repr(h))
    if problems:
        raise VotesError(problems, source)
    rows: dict[str, list[tuple[int, list[float], float, float]]] = {}
    for n, raw in enumerate(reader, start=2):
        if n > MAX_ROWS + 1:
            bad(n, "", f"at most {MAX_ROWS} ballots", "more")
            break
        row = {k.strip(): (v or "").strip() for k, v in raw.items() if k is not None}
        key = row.get("stakeholder") or stakeholder or ""
        st = _single_actor(case, key)
        if st is None:
            bad(
                n,
                "stakeholder",
                "the key of a negotiator, constituency without blocs or bloc",
                repr(key),
            )
            continue
        values = _values(case, st, row, n, bad, weights)
        outcome = _outcome(row, n, bad)
        if values is not None and outcome is not None:
            rows.setdefault(key, []).append((n, values, *outcome))
    if problems:
        raise VotesError(problems, source)
    if not rows:
        raise VotesError([Problem(source, "at least one ballot", "none")], source)
    return [
        Ballots(
            key,
            np.array([r[1] for r in rs], dtype=np.float64),
            np.array([r[2] for r in rs], dtype=np.float64),
            np.array([r[3] for r in rs], dtype=np.float64),
            tuple(r[0] for r in rs),
        )
        for key, rs in rows.items()
    ]


def _values(
    case: Case, st: Stakeholder, row: dict[str, str], n: int, bad: Bad, weights: bool
) -> list[float] | None:
    out: list[float] = []
    ok = True
    for i, issue in enumerate(case.issues):
        needed = weights or st.preferences.weights[i] > 0
        label, direct = row.get(issue.id, ""), row.get(f"{issue.id}.value", "")
        if direct:
            try:
                v = float(direct)
            except ValueError:
                v = -1.0
            if not 0.0 <= v <= 1.0:
                bad(n, f"{issue.id}.value", "a value in [0, 1]", repr(direct))
                ok = False
            out.append(v)
        elif label:
            if option_label(label) not in issue.options:
                bad(n, issue.id, f"an option of '{issue.id}' {list(issue.options)}", repr(label))
                ok = False
                out.append(0.0)
            else:
                out.append(st.preferences.values[i][issue.options.index(option_label(label))])
        elif needed:
            bad(n, issue.id, f"an option of '{issue.id}' or a value in {issue.id}.value", "nothing")
            ok = False
            out.append(0.0)
        else:
            out.append(0.0)
    return out if ok else None


def _outcome(row: dict[str, str], n: int, bad: Bad) -> tuple[float, float] | None:
    if row.get("yes"):
        v = row["yes"].lower()
        if v in YES:
            return 1.0, 1.0
        if v in NO:
            return 0.0, 1.0
        bad(n, "yes", "yes or no (y/n, 1/0, true/false, for/against)", repr(row["yes"]))
        return None
    try:
        share, turnout = float(row.get("yes_share", "")), float(row.get("turnout", ""))
    except ValueError:
        bad(n, "yes_share", "a yes share in [0, 1] and a turnout > 0", "missing or not numbers")
        return None
    if not 0.0 <= share <= 1.0 or turnout <= 0:
        bad(n, "yes_share", "a yes share in [0, 1] and a turnout > 0", f"{share}, {turnout}")
        return None
    return share * turnout, turnout


def fit_votes(
    case: Case,
    path: str | Path,
    *,
    stakeholder: str | None = None,
    weights: bool = False,
    text: str | None = None,
) -> VotesFit:
    """Fit every stakeholder with ballots in the CSV file ``path`` (probit MLE)."""
    source = str(path)
    if text is None:
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise VotesError(
                [Problem(source, "a readable CSV file", exc.strerror or "unreadable")]
            ) from exc
    fits = []
    for b in read_ballots(case, text, source, stakeholder, weights):
        st = case.stakeholder(b.key)
        ids = tuple(i.id for i in case.issues)
        if weights:  # only issues whose values vary over the ballots identify a weight
            cols = [i for i in range(len(ids)) if np.ptp(b.values[:, i]) > 0]
            result = fit_probit(b.key, b.values[:, cols], None, b.yes, b.total, source)
            ids = tuple(ids[i] for i in cols)
        else:
            w = np.asarray(st.preferences.weights, dtype=np.float64)
            result = fit_probit(b.key, b.values, w, b.yes, b.total, source)
        fits.append(StakeholderFit(b.key, st.name, (st.reservation, st.uncertainty), result, ids))
    return VotesFit(source, tuple(fits), fitted_case(case, fits, source))


def fitted_case(case: Case, fits: Sequence[StakeholderFit], source: str) -> Case:
    """``case`` with each fitted stakeholder's values and a ``fitted`` note per field."""
    by_key = {f.key: f for f in fits}

    def update(st: S) -> S:
        f = by_key.get(st.key)
        if f is None:
            return st
        new = replace(
            st, reservation=f.result.reservation.value, uncertainty=f.result.uncertainty.value
        )
        if f.result.weights is not None:
            fitted = dict(zip(f.issues, (w.value for w in f.result.weights), strict=True))
            ws = tuple(fitted.get(i.id, 0.0) for i in case.issues)
            new = replace(new, preferences=Preferences(ws, st.preferences.values))
        return new

    sides = []
    for side in case.sides:
        cons = tuple(
            replace(c, blocs=tuple(update(b) for b in c.blocs)) if c.blocs else update(c)
            for c in side.constituencies
        )
        sides.append(replace(side, negotiator=update(side.negotiator), constituencies=cons))
    old = notes_of(case)
    fitted = {(f.key) for f in fits}
    notes = [n for n in (old.notes if old else ()) if n.key not in fitted]
    for f in fits:
        r2 = f.result.fit.mcfadden_r2
        items = [("reservation", f.result.reservation), ("uncertainty", f.result.uncertainty)]
        if f.result.weights is not None:
            items += [(f"weights.{i}", w) for i, w in zip(f.issues, f.result.weights, strict=True)]
        for field, est in items:
            notes.append(
                FittedNote(
                    f.key,
                    field,
                    est.value,
                    est.standard_error,
                    est.low,
                    est.high,
                    "probit MLE",
                    Path(source).name,
                    f.result.fit.ballots,
                    r2,
                )
            )
    ext = tuple((k, v) for k, v in case.extensions if k != EXTENSION)
    return replace(
        case, sides=(sides[0], sides[1]), extensions=(*ext, (EXTENSION, FittedNotes(tuple(notes))))
    )
