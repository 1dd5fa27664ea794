"""Validate and build the Level II parts of a case file (docs/strategies.md).

Per stakeholder: the Level II parameters declared in :mod:`leveltwo.model.fields`
(blocs inherit each from their constituency unless they give their own; the one
loop of :func:`leveltwo.model.build.bloc_inputs`). Per case, under ``level2:``: the
categories allowed, a budget, the enforceability of a tacit agreement, the
compensation on offer, process terms, third parties, statements, rule changes
and the cost of process signals.

Structural checks (types, bounds, unknown fields) are pydantic's; this module
checks cross-references (stakeholder keys, issues and options, duplicate ids,
probabilities that must sum to 1) and builds the frozen dataclasses of
:mod:`leveltwo.model.case`.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

from leveltwo.errors import Problem
from leveltwo.model.case import (
    DEFAULT_ALLOWED,
    DEFAULT_CREDIT,
    CaseLevel2,
    Level2Params,
    NewTerm,
    Offer,
    Power,
    ProcessTerm,
    RuleChange,
    Signal,
    Statement,
    ThirdParty,
)
from leveltwo.model.fields import (
    ASSUMED_WHEN_ABSENT,
    LEVEL2_NUMBERS,
    LEVEL2_PARAMS,
    STAKEHOLDER_REFERENCES,
    Shape,
)
from leveltwo.model.keys import NEGOTIATOR_ID, StakeholderKey, is_key
from leveltwo.model.labels import option_label
from leveltwo.model.schema import Credits, Level2File, _Level2Stakeholder

#: Probabilities of a process term's outcomes must sum to 1 within this.
SUM_TOLERANCE = 1e-6


def join(path: str, key: str | int) -> str:
    """Extend a field path as :func:`leveltwo.model.build.join` does."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def stakeholder_keys(data: Mapping[str, Any]) -> dict[str, str]:
    """Every stakeholder key of raw case data → its kind (negotiator, constituency, bloc)."""
    keys: dict[str, str] = {}
    sides = data.get("sides")
    if not isinstance(sides, list):
        return keys
    for side in sides:
        if not isinstance(side, Mapping) or not isinstance(side.get("id"), str):
            continue
        sid = side["id"]
        keys[f"{sid}.{NEGOTIATOR_ID}"] = "negotiator"
        cons = side.get("constituencies")
        for c in cons if isinstance(cons, list) else []:
            if not isinstance(c, Mapping) or not isinstance(c.get("id"), str):
                continue
            ckey = f"{sid}.{c['id']}"
            keys[ckey] = "constituency"
            blocs = c.get("blocs")
            for b in blocs if isinstance(blocs, list) else []:
                if isinstance(b, Mapping) and isinstance(b.get("id"), str):
                    keys[f"{ckey}.{b['id']}"] = "bloc"
    return keys


