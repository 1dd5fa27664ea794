"""Write a :class:`Case` back to case-file YAML, editing an existing file in place.

:func:`write_case` is the inverse of :func:`leveltwo.io.casefile.case_from_text`:
``case_from_text(write_case(case)) == case`` bit for bit (floats are written
with ``repr``, weights already normalised read back as written). Given the text
the case came from (``base_text``), it edits that text instead of writing a new
one: comments, key order, quoting and layout survive, and only the fields whose
meaning changed are rewritten. A weight is rewritten as a number on the file's
own scale (``{pay: 3, scope: 1}`` → ``{pay: 4, scope: 1}``), not as a
normalised fraction, whenever such a number gives exactly the case's weights.

The writer works in three steps:

1. :func:`case_data` turns the case into plain data (dicts, lists, scalars), the
   document a person would write: defaults and what a bloc inherits are left
   out, ``ascending``/``descending`` replace the tables they stand for. Given the
   parsed base file (``like``), it also keeps what that file spells out
   explicitly and the form it uses (a table rather than a shorthand, the order of
   a list of credits, the scale of the weights).
2. The base file is read with ruamel.yaml in round-trip mode and merged with
   that data: equal values keep their node (and its comments), lists of items
   with ids are matched by id, keys this writer does not own are left alone.
3. The result is read back; if it does not give the case exactly, the canonical
   document (step 1 without the base) is written instead.

A new case-file block adds its emitter to :data:`BLOCK_EMITTERS` (the top-level
key, and a function from the case to plain data or ``None`` for "absent").
"""

from __future__ import annotations

import functools
import io
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import yaml as pyyaml

from leveltwo.errors import CaseError
from leveltwo.model.bargaining import bargaining_data
from leveltwo.model.build import normalised_weights
from leveltwo.model.case import (
    DEFAULT_ALLOWED,
    DEFAULT_CREDIT,
    NEGOTIATOR_NAME,
    Bloc,
    Case,
    CaseLevel2,
    Constituency,
    ImplementationRisk,
    Issue,
    Level2Params,
    Negotiator,
    Power,
    Side,
    Stakeholder,
)
from leveltwo.model.constraints import constraints_data
from leveltwo.model.correlation import factors_block
from leveltwo.model.deal import Deal
from leveltwo.model.fields import FIELDS, LEVEL2_NUMBERS, STAKEHOLDER_FIELDS, Held, default_of
from leveltwo.model.fitted import fitted_block
from leveltwo.model.influence import put_influence_fields
from leveltwo.model.keys import StakeholderKey
from leveltwo.model.labels import option_label
from leveltwo.model.money import money_data
from leveltwo.model.risks import risk_data

Data = dict[str, Any]
Like = Mapping[str, Any] | None

#: The top-level keys this writer owns, in the order it writes them.
TOP_KEYS = (
    "leveltwo",
    "title",
    "description",
    "us",
    "issues",
    "sides",
    "proposal",
    "opening",
    "their_opening",
)

#: Emitters of further top-level blocks: key → (case → plain data, or None when absent).
BLOCK_EMITTERS: dict[str, Callable[[Case, Any], Any]] = {
    "factors": factors_block,  # correlated uncertainty (model/correlation.py)
    "fitted": fitted_block,  # provenance of fitted inputs (model/fitted.py)
    "constraints": lambda case, like: constraints_data(case.constraints),
    "money": lambda case, like: money_data(case.money),
    "bargaining": lambda case, like: bargaining_data(case.bargaining, like),
}


#: The Level II numbers of a stakeholder (``credits`` and ``susceptibility`` are written apart).
_LEVEL2_FIELDS = LEVEL2_NUMBERS
#: The keys of a stakeholder this writer owns: its id, name and blocs, and every field
#: of leveltwo.model.fields but those the influence network holds (written by it).
_STAKEHOLDER_KEYS = (
    "id",
    "name",
    *(f.name for f in STAKEHOLDER_FIELDS if f.held is not Held.INFLUENCE),
    "blocs",
)


