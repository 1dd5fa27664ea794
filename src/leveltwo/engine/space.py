"""The outcome space: every deal as a mixed-radix index, processed in chunks.

Deal ``index`` ↔ option choices with the last issue varying fastest. Whole-space
work walks contiguous index ranges of bounded size, so memory stays bounded
however large the space is.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import overload

import numpy as np
from numpy.typing import NDArray

from leveltwo.errors import TooLargeError

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]

#: Deals per chunk in whole-space analysis (1 MiB per float array).
DEFAULT_CHUNK = 1 << 17

#: Most deals a whole-space enumeration (win-sets, frontier, report) visits: about ten
#: seconds at the measured rate of ``make bench`` (docs/performance.md). Larger spaces
#: are refused at once by :func:`check_enumerable`, or searched where a command can
#: (``winsets``: :mod:`leveltwo.engine.largespace`).
ENUMERATION_LIMIT = 10**7


def check_enumerable(size: int, what: str = "whole-space analysis") -> None:
    """Raise :class:`TooLargeError` when a deal space is too large to enumerate."""
    if size > ENUMERATION_LIMIT:
        raise TooLargeError(
            f"{what}: the deal space has {size:,} deals, more than the {ENUMERATION_LIMIT:,} "
            "that are enumerated; coarsen the case (fewer options, or a larger `step` in "
            "range options) or use the commands that assess one deal at a time "
            "(`leveltwo analyze`, `leveltwo plan`, `leveltwo speech`)"
        )


def keep_freed_memory() -> None:
    """Let the allocator keep the arrays each chunk frees for the next chunk.

    glibc's malloc gives large freed blocks back to the kernel, and raises its
    thresholds for that only after the program frees a large block of its
    own. Whole-space analysis frees its chunk arrays after every chunk; with
    the default thresholds every chunk faults all its memory in again (more
    than half the run time at 10^7 deals). Allocating and freeing one 30 MiB
    block that is never written raises the thresholds (to 30 MiB for a block
    to be mapped on its own, 60 MiB of free heap before it is trimmed), as
    any program that frees a large array does. It takes about a microsecond
    and no memory; with other allocators it changes nothing.
    """
    np.empty(30 << 17)


@dataclass(frozen=True)
class OutcomeSpace:
    """The Cartesian product of the issues' options."""

    shape: tuple[int, ...]

    @property
    def size(self) -> int:
        n = 1
        for k in self.shape:
            n *= k
        return n

    @property
    def strides(self) -> tuple[int, ...]:
        out = []
        s = 1
        for k in reversed(self.shape):
            out.append(s)
            s *= k
        return tuple(reversed(out))

    def digits(self, indices: IntArray) -> list[IntArray]:
        """The option index of every issue, for each flat deal index."""
        return [(indices // st) % k for st, k in zip(self.strides, self.shape, strict=True)]

    def chunks(self, chunk: int = DEFAULT_CHUNK) -> Iterator[tuple[int, int]]:
        """Contiguous ``[start, stop)`` ranges covering the space."""
        for start in range(0, self.size, chunk):
            yield start, min(start + chunk, self.size)

    def flat(self, digits: Sequence[IntArray]) -> IntArray:
        out = np.zeros_like(np.asarray(digits[0]), dtype=np.int64)
        for d, st in zip(digits, self.strides, strict=True):
            out += np.asarray(d, dtype=np.int64) * st
        return out


#: Deals per row of a :class:`Layout` at most.
ROW_LIMIT = 1 << 14


class Layout:
    """The space as a matrix: a row per choice of the leading issues, a column per
    choice of the trailing ones (as many trailing issues as fit in ``ROW_LIMIT``).

    Deal ``index`` is row ``index // width``, column ``index % width``. A
    contiguous range of whole rows is a :class:`RowBatch`, whose option
    indices and additive functions come from small per-row and per-column
    arrays by broadcasting, without dividing every deal's index.
    """

    def __init__(self, space: OutcomeSpace, row_limit: int = ROW_LIMIT) -> None:
        self.shape = space.shape
        split, width = len(self.shape), 1
        while split > 0 and width * self.shape[split - 1] <= row_limit:
            split -= 1
            width *= self.shape[split]
        self.split, self.width = split, width
        self.rows = space.size // width
        strides = space.strides
        self.row_strides = tuple(st // width for st in strides[:split])
        cols = np.arange(width, dtype=np.int64)
        self.column_digits: dict[int, IntArray] = {
            i: (cols // strides[i]) % self.shape[i] for i in range(split, len(self.shape))
        }

    def row_digits(self, issue: int, first: int, stop: int) -> IntArray:
        """The option index of a leading issue for rows ``first .. stop - 1``."""
        rows = np.arange(first, stop, dtype=np.int64)
        out: IntArray = (rows // self.row_strides[issue]) % self.shape[issue]
        return out

    def aligned(self, start: int, stop: int) -> bool:
        return start % self.width == 0 and stop % self.width == 0

    def batch(self, start: int, stop: int) -> RowBatch:
        """The deals ``start .. stop - 1``, which must be whole rows."""
        if not self.aligned(start, stop):
            raise ValueError("a row batch must start and stop on a row boundary")
        return RowBatch(self, start // self.width, stop // self.width)


class RowBatch(Sequence[IntArray]):
    """Whole rows ``first .. stop - 1`` of a :class:`Layout`, as a sequence of digit arrays.

    ``batch[i]`` is issue ``i``'s option index for every deal of the batch (as
    :meth:`OutcomeSpace.digits` gives it); :meth:`additive` and
    :meth:`lookup` compute the common functions of the digits faster.
    """

    def __init__(self, layout: Layout, first: int, stop: int) -> None:
        self.layout, self.first, self.stop = layout, first, stop
        self.size = (stop - first) * layout.width

    def __len__(self) -> int:
        return len(self.layout.shape)

    @overload
    def __getitem__(self, i: int) -> IntArray: ...

    @overload
    def __getitem__(self, i: slice) -> Sequence[IntArray]: ...

    def __getitem__(self, i: int | slice) -> IntArray | Sequence[IntArray]:
        if isinstance(i, slice):
            return [self[k] for k in range(len(self))[i]]
        lay = self.layout
        if i < 0:
            i += len(self)
        if i < lay.split:
            return np.repeat(lay.row_digits(i, self.first, self.stop), lay.width)
        return np.tile(lay.column_digits[i], self.stop - self.first)

    def additive(self, tables: Sequence[tuple[int, FloatArray]]) -> FloatArray:
        """Σ table[digit of issue] over ``(issue, table)`` pairs, added in the given order.

        The order of the additions is kept (leading issues are summed per row
        first, then each trailing issue is added across the row), so the
        result is bit for bit the one of adding the terms deal by deal.
        """
        lay = self.layout
        rows = self.stop - self.first
        lead = np.zeros(rows, dtype=np.float64)
        trail: list[tuple[int, FloatArray]] = []
        for i, table in tables:
            if i < lay.split:
                if trail:
                    raise ValueError("issues must be given in ascending order")
                lead += table[lay.row_digits(i, self.first, self.stop)]
            else:
                trail.append((i, table))
        out = np.empty((rows, lay.width), dtype=np.float64)
        out[:] = lead[:, None]
        for i, table in trail:
            out += table[lay.column_digits[i]]
        return out.reshape(-1)

    def lookup(self, table: FloatArray, issues: Sequence[int], sub: Sequence[int]) -> FloatArray:
        """``table`` indexed by each deal's position in the sub-space of these issues.

        ``table`` holds a function of the issues' options in mixed-radix order
        (last issue fastest); ``sub`` is their numbers of options.
        """
        lay = self.layout
        rows = self.stop - self.first
        lead = np.zeros(rows, dtype=np.int64)
        trail = np.zeros(lay.width, dtype=np.int64)
        leading = trailing = False
        stride = 1
        for i, k in zip(reversed(issues), reversed(sub), strict=True):
            if i < lay.split:
                lead += lay.row_digits(i, self.first, self.stop) * stride
                leading = True
            else:
                trail += lay.column_digits[i] * stride
                trailing = True
            stride *= k
        if not trailing:  # constant along each row
            return np.repeat(table[lead], lay.width)
        if not leading:  # the same in every row
            return np.tile(table[trail], rows)
        out: FloatArray = table[lead[:, None] + trail[None, :]].reshape(-1)
        return out
