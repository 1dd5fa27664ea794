"""GENIUS profiles into case-file data: which profile is whom, ids, values, provenance.

A profile becomes a side's negotiator, or (``side.constituency``) a ratifying
constituency of a side (:class:`Role`). Issue and side names become ids
(:func:`slug`). Values keep GENIUS's utilities exactly: weights are written as
in the file (leveltwo normalises them), and when they sum to s < 1 every value
is multiplied by s, since GENIUS uses the weights as written. The case-file
text starts with a comment header saying where it came from and what was
adapted (:func:`header`).
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from leveltwo.errors import InputError, Problem
from leveltwo.io.genius import Convention, GeniusDomain, GeniusProfile, IssueKind
from leveltwo.model.keys import NEGOTIATOR_ID

IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9_\-]*$")
#: Weights summing within this of 1 are taken as summing to 1.
WEIGHT_SUM_TOLERANCE = 1e-12
#: Values within this of the ascending/descending shorthand are written as it.
SHORTHAND_TOLERANCE = 1e-12
#: Imported values are rounded to this many decimals (float noise only).
VALUE_DECIMALS = 12

CONVENTION = (
    "GENIUS's: an option's value is its evaluation divided by the issue's highest "
    "evaluation; an integer option x is worth clamp(slope*(x - lowerbound) + offset, 0, 1); "
    "utility = sum of weight * value with the weights as written."
)
NEGMAS_CONVENTION = (
    "NegMAS's: numbers as written (an option is worth its evaluation; a linear evaluator "
    "gives slope*x + offset); utility = sum of weight * value, rescaled to [0, 1] (with the "
    "reservation) only where it falls outside, as each profile's note says."
)


def convention_note(convention: Convention) -> str:
    """The import summary's note on the convention used and why NegMAS may differ."""
    if convention is Convention.GENIUS:
        return (
            "convention: genius (the default): values are evaluations divided by each issue's "
            "highest, as GENIUS reads them; NegMAS reads the numbers as written, so its "
            "utilities (and the deals above a reservation) may differ; use --convention "
            "negmas to read as NegMAS does"
        )
    return (
        "convention: negmas: numbers as written, as NegMAS reads them (rescaled to [0, 1] "
        "only where noted); GENIUS divides each evaluation by the issue's highest, so its "
        "utilities may differ"
    )


@dataclass(frozen=True)
class Role:
    """Where a profile goes: a side's negotiator, or a constituency of a side."""

    side: str
    name: str
    constituency: str | None = None

    @property
    def key(self) -> str:
        return f"{self.side}.{self.constituency or NEGOTIATOR_ID}"

    def describe(self) -> str:
        if self.constituency is None:
            return f"side '{self.side}' (negotiator)"
        return f"constituency '{self.constituency}' of side '{self.side}' (power: ratify)"


def slug(text: str, fallback: str) -> str:
    """A leveltwo id for a name: kept when already an id, else lower-case ASCII with '_'."""
    text = text.strip()
    if IDENTIFIER.match(text):
        return text
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = re.sub(r"[^A-Za-z0-9_\-]+", "_", ascii_text).strip("_-").lower()
    if not out:
        return fallback
    return out if out[0].isalpha() else f"{fallback}_{out}"


def unique_ids(ids: Sequence[str]) -> list[str]:
    """``ids`` with repeats made unique by a ``_2``, ``_3``… suffix."""
    seen: set[str] = set()
    out: list[str] = []
    for i in ids:
        candidate, n = i, 1
        while candidate in seen:
            n += 1
            candidate = f"{i}_{n}"
        seen.add(candidate)
        out.append(candidate)
    return out


