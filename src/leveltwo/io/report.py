"""The prep report: one self-contained HTML file to read, share and print.

It holds the case (issues, sides, constituencies with their power), the deal
and its assessment (success probability, each side, each constituency), the
diagnosis in plain sentences, the charts (party map, approvals, win-set
scatter; inline SVG from :mod:`leveltwo.io.charts`), the plan of Level II
moves (:func:`leveltwo.strategies.plan`), and the victory speech. No external
resource is referenced: styles are inline, charts are inline SVG, there are no
scripts and no web fonts, so the file opens offline and prints as it shows
(print CSS included; "Print → Save as PDF" in a browser gives the PDF).

Every number is the library's own (the same objects the CLI's ``--json``
prints), formatted with :mod:`leveltwo.narrative.phrasing`; raw values are
kept in ``data-value`` attributes. Jinja2 (the ``report`` or ``web`` extra)
renders the template ``io/templates/report.html.j2``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from leveltwo import __version__
from leveltwo.engine.analysis import SpaceAnalysis, analyze_space
from leveltwo.engine.assess import Assessment, assess
from leveltwo.engine.diagnosis import diagnose
from leveltwo.errors import LeveltwoError
from leveltwo.io.bargaining_report import bargaining_section
from leveltwo.io.charts import approval_bars, party_map, scatter_points, winset_scatter
from leveltwo.model.case import Case, Power
from leveltwo.model.deal import Deal
from leveltwo.narrative.diagnosis import explain
from leveltwo.narrative.phrasing import amount, percent
from leveltwo.narrative.speech import victory_speech
from leveltwo.strategies import plan as plan_moves

if TYPE_CHECKING:
    from jinja2 import Environment

TEMPLATE = "report.html.j2"

PlanJson = Mapping[str, Any]


class ReportDependencyError(LeveltwoError):
    """The report needs an optional dependency that is not installed."""

    exit_code = 2
    http_status = 500


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
    env.filters["pct"] = lambda p, digits=1: percent(float(p), digits)
    env.filters["num"] = lambda x: "—" if x is None else f"{float(x):.3f}"
    env.filters["amount"] = lambda x: amount(float(x))
    env.filters["signed"] = lambda x: f"{float(x):+.3f}"
    env.filters["raw"] = lambda x: repr(float(x))
    return env


def make_plan(case: Case, deal: Deal) -> PlanJson:
    """The plan of Level II moves for ``deal`` (:func:`leveltwo.strategies.plan`), as JSON."""
    return plan_moves(case, deal).to_json()


@dataclass(frozen=True)
class Constituent:
    """One row of the report's "who decides" tables."""

    name: str
    kind: str
    power: str
    reservation: float
    uncertainty: float
    share: float | None
    weights: tuple[float, ...]


def _power_text(power: Power, quota: float, strength: float, blocs: int) -> str:
    if power is Power.RATIFY:
        return f"ratifies by bloc vote, quota {100 * quota:.3g}%" if blocs else "ratifies"
    if power is Power.BLOCK:
        return f"can block (strength β {100 * strength:.3g}%)"
    return "influences (not in P)"


def _who_decides(case: Case) -> list[dict[str, object]]:
    """Each side with its negotiator, constituencies and blocs, for the case section."""
    out = []
    for side in case.sides:
        rows = [
            Constituent(
                side.negotiator.name,
                "negotiator",
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
                    "constituency",
                    _power_text(c.power, c.quota, c.strength, len(c.blocs)),
                    c.reservation,
                    c.uncertainty,
                    None,
                    c.preferences.weights,
                )
            )
            rows.extend(
                Constituent(
                    b.name,
                    "bloc",
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


def _plan_terms(case: Case, plan: PlanJson | None) -> list[tuple[str, str, str]]:
    """(issue name, before, after) for each term of the deal the plan changes."""
    if plan is None:
        return []
    start = cast(Mapping[str, str], plan.get("deal") or {})
    final = cast(Mapping[str, str], plan.get("final_deal") or {})
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
    plan: PlanJson | None = None,
    include_plan: bool = True,
) -> str:
    """The prep report for ``deal`` (default: the case's proposal) as one HTML document.

    ``analysis`` (whole-space results at ``threshold``) and ``plan`` (the
    planner's JSON document, e.g. with the moves a user toggled in the web
    app) may be passed in when already computed; otherwise they are computed
    here (the plan with :func:`leveltwo.strategies.plan`'s defaults, unless
    ``include_plan`` is false). ``speech_side`` is the side the victory speech
    is for (default: the counterpart).
    """
    env = _environment()
    assessment: Assessment = assess(case, deal)
    d = assessment.deal
    diagnosis = diagnose(case, d, threshold)
    space = analysis if analysis is not None else analyze_space(case, threshold)
    points = scatter_points(case)
    if plan is None and include_plan:
        plan = make_plan(case, d)
    speech = victory_speech(case, d, speech_side)
    opening = case.deal_labels(case.opening_deal())
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
        "best": dict(space.best_deal.labels),
        "nash": None if space.nash_deal is None else dict(space.nash_deal.labels),
        "points": points,
        "charts": {
            "party": party_map(case, assessment),
            "approvals": approval_bars(case, assessment, threshold),
            "scatter": winset_scatter(case, space, d, points),
        },
        "plan": plan,
        "plan_terms": _plan_terms(case, plan),
        "speech": speech,
        "avoid": speech.ingredients.lines_to_avoid(),
        "threshold": threshold,
        "bargaining": bargaining_section(case),
    }
    return env.get_template(TEMPLATE).render(**context)
