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
"""

from __future__ import annotations

import os
import re
import textwrap
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml

from leveltwo.errors import InputError, LeveltwoError, Problem
from leveltwo.io.casefile import case_from_text
from leveltwo.io.genius import (
    DOMAIN_ROOT,
    PROFILE_ROOT,
    GeniusDomain,
    GeniusProfile,
    IssueKind,
    domain_xml,
    genius_profile,
    profile_xml,
    read_bytes,
    read_domain,
    read_profile,
    root_tag,
)
from leveltwo.io.negmas import INFO_FILE, InfoSide, find_scenario, info_yaml
from leveltwo.model.build import NEGOTIATOR_ID
from leveltwo.model.case import Case, Level2Params

IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9_\-]*$")
#: Weights summing within this of 1 are taken as summing to 1.
WEIGHT_SUM_TOLERANCE = 1e-12
#: Values within this of the ascending/descending shorthand are written as it.
SHORTHAND_TOLERANCE = 1e-12
#: Imported values are rounded to this many decimals (float noise only).
VALUE_DECIMALS = 12

CONVENTION = (
    "GENIUS's: an option's value is its evaluation divided by the issue's highest "
    "evaluation; an integer option x is worth clamp(slope*(x - lowerbound) + offset, 0, 1); "
    "utility = sum of weight * value with the weights as written."
)


class Format(StrEnum):
    """The formats leveltwo exports to."""

    GENIUS = "genius"
    NEGMAS = "negmas"


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
# roles: which profile becomes which stakeholder
@dataclass(frozen=True)
class Role:
    """Where a profile goes: a side's negotiator, or a constituency of a side."""

    side: str
    name: str
    constituency: str | None = None

    @property
    def key(self) -> str:
        return f"{self.side}.{self.constituency or NEGOTIATOR_ID}"

    def describe(self) -> str:
        if self.constituency is None:
            return f"side '{self.side}' (negotiator)"
        return f"constituency '{self.constituency}' of side '{self.side}' (power: ratify)"


def slug(text: str, fallback: str) -> str:
    """A leveltwo id for a name: kept when already an id, else lower-case ASCII with '_'."""
    text = text.strip()
    if IDENTIFIER.match(text):
        return text
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = re.sub(r"[^A-Za-z0-9_\-]+", "_", ascii_text).strip("_-").lower()
    if not out:
        return fallback
    return out if out[0].isalpha() else f"{fallback}_{out}"


def unique_ids(ids: Sequence[str]) -> list[str]:
    """``ids`` with repeats made unique by a ``_2``, ``_3``… suffix."""
    seen: set[str] = set()
    out: list[str] = []
    for i in ids:
        candidate, n = i, 1
        while candidate in seen:
            n += 1
            candidate = f"{i}_{n}"
        seen.add(candidate)
        out.append(candidate)
    return out


