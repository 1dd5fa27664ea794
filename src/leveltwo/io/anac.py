"""ANAC folder layouts: several GENIUS domains and many profiles in one folder.

The ANAC competition folders hold, side by side, one or more domain files
(root ``<negotiation_template>``) and many profiles (root ``<utility_space>``),
in no fixed naming scheme. :func:`scan` pairs each profile with its domain:

- a profile belongs to the domains whose issue names it repeats, and among
  those to the ones it reads against without a problem (every item an option of
  the domain, every option evaluated);
- when several domains fit, the one whose file name shares the longest prefix
  with the profile's wins (ANAC names profiles after their domain);
- a profile no domain fits, or that cannot be read (a non-linear space, an
  unreadable file), is skipped with the reason.

:func:`import_pair` imports two profiles of one domain as the two sides;
:func:`import_all` writes one case file per pair of profiles of each domain and
returns a row per pair and per skipped file, saying what happened and why.
``pareto.xml`` files (precomputed frontiers) are skipped, as NegMAS skips them.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from leveltwo.errors import InputError, LeveltwoError, Problem
from leveltwo.io.genius import DOMAIN_ROOT, PROFILE_ROOT, GeniusDomain, read_domain, read_profile
from leveltwo.io.xmlsafe import parse_xml, read_bytes, root_tag


@dataclass(frozen=True)
class Row:
    """One line of an import summary: what, for which files, and why."""

    status: str  # "imported" or "skipped"
    files: tuple[str, ...]
    detail: str
    output: str | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "status": self.status,
            "files": list(self.files),
            "detail": self.detail,
            "output": self.output,
        }


@dataclass(frozen=True)
class DomainGroup:
    """A domain file and the profiles paired with it, in file-name order."""

    domain: Path
    profiles: tuple[Path, ...]


@dataclass(frozen=True)
class Layout:
    """What a folder holds: domains with their profiles, and the files skipped."""

    folder: Path
    groups: tuple[DomainGroup, ...]
    skipped: tuple[Row, ...] = field(default=())

    @property
    def profile_count(self) -> int:
        return sum(len(g.profiles) for g in self.groups)

    def is_simple(self) -> bool:
        """One domain with exactly two profiles: the plain folder import applies."""
        return len(self.groups) == 1 and len(self.groups[0].profiles) == 2

    def find(self, name: str) -> tuple[DomainGroup, Path] | None:
        """The profile called ``name`` (file name or stem) and its group."""
        for group in self.groups:
            for p in group.profiles:
                if name in (p.name, p.stem):
                    return group, p
        return None

    def describe(self) -> str:
        """Each domain and its profiles, for a message."""
        return "; ".join(
            f"{g.domain.name}: {', '.join(p.stem for p in g.profiles) or 'no profiles'}"
            for g in self.groups
        )


def _issue_names(data: bytes, source: str) -> frozenset[str]:
    doc = parse_xml(data, source)
    return frozenset((el.get("name") or "").strip() for el in doc.root.iter() if el.tag == "issue")


def _prefix(a: str, b: str) -> int:
    """How many leading characters two file stems share (case-insensitive)."""
    n = 0
    for x, y in zip(a.lower(), b.lower(), strict=False):
        if x != y:
            break
        n += 1
    return n


def scan(folder: Path) -> Layout:
    """The domains of ``folder`` with their profiles paired, and what was skipped."""
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".xml")
    domains: list[tuple[Path, GeniusDomain, frozenset[str]]] = []
    profiles: list[tuple[Path, bytes]] = []
    skipped: list[Row] = []
    for path in files:
        if path.name.endswith("pareto.xml"):
            continue
        try:
            data = read_bytes(path)
            tag = root_tag(data, str(path))
            if tag == DOMAIN_ROOT:
                domain = read_domain(data, str(path))
                domains.append((path, domain, frozenset(i.name for i in domain.issues)))
            elif tag == PROFILE_ROOT:
                profiles.append((path, data))
            else:
                skipped.append(Row("skipped", (path.name,), f"not GENIUS XML (root <{tag}>)"))
        except InputError as exc:
            skipped.append(Row("skipped", (path.name,), reason(exc)))
    paired: dict[Path, list[Path]] = {d[0]: [] for d in domains}
    for path, data in profiles:
        try:
            names = _issue_names(data, str(path))
        except InputError as exc:
            skipped.append(Row("skipped", (path.name,), reason(exc)))
            continue
        fits: list[Path] = []
        last: InputError | None = None
        for dpath, domain, dnames in domains:
            if dnames != names:
                continue
            try:
                read_profile(data, str(path), domain)
            except InputError as exc:
                last = exc
                continue
            fits.append(dpath)
        if not fits:
            why = reason(last) if last is not None else "no domain in the folder has its issues"
            skipped.append(Row("skipped", (path.name,), why))
            continue
        best = max(fits, key=lambda d: (_prefix(d.stem, path.stem), -fits.index(d)))
        paired[best].append(path)
    groups = tuple(DomainGroup(d, tuple(ps)) for d, ps in paired.items())
    return Layout(folder, groups, tuple(skipped))


def reason(exc: LeveltwoError) -> str:
    if isinstance(exc, InputError) and exc.problems:
        p = exc.problems[0]
        more = f" (+{len(exc.problems) - 1} more)" if len(exc.problems) > 1 else ""
        return f"expected {p.expected}, found {p.found}{more}"
    return str(exc)


def pair_problem(layout: Layout) -> InputError:
    """The error for a folder that needs ``--pair`` or ``--all``."""
    return InputError(
        [
            Problem(
                str(layout.folder),
                "one domain with two profiles, or --pair A,B (two profiles of one domain), "
                "or --all -o FOLDER (every pair), or --side-names for one domain's profiles",
                f"{len(layout.groups)} domain{'s' if len(layout.groups) != 1 else ''} and "
                f"{layout.profile_count} profiles: {layout.describe()}",
            )
        ]
    )


def chosen_pair(layout: Layout, pair: Sequence[str]) -> tuple[Path, tuple[Path, Path]]:
    """The domain and the two profiles ``--pair A,B`` names."""
    names = [p.strip() for p in pair]
    if len(names) != 2 or not all(names):
        raise InputError([Problem("--pair", "two profile names A,B", ",".join(pair))])
    found = [layout.find(n) for n in names]
    problems = [
        Problem(f"--pair[{k}]", f"a profile of the folder ({layout.describe()})", repr(n))
        for k, (n, f) in enumerate(zip(names, found, strict=True))
        if f is None
    ]
    if problems:
        raise InputError(problems)
    (ga, pa), (gb, pb) = (f for f in found if f is not None)
    if ga.domain != gb.domain:
        raise InputError(
            [
                Problem(
                    "--pair",
                    "two profiles of the same domain",
                    f"{pa.name} ({ga.domain.name}) and {pb.name} ({gb.domain.name})",
                )
            ]
        )
    if pa == pb:
        raise InputError([Problem("--pair", "two different profiles", f"{pa.name} twice")])
    return ga.domain, (pa, pb)


def all_pairs(layout: Layout) -> list[tuple[Path, Path, Path]]:
    """Every (domain, profile A, profile B) with A before B in file order."""
    return [
        (g.domain, a, b) for g in layout.groups for a, b in itertools.combinations(g.profiles, 2)
    ]


def case_file_name(domain: Path, a: Path, b: Path) -> str:
    """``<domain stem>__<A stem>__<B stem>.yaml``."""
    return f"{domain.stem}__{a.stem}__{b.stem}.yaml"
