"""The stakeholder fields are declared once (leveltwo.model.fields); everything that
lists them agrees with that declaration."""

from __future__ import annotations

import typing
from dataclasses import fields as dataclass_fields
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from leveltwo.io import casewriter
from leveltwo.model import fields, schema
from leveltwo.model.build import build_case
from leveltwo.model.case import Level2Params
from leveltwo.narrative.names import FIELD_NAMES
from leveltwo.strategies import robustness
from leveltwo.web.editor.model import HANDLED

CARRIERS: dict[str, type[BaseModel]] = {
    "n": schema.NegotiatorFile,
    "c": schema.ConstituencyFile,
    "b": schema.BlocFile,
}
#: Fields a model declares apart from the stakeholder fields (identity, links, blocs).
OTHER = {"id", "name", "blocs", "influences", "win_over", "total_share"}


def _bounds(model: type[BaseModel], name: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for m in model.model_fields[name].metadata:
        for attr in ("ge", "le", "gt"):
            if getattr(m, attr, None) is not None:
                out[attr] = getattr(m, attr)
    return out


@pytest.mark.parametrize("carrier", sorted(CARRIERS))
def test_each_file_model_has_exactly_the_declared_fields(carrier: str) -> None:
    model = CARRIERS[carrier]
    declared = {f.name for f in fields.STAKEHOLDER_FIELDS if carrier in f.carriers}
    assert set(model.model_fields) - OTHER == declared


@pytest.mark.parametrize("spec", fields.STAKEHOLDER_FIELDS, ids=lambda f: f.name)
def test_the_schema_takes_bounds_default_and_description_from_the_declaration(
    spec: fields.StakeholderField,
) -> None:
    want = {k: v for k, v in (("ge", spec.ge), ("le", spec.le), ("gt", spec.gt)) if v is not None}
    for carrier in spec.carriers:
        model = CARRIERS[carrier]
        info = model.model_fields[spec.name]
        assert _bounds(model, spec.name) == want, (carrier, spec.name)
        if carrier == "b" and spec.inherit is not fields.Inherit.NO:
            assert info.default is None
            assert info.description == spec.bloc_text
        elif spec.default is not None and info.is_required() is False:
            assert info.default == spec.default
    # a value outside the declared bounds is refused, inside them accepted
    if spec.le is not None and "n" in spec.carriers:
        base = {"weights": {"pay": 1}}
        assert schema.NegotiatorFile.model_validate({**base, spec.name: spec.le})
        with pytest.raises(ValidationError, match=spec.name):
            schema.NegotiatorFile.model_validate({**base, spec.name: spec.le + 0.5})


def test_the_frozen_model_has_the_declared_level2_parameters_and_defaults() -> None:
    names = [f.name for f in dataclass_fields(Level2Params) if f.name != "assumed"]
    assert names == [f.name for f in fields.LEVEL2_PARAMS]
    p = Level2Params()
    for name in fields.LEVEL2_NUMBERS:
        assert getattr(p, name) == fields.FIELDS[name].default


def test_robustness_writer_names_and_editor_derive_from_the_declaration() -> None:
    assert (
        tuple(f.name for f in fields.LEVEL2_PARAMS if f.robustness is fields.Robustness.SCALE)
        == robustness.SCALED
    )
    for name in (*robustness.SCALED, "credits", "reservation"):
        assert robustness.WORDS[name].startswith(fields.WORDS[name])
    assert set(casewriter._LEVEL2_FIELDS) | {"credits"} == {f.name for f in fields.LEVEL2_PARAMS}
    for f in fields.STAKEHOLDER_FIELDS:
        assert FIELD_NAMES[f.name] == f.words
        owned = f.name in casewriter._STAKEHOLDER_KEYS
        assert owned == (f.held is not fields.Held.INFLUENCE), f.name
        assert (f.name in HANDLED) == (f.held is fields.Held.STAKEHOLDER), f.name


def _case(constituency: dict[str, Any]) -> dict[str, Any]:
    neg = {"weights": {"pay": 1}, "values": {"pay": "ascending"}}
    return {
        "leveltwo": 1,
        "title": "t",
        "issues": [
            {"id": "pay", "options": ["a", "b", "c"]},
            {"id": "scope", "options": ["x", "y"]},
        ],
        "sides": [
            {"id": "us", "negotiator": neg, "constituencies": [constituency]},
            {"id": "them", "negotiator": neg},
        ],
    }


GIVEN: dict[str, Any] = {
    "reservation": 0.3,
    "uncertainty": 0.05,
    "weights": {"pay": 2, "scope": 1},
    "values": {"pay": "descending", "scope": {"x": 0.2, "y": 1}},
    "audience_cost": 0.1,
    "framing": 0.2,
    "hostility": 0.3,
    "reassurance": 0.4,
    "pressure": 0.5,
    "victory": 0.6,
    "credits": ["mediator"],
    "susceptibility": 0.7,
}


def test_every_inherited_field_has_an_example() -> None:
    assert set(GIVEN) == {f.name for f in fields.INHERITED}


def test_a_bare_bloc_inherits_every_field_of_its_constituency() -> None:
    con = {"id": "members", **GIVEN, "blocs": [{"id": "a", "share": 1}]}
    c = build_case(_case(con)).stakeholder("us.members")
    b = c.blocs[0]  # type: ignore[attr-defined]
    assert b.preferences == c.preferences
    assert (b.reservation, b.uncertainty) == (c.reservation, c.uncertainty)
    assert b.level2 == c.level2
    assert b.level2.assumed == c.level2.assumed == ()


@pytest.mark.parametrize("name", sorted(set(GIVEN) - {"susceptibility"}))
def test_a_bloc_that_gives_a_field_keeps_its_own(name: str) -> None:
    own: dict[str, Any] = {
        "reservation": 0.9,
        "uncertainty": 0.2,
        "weights": {"scope": 1},
        "values": {"pay": "ascending"},
        "credits": {"venue": 0.1},
    }
    value = own.get(name, 0.05)
    con = {"id": "members", **GIVEN, "blocs": [{"id": "a", "share": 1, name: value}]}
    case = build_case(_case(con))
    c = case.stakeholder("us.members")
    b = c.blocs[0]  # type: ignore[attr-defined]
    if name == "weights":
        assert b.preferences.weights == (0.0, 1.0) != c.preferences.weights
    elif name == "values":  # inherited issue by issue: its own pay, the parent's scope
        assert b.preferences.values == ((0.0, 0.5, 1.0), c.preferences.values[1])
    elif name in ("reservation", "uncertainty"):
        assert getattr(b, name) == value != getattr(c, name)
    elif name == "credits":
        assert b.level2.credits != c.level2.credits
    else:
        assert getattr(b.level2, name) == value != getattr(c.level2, name)


def test_hostility_left_out_everywhere_is_an_assumption_for_the_bloc_too() -> None:
    con = {"id": "members", "weights": {"pay": 1}, "values": {"pay": "ascending"}}
    con["blocs"] = [{"id": "a", "share": 1}, {"id": "b", "share": 1, "hostility": 0.2}]
    c = build_case(_case(con)).stakeholder("us.members")
    assert c.level2.assumed == ("hostility",)
    assert [b.level2.assumed for b in c.blocs] == [("hostility",), ()]  # type: ignore[attr-defined]


def _key_fields(model: type[BaseModel]) -> set[tuple[str, fields.Shape]]:
    out: set[tuple[str, fields.Shape]] = set()
    for name, info in model.model_fields.items():
        text = str(info.annotation)
        shown = repr(typing.get_type_hints(model, include_extras=True)[name])
        if "StakeholderKey" not in shown:
            continue
        if text.startswith("dict"):
            out.add((name, fields.Shape.MAPPING))
        elif text.startswith("list"):
            out.add((name, fields.Shape.LIST))
        else:
            out.add((name, fields.Shape.ONE))
    return out


def test_the_key_references_are_exactly_the_schema_fields_typed_as_stakeholder_keys() -> None:
    entries = {
        "compensation": schema.OfferFile,
        "third_parties": schema.ThirdPartyFile,
        "statements": schema.StatementFile,
        "rule_changes": schema.RuleChangeFile,
    }
    assert set(entries) <= set(schema.Level2File.model_fields)
    found = {(e, f, s) for e, m in entries.items() for f, s in _key_fields(m)}
    declared = {(r.entries, r.field, r.shape) for r in fields.STAKEHOLDER_REFERENCES}
    assert found == declared


def test_the_frozen_stakeholders_default_as_declared() -> None:
    from dataclasses import MISSING
    from dataclasses import fields as dc_fields

    from leveltwo.model.case import Bloc, Constituency

    for model in (Constituency, Bloc):
        defaults = {f.name: f.default for f in dc_fields(model) if f.default is not MISSING}
        for spec in fields.STAKEHOLDER_FIELDS:
            carried = "c" if model is Constituency else "b"
            if carried in spec.carriers and spec.name in defaults and spec.default is not None:
                assert defaults[spec.name] == spec.default, (model.__name__, spec.name)
