"""The prep report: one self-contained HTML file to read, share, print — or a PDF.

It opens with the one-page prep brief (:mod:`leveltwo.narrative.brief`), then
the detail, one Jinja include per section (``io/templates/report/*.html.j2``,
listed in ``report.html.j2``; a new section is one line there). Every page of
the print carries the case title, the date, the page number and, when given,
a confidentiality line (CSS ``@page`` margin boxes). Nothing shows an internal
id: keys are said in words (:mod:`leveltwo.narrative.names`). It holds the
case (issues, sides, constituencies with their power), the deal
and its assessment (success probability, each side, each constituency), the
diagnosis in plain sentences, the charts (party map, approvals, win-set
scatter; inline SVG from :mod:`leveltwo.io.charts`), the plan of Level II
moves (:func:`leveltwo.strategies.plan`), and the victory speech. No external
resource is referenced: styles are inline, charts are inline SVG, there are no
scripts and no web fonts, so the file opens offline and prints as it shows
(print CSS included). :func:`render_pdf` turns it into a PDF with WeasyPrint
(the ``pdf`` extra).

Every number is the library's own (the same objects the CLI's ``--json``
prints), formatted with :mod:`leveltwo.narrative.phrasing`; raw values are
kept in ``data-value`` attributes. Jinja2 (the ``report`` or ``web`` extra)
renders the template ``io/templates/report.html.j2``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from leveltwo.engine.assessment import Assessment, assess
from leveltwo.engine.compare import DealComparison, compare_deals
from leveltwo.engine.constraints import Feasibility
from leveltwo.engine.diagnosis import diagnose
from leveltwo.engine.winsets import SpaceAnalysis, analyze_space
from leveltwo.errors import LeveltwoError
from leveltwo.io.bargaining_report import bargaining_section
from leveltwo.io.charts import (
    approval_bars,
    party_map,
    scatter_points,
    tornado,
    winset_scatter,
)
from leveltwo.model.case import Case
from leveltwo.model.deal import Deal
from leveltwo.model.keys import KeyKind
from leveltwo.narrative.brief import prep_brief
from leveltwo.narrative.diagnosis import explain
from leveltwo.narrative.names import category_name, move_name, parameter_name, stakeholder_name
from leveltwo.narrative.numbers import jinja_filters
from leveltwo.narrative.powers import describe_power
from leveltwo.narrative.speech import victory_speech
from leveltwo.strategies import Plan
from leveltwo.strategies import plan as plan_moves
from leveltwo.strategies.planner import applied
from leveltwo.strategies.robustness import robustness
from leveltwo.version import __version__

#: Monte Carlo draws of the report's robustness check (the CLI's default is 200).
REPORT_DRAWS = 50

if TYPE_CHECKING:
    from jinja2 import Environment
    from markupsafe import Markup

TEMPLATE = "report.html.j2"
#: The "Bargaining at the table" section (io/bargaining_report.py), for a case with the block.
BARGAINING_SECTION = ("bargaining", "Bargaining at the table", "report/bargaining.html.j2")


class ReportDependencyError(LeveltwoError):
    """The report needs an optional dependency that is not installed."""

    exit_code = 2
    http_status = 500


def css_string(text: object) -> Markup:
    """Text safe inside a CSS string literal (``content: "..."``) in a ``<style>``: quotes
    and backslashes escaped, ``<`` and ``&`` as CSS escapes (HTML escaping does not apply
    inside ``<style>``)."""
    out = str(text).replace("\\", "\\\\").replace('"', '\\"')
    out = " ".join(out.split()).replace("<", "\\3c ").replace("&", "\\26 ")
    from markupsafe import Markup  # with Jinja2, an optional dependency

    return Markup(out)


def _environment() -> Environment:
    """The Jinja2 environment (imported lazily: Jinja2 is an optional dependency)."""
    try:
        import jinja2
    except ImportError:
        raise ReportDependencyError(
            "the prep report needs Jinja2: install it with `pip install 'leveltwo[report]'`"
        ) from None
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("leveltwo.io", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(jinja_filters())
    env.filters["raw"] = lambda x: repr(float(x))
    env.filters["css_string"] = css_string
    env.filters["category_name"] = category_name
    return env


def _comparison(
    case: Case, deal: Deal, space: SpaceAnalysis, planned: Plan | None
) -> DealComparison | None:
    """The deal under study next to the deal after the plan, the best deal and the Nash deal
    (each once; None when there is nothing to compare it with)."""
    deals: list[tuple[str, Deal]] = [("This deal", deal)]
    cases: list[Case | None] = [None]
    if planned is not None and planned.chosen:
        after = applied(case, planned.chosen, deal)
        deals.append(("After the plan", after.deal))
        cases.append(after.case)
    for name, point in (("Best for us", space.best_deal), ("Nash deal", space.nash_deal)):
        if point is not None and all(point.deal != d for _, d in deals):
            deals.append((name, point.deal))
            cases.append(None)
    if len(deals) < 2:
        return None
    return compare_deals(case, deals[:4], cases[:4])


@dataclass(frozen=True)
class Constituent:
    """One row of the report's "who decides" tables."""

    name: str
    kind: KeyKind
    power: str
    reservation: float
    uncertainty: float
    share: float | None
    weights: tuple[float, ...]


