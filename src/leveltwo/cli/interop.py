"""``leveltwo import`` and ``leveltwo export``: GENIUS XML and NegMAS scenario folders."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from leveltwo.cli.loading import load_text_warned
from leveltwo.cli.options import CaseArg, JsonOpt
from leveltwo.cli.render import console, emit_json, err_console, plural, table, text
from leveltwo.errors import InputError, Problem
from leveltwo.io.genius import Convention
from leveltwo.io.interop import (
    BatchResult,
    Format,
    Options,
    export_case,
    import_all,
    import_paths,
    write_text,
)

FilesArg = Annotated[
    list[Path],
    typer.Argument(
        metavar="FILES...",
        help="A GENIUS XML domain file and its profile files (any order; the domain is "
        "recognised by its <negotiation_template> root), GeniusWeb JSON profiles (a domain file "
        "is optional), or one NegMAS scenario folder.",
        show_default=False,
    ),
]
SideNamesOpt = Annotated[
    str | None,
    typer.Option(
        "--side-names",
        metavar="A,B[,A.C...]",
        help="One role per profile, in the order given: a side id (its negotiator) or "
        "SIDE.CONSTITUENCY (a ratifying constituency of that side). Default: two profiles "
        "become two sides named after their files.",
        show_default=False,
    ),
]
UsOpt = Annotated[
    str | None,
    typer.Option("--us", help="The side you advise (default: the first side).", show_default=False),
]
TitleOpt = Annotated[
    str | None,
    typer.Option(
        "--title", help="Case title (default: the domain's objective name).", show_default=False
    ),
]
ConventionOpt = Annotated[
    Convention,
    typer.Option(
        "--convention",
        metavar="genius|negmas",
        help="How GENIUS XML numbers become utilities: genius (GENIUS's reading: each "
        "evaluation over its issue's highest) or negmas (NegMAS's: numbers as written, "
        "rescaled to [0, 1] with the scale noted when they fall outside).",
        case_sensitive=False,
    ),
]
DiscretizeOpt = Annotated[
    int | None,
    typer.Option(
        "--discretize",
        metavar="N",
        min=2,
        max=1000,
        help="Read each real-valued issue as N evenly spaced values from its lower to its "
        "upper bound (real issues are refused without it).",
        show_default=False,
    ),
]
FormatOpt = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="genius: a domain file and one profile per side; negmas: the same in a "
        "NegMAS scenario folder, with _info.yaml; geniusweb: GeniusWeb JSON; negmas-yaml: "
        "NegMAS's YAML scenario files.",
        case_sensitive=False,
    ),
]
ForceOpt = Annotated[
    bool, typer.Option("--force", help="Overwrite existing files.", show_default=False)
]


def import_case(
    ctx: typer.Context,
    files: FilesArg,
    side_names: SideNamesOpt = None,
    us: UsOpt = None,
    title: TitleOpt = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="CASE.yaml",
            help="Write the case file here (default: print it on stdout).",
            show_default=False,
        ),
    ] = None,
    force: ForceOpt = False,
    convention: ConventionOpt = Convention.GENIUS,
    discretize: DiscretizeOpt = None,
    pair: Annotated[
        str | None,
        typer.Option(
            "--pair",
            metavar="A,B",
            help="In a folder of several domains or many profiles (an ANAC layout): import "
            "the profiles A and B (file names or stems) of one domain as the two sides.",
            show_default=False,
        ),
    ] = None,
    all_pairs: Annotated[
        bool,
        typer.Option(
            "--all",
            help="In an ANAC folder: import every pair of profiles of each domain into the "
            "folder given by -o, one case file per pair, and print what was imported and "
            "skipped, and why.",
            show_default=False,
        ),
    ] = False,
    json_output: JsonOpt = False,
) -> None:
    """Import GENIUS XML, GeniusWeb JSON or a NegMAS folder as a case file.

    Each profile becomes a side's negotiator (weights; values = evaluation / the
    issue's highest evaluation; integer issues clamped as GENIUS does; the
    reservation value; GeniusWeb values as written), or with SIDE.CONSTITUENCY
    a ratifying constituency.
    The case file starts with a comment saying where it came from and what
    was adapted; add Level II constituencies by hand (docs/interop.md).

    A folder of one domain and two profiles imports as a NegMAS scenario; a
    folder of several domains or many profiles (the ANAC layouts) pairs each
    profile with its domain: choose a pair with --pair A,B, or import them all
    with --all -o FOLDER.

    Example: leveltwo import domain.xml city.xml union.xml --side-names city,union -o case.yaml
    """
    names = None if side_names is None else side_names.split(",")
    options = Options(convention, discretize, None if pair is None else tuple(pair.split(",")))
    if all_pairs:
        if len(files) != 1 or output is None or pair is not None:
            raise InputError(
                [
                    Problem(
                        "--all",
                        "one folder and -o FOLDER (and no --pair)",
                        " ".join(map(str, files)),
                    )
                ]
            )
        _batch(ctx, import_all(files[0], output, options=options, force=force), json_output)
        return
    if output is not None and output.exists() and not force:
        raise InputError(
            [
                Problem(
                    str(output), "a file that does not exist yet (or --force)", "an existing file"
                )
            ]
        )
    result = import_paths(files, side_names=names, us=us, title=title, options=options)
    if output is not None:
        try:
            write_text(output, result.text)
        except OSError as exc:
            raise InputError(
                [Problem(str(output), "a writable file", exc.strerror or str(exc))]
            ) from None
    if json_output:
        data = result.to_json()
        data["output"] = None if output is None else str(output)
        if output is None:
            data["case"] = result.text
        emit_json(ctx, data)
        return
    case = result.case
    summary = (
        f"{case.title} — {plural(len(case.issues), 'issue')}, {plural(case.size, 'deal')}, "
        f"sides {' and '.join(s.id for s in case.sides)} (us: {case.us})"
    )
    if output is None:
        sys.stdout.write(result.text)
        err = err_console()
        err.print(Text(f"imported: {summary}"))
        for note in result.notes:
            err.print(Text(f"  note: {note}"))
        return
    out = console()
    out.print(Text(f"wrote {output}: {summary}"), soft_wrap=True)
    for note in result.notes:
        out.print(Text(f"  note: {note}"), soft_wrap=True)


def _batch(ctx: typer.Context, result: BatchResult, json_output: bool) -> None:
    if json_output:
        emit_json(ctx, result.to_json())
        return
    out = console()
    t = table("status", "files", "result", title=f"Import of {result.folder}")
    for row in result.rows:
        t.add_row(
            text(row.status, "green" if row.status == "imported" else "yellow"),
            text(" + ".join(row.files)),
            text(f"{row.output}: {row.detail}" if row.output else row.detail),
        )
    out.print(t)
    skipped = len(result.rows) - result.imported
    out.print(Text(f"{plural(result.imported, 'pair')} imported, {skipped} skipped"))


def export(
    ctx: typer.Context,
    case: CaseArg,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="FOLDER",
            help="The folder to write the files into (created if needed).",
            show_default=False,
        ),
    ],
    fmt: FormatOpt = Format.GENIUS,
    force: ForceOpt = False,
    json_output: JsonOpt = False,
) -> None:
    """Export a case to GENIUS XML or a NegMAS scenario folder.

    Writes a domain and one profile per side's negotiator (every deal keeps its
    negotiator utilities), and the case file itself as leveltwo-case.yaml, which
    `leveltwo import FOLDER` reads back for everything the format cannot hold
    (Level II, names, description...). The command lists those fields.

    Example: leveltwo export labour-contract --format negmas -o labour-scenario/
    """
    text, loaded = load_text_warned(case)
    result = export_case(loaded, fmt, output, force=force, source_text=text)
    if json_output:
        emit_json(ctx, result.to_json())
        return
    out = console()
    for path in result.files:
        out.print(Text(f"wrote {path}"), soft_wrap=True)
    for note in result.notes:
        out.print(Text(f"  note: {note}"), soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command("import")(import_case)
    app.command("export")(export)