# ---------------------------------------------------------------------------
# cross-reference checks
class _Level2Checker:
    def __init__(self, issues: Mapping[str, Sequence[str]], keys: Mapping[str, str]) -> None:
        self.issues = issues
        self.keys = keys
        self.problems: list[Problem] = []

    def add(self, path: str, expected: str, found: str) -> None:
        self.problems.append(Problem(path, expected, found))

    def key(self, path: str, value: object, kinds: tuple[str, ...] | None = None) -> None:
        if not is_key(value):
            return  # not a key at all: the schema reports it (StakeholderKey)
        kind = self.keys.get(value)
        if kind is None:
            shown = sorted(self.keys)
            listing = str(shown) if len(shown) <= 12 else str(shown[:12])[:-1] + ", ...]"
            self.add(path, f"a stakeholder key {listing}", repr(value))
        elif kinds is not None and kind not in kinds:
            self.add(path, f"the key of a {' or '.join(kinds)}", f"a {kind} ({value!r})")

    def keys_in(self, path: str, values: object) -> None:
        if isinstance(values, list):
            for k, v in enumerate(values):
                self.key(join(path, k), v)
        elif isinstance(values, Mapping):
            for v in values:
                self.key(join(path, str(v)), v)

    def option(self, path: str, issue: object, option: object) -> None:
        if not isinstance(issue, str) or issue not in self.issues or option is None:
            return
        if option_label(option) not in self.issues[issue]:
            self.add(path, f"an option of '{issue}' {list(self.issues[issue])}", repr(option))

    def issue(self, path: str, issue: object) -> None:
        if isinstance(issue, str) and issue not in self.issues:
            self.add(path, f"an issue id {sorted(self.issues)}", repr(issue))

    def ids(self, path: str, items: object) -> None:
        if not isinstance(items, list):
            return
        seen: set[str] = set()
        for k, item in enumerate(items):
            if isinstance(item, Mapping) and isinstance(item.get("id"), str):
                if item["id"] in seen:
                    self.add(join(join(path, k), "id"), "an id not used before in this list", "")
                seen.add(item["id"])

    def run(self, level2: Mapping[str, Any]) -> list[Problem]:
        for name in ("compensation", "process_terms", "third_parties", "statements"):
            self.ids(join("level2", name), level2.get(name))
        self.ids(join("level2", "rule_changes"), level2.get("rule_changes"))
        for k, offer in _items(level2.get("compensation")):
            self._offer(join(join("level2", "compensation"), k), offer)
        for k, term in _items(level2.get("process_terms")):
            self._process(join(join("level2", "process_terms"), k), term)
        for ref in STAKEHOLDER_REFERENCES:
            for k, entry in _items(level2.get(ref.entries)):
                path = join(join(join("level2", ref.entries), k), ref.field)
                if ref.shape is Shape.ONE:
                    self.key(path, entry.get(ref.field), ref.kinds)
                else:
                    self.keys_in(path, entry.get(ref.field))
        for k, rule in _items(level2.get("rule_changes")):
            path = join(join("level2", "rule_changes"), k)
            if all(rule.get(f) is None for f in ("power", "quota", "strength")):
                self.add(path, "at least one of power, quota, strength", "none of them")
        return self.problems

    def _offer(self, path: str, offer: Mapping[str, Any]) -> None:
        is_term = offer.get("issue") is not None
        if is_term:
            for field in ("value", "cost"):
                if offer.get(field) is not None:
                    self.add(
                        join(path, field),
                        "no side-payment field on a new option (its value to each "
                        "stakeholder goes in `values`, our cost follows from ours)",
                        "one",
                    )
            self.issue(join(path, "issue"), offer.get("issue"))
            name = offer.get("name") or offer.get("id")
            if isinstance(offer.get("issue"), str) and name in self.issues.get(offer["issue"], ()):
                self.add(join(path, "name"), "a label that is not already an option", repr(name))
            if offer.get("like") is None:
                self.add(join(path, "like"), "the existing option it is valued like", "nothing")
            self.option(join(path, "like"), offer.get("issue"), offer.get("like"))
        else:
            if offer.get("value") is None:
                self.add(
                    join(path, "value"),
                    "a mapping stakeholder key → utility (or `issue` and `like` for a new option)",
                    "nothing",
                )
            if offer.get("like") is not None or offer.get("values") is not None:
                self.add(path, "`issue` with `like` and `values`", "no issue")

    def _process(self, path: str, term: Mapping[str, Any]) -> None:
        issue = term.get("issue")
        self.issue(join(path, "issue"), issue)
        outcomes = term.get("outcomes")
        if not isinstance(outcomes, Mapping):
            return
        for opt in outcomes:
            self.option(join(join(path, "outcomes"), str(opt)), issue, opt)
        numbers = [p for p in outcomes.values() if isinstance(p, int | float)]
        if len(numbers) == len(outcomes) and abs(sum(numbers) - 1.0) > SUM_TOLERANCE:
            self.add(join(path, "outcomes"), "probabilities that sum to 1", f"sum {sum(numbers)}")


def _items(items: object) -> list[tuple[int, Mapping[str, Any]]]:
    if not isinstance(items, list):
        return []
    return [(k, x) for k, x in enumerate(items) if isinstance(x, Mapping)]


