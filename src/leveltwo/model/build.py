"""Validate a case file and build the frozen :class:`Case` from it.

Validation reports every problem at once: structural ones found by the
pydantic schema (types, bounds, unknown fields) and cross-reference ones found
here (unknown issue or option ids, duplicates, weights that sum to zero, values
that do not cover an issue's options, a proposal that names an unknown option
or leaves an issue out). Each problem names the path of the field.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import cache
from typing import Any

from pydantic import ValidationError

from leveltwo.errors import CaseError, DealError, Problem
from leveltwo.model.bargaining import bargaining_of, check_bargaining
from leveltwo.model.case import (
    Bloc,
    Case,
    Constituency,
    Issue,
    Negotiator,
    Preferences,
    Side,
)
from leveltwo.model.constraints import check_constraints, constraints_of
from leveltwo.model.correlation import check_factors, correlation_from_files
from leveltwo.model.deal import Deal
from leveltwo.model.fields import ASSUMED_WHEN_ABSENT, INHERITED, Inherit
from leveltwo.model.fitted import check_fitted, notes_from_file
from leveltwo.model.influence import check_influences, network_from_file
from leveltwo.model.keys import NEGOTIATOR_ID, StakeholderKey
from leveltwo.model.labels import issue_labels, option_label
from leveltwo.model.level2build import (
    case_level2_of,
    check_level2,
    level2_params,
    params_of,
    stakeholder_keys,
)
from leveltwo.model.money import check_money, money_of
from leveltwo.model.risks import risks_from_file
from leveltwo.model.schema import (
    BlocFile,
    CaseFile,
    ConstituencyFile,
    NegotiatorFile,
    SideFile,
    Values,
    Weights,
)
from leveltwo.model.suggest import did_you_mean

#: Weights summing to 1 within this (times their count) are not divided by their sum.
WEIGHT_SUM_TOLERANCE = 4 * sys.float_info.epsilon


# ---------------------------------------------------------------------------
# paths
def join(path: str, key: str | int) -> str:
    """Extend a field path: ``sides`` + 1 → ``sides[1]``, + ``id`` → ``sides[1].id``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def describe(value: object) -> str:
    """How a found value reads in a message."""
    if value is None:
        return "nothing"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


# ---------------------------------------------------------------------------
# structural problems (pydantic)
def _structural(data: Any) -> tuple[CaseFile | None, list[Problem]]:
    """The file model of ``data`` (validated once), or the structural problems."""
    try:
        return CaseFile.model_validate(data), []
    except ValidationError as exc:
        found: list[tuple[tuple[str | int, ...], Problem]] = []
        for err in exc.errors():
            keys, node = _real_keys(data, err["loc"])
            path = ""
            for k in keys:
                path = join(path, k)
            found.append((keys, _problem_from_pydantic(path, err, node)))
        # Drop problems that only restate, at a parent, a deeper problem (unions).
        deep = [k for k, _ in found]
        kept = [p for k, p in found if not any(len(o) > len(k) and o[: len(k)] == k for o in deep)]
        return None, _merge_same_path(kept)


def _real_keys(data: Any, loc: Sequence[str | int]) -> tuple[tuple[str | int, ...], Any]:
    """The part of a pydantic location that names real keys (union tags dropped)."""
    keys: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, Mapping) and part in node:
            keys.append(str(part))  # a mapping key, even a number: `.12`, not `[12]`
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            keys.append(part)
            node = node[part]
        elif (
            isinstance(node, Mapping)
            and isinstance(part, str)
            and "[" not in part
            and part[:1].islower()
            and part not in {"str", "int", "float", "bool"}
        ):
            # a missing field: it is still the place to name
            keys.append(part)
            node = None
    return tuple(keys), node


def _problem_from_pydantic(path: str, err: Any, node: Any) -> Problem:
    kind = err["type"]
    if kind == "missing":
        return Problem(path, "a value (this field is required)", "nothing")
    if kind == "extra_forbidden":
        key = str(err["loc"][-1]) if err.get("loc") else ""
        return Problem(
            path,
            "a known field (see `leveltwo schema`)",
            "an unknown field",
            suggestion=did_you_mean(key, known_fields()),
        )
    msg = str(err["msg"])
    expected = msg.removeprefix("Input should be ").removeprefix("Value error, ")
    if expected.startswith(("greater", "less")):
        expected = "a number " + expected
    if kind == "literal_error" and path.endswith("power"):
        expected = "one of 'ratify', 'block', 'influence'"
    return Problem(path, expected, describe(err.get("input", node)))


