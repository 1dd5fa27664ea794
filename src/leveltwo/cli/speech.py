"""``leveltwo speech CASE [--deal ISSUE=OPTION ...] [--side ID] [--json]``: the victory speech.

The ingredients of the acceptance ("victory") speech for the counterpart
(default) or for our side, and the Markdown draft written from them
(:func:`leveltwo.narrative.speech.victory_speech`). Formulas and template:
docs/speech.md.
"""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from leveltwo.cli.analyze import chosen_deal
from leveltwo.cli.loading import load_case_warned
from leveltwo.cli.options import CaseArg, DealOpt, JsonOpt, WideOpt
from leveltwo.cli.render import (
    console,
    deal_table,
    emit_json,
    num,
    table,
    text,
    wrap_markdown,
    wrapped,
)
from leveltwo.model.build import deal_from_labels
from leveltwo.model.case import Case
from leveltwo.narrative.ingredients import Audience, SpeechIngredients
from leveltwo.narrative.speech import VictorySpeech, victory_speech

SideOpt = typer.Option(
    None,
    "--side",
    "-s",
    metavar="ID",
    help="The side the speech is for (a side id of the case); default: the counterpart.",
    show_default=False,
)


def _margin(x: float, better: bool) -> Text:
    return text(f"{x:+.3f}", "" if better else "dim")


def claims_table(ing: SpeechIngredients) -> Table:
    """Every claim per constituency and bloc, strongest first, with both comparisons."""
    t = table(
        "Audience",
        "Issue",
        "Term",
        "Score",
        "vs no deal",
        "vs opening",
        "Inflames",
        title="Claims the deal supports (score = weight × value; margins are weight × "
        "value difference)",
        numeric=("Score", "vs no deal", "vs opening", "Inflames"),
    )

    def rows(a: Audience, indent: str) -> None:
        first = True
        for c in a.claims:
            t.add_row(
                text(indent + a.name if first else ""),
                text(c.issue),
                text(c.term),
                num(c.score),
                _margin(c.no_deal_margin, c.beats_no_deal),
                _margin(c.opening_margin, c.beats_opening),
                text(str(len(c.inflames)) if c.inflames else "", "yellow"),
            )
            first = False
        if not a.claims:
            t.add_row(text(indent + a.name), text("(no claim the deal supports)", "dim"))

    for a in ing.audiences:
        rows(a, "")
        for b in a.blocs:
            rows(b, "  · ")
    return t


def concessions_table(ing: SpeechIngredients) -> Table:
    """The concessions to claim (the draft's), then those won but not to be claimed."""
    t = table(
        "Issue",
        "From (our opening)",
        "To (the deal)",
        "Claim it?",
        title=f"Concessions {ing.speaker} won: {len(ing.won)} to claim, "
        f"{len(ing.withheld)} not to present as a win",
    )
    for c in ing.won:
        t.add_row(text(c.issue_name), text(c.opening_term), text(c.term), text("yes"))
    for c in ing.withheld:
        who = ", ".join(x.name for x in c.inflames)
        t.add_row(
            text(c.issue_name),
            text(c.opening_term),
            text(c.term),
            text(f"no: state it plainly (it would inflame {who})", "yellow"),
        )
    return t


def render_speech(out: Console, case: Case, speech: VictorySpeech) -> None:
    """The human output of ``speech``: deal, concessions, claims, lines to avoid, draft."""
    ing = speech.ingredients
    whose = "us" if ing.ours else "the counterpart"
    out.print(
        Text(case.title, style="bold"), Text(f"— victory speech for {ing.side_name} ({whose})")
    )
    out.print()
    out.print(deal_table(case, deal_from_labels(case.issues, dict(ing.deal))))
    out.print()
    if ing.concessions:
        out.print(concessions_table(ing))
        out.print()
    out.print(claims_table(ing))
    out.print()
    lines = ing.lines_to_avoid()
    out.print(Text("Lines to avoid", style="bold"))
    if not lines:
        out.print(Text("  None: no claim would inflame another constituency."))
    for line in lines:
        for part in wrapped(line.sentence(), out.width, "  - ", "    "):
            out.print(Text(part), soft_wrap=True)
    out.print()
    out.print(Text("Draft speech (Markdown)", style="bold"))
    out.print()
    # broken at spaces only, so it is still the same Markdown when copied
    out.print(Text(wrap_markdown(speech.text.rstrip("\n"), out.width)), soft_wrap=True)


def speech(
    ctx: typer.Context,
    case: CaseArg,
    deal: DealOpt = None,
    side: str | None = SideOpt,
    wide: WideOpt = False,
    json_output: JsonOpt = False,
) -> None:
    """Write the victory speech for a deal: its ingredients and a draft.

    For the counterpart (default) or the side given with --side: per
    constituency (and per voting bloc), the claims the deal's terms support,
    strongest first, each compared with no deal and with our opening position;
    the concessions their negotiator can claim to have won; the lines to avoid
    (claims that would inflame another constituency); and a Markdown draft that
    addresses every constituency and cites only the deal's own terms. The deal
    is the case's proposal with any --deal ISSUE=OPTION overrides. --json gives
    side, deal, ingredients and text.
    """
    loaded = load_case_warned(case)
    result = victory_speech(loaded, chosen_deal(loaded, deal), side)
    if json_output:
        emit_json(ctx, result.to_json())
        return
    render_speech(console(), loaded, result)


def register(app: typer.Typer) -> None:
    app.command("speech")(speech)
