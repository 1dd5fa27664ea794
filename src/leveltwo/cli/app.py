"""The ``leveltwo`` command: a typer app assembled from one module per command group.

Adding a command
----------------
Write ``src/leveltwo/cli/<group>.py`` with the command function(s) and a
``register`` function, e.g.::

    # src/leveltwo/cli/plan.py
    def plan(ctx: typer.Context, case: CaseArg, json_output: JsonOpt = False) -> None:
        \"\"\"One-line summary shown in `leveltwo --help`.

        Longer help shown in `leveltwo plan --help` and in docs/cli.md.
        \"\"\"
        ...  # call the library; print with leveltwo.cli.render (emit_json for --json)

    def register(app: typer.Typer) -> None:
        app.command("plan")(plan)

then add ``Lazy("plan")`` to :data:`COMMANDS` (one line; the order there is the
order in ``leveltwo --help``), and regenerate the reference:
``python -m leveltwo.cli.reference > docs/cli.md``. A :class:`Lazy` module is
imported only when one of its commands runs, so ``leveltwo --help`` stays fast
(docs/performance.md); keep ``register`` to ``app.command("name")(function)``
calls, which the help reads from the source. (A plain ``module.register`` in
:data:`COMMANDS` works too, imported at start-up.)

Rules for commands: take shared options from :mod:`leveltwo.cli.options`
(``CaseArg``, ``DealOpt``, ``JsonOpt``, ``ThresholdOpt``); keep all logic in
the library; raise :class:`~leveltwo.errors.LeveltwoError` subclasses and never
catch them: :class:`~leveltwo.cli.errors.LeveltwoGroup` turns them into
messages and exit codes in one place (see :mod:`leveltwo.cli.errors`).
"""

from __future__ import annotations

import ast
import gc
import importlib
import inspect
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import util
from pathlib import Path
from typing import Any

import typer
import typer.main
from typer import _click  # the click typer uses (vendored in typer 0.2x)

from leveltwo.cli.errors import LeveltwoGroup
from leveltwo.version import __version__


@dataclass(frozen=True)
class Lazy:
    """The ``register`` of a command module, imported only when one of its commands runs.

    ``leveltwo --help`` reads each command's name and summary from the module's
    source (its ``register`` and the command's docstring) without importing it,
    so listing the commands loads neither NumPy nor the library.
    """

    module: str

    @property
    def path(self) -> str:
        return f"leveltwo.cli.{self.module}"

    def commands(self) -> tuple[tuple[str, str], ...]:
        """(command name, its help text) for each command the module registers."""
        return _declared(self.path)

    def __call__(self, app: typer.Typer) -> None:
        importlib.import_module(self.path).register(app)


#: The start of a top-level statement (not a signature's closing ``)``, not a comment).
_TOP_LEVEL = re.compile(r"^(?=[^\s)#])", re.MULTILINE)


def _top_level_def(source: str, name: str) -> ast.FunctionDef | None:
    """The top-level function ``name``, parsed alone (a fraction of the module's source)."""
    found = re.search(rf"^def {re.escape(name)}\(", source, re.MULTILINE)
    if found is None:
        return None
    end = _TOP_LEVEL.search(source, found.end())
    tree = ast.parse(source[found.start() : end.start() if end else len(source)])
    node = tree.body[0] if len(tree.body) == 1 else None
    return node if isinstance(node, ast.FunctionDef) and node.name == name else None


@cache
def _declared(module: str) -> tuple[tuple[str, str], ...]:
    """What ``register`` declares: ``app.command("name")(function)`` with the docstring.

    Only ``register`` and the functions it names are parsed (``--help`` reads sixteen
    modules); when a module's layout defeats that, the whole module is.
    """
    spec = util.find_spec(module)
    assert spec is not None, module
    assert spec.origin is not None, module
    source = Path(spec.origin).read_text(encoding="utf-8")
    try:
        return _declared_in(source, lambda name: _top_level_def(source, name))
    except SyntaxError:
        pass
    tree = ast.parse(source)
    defs = {f.name: f for f in tree.body if isinstance(f, ast.FunctionDef)}
    return _declared_in(source, defs.get)