class _Owned(dict[str, Any]):
    """Plain data for a mapping of which this writer owns only the keys ``owned``.

    A key that is owned and absent is removed from the base file; any other key
    of the base file (a block this writer does not know) is left as it is.
    """

    def __init__(self, owned: Iterable[str]) -> None:
        super().__init__()
        self.owned = frozenset(owned)


# ---------------------------------------------------------------------------
# the case as plain data
def _get(like: Like, key: str) -> Any:
    return like.get(key) if isinstance(like, Mapping) else None


def _has(like: Like, key: str) -> bool:
    return isinstance(like, Mapping) and key in like


def _by_id(items: object) -> dict[str, Mapping[str, Any]]:
    if not isinstance(items, list):
        return {}
    return {x["id"]: x for x in items if isinstance(x, Mapping) and isinstance(x.get("id"), str)}


def _put(out: Data, key: str, value: Any, default: Any, like: Like) -> None:
    """Write ``value`` unless it is the default and the base file leaves it out."""
    if value != default or _has(like, key):
        out[key] = _plain(value)


def _plain(x: Any) -> Any:
    if isinstance(x, Power):
        return str(x.value)
    if isinstance(x, str):
        return str(x)
    if isinstance(x, tuple | list):
        return [_plain(v) for v in x]
    return x


def _shorthand(values: tuple[float, ...]) -> str | None:
    k = len(values)
    up = tuple(j / (k - 1) if k > 1 else 1.0 for j in range(k))
    down = tuple(1.0 - j / (k - 1) if k > 1 else 1.0 for j in range(k))
    if values == up:
        return "ascending"
    if values == down:
        return "descending"
    return None


def _values_spec(issue: Issue, values: tuple[float, ...], like: Any) -> Any:
    """One issue's values: a shorthand when exact (and the base file uses none), else a table."""
    short = _shorthand(values)
    if short is not None and not isinstance(like, Mapping):
        return short
    return {label: v for label, v in zip(issue.options, values, strict=True)}


def _number(x: float, like: object) -> float | int:
    """``x`` as an int when the base file writes this number as an int and ``x`` is whole."""
    if isinstance(like, int) and not isinstance(like, bool) and float(x).is_integer():
        return int(x)
    return x


def _weights_spec(issues: Sequence[Issue], target: tuple[float, ...], like: Any) -> dict[str, Any]:
    """Weights that read back as ``target``, on the base file's scale where that is exact."""
    raw: dict[str, Any] = {}
    if isinstance(like, Mapping):
        raw = {str(k): v for k, v in like.items() if isinstance(v, int | float)}
    known = {i.id for i in issues}
    raw = {k: v for k, v in raw.items() if k in known}

    def exact(w: Mapping[str, float]) -> bool:
        return normalised_weights(issues, w) == target

    if (
        raw
        and exact(raw)
        and set(raw) >= {i.id for i, t in zip(issues, target, strict=True) if t > 0}
    ):
        return raw
    best: dict[str, Any] | None = None
    if raw:
        scales = {
            raw[i.id] / t
            for i, t in zip(issues, target, strict=True)
            if t > 0 and isinstance(raw.get(i.id), int | float) and raw[i.id] > 0
        }
        for scale in sorted(scales):
            candidate = _rescaled(issues, target, raw, scale, exact)
            if candidate is not None and (best is None or _cost(raw, candidate) < _cost(raw, best)):
                best = candidate
    if best is not None:
        return best
    plain: dict[str, Any] = {
        i.id: t for i, t in zip(issues, target, strict=True) if t > 0 or i.id in raw
    }
    return plain


def _cost(raw: Mapping[str, Any], new: Mapping[str, Any]) -> tuple[int, int]:
    """How much an edit of the weights changes: entries, then characters of new numbers."""
    changed = [v for k, v in new.items() if raw.get(k) != v]
    dropped = sum(1 for k in raw if k not in new)
    return len(changed) + dropped, sum(len(repr(v)) for v in changed)


