"""Applying a posted form to the case file it was drawn from.

The posted values are applied to a copy of that file, so fields the form does
not show are kept; renamed ids are renamed everywhere they are referred to
(an implementation risk's id is referred to nowhere else in a case file).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from leveltwo.web import casedoc
from leveltwo.web.editor.build import build_form
from leveltwo.web.editor.model import RISKS, EditorForm, Field, Group, Key, parse_number

#: The top-level deals the form edits (issue id → option; left out when empty).
DEALS = ("proposal", "opening", "their_opening")


def _set(data: Any, keys: tuple[Key, ...], value: object, *, remove: bool = False) -> None:
    node = data
    for k in keys[:-1]:
        if isinstance(node, dict):
            if not isinstance(node.get(k), dict | list):
                if remove:
                    return
                node[k] = {}
            node = node[k]
        elif isinstance(node, list) and isinstance(k, int) and 0 <= k < len(node):
            node = node[k]
        else:
            return
    last = keys[-1]
    if isinstance(node, dict):
        if remove:
            node.pop(last, None)
        else:
            node[last] = value
    elif isinstance(node, list) and isinstance(last, int) and 0 <= last < len(node):
        node[last] = value


def _get(data: Any, keys: tuple[Key, ...]) -> object:
    node = data
    for k in keys:
        if isinstance(node, dict) and k in node:
            node = node[k]
        elif isinstance(node, list) and isinstance(k, int) and 0 <= k < len(node):
            node = node[k]
        else:
            return None
    return node


@dataclass(frozen=True)
class Applied:
    data: dict[str, Any]
    changed: tuple[str, ...]  # labels of the fields whose value changed


def apply_form(base: Mapping[str, Any], posted: Mapping[str, str]) -> Applied:
    """The file ``base`` with the posted field values applied (ids renamed consistently)."""
    data: dict[str, Any] = copy.deepcopy(dict(base))
    form = build_form(base)
    changed: list[str] = []
    renames: list[tuple[str, str]] = []
    option_renames: list[tuple[tuple[Key, ...], list[str], list[str]]] = []
    key_renames: list[tuple[tuple[Key, ...], str]] = []
    for g in form.groups:
        for where, f in _top_fields(g):
            if f.path not in posted:
                continue
            raw = posted[f.path]
            if f.kind == "values":
                _apply_values(data, f, raw, posted)
                now = _text_of_values(f, raw, posted)
                was = _text_of_values(f, f.value, {o.path: o.value for o in f.options})
                if now != was:
                    changed.append(f"{where}: {f.label}")
                continue
            if raw.replace("\r\n", "\n").strip() != f.value.strip():
                changed.append(f"{where}: {f.label}")
            if f.kind == "lines":
                labels = [x.strip() for x in raw.replace("\r\n", "\n").split("\n") if x.strip()]
                old = f.value.split("\n") if f.value else []
                if f.keys[0] == "issues":
                    option_renames.append((f.keys[:2], old, labels))
                _set(data, f.keys, labels, remove=not labels and not f.required)
            elif f.kind == "number":
                if raw.strip():
                    _set(data, f.keys, parse_number(raw))
                else:
                    _set(data, f.keys, None, remove=True)
            elif f.kind == "select" and f.keys[0] in DEALS:
                if raw:
                    _set(data, f.keys, raw)
                else:
                    _set(data, f.keys, None, remove=True)
            elif raw.strip() or f.required:
                value: object = raw.replace("\r\n", "\n").strip()
                if (
                    f.kind == "select"
                    and value in ("true", "false")
                    and f.choices[:1] == (("false", "no"),)
                ):
                    value = value == "true"
                _set(data, f.keys, value)
                if f.keys[-1] == "id" and f.value != value:
                    if f.keys[0] == "issues":
                        renames.append((f.value, str(value)))
                    elif f.keys[0] == "sides" and RISKS not in f.keys:
                        # a stakeholder's id (a risk's id is named nowhere else)
                        key_renames.append((f.keys, str(value)))
            else:
                _set(data, f.keys, None, remove=True)
    _drop_empty_deals(data)
    _drop_empty_weights(data, form)
    if data.get("level2") == {}:
        del data["level2"]
    for old_id, new_id in renames:
        casedoc.rename_issue(data, old_id, new_id)
    for keys, _new in sorted(key_renames, key=lambda kr: len(kr[0]), reverse=True):
        old_key, new_key = _stakeholder_key(base, keys), _stakeholder_key(data, keys)
        if old_key and new_key:
            casedoc.rename_stakeholder(data, old_key, new_key)
            if len(keys) == 3 and data.get("us") == old_key:
                data["us"] = new_key
    for keys, old_labels, new_labels in option_renames:
        iid = _get(data, (*keys, "id"))
        if isinstance(iid, str) and len(old_labels) == len(new_labels):
            casedoc.rename_options(data, iid, dict(zip(old_labels, new_labels, strict=True)))
    return Applied(data, tuple(changed))


def _stakeholder_key(data: Any, id_keys: tuple[Key, ...]) -> str | None:
    """``side.constituency.bloc`` for the stakeholder (or side) whose id is at ``id_keys``."""
    parts = []
    for depth in range(3, len(id_keys) + 1, 2):
        value = _get(data, (*id_keys[: depth - 1], "id"))
        if not isinstance(value, str):
            return None
        parts.append(value)
    return ".".join(parts)


def _top_fields(g: Group) -> list[tuple[str, Field]]:
    """Every field with its group's title, except the per-option value cells."""
    out = [(g.title, f) for f in g.fields]
    for row in g.prefs:
        out += [(g.title, row.weight), (g.title, row.values)]
    for sub in g.groups:
        out += _top_fields(sub)
    return out


