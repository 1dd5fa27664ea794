"""A diagnosis offers a change as a fix only when it raises P or our EV; else a trade-off."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from leveltwo import assess, bundled_cases, load_case
from leveltwo.engine.diagnosis import diagnose
from leveltwo.model.dealargs import parse_deal_args
from leveltwo.narrative.diagnosis import blocker_text, explain


def test_labour_contract_offers_no_fix_that_sinks_the_deal():
    case = load_case("labour-contract")
    deal = parse_deal_args(case, ["overtime=voluntary only"], base=case.proposal)
    d = diagnose(case, deal)
    assert round(d.success_probability, 3) == 0.536
    offered = [f for b in d.blockers for f in b.fixes]
    assert all(f.success_probability_after > 0.5 for f in offered)
    assert not any(f.issue == "term" and f.to_option == "2 years" for f in offered)
    traded = [f for b in d.blockers for f in b.trade_offs]
    assert any(f.issue == "term" and round(f.success_probability_after, 3) == 0.031 for f in traded)
    text = " ".join(explain(d, case.us).paragraphs())
    assert "Contract length" not in text


def test_a_stakeholder_with_only_trade_offs_is_told_so():
    case = load_case("labour-contract")
    deal = parse_deal_args(case, ["overtime=voluntary only"], base=case.proposal)
    d = diagnose(case, deal)
    caucus = next(b for b in d.blockers if b.trade_offs)
    only = replace(caucus, fixes=())
    text = blocker_text(only, replace(d, blockers=(only,)), case.us).text
    assert "a trade-off, not a fix" in text
    assert re.search(r"take the deal from 5[34](\.\d)?% to 3(\.\d)?%", text)  # 53.6% → 3.1%


@pytest.mark.parametrize("name", [b.name for b in bundled_cases()])
@pytest.mark.parametrize("threshold", [0.5, 0.8])
def test_every_offered_fix_raises_p_or_our_ev(name, threshold):
    case = load_case(name)
    d = diagnose(case, None, threshold)
    ev = assess(case).expected_value[case.us]
    for b in d.blockers:
        for f in b.fixes:
            assert (
                f.success_probability_after > d.success_probability or f.expected_value_after > ev
            )
        for f in b.trade_offs:
            assert f.success_probability_after <= d.success_probability + 1e-9
            assert f.expected_value_after <= ev + 1e-9