def _rescaled(
    issues: Sequence[Issue],
    target: tuple[float, ...],
    raw: Mapping[str, Any],
    scale: float,
    exact: Callable[[Mapping[str, float]], bool],
) -> dict[str, Any] | None:
    """The base file's weights with the ones that changed rewritten on its scale, if exact."""
    out: dict[str, Any] = {}
    changed: list[str] = []
    for i, t in zip(issues, target, strict=True):
        if i.id not in raw and t == 0:
            continue
        old = raw.get(i.id)
        if isinstance(old, int | float) and (old / scale == t or (t == 0 and old == 0)):
            out[i.id] = old
        else:
            out[i.id] = t * scale
            changed.append(i.id)
    if not exact(out):
        return None
    for key in changed:  # the shortest decimal that keeps the result exact
        full = out[key]
        for digits in range(0, 17):
            short = round(full, digits)
            trial = dict(out)
            trial[key] = _number(short, raw.get(key, 0)) if digits == 0 else short
            if exact(trial):
                out = trial
                break
    return out


def _preferences(
    out: Data,
    issues: Sequence[Issue],
    st: Stakeholder,
    like: Like,
    parent: Stakeholder | None = None,
) -> None:
    prefs = st.preferences
    like_weights = _get(like, "weights")
    inherits = parent is not None and prefs.weights == parent.preferences.weights
    if any(w > 0 for w in prefs.weights) and (not inherits or isinstance(like_weights, Mapping)):
        out["weights"] = _weights_spec(issues, prefs.weights, like_weights)
    like_values = _get(like, "values")
    table: dict[str, Any] = {}
    for k, (issue, values) in enumerate(zip(issues, prefs.values, strict=True)):
        spec_like = like_values.get(issue.id) if isinstance(like_values, Mapping) else None
        if parent is not None:
            inherited = parent.preferences.values[k]
            # the parent writes this issue's values only when it weighs or values it
            parent_writes = parent.preferences.weights[k] > 0 or any(v != 0 for v in inherited)
            needed = values != inherited or (prefs.weights[k] > 0 and not parent_writes)
        else:
            needed = prefs.weights[k] > 0 or any(v != 0 for v in values)
        if needed or (isinstance(like_values, Mapping) and issue.id in like_values):
            table[issue.id] = _values_spec(issue, values, spec_like)
    if table or isinstance(like_values, Mapping):
        out["values"] = table


def _credits(params: Level2Params, like: Any) -> Any:
    pairs = [(str(s.value), c) for s, c in params.credits]
    if isinstance(like, list) and not isinstance(like, str):
        order = {str(s): k for k, s in enumerate(like)}
        pairs.sort(key=lambda p: order.get(p[0], len(order)))
    if all(c == DEFAULT_CREDIT for _, c in pairs) and not isinstance(like, Mapping):
        return [s for s, _ in pairs]
    return dict(pairs)


def _level2_params(
    out: Data, params: Level2Params, like: Like, parent: Level2Params | None = None
) -> None:
    base = parent or Level2Params()
    for name in _LEVEL2_FIELDS:
        _put(out, name, getattr(params, name), getattr(base, name), like)
    if params.credits != base.credits or _has(like, "credits"):
        out["credits"] = _credits(params, _get(like, "credits"))


def _reservation(out: Data, st: Stakeholder, like: Like) -> None:
    """A reservation is always written, unless the base file leaves a 0 out."""
    _put(out, "reservation", st.reservation, None if like is None else 0.0, like)


def _negotiator(issues: Sequence[Issue], n: Negotiator, like: Like) -> Data:
    out = _Owned(_STAKEHOLDER_KEYS)
    _put(out, "name", n.name, NEGOTIATOR_NAME, like)
    _preferences(out, issues, n, like)
    _reservation(out, n, like)
    _put(out, "uncertainty", n.uncertainty, default_of("uncertainty"), like)
    _level2_params(out, n.level2, like)
    return out


