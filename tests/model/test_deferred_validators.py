"""The case-file models build no validator at import: pydantic builds them on the first
load, all at once (``defer_build``; docs/performance.md, start-up). A model declared
without it builds its own validator when its module is imported, which every command
that loads a case then pays for again."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import importlib, pkgutil, sys
import leveltwo.model as package
from pydantic import BaseModel
for info in pkgutil.iter_modules(package.__path__):
    importlib.import_module(f"leveltwo.model.{info.name}")
built = sorted(
    f"{m}.{v.__name__}"
    for m, mod in list(sys.modules.items()) if m.startswith("leveltwo.model.")
    for v in vars(mod).values()
    if isinstance(v, type) and issubclass(v, BaseModel) and v.__module__ == m
    and v.__pydantic_complete__
)
print(len([1 for m in sys.modules if m.startswith("leveltwo.model.")]))
print(",".join(built))
"""


def test_importing_the_case_file_models_builds_no_validator() -> None:
    done = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, check=True)
    count, built = done.stdout.splitlines()
    assert int(count) > 10  # every module of leveltwo.model was imported
    assert built == "", f"validators built at import: {built}"


def test_the_first_load_builds_them() -> None:
    from leveltwo.io.casefile import load_case
    from leveltwo.model.schema import CaseFile

    load_case("labour-contract")
    assert CaseFile.__pydantic_complete__
