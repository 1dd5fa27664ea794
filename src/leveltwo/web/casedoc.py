"""Case files as documents being edited: the form editor's draft, and structural edits
that keep ids consistent.

The form editor works on the parsed file (plain dicts and lists). Between its
structural edits (add or remove a part) the draft travels as YAML text
(:func:`dump_yaml`: small mappings and lists of scalars on one line); what is saved is
the case built from it, written into the stored text by the case writer
(:func:`leveltwo.io.casewriter.write_case`), which keeps that text's comments and
layout. These are edits to a document, not analysis: validation and meaning stay in
:mod:`leveltwo.io.casefile`.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

import yaml

from leveltwo.io.casefile import parse_text
from leveltwo.model.fields import STAKEHOLDER_REFERENCES, KeyReference, Shape

FLOW_MAX = 90


class _Dumper(yaml.SafeDumper):
    pass


def _is_scalar(x: object) -> bool:
    return x is None or isinstance(x, str | int | float | bool)


def _represent_dict(dumper: yaml.SafeDumper, data: Mapping[Any, Any]) -> yaml.Node:
    flow = bool(data) and all(_is_scalar(v) for v in data.values()) and len(repr(data)) <= FLOW_MAX
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=flow)


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    flow = all(_is_scalar(v) for v in data) and len(repr(data)) <= FLOW_MAX
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    style = "|" if "\n" in data.strip() else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


class _Block(dict[Any, Any]):
    """A mapping always written in block style (the top level of a file)."""


def _represent_block(dumper: yaml.SafeDumper, data: _Block) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=False)


_Dumper.add_representer(dict, _represent_dict)
_Dumper.add_representer(_Block, _represent_block)
_Dumper.add_representer(list, _represent_list)
_Dumper.add_representer(str, _represent_str)


def dump_yaml(data: Any) -> str:
    """YAML text for a case file, in a readable, stable layout."""
    if isinstance(data, dict):
        data = _Block(data)
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, indent=2)


def load_data(text: str) -> Any:
    """The parsed file (YAML or JSON), safely; raises CaseError on malformed text."""
    return parse_text(text)


# ---------------------------------------------------------------------------
# structural edits used by the form editor
def _stakeholder_nodes(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Every mapping that can carry weights/values: negotiators, constituencies, blocs."""
    out: list[dict[str, Any]] = []
    for side in data.get("sides") or []:
        if not isinstance(side, dict):
            continue
        if isinstance(side.get("negotiator"), dict):
            out.append(side["negotiator"])
        for c in side.get("constituencies") or []:
            if isinstance(c, dict):
                out.append(c)
                out.extend(b for b in c.get("blocs") or [] if isinstance(b, dict))
    return out


def _deals(data: dict[str, Any]) -> list[dict[str, Any]]:
    keys = ("proposal", "opening", "their_opening")
    return [data[k] for k in keys if isinstance(data.get(k), dict)]