@cache
def known_fields() -> frozenset[str]:
    """Every field name the case-file schema declares, at any depth (for "did you mean")."""
    names: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, Mapping):
            props = node.get("properties")
            if isinstance(props, Mapping):
                names.update(str(k) for k in props)
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(CaseFile.model_json_schema())
    return frozenset(names)


def _merge_same_path(problems: list[Problem]) -> list[Problem]:
    merged: dict[str, Problem] = {}
    for p in problems:
        if p.path in merged:
            old = merged[p.path]
            merged[p.path] = replace(old, expected=f"{old.expected}, or {p.expected}")
        else:
            merged[p.path] = p
    return list(merged.values())


# ---------------------------------------------------------------------------
# cross-reference problems (walk the raw data defensively)
class _UnknownOptions(list[str]):
    """The options of an issue whose ``options`` field is itself malformed.

    That field is reported once (by the schema); references to the issue and
    its options are then taken as valid instead of cascading into more problems.
    """

    def __contains__(self, item: object) -> bool:
        return True


class _Checker:
    def __init__(self, data: Mapping[str, Any]) -> None:
        self.data = data
        self.problems: list[Problem] = []
        self.issues: dict[str, list[str]] = {}
        self._sets: dict[str, set[str]] = {}

    def add(self, path: str, expected: str, found: str) -> None:
        self.problems.append(Problem(path, expected, found))

    def run(self) -> list[Problem]:
        issues = self.data.get("issues")
        if isinstance(issues, list):
            self._issues(issues)
        sides = self.data.get("sides")
        side_ids: list[str] = []
        if isinstance(sides, list):
            for si, side in enumerate(sides):
                if isinstance(side, Mapping):
                    self._side(join("sides", si), side)
                    if isinstance(side.get("id"), str):
                        side_ids.append(side["id"])
            self._duplicates(
                "sides", [s.get("id") if isinstance(s, Mapping) else None for s in sides]
            )
        us = self.data.get("us")
        if isinstance(us, str) and side_ids and us not in side_ids:
            self.add("us", f"one of the side ids {side_ids}", repr(us))
        proposal = self.data.get("proposal")
        if isinstance(proposal, Mapping):
            self.problems.extend(check_deal_labels(self.issues, proposal, "proposal"))
        opening = self.data.get("opening")
        if isinstance(opening, Mapping):
            self.problems.extend(check_deal_labels(self.issues, opening, "opening"))
        their_opening = self.data.get("their_opening")
        if isinstance(their_opening, Mapping):
            self.problems.extend(check_deal_labels(self.issues, their_opening, "their_opening"))
        level2 = self.data.get("level2")
        if isinstance(level2, Mapping):
            self.problems.extend(check_level2(level2, self.issues, stakeholder_keys(self.data)))
        keys = stakeholder_keys(self.data)
        self.problems += check_factors(self.data, keys) + check_influences(self.data, keys)
        self.problems += check_fitted(self.data, keys, self.issues)
        if isinstance(self.data.get("bargaining"), Mapping):
            self.problems.extend(check_bargaining(self.data["bargaining"], side_ids))
        self.problems.extend(check_constraints(self.data.get("constraints"), self.issues))
        self.problems.extend(check_money(self.data, self.issues))
        return self.problems

    def _duplicates(self, path: str, ids: Sequence[object]) -> None:
        seen: set[object] = set()
        for i, x in enumerate(ids):
            if isinstance(x, str):
                if x in seen:
                    self.add(
                        join(join(path, i), "id"), "an id not used before in this list", repr(x)
                    )
                seen.add(x)

    def _issues(self, issues: list[Any]) -> None:
        self._duplicates(
            "issues", [i.get("id") if isinstance(i, Mapping) else None for i in issues]
        )
        for ii, issue in enumerate(issues):
            if not isinstance(issue, Mapping) or not isinstance(issue.get("id"), str):
                continue
            path = join(join("issues", ii), "options")
            labels = issue_labels(issue.get("options"))
            if labels is None or _malformed_range(issue.get("options")):
                self.issues.setdefault(issue["id"], _UnknownOptions())
                continue
            if not labels:
                self.add(path, "at least one option", "none")
            seen: set[str] = set()
            for oi, label in enumerate(labels):
                if label in seen:
                    self.add(join(path, oi), "an option label not used before", repr(label))
                seen.add(label)
            self.issues.setdefault(issue["id"], labels)

    def _side(self, path: str, side: Mapping[str, Any]) -> None:
        neg = side.get("negotiator")
        if isinstance(neg, Mapping):
            self._preferences(join(path, "negotiator"), neg, required=True)
        risks = side.get("implementation_risks")
        if isinstance(risks, list):
            rids = [r.get("id") if isinstance(r, Mapping) else None for r in risks]
            self._duplicates(join(path, "implementation_risks"), rids)
        cons = side.get("constituencies")
        if not isinstance(cons, list):
            return
        ids = [c.get("id") if isinstance(c, Mapping) else None for c in cons]
        self._duplicates(join(path, "constituencies"), ids)
        for ci, c in enumerate(cons):
            if not isinstance(c, Mapping):
                continue
            cpath = join(join(path, "constituencies"), ci)
            if c.get("id") == NEGOTIATOR_ID:
                self.add(
                    join(cpath, "id"), "an id other than 'negotiator' (reserved)", "'negotiator'"
                )
            raw_blocs = c.get("blocs")
            blocs: list[Any] = raw_blocs if isinstance(raw_blocs, list) else []
            blocs_all_weighted = bool(blocs) and all(
                isinstance(b, Mapping) and b.get("weights") is not None for b in blocs
            )
            self._preferences(cpath, c, required=not blocs_all_weighted)
            self._duplicates(
                join(cpath, "blocs"),
                [b.get("id") if isinstance(b, Mapping) else None for b in blocs],
            )
            for bi, b in enumerate(blocs):
                if not isinstance(b, Mapping):
                    continue
                bpath = join(join(cpath, "blocs"), bi)
                self._preferences(bpath, b, required=False, parent=c)

    def _preferences(
        self,
        path: str,
        node: Mapping[str, Any],
        *,
        required: bool,
        parent: Mapping[str, Any] | None = None,
    ) -> None:
        weights = node.get("weights")
        values = node.get("values")
        if weights is None and required:
            self.add(join(path, "weights"), "a mapping issue id → weight", "nothing")
        if isinstance(weights, Mapping):
            for iid in weights:
                if iid not in self.issues:
                    self.add(
                        join(join(path, "weights"), str(iid)),
                        f"an issue id {self._ids()}",
                        repr(iid),
                    )
            numbers = [w for w in weights.values() if isinstance(w, int | float)]
            if len(numbers) == len(weights) and sum(numbers) <= 0 and all(w >= 0 for w in numbers):
                self.add(join(path, "weights"), "at least one positive weight", "all weights zero")
        if isinstance(values, Mapping):
            for iid, spec in values.items():
                vpath = join(join(path, "values"), str(iid))
                if iid not in self.issues:
                    self.add(vpath, f"an issue id {self._ids()}", repr(iid))
                elif isinstance(spec, Mapping):
                    known = self._label_set(iid)
                    for opt in spec:
                        if option_label(opt) not in known:
                            self.add(
                                join(vpath, str(opt)),
                                f"an option of '{iid}' {self.issues[iid]}",
                                repr(opt),
                            )
        # an issue with positive weight needs values covering every option
        own_values = values if isinstance(values, Mapping) else {}
        if parent is None:
            eff_weights, eff_values = weights, own_values
        else:  # a bloc: inheritance as the case is built
            inputs = bloc_inputs(node, parent)
            eff_weights, eff_values = inputs["weights"], inputs["values"]
        if not isinstance(eff_weights, Mapping):
            return
        for iid, w in eff_weights.items():
            if iid not in self.issues or not isinstance(w, int | float) or w <= 0:
                continue
            spec = eff_values.get(iid)
            if spec is None:
                # a bloc that inherits everything reports nothing: the parent reports it
                if parent is None or weights is not None:
                    self.add(
                        join(join(path, "values"), iid),
                        f"values for issue '{iid}' (it has positive weight)",
                        "nothing",
                    )
            elif isinstance(spec, Mapping):
                present = {option_label(k) for k in spec}  # once, not per option
                missing = [o for o in self.issues[iid] if o not in present]
                if missing and iid in own_values:
                    self.add(
                        join(join(path, "values"), iid),
                        f"a value for every option of '{iid}'",
                        f"none for {missing}",
                    )

    def _ids(self) -> str:
        return str(sorted(self.issues))

    def _label_set(self, iid: str) -> list[str] | set[str]:
        """An issue's labels for membership tests in constant time (linear validation)."""
        labels = self.issues[iid]
        if isinstance(labels, _UnknownOptions):
            return labels
        cached = self._sets.get(iid)
        if cached is None:
            cached = self._sets[iid] = set(labels)
        return cached


