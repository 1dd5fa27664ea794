"""Import cases from the field's file formats and export them back (docs/interop.md).

Import: a GENIUS XML domain plus profiles, an ANAC folder of several domains
(:mod:`~leveltwo.io.anac`), GeniusWeb JSON, or a NegMAS scenario folder (GENIUS
XML, GeniusWeb JSON or NegMAS YAML) becomes a leveltwo case. Each profile
becomes a side's negotiator (or, when the user maps it to
``side.constituency``, a ratifying constituency of that side), read with
GENIUS's or NegMAS's convention (:class:`~leveltwo.io.genius.Convention`). The
result is a validated :class:`~leveltwo.model.case.Case` and the YAML text of
its case file, with a comment header saying where it came from and what was
adapted; a side file next to the files (:mod:`~leveltwo.io.sidefile`) restores
everything the format cannot hold.

Export: a case becomes a domain plus one profile per side's negotiator in
GENIUS XML, a NegMAS folder, GeniusWeb JSON or NegMAS YAML, each deal keeping
its negotiator utilities exactly, plus the side file; the notes list, field by
field, what the format's files do not hold.

Nothing is written unless everything was read and checked first.

Modules: :mod:`~leveltwo.io.xmlsafe` (safe XML), :mod:`~leveltwo.io.genius`
(reading GENIUS files), :mod:`~leveltwo.io.genius_import` (profiles into case
data), :mod:`~leveltwo.io.genius_export` (cases into files),
:mod:`~leveltwo.io.geniusweb` (GeniusWeb JSON), :mod:`~leveltwo.io.negmas`
(scenario folders), :mod:`~leveltwo.io.negmas_yaml` (NegMAS YAML), :mod:`~leveltwo.io.anac`
(ANAC folders); this
one detects formats and is the common entry point.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path

from leveltwo.errors import InputError, LeveltwoError, Problem
from leveltwo.io import anac, geniusweb, sidefile
from leveltwo.io.casewriter import write_case
from leveltwo.io.genius import (
    DOMAIN_ROOT,
    PROFILE_ROOT,
    Convention,
    GeniusDomain,
    GeniusProfile,
    read_domain,
    read_profile,
)
from leveltwo.io.genius_export import ExportResult, Format, export_texts
from leveltwo.io.genius_import import (
    CONVENTION,
    NEGMAS_CONVENTION,
    Role,
    case_data,
    convention_note,
    dump,
    header,
    parse_roles,
)
from leveltwo.io.negmas import ScenarioKind, find_scenario
from leveltwo.io.negmas_yaml import read_yaml_scenario
from leveltwo.io.xmlsafe import read_bytes, root_tag
from leveltwo.model.build import build_case
from leveltwo.model.case import Case

GENIUS_ORIGIN = "GENIUS XML"
GENIUSWEB_ORIGIN = "GeniusWeb JSON"
NEGMAS_ORIGIN = "a NegMAS scenario folder (GENIUS XML)"

__all__ = [
    "ExportResult",
    "Format",
    "ImportResult",
    "Kind",
    "detect",
    "export_case",
    "import_genius",
    "import_geniusweb",
    "import_negmas_folder",
    "import_paths",
    "write_text",
]


class Kind(StrEnum):
    """What a path holds, as far as import is concerned."""

    GENIUS_DOMAIN = "xml-domain"
    GENIUS_PROFILE = "xml-profile"
    GENIUSWEB_DOMAIN = "json-domain"
    GENIUSWEB_PROFILE = "json-profile"
    NEGMAS_FOLDER = "negmas-folder"
    UNKNOWN = "unknown"


def detect(path: Path) -> Kind:
    """What ``path`` is: a GENIUS or GeniusWeb domain or profile, a NegMAS folder, or unknown."""
    try:
        if path.is_dir():
            find_scenario(path)
            return Kind.NEGMAS_FOLDER
        kind = _file_kind(path)
    except LeveltwoError:
        return Kind.UNKNOWN
    try:
        return Kind(kind)
    except ValueError:
        return Kind.UNKNOWN


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


@dataclass(frozen=True)
class Options:
    """How to read: GENIUS's or NegMAS's convention, real issues discretised, and in an
    ANAC folder the two profiles to import (``pair``)."""

    convention: Convention = Convention.GENIUS
    discretize: int | None = None
    pair: tuple[str, ...] | None = None


def _has_xml(folder: Path) -> bool:
    return any(p.suffix.lower() == ".xml" for p in folder.iterdir() if p.is_file())


@dataclass(frozen=True)
class BatchResult:
    """``--all``: one row per pair imported or file skipped."""

    folder: str
    rows: tuple[anac.Row, ...]

    @property
    def imported(self) -> int:
        return sum(r.status == "imported" for r in self.rows)

    def to_json(self) -> dict[str, object]:
        return {
            "folder": self.folder,
            "imported": self.imported,
            "skipped": len(self.rows) - self.imported,
            "rows": [r.to_json() for r in self.rows],
        }


def import_all(
    folder: Path,
    out: Path,
    *,
    options: Options = Options(),
    force: bool = False,
) -> BatchResult:
    """Import every pair of profiles of each domain of an ANAC folder into ``out``.

    A pair that cannot be imported, or whose case file exists (without ``force``),
    is a skipped row with the reason; nothing stops the others.
    """
    if not folder.is_dir():
        raise InputError([Problem(str(folder), "a folder", "no such folder")])
    if out.exists() and not out.is_dir():
        raise InputError([Problem(str(out), "a folder for the case files", "a file")])
    layout = anac.scan(folder)
    rows: list[anac.Row] = []
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(
            [Problem(str(out), "a writable folder", exc.strerror or str(exc))]
        ) from None
    for domain, a, b in anac.all_pairs(layout):
        files = (domain.name, a.name, b.name)
        target = out / anac.case_file_name(domain, a, b)
        if target.exists() and not force:
            rows.append(anac.Row("skipped", files, f"{target.name} exists (use --force)"))
            continue
        try:
            result = import_genius(domain, [a, b], options=options)
            write_text(target, result.text)
        except InputError as exc:
            rows.append(anac.Row("skipped", files, anac.reason(exc)))
            continue
        except OSError as exc:
            rows.append(anac.Row("skipped", files, exc.strerror or str(exc)))
            continue
        case = result.case
        rows.append(
            anac.Row(
                "imported",
                files,
                f"{len(case.issues)} issues, {case.size} deals",
                str(target),
            )
        )
    for g in layout.groups:
        if len(g.profiles) < 2:
            rows.append(
                anac.Row(
                    "skipped",
                    (g.domain.name, *(p.name for p in g.profiles)),
                    "fewer than two profiles of this domain",
                )
            )
    rows += layout.skipped
    return BatchResult(str(folder), tuple(rows))


def import_paths(
    paths: Sequence[Path],
    *,
    side_names: Sequence[str] | None = None,
    us: str | None = None,
    title: str | None = None,
    options: Options = Options(),
) -> ImportResult:
    """Import a NegMAS folder (one path), or GENIUS XML / GeniusWeb JSON files in any order.

    GENIUS XML needs its domain file (root ``<negotiation_template>``); GeniusWeb
    profiles carry their domain, so a domain file (``issuesValues``) is optional.
    A side file (:mod:`leveltwo.io.sidefile`) next to the files is read back.
    """
    if len(paths) == 1 and paths[0].is_dir():
        folder = paths[0]
        if options.pair is not None:
            pair_domain, pair = anac.chosen_pair(anac.scan(folder), options.pair)
            return import_genius(
                pair_domain, pair, side_names=side_names, us=us, title=title, options=options
            )
        if _has_xml(folder):
            layout = anac.scan(folder)
            several = len(layout.groups) > 1
            many = len(layout.groups) == 1 and layout.profile_count > 2 and side_names is None
            if several or many:
                raise anac.pair_problem(layout)
        return import_negmas_folder(
            folder, side_names=side_names, us=us, title=title, options=options
        )
    found: dict[str, list[Path]] = {
        k: [] for k in ("xml-domain", "xml-profile", "json-domain", "json-profile")
    }
    problems: list[Problem] = []
    for path in paths:
        kind = _file_kind(path)
        if kind in found:
            found[kind].append(path)
        else:
            problems.append(
                Problem(
                    str(path),
                    f"a GENIUS domain (<{DOMAIN_ROOT}>) or profile (<{PROFILE_ROOT}>), or a "
                    "GeniusWeb domain (issuesValues) or profile (LinearAdditiveUtilitySpace)",
                    kind,
                )
            )
    xml = found["xml-domain"] + found["xml-profile"]
    web = found["json-domain"] + found["json-profile"]
    if not problems and not xml and not web:
        problems.append(Problem("FILES", "a domain and profile files, or a folder", "no files"))
    elif not problems and xml and web:
        problems.append(Problem("FILES", "files of one format", "GENIUS XML and GeniusWeb JSON"))
    elif not problems and xml and len(found["xml-domain"]) != 1:
        problems.append(
            _count_problem("GENIUS domain file (root <negotiation_template>)", found["xml-domain"])
        )
    elif not problems and web and len(found["json-domain"]) > 1:
        problems.append(_count_problem("GeniusWeb domain file, or none", found["json-domain"]))
    if not problems and not found["xml-profile"] and not found["json-profile"]:
        problems.append(Problem("FILES", "profile files next to the domain", "none"))
    if problems:
        raise InputError(problems)
    if web:
        domain = found["json-domain"][0] if found["json-domain"] else None
        return import_geniusweb(
            domain, found["json-profile"], side_names=side_names, us=us, title=title
        )
    return import_genius(
        found["xml-domain"][0],
        found["xml-profile"],
        side_names=side_names,
        us=us,
        title=title,
        options=options,
    )


def _file_kind(path: Path) -> str:
    """``xml-domain``, ``xml-profile``, ``json-domain``, ``json-profile`` or what was found."""
    if path.suffix.lower() in (".yml", ".yaml"):
        return (
            "a YAML file (a NegMAS YAML scenario is imported as a folder: leveltwo import FOLDER)"
        )
    data = read_bytes(path)
    if path.suffix.lower() == ".json" or data.lstrip()[:1] in (b"{", b"["):
        kind = geniusweb.kind_of(geniusweb.read_json(path))
        return f"json-{kind}" if kind else "JSON of another kind"
    tag = root_tag(data, str(path))
    return {DOMAIN_ROOT: "xml-domain", PROFILE_ROOT: "xml-profile"}.get(tag, f"<{tag}>")


def _count_problem(what: str, paths: Sequence[Path]) -> Problem:
    return Problem(
        "FILES",
        f"exactly one {what}",
        f"{len(paths)}" + (f": {[str(d) for d in paths]}" if paths else ""),
    )


def import_negmas_folder(
    folder: Path,
    *,
    side_names: Sequence[str] | None = None,
    us: str | None = None,
    title: str | None = None,
    options: Options = Options(),
) -> ImportResult:
    """Import a NegMAS scenario folder (see :mod:`leveltwo.io.negmas`)."""
    scenario = find_scenario(folder)
    profiles = list(scenario.profiles)
    info = scenario.info
    recorded = {s.profile: s for s in info.sides}
    if side_names is None and info.sides and all(p.name in recorded for p in profiles):
        # a folder leveltwo wrote: sides in the recorded order, with their ids and names
        order = {s.profile: k for k, s in enumerate(info.sides)}
        profiles.sort(key=lambda p: order[p.name])
        ids = [recorded[p.name].id for p in profiles]
        roles = tuple(
            Role(r.side, recorded[p.name].name, r.constituency)
            for r, p in zip(parse_roles(ids, [p.stem for p in profiles]), profiles, strict=True)
        )
        us = us or info.us
    else:
        roles = parse_roles(side_names, [p.stem for p in profiles])
    origin = NEGMAS_ORIGIN.replace("GENIUS XML", scenario.kind.value)
    if scenario.kind is ScenarioKind.GENIUSWEB:
        source = _read_geniusweb(scenario.domain, profiles, origin)
    elif scenario.kind is ScenarioKind.YAML:
        domain, read_profiles = read_yaml_scenario(scenario.domain, profiles, options.discretize)
        source = _Read(
            origin,
            NEGMAS_CONVENTION,
            scenario.domain,
            tuple(profiles),
            domain,
            read_profiles,
            Convention.NEGMAS,  # NegMAS YAML holds NegMAS's numbers
        )
    else:
        source = _read_genius(scenario.domain, profiles, origin, options)
    return _build(source, roles, us, title or info.title)


def import_genius(
    domain: Path,
    profiles: Sequence[Path],
    *,
    side_names: Sequence[str] | None = None,
    us: str | None = None,
    title: str | None = None,
    options: Options = Options(),
) -> ImportResult:
    """Import a GENIUS domain file and its profiles; ``side_names`` maps profiles to roles."""
    roles = parse_roles(side_names, [p.stem for p in profiles])
    return _build(_read_genius(domain, profiles, GENIUS_ORIGIN, options), roles, us, title)


def import_geniusweb(
    domain: Path | None,
    profiles: Sequence[Path],
    *,
    side_names: Sequence[str] | None = None,
    us: str | None = None,
    title: str | None = None,
) -> ImportResult:
    """Import GeniusWeb JSON profiles (their domain: the file given, else the embedded one)."""
    roles = parse_roles(side_names, [p.stem for p in profiles])
    return _build(_read_geniusweb(domain, profiles, GENIUSWEB_ORIGIN), roles, us, title)


@dataclass(frozen=True)
class _Read:
    """What an importer read: the files, the domain and profiles, and how to describe them."""

    origin: str
    convention: str
    domain_path: Path | None
    profile_paths: tuple[Path, ...]
    domain: GeniusDomain
    profiles: tuple[GeniusProfile, ...]
    #: The convention used to read GENIUS XML (None: the format has only one).
    genius_convention: Convention | None = None


def _read_genius(
    domain_path: Path, profile_paths: Sequence[Path], origin: str, options: Options
) -> _Read:
    domain = read_domain(read_bytes(domain_path), str(domain_path), discretize=options.discretize)
    profiles: list[GeniusProfile] = []
    errors: list[InputError] = []
    for path in profile_paths:
        try:
            profiles.append(read_profile(read_bytes(path), str(path), domain, options.convention))
        except InputError as exc:
            errors.append(exc)
    if errors:
        raise _combined(errors)
    convention = CONVENTION if options.convention is Convention.GENIUS else NEGMAS_CONVENTION
    return _Read(
        origin,
        convention,
        domain_path,
        tuple(profile_paths),
        domain,
        tuple(profiles),
        options.convention,
    )


def _read_geniusweb(domain_path: Path | None, profile_paths: Sequence[Path], origin: str) -> _Read:
    domain, profiles = geniusweb.read_files(domain_path, profile_paths)
    return _Read(
        origin, geniusweb.CONVENTION, domain_path, tuple(profile_paths), domain, tuple(profiles)
    )


def _build(read: _Read, roles: Sequence[Role], us: str | None, title: str | None) -> ImportResult:
    sides = [r.side for r in roles if r.constituency is None]
    if us is not None and us not in sides:
        raise InputError([Problem("--us", f"one of the side ids {sides}", repr(us))])
    first = read.domain_path or read.profile_paths[0]
    case_title = title or read.domain.name or first.stem
    where = f"domain {read.domain_path.name}; " if read.domain_path is not None else ""
    description = (
        f"Imported from {read.origin}: {where}profiles "
        + ", ".join(p.name for p in read.profile_paths)
        + "."
    )
    data, notes = case_data(
        read.domain,
        read.profiles,
        roles,
        title=case_title,
        us=us or sides[0],
        description=description,
    )
    notes = [*(f"domain: {n}" for n in read.domain.notes), *notes]
    if read.genius_convention is not None:
        notes.append(convention_note(read.genius_convention))
    sources = tuple(str(p) for p in (read.domain_path, *read.profile_paths) if p is not None)
    text = header(
        read.origin, read.domain_path, read.profile_paths, roles, notes, read.convention
    ) + dump(data)
    # the text is the data dumped: build from the data rather than parse the text again
    case = build_case(data, f"import of {first.name}")
    side = sidefile.find(first.parent)
    if side is not None:
        holds = {
            r.side: p.reservation is not None
            for r, p in zip(roles, read.profiles, strict=True)
            if r.constituency is None
        }
        restored = sidefile.restore(side, case, data, holds_reservation=holds)
        if restored is None:
            notes.append(sidefile.ignored(side))
        else:
            # restored as exported: the notes on reading the files no longer apply
            notes = list(restored.notes) if restored.exact else [*notes, *restored.notes]
            back, back_text = restored.case, restored.text
            if (us is not None and us != back.us) or (title is not None and title != back.title):
                back = replace(back, us=us or back.us, title=title or back.title)
                back_text = write_case(back, back_text)
                notes.append("--us / --title applied to the case of the side file")
            return ImportResult(back, back_text, tuple(notes), (*sources, str(side)))
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
def export_case(
    case: Case,
    fmt: Format,
    folder: Path,
    *,
    force: bool = False,
    source_text: str | None = None,
    side_file: bool = True,
) -> ExportResult:
    """Write ``case`` to ``folder`` in ``fmt``; existing files are kept unless ``force``.

    The side file (:mod:`leveltwo.io.sidefile`) makes importing the folder give
    ``case`` back; ``source_text``, the case file ``case`` was read from, keeps its
    comments and layout there. ``side_file=False`` writes the format's files only.
    """
    files, notes = export_texts(case, fmt, source_text, side_file=side_file)
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
