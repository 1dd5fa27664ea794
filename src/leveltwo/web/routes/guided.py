"""The guided flow: a new case built answer by answer (the questions of ``leveltwo new``).

Each page asks one group of questions; the answers so far travel in a hidden
field as the interview's JSON (:func:`leveltwo.io.interview.interview_json`),
so nothing is stored until the last page saves the case. A page whose answers
cannot be used is shown again with the problem next to the answer.

Pages: ``table`` (title, issues, the two sides) → ``who`` (who else must say
yes on each side, and how) → ``wants`` (each stakeholder's ranking of the
issues, which way it wants each, what it must not be seen to concede) →
``levers`` (offers, third parties, the proposal) → ``votes`` (how likely each
is to say yes to two or three deals) → ``review`` (the commented file, each
answer beside what the fitted bar gives back) → saved.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from leveltwo.errors import InputError, Problem
from leveltwo.io.interview import (
    SCALES,
    BlocAnswer,
    Interview,
    IssueAnswer,
    OfferAnswer,
    SideAnswer,
    StakeholderAnswer,
    ThirdPartyAnswer,
    build,
    draft_case,
    interview_from,
    interview_json,
    probes,
    slug,
    stakeholders,
    with_stakeholder,
    with_votes,
)
from leveltwo.model.case import Power
from leveltwo.web.flash import flash
from leveltwo.web.security import MAX_FORM_FIELDS
from leveltwo.web.state import WebState, state_of

router = APIRouter()
State = Annotated[WebState, Depends(state_of)]

#: Rows offered for issues, constituencies per side, offers and third parties.
ISSUE_ROWS, CONSTITUENCY_ROWS, LEVER_ROWS = 5, 3, 2


def _text(form: FormData, name: str) -> str:
    raw = form.get(name)
    return raw.strip() if isinstance(raw, str) else ""


def _fraction(raw: str) -> float | None:
    t = raw.strip().rstrip("%").strip()
    try:
        x = float(t)
    except ValueError:
        return None
    return x / 100 if x > 1 or raw.strip().endswith("%") else x


def _table(form: FormData) -> Interview:
    problems: list[Problem] = []
    issues: list[IssueAnswer] = []
    for k in range(ISSUE_ROWS):
        name, opts = _text(form, f"issue_{k}_name"), _text(form, f"issue_{k}_options")
        if not name and not opts:
            continue
        options = tuple(o.strip() for o in opts.split(",") if o.strip())
        if not name:
            problems.append(Problem(f"issue_{k}_name", "a name for this issue", "nothing"))
        if len(options) < 2 or len(set(options)) != len(options):
            problems.append(
                Problem(
                    f"issue_{k}_options",
                    "two or more different options, comma-separated",
                    repr(opts),
                )
            )
        issues.append(
            IssueAnswer(slug(name or f"issue {k + 1}", [i.id for i in issues]), name, options)
        )
    if not issues:
        problems.append(Problem("issue_0_name", "at least one issue", "none"))
    sides = []
    ids: list[str] = []
    for s in range(2):
        name = _text(form, f"side_{s}_name") or ("Us" if s == 0 else "Them")
        ids.append(slug(name, ids))
        neg = _text(form, f"side_{s}_negotiator") or "Negotiator"
        sides.append(SideAnswer(ids[-1], name, StakeholderAnswer("negotiator", neg, (), ())))
    money = None
    amount, currency = _text(form, "money_amount"), _text(form, "money_currency")
    if amount or currency:
        try:
            value = float(amount.replace(",", ""))
        except ValueError:
            value = -1.0
        if value <= 0 or not currency:
            problems.append(
                Problem("money_amount", "an amount above 0 and a currency, or neither", amount)
            )
        else:
            money = (currency, value)
    if problems:
        raise InputError(problems)
    title = _text(form, "title") or "New case"
    return Interview(title, tuple(issues), (sides[0], sides[1]), money=money)


def _blocs(raw: str, path: str) -> tuple[BlocAnswer, ...]:
    """``Senior 60, Junior 40`` → two blocs."""
    out: list[BlocAnswer] = []
    for part in (p.strip() for p in raw.split(",") if p.strip()):
        name, _, share = part.rpartition(" ")
        try:
            value = float(share.rstrip("%"))
        except ValueError:
            value = -1.0
        if not name or value <= 0:
            raise InputError([Problem(path, "blocs as 'Name share, Name share'", repr(part))])
        out.append(BlocAnswer(slug(name, [b.id for b in out]), name, value))
    if len(out) == 1:
        raise InputError([Problem(path, "two or more blocs (or none)", "one")])
    return tuple(out)


def _who(form: FormData, iv: Interview) -> Interview:
    problems: list[Problem] = []
    sides = []
    for s, side in enumerate(iv.sides):
        cons: list[StakeholderAnswer] = []
        for k in range(CONSTITUENCY_ROWS):
            p = f"c_{s}_{k}"
            name = _text(form, f"{p}_name")
            if not name:
                continue
            power = Power(_text(form, f"{p}_power") or "ratify")
            strength = _fraction(_text(form, f"{p}_strength") or "100%")
            if strength is None or not 0 <= strength <= 1:
                problems.append(Problem(f"{p}_strength", "a chance from 0% to 100%", "other"))
                strength = 1.0
            try:
                blocs = _blocs(_text(form, f"{p}_blocs"), f"{p}_blocs")
            except InputError as exc:
                problems.extend(exc.problems)
                blocs = ()
            quota = _fraction(_text(form, f"{p}_quota") or "50%")
            if quota is None or not 0 < quota <= 1:
                problems.append(Problem(f"{p}_quota", "a share above 0% up to 100%", "other"))
                quota = 0.5
            cid = slug(name, [c.id for c in cons])
            cons.append(StakeholderAnswer(cid, name, (), (), power, strength, blocs, quota))
        sides.append(replace(side, constituencies=tuple(cons)))
    if problems:
        raise InputError(problems)
    return replace(iv, sides=(sides[0], sides[1]))


def _wants(form: FormData, iv: Interview) -> Interview:
    problems: list[Problem] = []
    for j, (si, ci, st) in enumerate(stakeholders(iv)):
        ranking: list[str] = []
        for r in range(len(iv.issues)):
            pick = _text(form, f"w_{j}_rank_{r}")
            if pick and pick not in ranking and pick in {i.id for i in iv.issues}:
                ranking.append(pick)
        if not ranking:
            problems.append(
                Problem(f"w_{j}_rank_0", f"the issue {st.name} cares about most", "none")
            )
        directions = tuple(
            (iid, "descending" if _text(form, f"w_{j}_dir_{iid}") == "start" else "ascending")
            for iid in ranking
        )
        concede = _text(form, f"w_{j}_concede") or "no"
        if concede not in SCALES["concede"]:
            concede = "no"
        new = replace(st, ranking=tuple(ranking), directions=directions, concede=concede)
        iv = with_stakeholder(iv, si, ci, new)
    if problems:
        raise InputError(problems)
    return iv


def _keys(iv: Interview) -> list[str]:
    return [
        f"{iv.sides[si].id}.{'negotiator' if ci < 0 else st.id}" for si, ci, st in stakeholders(iv)
    ]


def _levers(form: FormData, iv: Interview) -> Interview:
    keys = _keys(iv)
    offers, parties = [], []
    for k in range(LEVER_ROWS):
        name = _text(form, f"offer_{k}_name")
        if name:
            to = _text(form, f"offer_{k}_to")
            offers.append(
                OfferAnswer(
                    name,
                    to if to in keys else keys[-1],
                    _pick(form, f"offer_{k}_worth", "worth", "medium"),
                    _pick(form, f"offer_{k}_cost", "worth", "small"),
                )
            )
        name = _text(form, f"party_{k}_name")
        if name:
            to = _text(form, f"party_{k}_reaches")
            parties.append(
                ThirdPartyAnswer(
                    name,
                    to if to in keys else keys[-1],
                    _pick(form, f"party_{k}_pressure", "pressure", "moderate"),
                    _pick(form, f"party_{k}_listens", "listens", "a little"),
                )
            )
    proposal = []
    for issue in iv.issues:
        pick = _text(form, f"proposal_{issue.id}")
        if pick in issue.options:
            proposal.append((issue.id, pick))
    if proposal and len(proposal) != len(iv.issues):
        raise InputError(
            [
                Problem(
                    f"proposal_{iv.issues[0].id}",
                    "an option on every issue, or on none",
                    "some only",
                )
            ]
        )
    return replace(iv, offers=tuple(offers), third_parties=tuple(parties), proposal=tuple(proposal))


def _pick(form: FormData, name: str, scale: str, default: str) -> str:
    x = _text(form, name)
    return x if x in SCALES[scale] else default


def _votes(form: FormData, iv: Interview) -> Interview:
    votes: dict[str, list[float | None]] = {}
    for key, deals in probes(iv).items():
        answers: list[float | None] = []
        for d in range(len(deals)):
            raw = _text(form, f"vote_{key}_{d}")
            answers.append(_fraction(raw) if raw else None)
        votes[key] = answers
    return with_votes(iv, votes)


STEPS = ("table", "who", "wants", "levers", "votes", "review")
READERS = {"table": None, "who": _who, "wants": _wants, "levers": _levers, "votes": _votes}


def _render(
    request: Request,
    state: WebState,
    step: str,
    iv: Interview | None,
    problems: list[Problem],
    form: dict[str, str] | None = None,
) -> Response:
    context: dict[str, Any] = {
        "step": step,
        "steps": STEPS,
        "iv": iv,
        "state_json": json.dumps(interview_json(iv)) if iv is not None else "",
        "problems": {p.path: p.message() for p in problems},
        "problem_list": [p.message() for p in problems],
        "form": form or {},
        "scales": SCALES,
        "rows": {"issues": ISSUE_ROWS, "constituencies": CONSTITUENCY_ROWS, "levers": LEVER_ROWS},
        "scale_choices": {k: [(w, w) for w in v] for k, v in SCALES.items()},
    }
    if iv is not None:
        context["stakeholders"] = stakeholders(iv)
        context["keys"] = _keys(iv)
        context["key_choices"] = [(k, k) for k in _keys(iv)]
        context["issue_choices"] = [("", "—")] + [(i.id, i.name) for i in iv.issues]
        context["option_choices"] = {i.id: [(o, o) for o in i.options] for i in iv.issues}
    if step in ("votes", "review") and iv is not None:
        case = draft_case(iv)
        context["probes"] = [
            (key, case.stakeholder(key).name, [case.deal_labels(d) for d in deals])
            for key, deals in probes(iv, case).items()
        ]
        context["issue_names"] = {i.id: i.name for i in case.issues}
    if step == "review" and iv is not None:
        built = build(iv)
        context["text"] = built.text()
        context["bars"] = built.bars
        context["pairs"] = {
            k: list(zip(b.answers, b.fitted, strict=True)) for k, b in built.bars.items()
        }
    return state.templates.render(request, "guided.html", context, status=422 if problems else 200)


@router.get("/guided", response_class=HTMLResponse)
def guided_start(request: Request, state: State) -> Response:
    return _render(request, state, "table", None, [])


@router.post("/guided")
async def guided_step(request: Request, state: State) -> Response:
    form = await request.form(max_fields=MAX_FORM_FIELDS)
    step = _text(form, "step")
    if step not in STEPS:
        raise InputError([Problem("step", f"one of {list(STEPS)}", repr(step))])
    raw_state = _text(form, "state")
    iv: Interview | None = None
    if raw_state:
        try:
            iv = interview_from(json.loads(raw_state))
        except json.JSONDecodeError:
            raise InputError([Problem("state", "the answers given so far", "garbled")]) from None
    echo = {k: v for k, v in form.items() if isinstance(v, str)}
    if step == "review":
        assert iv is not None
        built = build(iv)
        summary = state.repo.create(
            built.text(), built.case.title, origin="guided", message="Created with the guided flow"
        )
        flash(
            request, "Your case is saved. Every number has a comment in the YAML view.", "success"
        )
        return RedirectResponse(f"/cases/{summary.id}", status_code=303)
    try:
        if step == "table":
            iv = _table(form)
        else:
            assert iv is not None
            reader = READERS[step]
            assert reader is not None
            iv = reader(form, iv)
        if step == "votes":
            build(iv)  # every voter's answers must give a bar
    except InputError as exc:
        return _render(request, state, step, iv, list(exc.problems), echo)
    return _render(request, state, STEPS[STEPS.index(step) + 1], iv, [])