def _malformed_range(options: object) -> bool:
    if not isinstance(options, Mapping):
        return False
    step = options.get("step", 1)
    return not isinstance(step, int | float) or step <= 0


def check_deal_labels(
    issues: Mapping[str, Sequence[str]], deal: Mapping[str, object], path: str
) -> list[Problem]:
    """Problems with a deal given as issue id → option label."""
    problems: list[Problem] = []
    for iid, opt in deal.items():
        if iid not in issues:
            problems.append(
                Problem(join(path, str(iid)), f"an issue id {sorted(issues)}", repr(iid))
            )
        elif option_label(opt) not in issues[iid]:
            problems.append(
                Problem(
                    join(path, str(iid)),
                    f"an option of '{iid}' {list(issues[iid])}",
                    repr(option_label(opt)),
                )
            )
    for iid in issues:
        if iid not in deal:
            problems.append(
                Problem(
                    join(path, iid),
                    f"an option for issue '{iid}'",
                    "nothing (every issue needs one)",
                )
            )
    return problems


def checked_file(data: Any) -> tuple[CaseFile | None, list[Problem]]:
    """Validate parsed case data once: the file model (None when the data is not a valid
    case) and every problem, structural (pydantic) and cross-reference (this module)."""
    if not isinstance(data, Mapping):
        return None, [
            Problem(
                "",
                "a mapping with the fields of a case (leveltwo, title, issues, sides)",
                describe(data),
            )
        ]
    model, problems = _structural(data)
    problems += _Checker(data).run()
    seen: set[tuple[str, str]] = set()
    unique = []
    for p in problems:
        if (p.path, p.expected) not in seen:
            seen.add((p.path, p.expected))
            unique.append(p)
    return (model if not unique else None), unique


