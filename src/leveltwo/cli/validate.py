"""``leveltwo validate CASE``: check a case file and report every problem at once."""

from __future__ import annotations

import typer
from rich.text import Text

from leveltwo.cli.loading import warning_line
from leveltwo.cli.options import CaseArg, JsonOpt
from leveltwo.cli.render import console, emit_json, plural
from leveltwo.io.checked import load_checked_case
from leveltwo.model.case import Case


def summary(case: Case) -> dict[str, object]:
    """What a valid case contains, for the ``ok:`` line and ``--json``."""
    constituencies = [c for s in case.sides for c in s.constituencies]
    return {
        "ok": True,
        "title": case.title,
        "issues": len(case.issues),
        "deals": case.size,
        "sides": [s.id for s in case.sides],
        "us": case.us,
        "constituencies": len(constituencies),
        "blocs": sum(len(c.blocs) for c in constituencies),
        "proposal": None if case.proposal is None else case.deal_labels(case.proposal),
    }


def summary_line(case: Case) -> str:
    """``ok: <title> — N issues, M deals, ...``."""
    constituencies = [c for s in case.sides for c in s.constituencies]
    n_cons, n_blocs = len(constituencies), sum(len(c.blocs) for c in constituencies)
    parts = [
        plural(len(case.issues), "issue"),
        plural(case.size, "deal"),
        f"sides {' and '.join(x.id for x in case.sides)} (us: {case.us})",
        plural(n_cons, "constituency", "constituencies")
        + (f" ({plural(n_blocs, 'voting bloc')})" if n_blocs else ""),
        "with a proposal" if case.proposal is not None else "no proposal",
    ]
    return f"ok: {case.title} — {', '.join(parts)}"


def validate(ctx: typer.Context, case: CaseArg, json_output: JsonOpt = False) -> None:
    """Check a case file; report every problem.

    Prints "ok: ..." with what the case contains (exit 0), or every problem,
    each with the path of the field, what was expected and what was found, and
    its line and column in the file (exit 2). A valid case whose numbers look
    wrong (a reservation of 40 on the 0–1 scale, shares that miss their declared
    total, a stakeholder that approves every deal or none, a proposal that breaks
    a constraint) gets a "warning:" line for each, located the same way (exit 0).
    """
    loaded, warnings = load_checked_case(case)
    if json_output:
        emit_json(ctx, {**summary(loaded), "warnings": [w.to_json() for w in warnings]})
    else:
        out = console()
        out.print(Text(summary_line(loaded)), soft_wrap=True)
        for w in warnings:
            out.print(Text(warning_line(w)), soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command("validate")(validate)
