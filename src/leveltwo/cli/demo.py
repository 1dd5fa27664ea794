"""``leveltwo demo``: a guided first run on the bundled ``labour-contract`` case."""

from __future__ import annotations

import shlex

import typer
from rich.console import Console
from rich.rule import Rule
from rich.text import Text

from leveltwo.cli.analyze import render_analysis
from leveltwo.cli.plan import render_plan
from leveltwo.cli.render import console, count, num, pct, space_progress, text
from leveltwo.cli.winsets import render_space
from leveltwo.engine.assessment import Assessment, assess
from leveltwo.engine.diagnosis import Diagnosis, diagnose
from leveltwo.engine.winsets import SpaceAnalysis, analyze_space
from leveltwo.io.casefile import load_case
from leveltwo.narrative.numbers import points
from leveltwo.strategies.planner import plan

DEMO_CASE = "labour-contract"

#: What the user could try next: (command, what it shows). Add a line for a new command.
NEXT_STEPS: list[tuple[str, str]] = [
    (f"leveltwo speech {DEMO_CASE}", "the union president's victory speech for the proposal"),
    (f"leveltwo report {DEMO_CASE} -o prep.html", "the whole prep report as one HTML file"),
    (
        "make serve   (or: leveltwo serve)",
        "the web app: open http://127.0.0.1:8000/ in your browser; it keeps your cases "
        "in an embedded SQLite store (created on first run, bundled cases loaded)",
    ),
    (f"leveltwo winsets {DEMO_CASE} --threshold 0.7", "demand more safety: the win-sets shrink"),
    (f"leveltwo analyze {DEMO_CASE} --json", "the same analysis as JSON (docs/json-output.md)"),
    ("leveltwo cases", "the other bundled cases"),
    ("leveltwo schema > case.schema.json", "a JSON Schema for writing your own case files"),
    ("leveltwo validate my-case.yaml", "check your own case file (format: docs/case-format.md)"),
]

ANALYZE_INTRO = (
    "A deal only sticks if it survives the people behind each negotiator. For the "
    "proposal on the table, leveltwo computes how likely every stakeholder is to approve, "
    "how likely each side is to ratify it and to let it be implemented, and so how likely "
    "the deal is to succeed. Then it names who blocks, by how much, and the single-issue "
    "changes that would bring them round, with what each costs us."
)

WINSETS_INTRO = (
    "Next, every possible deal: a side's win-set is the deals it would ratify with "
    "probability at least τ; the agreement zone is the deals both would. Once ratification "
    "risk is priced in, the best deal for us is the one with the highest expected value; "
    "the frontier is the deals where neither side's expected value can rise without the "
    "other's falling."
)

PLAN_INTRO = (
    "Finally, the Level II plan: the moves by which we help the other side win its "
    "internal vote (and keep our own side on board), ranked by what they add to our "
    "expected value net of their cost, with what to avoid and what to find out first."
)


def _fix_step(d: Diagnosis) -> tuple[str, str] | None:
    """A next step that applies the diagnosis' top fix, when there is one."""
    for b in d.blockers:
        if b.fixes:
            f = b.fixes[0]
            arg = shlex.quote(f"{f.issue}={f.to_option}")
            return (
                f"leveltwo analyze {DEMO_CASE} --deal {arg}",
                f"apply the top fix for {b.name} and see what changes",
            )
    return None


def analysis_summary(a: Assessment, d: Diagnosis) -> Text:
    """The analysis in two sentences."""
    out = Text("In short: ", style="bold")
    out.append(f"the proposal sticks with probability {pct(a.success_probability)}.")
    top = next((b for b in d.blockers if b.fixes), None)
    if top is not None:
        f = top.fixes[0]
        whose = "our" if top.side == a.us else "their"
        out.append(
            f" The biggest obstacle is {top.name} on {whose} side "
            f"({points(top.probability_cost, unit='pts')} of probability); the change best for "
            f"our expected value moves {f.issue} from {f.from_option} to {f.to_option}."
        )
    return out


def space_summary(a: Assessment, s: SpaceAnalysis) -> Text:
    """The whole-space analysis in two sentences, against the proposal."""
    out = Text("In short: ", style="bold")
    out.append(
        f"{count(s.agreement_zone_size)} of {count(s.outcomes)} deals "
        f"({pct(s.agreement_zone_size / s.outcomes)}) are in both win-sets. "
        f"The best deal for us succeeds with probability "
        f"{pct(s.best_deal.success_probability)} and is worth {num(s.best_deal.ev(s.us))} "
        f"to us in expectation, against {num(a.expected_value[s.us])} for the proposal."
    )
    return out


def _section(out: Console, title: str, command: str, intro: str) -> None:
    out.print()
    out.print(Rule(Text(title, style="bold"), align="left"))
    out.print(Text(f"$ {command}", style="cyan"))
    out.print(Text(intro, style="italic"))
    out.print()


def demo() -> None:
    """A guided first run on a bundled case.

    Runs analyze, winsets and plan on the bundled labour-contract case and
    explains what you are looking at and what to try next (including how to
    open the web app).
    """
    out = console()
    case = load_case(DEMO_CASE)
    out.print(Text("leveltwo demo: ", style="bold").append(Text(case.title)))
    if case.description:
        out.print(text(case.description))

    _section(out, "1. Will the proposal stick?", f"leveltwo analyze {DEMO_CASE}", ANALYZE_INTRO)
    assessment = assess(case)
    diagnosis = diagnose(case, assessment.deal)
    render_analysis(out, case, assessment, diagnosis, explicit=False)
    out.print()
    out.print(analysis_summary(assessment, diagnosis))

    _section(out, "2. What can be agreed?", f"leveltwo winsets {DEMO_CASE}", WINSETS_INTRO)
    with space_progress(case.size, "Analysing every deal") as progress:
        space = analyze_space(case, progress=progress)
    render_space(out, case, space)
    out.print()
    out.print(space_summary(assessment, space))

    _section(out, "3. How do we help them get to yes?", f"leveltwo plan {DEMO_CASE}", PLAN_INTRO)
    render_plan(out, case, plan(case), None, explicit=False)

    out.print()
    out.print(Rule(Text("What to try next", style="bold"), align="left"))
    out.print(Text("(after `make demo`, run `source .venv/bin/activate` first)", style="dim"))
    fix = _fix_step(diagnosis)
    for command, why in ([fix] if fix else []) + NEXT_STEPS:
        out.print(Text(f"  $ {command}", style="cyan"))
        out.print(Text(f"      {why}", style="dim"))


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