def validate_case_data(data: Any) -> list[Problem]:
    """Every problem with a parsed case file, structural and cross-reference."""
    return checked_file(data)[1]


# ---------------------------------------------------------------------------
# building
def build_case(data: Any, source: str | None = None) -> Case:
    """Validate parsed case data (once) and build the :class:`Case`; raise :class:`CaseError`."""
    model, problems = checked_file(data)
    if model is None:
        raise CaseError(problems, source)
    return case_from_file(model)


def _resolve_values(spec: object, options: Sequence[str]) -> tuple[float, ...]:
    k = len(options)
    if spec == "ascending":
        return tuple(j / (k - 1) if k > 1 else 1.0 for j in range(k))
    if spec == "descending":
        return tuple(1.0 - j / (k - 1) if k > 1 else 1.0 for j in range(k))
    if isinstance(spec, Mapping):
        table = {option_label(o): float(v) for o, v in spec.items()}
        return tuple(table.get(o, 0.0) for o in options)
    return tuple(0.0 for _ in options)


def normalised_weights(issues: Sequence[Issue], weights: Mapping[str, float]) -> tuple[float, ...]:
    """Weights aligned with ``issues``, divided by their sum (all 0 when the sum is not positive).

    Weights that already sum to 1 up to floating-point rounding (within
    :data:`WEIGHT_SUM_TOLERANCE` per weight) are taken as written, so normalised
    weights written back to a file read back bit for bit.
    """
    total = sum(weights.values())
    if total <= 0:
        return tuple(0.0 for _ in issues)
    if abs(total - 1.0) <= WEIGHT_SUM_TOLERANCE * max(len(weights), 1):
        return tuple(float(weights.get(i.id, 0.0)) for i in issues)
    return tuple(weights.get(i.id, 0.0) / total for i in issues)


def _preferences(issues: Sequence[Issue], weights: Weights, values: Values) -> Preferences:
    ws = normalised_weights(issues, weights)
    vs = tuple(_resolve_values(values.get(i.id), i.options) for i in issues)
    return Preferences(ws, vs)