def _level2_entries(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The entries of the case's ``level2`` lists (offers, process terms, statements…)."""
    level2 = data.get("level2")
    if not isinstance(level2, dict):
        return []
    return [e for v in level2.values() if isinstance(v, list) for e in v if isinstance(e, dict)]


def _drop_level2(data: dict[str, Any], doomed: Any) -> None:
    level2 = data.get("level2")
    if not isinstance(level2, dict):
        return
    for k, v in level2.items():
        if isinstance(v, list):
            level2[k] = [e for e in v if not (isinstance(e, dict) and doomed(e))]


def _is_key(x: object, key: str) -> bool:
    return isinstance(x, str) and (x == key or x.startswith(key + "."))


def _references(data: dict[str, Any]) -> list[tuple[KeyReference, dict[str, Any]]]:
    """Each ``level2`` entry with each of its fields that hold stakeholder keys (declared in
    :data:`leveltwo.model.fields.STAKEHOLDER_REFERENCES`)."""
    level2 = data.get("level2")
    if not isinstance(level2, dict):
        return []
    out = []
    for ref in STAKEHOLDER_REFERENCES:
        entries = level2.get(ref.entries)
        if isinstance(entries, list):
            out += [(ref, e) for e in entries if isinstance(e, dict) and ref.field in e]
    return out


def rename_stakeholder(data: dict[str, Any], old: str, new: str) -> None:
    """Rename a stakeholder key (and the keys under it) in the Level II inputs."""
    if old == new:
        return

    def swap(x: str) -> str:
        return new + x[len(old) :] if _is_key(x, old) else x

    for ref, e in _references(data):
        v = e[ref.field]
        if ref.shape is Shape.MAPPING and isinstance(v, dict):
            e[ref.field] = {(swap(x) if isinstance(x, str) else x): y for x, y in v.items()}
        elif ref.shape is Shape.LIST and isinstance(v, list):
            e[ref.field] = [swap(x) if isinstance(x, str) else x for x in v]
        elif ref.shape is Shape.ONE and isinstance(v, str):
            e[ref.field] = swap(v)
    bargaining = data.get("bargaining")
    if isinstance(bargaining, dict) and "." not in old:  # a side id: the bargaining block
        if bargaining.get("first_proposer") == old:
            bargaining["first_proposer"] = new
        discount = bargaining.get("discount")
        if isinstance(discount, dict):
            bargaining["discount"] = {(new if x == old else x): y for x, y in discount.items()}


def forget_stakeholder(data: dict[str, Any], key: str) -> None:
    """Drop every Level II reference to a removed stakeholder (and those under it); an
    entry that needs a reference it no longer has is dropped."""
    doomed: list[dict[str, Any]] = []
    for ref, e in _references(data):
        v = e[ref.field]
        if ref.shape is Shape.MAPPING and isinstance(v, dict):
            e[ref.field] = {x: y for x, y in v.items() if not _is_key(x, key)}
        elif ref.shape is Shape.LIST and isinstance(v, list):
            e[ref.field] = [x for x in v if not _is_key(x, key)]
            if ref.required and not e[ref.field]:
                doomed.append(e)
        elif ref.shape is Shape.ONE and ref.required and _is_key(v, key):
            doomed.append(e)
    _drop_level2(data, lambda e: any(e is d for d in doomed))


def rename_issue(data: dict[str, Any], old: str, new: str) -> None:
    """Rename an issue id everywhere it is referred to."""
    if old == new:
        return
    for e in _level2_entries(data):
        if e.get("issue") == old:
            e["issue"] = new
    for node in _stakeholder_nodes(data):
        for key in ("weights", "values"):
            m = node.get(key)
            if isinstance(m, dict) and old in m:
                node[key] = {(new if k == old else k): v for k, v in m.items()}
    for deal in _deals(data):
        if old in deal:
            items = [((new if k == old else k), v) for k, v in deal.items()]
            deal.clear()
            deal.update(items)


def rename_options(data: dict[str, Any], issue: str, mapping: Mapping[str, str]) -> None:
    """Rename option labels of one issue wherever values and deals name them."""
    if all(k == v for k, v in mapping.items()):
        return
    for node in _stakeholder_nodes(data):
        values = node.get("values")
        spec = values.get(issue) if isinstance(values, dict) else None
        if isinstance(spec, dict) and isinstance(values, dict):
            values[issue] = {mapping.get(str(k), k): v for k, v in spec.items()}
    for deal in _deals(data):
        if str(deal.get(issue)) in mapping:
            deal[issue] = mapping[str(deal[issue])]
    for e in _level2_entries(data):
        if e.get("issue") != issue:
            continue
        if str(e.get("like")) in mapping:
            e["like"] = mapping[str(e["like"])]
        if isinstance(e.get("outcomes"), dict):
            e["outcomes"] = {mapping.get(str(k), k): v for k, v in e["outcomes"].items()}


def remove_issue(data: dict[str, Any], index: int) -> None:
    issues = data.get("issues")
    if not isinstance(issues, list) or not 0 <= index < len(issues) or len(issues) <= 1:
        return
    removed = issues.pop(index)
    iid = str(removed.get("id")) if isinstance(removed, dict) else ""
    for node in _stakeholder_nodes(data):
        for key in ("weights", "values"):
            m = node.get(key)
            if isinstance(m, dict):
                m.pop(iid, None)
    for deal in _deals(data):
        deal.pop(iid, None)
    _drop_level2(data, lambda e: e.get("issue") == iid)


def _fresh_id(stem: str, taken: set[str]) -> str:
    k = 1
    while f"{stem}{k}" in taken:
        k += 1
    return f"{stem}{k}"


def add_issue(data: dict[str, Any]) -> None:
    issues = data.setdefault("issues", [])
    taken = {str(i.get("id")) for i in issues if isinstance(i, dict)}
    iid = _fresh_id("issue", taken)
    issues.append({"id": iid, "name": "New issue", "options": ["low", "high"]})
    for deal in _deals(data):
        deal[iid] = "low"


def add_constituency(data: dict[str, Any], side_index: int) -> None:
    """A new constituency (power 'influence', so it changes no probability until set up)."""
    side = data["sides"][side_index]
    cons = side.setdefault("constituencies", [])
    taken = {str(c.get("id")) for c in cons if isinstance(c, dict)}
    neg = side.get("negotiator") or {}
    cons.append(
        {
            "id": _fresh_id("group", taken),
            "name": "New constituency",
            "power": "influence",
            "weights": copy.deepcopy(neg.get("weights") or {}),
            "values": copy.deepcopy(neg.get("values") or {}),
            "reservation": 0.5,
            "uncertainty": 0.1,
        }
    )


def remove_constituency(data: dict[str, Any], side_index: int, index: int) -> None:
    side = data["sides"][side_index]
    cons = side.get("constituencies") or []
    if 0 <= index < len(cons):
        gone = cons.pop(index)
        forget_stakeholder(data, f"{side.get('id')}.{gone.get('id')}")


def add_bloc(data: dict[str, Any], side_index: int, index: int) -> None:
    c = data["sides"][side_index]["constituencies"][index]
    blocs = c.setdefault("blocs", [])
    taken = {str(b.get("id")) for b in blocs if isinstance(b, dict)}
    blocs.append({"id": _fresh_id("bloc", taken), "name": "New bloc", "share": 1})


def remove_bloc(data: dict[str, Any], side_index: int, index: int, bloc: int) -> None:
    side = data["sides"][side_index]
    c = side["constituencies"][index]
    blocs = c.get("blocs") or []
    if 0 <= bloc < len(blocs):
        gone = blocs.pop(bloc)
        forget_stakeholder(data, f"{side.get('id')}.{c.get('id')}.{gone.get('id')}")


def add_risk(data: dict[str, Any], side_index: int) -> None:
    """A new implementation risk of probability 0, so it changes nothing until set."""
    side = data["sides"][side_index]
    risks = side.get("implementation_risks")
    if not isinstance(risks, list):
        risks = side["implementation_risks"] = []
    taken = {str(r.get("id")) for r in risks if isinstance(r, dict)}
    risks.append({"id": _fresh_id("risk", taken), "name": "New risk", "probability": 0})


def remove_risk(data: dict[str, Any], side_index: int, index: int) -> None:
    """Remove an implementation risk (no other part of a case file names one)."""
    risks = data["sides"][side_index].get("implementation_risks")
    if isinstance(risks, list) and 0 <= index < len(risks):
        risks.pop(index)
