"""A rich table that wraps text rather than truncating numbers (used by
:func:`leveltwo.cli.render.table`; imported on first human output)."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions
from rich.measure import Measurement
from rich.table import Table

#: Narrowest a text column is squeezed to before its words are folded.
MIN_TEXT_WIDTH = 4


class FitTable(Table):
    """A table that wraps text rather than truncating numbers when space is short.

    Rich, left alone, cuts every column evenly once its wrappable columns are
    squeezed (``+0.`` for ``+0.123``, ``Net va`` for ``Net value``). Here the
    widths are chosen in this order until the table fits: text columns shrink,
    widest first, to their longest word; numeric columns shrink to their widest
    value (their header wraps at spaces); then text columns fold long words,
    down to their ``min_width``, then to :data:`MIN_TEXT_WIDTH`. Only a table
    that cannot fit even so is printed wider than the console — never cut.
    """

    numeric: frozenset[int] = frozenset()

    def _calculate_column_widths(self, console: Console, options: ConsoleOptions) -> list[int]:
        max_width = options.max_width
        ranges = [self._measure_column(console, options, c) for c in self.columns]
        widths = [r.maximum or 1 for r in ranges]
        if sum(widths) <= max_width:
            return widths
        floors, folds = [], []
        for k, (column, r) in enumerate(zip(self.columns, ranges, strict=True)):
            pad = self._get_padding_width(k)
            if k in self.numeric:
                cells = [Measurement.get(console, options, c).maximum for c in column._cells]
                words = str(column.header).split() or [""]
                floor = max([*cells, *(len(w) for w in words)]) + pad
                floors.append(min(floor, widths[k]))
                folds.append(floors[-1])
            else:
                least = max(MIN_TEXT_WIDTH + pad, (column.min_width or 0) + pad)
                floors.append(min(max(r.minimum, least), widths[k]))
                folds.append(min(least, floors[-1]))
        text_cols = [k for k in range(len(widths)) if k not in self.numeric]
        widths = _shrink(widths, text_cols, floors, max_width)
        widths = _shrink(widths, sorted(self.numeric), floors, max_width)
        widths = _shrink(widths, text_cols, folds, max_width)
        last = [min(MIN_TEXT_WIDTH + self._get_padding_width(k), w) for k, w in enumerate(widths)]
        return _shrink(widths, text_cols, last, max_width)


def _shrink(widths: list[int], columns: list[int], floors: list[int], max_width: int) -> list[int]:
    """Take width from ``columns``, widest first, never below ``floors``, until it fits."""
    out = list(widths)
    while sum(out) > max_width:
        room = [k for k in columns if out[k] > floors[k]]
        if not room:
            break
        widest = max(out[k] for k in room)
        for k in room:
            if out[k] == widest and sum(out) > max_width:
                out[k] -= 1
    return out