def case_from_file(f: CaseFile) -> Case:
    """Build the domain case from a validated file model."""
    issues = tuple(
        Issue(i.id, i.name or i.id, tuple(issue_labels(_raw_options(i.options)) or []))
        for i in f.issues
    )
    sides = tuple(_side(s, issues) for s in f.sides)
    proposal = None
    if f.proposal is not None:
        proposal = deal_from_labels(issues, f.proposal, "proposal")
    opening = None
    if f.opening is not None:
        opening = deal_from_labels(issues, f.opening, "opening")
    their_opening = None
    if f.their_opening is not None:
        their_opening = deal_from_labels(issues, f.their_opening, "their_opening")
    return Case(
        opening=opening,
        their_opening=their_opening,
        title=f.title,
        description=f.description,
        issues=issues,
        sides=(sides[0], sides[1]),
        us=f.us or sides[0].id,
        proposal=proposal,
        level2=case_level2_of(f.level2),
        extensions=correlation_from_files(f.factors)
        + network_from_file(f)
        + notes_from_file(f.fitted),
        bargaining=bargaining_of(f.bargaining, [s.id for s in sides]),
        constraints=constraints_of(f.constraints),
        money=money_of(f.money),
    )


def _raw_options(options: object) -> object:
    if hasattr(options, "model_dump"):
        return options.model_dump()
    return options


def _side(s: SideFile, issues: Sequence[Issue]) -> Side:
    neg = _negotiator(s.id, s.negotiator, issues)
    cons = tuple(_constituency(s.id, c, issues) for c in s.constituencies)
    return Side(s.id, s.name or s.id, neg, cons, s.no_deal, risks_from_file(s.implementation_risks))


def _negotiator(sid: str, n: NegotiatorFile, issues: Sequence[Issue]) -> Negotiator:
    return Negotiator(
        key=StakeholderKey.of(sid),
        id=NEGOTIATOR_ID,
        name=n.name or "Negotiator",
        preferences=_preferences(issues, n.weights, n.values),
        reservation=n.reservation,
        uncertainty=n.uncertainty,
        level2=params_of(n),
    )


def bloc_inputs(
    b: BlocFile | Mapping[str, Any], parent: ConstituencyFile | Mapping[str, Any]
) -> dict[str, Any]:
    """A bloc's inputs with inheritance applied: for every field a bloc inherits
    (:data:`~leveltwo.model.fields.INHERITED`), its own where given, else its
    constituency's (a mapping inherited by key: the bloc's entries over the parent's).

    The one rule of inheritance, for the file models (building) and for the raw data
    (the checks of value coverage, which run before the data is known to be valid).
    """
    out: dict[str, Any] = {}
    for spec in INHERITED:
        own, up = _get(b, spec.name), _get(parent, spec.name)
        if spec.inherit is Inherit.BY_KEY:
            out[spec.name] = {
                **(up if isinstance(up, Mapping) else {}),
                **(own if isinstance(own, Mapping) else {}),
            }
        else:
            out[spec.name] = up if own is None else own
    return out


def _get(node: object, name: str) -> Any:
    return node.get(name) if isinstance(node, Mapping) else getattr(node, name)


def _bloc(key: StakeholderKey, b: BlocFile, c: ConstituencyFile, issues: Sequence[Issue]) -> Bloc:
    inputs = bloc_inputs(b, c)
    given = {n for n in ASSUMED_WHEN_ABSENT if getattr(b, n) is not None} | c.model_fields_set
    return Bloc(
        key=key.child(b.id),
        id=b.id,
        name=b.name or b.id,
        preferences=_preferences(issues, inputs["weights"] or {}, inputs["values"]),
        reservation=inputs["reservation"],
        uncertainty=inputs["uncertainty"],
        share=b.share,
        level2=level2_params(inputs, given),
    )


def _constituency(sid: str, c: ConstituencyFile, issues: Sequence[Issue]) -> Constituency:
    key = StakeholderKey.of(sid, c.id)
    return Constituency(
        key=key,
        id=c.id,
        name=c.name or c.id,
        preferences=_preferences(issues, c.weights or {}, c.values),
        reservation=c.reservation,
        uncertainty=c.uncertainty,
        power=c.power,
        quota=c.quota,
        strength=c.strength,
        blocs=tuple(_bloc(key, b, c, issues) for b in c.blocs),
        level2=params_of(c),
    )


def deal_from_labels(
    issues: Sequence[Issue], labels: Mapping[str, object], path: str = "deal"
) -> Deal:
    """A :class:`Deal` from issue id → option label; raise :class:`DealError` on problems."""
    problems = check_deal_labels({i.id: i.options for i in issues}, labels, path)
    if problems:
        raise DealError(problems)
    return Deal(tuple(i.options.index(option_label(labels[i.id])) for i in issues))