def parse_roles(names: Sequence[str] | None, stems: Sequence[str]) -> tuple[Role, ...]:
    """One role per profile, from ``--side-names`` entries (``side`` or ``side.constituency``).

    Without names, exactly two profiles are expected and become the two sides,
    named after their files.
    """
    if names is None:
        if len(stems) != 2:
            raise InputError(
                [
                    Problem(
                        "--side-names",
                        "a role for each profile (two profiles make the two sides; "
                        "more need names such as a,b,b.members)",
                        f"{len(stems)} profile{'' if len(stems) == 1 else 's'} and no names",
                    )
                ]
            )
        ids = unique_ids([slug(s, "side") for s in stems])
        return tuple(Role(i, s) for i, s in zip(ids, stems, strict=True))
    entries = [n.strip() for n in names]
    problems: list[Problem] = []
    if len(entries) != len(stems):
        problems.append(
            Problem("--side-names", f"{len(stems)} names, one per profile", f"{len(entries)}")
        )
    roles: list[Role] = []
    for k, entry in enumerate(entries):
        path = f"--side-names[{k}]"
        if "." in entry:
            side, _, cons = entry.partition(".")
            if not (IDENTIFIER.match(side) and IDENTIFIER.match(cons)) or cons == NEGOTIATOR_ID:
                problems.append(
                    Problem(
                        path, "SIDE.CONSTITUENCY, both ids (letters, digits, _ or -)", repr(entry)
                    )
                )
                continue
            roles.append(Role(side, cons, cons))
        elif not entry:
            problems.append(Problem(path, "a side name", "nothing"))
        else:
            roles.append(Role(slug(entry, "side"), entry))
    sides = [r.side for r in roles if r.constituency is None]
    if not problems:
        if len(sides) != 2 or len(set(sides)) != 2:
            problems.append(
                Problem(
                    "--side-names", "exactly two distinct sides (negotiator profiles)", f"{sides}"
                )
            )
        keys = [r.key for r in roles]
        for k, r in enumerate(roles):
            if r.constituency is not None and r.side not in sides:
                problems.append(
                    Problem(
                        f"--side-names[{k}]", f"a constituency of one of the sides {sides}", r.key
                    )
                )
            if keys.index(r.key) != k:
                problems.append(Problem(f"--side-names[{k}]", "a role not given before", r.key))
    if problems:
        raise InputError(problems)
    return tuple(roles)


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
            scenario.domain, profiles, roles, us or info.us, title or info.title, "NegMAS"
        )
    roles = parse_roles(side_names, [p.stem for p in profiles])
    return _import(scenario.domain, profiles, roles, us, title or info.title, "NegMAS")


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
    return _import(domain, profiles, roles, us, title, "GENIUS")


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
        f"Imported from {origin} XML: domain {domain_path.name}; profiles "
        + ", ".join(p.name for p in profile_paths)
        + "."
    )
    data, notes = case_data(
        domain, profiles, roles, title=case_title, us=us or sides[0], description=description
    )
    sources = (str(domain_path), *(str(p) for p in profile_paths))
    text = _header(origin, domain_path, profile_paths, roles, notes) + _dump(data)
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


def case_data(
    domain: GeniusDomain,
    profiles: Sequence[GeniusProfile],
    roles: Sequence[Role],
    *,
    title: str,
    us: str,
    description: str = "",
) -> tuple[dict[str, Any], list[str]]:
    """The case-file data of a GENIUS domain and profiles, and notes on what was adapted."""
    ids = unique_ids([slug(i.name, "issue") for i in domain.issues])
    issues: list[dict[str, Any]] = []
    for iid, issue in zip(ids, domain.issues, strict=True):
        entry: dict[str, Any] = {"id": iid, "name": issue.description or issue.name}
        if issue.kind is IssueKind.INTEGER:
            entry["options"] = {"start": issue.lower, "stop": issue.upper, "step": 1}
        else:
            entry["options"] = list(issue.options)
        issues.append(entry)
    notes: list[str] = []
    sides: dict[str, dict[str, Any]] = {}
    for role, profile in zip(roles, profiles, strict=True):
        prefs, role_notes = _preferences(domain, ids, profile)
        notes += [f"{role.key}: {n}" for n in role_notes]
        if role.constituency is None:
            sides[role.side] = {
                "id": role.side,
                "name": role.name,
                "negotiator": prefs,
                "constituencies": [],
            }
    for role, profile in zip(roles, profiles, strict=True):
        if role.constituency is not None:
            prefs, _ = _preferences(domain, ids, profile)
            constituency = {"id": role.constituency, "name": role.name, "power": "ratify", **prefs}
            sides[role.side]["constituencies"].append(constituency)
    data: dict[str, Any] = {
        "leveltwo": 1,
        "title": title,
        "description": description,
        "us": us,
        "issues": issues,
        "sides": list(sides.values()),
    }
    return data, notes