def _declared_in(
    source: str, function: Callable[[str], ast.FunctionDef | None]
) -> tuple[tuple[str, str], ...]:
    register = function("register")
    out = []
    for node in ast.walk(register) if register is not None else ():
        inner = node.func if isinstance(node, ast.Call) else None
        if (
            isinstance(inner, ast.Call)
            and isinstance(inner.func, ast.Attribute)
            and inner.func.attr == "command"
            and inner.args
            and isinstance(inner.args[0], ast.Constant)
            and isinstance(node, ast.Call)
            and node.args
            and isinstance(node.args[0], ast.Name)
        ):
            command = function(node.args[0].id)
            doc = inspect.cleandoc(ast.get_docstring(command) or "") if command else ""
            out.append((str(inner.args[0].value), doc))
    return tuple(out)


#: Every command group's registration, in the order of ``leveltwo --help``: a
#: :class:`Lazy` module name (imported when needed), or a ``register`` function.
COMMANDS: tuple[Callable[[typer.Typer], None], ...] = (
    Lazy("new"),
    Lazy("validate"),
    Lazy("analyze"),
    Lazy("winsets"),
    Lazy("plan"),
    Lazy("compare"),
    Lazy("bargain"),
    Lazy("speech"),
    Lazy("report"),
    Lazy("interop"),
    Lazy("fit"),
    Lazy("sweep"),
    Lazy("cases"),
    Lazy("schema"),
    Lazy("demo"),
    Lazy("serve"),
)


class LazyGroup(LeveltwoGroup):
    """The top-level group: commands of :class:`Lazy` modules are built on first use."""

    def _lazy(self) -> dict[str, Lazy]:
        return {name: entry for entry in _LAZY for name, _ in entry.commands()}

    def list_commands(self, ctx: Any) -> list[str]:
        names = list(super().list_commands(ctx))
        order = [n for entry in COMMANDS for n in _names(entry)]
        return [n for n in order if n in names or n in self._lazy()] + [
            n for n in names if n not in order
        ]

    def _entry(self, name: str) -> Lazy | None:
        """The module of command ``name``: read only its own module's source when it is
        named after the command (``analyze`` in ``cli/analyze.py``), else every module's."""
        for entry in _LAZY:
            if entry.module == name and any(n == name for n, _ in entry.commands()):
                return entry
        return self._lazy().get(name)

    def get_command(self, ctx: Any, name: str) -> Any:
        entry = None if name in self.commands else self._entry(name)
        if name not in self.commands and entry is not None:
            sub = typer.Typer(add_completion=False, rich_markup_mode=None)
            entry(sub)
            group = typer.main.get_group(sub)
            for cname, command in group.commands.items():
                self.commands.setdefault(cname, command)
        return super().get_command(ctx, name)

    def all_commands(self) -> dict[str, Any]:
        """Every command, loaded, in the order of ``leveltwo --help`` (for the reference)."""
        ctx = _click.Context(self, info_name=self.name)
        return {name: self.get_command(ctx, name) for name in self.list_commands(ctx)}

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The command list, with each lazy command's summary read from its source."""
        rows: list[tuple[str, str]] = []
        lazy = self._lazy()
        helps = {n: h for entry in _LAZY for n, h in entry.commands()}
        names = [n for n in self.list_commands(ctx)]
        visible = [n for n in names if n in lazy or not self.commands[n].hidden]
        if not visible:
            return
        limit = formatter.width - 6 - max(len(n) for n in visible)
        for name in visible:
            if name in self.commands:
                rows.append((name, self.commands[name].get_short_help_str(limit)))
            else:
                short = _click.utils.make_default_short_help(helps[name], limit)
                rows.append((name, short.strip()))
        with formatter.section("Commands"):
            formatter.write_dl(rows)


