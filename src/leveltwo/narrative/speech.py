"""The victory speech: a Markdown draft assembled from the ingredients by fixed templates.

Sebenius (2014) lists "providing the ingredients of an acceptance or victory
speech" among the Level II devices: the counterpart must be able to tell each
of its constituencies, credibly and specifically, why yes is smart. The draft
below is assembled deterministically (no randomness, no external service) from
:func:`~leveltwo.narrative.ingredients.speech_ingredients`:

1. a title and a note naming the speaker;
2. an opening that says the deal beats no deal only if it does for the side's
   negotiator, then the concessions won from the other side's opening position
   (from → to: our ``opening`` in a speech for the counterpart, their
   ``their_opening`` in ours) and, in a speech for our own side, the opening
   terms we held;
3. one section per constituency, in case-file order: a line matched to its
   power (ratify, block, influence), its strongest claims that inflame no
   one (:attr:`Audience.speakable`, at most :data:`MAX_CLAIMS`), each with the
   comparisons the model supports, that the deal as a whole clears its bar
   only when :attr:`Audience.clears_bar` (its approval is at least the
   target), and then its blocs (at most :data:`MAX_BLOC_CLAIMS` claims each);
4. a closing that asks the ratifiers to ratify and the others to support.

A claim that is a line to avoid (it would inflame a listener) is left out of
the draft, and a concession that is one is not counted among those won: the
draft's counts are the ingredients' (:attr:`SpeechIngredients.won`,
:attr:`Audience.speakable`). Every option label set
in bold is a term of the deal; labels in italics are the other side's opening
terms. When that opening is a default (the case sets no ``opening`` /
``their_opening``), the note under the title says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from leveltwo.model.case import Case, Power
from leveltwo.model.deal import Deal
from leveltwo.narrative.document import (
    Block,
    Run,
    bullets,
    heading,
    note,
    paragraph,
    reference,
    term,
    to_markdown,
)
from leveltwo.narrative.ingredients import (
    Audience,
    Claim,
    SpeechIngredients,
    speech_ingredients,
)
from leveltwo.narrative.phrasing import join

#: Claims per constituency written into the draft (the ingredients keep them all).
MAX_CLAIMS = 3
#: Claims per bloc written into the draft.
MAX_BLOC_CLAIMS = 2

_POWER_LINE = {
    Power.RATIFY: "You have the final say, so you should see exactly what this agreement "
    "gives you.",
    Power.BLOCK: "Whether this agreement works in practice depends on you, so here is what it "
    "gives you.",
    Power.INFLUENCE: "Your judgement shapes how this agreement is received, so here is what it "
    "gives you.",
}


@dataclass(frozen=True)
class VictorySpeech:
    """The ingredients of a side's victory speech and the draft written from them."""

    ingredients: SpeechIngredients
    blocks: tuple[Block, ...]

    @property
    def side(self) -> str:
        return self.ingredients.side

    @property
    def text(self) -> str:
        """The draft as Markdown."""
        return to_markdown(self.blocks)

    def to_json(self) -> dict[str, object]:
        return {
            "side": self.ingredients.side,
            "deal": dict(self.ingredients.deal),
            "ingredients": self.ingredients.to_json(),
            "text": self.text,
        }


def victory_speech(case: Case, deal: Deal | None = None, side: str | None = None) -> VictorySpeech:
    """The victory speech for ``side`` (default: the counterpart) on ``deal`` (default:
    the case's proposal)."""
    ing = speech_ingredients(case, deal, side)
    return VictorySpeech(ing, draft(ing))


# ---- the template ----------------------------------------------------------


def _opener(ing: SpeechIngredients) -> str:
    """Who made the opening offer the claims are measured from, as the speaker says it."""
    return f"{ing.other_side_name} opened at"


def _claim_line(ing: SpeechIngredients, c: Claim) -> list[Run | str]:
    parts: list[Run | str] = [f"{c.issue_name}: ", term(c.term), "."]
    if c.beats_opening:
        parts += [f" {_opener(ing)} ", reference(c.opening_term), "."]
    if c.beats_no_deal:
        parts.append(" On this point you do better than with no agreement.")
    return parts


