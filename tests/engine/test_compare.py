"""compare_deals: the same numbers as assess, differences and bests marked honestly."""

from __future__ import annotations

import pytest

from leveltwo import DealError, InputError, assess, load_case
from leveltwo.engine.compare import compare_deals
from leveltwo.engine.winsets import analyze_space
from leveltwo.narrative.comparison import compare, split_terms


@pytest.fixture(scope="module")
def nurses():
    return load_case("labour-contract")


def test_rows_carry_the_assessments_numbers(nurses):
    best = analyze_space(nurses).best_deal.deal
    c = compare_deals(nurses, [("a", nurses.proposal), ("b", best)])
    rows = {r.key: r for r in c.rows}
    for k, deal in enumerate((nurses.proposal, best)):
        a = assess(nurses, deal)
        assert rows["success_probability"].values[k] == a.success_probability
        assert rows["expected_value.us"].values[k] == a.expected_value[nurses.us]
        for side in a.sides:
            for r in side.stakeholders():
                if r.key in rows:
                    assert rows[r.key].values[k] == r.approval_probability
                for b in r.blocs:
                    assert rows[b.key].values[k] == b.approval_probability
    assert rows["success_probability"].best == (1,)  # the best deal has the higher P here
    assert rows["expected_value.them"].best == ()  # theirs is never marked


def test_identical_deals_differ_nowhere(nurses):
    c = compare_deals(nurses, [("a", nurses.proposal), ("b", nurses.proposal)])
    assert c.differing() == ()
    assert all(r.best == () for r in c.rows)


def test_term_rows_differ_exactly_where_the_deals_do(nurses):
    c = compare(nurses, ["proposal", "wages=9%, bonus=$4,000"])
    assert {r.key for r in c.terms() if r.differs} == {"wages", "bonus"}
    assert c.deals[1].name == "wages=9%, bonus=$4,000"


@pytest.mark.parametrize("n", [1, 5])
def test_two_to_four_deals(nurses, n):
    with pytest.raises(InputError):
        compare_deals(nurses, [("x", nurses.proposal)] * n)


def test_shorthands(nurses):
    c = compare(nurses, ["proposal", "best", "nash", "opening"])
    space = analyze_space(nurses)
    assert c.deals[1].deal == space.best_deal.deal
    assert space.nash_deal is not None
    assert c.deals[2].deal == space.nash_deal.deal
    assert c.deals[3].deal == nurses.opening_deal()


def test_unknown_shorthand_and_bad_terms_are_reported_together(nurses):
    with pytest.raises(DealError) as info:
        compare(nurses, ["bestest", "wage=9"])
    assert len(info.value.problems) == 2
    assert info.value.problems[1].suggestion == "wages"


def test_split_terms_keeps_commas_inside_labels():
    assert split_terms("wages=9%, bonus=$2,500; term=2 years") == [
        "wages=9%",
        "bonus=$2,500",
        "term=2 years",
    ]
