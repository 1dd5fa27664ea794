"""The guided flow, page by page, in-process: a case that validates, whose fitted bars give
the answers back; bad answers shown again with the problem."""

from __future__ import annotations

import json
import re
from typing import Any

from scipy.special import ndtr
from webclient import Client

from leveltwo import validate_text
from leveltwo.io.casefile import case_from_text
from leveltwo.model.deal import Deal


def state_of(page: str) -> str:
    m = re.search(r'name="state" value="([^"]*)"', page)
    assert m
    return m.group(1).replace("&#34;", '"').replace("&quot;", '"').replace("&amp;", "&")


def step(client: Client, name: str, page: str | None, fields: dict[str, str]) -> Any:
    data = {"step": name, "state": state_of(page) if page else "", **fields}
    return client.post_form("/guided", data)


TABLE = {
    "title": "Pilots",
    "issue_0_name": "Pay",
    "issue_0_options": "0%, 4%, 8%",
    "issue_1_name": "Scope",
    "issue_1_options": "unlimited, capped, banned",
    "side_0_name": "Airline",
    "side_0_negotiator": "VP",
    "side_1_name": "Union",
    "side_1_negotiator": "Chair",
    "money_amount": "5e6",
    "money_currency": "USD",
}


def walk_to_votes(client: Client) -> str:
    start = client.get("/guided")
    assert start.status_code == 200
    assert 'href="/guided"' in start.text  # the nav link
    who = step(client, "table", None, TABLE)
    assert who.status_code == 200, who.text
    wants = step(client, "who", who.text, {
        "c_1_0_name": "Members", "c_1_0_power": "ratify", "c_1_0_blocs": "Senior 60, Junior 40",
        "c_1_0_quota": "50%",
    })  # fmt: skip
    assert wants.status_code == 200, wants.text
    # stakeholders: 0 VP, 1 Chair, 2 Members
    levers = step(client, "wants", wants.text, {
        "w_0_rank_0": "pay", "w_0_rank_1": "scope", "w_0_dir_pay": "start",
        "w_0_dir_scope": "start",
        "w_1_rank_0": "pay", "w_1_rank_1": "scope", "w_1_dir_pay": "end", "w_1_dir_scope": "end",
        "w_2_rank_0": "scope", "w_2_rank_1": "pay", "w_2_dir_pay": "end", "w_2_dir_scope": "end",
        "w_2_concede": "some",
    })  # fmt: skip
    assert levers.status_code == 200, levers.text
    votes = step(client, "levers", levers.text, {
        "offer_0_name": "Signing bonus", "offer_0_to": "union.members",
        "proposal_pay": "4%", "proposal_scope": "capped",
    })  # fmt: skip
    assert votes.status_code == 200, votes.text
    return str(votes.text)


ANSWERS = ("25%", "50%", "75%")


def test_the_guided_flow_builds_a_case_whose_bars_give_the_answers_back(client: Client) -> None:
    votes = walk_to_votes(client)
    names = re.findall(r'name="(vote_[^"]+)"', votes)
    assert len(names) == 4 * 3  # two negotiators and two blocs, three deals each
    review = step(client, "votes", votes, {n: ANSWERS[int(n[-1])] for n in names})
    assert review.status_code == 200, review.text
    pairs = re.findall(r'data-answer="([^"]+)" data-fitted="([^"]+)"', review.text)
    assert len(pairs) == 12
    for a, f in pairs:
        assert abs(float(a) - float(f)) < 0.03
    saved = step(client, "review", review.text, {})
    assert saved.status_code == 303
    case_id = int(saved.headers["location"].rsplit("/", 1)[1])
    text = client.get(f"/api/cases/{case_id}").json()["text"]
    assert validate_text(text) == []
    assert "# the bar: fitted to your answers" in text
    case = case_from_text(text)
    assert case.proposal is not None
    assert case.level2.offers[0].name == "Signing bonus"
    assert case.money is not None
    assert case.money.per_utility == 5e6
    # every answer, recomputed from the saved case
    asked = re.findall(
        r'<label for="vote_([^"]+)_(\d)">[^:]+: chance of yes to ([^<]+)</label>', votes
    )
    assert len(asked) == 12
    for key, d, terms in asked:
        labels = dict(t.split(": ", 1) for t in terms.split("; "))
        deal = Deal(tuple(i.options.index(labels[i.id]) for i in case.issues))
        st = case.stakeholder(key)
        p = float(ndtr((st.preferences.utility(deal) - st.reservation) / st.uncertainty))
        assert abs(p - float(ANSWERS[int(d)].rstrip("%")) / 100) < 0.03, key


def test_an_answer_that_gives_no_bar_is_asked_again(client: Client) -> None:
    votes = walk_to_votes(client)
    names = re.findall(r'name="(vote_[^"]+)"', votes)
    falling = {n: ANSWERS[2 - int(n[-1])] for n in names}  # less likely for better deals
    again = step(client, "votes", votes, falling)
    assert again.status_code == 422
    assert "a yes more likely for the deal it values more" in again.text
    assert 'name="step" value="votes"' in again.text


def test_bad_issues_are_shown_next_to_the_answer(client: Client) -> None:
    bad = step(client, "table", None, {**TABLE, "issue_1_options": "only one"})
    assert bad.status_code == 422
    assert 'id="issue_1_options-err"' in bad.text
    assert json.dumps  # the page is the table again
    assert 'name="step" value="table"' in bad.text