def _bloc(issues: Sequence[Issue], b: Bloc, parent: Constituency, like: Like) -> Data:
    out = _Owned(_STAKEHOLDER_KEYS)
    out["id"] = b.id
    _put(out, "name", b.name, b.id, like)
    out["share"] = b.share
    _preferences(out, issues, b, like, parent)
    _put(out, "reservation", b.reservation, parent.reservation, like)
    _put(out, "uncertainty", b.uncertainty, parent.uncertainty, like)
    _level2_params(out, b.level2, like, parent.level2)
    return out


def _constituency(issues: Sequence[Issue], c: Constituency, like: Like) -> Data:
    out = _Owned(_STAKEHOLDER_KEYS)
    out["id"] = c.id
    _put(out, "name", c.name, c.id, like)
    _put(out, "power", c.power, Power(str(FIELDS["power"].default)), like)
    _preferences(out, issues, c, like)
    _reservation(out, c, like)
    _put(out, "uncertainty", c.uncertainty, default_of("uncertainty"), like)
    _put(out, "quota", c.quota, default_of("quota"), like)
    _put(out, "strength", c.strength, default_of("strength"), like)
    _level2_params(out, c.level2, like)
    like_blocs = _by_id(_get(like, "blocs"))
    if c.blocs or _has(like, "blocs"):
        out["blocs"] = [_bloc(issues, b, c, like_blocs.get(b.id)) for b in c.blocs]
    return out


def _side(issues: Sequence[Issue], s: Side, like: Like) -> Data:
    out = _Owned(("id", "name", "negotiator", "no_deal", "constituencies", "implementation_risks"))
    out["id"] = s.id
    _put(out, "name", s.name, s.id, like)
    out["negotiator"] = _negotiator(issues, s.negotiator, _get(like, "negotiator"))
    if s.no_deal is not None:
        out["no_deal"] = s.no_deal
    like_cons = _by_id(_get(like, "constituencies"))
    if s.constituencies or _has(like, "constituencies"):
        out["constituencies"] = [
            _constituency(issues, c, like_cons.get(c.id)) for c in s.constituencies
        ]
    like_risks = _get(like, "implementation_risks")
    if s.risks or like_risks == []:
        by_id = _by_id(like_risks)
        out["implementation_risks"] = [_risk(r, by_id.get(r.id)) for r in s.risks]
    return out


def _risk(risk: ImplementationRisk, like: Like) -> Data:
    """One risk; a name the base file writes stays written, even when it is the id."""
    out = risk_data(risk)
    if "name" not in out and _has(like, "name"):
        out = {"id": out.pop("id"), "name": risk.name, **out}
    return out


def _issue(issue: Issue, like: Like) -> Data:
    out = _Owned(("id", "name", "options"))
    out["id"] = issue.id
    _put(out, "name", issue.name, issue.id, like)
    like_options = _get(like, "options")
    if isinstance(like_options, Mapping) and _same(_range_labels(like_options), issue.options):
        out["options"] = dict(like_options)  # the base file's range still gives these labels
    else:
        out["options"] = list(issue.options)
    return out


def _range_labels(options: Mapping[str, Any]) -> list[str] | None:
    from leveltwo.model.labels import issue_labels

    return issue_labels(options)


def _deal(case: Case, deal: Deal) -> dict[str, str]:
    return case.deal_labels(deal)


def _ordered(items: list[Data], like: Any) -> list[Data]:
    """Items in the order of the base file's list (new ones last), else as given."""
    order = {k: n for n, k in enumerate(_by_id(like))}
    if not order:
        return items
    return sorted(items, key=lambda x: order.get(x["id"], len(order)))


