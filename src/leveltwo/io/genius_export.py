"""Cases into GENIUS XML files (and NegMAS folders), keeping every negotiator utility.

Each side's negotiator becomes a profile of one shared domain. GENIUS divides
an option's evaluation by its issue's highest one and uses the weights as
written, so :func:`genius_profile` writes evaluations v / m and weights w · m
for an issue whose best option is worth m: every deal keeps its utility in
GENIUS and in NegMAS alike. What GENIUS cannot hold (Level II) is listed by
:func:`loss_notes`. Files are produced as text; :mod:`leveltwo.io.interop`
writes them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from leveltwo.errors import InputError, Problem
from leveltwo.io.genius import DOMAIN_ROOT, PROFILE_ROOT
from leveltwo.io.negmas import INFO_FILE, InfoSide, info_yaml
from leveltwo.model.case import Case, Level2Params, Preferences


class Format(StrEnum):
    """The formats leveltwo exports to."""

    GENIUS = "genius"
    NEGMAS = "negmas"


@dataclass(frozen=True)
class ProfileSpec:
    """What a GENIUS profile says: weights and evaluations aligned with the case's issues."""

    weights: tuple[float, ...]
    evaluations: tuple[tuple[float, ...], ...]
    reservation: float


def genius_profile(prefs: Preferences, reservation: float) -> ProfileSpec | None:
    """A profile that gives every deal exactly the utility ``prefs`` gives it.

    GENIUS divides evaluations by the issue's highest one, so an issue whose best
    option is worth m < 1 is written with evaluations v / m and weight w · m;
    GENIUS uses weights as written, so Σ weight · value is unchanged (the
    weights then sum to less than 1). Returns None when the utility is 0 for
    every deal (GENIUS needs a positive weight).
    """
    weights: list[float] = []
    evaluations: list[tuple[float, ...]] = []
    for w, values in zip(prefs.weights, prefs.values, strict=True):
        top = max(values) if values else 0.0
        if w > 0 and top > 0:
            weights.append(w * top)
            evaluations.append(tuple(v / top for v in values))
        else:
            weights.append(0.0)
            evaluations.append(tuple(v / top for v in values) if top > 0 else values)
    if sum(weights) <= 0:
        return None
    return ProfileSpec(tuple(weights), tuple(evaluations), reservation)


def _attr(value: str) -> str:
    """An attribute value in double quotes, escaped for XML."""
    escaped = (
        value.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
        .replace("\t", "&#9;")
    )
    return f'"{escaped}"'


def _num(x: float) -> str:
    return repr(float(x))


def xml_comment(text: str) -> str:
    """A comment GENIUS's own parser can skip: before the root, without '<', '>' or '--'."""
    clean = re.sub(r"-{2,}", "-", text.replace("<", "(").replace(">", ")"))
    return f"<!-- {clean.strip().rstrip('-')} -->"


def _objective(case: Case, indent: str, item: Callable[[int, int, str], str]) -> list[str]:
    """The ``<objective>`` opening tag and every issue with its items, at ``indent`` (the
    caller closes it); ``item(k, j, label)``: item j of issue k's attributes after its value."""
    lines = [
        f'{indent}<objective index="0" name={_attr(case.title)} description="" '
        'type="objective" etype="objective">'
    ]
    for k, issue in enumerate(case.issues):
        lines.append(
            f'{indent}  <issue index="{k + 1}" name={_attr(issue.id)} '
            f'description={_attr(issue.name)} type="discrete" etype="discrete" vtype="discrete">'
        )
        for j, label in enumerate(issue.options):
            lines.append(
                f'{indent}    <item index="{j + 1}" value={_attr(label)} {item(k, j, label)}/>'
            )
        lines.append(f"{indent}  </issue>")
    return lines


def domain_xml(case: Case, comment: str) -> str:
    """The case's issues as a GENIUS domain file (every issue discrete, labels as items)."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', xml_comment(comment), f"<{DOMAIN_ROOT}>"]
    lines.append(f'  <utility_space number_of_issues="{len(case.issues)}">')
    lines += _objective(case, "    ", lambda k, j, label: f"description={_attr(label)}")
    lines += ["    </objective>", "  </utility_space>", f"</{DOMAIN_ROOT}>", ""]
    return "\n".join(lines)


def profile_xml(case: Case, spec: ProfileSpec, comment: str) -> str:
    """One GENIUS profile of the case's domain (discount factor 1: no discounting)."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', xml_comment(comment), f"<{PROFILE_ROOT}>"]
    lines += _objective(
        case, "  ", lambda k, j, label: f'evaluation="{_num(spec.evaluations[k][j])}"'
    )
    for k, w in enumerate(spec.weights):
        lines.append(f'    <weight index="{k + 1}" value="{_num(w)}"/>')
    lines += [
        "  </objective>",
        '  <discount_factor value="1.0"/>',
        f'  <reservation value="{_num(spec.reservation)}"/>',
        f"</{PROFILE_ROOT}>",
        "",
    ]
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# whole exports
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
            noun = "constituency" if len(side.constituencies) == 1 else "constituencies"
            notes.append(
                f"{side.id}: {len(side.constituencies)} {noun} ({ids}) not exported: "
                "GENIUS has no Level II"
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
