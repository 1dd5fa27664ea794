"""The draft says what the ingredients say: same counts, no boast that inflames, no false bar.

For every bundled case and both sides, the draft is read back block by block
(not from the code that wrote it) and compared with the ingredients.
"""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from leveltwo import bundled_cases, load_case
from leveltwo.cli.app import app
from leveltwo.narrative.document import Block
from leveltwo.narrative.speech import MAX_BLOC_CLAIMS, MAX_CLAIMS, victory_speech

CASES = [(b.name, k) for b in bundled_cases() for k in (0, 1)]


def _plain(block: Block) -> str:
    return "".join(r.text for r in block.runs)


def _sections(blocks: tuple[Block, ...]) -> dict[str, list[Block]]:
    """Blocks under each heading (level 2 and 3), by heading text."""
    out: dict[str, list[Block]] = {}
    current = "(opening)"
    for b in blocks:
        if b.kind == "heading" and b.level in (2, 3):
            current = _plain(b)
            out[current] = []
        else:
            out.setdefault(current, []).append(b)
    return out


@pytest.fixture(scope="module", params=CASES, ids=[f"{n}-side{k}" for n, k in CASES])
def speech(request):
    name, k = request.param
    case = load_case(name)
    return case, victory_speech(case, None, case.sides[k].id)


def test_the_number_of_concessions_won_is_the_ingredients(speech):
    _, s = speech
    ing = s.ingredients
    blocks = list(s.blocks)
    said = [k for k, b in enumerate(blocks) if "off its opening position on" in _plain(b)]
    if not ing.won:
        assert said == []
        return
    assert len(said) == 1
    k = said[0]
    n = int(re.search(r"on (\d+) points?:", _plain(blocks[k])).group(1))
    assert n == len(ing.won)
    assert blocks[k + 1].kind == "bullets"
    assert len(blocks[k + 1].items) == len(ing.won)


def test_each_audience_hears_its_speakable_claims_and_no_inflaming_one(speech):
    _, s = speech
    sections = _sections(s.blocks)
    for a in s.ingredients.audiences:
        for member, cap in [(a, MAX_CLAIMS), *((b, MAX_BLOC_CLAIMS) for b in a.blocs)]:
            body = sections[member.name]
            lists = [b for b in body if b.kind == "bullets"]
            said = lists[0].items if lists else ()
            assert len(said) == min(cap, len(member.speakable))
            inflaming = {c.issue_name for c in member.claims if c.inflames}
            for item in said:
                issue = "".join(r.text for r in item).split(":", 1)[0]
                assert issue not in inflaming


def test_clears_the_bar_only_at_the_target(speech):
    _, s = speech
    sections = _sections(s.blocks)
    for a in s.ingredients.audiences:
        says = any("clears the bar" in _plain(b) for b in sections[a.name] if b.kind == "paragraph")
        assert says == (a.approval_probability >= s.ingredients.target and a.surplus >= -1e-9)


def test_nurses_vote_at_54_percent_is_not_told_it_clears_the_bar():
    case = load_case("labour-contract")
    s = victory_speech(case)
    vote = next(a for a in s.ingredients.audiences if a.id == "members")
    assert vote.approval_probability < 0.6
    assert not vote.clears_bar
    assert "clears the bar" not in s.text.split("## Membership ratification vote")[1].split("##")[0]


@pytest.mark.parametrize("name", [b.name for b in bundled_cases()])
def test_cli_counts_equal_the_draft(name):
    case = load_case(name)
    ing = victory_speech(case).ingredients
    out = CliRunner(env={"COLUMNS": "200"}).invoke(app, ["speech", name]).stdout
    if ing.concessions:
        assert f"{len(ing.won)} to claim, {len(ing.withheld)} not to present as a win" in out