def _level2(case: Case, like: Like) -> Data | None:
    l2 = case.level2
    if l2 == CaseLevel2() and not isinstance(like, Mapping):
        return None
    out = _Owned(
        (
            "allowed",
            "budget",
            "tacit_enforceability",
            "compensation",
            "process_terms",
            "third_parties",
            "statements",
            "rule_changes",
            "signal_costs",
        )
    )
    if l2.allowed != DEFAULT_ALLOWED or _has(like, "allowed"):
        out["allowed"] = [str(c.value) for c in l2.allowed]
    if l2.budget is not None:
        out["budget"] = l2.budget
    if l2.tacit_enforceability is not None:
        out["tacit_enforceability"] = l2.tacit_enforceability

    def item(keys: Sequence[str], group: str, x: Any) -> Data:
        o = _Owned(keys)
        o["id"] = x.id
        liked = _by_id(_get(like, group)).get(x.id)
        if hasattr(x, "name"):
            _put(o, "name", x.name, x.id, liked)
        return o

    offers: list[Data] = []
    offer_keys = ("id", "name", "value", "cost", "issue", "like", "values")
    for offer in l2.offers:
        o = item(offer_keys, "compensation", offer)
        o["value"] = dict(offer.value)
        _put(o, "cost", offer.cost, 0.0, _by_id(_get(like, "compensation")).get(offer.id))
        offers.append(o)
    for term in l2.new_terms:
        o = item(offer_keys, "compensation", term)
        o["issue"] = term.issue
        o["like"] = term.like
        if term.values or _has(_by_id(_get(like, "compensation")).get(term.id), "values"):
            o["values"] = dict(term.values)
        offers.append(o)
    if offers or _has(like, "compensation"):
        out["compensation"] = _ordered(offers, _get(like, "compensation"))

    groups: list[tuple[str, list[Data]]] = []
    terms: list[Data] = []
    for p in l2.process_terms:
        o = item(("id", "name", "issue", "outcomes"), "process_terms", p)
        o["issue"] = p.issue
        o["outcomes"] = dict(p.outcomes)
        terms.append(o)
    groups.append(("process_terms", terms))
    parties: list[Data] = []
    for t in l2.third_parties:
        liked = _by_id(_get(like, "third_parties")).get(t.id)
        o = item(("id", "name", "reaches", "strength", "backlash", "cost"), "third_parties", t)
        o["reaches"] = list(t.reaches)
        o["strength"] = t.strength
        _put(o, "backlash", t.backlash, 0.0, liked)
        _put(o, "cost", t.cost, 0.0, liked)
        parties.append(o)
    groups.append(("third_parties", parties))
    statements: list[Data] = []
    for s in l2.statements:
        liked = _by_id(_get(like, "statements")).get(s.id)
        o = _Owned(("id", "text", "kind", "touches", "pleases", "angers"))
        o["id"] = s.id
        o["text"] = s.text
        o["kind"] = str(s.kind.value)
        o["touches"] = list(s.touches)
        _put(o, "pleases", list(s.pleases), [], liked)
        _put(o, "angers", list(s.angers), [], liked)
        statements.append(o)
    groups.append(("statements", statements))
    rules: list[Data] = []
    for r in l2.rule_changes:
        liked = _by_id(_get(like, "rule_changes")).get(r.id)
        keys = ("id", "name", "target", "power", "quota", "strength", "legitimacy_risk", "cost")
        o = item(keys, "rule_changes", r)
        o["target"] = r.target
        if r.power is not None:
            o["power"] = str(r.power.value)
        if r.quota is not None:
            o["quota"] = r.quota
        if r.strength is not None:
            o["strength"] = r.strength
        _put(o, "legitimacy_risk", r.legitimacy_risk, 0.0, liked)
        _put(o, "cost", r.cost, 0.0, liked)
        rules.append(o)
    groups.append(("rule_changes", rules))
    for key, items in groups:
        if items or _has(like, key):
            out[key] = items
    if l2.signal_costs or _has(like, "signal_costs"):
        out["signal_costs"] = {str(s.value): c for s, c in l2.signal_costs}
    return out