_LAZY: list[Lazy] = [entry for entry in COMMANDS if isinstance(entry, Lazy)]
_EAGER_NAMES: dict[int, tuple[str, ...]] = {}


def _names(entry: Callable[[typer.Typer], None]) -> tuple[str, ...]:
    if isinstance(entry, Lazy):
        return tuple(n for n, _ in entry.commands())
    return _EAGER_NAMES.get(id(entry), ())


app = typer.Typer(
    name="leveltwo",
    cls=LazyGroup,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

for register in COMMANDS:
    if not isinstance(register, Lazy):
        before = {c.name for c in app.registered_commands}
        register(app)
        _EAGER_NAMES[id(register)] = tuple(
            str(c.name) for c in app.registered_commands if c.name not in before
        )


def _version(value: bool) -> None:
    if value:
        typer.echo(f"leveltwo {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(
        False, "--version", help="Print the version and exit.", callback=_version, is_eager=True
    ),
) -> None:
    """Two-level negotiation analysis: will the deal be ratified on both sides, what can be
    agreed, and who blocks.

    Exit codes: 0 ok, 1 nothing feasible where it matters (e.g. an empty agreement
    zone), 2 bad input, 3 internal error. CASE is a case file or a bundled case name.
    """


#: Thread settings of the BLAS NumPy loads; when none is set, the CLI asks for one thread.
BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def single_threaded_blas() -> None:
    """Ask NumPy's BLAS for one thread unless the user chose a number.

    Starting OpenBLAS's thread pool costs more CPU than importing NumPy itself
    (0.08–0.13 s here, docs/performance.md) and buys nothing: the engine's matrices are
    small, and parallel work runs in worker processes (which inherit the setting, so
    they do not oversubscribe the cores either).
    """
    if not any(os.environ.get(v) for v in BLAS_THREAD_VARIABLES):
        os.environ["OPENBLAS_NUM_THREADS"] = "1"


def no_pydantic_plugins() -> None:
    """Skip pydantic's plugin discovery unless the user asked for plugins.

    On the first validator it builds, pydantic looks for plugins among the entry points
    of every installed distribution (``importlib.metadata``), which costs a command more
    than the validation itself (docs/performance.md); leveltwo uses none. Setting
    ``PYDANTIC_DISABLE_PLUGINS`` yourself (to an empty value: all plugins) wins.
    """
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


def main() -> None:
    """Entry point of the ``leveltwo`` console script."""
    single_threaded_blas()  # before NumPy is first imported (no command module is, yet)
    no_pydantic_plugins()  # before pydantic builds its first validator
    collect_less()  # before the imports that allocate most
    try:
        app(prog_name="leveltwo")
    finally:
        exit_quickly()


#: The garbage collector's thresholds during a command (CPython's default: 700, 10, 10).
GC_THRESHOLDS = (100_000, 50, 100)


def collect_less() -> None:
    """Let the garbage collector run less often during a command.

    Importing the command's libraries allocates hundreds of thousands of objects that
    live as long as the process (modules, classes, pydantic's schemas); at CPython's
    default thresholds the collector walks them again and again while they are made,
    0.03–0.04 s of ``leveltwo analyze``'s start-up (docs/performance.md). Collections
    still happen, every 100,000 allocations instead of 700, so a long command's
    cyclic garbage is still freed.
    """
    gc.set_threshold(*GC_THRESHOLDS)


def exit_quickly() -> None:
    """Spare the exiting process the garbage collector's last passes over every object.

    When the interpreter exits it runs full collections over everything the command
    loaded (every module, pydantic's schemas, NumPy): 0.06–0.08 s of a small command,
    a fifth of ``leveltwo analyze``'s whole process (docs/performance.md). The memory
    goes back to the system at exit anyway, so the command's objects are moved out of
    the collector's sight (:func:`gc.freeze`) once it is done; ``atexit`` handlers,
    ``weakref.finalize`` callbacks and the flushing of open files still run.
    """
    gc.freeze()
