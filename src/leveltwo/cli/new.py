"""``leveltwo new FILE``: build a case by answering questions, and write it commented.

The questions and what each answer becomes are those of
:mod:`leveltwo.io.interview` (the web app's guided flow asks the same ones).
This module only asks them in the terminal and re-asks an answer it cannot read.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.text import Text

from leveltwo.cli.loading import warning_line
from leveltwo.cli.render import console
from leveltwo.errors import InputError, LeveltwoError
from leveltwo.model.case import Power

if TYPE_CHECKING:
    from leveltwo.io.interview import Interview, StakeholderAnswer

OutputArg = Annotated[
    Path,
    typer.Argument(metavar="FILE", help="Where to write the case file (YAML).", show_default=False),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")]


def _say(text: str) -> None:
    console().print(Text(text), soft_wrap=True)


def _ask(question: str, default: str | None = None) -> str:
    answer = typer.prompt(
        question, default=default if default is not None else "", show_default=bool(default)
    )
    return str(answer).strip()


def _choose(question: str, choices: list[str], default: str) -> str:
    while True:
        answer = _ask(f"{question} ({'/'.join(choices)})", default)
        if answer in choices:
            return answer
        _say(f"  Please answer one of: {', '.join(choices)}.")


def _fraction(text: str) -> float | None:
    """``30%``, ``30`` or ``0.3`` → 0.3; None when it is not a number."""
    t = text.strip().rstrip("%").strip()
    try:
        x = float(t)
    except ValueError:
        return None
    return x / 100 if x > 1 or text.strip().endswith("%") else x


def _ask_fraction(question: str, default: str | None = None, low: float = 0.0) -> float:
    while True:
        x = _fraction(_ask(question, default))
        if x is not None and low <= x <= 1:
            return x
        _say(f"  Please give a number from {low:g} to 1, or a percentage (e.g. 40%).")


def _ask_issues() -> list[tuple[str, list[str]]]:
    _say(
        "Issues: what is to be decided. Give each issue's options in order, worst to best "
        "for one side (the other side usually reads them the other way)."
    )
    issues: list[tuple[str, list[str]]] = []
    while True:
        name = _ask(f"Issue {len(issues) + 1} name (empty when done)")
        if not name:
            if issues:
                return issues
            _say("  A case needs at least one issue.")
            continue
        while True:
            opts = [
                o.strip() for o in _ask(f"Options of {name}, in order, comma-separated").split(",")
            ]
            opts = [o for o in opts if o]
            if len(opts) >= 2 and len(set(opts)) == len(opts):
                break
            _say("  Give at least two different options, separated by commas.")
        issues.append((name, opts))


def _ask_preferences(
    who: str, issues: list[tuple[str, str, list[str]]]
) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    listing = ", ".join(f"{k + 1}. {name}" for k, (_, name, _) in enumerate(issues))
    while True:
        raw = _ask(
            f"Which issues does {who} care about, most important first? ({listing}; "
            "numbers, comma-separated)",
            ",".join(str(k + 1) for k in range(len(issues))),
        )
        try:
            picks = [int(x) - 1 for x in raw.replace(" ", "").split(",") if x]
        except ValueError:
            picks = []
        if picks and all(0 <= p < len(issues) for p in picks) and len(set(picks)) == len(picks):
            break
        _say("  Give issue numbers from the list, each once, most important first.")
    ranking = tuple(issues[p][0] for p in picks)
    directions = []
    for p in picks:
        iid, name, opts = issues[p]
        side = _choose(
            f"On {name}, does {who} want the end of the list ({opts[-1]}) or the start "
            f"({opts[0]})?",
            ["end", "start"],
            "end",
        )
        directions.append((iid, "ascending" if side == "end" else "descending"))
    return ranking, tuple(directions)


def _ask_stakeholder(
    sid: str, issues: list[tuple[str, str, list[str]]], name: str, cid: str, negotiator: bool
) -> StakeholderAnswer:
    from leveltwo.io.interview import BlocAnswer, StakeholderAnswer, slug

    ranking, directions = _ask_preferences(name, issues)
    concede = _choose(
        f"Must {name} not be seen to concede in public (a price for visible concessions)?",
        ["no", "some", "a lot"],
        "no",
    )
    if negotiator:
        return StakeholderAnswer("negotiator", name, ranking, directions, concede=concede)
    power = Power(
        _choose(
            f"How does {name} decide? ratify (its formal approval is needed), block (it can "
            "derail the deal informally), influence (no veto)",
            ["ratify", "block", "influence"],
            "ratify",
        )
    )
    strength = 1.0
    if power is Power.BLOCK:
        strength = _ask_fraction(f"How likely does a disapproving {name} derail the deal?", "50%")
    blocs: list[BlocAnswer] = []
    quota = 0.5
    if power is not Power.INFLUENCE and typer.confirm(f"Does {name} vote by blocs?", default=False):
        while True:
            bname = _ask(f"Bloc {len(blocs) + 1} of {name} (empty when done)")
            if not bname:
                if len(blocs) >= 2:
                    break
                _say("  A vote by blocs needs at least two blocs.")
                continue
            share = _ask_fraction_any(f"Share of the votes of {bname} (seats, members or %)")
            blocs.append(BlocAnswer(slug(bname, [b.id for b in blocs]), bname, share))
        quota = _ask_fraction("Share of the votes needed to approve", "50%", low=0.01)
    return StakeholderAnswer(
        cid, name, ranking, directions, power, strength, tuple(blocs), quota, concede
    )


def _ask_fraction_any(question: str) -> float:
    while True:
        try:
            x = float(_ask(question).rstrip("%"))
        except ValueError:
            x = -1.0
        if x > 0:
            return x
        _say("  Please give a positive number.")


def _ask_votes(iv: Interview) -> Interview:
    from leveltwo.engine.elicitation import fit_bar
    from leveltwo.io.interview import draft_case, probes, with_votes

    case = draft_case(iv)
    asked = probes(iv, case)
    _say(
        "How likely is each to say yes? For each deal, give a chance from 1% to 99% "
        "(empty to skip; two answers at least)."
    )
    votes: dict[str, list[float | None]] = {}
    for key, deals in asked.items():
        st = case.stakeholder(key)
        while True:
            answers: list[float | None] = []
            for d in deals:
                terms = "; ".join(
                    f"{issue.name}: {issue.options[c]}"
                    for issue, c in zip(case.issues, d.choices, strict=True)
                )
                raw = _ask(f"{st.name} ({key}) on [{terms}]: chance of yes")
                answers.append(_fraction(raw) if raw else None)
            given = [
                (st.preferences.utility(d), a)
                for d, a in zip(deals, answers, strict=True)
                if a is not None
            ]
            try:
                fit_bar([u for u, _ in given], [a for _, a in given], f"{key}.votes")
            except InputError as exc:
                for p in exc.problems:
                    _say(f"  {p.message()}")
                _say("  Please answer again.")
                continue
            votes[key] = answers
            break
    return with_votes(iv, votes)


def _stakeholder_keys(iv: Interview) -> list[str]:
    keys = []
    for s in iv.sides:
        keys.append(f"{s.id}.negotiator")
        keys += [f"{s.id}.{c.id}" for c in s.constituencies]
    return keys


def _ask_levers(iv: Interview) -> Interview:
    from dataclasses import replace

    from leveltwo.io.interview import SCALES, OfferAnswer, ThirdPartyAnswer

    keys = _stakeholder_keys(iv)
    offers = []
    _say("Level II levers (empty answers skip them).")
    while True:
        name = _ask("An offer we could put on the table, e.g. a side payment (empty when done)")
        if not name:
            break
        to = _choose(f"Who values {name}?", keys, keys[-1])
        worth = _choose(f"How much is {name} worth to them?", list(SCALES["worth"]), "medium")
        cost = _choose(f"What does {name} cost us?", list(SCALES["worth"]), "small")
        offers.append(OfferAnswer(name, to, worth, cost))
    parties = []
    while True:
        name = _ask("A third party who could press one of them (empty when done)")
        if not name:
            break
        reaches = _choose(f"Whom could {name} press?", keys, keys[-1])
        pressure = _choose(
            f"How strong is {name}'s pressure?", list(SCALES["pressure"]), "moderate"
        )
        listens = _choose(
            f"How much does {reaches} listen to {name}?", list(SCALES["listens"]), "a little"
        )
        parties.append(ThirdPartyAnswer(name, reaches, pressure, listens))
    return replace(iv, offers=tuple(offers), third_parties=tuple(parties))


def _ask_money(iv: Interview) -> Interview:
    from dataclasses import replace

    while True:
        raw = _ask(
            "What is the whole range from our worst deal to our best worth to us, in money? "
            "(e.g. 12e6 EUR; empty to skip)"
        )
        if not raw:
            return iv
        amount, _, currency = raw.partition(" ")
        try:
            value = float(amount.replace(",", ""))
        except ValueError:
            value = -1.0
        if value > 0 and currency.strip():
            return replace(iv, money=(currency.strip(), value))
        _say("  Please give an amount and a currency, e.g. 12e6 EUR.")


def interview() -> Interview:
    """Ask every question; the answers as an :class:`~leveltwo.io.interview.Interview`."""
    from leveltwo.io.interview import Interview, IssueAnswer, SideAnswer, slug

    title = _ask("Title of the case", "New case")
    raw_issues = _ask_issues()
    ids: list[str] = []
    issues: list[tuple[str, str, list[str]]] = []
    for name, opts in raw_issues:
        ids.append(slug(name, ids))
        issues.append((ids[-1], name, opts))
    sides: list[SideAnswer] = []
    side_ids: list[str] = []
    for label in ("our side (the one you advise)", "the other side"):
        name = _ask(f"Name of {label}", "Us" if not sides else "Them")
        sid = slug(name, side_ids)
        side_ids.append(sid)
        neg_name = _ask(f"Who negotiates for {name}?", "Negotiator")
        negotiator = _ask_stakeholder(sid, issues, neg_name, "negotiator", True)
        cons: list[StakeholderAnswer] = []
        while True:
            cname = _ask(
                f"Who else on {name} must say yes, or could stop or shape the deal? "
                "(empty when done)"
            )
            if not cname:
                break
            cid = slug(cname, [c.id for c in cons])
            cons.append(_ask_stakeholder(sid, issues, cname, cid, False))
        sides.append(SideAnswer(sid, name, negotiator, tuple(cons)))
    iv = Interview(
        title,
        tuple(IssueAnswer(i, n, tuple(o)) for i, n, o in issues),
        (sides[0], sides[1]),
    )
    if typer.confirm("Is there a proposal on the table?", default=False):
        from dataclasses import replace

        proposal = tuple(
            (iid, _choose(f"{name}: the proposal's option", opts, opts[0]))
            for iid, name, opts in issues
        )
        iv = replace(iv, proposal=proposal)
    iv = _ask_levers(iv)
    iv = _ask_money(iv)
    return _ask_votes(iv)


def new(output: OutputArg, force: ForceOpt = False) -> None:
    """Build a new case by answering questions; write it with a comment on every number.

    Asks, in plain terms, what a negotiator knows: the issues and their options;
    who must say yes on each side and how (ratify, block, influence; a vote by
    blocs); which issues each cares about most (a ranking, turned into swing
    weights) and which way; what each must not be seen to concede; offers on the
    table and third parties; and how likely each is to say yes to two or three
    concrete deals (fitted into its reservation and uncertainty by probit maximum
    likelihood). Writes FILE, checks it as `validate` does, and prints the
    command to analyse it.
    """
    from leveltwo.io.checked import checked_case_from_text
    from leveltwo.io.interview import build

    if output.exists() and not force:
        raise LeveltwoError(f"{output}: the file exists (use --force to overwrite it)")
    iv = interview()
    built = build(iv)
    text = built.text()
    case, warnings = checked_case_from_text(text, str(output))
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise LeveltwoError(f"{output}: cannot write the file ({exc.strerror})") from None
    _say(f"wrote {output}: {case.title}, {len(case.issues)} issues, {case.size} deals")
    for w in warnings:
        _say(warning_line(w))
    _say(f"Next: leveltwo analyze {output} --deal ...  or  leveltwo winsets {output}")


def register(app: typer.Typer) -> None:
    app.command("new")(new)
