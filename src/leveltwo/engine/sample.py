"""Which deals a chart draws: all of them, or one seeded sample shared by every chart.

A space larger than a chart's budget is drawn as a uniform sample without
replacement. Every chart takes its points from the same seeded draw: the
first ``max_points`` of one random order of (up to :data:`SAMPLE_CAP`) deals,
so the report's scatter (3,000 points) shows a subset of the web page's
(20,000), and the same case always shows the same points. The seed is
written under each chart.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

#: The seed of the shared draw.
SAMPLE_SEED = 20240611
#: How many deals the shared draw orders; a chart with a larger budget draws its own.
SAMPLE_CAP = 20_000


def sample_indices(
    size: int, max_points: int, seed: int = SAMPLE_SEED
) -> tuple[npt.NDArray[np.int64], bool]:
    """Sorted flat indices of the deals to draw, and whether they are a sample.

    All ``size`` deals when they fit in ``max_points``; else the first
    ``max_points`` of the seeded random order of ``max(SAMPLE_CAP, max_points)``
    deals drawn without replacement.
    """
    if size <= max_points:
        return np.arange(size, dtype=np.int64), False
    rng = np.random.default_rng(seed)
    order = rng.choice(size, size=min(size, max(SAMPLE_CAP, max_points)), replace=False)
    return np.sort(order[:max_points]).astype(np.int64), True


__all__ = ["SAMPLE_CAP", "SAMPLE_SEED", "sample_indices"]
