"""Output helpers shared by the commands: consoles, number formats, JSON, progress.

Human output goes through rich (tables, no colour when stdout is not a
terminal, width taken from the terminal or ``COLUMNS``). User data (names,
option labels) is always wrapped in :class:`rich.text.Text` so that square
brackets in a case file are never read as rich markup. JSON output bypasses
rich entirely, so it is byte-for-byte what :func:`json.dumps` produces.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Protocol

from rich import box
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from leveltwo.model.case import Case
from leveltwo.model.deal import Deal

#: Key in ``click.Context.meta`` set once a command has printed its JSON result,
#: so an error raised afterwards (an empty agreement zone) adds no second document.
RESULT_WRITTEN = "leveltwo.result_written"


class HasMeta(Protocol):
    """A click context, as far as leveltwo needs it: the ``meta`` dict shared by
    every nested context."""

    @property
    def meta(self) -> dict[str, Any]: ...


#: Whole-space analyses of more deals than this show a progress bar (on a terminal).
PROGRESS_MIN_DEALS = 200_000


def console() -> Console:
    """A console on the current stdout (looked up per call, so test runners see it)."""
    return Console(file=sys.stdout, highlight=False)


def err_console() -> Console:
    """A console on the current stderr."""
    return Console(file=sys.stderr, highlight=False, soft_wrap=True)


def emit_json(ctx: HasMeta | None, data: Mapping[str, Any] | list[Any]) -> None:
    """Print one JSON document on stdout (keys in the order the library gives them).

    Same text as :func:`leveltwo.io.casefile.dump_json`; NaN or infinity is refused.
    """
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n")
    sys.stdout.flush()
    if ctx is not None:
        ctx.meta[RESULT_WRITTEN] = True


# ---------------------------------------------------------------------------
# numbers
def pct(p: float) -> str:
    """A probability as a percentage with one decimal; never rounds to a false 0% or 100%."""
    if 0.0 < p < 0.0005:
        return "<0.1%"
    if 0.9995 <= p < 1.0:
        return ">99.9%"
    return f"{100 * p:.1f}%"


def share_pct(x: float) -> str:
    """A quota or strength as a short percentage: ``50%``, ``66.7%``."""
    return f"{100 * x:.3g}%"


def num(x: float | None) -> str:
    """A utility or expected value (three decimals); an em dash for none."""
    return "—" if x is None else f"{x:.3f}"


def count(n: int) -> str:
    return f"{n:,}"


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{count(n)} {word if n == 1 else (many or word + 's')}"


# ---------------------------------------------------------------------------
# building blocks
def text(value: object, style: str = "") -> Text:
    """User data as literal text (never parsed as markup)."""
    return Text(str(value), style=style)


def table(*columns: str, title: str | None = None, numeric: tuple[str, ...] = ()) -> Table:
    """A plain table; ``numeric`` columns are right-aligned and never wrapped."""
    t = Table(
        title=title,
        title_justify="left",
        title_style="bold",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
    )
    for c in columns:
        if c in numeric:
            t.add_column(c, justify="right", no_wrap=True)
        else:
            t.add_column(c)
    return t


def deal_table(case: Case, deal: Deal, base: Deal | None = None, title: str = "Deal") -> Table:
    """The deal issue by issue; issues that differ from ``base`` are marked."""
    t = table("Issue", "Option", title=title)
    for i, issue in enumerate(case.issues):
        label = text(issue.options[deal.choices[i]])
        if base is not None and base.choices[i] != deal.choices[i]:
            label.append(f"  (was {issue.options[base.choices[i]]})", style="yellow")
        t.add_row(text(issue.name), label)
    return t


def deal_inline(labels: Mapping[str, str] | tuple[tuple[str, str], ...]) -> Text:
    """A deal on one line: ``pay=8%, scope=capped``."""
    items = labels.items() if isinstance(labels, Mapping) else labels
    return Text(", ".join(f"{k}={v}" for k, v in items))


@contextmanager
def space_progress(
    size: int, label: str, unit: str = "deals", minimum: int = PROGRESS_MIN_DEALS
) -> Iterator[Callable[[int, int], None] | None]:
    """A progress callback for whole-space analysis, or None when no bar is wanted.

    The bar is drawn on stderr, and only when stderr is a terminal and the
    space has more than :data:`PROGRESS_MIN_DEALS` deals.
    """
    err = err_console()
    if size <= minimum or not err.is_terminal:
        yield None
        return
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TextColumn("{task.completed:,}/{task.total:,} " + unit),
        TimeRemainingColumn(),
        console=err,
        transient=True,
    )
    with bar:
        task = bar.add_task(label, total=size)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update