def case_data(case: Case, like: Like = None) -> Data:
    """The case as plain case-file data (see the module docstring for ``like``)."""
    out = _Owned((*TOP_KEYS, "level2", *BLOCK_EMITTERS))
    out["leveltwo"] = 1
    out["title"] = case.title
    _put(out, "description", case.description, "", like)
    out["us"] = case.us
    like_issues = _by_id(_get(like, "issues"))
    out["issues"] = [_issue(i, like_issues.get(i.id)) for i in case.issues]
    like_sides = _by_id(_get(like, "sides"))
    out["sides"] = [_side(case.issues, s, like_sides.get(s.id)) for s in case.sides]
    put_influence_fields(out["sides"], case)  # influence links (model/influence.py)
    if case.proposal is not None:
        out["proposal"] = _deal(case, case.proposal)
    if case.opening is not None:
        out["opening"] = _deal(case, case.opening)
    if case.their_opening is not None:
        out["their_opening"] = _deal(case, case.their_opening)
    level2 = _level2(case, _get(like, "level2"))
    if level2 is not None:
        out["level2"] = level2
    for key, emit in BLOCK_EMITTERS.items():
        value = emit(case, _get(like, key))
        if value is not None:
            out[key] = value
    return out


# ---------------------------------------------------------------------------
# YAML
#: Text without any YAML indicator (it starts with a letter, digit or "_", has no
#: ``:``, ``#``, ``,``, brackets or quotes, and does not end in a space): written
#: unquoted it reads back as itself in any context unless it resolves to another type.
_NO_INDICATOR = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_ .%/()+-]*[A-Za-z0-9_.%/()+-])?")