def _who_decides(case: Case) -> list[dict[str, object]]:
    """Each side with its negotiator, constituencies and blocs, for the case section."""
    out = []
    for side in case.sides:
        rows = [
            Constituent(
                side.negotiator.name,
                KeyKind.NEGOTIATOR,
                "ratifies at the table",
                side.negotiator.reservation,
                side.negotiator.uncertainty,
                None,
                side.negotiator.preferences.weights,
            )
        ]
        for c in side.constituencies:
            rows.append(
                Constituent(
                    c.name,
                    KeyKind.CONSTITUENCY,
                    describe_power(
                        c.power, quota=c.quota, strength=c.strength, by_blocs=bool(c.blocs)
                    ),
                    c.reservation,
                    c.uncertainty,
                    None,
                    c.preferences.weights,
                )
            )
            rows.extend(
                Constituent(
                    b.name,
                    KeyKind.BLOC,
                    "votes",
                    b.reservation,
                    b.uncertainty,
                    b.share,
                    b.preferences.weights,
                )
                for b in c.blocs
            )
        out.append(
            {
                "side": side,
                "ours": side.id == case.us,
                "no_deal": side.no_deal_value,
                "rows": rows,
            }
        )
    return out


def _plan_terms(case: Case, plan: Plan | None) -> list[tuple[str, str, str]]:
    """(issue name, before, after) for each term of the deal the plan changes."""
    if plan is None:
        return []
    start, final = dict(plan.deal), dict(plan.final_deal)
    return [
        (i.name, start[i.id], final[i.id])
        for i in case.issues
        if i.id in start and i.id in final and start[i.id] != final[i.id]
    ]


def render_report(
    case: Case,
    deal: Deal | None = None,
    *,
    threshold: float = 0.5,
    speech_side: str | None = None,
    analysis: SpaceAnalysis | None = None,
    plan: Plan | None = None,
    include_plan: bool = True,
    confidential: str | None = None,
    on: date | None = None,
) -> str:
    """The prep report for ``deal`` (default: the case's proposal) as one HTML document.

    ``analysis`` (whole-space results at ``threshold``) and ``plan`` (a
    :class:`~leveltwo.strategies.planresult.Plan`, e.g. with the moves a user toggled
    in the web app left out by :func:`leveltwo.strategies.whatif.what_if`) may be passed
    in when already computed; otherwise they are computed here (the plan with
    :func:`leveltwo.strategies.plan`'s defaults and its robustness check, unless
    ``include_plan`` is false). ``speech_side`` is the side the victory speech
    is for (default: the counterpart). ``confidential`` is printed on every page
    (e.g. "Confidential — prepared for the bargaining team"); ``on`` is the date
    printed (default: today, UTC).
    """
    env = _environment()
    assessment: Assessment = assess(case, deal)
    d = assessment.deal
    diagnosis = diagnose(case, d, threshold)
    space = analysis if analysis is not None else analyze_space(case, threshold)
    points = scatter_points(case)
    planned = plan
    tested: dict[str, Any] | None = None  # the robustness check, when the plan is made here
    if planned is None and include_plan:
        planned = plan_moves(case, d)
        tested = robustness(case, planned, d, draws=REPORT_DRAWS).to_json()
    speech = victory_speech(case, d, speech_side)
    avoid = speech.ingredients.lines_to_avoid()
    opening = case.deal_labels(case.opening_deal())
    bargaining = bargaining_section(case)
    context: dict[str, object] = {
        "version": __version__,
        "case": case,
        "deal": case.deal_labels(d),
        "is_proposal": case.proposal is not None and d == case.proposal,
        "opening": opening,
        "assessment": assessment,
        "expected_value": assessment.expected_value,
        "who": _who_decides(case),
        "diagnosis": diagnosis,
        "diagnosis_text": explain(diagnosis, case.us),
        "space": space,
        "broken": [c.describe() for c in Feasibility(case).broken(d)],
        "best": dict(space.best_deal.labels),
        "nash": None if space.nash_deal is None else dict(space.nash_deal.labels),
        "points": points,
        "charts": {
            "party": party_map(case, assessment),
            "approvals": approval_bars(case, assessment, threshold),
            "scatter": winset_scatter(case, space, d, points),
            "tornado": (
                None if tested is None else tornado(tested["tornado"], float(tested["net_value"]))
            ),
        },
        "robustness": tested,
        "plan": None if planned is None else planned.to_json(),
        "plan_terms": _plan_terms(case, planned),
        "speech": speech,
        "avoid": avoid,
        "threshold": threshold,
        "brief": prep_brief(case, assessment, diagnosis, planned, avoid),
        "comparison": _comparison(case, d, space, planned),
        "date": (on or datetime.now(UTC).date()).strftime("%-d %B %Y"),
        "confidential": confidential.strip() if confidential and confidential.strip() else None,
        "bargaining": bargaining,
        "extra_sections": [] if bargaining is None else [BARGAINING_SECTION],
    }
    env.filters["key_name"] = lambda key: stakeholder_name(case, str(key)) or str(key)
    env.filters["parameter_name"] = lambda key: parameter_name(case, str(key))
    env.filters["move_name"] = lambda key: move_name(case, str(key))
    return env.get_template(TEMPLATE).render(**context)


def render_pdf(html: str) -> bytes:
    """The report as a PDF (WeasyPrint, the ``pdf`` extra; it needs Pango, see docs/report.md)."""
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: Pango's shared libraries are missing
        raise ReportDependencyError(
            "a PDF report needs WeasyPrint and Pango: `pip install 'leveltwo[pdf]'` and "
            f"`make pdf-deps` (or your system's pango package) — {type(exc).__name__}: {exc}"
        ) from None
    pdf = weasyprint.HTML(string=html).write_pdf()
    assert isinstance(pdf, bytes)
    return pdf