def _preferences(
    domain: GeniusDomain, ids: Sequence[str], profile: GeniusProfile
) -> tuple[dict[str, Any], list[str]]:
    """Weights, values and reservation of one profile, with GENIUS's utilities kept."""
    notes = list(profile.notes)
    total = sum(profile.weights)
    scale = 1.0
    if total < 1 - WEIGHT_SUM_TOLERANCE:
        scale = total
        notes.append(
            f"weights sum to {total:.12g} < 1; GENIUS uses them as written, so every value is "
            f"multiplied by {total:.12g} to keep GENIUS's utilities"
        )
    elif total > 1 + WEIGHT_SUM_TOLERANCE:
        notes.append(
            f"weights sum to {total:.12g} > 1; leveltwo normalises them, so utilities are "
            f"GENIUS's divided by {total:.12g} (GENIUS caps them at 1)"
        )
    weights: dict[str, float] = {}
    values: dict[str, Any] = {}
    for iid, issue, w, vals in zip(
        ids, domain.issues, profile.weights, profile.values, strict=True
    ):
        if w <= 0:
            continue
        weights[iid] = w
        values[iid] = _value_spec(issue.options, [scale * v for v in vals])
    prefs: dict[str, Any] = {"weights": weights, "values": values}
    if profile.reservation is None:
        notes.append("no <reservation>; 0 used (GENIUS's default)")
        prefs["reservation"] = 0.0
    else:
        prefs["reservation"] = profile.reservation
    if profile.discount is not None and profile.discount < 1:
        notes.append(
            f"discount factor {profile.discount:g} ignored: leveltwo assesses an agreement, "
            "not when it is reached"
        )
    return prefs, notes


def _value_spec(options: Sequence[str], values: Sequence[float]) -> Any:
    k = len(options)
    ascending = [j / (k - 1) if k > 1 else 1.0 for j in range(k)]
    if all(abs(v - a) <= SHORTHAND_TOLERANCE for v, a in zip(values, ascending, strict=True)):
        return "ascending"
    if k > 1 and all(
        abs(v - (1 - a)) <= SHORTHAND_TOLERANCE for v, a in zip(values, ascending, strict=True)
    ):
        return "descending"
    return {o: _tidy(v) for o, v in zip(options, values, strict=True)}


def _tidy(v: float) -> float:
    """A value in [0, 1] rounded to 12 decimals (0.3, not 0.30000000000000004)."""
    return min(1.0, max(0.0, round(float(v), VALUE_DECIMALS)))


def _header(
    origin: str,
    domain: Path,
    profiles: Sequence[Path],
    roles: Sequence[Role],
    notes: Sequence[str],
) -> str:
    lines = [
        f"leveltwo case imported from {origin} XML by `leveltwo import`.",
        f"Domain: {domain}",
        "Profiles:",
        *(f"  {p} -> {r.describe()}" for p, r in zip(profiles, roles, strict=True)),
        "Convention: " + CONVENTION,
    ]
    if notes:
        lines += ["Notes:", *(f"  - {n}" for n in notes)]
    lines += [
        "Level II: add each side's constituencies (board, members, factions...) under",
        "its `constituencies:` list; see docs/interop.md. Check with `leveltwo validate`.",
    ]
    wrapped = [
        w
        for line in lines
        for w in textwrap.wrap(line, 96, subsequent_indent="      " if line[:1] == " " else "  ")
    ]
    return "".join(f"# {line}\n" for line in wrapped) + "\n"


def _dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, default_flow_style=None, width=100
    )


# ---------------------------------------------------------------------------
# export
@dataclass(frozen=True)
class ExportResult:
    """What an export wrote (file paths) and what the format could not hold."""

    format: Format
    folder: str
    files: tuple[str, ...]
    notes: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "format": self.format.value,
            "folder": self.folder,
            "files": list(self.files),
            "notes": list(self.notes),
        }


def profile_file(side_id: str) -> str:
    """The file name of a side's profile: ``<side id>.xml``."""
    return f"{side_id}.xml"


def domain_file(case: Case) -> str:
    return "domain.xml" if all(s.id.lower() != "domain" for s in case.sides) else "_domain.xml"


