"""The one place where errors become messages and exit codes.

Every command runs inside :class:`LeveltwoGroup.invoke`, which translates:

- a :class:`~leveltwo.errors.LeveltwoError` into a clean message on stderr
  (for an :class:`~leveltwo.errors.InputError`, every problem on its own line
  with its path, what was expected, what was found, and line and column when
  known) and the error's ``exit_code`` (2 bad input, 1 nothing feasible);
  with ``--json`` the error is also printed on stdout as ``error.to_json()``,
  unless the command already printed its JSON result;
- a usage error found by click (unknown option, bad number) is printed by
  click as usual (exit 2); with ``--json`` it is also printed on stdout as
  ``{"error": "UsageError", "message": ...}``;
- any other exception into a one-line "internal error" message and exit 3
  (with ``--json`` also ``{"error": "InternalError", "message": ...}`` on stdout);
  set ``LEVELTWO_DEBUG=1`` to get the Python traceback instead;
- a closed stdout pipe (``leveltwo schema | head``) into a quiet exit 141.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import typer
from typer.core import TyperGroup

from leveltwo.cli.options import JSON_MODE
from leveltwo.cli.render import RESULT_WRITTEN, HasMeta, emit_json, err_console
from leveltwo.errors import CaseError, DealError, InputError, LeveltwoError

#: Exit code of an unexpected exception (a bug in leveltwo, not in the input).
INTERNAL_ERROR = 3
#: Exit code when the reader of stdout went away (128 + SIGPIPE, as shells report it).
BROKEN_PIPE = 141
DEBUG_ENV = "LEVELTWO_DEBUG"


def debug_enabled() -> bool:
    return os.environ.get(DEBUG_ENV, "") not in ("", "0")


def error_lines(exc: LeveltwoError) -> list[str]:
    """The message of an error as lines for stderr (without the ``error:`` prefix)."""
    if not isinstance(exc, InputError):
        return exc.message.splitlines() or [type(exc).__name__]
    what = (
        "invalid case file"
        if isinstance(exc, CaseError)
        else "invalid deal"
        if isinstance(exc, DealError)
        else "invalid input"
    )
    n = len(exc.problems)
    head = f"{exc.source}: " if exc.source else ""
    lines = [f"{head}{what} ({n} problem{'' if n == 1 else 's'})"]
    lines += [f"  - {p.message()}" for p in exc.problems]
    return lines


def report(exc: LeveltwoError, ctx: HasMeta) -> int:
    """Print ``exc`` for a person (stderr) and, under ``--json``, a program (stdout)."""
    if ctx.meta.get(JSON_MODE) and not ctx.meta.get(RESULT_WRITTEN):
        emit_json(ctx, exc.to_json())
    from rich.text import Text  # only when an error is printed (start-up)

    lines = error_lines(exc)
    err = err_console()
    first = Text("error: ", style="bold red")
    first.append(lines[0])
    err.print(first)
    for line in lines[1:]:
        err.print(Text(line))
    return exc.exit_code


def usage_error_message(exc: BaseException) -> str | None:
    """The message of a click usage error (unknown option, bad value), else None.

    Recognised by its interface (``format_message`` and an integer ``exit_code``)
    because typer ≥ 0.2x vendors click and older versions use the click package.
    """
    fmt = getattr(exc, "format_message", None)
    if callable(fmt) and isinstance(getattr(exc, "exit_code", None), int):
        return str(fmt())
    return None


def _quiet_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so the exit flush cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


class LeveltwoGroup(TyperGroup):
    """The top-level command group: runs a command and translates what it raises."""

    def invoke(self, ctx: Any) -> Any:  # a click Context (typer vendors click in 0.2x)
        try:
            return super().invoke(ctx)
        except LeveltwoError as exc:
            raise typer.Exit(report(exc, ctx)) from None
        except (typer.Exit, typer.Abort):
            raise
        except BrokenPipeError:
            _quiet_stdout()
            raise typer.Exit(BROKEN_PIPE) from None
        except Exception as exc:
            usage = usage_error_message(exc)
            if usage is not None:
                # click (vendored by typer or not) prints it and exits 2
                if ctx.meta.get(JSON_MODE) and not ctx.meta.get(RESULT_WRITTEN):
                    emit_json(ctx, {"error": "UsageError", "message": usage})
                raise
            if debug_enabled():
                raise
            if ctx.meta.get(JSON_MODE) and not ctx.meta.get(RESULT_WRITTEN):
                emit_json(
                    ctx, {"error": "InternalError", "message": f"{type(exc).__name__}: {exc}"}
                )
            from rich.text import Text

            message = Text("internal error: ", style="bold red")
            message.append(f"{type(exc).__name__}: {exc}")
            message.append(f" (this is a bug in leveltwo; set {DEBUG_ENV}=1 for the traceback)")
            err_console().print(message)
            raise typer.Exit(INTERNAL_ERROR) from None
