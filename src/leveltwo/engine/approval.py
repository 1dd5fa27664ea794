"""Approval of one stakeholder (docs/model.md §3).

    p_s(d) = Φ((u_s(d) − r_s) / σ_s)   if σ_s > 0
    p_s(d) = 1 if u_s(d) ≥ r_s else 0   if σ_s = 0

σ is the user's uncertainty about the reservation r, on the utility scale; Φ is
the standard normal CDF (``scipy.special.ndtr``, loaded by
:mod:`leveltwo.engine.normal`).

With σ = 0, u counts as reaching r when u ≥ r − :data:`STEP_TOLERANCE`: the
weighted sum of normalised weights carries floating-point rounding (weights
2 : 4 and a value of 0.6 give 0.39999999999999997, not 0.4), and a stakeholder
whose utility equals its reservation by hand must approve.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from leveltwo.engine.normal import ndtr, ndtri

FloatArray = NDArray[np.float64]

#: With σ = 0, utilities this close below the reservation still reach it.
STEP_TOLERANCE = 1e-9


def approval_probability(
    utility: FloatArray | float, reservation: float, uncertainty: float
) -> FloatArray:
    """Probability that a stakeholder with this reservation approves (vectorised)."""
    u = np.asarray(utility, dtype=np.float64)
    if uncertainty > 0:
        out: FloatArray = ndtr((u - reservation) / uncertainty)
        return out
    return (u >= reservation - STEP_TOLERANCE).astype(np.float64)


def approval_threshold_utility(reservation: float, uncertainty: float, level: float) -> float:
    """The utility at which approval probability reaches ``level`` (0 < level < 1).

    With σ = 0 this is the reservation itself; otherwise r + σ·Φ⁻¹(level).
    """
    if uncertainty <= 0:
        return reservation
    return float(reservation + uncertainty * ndtri(level))
