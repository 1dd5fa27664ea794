"""Building the editor's form from a parsed case file.

The case's own fields are laid out by hand; every other scalar field of the
file models (the Level II move parameters, as the schema grows) and every
field of a side's implementation risks is shown generically, from the schema's
declaration: its words as label; its description, its type and bounds and what
leaving it empty means as help text, in the words of docs/case-format.md
(:mod:`leveltwo.model.fieldtable`); its default as placeholder.
"""

from __future__ import annotations

import typing
from collections.abc import Mapping
from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel

from leveltwo.model.fielddoc import NAME, absent_words
from leveltwo.model.fields import WORDS
from leveltwo.model.fieldtable import type_words
from leveltwo.model.labels import issue_labels, option_label
from leveltwo.model.risks import ImplementationRiskFile
from leveltwo.model.schema import BlocFile, ConstituencyFile, Level2File, NegotiatorFile
from leveltwo.web.editor.model import (
    HANDLED,
    INHERIT,
    MODES,
    POWERS,
    RISKS,
    RISKS_NOTE,
    EditorForm,
    Field,
    Group,
    Key,
    Kind,
    PrefRow,
    join,
    text_of,
)


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
        return Field(path, keys, label, kind, text_of(value), **kw)

    def number(
        self, keys: tuple[Key, ...], node: Mapping[str, Any], name: str, label: str, **kw: Any
    ) -> Field:
        """The number field for ``node[name]``."""
        return self.f((*keys, name), label, "number", node.get(name), **kw)

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
        groups.append(
            self.deal_group(
                "their_opening",
                "Their opening position",
                "Used to show what we won (our own victory speech); empty: their "
                "negotiator's best deal.",
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
                    sub.fields.append(self.number((*keys, "options"), opts, k, f"Range {k}"))
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
                placeholder = text_of(pw.get(iid, "")) if isinstance(pw, Mapping) else ""
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

    def schema_fields(
        self,
        keys: tuple[Key, ...],
        node: Mapping[str, Any],
        model: type[BaseModel],
        skip: frozenset[str] | set[str] = frozenset(),
    ) -> list[Field]:
        """A field for each scalar field ``model`` declares, in its order: labelled with
        its words (leveltwo.model.fields), its description and bounds as help, its
        default as placeholder, required when the schema requires it."""
        out: list[Field] = []
        for name, info in model.model_fields.items():
            if name in skip:
                continue
            kind, choices = _kind_of(info.annotation)
            if kind is None:
                continue
            value = node.get(name)
            if kind == "lines" and isinstance(value, list):
                value = "\n".join(str(v) for v in value)
            placeholder = text_of(info.default) if _is_simple(info.default) else ""
            if NAME in info.metadata:  # a name left out is the id: show it
                placeholder = text_of(node.get("id"))
            out.append(
                self.f(
                    (*keys, name),
                    label_of(name),
                    kind,
                    value,
                    choices=choices,
                    help=help_of(model, name, kind),
                    placeholder=placeholder,
                    required=info.is_required(),
                )
            )
        return out

    def extras(
        self, g: Group, keys: tuple[Key, ...], node: Mapping[str, Any], model: type[BaseModel]
    ) -> None:
        """Generic fields for the schema's other scalar fields (the Level II parameters),
        in a sub-group of ``g``."""
        sub = Group(g.path + "#level2", "Level II move parameters", "level2")
        sub.fields = self.schema_fields(keys, node, model, HANDLED)
        if sub.fields:
            sub.prefs_note = "Used by the planner's moves; empty fields take the default."
            g.groups.append(sub)

    def risks_group(self, si: int, side: Mapping[str, Any]) -> Group | None:
        """A side's implementation risks, each with the fields ImplementationRiskFile
        declares (None when the side has none: the side's button adds one)."""
        raw = side.get(RISKS)
        entries: list[Any] = raw if isinstance(raw, list) else []
        if not any(isinstance(r, Mapping) for r in entries):
            return None
        keys: tuple[Key, ...] = ("sides", si, RISKS)
        path = join(join("sides", si), RISKS)
        g = Group(path, label_of(RISKS), "risks", prefs_note=RISKS_NOTE)
        for ri, r in enumerate(entries):
            if not isinstance(r, Mapping):
                continue
            sub = Group(join(path, ri), f"Risk: {r.get('name') or r.get('id')}", "risk")
            sub.fields = self.schema_fields((*keys, ri), r, ImplementationRiskFile)
            sub.actions = [("Remove this risk", f"remove-risk:{si}:{ri}")]
            g.groups.append(sub)
        return g

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
            self.number(
                keys,
                side,
                "no_deal",
                "No-deal value",
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
            self.number(nkeys, neg, "reservation", "Reservation", placeholder="0"),
            self.number(nkeys, neg, "uncertainty", "Uncertainty (σ)", placeholder="0"),
        ]
        self.extras(ng, nkeys, neg, NegotiatorFile)
        self.prefs(ng, nkeys, neg)
        g.groups.append(ng)
        for ci, c in enumerate(side.get("constituencies") or []):
            if isinstance(c, Mapping):
                g.groups.append(self.constituency_group(si, ci, c))
        risks = self.risks_group(si, side)
        if risks is not None:
            g.groups.append(risks)
        g.actions = [
            ("Add a constituency", f"add-constituency:{si}"),
            ("Add an implementation risk", f"add-risk:{si}"),
        ]
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
            self.number(
                keys,
                c,
                "reservation",
                "Reservation",
                placeholder="0",
                help="The least utility at which it approves.",
            ),
            self.number(keys, c, "uncertainty", "Uncertainty (σ)", placeholder="0"),
            self.number(
                keys,
                c,
                "quota",
                "Quota (blocs)",
                placeholder="0.5",
                help="Share of the total needed when voting by blocs.",
            ),
            self.number(
                keys,
                c,
                "strength",
                "Blocker strength",
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
                self.number(bkeys, b, "share", "Share", required=True),
                self.number(
                    bkeys,
                    b,
                    "reservation",
                    "Reservation",
                    placeholder=text_of(c.get("reservation", 0)),
                ),
                self.number(
                    bkeys,
                    b,
                    "uncertainty",
                    "Uncertainty (σ)",
                    placeholder=text_of(c.get("uncertainty", 0)),
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


def label_of(name: str) -> str:
    """A generic field's label: its words from leveltwo.model.fields, else its name."""
    words = WORDS.get(name, name.replace("_", " "))
    return words[:1].upper() + words[1:]


def help_of(model: type[BaseModel], name: str, kind: Kind | None) -> str:
    """A generic field's help, from its declaration: the schema's description, the type
    in the words of docs/case-format.md when it has bounds ("number in [0, 1]"),
    what its declaration says leaving it empty means ("the id"), and for a list its
    choices."""
    info = model.model_fields[name]
    text = info.description or ""
    if kind == "number":
        words = type_words(info.annotation, info.metadata)
        if words != "number" and words.removeprefix("number") not in text:
            text += f" {words[:1].upper()}{words[1:]}."
    absent = absent_words(info.metadata)
    if absent and absent.lower() not in text.lower():
        text += f" Empty: {absent.replace('`', '')}."
    _kind, choices = _kind_of(info.annotation)
    if kind == "lines" and choices:
        text += " One per line, from: " + ", ".join(v for v, _ in choices) + "."
    return text.strip()


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
