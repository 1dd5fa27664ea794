"""Stakeholder keys: parsing, their parts, and the keys a built case holds."""

from __future__ import annotations

import copy
import json
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leveltwo.errors import CaseError
from leveltwo.io.bundled import bundled_cases
from leveltwo.io.casefile import load_case
from leveltwo.model.case import Bloc, Constituency, Negotiator
from leveltwo.model.keys import NEGOTIATOR_ID, KeyKind, StakeholderKey, is_key

ids = st.from_regex(r"[A-Za-z][A-Za-z0-9_\-]{0,8}", fullmatch=True)
constituency_ids = ids.filter(lambda s: s != NEGOTIATOR_ID)


@given(ids, st.none() | constituency_ids, st.none() | ids)
def test_of_and_parts_are_inverse(side: str, cons: str | None, bloc: str | None) -> None:
    if bloc is not None and cons is None:
        with pytest.raises(ValueError, match="belongs to a constituency"):
            StakeholderKey.of(side, cons, bloc)
        return
    key = StakeholderKey.of(side, cons, bloc)
    assert (key.side, key.constituency, key.bloc) == (side, cons, bloc)
    assert StakeholderKey(str(key)) == key
    assert key.parts == tuple(str(key).split("."))
    assert key.kind is (
        KeyKind.BLOC if bloc else KeyKind.CONSTITUENCY if cons else KeyKind.NEGOTIATOR
    )
    if bloc is not None:
        assert key.parent == StakeholderKey.of(side, cons)
        assert key.top == key.parent
        assert key.parent.child(bloc) == key
    else:
        assert key.parent is None
        assert key.top is key
    assert key.belongs_to(side)


@given(ids, constituency_ids)
def test_a_key_is_its_plain_string(side: str, cons: str) -> None:
    text = f"{side}.{cons}"
    key = StakeholderKey(text)
    assert key == text
    assert hash(key) == hash(text)
    assert {text: 1}[key] == 1
    assert json.dumps({key: [key]}) == json.dumps({text: [text]})
    assert pickle.loads(pickle.dumps(key)) == key
    assert type(pickle.loads(pickle.dumps(key))) is StakeholderKey
    assert type(copy.deepcopy(key)) is StakeholderKey
    assert StakeholderKey(key) is key


@pytest.mark.parametrize(
    "text",
    [
        "",
        "union",
        "union.",
        ".members",
        "union..senior",
        "union.members.senior.x",
        "union.negotiator.x",  # a negotiator has no blocs
        "union.mem bers",
        "1union.members",
        "union.members\n",
    ],
)
def test_a_malformed_key_is_a_located_case_error(text: str) -> None:
    assert not is_key(text)
    with pytest.raises(CaseError) as err:
        StakeholderKey.parse(text, "level2.statements[0].touches[1]")
    (problem,) = err.value.problems
    assert problem.path == "level2.statements[0].touches[1]"
    assert problem.found == repr(text)
    assert "side.constituency.bloc" in problem.expected
    with pytest.raises(CaseError):
        StakeholderKey(text)


def test_parse_refuses_what_is_not_a_string() -> None:
    with pytest.raises(CaseError) as err:
        StakeholderKey.parse(3, "x")
    assert err.value.problems[0].found == "3"


def test_only_a_constituency_has_blocs() -> None:
    with pytest.raises(ValueError, match="only a constituency"):
        StakeholderKey("union.negotiator").child("senior")
    with pytest.raises(ValueError, match="only a constituency"):
        StakeholderKey("union.members.senior").child("x")


def test_it_prints_as_the_plain_string() -> None:
    assert repr(StakeholderKey("a.b")) == "'a.b'"
    assert f"{StakeholderKey('a.b.c')}" == "a.b.c"


@pytest.mark.parametrize("name", [c.name for c in bundled_cases()])
def test_every_stakeholder_of_a_built_case_has_a_key_that_matches_its_place(name: str) -> None:
    case = load_case(name)
    for side in case.sides:
        neg = side.negotiator
        assert isinstance(neg, Negotiator)
        assert type(neg.key) is StakeholderKey
        assert (neg.key.side, neg.key.kind, neg.key.constituency) == (
            side.id,
            KeyKind.NEGOTIATOR,
            None,
        )
        for c in side.constituencies:
            assert isinstance(c, Constituency)
            assert type(c.key) is StakeholderKey
            assert (c.key.side, c.key.constituency, c.key.kind) == (
                side.id,
                c.id,
                KeyKind.CONSTITUENCY,
            )
            for b in c.blocs:
                assert isinstance(b, Bloc)
                assert type(b.key) is StakeholderKey
                assert b.key.parent == c.key
                assert b.key.bloc == b.id
    keys = [s.key for s in case.stakeholders()]
    assert len(set(keys)) == len(keys)


def test_a_constituency_includes_itself_and_its_blocs_only() -> None:
    members = StakeholderKey("union.members")
    assert members.includes("union.members")
    assert members.includes("union.members.senior")
    assert not members.includes("union.membership")
    assert not members.includes("union.members_old.x")
    assert not members.includes("union")
    assert StakeholderKey("union.members.senior").includes("union.members.senior")
    assert not StakeholderKey("union.members.senior").includes("union.members")
