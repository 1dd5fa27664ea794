"""Import cases from the field's file formats and export them back (docs/interop.md).

Import: a GENIUS XML domain plus profiles, or a NegMAS scenario folder, becomes
a leveltwo case. Each profile becomes a side's negotiator (or, when the user
maps it to ``side.constituency``, a ratifying constituency of that side),
read with GENIUS's conventions (:mod:`leveltwo.io.genius`). The result is a
validated :class:`~leveltwo.model.case.Case` and the YAML text of its case
file, with a comment header saying where it came from and what was dropped.

Export: a case becomes a GENIUS domain plus one profile per side's
negotiator, each deal keeping its negotiator utilities exactly; a NegMAS
folder adds ``_info.yaml``. Level II (constituencies, blocs, uncertainty,
no-deal values, move parameters) has no GENIUS equivalent and is listed in the
result's notes, in the files' comments and in docs/interop.md.

Nothing is written unless everything was read and checked first.

Modules: :mod:`~leveltwo.io.xmlsafe` (safe XML), :mod:`~leveltwo.io.genius`
(reading GENIUS files), :mod:`~leveltwo.io.genius_import` (profiles into case
data), :mod:`~leveltwo.io.genius_export` (cases into GENIUS files),
:mod:`~leveltwo.io.negmas` (scenario folders); this one detects formats and is
the common entry point.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from leveltwo.errors import InputError, LeveltwoError, Problem
from leveltwo.io.casefile import case_from_text
from leveltwo.io.genius import DOMAIN_ROOT, PROFILE_ROOT, GeniusProfile, read_domain, read_profile
from leveltwo.io.genius_export import ExportResult, Format, export_texts
from leveltwo.io.genius_import import Role, case_data, dump, header, parse_roles
from leveltwo.io.negmas import find_scenario
from leveltwo.io.xmlsafe import read_bytes, root_tag
from leveltwo.model.case import Case

GENIUS_ORIGIN = "GENIUS XML"
NEGMAS_ORIGIN = "a NegMAS scenario folder (GENIUS XML)"

__all__ = [
    "ExportResult",
    "Format",
    "ImportResult",
    "Kind",
    "detect",
    "export_case",
    "import_genius",
    "import_negmas_folder",
    "import_paths",
    "write_text",
]


class Kind(StrEnum):
    """What a path holds, as far as import is concerned."""

    GENIUS_DOMAIN = "genius-domain"
    GENIUS_PROFILE = "genius-profile"
    NEGMAS_FOLDER = "negmas-folder"
    UNKNOWN = "unknown"


def detect(path: Path) -> Kind:
    """What ``path`` is: a GENIUS domain or profile file, a NegMAS folder, or unknown."""
    if path.is_dir():
        try:
            find_scenario(path)
        except LeveltwoError:
            return Kind.UNKNOWN
        return Kind.NEGMAS_FOLDER
    try:
        tag = root_tag(read_bytes(path), str(path))
    except LeveltwoError:
        return Kind.UNKNOWN
    return {DOMAIN_ROOT: Kind.GENIUS_DOMAIN, PROFILE_ROOT: Kind.GENIUS_PROFILE}.get(
        tag, Kind.UNKNOWN
    )


# ---------------------------------------------------------------------------
# import
@dataclass(frozen=True)
class ImportResult:
    """An imported case: the built case, its case-file text, what changed on the way."""

    case: Case
    text: str
    notes: tuple[str, ...]
    sources: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "title": self.case.title,
            "us": self.case.us,
            "sides": [s.id for s in self.case.sides],
            "issues": [i.id for i in self.case.issues],
            "deals": self.case.size,
            "sources": list(self.sources),
            "notes": list(self.notes),
        }


def import_paths(
    paths: Sequence[Path],
    *,
    side_names: Sequence[str] | None = None,
    us: str | None = None,
    title: str | None = None,
) -> ImportResult:
    """Import a NegMAS folder (one path) or a GENIUS domain with its profiles (any order)."""
    if len(paths) == 1 and paths[0].is_dir():
        return import_negmas_folder(paths[0], side_names=side_names, us=us, title=title)
    domains: list[Path] = []
    profiles: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        tag = root_tag(read_bytes(path), str(path))
        if tag == DOMAIN_ROOT:
            domains.append(path)
        elif tag == PROFILE_ROOT:
            profiles.append(path)
        else:
            problems.append(
                Problem(
                    str(path),
                    f"a GENIUS domain (<{DOMAIN_ROOT}>) or profile (<{PROFILE_ROOT}>)",
                    f"<{tag}>",
                )
            )
    if len(domains) != 1 and not problems:
        problems.append(
            Problem(
                "FILES",
                f"exactly one GENIUS domain file (root <{DOMAIN_ROOT}>)",
                f"{len(domains)}" + (f": {[str(d) for d in domains]}" if domains else ""),
            )
        )
    if problems:
        raise InputError(problems)
    return import_genius(domains[0], profiles, side_names=side_names, us=us, title=title)


def import_negmas_folder(
    folder: Path,
    *,
    side_names: Sequence[str] | None = None,
    us: str | None = None,
    title: str | None = None,
) -> ImportResult:
    """Import a NegMAS scenario folder in the GENIUS layout (see :mod:`leveltwo.io.negmas`)."""
    scenario = find_scenario(folder)
    profiles = list(scenario.profiles)
    info = scenario.info
    recorded = {s.profile: s for s in info.sides}
    if side_names is None and info.sides and all(p.name in recorded for p in profiles):
        # a folder leveltwo wrote: sides in the recorded order, with their ids and names
        order = {s.profile: k for k, s in enumerate(info.sides)}
        profiles.sort(key=lambda p: order[p.name])
        side_names = [recorded[p.name].id for p in profiles]
        names = [recorded[p.name].name for p in profiles]
        roles = tuple(
            Role(r.side, n, r.constituency)
            for r, n in zip(parse_roles(side_names, [p.stem for p in profiles]), names, strict=True)
        )
        return _import(
            scenario.domain, profiles, roles, us or info.us, title or info.title, NEGMAS_ORIGIN
        )
    roles = parse_roles(side_names, [p.stem for p in profiles])
    return _import(scenario.domain, profiles, roles, us, title or info.title, NEGMAS_ORIGIN)


def import_genius(
    domain: Path,
    profiles: Sequence[Path],
    *,
    side_names: Sequence[str] | None = None,
    us: str | None = None,
    title: str | None = None,
) -> ImportResult:
    """Import a GENIUS domain file and its profiles; ``side_names`` maps profiles to roles."""
    roles = parse_roles(side_names, [p.stem for p in profiles])
    return _import(domain, profiles, roles, us, title, GENIUS_ORIGIN)


def _import(
    domain_path: Path,
    profile_paths: Sequence[Path],
    roles: Sequence[Role],
    us: str | None,
    title: str | None,
    origin: str,
) -> ImportResult:
    domain = read_domain(read_bytes(domain_path), str(domain_path))
    profiles: list[GeniusProfile] = []
    errors: list[InputError] = []
    for path in profile_paths:
        try:
            profiles.append(read_profile(read_bytes(path), str(path), domain))
        except InputError as exc:
            errors.append(exc)
    if errors:
        raise _combined(errors)
    sides = [r.side for r in roles if r.constituency is None]
    if us is not None and us not in sides:
        raise InputError([Problem("--us", f"one of the side ids {sides}", repr(us))])
    case_title = title or domain.name or domain_path.stem
    description = (
        f"Imported from {origin}: domain {domain_path.name}; profiles "
        + ", ".join(p.name for p in profile_paths)
        + "."
    )
    data, notes = case_data(
        domain, profiles, roles, title=case_title, us=us or sides[0], description=description
    )
    sources = (str(domain_path), *(str(p) for p in profile_paths))
    text = header(origin, domain_path, profile_paths, roles, notes) + dump(data)
    case = case_from_text(text, f"import of {domain_path.name}")
    return ImportResult(case, text, tuple(notes), sources)


def _combined(errors: Sequence[InputError]) -> InputError:
    if len(errors) == 1:
        return errors[0]
    problems = [
        Problem(
            f"{e.source}: {p.path}" if e.source else p.path, p.expected, p.found, p.line, p.column
        )
        for e in errors
        for p in e.problems
    ]
    return InputError(problems)


# ---------------------------------------------------------------------------
# export
def export_case(case: Case, fmt: Format, folder: Path, *, force: bool = False) -> ExportResult:
    """Write ``case`` to ``folder`` in ``fmt``; existing files are kept unless ``force``."""
    files, notes = export_texts(case, fmt)
    if folder.exists() and not folder.is_dir():
        raise InputError([Problem(str(folder), "a folder for the exported files", "a file")])
    targets = {folder / name: text for name, text in files.items()}
    existing = [p for p in targets if p.exists()]
    if existing and not force:
        raise InputError(
            [
                Problem(
                    str(p),
                    "a file that does not exist yet (use --force to overwrite)",
                    "an existing file",
                )
                for p in existing
            ]
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for path, text in targets.items():
            write_text(path, text)
    except OSError as exc:
        raise InputError(
            [Problem(str(folder), "a writable folder", exc.strerror or str(exc))]
        ) from None
    return ExportResult(fmt, str(folder), tuple(str(p) for p in targets), notes)


def write_text(path: Path, text: str) -> None:
    """Write a file whole or not at all (a temporary file renamed into place)."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