def _apply_values(data: dict[str, Any], f: Field, mode: str, posted: Mapping[str, str]) -> None:
    if mode in ("ascending", "descending"):
        _set(data, f.keys, mode)
    elif mode == "custom":
        table: dict[str, object] = {}
        for o in f.options:
            raw = posted.get(o.path, o.value)
            if raw.strip():
                table[str(o.keys[-1])] = parse_number(raw)
        _set(data, f.keys, table)
    else:
        _set(data, f.keys, None, remove=True)


def _text_of_values(f: Field, mode: str, posted: Mapping[str, str]) -> str:
    if mode != "custom":
        return mode
    return "|".join(posted.get(o.path, "").strip() for o in f.options)


def _drop_empty_deals(data: dict[str, Any]) -> None:
    for key in DEALS:
        if isinstance(data.get(key), dict) and not data[key]:
            del data[key]


def _drop_empty_weights(data: dict[str, Any], form: EditorForm) -> None:
    """A bloc (or constituency with weighted blocs) left with no weights inherits them."""
    for f in form.fields():
        if f.keys[-1:] and len(f.keys) >= 2 and f.keys[-2] in ("weights", "values"):
            parent = f.keys[:-1]
            node = _get(data, parent)
            if isinstance(node, dict) and not node and "blocs" in parent:
                _set(data, parent, None, remove=True)


#: The editor's add and remove buttons: action name → (how many indices it takes, the
#: edit, the words of the revision message).
ACTIONS: dict[str, tuple[int, Callable[..., None], str]] = {
    "add-issue": (0, casedoc.add_issue, "Added an issue"),
    "remove-issue": (1, casedoc.remove_issue, "Removed an issue"),
    "add-constituency": (1, casedoc.add_constituency, "Added a constituency"),
    "remove-constituency": (2, casedoc.remove_constituency, "Removed a constituency"),
    "add-bloc": (2, casedoc.add_bloc, "Added a voting bloc"),
    "remove-bloc": (3, casedoc.remove_bloc, "Removed a voting bloc"),
    "add-risk": (1, casedoc.add_risk, "Added an implementation risk"),
    "remove-risk": (2, casedoc.remove_risk, "Removed an implementation risk"),
}


def apply_action(data: dict[str, Any], action: str) -> str | None:
    """Apply an add/remove button; return a description for the revision message."""
    name, _, arg = action.partition(":")
    nums = [int(x) for x in arg.split(":") if x.strip().lstrip("-").isdigit()]
    known = ACTIONS.get(name)
    if known is None:
        return None
    arity, edit, words = known
    if arity and len(nums) != arity:
        return None
    try:
        edit(data, *nums[:arity])
    except (KeyError, IndexError, TypeError):
        return None
    return words
