"""The outcome space: every deal as a mixed-radix index, processed in chunks.

Deal ``index`` ↔ option choices with the last issue varying fastest. Whole-space
work walks contiguous index ranges of bounded size, so memory stays bounded
however large the space is.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

IntArray = NDArray[np.int64]

#: Deals per chunk in whole-space analysis (about 2 MB per float array).
DEFAULT_CHUNK = 1 << 18


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
