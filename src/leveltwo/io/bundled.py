"""The cases shipped with leveltwo, usable by name wherever a case path is."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

CASES_PACKAGE = "leveltwo.cases"


@dataclass(frozen=True)
class BundledCase:
    name: str
    title: str
    summary: str
    path: Path

    def to_json(self) -> dict[str, str]:
        return {"name": self.name, "title": self.title, "summary": self.summary}


def _directory() -> Path:
    return Path(str(resources.files(CASES_PACKAGE)))


def bundled_path(name: str) -> Path | None:
    """The file of the bundled case called ``name`` (with or without .yaml), if any."""
    stem = name.removesuffix(".yaml")
    if "/" in stem or "\\" in stem or not stem:
        return None
    path = _directory() / f"{stem}.yaml"
    return path if path.is_file() else None


def bundled_cases() -> tuple[BundledCase, ...]:
    """Every bundled case, by name."""
    out = []
    for path in sorted(_directory().glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        summary = str(data.get("description", "")).strip().split("\n")[0]
        out.append(BundledCase(path.stem, str(data.get("title", path.stem)), summary, path))
    return tuple(out)
