"""Load the case a command works on, printing its plausibility warnings on stderr.

Warnings never stop a command (errors do, through :mod:`leveltwo.cli.errors`);
each is one ``warning:`` line with the field's path, line and column, on
stderr so that ``--json`` output on stdout stays one document.
"""

from __future__ import annotations

from collections.abc import Sequence

from leveltwo.cli.render import err_console
from leveltwo.errors import Problem
from leveltwo.io.casefile import read_case_text
from leveltwo.io.checked import checked_case_from_text, load_checked_case
from leveltwo.model.case import Case


def warning_line(p: Problem) -> str:
    return f"warning: {p.location()}: expected {p.expected}, found {p.found}"


def print_warnings(warnings: Sequence[Problem]) -> None:
    if not warnings:
        return
    from rich.text import Text  # only when there is a warning to print (start-up)

    con = err_console()
    for p in warnings:
        con.print(Text(warning_line(p)))


def load_case_warned(ref: str) -> Case:
    """The case, its warnings printed on stderr."""
    case, warnings = load_checked_case(ref)
    print_warnings(warnings)
    return case


def load_text_warned(ref: str) -> tuple[str, Case]:
    """The case's text and the case, its warnings printed on stderr (for commands that
    write the case back, keeping its layout)."""
    text, source = read_case_text(ref)
    case, warnings = checked_case_from_text(text, source)
    print_warnings(warnings)
    return text, case
