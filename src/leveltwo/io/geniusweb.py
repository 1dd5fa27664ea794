"""GeniusWeb JSON domains and linear additive profiles, read into the GENIUS objects.

GeniusWeb (the successor of GENIUS) writes JSON. A domain is
``{"name": …, "issuesValues": {issue: {"values": [...]}}}`` or, for a numeric
issue, ``{"range": {"low": …, "high": …, "step": …}}``. A profile is
``{"LinearAdditiveUtilitySpace": {"issueUtilities": …, "issueWeights": …,
"domain": …, "name": …, "reservationBid": …}}`` and carries its domain, so a
domain file is optional.

GeniusWeb's utilities are absolute, unlike GENIUS's:

- a discrete value is worth the number written in ``valueUtilities``
  (``discreteutils``), no division by the maximum;
- a number x is worth lowUtility + (highUtility − lowUtility) · (x − lowValue) /
  (highValue − lowValue), 0 outside [lowValue, highValue], rounded to 8
  decimals (``numberutils``);
- a deal is worth Σ weight · value; the reservation is the utility of
  ``reservationBid`` (0 without one).

``discreteutils`` and ``numberutils`` are the type names GeniusWeb's own
serialisation writes (and NegMAS reads); the Java class names
``DiscreteValueSetUtilities`` and ``NumberValueSetUtilities``, which some
hand-written files use, are accepted as aliases. Writing is
:func:`domain_json` and :func:`profile_json`.

The result is a :class:`~leveltwo.io.genius.GeniusDomain` and
:class:`~leveltwo.io.genius.GeniusProfile` values, so the rest of the import
(:mod:`leveltwo.io.genius_import`) is shared with GENIUS XML.
"""

from __future__ import annotations

import itertools
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
from leveltwo.model.case import Case
from leveltwo.model.labels import format_number

PROFILE_KEY = "LinearAdditiveUtilitySpace"
DOMAIN_KEY = "issuesValues"
#: GeniusWeb's type name of a discrete value set's utilities, then accepted aliases.
DISCRETE_KEYS = ("discreteutils", "DiscreteValueSetUtilities")
#: GeniusWeb's type name of a number value set's utilities, then accepted aliases.
NUMBER_KEYS = ("numberutils", "NumberValueSetUtilities")
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
    reservation: float | None = None
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
    dkey, discrete = _typed(spec, DISCRETE_KEYS)
    if isinstance(discrete, Mapping):
        table = discrete.get("valueUtilities")
        vpath = f"{path}.{dkey}.valueUtilities"
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
    nkey, number = _typed(spec, NUMBER_KEYS)
    if isinstance(number, Mapping):
        npath = f"{path}.{nkey}"
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
    found = sorted(spec) if isinstance(spec, Mapping) else []
    problems.append(
        Problem(
            path,
            "discreteutils or numberutils (or DiscreteValueSetUtilities / NumberValueSetUtilities)",
            f"keys {found}" if found else "neither",
        )
    )
    return None


def _typed(spec: Any, keys: Sequence[str]) -> tuple[str, Any]:
    """The first of ``keys`` present in ``spec`` and its value (else the first key, None)."""
    if isinstance(spec, Mapping):
        for key in keys:
            if key in spec:
                return key, spec[key]
    return keys[0], None


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


# ---------------------------------------------------------------------------
# writing
def numeric_range(options: Sequence[str]) -> tuple[Decimal, Decimal, Decimal] | None:
    """``(low, high, step)`` when the labels are numbers evenly spaced upwards, else None.

    Labels must be written as GeniusWeb would write the numbers back
    (``format_number``), so that reading the range gives the same labels.
    """
    if len(options) < 2:
        return None
    try:
        xs = [Decimal(o) for o in options]
    except ArithmeticError:
        return None
    if not all(x.is_finite() for x in xs):
        return None
    step = xs[1] - xs[0]
    if step <= 0 or any(b - a != step for a, b in itertools.pairwise(xs)):
        return None
    if [format_number(round(float(xs[0] + j * step), 10)) for j in range(len(xs))] != list(options):
        return None
    return xs[0], xs[-1], step


def _linear_values(xs: Sequence[Decimal], values: Sequence[float]) -> tuple[float, float] | None:
    """(lowUtility, highUtility) when ``values`` are linear in ``xs`` to 8 decimals, else None."""
    lo, hi = values[0], values[-1]
    span = float(xs[-1] - xs[0])
    for x, v in zip(xs, values, strict=True):
        u = lo + (hi - lo) * float(x - xs[0]) / span
        if abs(round(u, 8) - v) > 1e-12:
            return None
    return lo, hi