def parse_roles(names: Sequence[str] | None, stems: Sequence[str]) -> tuple[Role, ...]:
    """One role per profile, from ``--side-names`` entries (``side`` or ``side.constituency``).

    Without names, exactly two profiles are expected and become the two sides,
    named after their files.
    """
    if names is None:
        if len(stems) != 2:
            raise InputError(
                [
                    Problem(
                        "--side-names",
                        "a role for each profile (two profiles make the two sides; "
                        "more need names such as a,b,b.members)",
                        f"{len(stems)} profile{'' if len(stems) == 1 else 's'} and no names",
                    )
                ]
            )
        ids = unique_ids([slug(s, "side") for s in stems])
        return tuple(Role(i, s) for i, s in zip(ids, stems, strict=True))
    entries = [n.strip() for n in names]
    problems: list[Problem] = []
    if len(entries) != len(stems):
        problems.append(
            Problem("--side-names", f"{len(stems)} names, one per profile", f"{len(entries)}")
        )
    roles: list[Role] = []
    for k, entry in enumerate(entries):
        path = f"--side-names[{k}]"
        if "." in entry:
            side, _, cons = entry.partition(".")
            if not (IDENTIFIER.match(side) and IDENTIFIER.match(cons)) or cons == NEGOTIATOR_ID:
                problems.append(
                    Problem(
                        path, "SIDE.CONSTITUENCY, both ids (letters, digits, _ or -)", repr(entry)
                    )
                )
                continue
            roles.append(Role(side, cons, cons))
        elif not entry:
            problems.append(Problem(path, "a side name", "nothing"))
        else:
            roles.append(Role(slug(entry, "side"), entry))
    sides = [r.side for r in roles if r.constituency is None]
    if not problems:
        if len(sides) != 2 or len(set(sides)) != 2:
            problems.append(
                Problem(
                    "--side-names", "exactly two distinct sides (negotiator profiles)", f"{sides}"
                )
            )
        keys = [r.key for r in roles]
        for k, r in enumerate(roles):
            if r.constituency is not None and r.side not in sides:
                problems.append(
                    Problem(
                        f"--side-names[{k}]", f"a constituency of one of the sides {sides}", r.key
                    )
                )
            if keys.index(r.key) != k:
                problems.append(Problem(f"--side-names[{k}]", "a role not given before", r.key))
    if problems:
        raise InputError(problems)
    return tuple(roles)


# ---------------------------------------------------------------------------
# case data
def case_data(
    domain: GeniusDomain,
    profiles: Sequence[GeniusProfile],
    roles: Sequence[Role],
    *,
    title: str,
    us: str,
    description: str = "",
) -> tuple[dict[str, Any], list[str]]:
    """The case-file data of a GENIUS domain and profiles, and notes on what was adapted."""
    ids = unique_ids([slug(i.name, "issue") for i in domain.issues])
    issues: list[dict[str, Any]] = []
    for iid, issue in zip(ids, domain.issues, strict=True):
        entry: dict[str, Any] = {"id": iid, "name": issue.description or issue.name}
        if issue.kind is IssueKind.INTEGER:
            entry["options"] = {"start": issue.lower, "stop": issue.upper, "step": 1}
        else:
            entry["options"] = list(issue.options)
        issues.append(entry)
    notes: list[str] = []
    sides: dict[str, dict[str, Any]] = {}
    discounts: dict[str, float] = {}
    for role, profile in zip(roles, profiles, strict=True):
        prefs, role_notes = _preferences(domain, ids, profile)
        notes += [f"{role.key}: {n}" for n in role_notes]
        if role.constituency is None:
            if profile.discount is not None and profile.discount < 1:
                discounts[role.side] = profile.discount
                notes.append(
                    f"{role.key}: discount factor {profile.discount:g} imported as "
                    f"bargaining.discount.{role.side} (used by `leveltwo bargain`)"
                )
            sides[role.side] = {
                "id": role.side,
                "name": role.name,
                "negotiator": prefs,
                "constituencies": [],
            }
    for role, profile in zip(roles, profiles, strict=True):
        if role.constituency is not None:
            prefs, _ = _preferences(domain, ids, profile)
            constituency = {"id": role.constituency, "name": role.name, "power": "ratify", **prefs}
            sides[role.side]["constituencies"].append(constituency)
    data: dict[str, Any] = {
        "leveltwo": 1,
        "title": title,
        "description": description,
        "us": us,
        "issues": issues,
        "sides": list(sides.values()),
    }
    if discounts:
        data["bargaining"] = {"discount": discounts}
    return data, notes


