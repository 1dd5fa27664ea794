"""GeniusWeb JSON domains and linear additive profiles, read into the GENIUS objects.

GeniusWeb (the successor of GENIUS) writes JSON. A domain is
``{"name": …, "issuesValues": {issue: {"values": [...]}}}`` or, for a numeric
issue, ``{"range": {"low": …, "high": …, "step": …}}``. A profile is
``{"LinearAdditiveUtilitySpace": {"issueUtilities": …, "issueWeights": …,
"domain": …, "name": …, "reservationBid": …}}`` and carries its domain, so a
domain file is optional.

GeniusWeb's utilities are absolute, unlike GENIUS's:

- a discrete value is worth the number written in ``valueUtilities``
  (``DiscreteValueSetUtilities``), no division by the maximum;
- a number x is worth lowUtility + (highUtility − lowUtility) · (x − lowValue) /
  (highValue − lowValue), 0 outside [lowValue, highValue], rounded to 8
  decimals (``NumberValueSetUtilities``);
- a deal is worth Σ weight · value; the reservation is the utility of
  ``reservationBid`` (0 without one).

The result is a :class:`~leveltwo.io.genius.GeniusDomain` and
:class:`~leveltwo.io.genius.GeniusProfile` values, so the rest of the import
(:mod:`leveltwo.io.genius_import`) is shared with GENIUS XML.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from leveltwo.errors import InputError, Problem
from leveltwo.io.genius import (
    MAX_INTEGER_OPTIONS,
    GeniusDomain,
    GeniusIssue,
    GeniusProfile,
    IssueKind,
)
from leveltwo.io.xmlsafe import read_bytes
from leveltwo.model.labels import format_number

PROFILE_KEY = "LinearAdditiveUtilitySpace"
DOMAIN_KEY = "issuesValues"
NUMBER_DECIMALS = Decimal("1.00000000")

CONVENTION = (
    "GeniusWeb's: a discrete value is worth its valueUtilities number as written; a number is "
    "interpolated linearly between (lowValue, lowUtility) and (highValue, highUtility), 0 "
    "outside; utility = sum of weight * value; the reservation is the utility of reservationBid."
)


def read_json(path: Path) -> Any:
    """Parse a JSON file; malformed JSON is a problem with line and column."""
    source = str(path)
    data = read_bytes(path)
    try:
        return json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError([Problem("", "UTF-8 JSON", str(exc))], source) from None
    except json.JSONDecodeError as exc:
        raise InputError(
            [Problem("", "well-formed JSON", exc.msg, exc.lineno, exc.colno)], source
        ) from None


def kind_of(data: Any) -> str | None:
    """``"domain"``, ``"profile"`` or None for parsed JSON (NegMAS's detection rule)."""
    if isinstance(data, Mapping):
        if PROFILE_KEY in data:
            return "profile"
        if DOMAIN_KEY in data:
            return "domain"
    return None


def _key(path: str, key: str) -> str:
    return f"{path}[{json.dumps(key, ensure_ascii=False)}]"


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        x = float(value)
    except ValueError:
        return None
    return x if math.isfinite(x) else None


def read_domain(data: Any, source: str, path: str = "") -> GeniusDomain:
    """A GeniusWeb domain (``issuesValues``) as a :class:`GeniusDomain`."""
    problems: list[Problem] = []
    issues_values = data.get(DOMAIN_KEY) if isinstance(data, Mapping) else None
    ipath = f"{path}.{DOMAIN_KEY}" if path else DOMAIN_KEY
    if not isinstance(issues_values, Mapping) or not issues_values:
        raise InputError([Problem(ipath, "a mapping issue → value set", "nothing usable")], source)
    issues: list[GeniusIssue] = []
    for k, (name, spec) in enumerate(issues_values.items(), start=1):
        spath = _key(ipath, str(name))
        labels = _value_set(spec, spath, problems)
        if labels is not None:
            issues.append(GeniusIssue(k, str(name), IssueKind.DISCRETE, tuple(labels)))
    if problems:
        raise InputError(problems, source)
    name = data.get("name") if isinstance(data, Mapping) else None
    return GeniusDomain(str(name or ""), tuple(issues), source)


def _value_set(spec: Any, path: str, problems: list[Problem]) -> list[str] | None:
    if isinstance(spec, Mapping) and isinstance(spec.get("values"), list):
        labels = [str(v) for v in spec["values"]]
        if not labels or len(set(labels)) != len(labels):
            problems.append(Problem(f"{path}.values", "distinct values, at least one", str(labels)))
            return None
        return labels
    rng = spec.get("range") if isinstance(spec, Mapping) else None
    if isinstance(rng, Mapping):
        low, high, step = (_number(rng.get(k)) for k in ("low", "high", "step"))
        if low is None or high is None or step is None or step <= 0 or high < low:
            problems.append(
                Problem(f"{path}.range", "numbers low ≤ high and step > 0", json.dumps(rng))
            )
            return None
        count = math.floor((high - low) / step + 1e-9) + 1
        if count > MAX_INTEGER_OPTIONS:
            problems.append(
                Problem(f"{path}.range", f"at most {MAX_INTEGER_OPTIONS} values", f"{count}")
            )
            return None
        return [format_number(round(low + j * step, 10)) for j in range(count)]
    problems.append(Problem(path, '{"values": [...]} or {"range": {low, high, step}}', "neither"))
    return None


def read_profile(data: Any, source: str, domain: GeniusDomain) -> GeniusProfile:
    """A GeniusWeb linear additive profile of ``domain``."""
    space = data.get(PROFILE_KEY) if isinstance(data, Mapping) else None
    if not isinstance(space, Mapping):
        raise InputError([Problem(PROFILE_KEY, "a linear additive profile", "nothing")], source)
    problems: list[Problem] = []
    utilities = space.get("issueUtilities")
    weights = space.get("issueWeights")
    upath, wpath = f"{PROFILE_KEY}.issueUtilities", f"{PROFILE_KEY}.issueWeights"
    if not isinstance(utilities, Mapping):
        problems.append(Problem(upath, "a mapping issue → utilities", "nothing"))
        utilities = {}
    if not isinstance(weights, Mapping):
        problems.append(Problem(wpath, "a mapping issue → weight", "nothing"))
        weights = {}
    ws: list[float] = []
    vs: list[tuple[float, ...]] = []
    for issue in domain.issues:
        w = _number(weights.get(issue.name))
        if w is None or w < 0:
            problems.append(
                Problem(_key(wpath, issue.name), "a weight ≥ 0", repr(weights.get(issue.name)))
            )
        values = _issue_values(utilities.get(issue.name), _key(upath, issue.name), issue, problems)
        ws.append(w or 0.0)
        vs.append(values or tuple(0.0 for _ in issue.options))
    for name in list(weights) + list(utilities):
        if name not in {i.name for i in domain.issues}:
            problems.append(Problem(_key(wpath, str(name)), "an issue of the domain", repr(name)))
    if sum(ws) <= 0 and not problems:
        problems.append(Problem(wpath, "at least one positive weight", "all weights 0"))
    reservation: float | None = 0.0
    notes: tuple[str, ...] = ("no reservationBid; reservation 0",)
    bid = space.get("reservationBid")
    if bid is not None and not problems:
        reservation = _bid_utility(bid, domain, ws, vs, problems)
        notes = ()
    if problems:
        raise InputError(_unique(problems), source)
    return GeniusProfile(source, tuple(ws), tuple(vs), reservation, None, notes)


def _issue_values(
    spec: Any, path: str, issue: GeniusIssue, problems: list[Problem]
) -> tuple[float, ...] | None:
    discrete = spec.get("DiscreteValueSetUtilities") if isinstance(spec, Mapping) else None
    if isinstance(discrete, Mapping):
        table = discrete.get("valueUtilities")
        vpath = f"{path}.DiscreteValueSetUtilities.valueUtilities"
        if not isinstance(table, Mapping):
            problems.append(Problem(vpath, "a mapping value → utility", "nothing"))
            return None
        out: list[float] = []
        for label in issue.options:
            u = _number(table.get(label))
            if u is None or not 0 <= u <= 1:
                problems.append(
                    Problem(_key(vpath, label), "a utility in [0, 1]", repr(table.get(label)))
                )
                return None
            out.append(u)
        return tuple(out)
    number = spec.get("NumberValueSetUtilities") if isinstance(spec, Mapping) else None
    if isinstance(number, Mapping):
        npath = f"{path}.NumberValueSetUtilities"
        fields = {k: number.get(k) for k in ("lowValue", "lowUtility", "highValue", "highUtility")}
        parsed = {k: _number(v) for k, v in fields.items()}
        if any(v is None for v in parsed.values()) or not all(
            0 <= (parsed[k] or 0) <= 1 for k in ("lowUtility", "highUtility")
        ):
            problems.append(
                Problem(
                    npath, "numbers lowValue < highValue, utilities in [0, 1]", json.dumps(fields)
                )
            )
            return None
        try:
            xs = [Decimal(label) for label in issue.options]
        except ArithmeticError:
            problems.append(Problem(npath, "a numeric issue", f"values {list(issue.options)}"))
            return None
        lv, lu, hv, hu = (Decimal(str(fields[k])) for k in fields)
        if hv <= lv:
            problems.append(Problem(npath, "lowValue < highValue", json.dumps(fields)))
            return None
        return tuple(
            float((lu + (hu - lu) * (x - lv) / (hv - lv)).quantize(NUMBER_DECIMALS, ROUND_HALF_UP))
            if lv <= x <= hv
            else 0.0
            for x in xs
        )
    problems.append(
        Problem(path, "DiscreteValueSetUtilities or NumberValueSetUtilities", "neither")
    )
    return None


def _bid_utility(
    bid: Any,
    domain: GeniusDomain,
    ws: Sequence[float],
    vs: Sequence[tuple[float, ...]],
    problems: list[Problem],
) -> float | None:
    bpath = f"{PROFILE_KEY}.reservationBid.issuevalues"
    values = bid.get("issuevalues") if isinstance(bid, Mapping) else None
    if not isinstance(values, Mapping):
        problems.append(Problem(bpath, "a mapping issue → value", "nothing"))
        return None
    total = 0.0
    for k, issue in enumerate(domain.issues):
        raw = values.get(issue.name)
        if raw is None:
            continue  # GeniusWeb: a partial bid scores 0 on the missing issues
        label = format_number(float(raw)) if isinstance(raw, int | float) else str(raw)
        if label not in issue.options:
            problems.append(
                Problem(_key(bpath, issue.name), f"one of {list(issue.options)}", repr(raw))
            )
            return None
        total += ws[k] * vs[k][issue.options.index(label)]
    return total


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[str, str]] = set()
    out = []
    for p in problems:
        if (p.path, p.expected) not in seen:
            seen.add((p.path, p.expected))
            out.append(p)
    return out


def read_files(
    domain_path: Path | None, profile_paths: Sequence[Path]
) -> tuple[GeniusDomain, list[GeniusProfile]]:
    """Read GeniusWeb profiles (and their domain: the file given, else the first profile's)."""
    profiles_data = [read_json(p) for p in profile_paths]
    if domain_path is not None:
        domain = read_domain(read_json(domain_path), str(domain_path))
    else:
        first = profiles_data[0].get(PROFILE_KEY) if isinstance(profiles_data[0], Mapping) else None
        embedded = first.get("domain") if isinstance(first, Mapping) else None
        domain = read_domain(embedded, str(profile_paths[0]), f"{PROFILE_KEY}.domain")
    errors: list[InputError] = []
    profiles: list[GeniusProfile] = []
    for path, data in zip(profile_paths, profiles_data, strict=True):
        try:
            profiles.append(read_profile(data, str(path), domain))
        except InputError as exc:
            errors.append(exc)
    if errors:
        if len(errors) == 1:
            raise errors[0]
        raise InputError(
            [
                Problem(f"{e.source}: {p.path}", p.expected, p.found)
                for e in errors
                for p in e.problems
            ]
        )
    return domain, profiles
