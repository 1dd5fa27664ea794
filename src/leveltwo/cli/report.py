"""``leveltwo report CASE [--deal ISSUE=OPTION ...] [-o FILE.html]``: the prep report.

One self-contained HTML file (:func:`leveltwo.io.report.render_report`): the
case, the deal and its assessment, the diagnosis, the charts, the plan (unless
``--no-plan``) and the victory speech. Print it to PDF from a
browser (docs/report.md).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from leveltwo.cli.analyze import chosen_deal
from leveltwo.cli.loading import load_case_warned
from leveltwo.cli.options import DEFAULT_THRESHOLD, CaseArg, DealOpt, JsonOpt, ThresholdOpt
from leveltwo.cli.render import console, emit_json
from leveltwo.cli.speech import SideOpt
from leveltwo.errors import InputError, Problem
from leveltwo.io.report import render_report

OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE.html",
        help="Write the report here (an existing file is replaced); default: print it on stdout.",
        show_default=False,
    ),
]


def _write(path: Path, html: str) -> None:
    if path.suffix.lower() == ".pdf":
        raise InputError(
            [
                Problem(
                    str(path),
                    "an .html file (for a PDF, open the HTML in a browser and print it to PDF; "
                    "see docs/report.md)",
                    "a .pdf file name",
                )
            ]
        )
    try:
        path.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise InputError(
            [Problem(str(path), "a writable file", exc.strerror or str(exc))]
        ) from None


def report(
    ctx: typer.Context,
    case: CaseArg,
    deal: DealOpt = None,
    output: OutputOpt = None,
    side: str | None = SideOpt,
    threshold: ThresholdOpt = DEFAULT_THRESHOLD,
    no_plan: Annotated[
        bool, typer.Option("--no-plan", help="Leave the plan of Level II moves out.")
    ] = False,
    json_output: JsonOpt = False,
) -> None:
    """Write the prep report: one self-contained HTML file to read, share and print.

    The case (issues, sides, constituencies and their power), the deal and its
    assessment (success probability, each side, each constituency), the
    diagnosis in plain sentences, charts (party map, approvals, win-set
    scatter), the plan of Level II moves (unless --no-plan), and the
    victory speech (for the counterpart, or the side given with --side). No
    external resources: it opens offline and prints as shown; use the
    browser's "Print → Save as PDF" for a PDF. The deal is the case's proposal
    with any --deal ISSUE=OPTION overrides.
    """
    loaded = load_case_warned(case)
    html = render_report(
        loaded,
        chosen_deal(loaded, deal),
        threshold=threshold,
        speech_side=side,
        include_plan=not no_plan,
    )
    if output is not None:
        _write(output, html)
    if json_output:
        data: dict[str, object] = {
            "output": None if output is None else str(output),
            "bytes": len(html.encode("utf-8")),
        }
        if output is None:
            data["html"] = html
        emit_json(ctx, data)
        return
    if output is None:
        sys.stdout.write(html)
        return
    size = len(html.encode("utf-8"))
    console().print(
        Text(
            f"wrote {output} ({size / 1024:.0f} KB): open it in a browser; print it to PDF there."
        ),
        soft_wrap=True,
    )


def register(app: typer.Typer) -> None:
    app.command("report")(report)
