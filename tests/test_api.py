"""The package's public interface: its docstring example runs, and the benchmarks run."""

from __future__ import annotations

import doctest
import json
import subprocess
import sys
from pathlib import Path

import leveltwo

ROOT = Path(__file__).resolve().parent.parent


def test_package_docstring_example_runs() -> None:
    result = doctest.testmod(leveltwo, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 4
    assert result.failed == 0


def test_public_names_exist() -> None:
    for name in leveltwo.__all__:
        assert hasattr(leveltwo, name), name


def test_benchmarks_run_on_a_small_size(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "run.py"),
            "--sizes",
            "1e3",
            "--repeats",
            "1",
            "--no-extras",
            "--json",
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    data = json.loads(out.read_text(encoding="utf-8"))
    runs = data["analyze"]
    assert {r["size"] for r in runs} == {1000}  # the size that was asked for
    assert all(r["median"] > 0 for r in runs)


def test_the_version_is_the_one_the_package_metadata_gives() -> None:
    import tomllib
    from importlib.metadata import version

    from leveltwo.version import __version__

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert __version__ == declared["project"]["version"]
    assert __version__ == version("leveltwo")
    assert leveltwo.__version__ is __version__