def _json_number(x: Decimal) -> int | float:
    return int(x) if x == x.to_integral_value() else float(x)


def issue_values(options: Sequence[str], values: Sequence[float] | None) -> tuple[Any, Any]:
    """An issue's GeniusWeb value set and (given values) its utilities.

    Evenly spaced numbers become a number range (``range``), with ``numberutils``
    when the values are linear in the number; anything else is a discrete value
    set with ``discreteutils``.
    """
    rng = numeric_range(options)
    if rng is not None:
        low, high, _step = rng
        linear = None if values is None else _linear_values([Decimal(o) for o in options], values)
        if values is None or linear is not None:
            number_set: dict[str, Any] = {
                "range": {
                    k: _json_number(v) for k, v in zip(("low", "high", "step"), rng, strict=True)
                }
            }
            if linear is None:
                return number_set, None
            utils = {
                NUMBER_KEYS[0]: {
                    "lowValue": _json_number(low),
                    "lowUtility": linear[0],
                    "highValue": _json_number(high),
                    "highUtility": linear[1],
                }
            }
            return number_set, utils
    value_set: dict[str, Any] = {"values": list(options)}
    if values is None:
        return value_set, None
    table = dict(zip(options, (float(v) for v in values), strict=True))
    return value_set, {DISCRETE_KEYS[0]: {"valueUtilities": table}}


def domain_json(name: str, issues: Sequence[tuple[str, Any]]) -> dict[str, Any]:
    """A GeniusWeb domain: ``{"name", "issuesValues"}``; ``issues`` as (name, value set)."""
    return {"name": name, DOMAIN_KEY: dict(issues)}


def profile_json(
    name: str,
    domain: Mapping[str, Any],
    weights: Mapping[str, float],
    utilities: Mapping[str, Any],
    reservation_bid: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """A GeniusWeb linear additive profile (``reservationBid`` left out when None)."""
    space: dict[str, Any] = {
        "issueUtilities": dict(utilities),
        "issueWeights": dict(weights),
        "domain": dict(domain),
        "name": name,
    }
    if reservation_bid is not None:
        space["reservationBid"] = {"issuevalues": dict(reservation_bid)}
    return {PROFILE_KEY: space}


def dumps(data: Any) -> str:
    """JSON text as GeniusWeb files are usually laid out (indented, UTF-8)."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def export_files(case: Case) -> dict[str, str]:
    """A GeniusWeb domain file and one profile per side's negotiator (name → JSON text).

    Issue keys are the issue ids. GeniusWeb's utilities are absolute, so weights
    and values are written as leveltwo holds them (weights summing to 1, values
    in [0, 1]) and every deal keeps its utility. An issue of evenly spaced
    numbers whose values are linear for both negotiators is a number range with
    ``numberutils``; every other issue is a discrete value set. GeniusWeb holds
    no reservation value, only a reservation bid, so none is written.
    """
    value_sets: list[Any] = []
    per_side: list[dict[str, Any]] = [{} for _ in case.sides]
    for k, issue in enumerate(case.issues):
        sides_utils = [
            issue_values(issue.options, s.negotiator.preferences.values[k])[1] for s in case.sides
        ]
        if all(u is not None and NUMBER_KEYS[0] in u for u in sides_utils):
            value_sets.append(issue_values(issue.options, None)[0])
        else:
            value_sets.append({"values": list(issue.options)})
            sides_utils = [
                {
                    DISCRETE_KEYS[0]: {
                        "valueUtilities": dict(
                            zip(issue.options, s.negotiator.preferences.values[k], strict=True)
                        )
                    }
                }
                for s in case.sides
            ]
        for j, utils in enumerate(sides_utils):
            per_side[j][issue.id] = utils
    domain = domain_json(
        case.title, [(i.id, v) for i, v in zip(case.issues, value_sets, strict=True)]
    )
    from leveltwo.io.genius_export import domain_file, profile_file

    files = {domain_file(case, "json"): dumps(domain)}
    for side, utils in zip(case.sides, per_side, strict=True):
        weights = dict(
            zip((i.id for i in case.issues), side.negotiator.preferences.weights, strict=True)
        )
        files[profile_file(side.id, "json")] = dumps(profile_json(side.id, domain, weights, utils))
    return files
