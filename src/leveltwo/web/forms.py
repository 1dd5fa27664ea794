"""The form editor's model: every editable field of a case file, addressed by its path.

Each field's ``path`` is the path the validator uses in its problems
(``sides[1].constituencies[0].reservation``), so a problem lands next to the
field it concerns, in the validator's own words (the CLI's). The form is built
from the parsed file of the revision being edited, posted back, and applied to
a copy of that same file, so fields the form does not show are kept.
"""

from __future__ import annotations

import copy
import math
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel

from leveltwo.errors import Problem
from leveltwo.model.labels import issue_labels, option_label
from leveltwo.model.schema import BlocFile, ConstituencyFile, Level2File, NegotiatorFile
from leveltwo.web import casedoc

Kind = Literal["text", "textarea", "number", "select", "lines", "values", "checkbox"]
Key = str | int

INHERIT = ""
MODES = (("", "—"), ("ascending", "ascending"), ("descending", "descending"), ("custom", "custom"))
POWERS = (("ratify", "ratify"), ("block", "block"), ("influence", "influence"))

#: Fields of the file models that the form lays out by hand; any other scalar
#: field (the Level II move parameters, as the schema grows) is shown generically.
HANDLED = {
    "id",
    "name",
    "weights",
    "values",
    "reservation",
    "uncertainty",
    "power",
    "quota",
    "strength",
    "blocs",
    "share",
}