def check_level2(
    level2: Mapping[str, Any], issues: Mapping[str, Sequence[str]], keys: Mapping[str, str]
) -> list[Problem]:
    """Cross-reference problems of a case file's ``level2`` block."""
    return _Level2Checker(issues, keys).run(level2)


# ---------------------------------------------------------------------------
# building
def credits_of(spec: Credits | None) -> tuple[tuple[Signal, float], ...]:
    """Credits as (signal, credit) pairs in signal order; a list gives the default credit."""
    if spec is None:
        return ()
    if isinstance(spec, Mapping):
        table = {Signal(k): float(v) for k, v in spec.items()}
    else:
        table = {Signal(k): DEFAULT_CREDIT for k in spec}
    return tuple((s, table[s]) for s in Signal if s in table)


def level2_params(inputs: Mapping[str, Any], given: Collection[str]) -> Level2Params:
    """The Level II parameters from a stakeholder's inputs (field name → file value, for
    every field of :data:`~leveltwo.model.fields.LEVEL2_PARAMS`); ``given`` names the
    fields the file spelt out (the others are stated as assumptions where declared so)."""
    numbers = {name: float(inputs[name]) for name in LEVEL2_NUMBERS}
    return Level2Params(
        **numbers,
        credits=credits_of(inputs["credits"]),
        assumed=tuple(n for n in ASSUMED_WHEN_ABSENT if n not in given),
    )


def params_of(f: _Level2Stakeholder) -> Level2Params:
    """The Level II parameters of a negotiator or constituency in the file."""
    return level2_params({p.name: getattr(f, p.name) for p in LEVEL2_PARAMS}, f.model_fields_set)


def _defaulted(f: Any, names: Sequence[str]) -> tuple[str, ...]:
    """The fields among ``names`` the file did not give (they took their default)."""
    given: set[str] = getattr(f, "model_fields_set", set())
    return tuple(n for n in names if n not in given)


def _pairs(mapping: Mapping[StakeholderKey, float] | None) -> tuple[tuple[str, float], ...]:
    return tuple((k, float(v)) for k, v in (mapping or {}).items())


def case_level2_of(f: Level2File | None) -> CaseLevel2:
    """The case-level Level II inputs (empty when the file has no ``level2`` block)."""
    if f is None:
        return CaseLevel2()
    offers: list[Offer] = []
    terms: list[NewTerm] = []
    for o in f.compensation:
        if o.issue is not None:
            terms.append(
                NewTerm(o.id, o.name or o.id, o.issue, option_label(o.like), _pairs(o.values))
            )
        else:
            offers.append(
                Offer(
                    o.id,
                    o.name or o.id,
                    _pairs(o.value),
                    o.cost or 0.0,
                    assumed=() if o.cost is not None else ("cost",),
                )
            )
    return CaseLevel2(
        allowed=DEFAULT_ALLOWED if f.allowed is None else tuple(f.allowed),
        budget=f.budget,
        tacit_enforceability=f.tacit_enforceability,
        offers=tuple(offers),
        new_terms=tuple(terms),
        process_terms=tuple(
            ProcessTerm(
                p.id,
                p.name or p.id,
                p.issue,
                tuple((option_label(k), float(v)) for k, v in p.outcomes.items()),
            )
            for p in f.process_terms
        ),
        third_parties=tuple(
            ThirdParty(
                t.id,
                t.name or t.id,
                tuple(t.reaches),
                t.strength,
                t.backlash,
                t.cost,
                assumed=_defaulted(t, ("backlash", "cost")),
            )
            for t in f.third_parties
        ),
        statements=tuple(
            Statement(s.id, s.text, s.kind, tuple(s.touches), tuple(s.pleases), tuple(s.angers))
            for s in f.statements
        ),
        rule_changes=tuple(
            RuleChange(
                r.id,
                r.name or r.id,
                r.target,
                None if r.power is None else Power(r.power),
                r.quota,
                r.strength,
                r.legitimacy_risk,
                r.cost,
                assumed=_defaulted(r, ("legitimacy_risk", "cost")),
            )
            for r in f.rule_changes
        ),
        signal_costs=tuple((s, float(f.signal_costs[s])) for s in Signal if s in f.signal_costs),
    )