@functools.lru_cache(maxsize=4096)  # a case repeats its labels and keys
def _reads_back_unquoted(text: str, flow: bool = False) -> bool:
    """Whether PyYAML (YAML 1.1, which reads case files) reads ``text`` written unquoted
    back as this very string: as a mapping value, and with ``flow`` also as an item and a
    key of a one-line list or mapping (``options: [...]``, ``{...}``). If not, it is
    quoted (``yes``, ``1:30``, ``0x1F``, ``a #b``; in a one-line list also ``:0``, ``?x``
    or ``a, b``). Text without indicators only needs the resolver's word; any other is
    asked of the reader itself, which covers every rule at once."""
    if _NO_INDICATOR.fullmatch(text):
        resolver = pyyaml.resolver.Resolver()
        tag = resolver.resolve(pyyaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
        return bool(tag == "tag:yaml.org,2002:str")
    probes: list[tuple[str, object]] = [(f"k: {text}", {"k": text})]
    if flow:
        probes += [(f"[{text}]", [text]), (f"{{{text}: 0}}", {text: 0})]
    try:
        return all(pyyaml.safe_load(doc) == want for doc, want in probes)
    except (pyyaml.YAMLError, ValueError):  # ValueError: "0b_" resolves to int, then fails
        return False


def _literal_ok(text: str) -> bool:
    lines = text.split("\n")
    return (
        text.strip() != ""
        and not text.startswith((" ", "\t"))
        and all(line == line.rstrip() for line in lines)
        and all(ch == "\n" or (ch.isprintable() and ch != "\t") for ch in text)
    )


def _float_text(x: float) -> str:
    if math.isnan(x):
        return ".nan"
    if math.isinf(x):
        return ".inf" if x > 0 else "-.inf"
    text = repr(x)
    mantissa, e, exponent = text.partition("e")
    if e and "." not in mantissa:  # YAML 1.1 floats need a dot: 1.0e-05, not 1e-05
        text = f"{mantissa}.0e{exponent}"
    return text


def _yaml(mapping: int = 2, sequence: int = 4, offset: int = 2) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.representer import RoundTripRepresenter

    class Representer(RoundTripRepresenter):
        pass

    def represent_float(rep: Any, data: float) -> Any:
        return rep.represent_scalar("tag:yaml.org,2002:float", _float_text(data))

    def represent_str(rep: Any, data: str) -> Any:
        if "\n" in data and _literal_ok(data):
            return rep.represent_scalar("tag:yaml.org,2002:str", data, style="|")
        style = None if _reads_back_unquoted(data) else "'"
        return rep.represent_scalar("tag:yaml.org,2002:str", data, style=style)

    Representer.add_representer(float, represent_float)
    Representer.add_representer(str, represent_str)
    Representer.add_representer(StakeholderKey, represent_str)  # a checked str
    y = YAML(typ="rt")
    y.Representer = Representer
    y.width = 4096
    y.preserve_quotes = True
    y.indent(mapping=mapping, sequence=sequence, offset=offset)
    return y


FLOW_MAX = 90


def _is_scalar(x: object) -> bool:
    return x is None or isinstance(x, str | int | float | bool)


def _node(x: Any, top: bool = False) -> Any:
    """Plain data as ruamel nodes: short mappings and lists of scalars on one line."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(x, Mapping):
        flow = (
            not top
            and bool(x)
            and all(_is_scalar(v) for v in x.values())
            and len(repr(dict(x))) <= FLOW_MAX
        )
        m = CommentedMap()
        for k, v in x.items():
            m[_in_flow(k) if flow else k] = _in_flow(v) if flow else _node(v)
        m.fa.set_flow_style() if flow else m.fa.set_block_style()
        return m
    if isinstance(x, list | tuple):
        flow = all(_is_scalar(v) for v in x) and len(repr(list(x))) <= FLOW_MAX
        s = CommentedSeq(_in_flow(v) if flow else _node(v) for v in x)
        s.fa.set_flow_style() if flow else s.fa.set_block_style()
        return s
    return x


def _in_flow(x: Any) -> Any:
    """A scalar of a one-line list or mapping, quoted when it would not read back there."""
    from ruamel.yaml.scalarstring import SingleQuotedScalarString

    if isinstance(x, str) and "\n" not in x and not _reads_back_unquoted(x, flow=True):
        return SingleQuotedScalarString(x)
    return x


def _dump(y: Any, node: Any) -> str:
    out = io.StringIO()
    y.dump(node, out)
    return out.getvalue()


def _same(raw: Any, new: Any) -> bool:
    """Whether a node of the base file already says ``new`` (option labels read as labels)."""
    if isinstance(new, Mapping):
        if not isinstance(raw, Mapping) or len(raw) != len(new):
            return False
        keys = {option_label(k): k for k in raw}
        return all(k in keys and _same(raw[keys[k]], v) for k, v in new.items())
    if isinstance(new, list | tuple):
        if not isinstance(raw, list | tuple) or len(raw) != len(new):
            return False
        return all(_same(r, n) for r, n in zip(raw, new, strict=True))
    if isinstance(raw, bool) or isinstance(new, bool):
        return isinstance(raw, bool) and isinstance(new, bool) and raw == new
    if isinstance(new, str) and isinstance(raw, int | float):
        return option_label(raw) == new
    if isinstance(raw, Mapping | list):
        return False
    return bool(raw == new)


def _find_key(raw: Mapping[Any, Any], key: str) -> Any:
    if key in raw:
        return key
    for k in raw:
        if option_label(k) == key:
            return k
    return None


def _merge_map(raw: Any, new: Mapping[str, Any]) -> None:
    owned = new.owned if isinstance(new, _Owned) else None
    previous: Any = None
    for key, value in new.items():
        rk = _find_key(raw, key)
        if rk is None:
            pos = list(raw).index(previous) + 1 if previous is not None else 0
            raw.insert(pos, key, _node(value))
            rk = key
        elif not _same(raw[rk], value):
            current = raw[rk]
            if isinstance(value, Mapping) and isinstance(current, Mapping):
                _merge_map(current, value)
            elif isinstance(value, list) and isinstance(current, list):
                _merge_list(current, value)
            else:
                raw[rk] = _node(value)
        previous = rk
    wanted = set(new)
    for rk in list(raw):
        key = option_label(rk)
        if key not in wanted and (owned is None or key in owned):
            del raw[rk]


def _merge_list(raw: Any, new: list[Any]) -> None:
    with_ids = all(isinstance(x, Mapping) and "id" in x for x in new)
    raw_ids = [x.get("id") if isinstance(x, Mapping) else None for x in raw]
    if not with_ids or None in raw_ids:
        if len(raw) == len(new) and not with_ids:
            for k, value in enumerate(new):
                if not _same(raw[k], value):
                    raw[k] = _node(value)
            return
        raw[:] = [_node(x) for x in new]
        return
    by_id = {x["id"]: x for x in raw}
    if raw_ids == [x["id"] for x in new]:
        for current, value in zip(raw, new, strict=True):
            if not _same(current, value):
                _merge_map(current, value)
        return
    items = []
    for value in new:
        current = by_id.get(value["id"])
        if current is None:
            items.append(_node(value))
        else:
            _merge_map(current, value)
            items.append(current)
    _replace_items(raw, items)


def _replace_items(raw: Any, items: list[Any]) -> None:
    """``raw[:] = items``, each kept item keeping the comment written after it (ruamel
    keeps a list's comments by position, so removing an item would shift them)."""
    comments = getattr(getattr(raw, "ca", None), "items", None)
    if not isinstance(comments, dict):
        raw[:] = items
        return
    was = {id(x): k for k, x in enumerate(raw)}
    saved = dict(comments)
    raw[:] = items
    comments.clear()
    for k, x in enumerate(items):
        j = was.get(id(x))
        if j is not None and j in saved:
            comments[k] = saved[j]


#: Indentation styles tried on a base file (mapping, sequence, offset of the dash).
LAYOUTS = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0), (3, 5, 3))


