"""Start-up of a command's --json path: the CLI asks NumPy's BLAS for one thread unless
the user chose a number, skips pydantic's plugin discovery unless the user asked for it,
and loads no rich (human output only)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from leveltwo.cli.app import (
    BLAS_THREAD_VARIABLES,
    GC_THRESHOLDS,
    no_pydantic_plugins,
    single_threaded_blas,
)


def _clear(monkeypatch: pytest.MonkeyPatch) -> None:
    for v in BLAS_THREAD_VARIABLES:
        monkeypatch.delenv(v, raising=False)


def test_one_thread_when_nothing_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    _clear(monkeypatch)
    single_threaded_blas()
    assert os.environ["OPENBLAS_NUM_THREADS"] == "1"


@pytest.mark.parametrize("variable", BLAS_THREAD_VARIABLES)
def test_a_users_choice_is_kept(monkeypatch: pytest.MonkeyPatch, variable: str) -> None:
    _clear(monkeypatch)
    monkeypatch.setenv(variable, "3")
    single_threaded_blas()
    assert os.environ[variable] == "3"
    assert os.environ.get("OPENBLAS_NUM_THREADS") == (
        "3" if variable == "OPENBLAS_NUM_THREADS" else None
    )


def test_no_pydantic_plugin_discovery_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PYDANTIC_DISABLE_PLUGINS", raising=False)
    no_pydantic_plugins()
    assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == "__all__"
    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "")  # the user's: load every plugin
    no_pydantic_plugins()
    assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == ""


def test_the_json_path_scans_no_entry_points() -> None:
    """pydantic's plugin discovery reads every installed distribution's entry points;
    the command's validation runs without it (and still validates)."""
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    code = (
        "import sys, importlib.metadata as md\n"
        "calls = []\n"
        "real = md.entry_points\n"
        "md.entry_points = lambda **kw: calls.append(kw) or real(**kw)\n"
        "import pydantic.plugin._loader as loader\n"
        "loader.entry_points = md.entry_points\n"
        "sys.argv = ['leveltwo', 'analyze', 'labour-contract', '--json']\n"
        "from leveltwo.cli.app import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        "print(len(calls), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert '"success_probability"' in done.stdout
    assert done.stderr.strip().splitlines()[-1] == "0"


def test_the_json_path_sets_blas_before_numpy_and_loads_no_rich() -> None:
    """Run as the console script does: NumPy, imported by the command, sees the setting."""
    env = {k: v for k, v in os.environ.items() if k not in BLAS_THREAD_VARIABLES}
    code = (
        "import sys, os\n"
        "sys.argv = ['leveltwo', 'analyze', 'labour-contract', '--json']\n"
        "from leveltwo.cli.app import main\n"
        "assert 'numpy' not in sys.modules\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "assert 'numpy' in sys.modules\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'rich'], 'rich loaded'\n"
        "print(os.environ['OPENBLAS_NUM_THREADS'], file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert done.stderr.strip().splitlines()[-1] == "1"


def _full(source: str) -> tuple[tuple[str, str], ...]:
    import ast

    from leveltwo.cli.app import _declared_in

    defs = {f.name: f for f in ast.parse(source).body if isinstance(f, ast.FunctionDef)}
    return _declared_in(source, defs.get)


def test_the_partial_parse_reads_what_the_whole_module_says() -> None:
    from importlib import util

    from leveltwo.cli.app import _LAZY, _declared

    for entry in _LAZY:
        spec = util.find_spec(entry.path)
        assert spec is not None
        assert spec.origin is not None
        source = Path(spec.origin).read_text(encoding="utf-8")
        assert _declared(entry.path) == _full(source), entry.path


def test_a_layout_the_partial_parse_cannot_cut_falls_back_to_the_whole_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from leveltwo.cli.app import _declared, _declared_in, _top_level_def

    source = (
        "def go(\n    x: int,\n) -> None:\n"
        '    """Go somewhere.\n\n    Far.\n    """\n'
        '    s = """\nat column 0\n"""\n'
        "def register(app):\n"
        '    app.command("go")(go)\n'
    )
    with pytest.raises(SyntaxError):  # the cut ends inside the string
        _declared_in(source, lambda name: _top_level_def(source, name))
    (tmp_path / "lt_fallback_mod.py").write_text(source, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert _declared("lt_fallback_mod") == _full(source) == (("go", "Go somewhere.\n\nFar."),)


def test_the_command_collects_less_and_hides_its_objects_from_the_last_collections() -> None:
    """The collector runs at the command's thresholds, and after the command the objects
    are frozen (gc.freeze), so the interpreter's exit does not walk them; the output is
    complete and atexit handlers still run."""
    code = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print('atexit ran', gc.get_freeze_count() > 1000, "
        "gc.get_threshold(), file=sys.stderr))\n"
        "sys.argv = ['leveltwo', 'analyze', 'labour-contract', '--json']\n"
        "from leveltwo.cli.app import main\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["success_probability"] > 0
    assert done.stderr.strip().splitlines()[-1] == f"atexit ran True {GC_THRESHOLDS}"
