"""``leveltwo report CASE [--deal ISSUE=OPTION ...] [-o FILE.html|FILE.pdf] [--pdf]``.

The prep report (:func:`leveltwo.io.report.render_report`): the one-page brief,
then the deal and its assessment, the diagnosis, the plan (unless
``--no-plan``), deals compared, the charts, the victory speech and the case.
One self-contained HTML file, or with ``--pdf`` (or an ``-o`` name ending in
``.pdf``) a PDF rendered by WeasyPrint (:func:`leveltwo.io.report.render_pdf`,
the ``pdf`` extra; docs/report.md).
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
from leveltwo.io.report import render_pdf, render_report

OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write the report here (an existing file is replaced); a name ending in .pdf "
        "means --pdf. Default: print it on stdout.",
        show_default=False,
    ),
]


PdfOpt = Annotated[
    bool,
    typer.Option(
        "--pdf",
        help="Write a PDF (A4, page numbers, date and title on every page) instead of HTML; "
        "needs the pdf extra: pip install 'leveltwo[pdf]'.",
    ),
]

ConfidentialOpt = Annotated[
    str | None,
    typer.Option(
        "--confidential",
        metavar="TEXT",
        help="A line printed on every page, e.g. 'Confidential: bargaining team only'.",
        show_default=False,
    ),
]


def _write(path: Path, content: str | bytes) -> None:
    try:
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
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
    pdf: PdfOpt = False,
    confidential: ConfidentialOpt = None,
    json_output: JsonOpt = False,
) -> None:
    """Write the prep report: a one-page brief, then the detail; HTML or PDF.

    Page one is the brief: the verdict, the chance of success and our expected
    value before and after the plan, the three moves that matter most, who
    blocks and why, what to avoid and what to find out. Then the deal and its
    assessment, the diagnosis, the plan of Level II moves (unless --no-plan),
    the deal compared with the deal after the plan, the best and the Nash
    deal, charts, the victory speech (for the counterpart, or --side) and the
    case. HTML is one self-contained file (no external resources); --pdf (or
    -o FILE.pdf) writes an A4 PDF with the title, date, page numbers and the
    --confidential line on every page. The deal is the case's proposal with
    any --deal ISSUE=OPTION overrides.
    """
    loaded = load_case_warned(case)
    html = render_report(
        loaded,
        chosen_deal(loaded, deal),
        threshold=threshold,
        speech_side=side,
        include_plan=not no_plan,
        confidential=confidential,
    )
    if pdf or (output is not None and output.suffix.lower() == ".pdf"):
        _pdf(ctx, render_pdf(html), output, json_output)
        return
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


def _pdf(ctx: typer.Context, data: bytes, output: Path | None, json_output: bool) -> None:
    if output is not None:
        _write(output, data)
    if json_output:
        emit_json(ctx, {"output": None if output is None else str(output), "bytes": len(data)})
        return
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    console().print(Text(f"wrote {output} ({len(data) / 1024:.0f} KB)"), soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command("report")(report)