def _best_layout(text: str) -> tuple[Any, Any] | None:
    """A round-trip YAML instance whose layout reproduces ``text``, and the loaded text.

    The first layout that writes the unchanged text back byte for byte wins; else
    the one that changes the fewest lines.
    """
    best: tuple[int, Any, Any] | None = None
    lines = text.splitlines()
    for mapping, sequence, offset in LAYOUTS:
        y = _yaml(mapping, sequence, offset)
        try:
            raw = y.load(text)
            again = _dump(y, raw)
        except Exception:
            return None
        if again == text:
            return y, raw
        changed = sum(1 for a, b in zip(lines, again.splitlines(), strict=False) if a != b)
        changed += abs(len(lines) - len(again.splitlines()))
        if best is None or changed < best[0]:
            best = (changed, y, raw)
    return None if best is None else (best[1], best[2])


def _canonical(case: Case, like: Mapping[str, Any] | None = None) -> str:
    return _dump(_yaml(), _node(case_data(case, like), top=True))


def _reads_back(text: str, case: Case) -> bool:
    from leveltwo.io.casefile import case_from_text

    try:
        return case_from_text(text) == case
    except CaseError:
        return False


def write_case(case: Case, base_text: str | None = None) -> str:
    """The case as case-file YAML; with ``base_text``, that text edited in place.

    Reading the result gives ``case`` exactly. With ``base_text`` (the YAML the
    case, or an earlier version of it, was read from), comments, layout and the
    form of unchanged fields survive and only changed fields are rewritten; text
    that reads as the same case is returned unchanged. JSON base text gives the
    canonical layout with the values written as the JSON has them (weights on its
    scale, shorthands kept); malformed base text is ignored.
    """
    if base_text is None:
        return _canonical(case)
    from leveltwo.io.casefile import parse_text
    from leveltwo.model.build import build_case

    try:
        plain = parse_text(base_text)  # refuses hostile documents before ruamel reads them
    except CaseError:
        return _canonical(case)
    if not isinstance(plain, Mapping):
        return _canonical(case)
    if base_text.lstrip().startswith("{"):  # JSON: no layout to keep, only the values' form
        text = _canonical(case, plain)
        return text if _reads_back(text, case) else _canonical(case)
    try:
        if build_case(plain) == case:
            return base_text
    except CaseError:
        pass
    found = _best_layout(base_text)
    if found is None or not isinstance(found[1], Mapping):
        return _canonical(case)
    y, raw = found
    _merge_map(raw, case_data(case, plain))
    text = _dump(y, raw)
    if _reads_back(text, case):
        return text
    return _canonical(case)


__all__ = ["BLOCK_EMITTERS", "case_data", "write_case"]
