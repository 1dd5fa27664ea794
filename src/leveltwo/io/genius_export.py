"""Cases into GENIUS XML files (and NegMAS folders), keeping every negotiator utility.

Each side's negotiator becomes a profile of one shared domain. GENIUS divides
an option's evaluation by its issue's highest one and uses the weights as
written, so :func:`genius_profile` writes evaluations v / m and weights w · m
for an issue whose best option is worth m: every deal keeps its utility in
GENIUS and in NegMAS alike. :func:`export_texts` also dispatches to GeniusWeb
JSON (:mod:`leveltwo.io.geniusweb`) and NegMAS YAML (:mod:`leveltwo.io.negmas_yaml`)
and adds the side file (:mod:`leveltwo.io.sidefile`); what a format cannot hold
is listed, field by field, by :func:`loss_notes`. Files are produced as text;
:mod:`leveltwo.io.interop` writes them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from leveltwo.errors import InputError, Problem
from leveltwo.io.genius import DOMAIN_ROOT, PROFILE_ROOT
from leveltwo.io.negmas import INFO_FILE, InfoSide, info_yaml
from leveltwo.io.sidefile import SIDE_FILE, side_file_text
from leveltwo.model.case import NEGOTIATOR_NAME, Case, CaseLevel2, Level2Params, Preferences


class Format(StrEnum):
    """The formats leveltwo exports to."""

    GENIUS = "genius"
    NEGMAS = "negmas"
    GENIUSWEB = "geniusweb"
    NEGMAS_YAML = "negmas-yaml"


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


def integer_bounds(options: tuple[str, ...]) -> tuple[int, int] | None:
    """``(lower, upper)`` when the labels are consecutive integers written plainly, else None."""
    if len(options) < 2 or not all(re.fullmatch(r"-?[0-9]+", o) for o in options):
        return None
    xs = [int(o) for o in options]
    if [str(x) for x in xs] != list(options) or xs != list(range(xs[0], xs[0] + len(xs))):
        return None
    return xs[0], xs[-1]


def linear_evaluator(values: tuple[float, ...]) -> tuple[float, float] | None:
    """``(slope, offset)`` with values[j] == slope·j + offset (GENIUS's integer evaluator)."""
    offset = values[0]
    slope = values[1] - values[0]
    if all(abs(slope * j + offset - v) <= 1e-12 for j, v in enumerate(values)):
        return slope, offset
    return None


def integer_issues(case: Case, specs: Sequence[ProfileSpec]) -> dict[int, tuple[int, int]]:
    """The issues written as GENIUS integer issues: consecutive integer labels from 0 whose
    evaluation is linear for every profile (GENIUS's only integer evaluator).

    GENIUS applies a linear evaluator to x − lowerbound and NegMAS to x itself, so
    only a range starting at 0 means the same to both; other integer ranges are
    written as discrete issues with the numbers as labels.
    """
    out: dict[int, tuple[int, int]] = {}
    for k, issue in enumerate(case.issues):
        bounds = integer_bounds(issue.options)
        if (
            bounds is not None
            and bounds[0] == 0
            and all(linear_evaluator(spec.evaluations[k]) is not None for spec in specs)
        ):
            out[k] = bounds
    return out


def _objective(
    case: Case,
    indent: str,
    item: Callable[[int, int, str], str],
    integers: Mapping[int, tuple[int, int]],
    evaluator: Callable[[int], str] | None = None,
) -> list[str]:
    """The ``<objective>`` opening tag and every issue with its items, at ``indent`` (the
    caller closes it); ``item(k, j, label)``: item j of issue k's attributes after its value;
    integer issues get ``evaluator(k)`` (a profile) or nothing (the domain)."""
    lines = [
        f'{indent}<objective index="0" name={_attr(case.title)} description="" '
        'type="objective" etype="objective">'
    ]
    for k, issue in enumerate(case.issues):
        head = (
            f'{indent}  <issue index="{k + 1}" name={_attr(issue.id)} '
            f"description={_attr(issue.name)}"
        )
        if k in integers:
            lower, upper = integers[k]
            bounds = (
                'type="integer" etype="integer" vtype="integer" '
                f'lowerbound="{lower}" upperbound="{upper}"'
            )
            if evaluator is None:
                lines.append(f"{head} {bounds}/>")
            else:
                lines += [f"{head} {bounds}>", f"{indent}    {evaluator(k)}", f"{indent}  </issue>"]
            continue
        lines.append(f'{head} type="discrete" etype="discrete" vtype="discrete">')
        for j, label in enumerate(issue.options):
            lines.append(
                f'{indent}    <item index="{j + 1}" value={_attr(label)} {item(k, j, label)}/>'
            )
        lines.append(f"{indent}  </issue>")
    return lines


def domain_xml(
    case: Case, comment: str, integers: Mapping[int, tuple[int, int]] | None = None
) -> str:
    """The case's issues as a GENIUS domain file (labels as items; ``integers`` as ranges)."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', xml_comment(comment), f"<{DOMAIN_ROOT}>"]
    lines.append(f'  <utility_space number_of_issues="{len(case.issues)}">')
    lines += _objective(
        case, "    ", lambda k, j, label: f"description={_attr(label)}", integers or {}
    )
    lines += ["    </objective>", "  </utility_space>", f"</{DOMAIN_ROOT}>", ""]
    return "\n".join(lines)


def profile_xml(
    case: Case,
    spec: ProfileSpec,
    comment: str,
    integers: Mapping[int, tuple[int, int]] | None = None,
    discount: float = 1.0,
) -> str:
    """One GENIUS profile of the case's domain (``discount`` 1: no discounting)."""

    def evaluator(k: int) -> str:
        slope, offset = linear_evaluator(spec.evaluations[k]) or (0.0, 0.0)
        return f'<evaluator ftype="linear" slope="{_num(slope)}" offset="{_num(offset)}"/>'

    lines = ['<?xml version="1.0" encoding="UTF-8"?>', xml_comment(comment), f"<{PROFILE_ROOT}>"]
    lines += _objective(
        case,
        "  ",
        lambda k, j, label: f'evaluation="{_num(spec.evaluations[k][j])}"',
        integers or {},
        evaluator,
    )
    for k, w in enumerate(spec.weights):
        lines.append(f'    <weight index="{k + 1}" value="{_num(w)}"/>')
    lines += [
        "  </objective>",
        f'  <discount_factor value="{_num(discount)}"/>',
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


def profile_file(side_id: str, ext: str = "xml") -> str:
    """The file name of a side's profile: ``<side id>.xml`` (or another extension)."""
    return f"{side_id}.{ext}"


def domain_file(case: Case, ext: str = "xml") -> str:
    """``domain.xml``, or ``_domain.xml`` when a side is called ``domain``."""
    clash = any(s.id.lower() == "domain" for s in case.sides)
    return f"_domain.{ext}" if clash else f"domain.{ext}"


def genius_specs(case: Case) -> list[ProfileSpec]:
    """One profile per side's negotiator; raise when one has utility 0 everywhere."""
    specs: list[ProfileSpec] = []
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
        specs.append(spec)
    if problems:
        raise InputError(problems, case.title)
    return specs


def genius_texts(case: Case) -> dict[str, str]:
    """A GENIUS domain file and one profile per side (name → text)."""
    illegal = xml_problems(case)
    if illegal:
        raise InputError(illegal, case.title)
    specs = genius_specs(case)
    integers = integer_issues(case, specs)
    comment = (
        f"Exported by leveltwo from the case '{case.title}'. GENIUS has no Level II; what these "
        f"files cannot hold is in {SIDE_FILE} when it is next to them (see docs/interop.md). "
        "Weights are written so that every deal keeps the negotiator's leveltwo utility; they "
        "may sum to less than 1."
    )
    files = {domain_file(case): domain_xml(case, comment, integers)}
    for side, spec in zip(case.sides, specs, strict=True):
        files[profile_file(side.id)] = profile_xml(
            case,
            spec,
            f"{comment} Profile of side '{side.id}' ({side.name}), its negotiator.",
            integers,
            discount_of(case, side.id),
        )
    return files


def discount_of(case: Case, side: str) -> float:
    """The side's discount factor of the ``bargaining:`` block (1 without one)."""
    return 1.0 if case.bargaining is None else case.bargaining.discount(side)


def export_texts(
    case: Case, fmt: Format, source_text: str | None = None, *, side_file: bool = True
) -> tuple[dict[str, str], tuple[str, ...]]:
    """The files of an export (name → text) and the notes on what the format does not hold.

    With ``side_file`` (the default) the case itself is written as the side file
    :data:`SIDE_FILE`, which import reads back, so nothing is lost; it is
    ``source_text`` (the case file the case was read from) edited to match the
    case, comments and layout kept, or the case written out when there is no
    text. The notes then say which fields only the side file holds; without the
    side file they list every field that is lost.
    """
    from leveltwo.io import geniusweb, negmas_yaml
    from leveltwo.io.casewriter import write_case

    if fmt is Format.GENIUSWEB:
        files = geniusweb.export_files(case)
    elif fmt is Format.NEGMAS_YAML:
        files = negmas_yaml.yaml_files(case)
    else:
        files = genius_texts(case)
    notes = loss_notes(case, fmt, kept=side_file)
    if fmt is Format.NEGMAS:
        sides = tuple(InfoSide(s.id, s.name, profile_file(s.id)) for s in case.sides)
        files[INFO_FILE] = info_yaml(case.title, case.us, sides, notes)
    if side_file:
        files[SIDE_FILE] = side_file_text(write_case(case, source_text), fmt)
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


def lost_fields(case: Case, fmt: Format) -> list[tuple[str, str]]:
    """Every field of ``case`` that ``fmt``'s files do not hold: (field path, what it is)."""
    out: list[tuple[str, str]] = []
    web = fmt is Format.GENIUSWEB
    if case.description:
        out.append(("description", "the case description"))
    if fmt in (Format.GENIUS, Format.GENIUSWEB, Format.NEGMAS_YAML):
        out.append(("us", f"the side we advise ({case.us!r})"))
    for k, issue in enumerate(case.issues):
        if issue.name != issue.id and (web or fmt is Format.NEGMAS_YAML):
            out.append((f"issues[{k}].name", f"the issue name {issue.name!r} (files use the id)"))
    for k, side in enumerate(case.sides):
        path = f"sides[{k}]"
        neg = side.negotiator
        if fmt is not Format.NEGMAS and side.name != side.id:
            out.append((f"{path}.name", f"the side name {side.name!r} (files use the id)"))
        if neg.name != NEGOTIATOR_NAME:
            out.append((f"{path}.negotiator.name", f"the negotiator's name {neg.name!r}"))
        if web:
            out.append(
                (
                    f"{path}.negotiator.reservation",
                    f"the reservation {neg.reservation:g} (GeniusWeb holds only a reservation bid)",
                )
            )
        if neg.uncertainty > 0:
            out.append((f"{path}.negotiator.uncertainty", f"uncertainty {neg.uncertainty:g}"))
        if neg.level2 != Level2Params():
            out.append((f"{path}.negotiator", "the negotiator's Level II move parameters"))
        if side.no_deal is not None:
            out.append((f"{path}.no_deal", f"the no-deal value {side.no_deal:g}"))
        if side.constituencies:
            ids = ", ".join(c.id for c in side.constituencies)
            out.append((f"{path}.constituencies", f"{len(side.constituencies)} ({ids})"))
    if case.proposal is not None:
        out.append(("proposal", "the proposal"))
    if case.opening is not None:
        out.append(("opening", "the opening position"))
    if case.level2 != CaseLevel2():
        out.append(("level2", "the case-level Level II inputs (offers, terms, third parties...)"))
    if case.bargaining is not None:
        held = "" if web else ", but for the discount factors"
        out.append(("bargaining", f"the bargaining block{held}"))
    for key, _ in case.extensions:
        out.append((key, f"the {key!r} block"))
    return out


def loss_notes(case: Case, fmt: Format = Format.GENIUS, *, kept: bool = False) -> tuple[str, ...]:
    """What an export of ``case`` in ``fmt`` leaves out or changes, one sentence each.

    ``kept``: the side file is written, so every field listed is kept there.
    """
    where = f"kept in {SIDE_FILE}" if kept else "not exported (no side file)"
    notes = [f"{path}: {what}: {where}" for path, what in lost_fields(case, fmt)]
    if fmt in (Format.GENIUS, Format.NEGMAS):
        for side in case.sides:
            neg = side.negotiator
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
        if any(set(o) & set('&<>"') for i in case.issues for o in (i.id, i.name, *i.options)):
            notes.append(
                'some labels contain & < > or "; they are escaped as XML requires, which NegMAS '
                "reads back but GENIUS's own simple parser does not unescape"
            )
    return tuple(notes)
