"""Start-up: `leveltwo --help` imports neither NumPy nor the library, and lists the
commands exactly as the fully loaded app does; `import leveltwo` loads nothing heavy."""

from __future__ import annotations

import subprocess
import sys

import typer.core
import typer.main
from typer import _click

HEAVY = ("numpy", "scipy", "pydantic", "yaml", "ruamel", "fastapi", "jinja2", "sqlalchemy")


def modules_after(code: str) -> set[str]:
    script = code + "\nimport sys\nprint(' '.join(sorted(sys.modules)))\n"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split())


def test_help_loads_nothing_heavy() -> None:
    loaded = modules_after(
        "import sys, contextlib, io\n"
        "sys.argv = ['leveltwo', '--help']\n"
        "from leveltwo.cli.app import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        "        main()\n"
        "    except SystemExit:\n"
        "        pass"
    )
    assert not {m for m in loaded if m.split(".")[0] in HEAVY}
    assert not {m for m in loaded if m.startswith(("leveltwo.engine", "leveltwo.strategies"))}


def test_importing_the_package_loads_nothing_heavy() -> None:
    loaded = modules_after("import leveltwo\nassert callable(leveltwo.__getattr__)")
    assert not {m for m in loaded if m.split(".")[0] in HEAVY}


def test_analyze_does_not_import_scipy_special_in_full() -> None:
    loaded = modules_after(
        "import sys, contextlib, io\n"
        "sys.argv = ['leveltwo', 'analyze', 'labour-contract', '--json']\n"
        "from leveltwo.cli.app import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        "        main()\n"
        "    except SystemExit:\n"
        "        pass"
    )
    assert "scipy.special._ufuncs" in loaded  # Φ is SciPy's own ufunc
    assert "scipy.special" not in loaded
    assert not {m for m in loaded if m.split(".")[0] in ("fastapi", "jinja2", "sqlalchemy")}


def test_the_lazy_command_list_is_the_loaded_apps() -> None:
    from leveltwo.cli.app import app

    lazy_root = typer.main.get_command(app)
    ctx = _click.Context(lazy_root, info_name="leveltwo")
    lazy_help = lazy_root.get_help(ctx)
    names = lazy_root.list_commands(ctx)
    for name in names:  # load every command, then format as click itself would
        lazy_root.get_command(ctx, name)
    formatter = ctx.make_formatter()
    typer.core.TyperGroup.format_commands(lazy_root, ctx, formatter)
    assert formatter.getvalue().rstrip("\n") in lazy_help
    assert names == [
        "new",
        "validate",
        "analyze",
        "winsets",
        "plan",
        "compare",
        "bargain",
        "speech",
        "report",
        "import",
        "export",
        "fit",
        "sweep",
        "cases",
        "schema",
        "demo",
        "serve",
    ]
