"""Internal keys said in words: the case's own names, else the key's parts, never the raw key."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leveltwo.io.casefile import load_case
from leveltwo.model.case import Case, Category
from leveltwo.narrative.names import (
    category_name,
    move_name,
    parameter_name,
    plain,
    stakeholder_name,
)


@pytest.fixture(scope="module")
def case() -> Case:
    return load_case("labour-contract")


def test_stakeholders_are_named_as_the_case_names_them(case: Case) -> None:
    # names as written in src/leveltwo/cases/labour-contract.yaml
    assert stakeholder_name(case, "union.negotiator") == (
        "Union president (Eastbrook Nurses' Association)"
    )
    assert stakeholder_name(case, "union.members") == "Membership ratification vote"
    assert stakeholder_name(case, "union.members.senior") == "Senior nurses (15+ years)"
    assert stakeholder_name(case, "union.nobody") is None


def test_parameters_name_the_issue_or_the_stakeholder_and_field(case: Case) -> None:
    assert parameter_name(case, "deal.overtime") == "Mandatory overtime"
    assert parameter_name(case, "deal.no_such_issue") == "no such issue"
    assert parameter_name(case, "union.members.reservation") == (
        "Membership ratification vote: reservation (the least it accepts)"
    )
    assert parameter_name(case, "union.members.senior.new_field") == (
        "Senior nurses (15+ years): new field"
    )
    assert parameter_name(case, "union.members") == "Membership ratification vote"
    assert parameter_name(case, "nobody.at_all") == "nobody at all"


def test_moves_name_their_category_and_target(case: Case) -> None:
    assert move_name(case, "framing:union.members") == "framing (Membership ratification vote)"
    assert move_name(case, "statements:unaffordable") == "public statements (unaffordable)"
    assert move_name(case, "outside_pressure:win_over:union.members") == (
        "outside pressure (win over)"
    )
    assert move_name(case, "compensation") == "tailored terms"


@pytest.mark.parametrize("category", list(Category))
def test_every_category_reads_as_words(category: Category) -> None:
    name = category_name(category.value)
    assert name
    assert "_" not in name


@given(st.text(alphabet="abc_-. ", max_size=20))
def test_plain_leaves_no_underscore_or_hyphen(word: str) -> None:
    out = plain(word)
    assert "_" not in out
    assert "-" not in out
    assert out == out.strip()
    assert out.replace(" ", "") == word.replace("_", "").replace("-", "").replace(" ", "")