def join(path: str, key: Key) -> str:
    """The validator's path syntax (see leveltwo.model.build.join)."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def parent_path(path: str) -> str:
    cut = max(path.rfind("."), path.rfind("["))
    return path[:cut] if cut > 0 else ""


def _text(x: object) -> str:
    if x is None:
        return ""
    if isinstance(x, bool):
        return "true" if x else "false"
    if isinstance(x, float):
        return f"{x:.10g}"
    return str(x)


def parse_number(raw: str) -> object:
    """A number from a form field; text that is not a number is kept for the validator."""
    s = raw.strip()
    try:
        x = float(s)
    except ValueError:
        return s
    if math.isfinite(x) and x.is_integer() and "." not in s and "e" not in s.lower():
        return int(x)
    return x


@dataclass
class Field:
    path: str
    keys: tuple[Key, ...]
    label: str
    kind: Kind
    value: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    help: str = ""
    placeholder: str = ""
    required: bool = False
    options: list[Field] = field(default_factory=list)  # a values row: one per option
    errors: list[str] = field(default_factory=list)
    dom_id: str = ""


@dataclass
class PrefRow:
    issue: str
    issue_name: str
    weight: Field
    values: Field


@dataclass
class Group:
    path: str
    title: str
    kind: str
    fields: list[Field] = field(default_factory=list)
    prefs: list[PrefRow] = field(default_factory=list)
    prefs_note: str = ""
    groups: list[Group] = field(default_factory=list)
    actions: list[tuple[str, str]] = field(default_factory=list)  # (label, action)
    errors: list[str] = field(default_factory=list)
    dom_id: str = ""

    @property
    def has_errors(self) -> bool:
        return bool(self.errors) or any(f.errors for f in self.all_fields())

    def all_fields(self) -> list[Field]:
        out = list(self.fields)
        for row in self.prefs:
            out += [row.weight, row.values, *row.values.options]
        for g in self.groups:
            out += g.all_fields()
        return out

    def all_groups(self) -> list[Group]:
        out = [self]
        for g in self.groups:
            out += g.all_groups()
        return out


@dataclass
class EditorForm:
    groups: list[Group]
    unplaced: list[str] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (message, dom id)

    def fields(self) -> list[Field]:
        return [f for g in self.groups for f in g.all_fields()]


# ---------------------------------------------------------------------------
# building
class _Builder:
    def __init__(self, data: Mapping[str, Any]) -> None:
        self.data = data
        self.issues: list[tuple[str, str, list[str]]] = []
        for raw in data.get("issues") or []:
            if isinstance(raw, Mapping) and isinstance(raw.get("id"), str):
                labels = issue_labels(raw.get("options")) or []
                self.issues.append((raw["id"], str(raw.get("name") or raw["id"]), labels))

    def f(self, keys: tuple[Key, ...], label: str, kind: Kind, value: object, **kw: Any) -> Field:
        path = ""
        for k in keys:
            path = join(path, k)
        return Field(path, keys, label, kind, _text(value), **kw)

    def build(self) -> list[Group]:
        d = self.data
        sides = [s for s in d.get("sides") or [] if isinstance(s, Mapping)]
        side_choices = tuple((str(s.get("id")), str(s.get("name") or s.get("id"))) for s in sides)
        case = Group("", "The case", "case")
        case.fields = [
            self.f(("title",), "Title", "text", d.get("title"), required=True),
            self.f(("description",), "Description", "textarea", d.get("description")),
            self.f(
                ("us",),
                "The side we advise",
                "select",
                d.get("us") or (side_choices[0][0] if side_choices else ""),
                choices=side_choices,
            ),
        ]
        groups = [case, self.issues_group()]
        groups += [self.deal_group("proposal", "Proposal on the table")]
        for si, side in enumerate(d.get("sides") or []):
            if isinstance(side, Mapping):
                groups.append(self.side_group(si, side))
        level2 = self.case_level2_group()
        if level2 is not None:
            groups.append(level2)
        groups.append(
            self.deal_group(
                "opening",
                "Our opening position",
                "Used to show what the counterpart won; empty: our negotiator's best deal.",
            )
        )
        return groups

    def issues_group(self) -> Group:
        g = Group("issues", "Issues", "issues", actions=[("Add an issue", "add-issue")])
        for ii, raw in enumerate(self.data.get("issues") or []):
            if not isinstance(raw, Mapping):
                continue
            keys: tuple[Key, ...] = ("issues", ii)
            sub = Group(join("issues", ii), f"Issue: {raw.get('name') or raw.get('id')}", "issue")
            sub.fields = [
                self.f((*keys, "id"), "Id", "text", raw.get("id"), required=True),
                self.f((*keys, "name"), "Name", "text", raw.get("name")),
            ]
            opts = raw.get("options")
            if isinstance(opts, Mapping):
                for k in ("start", "stop", "step"):
                    sub.fields.append(
                        self.f((*keys, "options", k), f"Range {k}", "number", opts.get(k))
                    )
                sub.fields.append(
                    self.f((*keys, "options", "unit"), "Unit", "text", opts.get("unit"))
                )
            else:
                labels = [option_label(o) for o in opts] if isinstance(opts, list) else []
                sub.fields.append(
                    self.f(
                        (*keys, "options"),
                        "Options, one per line, in order",
                        "lines",
                        "\n".join(labels),
                        help="Renaming an option here renames it everywhere in the case.",
                    )
                )
            if len(self.data.get("issues") or []) > 1:
                sub.actions = [("Remove this issue", f"remove-issue:{ii}")]
            g.groups.append(sub)
        return g

    def deal_group(self, key: str, title: str, note: str = "") -> Group:
        deal = self.data.get(key)
        deal = deal if isinstance(deal, Mapping) else {}
        g = Group(key, title, "deal", prefs_note=note)
        for iid, name, labels in self.issues:
            g.fields.append(
                self.f(
                    (key, iid),
                    name,
                    "select",
                    option_label(deal[iid]) if iid in deal else "",
                    choices=(("", "— none —"), *((o, o) for o in labels)),
                )
            )
        return g

    def prefs(
        self,
        g: Group,
        keys: tuple[Key, ...],
        node: Mapping[str, Any],
        inherit_from: Mapping[str, Any] | None = None,
    ) -> None:
        weights = node.get("weights") if isinstance(node.get("weights"), Mapping) else None
        values = node.get("values") if isinstance(node.get("values"), Mapping) else {}
        pw = (inherit_from or {}).get("weights") or {}
        pv = (inherit_from or {}).get("values") or {}
        for iid, name, labels in self.issues:
            w = (weights or {}).get(iid) if weights is not None else None
            placeholder = ""
            if inherit_from is not None and weights is None:
                placeholder = _text(pw.get(iid, "")) if isinstance(pw, Mapping) else ""
            weight = self.f(
                (*keys, "weights", iid), f"Weight of {name}", "number", w, placeholder=placeholder
            )
            spec = values.get(iid) if isinstance(values, Mapping) else None
            mode = spec if spec in ("ascending", "descending") else ("custom" if spec else INHERIT)
            inherited = pv.get(iid) if isinstance(pv, Mapping) else None
            vrow = self.f(
                (*keys, "values", iid), f"Values of {name}", "values", mode, choices=MODES
            )
            if inherit_from is not None:
                shown = inherited if isinstance(inherited, str) else "inherited"
                vrow.choices = (("", f"inherit ({shown})" if inherited else "inherit"), *MODES[1:])
            table = spec if isinstance(spec, Mapping) else {}
            table = {option_label(k): v for k, v in table.items()}
            for o in labels:
                vrow.options.append(
                    self.f(
                        (*keys, "values", iid, o), f"{name}: value of {o}", "number", table.get(o)
                    )
                )
            g.prefs.append(PrefRow(iid, name, weight, vrow))

    def extras(
        self, g: Group, keys: tuple[Key, ...], node: Mapping[str, Any], model: type[BaseModel]
    ) -> None:
        """Generic fields for the schema's other scalar fields (the Level II parameters),
        in a sub-group of ``g``."""
        sub = Group(g.path + "#level2", "Level II move parameters", "level2")
        for name, info in model.model_fields.items():
            if name in HANDLED:
                continue
            kind, choices = _kind_of(info.annotation)
            if kind is None:
                continue
            value = node.get(name)
            if kind == "lines" and isinstance(value, list):
                value = "\n".join(str(v) for v in value)
            sub.fields.append(
                self.f(
                    (*keys, name),
                    name.replace("_", " ").capitalize(),
                    kind,
                    value,
                    choices=choices,
                    help=(info.description or "")
                    + (
                        " One per line, from: " + ", ".join(v for v, _ in choices) + "."
                        if kind == "lines" and choices
                        else ""
                    ),
                    placeholder=_text(info.default) if _is_simple(info.default) else "",
                )
            )
        if sub.fields:
            sub.prefs_note = "Used by the planner's moves; empty fields take the default."
            g.groups.append(sub)

    def case_level2_group(self) -> Group | None:
        """The case-wide Level II settings (the catalogue entries stay in the YAML)."""
        raw = self.data.get("level2")
        node: Mapping[str, Any] = raw if isinstance(raw, Mapping) else {}
        holder = Group("level2", "Level II inputs for the whole case", "level2case")
        self.extras(holder, ("level2",), node, Level2File)
        if not holder.groups:
            return None
        holder.fields = holder.groups[0].fields
        holder.groups = []
        listed = sum(len(v) for v in node.values() if isinstance(v, list))
        holder.prefs_note = (
            f"The catalogue of Level II inputs ({listed} entries: offers, process terms, third "
            "parties, statements, rule changes) is edited in the YAML view."
        )
        return holder

    def side_group(self, si: int, side: Mapping[str, Any]) -> Group:
        keys: tuple[Key, ...] = ("sides", si)
        sid = side.get("id")
        g = Group(join("sides", si), f"Side: {side.get('name') or sid}", "side")
        g.fields = [
            self.f((*keys, "id"), "Id", "text", sid, required=True),
            self.f((*keys, "name"), "Name", "text", side.get("name")),
            self.f(
                (*keys, "no_deal"),
                "No-deal value",
                "number",
                side.get("no_deal"),
                help="x_s; empty = the negotiator's reservation.",
            ),
        ]
        raw_neg = side.get("negotiator")
        neg: Mapping[str, Any] = raw_neg if isinstance(raw_neg, Mapping) else {}
        nkeys = (*keys, "negotiator")
        ng = Group(
            join(g.path, "negotiator"),
            f"Negotiator: {neg.get('name') or 'negotiator'}",
            "negotiator",
        )
        ng.fields = [
            self.f((*nkeys, "name"), "Name", "text", neg.get("name")),
            self.f(
                (*nkeys, "reservation"),
                "Reservation",
                "number",
                neg.get("reservation"),
                placeholder="0",
            ),
            self.f(
                (*nkeys, "uncertainty"),
                "Uncertainty (σ)",
                "number",
                neg.get("uncertainty"),
                placeholder="0",
            ),
        ]
        self.extras(ng, nkeys, neg, NegotiatorFile)
        self.prefs(ng, nkeys, neg)
        g.groups.append(ng)
        for ci, c in enumerate(side.get("constituencies") or []):
            if isinstance(c, Mapping):
                g.groups.append(self.constituency_group(si, ci, c))
        g.actions = [("Add a constituency", f"add-constituency:{si}")]
        return g

    def constituency_group(self, si: int, ci: int, c: Mapping[str, Any]) -> Group:
        keys: tuple[Key, ...] = ("sides", si, "constituencies", ci)
        path = join(join(join("sides", si), "constituencies"), ci)
        g = Group(path, f"Constituency: {c.get('name') or c.get('id')}", "constituency")
        g.fields = [
            self.f((*keys, "id"), "Id", "text", c.get("id"), required=True),
            self.f((*keys, "name"), "Name", "text", c.get("name")),
            self.f(
                (*keys, "power"),
                "Power",
                "select",
                c.get("power") or "ratify",
                choices=POWERS,
                help="ratify: formal approval needed; block: can derail implementation; "
                "influence: shapes others, no veto.",
            ),
            self.f(
                (*keys, "reservation"),
                "Reservation",
                "number",
                c.get("reservation"),
                placeholder="0",
                help="The least utility at which it approves.",
            ),
            self.f(
                (*keys, "uncertainty"),
                "Uncertainty (σ)",
                "number",
                c.get("uncertainty"),
                placeholder="0",
            ),
            self.f(
                (*keys, "quota"),
                "Quota (blocs)",
                "number",
                c.get("quota"),
                placeholder="0.5",
                help="Share of the total needed when voting by blocs.",
            ),
            self.f(
                (*keys, "strength"),
                "Blocker strength",
                "number",
                c.get("strength"),
                placeholder="1",
                help="For power 'block': chance a no derails the deal.",
            ),
        ]
        self.extras(g, keys, c, ConstituencyFile)
        self.prefs(g, keys, c)
        for bi, b in enumerate(c.get("blocs") or []):
            if not isinstance(b, Mapping):
                continue
            bkeys = (*keys, "blocs", bi)
            bg = Group(
                join(join(path, "blocs"), bi), f"Bloc: {b.get('name') or b.get('id')}", "bloc"
            )
            bg.fields = [
                self.f((*bkeys, "id"), "Id", "text", b.get("id"), required=True),
                self.f((*bkeys, "name"), "Name", "text", b.get("name")),
                self.f((*bkeys, "share"), "Share", "number", b.get("share"), required=True),
                self.f(
                    (*bkeys, "reservation"),
                    "Reservation",
                    "number",
                    b.get("reservation"),
                    placeholder=_text(c.get("reservation", 0)),
                ),
                self.f(
                    (*bkeys, "uncertainty"),
                    "Uncertainty (σ)",
                    "number",
                    b.get("uncertainty"),
                    placeholder=_text(c.get("uncertainty", 0)),
                ),
            ]
            self.extras(bg, bkeys, b, BlocFile)
            self.prefs(bg, bkeys, b, inherit_from=c)
            bg.prefs_note = "Empty fields inherit the constituency's setting."
            bg.actions = [("Remove this bloc", f"remove-bloc:{si}:{ci}:{bi}")]
            g.groups.append(bg)
        g.actions = [
            ("Add a voting bloc", f"add-bloc:{si}:{ci}"),
            ("Remove this constituency", f"remove-constituency:{si}:{ci}"),
        ]
        return g


def _is_simple(x: object) -> bool:
    return isinstance(x, int | float | str) and not isinstance(x, bool)


def _kind_of(annotation: object) -> tuple[Kind | None, tuple[tuple[str, str], ...]]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _kind_of(typing.get_args(annotation)[0])
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if annotation in (float, int):
        return "number", ()
    if annotation is str:
        return "text", ()
    if annotation is bool:
        return "select", (("false", "no"), ("true", "yes"))
    if origin is Literal:
        return "select", tuple((str(a), str(a)) for a in typing.get_args(annotation))
    if origin is list and args == [str]:
        return "lines", ()
    if (
        origin is list
        and len(args) == 1
        and isinstance(args[0], type)
        and issubclass(args[0], Enum)
    ):
        return "lines", tuple((str(m.value), str(m.value)) for m in args[0])
    if args and len(args) == 1 and origin is not list:
        return _kind_of(args[0])
    return None, ()


def build_form(data: Mapping[str, Any]) -> EditorForm:
    groups = _Builder(data).build()
    form = EditorForm(groups)
    n = 0
    for g in groups:
        for sub in g.all_groups():
            n += 1
            sub.dom_id = f"g{n}"
        for f in g.all_fields():
            n += 1
            f.dom_id = f"f{n}"
    return form


def place_problems(form: EditorForm, problems: Sequence[Problem]) -> None:
    """Attach each problem to the field (or group) it concerns; list all of them too."""
    fields = {f.path: f for f in form.fields()}
    groups = {g.path: g for top in form.groups for g in top.all_groups() if g.path}
    for p in problems:
        path = p.path
        target_id = ""
        while True:
            if path in fields:
                fields[path].errors.append(p.message())
                target_id = fields[path].dom_id
                break
            if path in groups:
                groups[path].errors.append(p.message())
                target_id = groups[path].dom_id
                break
            if not path:
                form.unplaced.append(p.message())
                break
            path = parent_path(path)
        form.problems.append((p.message(), target_id))


# ---------------------------------------------------------------------------
# applying a posted form
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
            elif f.kind == "select" and f.keys[0] in ("proposal", "opening"):
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
                    elif f.keys[0] == "sides":
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
    for key in ("proposal", "opening"):
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


def apply_action(data: dict[str, Any], action: str) -> str | None:
    """Apply an add/remove button; return a description for the revision message."""
    name, _, arg = action.partition(":")
    nums = [int(x) for x in arg.split(":") if x.strip().lstrip("-").isdigit()]
    try:
        if name == "add-issue":
            casedoc.add_issue(data)
            return "Added an issue"
        if name == "remove-issue" and len(nums) == 1:
            casedoc.remove_issue(data, nums[0])
            return "Removed an issue"
        if name == "add-constituency" and len(nums) == 1:
            casedoc.add_constituency(data, nums[0])
            return "Added a constituency"
        if name == "remove-constituency" and len(nums) == 2:
            casedoc.remove_constituency(data, *nums)
            return "Removed a constituency"
        if name == "add-bloc" and len(nums) == 2:
            casedoc.add_bloc(data, *nums)
            return "Added a voting bloc"
        if name == "remove-bloc" and len(nums) == 3:
            casedoc.remove_bloc(data, *nums)
            return "Removed a voting bloc"
    except (KeyError, IndexError, TypeError):
        return None
    return None