def export_texts(case: Case, fmt: Format) -> tuple[dict[str, str], tuple[str, ...]]:
    """The files of an export (name → text) and the notes on what they do not hold."""
    illegal = xml_problems(case)
    if illegal:
        raise InputError(illegal, case.title)
    notes = loss_notes(case)
    comment = (
        f"Exported by leveltwo from the case '{case.title}'. GENIUS has no Level II: "
        "constituencies, voting blocs, uncertainty, no-deal values and move parameters are "
        "not in these files (see docs/interop.md). Weights are written so that every deal "
        "keeps the negotiator's leveltwo utility; they may sum to less than 1."
    )
    files = {domain_file(case): domain_xml(case, comment)}
    problems: list[Problem] = []
    for k, side in enumerate(case.sides):
        neg = side.negotiator
        spec = genius_profile(neg.preferences, neg.reservation)
        if spec is None:
            problems.append(
                Problem(
                    f"sides[{k}].negotiator",
                    "a negotiator whose utility is positive for some deal (GENIUS needs a "
                    "positive weight on an issue that matters)",
                    "utility 0 for every deal",
                )
            )
            continue
        files[profile_file(side.id)] = profile_xml(
            case, spec, f"{comment} Profile of side '{side.id}' ({side.name}), its negotiator."
        )
    if problems:
        raise InputError(problems, case.title)
    if fmt is Format.NEGMAS:
        sides = tuple(InfoSide(s.id, s.name, profile_file(s.id)) for s in case.sides)
        files[INFO_FILE] = info_yaml(case.title, case.us, sides, notes)
    return files, notes


#: Characters XML 1.0 cannot hold, even escaped.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_problems(case: Case) -> list[Problem]:
    """Labels and names that XML cannot hold (control characters)."""
    texts: list[tuple[str, str]] = [("title", case.title)]
    for k, issue in enumerate(case.issues):
        texts.append((f"issues[{k}].name", issue.name))
        texts += [(f"issues[{k}].options[{j}]", o) for j, o in enumerate(issue.options)]
    texts += [(f"sides[{k}].name", s.name) for k, s in enumerate(case.sides)]
    return [
        Problem(path, "text without control characters (XML cannot hold them)", repr(text))
        for path, text in texts
        if XML_ILLEGAL.search(text)
    ]


def loss_notes(case: Case) -> tuple[str, ...]:
    """What a GENIUS export of ``case`` leaves out or changes, one sentence each."""
    notes: list[str] = []
    for side in case.sides:
        neg = side.negotiator
        if side.constituencies:
            ids = ", ".join(c.id for c in side.constituencies)
            notes.append(
                f"{side.id}: {len(side.constituencies)} constituencies ({ids}) have no GENIUS "
                "equivalent and are not exported"
            )
        if neg.uncertainty > 0:
            notes.append(f"{side.id}: the negotiator's uncertainty {neg.uncertainty:g} is dropped")
        if side.no_deal is not None:
            notes.append(f"{side.id}: the no-deal value {side.no_deal:g} is dropped")
        if neg.level2 != Level2Params():
            notes.append(f"{side.id}: the negotiator's Level II move parameters are dropped")
        if not 0 <= neg.reservation <= 1:
            notes.append(
                f"{side.id}: reservation {neg.reservation:g} is outside [0, 1]; written as is"
            )
        if any(
            w > 0 and max(v) < 1
            for w, v in zip(neg.preferences.weights, neg.preferences.values, strict=True)
        ):
            notes.append(
                f"{side.id}: an issue's best option is worth less than 1, so the profile's "
                "weights sum to less than 1 (GENIUS uses them as written; its editor would "
                "renormalise them)"
            )
    if case.proposal is not None or case.opening is not None:
        notes.append("the proposal and opening position are not exported")
    if any(set(o) & set('&<>"') for i in case.issues for o in (i.id, i.name, *i.options)):
        notes.append(
            'some labels contain & < > or "; they are escaped as XML requires, which NegMAS '
            "reads back but GENIUS's own simple parser does not unescape"
        )
    return tuple(notes)


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
