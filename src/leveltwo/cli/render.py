"""Output helpers shared by the commands: consoles, number formats, JSON, progress.

Human output goes through rich (tables, no colour when stdout is not a
terminal, width taken from the terminal or ``COLUMNS``, 80 in a pipe;
``--wide`` lays it out :data:`WIDE_COLUMNS` wide). Tables never truncate a
number: text columns wrap first (down to their longest word, then folding
long words), numeric headers wrap at spaces, and a numeric cell keeps its
full width (:class:`leveltwo.cli.fittable.FitTable`). User data (names,
option labels) is always wrapped in :class:`rich.text.Text` so that square
brackets in a case file are never read as rich markup. JSON output bypasses
rich entirely, so it is byte-for-byte what :func:`json.dumps` produces.
"""

from __future__ import annotations

import json
import sys
import textwrap
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Protocol

from leveltwo.model.case import Case
from leveltwo.model.deal import Deal
from leveltwo.narrative.numbers import percent, share, utility

if TYPE_CHECKING:  # rich is imported on first human output, not for --json (start-up)
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

#: Key in ``click.Context.meta`` set once a command has printed its JSON result,
#: so an error raised afterwards (an empty agreement zone) adds no second document.
RESULT_WRITTEN = "leveltwo.result_written"


class HasMeta(Protocol):
    """A click context, as far as leveltwo needs it: the ``meta`` dict shared by
    every nested context."""

    @property
    def meta(self) -> dict[str, Any]: ...


#: Width of human output under ``--wide`` (any command).
WIDE_COLUMNS = 200


class _Layout:
    """Process-wide output settings chosen on the command line (``--wide``)."""

    wide: bool = False


def set_wide(wide: bool) -> None:
    """Lay human output out :data:`WIDE_COLUMNS` wide (the ``--wide`` flag)."""
    _Layout.wide = wide


#: Whole-space analyses of more deals than this show a progress bar (on a terminal).
PROGRESS_MIN_DEALS = 200_000


def console() -> Console:
    """A console on the current stdout (looked up per call, so test runners see it)."""
    from rich.console import Console

    if _Layout.wide:
        return Console(file=sys.stdout, highlight=False, width=WIDE_COLUMNS)
    return Console(file=sys.stdout, highlight=False)


def err_console() -> Console:
    """A console on the current stderr."""
    from rich.console import Console

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
    """A probability, by the one rule of :func:`leveltwo.narrative.numbers.percent`."""
    return percent(p, 1)


def share_pct(x: float) -> str:
    """A quota or strength as a short percentage: ``50%``, ``66.7%``."""
    return share(x)


def num(x: float | None) -> str:
    """A utility or expected value (three decimals); an em dash for none."""
    return utility(x, 3)


def count(n: int) -> str:
    return f"{n:,}"


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{count(n)} {word if n == 1 else (many or word + 's')}"


# ---------------------------------------------------------------------------
# building blocks
def text(value: object, style: str = "") -> Text:
    """User data as literal text (never parsed as markup)."""
    from rich.text import Text

    return Text(str(value), style=style)


def table(*columns: str, title: str | None = None, numeric: tuple[str, ...] = ()) -> Table:
    """A plain table; ``numeric`` columns are right-aligned and never truncated
    (:class:`~leveltwo.cli.fittable.FitTable`); text wraps, folding a word only when it
    must."""
    from rich import box

    from leveltwo.cli.fittable import FitTable

    t = FitTable(
        title=title,
        title_justify="left",
        title_style="bold",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
    )
    t.numeric = frozenset(k for k, c in enumerate(columns) if c in numeric)
    for c in columns:
        if c in numeric:
            t.add_column(c, justify="right", overflow="fold")
        else:
            t.add_column(c, overflow="fold")
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
    from rich.text import Text

    items = labels.items() if isinstance(labels, Mapping) else labels
    return Text(", ".join(f"{k}={v}" for k, v in items))


def wrapped(line: str, width: int, indent: str = "", hang: str = "") -> list[str]:
    """One line of prose broken at spaces to ``width`` (``hang`` starts every line but
    the first); a word longer than the line is kept whole rather than cut."""
    return textwrap.wrap(
        line,
        width=max(width, 20),
        initial_indent=indent,
        subsequent_indent=hang or indent,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [indent.rstrip()]


def wrap_markdown(markdown: str, width: int) -> str:
    """Markdown with its paragraphs, bullets and quotes broken to ``width``.

    The result is the same Markdown (a paragraph's line breaks are spaces to a
    Markdown reader): bullets continue under their text, quote lines keep ``>``,
    headings stay on one line.
    """
    out: list[str] = []
    for line in markdown.splitlines():
        if not line.strip() or line.startswith("#"):
            out.append(line)
        elif line.startswith("- "):
            out.extend(wrapped(line[2:], width, "- ", "  "))
        elif line.startswith("> "):
            out.extend(wrapped(line[2:], width, "> "))
        else:
            out.extend(wrapped(line, width))
    return "\n".join(out)


@contextmanager
def space_progress(
    size: int, label: str, unit: str = "deals", minimum: int | None = None
) -> Iterator[Callable[[int, int], None] | None]:
    """A progress callback for whole-space analysis, or None when no bar is wanted.

    The bar is drawn on stderr, and only when stderr is a terminal and the
    space has more than :data:`PROGRESS_MIN_DEALS` deals.
    """
    err = err_console()
    if size <= (PROGRESS_MIN_DEALS if minimum is None else minimum) or not err.is_terminal:
        yield None
        return
    from rich.progress import (  # only when a bar is drawn (start-up)
        BarColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeRemainingColumn,
    )

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