def _preferences(
    domain: GeniusDomain, ids: Sequence[str], profile: GeniusProfile
) -> tuple[dict[str, Any], list[str]]:
    """Weights, values and reservation of one profile, its utilities kept or rescaled.

    The profile's utility is Σ_i t_i(d_i) + bias with t_ij = weight_i · value_ij. When
    every t ≥ 0, the bias is 0 and the best deal is worth at most 1, that utility is
    kept exactly. Otherwise it is rescaled (and the reservation with it, so the same
    deals stay acceptable): divided by the best deal's utility when every t ≥ 0, else
    mapped affinely onto [0, 1] from the worst deal to the best.
    """
    notes = list(profile.notes)
    terms = [[w * v for v in vals] for w, vals in zip(profile.weights, profile.values, strict=True)]
    lo = sum(min(t) for t in terms) + profile.bias
    hi = sum(max(t) for t in terms) + profile.bias
    total = sum(profile.weights)
    negative = profile.bias != 0 or any(x < 0 for t in terms for x in t)
    shift, scale = 0.0, 1.0
    if negative:
        if hi - lo <= 0:
            raise InputError(
                [
                    Problem(
                        profile.source, "a profile under which some deal is better", "one utility"
                    )
                ]
            )
        shift, scale = lo, hi - lo
        notes.append(
            f"utilities as written range from {lo:.12g} to {hi:.12g}; rescaled to [0, 1] as "
            f"(u - {lo:.12g}) / {hi - lo:.12g}, the reservation likewise"
        )
    elif hi > 1 + WEIGHT_SUM_TOLERANCE:
        scale = hi
        why = (
            f"weights sum to {total:.12g} > 1; GENIUS uses them as written (and caps a "
            "utility at 1)"
            if total > 1 + WEIGHT_SUM_TOLERANCE
            else "the best deal is worth more than 1"
        )
        notes.append(
            f"{why}: utilities and the reservation are divided by {hi:.12g}, so the same deals "
            "pass the reservation as in the file"
        )
    elif total < 1 - WEIGHT_SUM_TOLERANCE:
        notes.append(
            f"weights sum to {total:.12g} < 1; the file uses them as written, so its utilities "
            "are kept (the best deal is worth less than 1)"
        )
    rescaled = [[(x - (min(t) if negative else 0.0)) / scale for x in t] for t in terms]
    tops = [max(t) for t in rescaled]
    mass = sum(tops)
    weights: dict[str, float] = {}
    values: dict[str, Any] = {}
    for iid, issue, top, t in zip(ids, domain.issues, tops, rescaled, strict=True):
        if top <= 0:
            continue
        weights[iid] = float(top)
        values[iid] = _value_spec(issue.options, [x * mass / top for x in t])
    prefs: dict[str, Any] = {"weights": weights, "values": values}
    if profile.reservation is None:
        if not any("reservation" in n for n in notes):
            notes.append("no <reservation>; 0 used (GENIUS's default)")
        reservation = 0.0
    else:
        reservation = profile.reservation
    rescaled_reservation = (reservation - shift) / scale
    prefs["reservation"] = (
        reservation if (shift, scale) == (0.0, 1.0) else _tidy_any(rescaled_reservation)
    )
    return prefs, notes


def _tidy_any(v: float) -> float:
    """A number rounded to 12 decimals (float noise only), not clamped."""
    return round(float(v), VALUE_DECIMALS)


def _value_spec(options: Sequence[str], values: Sequence[float]) -> Any:
    k = len(options)
    ascending = [j / (k - 1) if k > 1 else 1.0 for j in range(k)]
    if all(abs(v - a) <= SHORTHAND_TOLERANCE for v, a in zip(values, ascending, strict=True)):
        return "ascending"
    if k > 1 and all(
        abs(v - (1 - a)) <= SHORTHAND_TOLERANCE for v, a in zip(values, ascending, strict=True)
    ):
        return "descending"
    return {o: _tidy(v) for o, v in zip(options, values, strict=True)}


def _tidy(v: float) -> float:
    """A value in [0, 1] rounded to 12 decimals (0.3, not 0.30000000000000004)."""
    return min(1.0, max(0.0, round(float(v), VALUE_DECIMALS)))


def header(
    origin: str,
    domain: Path | None,
    profiles: Sequence[Path],
    roles: Sequence[Role],
    notes: Sequence[str],
    convention: str = CONVENTION,
) -> str:
    """The comment header of an imported case file: sources, roles, convention, notes."""
    lines = [
        f"leveltwo case imported from {origin} by `leveltwo import`.",
        f"Domain: {domain if domain is not None else f'the one inside {profiles[0]}'}",
        "Profiles:",
        *(f"  {p} -> {r.describe()}" for p, r in zip(profiles, roles, strict=True)),
        "Convention: " + convention,
    ]
    if notes:
        lines += ["Notes:", *(f"  - {n}" for n in notes)]
    lines += [
        "Level II: add each side's constituencies (board, members, factions...) under",
        "its `constituencies:` list; see docs/interop.md. Check with `leveltwo validate`.",
    ]
    wrapped = [
        w
        for line in lines
        for w in textwrap.wrap(line, 96, subsequent_indent="      " if line[:1] == " " else "  ")
    ]
    return "".join(f"# {line}\n" for line in wrapped) + "\n"


def dump(data: dict[str, Any]) -> str:
    """Case-file data as YAML: keys in schema order, short lists and mappings inline."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when installed
    return yaml.dump(
        data,
        Dumper=dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=None,
        width=100,
    )
