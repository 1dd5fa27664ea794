"""``leveltwo fit CASE --votes VOTES.csv [-o FITTED.yaml]``: bars estimated from past ballots.

Each stakeholder with ballots in the CSV file (format: :mod:`leveltwo.io.votes`)
gets its reservation and uncertainty by probit maximum likelihood
(:mod:`leveltwo.engine.estimation`), with standard errors, 95% intervals and a
goodness-of-fit summary; ``--weights`` estimates its issue weights too. With
``-o`` the case is written with the fitted values and a ``fitted:`` note per
field.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from leveltwo.cli.options import CaseArg, JsonOpt
from leveltwo.cli.render import console, emit_json, num, table, text
from leveltwo.io.casefile import load_case, read_case_text
from leveltwo.io.casewriter import write_case
from leveltwo.io.votes import StakeholderFit, VotesFit, fit_votes

VotesOpt = Annotated[
    Path,
    typer.Option(
        "--votes",
        metavar="VOTES.csv",
        help="Past ballots, one row each: stakeholder, the deal (an option per issue, or "
        "ISSUE.value), and yes (yes/no) or yes_share with turnout.",
        show_default=False,
    ),
]
OutOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FITTED.yaml",
        help="Write the case with the fitted values and a `fitted:` note per field here "
        "(the case file's own text, edited in place).",
        show_default=False,
    ),
]
StakeholderOpt = Annotated[
    str | None,
    typer.Option(
        "--stakeholder",
        metavar="KEY",
        help="The stakeholder every ballot is from (when the file has no stakeholder column).",
        show_default=False,
    ),
]
WeightsOpt = Annotated[
    bool,
    typer.Option(
        "--weights",
        help="Estimate the issue weights too (needs 5 ballots per estimated parameter).",
    ),
]


def fit_table(f: StakeholderFit) -> Table:
    t = table(
        "Parameter",
        "In the case",
        "Fitted",
        "Std. error",
        "95% interval",
        title=f"{f.name} ({f.key})",
        numeric=("In the case", "Fitted", "Std. error", "95% interval"),
    )
    rows = [
        ("reservation r", f.before[0], f.result.reservation),
        ("uncertainty σ", f.before[1], f.result.uncertainty),
    ]
    for name, old, est in rows:
        t.add_row(
            text(name),
            num(old),
            num(est.value),
            num(est.standard_error),
            f"{num(est.low)} … {num(est.high)}",
        )
    for issue, est in zip(f.issues, f.result.weights or (), strict=False):
        t.add_row(
            text(f"weight {issue}"),
            "",
            num(est.value),
            num(est.standard_error),
            f"{num(est.low)} … {num(est.high)}",
        )
    return t


def fit_summary(f: StakeholderFit) -> Text:
    g = f.result.fit
    parts = [
        f"{g.ballots} ballots ({g.votes:g} votes)",
        f"log-likelihood {g.log_likelihood:.2f} (null {g.null_log_likelihood:.2f})",
        f"McFadden R² {g.mcfadden_r2:.3f}",
        f"deviance {g.deviance:.2f} on {g.degrees_of_freedom} df"
        + (f" (p = {g.deviance_p_value:.3f})" if g.deviance_p_value is not None else ""),
    ]
    if g.hit_rate is not None:
        parts.append(f"{100 * g.hit_rate:.0f}% of ballots predicted right")
    return Text("  " + "; ".join(parts), style="dim")


def render_fit(result: VotesFit, written: Path | None) -> None:
    out = console()
    out.print(Text(f"Fitted from {result.source} by probit maximum likelihood", style="bold"))
    for f in result.fits:
        out.print()
        out.print(fit_table(f))
        out.print(fit_summary(f))
    out.print()
    if written is not None:
        out.print(Text(f"Wrote {written} (each fitted field has a note under `fitted:`)."))
    else:
        out.print(Text("Give -o FITTED.yaml to write the fitted case.", style="dim"))


def fit(
    ctx: typer.Context,
    case: CaseArg,
    votes: VotesOpt,
    output: OutOpt = None,
    stakeholder: StakeholderOpt = None,
    weights: WeightsOpt = False,
    json_output: JsonOpt = False,
) -> None:
    """Estimate reservations and uncertainties from past ballots (probit).

    Each stakeholder with ballots in VOTES.csv gets r and σ by probit maximum
    likelihood, p = Φ((u − r)/σ) with u known from the case, with standard
    errors, 95% intervals and a goodness-of-fit summary (--weights: its issue
    weights too). Too few ballots, ballots all yes or all no, or ballots
    perfectly separated by utility are refused (exit 2). -o writes the case
    with the fitted values and a `fitted:` note per field.
    """
    loaded = load_case(case)
    result = fit_votes(loaded, votes, stakeholder=stakeholder, weights=weights)
    if output is not None:
        base, _ = read_case_text(case)
        output.write_text(write_case(result.case, base), encoding="utf-8")
    if json_output:
        doc = result.to_json()
        doc["written"] = None if output is None else str(output)
        emit_json(ctx, doc)
    else:
        render_fit(result, output)


def register(app: typer.Typer) -> None:
    app.command("fit")(fit)