def _fallback_line(ing: SpeechIngredients, a: Audience) -> list[Run | str]:
    """For an audience the deal supports no claim for: its heaviest issue, stated plainly."""
    names, deal = dict(ing.issue_names), dict(ing.deal)
    return [
        f"I will not claim more than the text gives you. On {names[a.heaviest_issue]}, "
        "the agreement sets ",
        term(deal[a.heaviest_issue]),
        ".",
    ]


def _audience_blocks(ing: SpeechIngredients, a: Audience) -> list[Block]:
    out = [heading(2, a.name), paragraph(_POWER_LINE[a.power])]
    shown = a.speakable[:MAX_CLAIMS]
    if shown:
        out.append(bullets([_claim_line(ing, c) for c in shown]))
    else:
        out.append(paragraph(*_fallback_line(ing, a)))
    if a.clears_bar:
        out.append(paragraph("Taken as a whole, it clears the bar you set for saying yes."))
    elif shown:
        out.append(
            paragraph(
                "It does not give you everything you asked for, but what is listed above is "
                "in the text."
            )
        )
    for b in a.blocs:
        out.append(heading(3, b.name))
        if b.speakable:
            out.append(bullets([_claim_line(ing, c) for c in b.speakable[:MAX_BLOC_CLAIMS]]))
        else:
            out.append(paragraph(*_fallback_line(ing, b)))
    return out


def _opening_blocks(ing: SpeechIngredients) -> list[Block]:
    out: list[Block] = []
    if ing.beats_no_deal:
        out.append(
            paragraph("We came to this table to do better than no agreement, and this one does.")
        )
    else:
        out.append(
            paragraph(
                "This agreement is not a triumph, and I will not call it one. "
                "Here is what it secures."
            )
        )
    won = ing.won
    if won:
        noun = "point" if len(won) == 1 else "points"
        out.append(
            paragraph(
                f"We moved {ing.other_side_name} off its opening position on {len(won)} {noun}:"
            )
        )
        out.append(
            bullets(
                [
                    [f"{c.issue_name}: from ", reference(c.opening_term), " to ", term(c.term), "."]
                    for c in won
                ]
            )
        )
    kept = ing.kept
    if kept:
        out.append(paragraph("We held our opening position where it matters:"))
        out.append(bullets([[f"{c.issue_name}: ", term(c.term), "."] for c in kept]))
    return out


def _closing_blocks(ing: SpeechIngredients) -> list[Block]:
    ratifiers = [a.name for a in ing.audiences if a.power is Power.RATIFY]
    others = [a.name for a in ing.audiences if a.power is not Power.RATIFY]
    if ratifiers and others:
        ask = (
            f"I ask the {join(ratifiers)} to ratify this agreement, and the {join(others)} "
            "to help make it work."
        )
    elif ratifiers:
        ask = f"I ask the {join(ratifiers)} to ratify this agreement."
    elif others:
        ask = f"I ask the {join(others)} to help make this agreement work."
    else:
        ask = "I ask you to support this agreement."
    return [
        heading(2, "The decision"),
        paragraph(ask, " Every term I have quoted is in the text."),
    ]


def draft(ing: SpeechIngredients) -> tuple[Block, ...]:
    """The draft speech for these ingredients (see the module docstring for the template)."""
    title = (
        "why this agreement deserves a yes" if ing.beats_no_deal else "what this agreement secures"
    )
    assumed = ing.opening_assumption
    blocks: list[Block] = [
        heading(1, f"{ing.side_name}: {title}"),
        note(
            f"Draft remarks for {ing.speaker} ({ing.side_name}). Terms in bold are the "
            "agreement's own wording; "
            f"terms in italics are {ing.other_side_name}'s opening position, which it is "
            "compared with." + (f" {assumed[0].upper()}{assumed[1:]}." if assumed else "")
        ),
        *_opening_blocks(ing),
    ]
    for a in ing.audiences:
        blocks.extend(_audience_blocks(ing, a))
    blocks.extend(_closing_blocks(ing))
    return tuple(blocks)
