"""NegMAS scenario folders (GENIUS XML or GeniusWeb JSON): find their files, write metadata.

NegMAS loads a folder of GENIUS XML files by looking at every ``*.xml`` file
except those ending in ``pareto.xml``: the one whose root is
``<negotiation_template>`` is the domain, every one whose root is
``<utility_space>`` is a profile (one utility function each, in file-name
order, named after the file's stem). Free-form metadata sits in
``_info.yaml`` (or ``.yml``/``.json``) and becomes the scenario's ``info``.

leveltwo reads that layout, and writes it with an ``_info.yaml`` whose
``leveltwo`` entry records the case title, the side we advise and which
profile is which side, so that importing the folder again restores them.

A folder of NegMAS YAML files (``Scenario.dumpas(folder, "yml")``) is found
here too; :mod:`leveltwo.io.negmas_yaml` reads and writes its files.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml

from leveltwo.errors import InputError, Problem
from leveltwo.io.genius import DOMAIN_ROOT, PROFILE_ROOT
from leveltwo.io.geniusweb import kind_of, read_json
from leveltwo.io.negmas_yaml import load_yaml, yaml_kind
from leveltwo.io.xmlsafe import read_bytes, root_tag

INFO_STEM = "_info"
INFO_FILE = f"{INFO_STEM}.yaml"
#: The key of leveltwo's entry in ``_info.yaml``.
INFO_KEY = "leveltwo"


@dataclass(frozen=True)
class InfoSide:
    """One side as recorded in ``_info.yaml``: its id, display name and profile file."""

    id: str
    name: str
    profile: str


@dataclass(frozen=True)
class ScenarioInfo:
    """leveltwo's entry of a NegMAS ``_info`` file (all optional)."""

    title: str | None = None
    us: str | None = None
    sides: tuple[InfoSide, ...] = ()


class ScenarioKind(StrEnum):
    """The file format of a scenario folder's domain and profiles."""

    GENIUS = "GENIUS XML"
    GENIUSWEB = "GeniusWeb JSON"
    YAML = "NegMAS YAML"


@dataclass(frozen=True)
class ScenarioFolder:
    """The files of a NegMAS scenario folder and their format."""

    folder: Path
    domain: Path
    profiles: tuple[Path, ...]
    info: ScenarioInfo
    kind: ScenarioKind = ScenarioKind.GENIUS


def find_scenario(folder: Path) -> ScenarioFolder:
    """The domain, profiles (in file-name order) and leveltwo info of a scenario folder.

    GENIUS XML is looked for first, as NegMAS does; a folder without an XML
    domain is read as GeniusWeb JSON (a ``*.json`` with ``issuesValues`` is the
    domain, each with ``LinearAdditiveUtilitySpace`` a profile; ``*specials.json``
    is skipped).
    """
    source = str(folder)
    if not folder.is_dir():
        raise InputError([Problem(source, "a folder", "no such folder")], None)
    files = sorted(p for p in folder.iterdir() if p.is_file())
    domains: list[Path] = []
    profiles: list[Path] = []
    for path in files:
        if path.suffix.lower() == ".xml" and not path.name.endswith("pareto.xml"):
            tag = root_tag(read_bytes(path), str(path))
            if tag == DOMAIN_ROOT:
                domains.append(path)
            elif tag == PROFILE_ROOT:
                profiles.append(path)
    kind = ScenarioKind.GENIUS
    if not domains:
        for path in files:
            if path.suffix.lower() == ".json" and not path.name.endswith("specials.json"):
                found = kind_of(read_json(path))
                if found == "domain":
                    domains.append(path)
                elif found == "profile":
                    profiles.append(path)
        kind = ScenarioKind.GENIUSWEB
    if not domains:
        profiles = []
        for path in files:
            if path.suffix.lower() in (".yml", ".yaml") and not path.name.startswith(("_", ".")):
                found = yaml_kind(load_yaml(path))
                if found == "domain":
                    domains.append(path)
                elif found == "profile":
                    profiles.append(path)
        kind = ScenarioKind.YAML
    if len(domains) != 1:
        raise InputError(
            [
                Problem(
                    source,
                    f"one domain file (GENIUS XML root <{DOMAIN_ROOT}>, GeniusWeb JSON "
                    "with issuesValues, or NegMAS YAML whose type is an outcome space)",
                    f"{len(domains)}" + (f": {[p.name for p in domains]}" if domains else ""),
                )
            ],
            None,
        )
    if not profiles:
        raise InputError([Problem(source, "profile files next to the domain", "none")], None)
    return ScenarioFolder(folder, domains[0], tuple(profiles), read_info(folder), kind)


def read_info(folder: Path) -> ScenarioInfo:
    """leveltwo's entry of the folder's ``_info`` file; empty when absent or not ours."""
    for ext in (".yaml", ".yml", ".json"):
        path = folder / f"{INFO_STEM}{ext}"
        if path.is_file():
            try:
                text = path.read_text(encoding="utf-8")
                data = json.loads(text) if ext == ".json" else yaml.safe_load(text)
            except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as exc:
                raise InputError(
                    [Problem("", "a readable YAML or JSON mapping", type(exc).__name__)],
                    str(path),
                ) from None
            return _info_from(data)
    return ScenarioInfo()


def _info_from(data: Any) -> ScenarioInfo:
    entry = data.get(INFO_KEY) if isinstance(data, Mapping) else None
    if not isinstance(entry, Mapping):
        return ScenarioInfo()
    sides: list[InfoSide] = []
    raw_sides = entry.get("sides")
    for s in raw_sides if isinstance(raw_sides, list) else []:
        if (
            isinstance(s, Mapping)
            and isinstance(s.get("id"), str)
            and isinstance(s.get("profile"), str)
        ):
            sides.append(InfoSide(s["id"], str(s.get("name") or s["id"]), s["profile"]))
    title = entry.get("title")
    us = entry.get("us")
    return ScenarioInfo(
        title if isinstance(title, str) else None,
        us if isinstance(us, str) else None,
        tuple(sides),
    )


def info_yaml(title: str, us: str, sides: tuple[InfoSide, ...], notes: tuple[str, ...]) -> str:
    """The ``_info.yaml`` leveltwo writes next to an exported scenario."""
    entry: dict[str, Any] = {
        "title": title,
        "us": us,
        "sides": [{"id": s.id, "name": s.name, "profile": s.profile} for s in sides],
        "not_exported": list(notes),
    }
    head = (
        "# Scenario metadata written by leveltwo (NegMAS loads it as Scenario.info).\n"
        "# `leveltwo import <this folder>` reads the side ids, names and title back.\n"
    )
    return head + yaml.safe_dump({INFO_KEY: entry}, sort_keys=False, allow_unicode=True, width=100)
