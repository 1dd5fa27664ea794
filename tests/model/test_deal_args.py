"""``--deal`` takes issue ids or names and option labels forgivingly, and suggests."""

from __future__ import annotations

import pytest

from leveltwo import DealError, load_case
from leveltwo.model.dealargs import parse_deal_args
from leveltwo.model.suggest import bare, did_you_mean, normalise


@pytest.fixture(scope="module")
def nurses():
    return load_case("labour-contract")


def _labels(case, args):
    return case.deal_labels(parse_deal_args(case, args, base=case.proposal))


@pytest.mark.parametrize(
    ("arg", "issue", "option"),
    [
        ("wages=9%", "wages", "9%"),
        ("wages=9", "wages", "9%"),
        ("Wages=9%", "wages", "9%"),
        ("WAGES = 9 %", "wages", "9%"),
        ("Contract length=2 YEARS", "term", "2 years"),
        ("contract   length=2 years", "term", "2 years"),
        ("term=3", "term", "3 years"),
        ("bonus=2500", "bonus", "$2,500"),
        ("bonus=$4,000", "bonus", "$4,000"),
        ("overtime=Voluntary Only", "overtime", "voluntary only"),
    ],
)
def test_issue_names_and_labels_match_forgivingly(nurses, arg, issue, option):
    labels = _labels(nurses, [arg])
    assert labels[issue] == option
    for other, value in nurses.deal_labels(nurses.proposal).items():
        if other != issue:
            assert labels[other] == value


def test_exact_labels_win_over_forgiving_ones(pilots):
    # "4%" is exact; its bare form "4" must not make "pay=4%" ambiguous with anything
    assert pilots.deal_labels(parse_deal_args(pilots, ["pay=4%", "scope=capped"]))["pay"] == "4%"


def test_misspelt_issue_and_option_get_a_suggestion(nurses):
    with pytest.raises(DealError) as info:
        parse_deal_args(nurses, ["wage=9%", "overtime=volunteer", "wages=10"], base=nurses.proposal)
    problems = {p.path: p for p in info.value.problems}
    assert problems["deal.wage"].suggestion == "wages"
    assert problems["deal.overtime"].suggestion == "voluntary only"
    assert problems["deal.wages"].suggestion == "9%"  # the nearest number: 9% (not 12%)
    assert "(did you mean 'wages'?)" in problems["deal.wage"].message()


def test_nothing_close_gets_no_suggestion(nurses):
    with pytest.raises(DealError) as info:
        parse_deal_args(nurses, ["zebra=striped"], base=nurses.proposal)
    assert info.value.problems[0].suggestion is None
    assert "did you mean" not in info.value.problems[0].message()


def test_normalising():
    assert normalise("  Contract   LENGTH ") == "contract length"
    assert bare("$2,500") == "2500"
    assert bare("9 %") == "9"
    assert did_you_mean("reservaton", ["reservation", "uncertainty"]) == "reservation"
    assert did_you_mean("qqq", ["reservation"]) is None


def test_misspelt_case_file_key_gets_a_suggestion(invoke_validate_bad_key):
    problems = invoke_validate_bad_key
    assert problems[0]["suggestion"] == "reservation"
    assert "(did you mean 'reservation'?)" in problems[0]["message"]


@pytest.fixture
def invoke_validate_bad_key(pilots_text):
    from leveltwo import case_from_text
    from leveltwo.errors import CaseError

    text = pilots_text.replace("reservation: 0.45", "reservaton: 0.45", 1)
    assert text != pilots_text
    with pytest.raises(CaseError) as info:
        case_from_text(text, "bad.yaml")
    return [p.to_json() for p in info.value.problems]


def test_a_label_starting_with_a_number_is_not_matched_by_its_number_alone(nurses):
    # only a bare number typed ("5") uses the leading-number rule; a longer label must match
    with pytest.raises(DealError):
        parse_deal_args(nurses, ["staffing=5 patients per nurse in ICU"], base=nurses.proposal)


def test_a_unique_start_of_a_label_names_it(nurses):
    assert _labels(nurses, ["overtime=voluntary"])["overtime"] == "voluntary only"
    with pytest.raises(DealError):  # "c" starts both "current rules" and "capped at 12h a month"
        parse_deal_args(nurses, ["overtime=c"], base=nurses.proposal)
