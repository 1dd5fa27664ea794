"""Estimating a stakeholder's bar from its past ballots: probit maximum likelihood.

The baseline says a stakeholder with reservation r and uncertainty σ approves
a deal of utility u with p = Φ((u − r)/σ). Past ballots j (the deal voted on,
so u_j is known from the case's weights and values, and y_j yes votes out of
n_j cast: n_j = 1 for a single yes/no) give the likelihood

    L(a, b) = Π_j Φ(a + b u_j)^{y_j} (1 − Φ(a + b u_j))^{n_j − y_j},   a = −r/σ, b = 1/σ,

a (grouped) probit of yes on u. Its maximum gives r = −a/b and σ = 1/b;
standard errors come from the inverse Fisher information
I = Σ_j n_j φ(η_j)² / (Φ(η_j)(1 − Φ(η_j))) x_j x_jᵀ, η_j = a + b u_j, by the
delta method (∂r/∂a = −1/b, ∂r/∂b = a/b², ∂σ/∂b = −1/b²), and 95% intervals
are estimate ± 1.96 standard errors.

With ``weights``, the issue weights are estimated too: η_j = a + Σ_i β_i v_i(d_j)
with β_i = w_i/σ ≥ 0, so σ = 1/Σβ_i, w_i = β_i/Σβ_i and r = −a/Σβ_i; this
needs :data:`BALLOTS_PER_PARAMETER` ballots per parameter.

Goodness of fit: the log-likelihood, that of the intercept-only model, McFadden's
pseudo-R² (1 − ℓ/ℓ₀), the deviance against the saturated model with its χ²
p-value (meaningful for vote shares with large turnouts), Pearson's χ², and for
yes/no ballots the share predicted right at p = 0.5. Ballots that cannot
identify the bar are refused with a clear error: too few, all yes or all no,
a utility that does not vary, or ballots perfectly separated by utility (σ → 0).

Sources: C. I. Bliss, "The calculation of the dosage-mortality curve", *Annals of
Applied Biology* 22 (1935) (the probit); D. McFadden, "Conditional logit analysis
of qualitative choice behavior" (1974) (pseudo-R²); W. H. Greene, *Econometric
Analysis*, ch. 17 (binary choice, grouped data, the delta method).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.special import log_ndtr, ndtr, ndtri

from leveltwo.errors import Problem, VotesError

FloatArray = NDArray[np.float64]

#: Fewest ballots for a reservation and an uncertainty.
MIN_BALLOTS = 4
#: Ballots needed per estimated parameter when the weights are estimated too.
BALLOTS_PER_PARAMETER = 5
#: z of a two-sided 95% interval.
Z95 = float(ndtri(0.975))
#: An estimated σ below this means the ballots are separated by utility.
MIN_SIGMA = 1e-4


@dataclass(frozen=True)
class Estimate:
    """A fitted number with its standard error and 95% interval."""

    value: float
    standard_error: float

    @property
    def low(self) -> float:
        return self.value - Z95 * self.standard_error

    @property
    def high(self) -> float:
        return self.value + Z95 * self.standard_error

    def covers(self, x: float) -> bool:
        return self.low <= x <= self.high

    def to_json(self) -> dict[str, float]:
        return {
            "value": self.value,
            "standard_error": self.standard_error,
            "ci_low": self.low,
            "ci_high": self.high,
        }


@dataclass(frozen=True)
class GoodnessOfFit:
    ballots: int
    votes: float
    log_likelihood: float
    null_log_likelihood: float
    mcfadden_r2: float
    deviance: float
    pearson_chi2: float
    degrees_of_freedom: int
    deviance_p_value: float | None
    hit_rate: float | None  # yes/no ballots only

    def to_json(self) -> dict[str, object]:
        return {
            "ballots": self.ballots,
            "votes": self.votes,
            "log_likelihood": self.log_likelihood,
            "null_log_likelihood": self.null_log_likelihood,
            "mcfadden_r2": self.mcfadden_r2,
            "deviance": self.deviance,
            "pearson_chi2": self.pearson_chi2,
            "degrees_of_freedom": self.degrees_of_freedom,
            "deviance_p_value": self.deviance_p_value,
            "hit_rate": self.hit_rate,
        }


@dataclass(frozen=True)
class ProbitFit:
    """The fitted bar of one stakeholder."""

    reservation: Estimate
    uncertainty: Estimate
    weights: tuple[Estimate, ...] | None  # aligned with the regressors' issues
    fit: GoodnessOfFit


def _loglik(theta: FloatArray, x: FloatArray, y: FloatArray, n: FloatArray) -> float:
    eta = x @ theta
    return float(np.sum(y * log_ndtr(eta) + (n - y) * log_ndtr(-eta)))


def _gradient(theta: FloatArray, x: FloatArray, y: FloatArray, n: FloatArray) -> FloatArray:
    eta = x @ theta
    log_pdf = -0.5 * eta**2 - 0.5 * math.log(2 * math.pi)
    up = np.exp(log_pdf - log_ndtr(eta))  # φ/Φ
    down = np.exp(log_pdf - log_ndtr(-eta))  # φ/(1 − Φ)
    out: FloatArray = x.T @ (y * up - (n - y) * down)
    return out


def _information(theta: FloatArray, x: FloatArray, n: FloatArray) -> FloatArray:
    eta = x @ theta
    p = np.clip(ndtr(eta), 1e-300, 1 - 1e-16)
    pdf = np.exp(-0.5 * eta**2) / math.sqrt(2 * math.pi)
    w = n * pdf**2 / (p * (1 - p))
    out: FloatArray = (x * w[:, None]).T @ x
    return out


def _refuse(key: str, expected: str, found: str, source: str | None) -> VotesError:
    return VotesError([Problem(key, expected, found)], source)


def fit_probit(
    key: str,
    values: FloatArray,
    weights: FloatArray | None,
    yes: FloatArray,
    total: FloatArray,
    source: str | None = None,
) -> ProbitFit:
    """Fit r and σ (and, when ``weights`` is None, the weights) from grouped ballots.

    ``values``: (ballots, issues) the stakeholder's v_i(d_j); ``weights``: its known
    weights (u_j = values @ weights), or None to estimate them; ``yes`` / ``total``:
    the yes votes and the votes cast of each ballot.
    """
    m, k = values.shape
    estimate_weights = weights is None
    params = 1 + (k if estimate_weights else 1)
    need = max(MIN_BALLOTS, BALLOTS_PER_PARAMETER * params) if estimate_weights else MIN_BALLOTS
    if m < need:
        what = "weights too" if estimate_weights else "a reservation and an uncertainty"
        raise _refuse(key, f"at least {need} ballots to estimate {what}", f"{m}", source)
    if np.sum(yes) <= 0 or np.sum(yes) >= np.sum(total):
        found = "only no votes" if np.sum(yes) <= 0 else "only yes votes"
        raise _refuse(key, "ballots with both yes and no votes", found, source)
    if estimate_weights:
        x = np.column_stack([np.ones(m), values])
    else:
        assert weights is not None
        x = np.column_stack([np.ones(m), values @ weights])
    if np.ptp(x[:, 1:], axis=0).max() <= 1e-12:
        raise _refuse(key, "ballots on deals of different utility", "one utility only", source)
    from scipy import optimize  # imported when fitting, not when the CLI starts

    theta0 = _start(x, yes, total)
    bounds = [(None, None)] + [(0.0, None) if estimate_weights else (1e-9, None)] * (params - 1)
    res = optimize.minimize(
        lambda t: -_loglik(t, x, yes, total),
        theta0,
        jac=lambda t: -_gradient(t, x, yes, total),
        method="L-BFGS-B",
        bounds=bounds,
        options={"maxiter": 2000, "gtol": 1e-10, "ftol": 1e-14},
    )
    theta = np.asarray(res.x, dtype=np.float64)
    slope = float(theta[1:].sum())
    if slope <= 0 or 1.0 / slope < MIN_SIGMA or _separated(x, yes, total):
        raise _refuse(
            key,
            "ballots not perfectly separated by utility (some yes below some no)",
            "every yes above every no: σ would be 0",
            source,
        )
    cov: FloatArray = np.linalg.pinv(_information(theta, x, total)).astype(np.float64)
    a = float(theta[0])
    # r = −a/S, σ = 1/S, w_i = β_i/S with S = Σβ: gradients for the delta method
    g_r = np.concatenate([[-1.0 / slope], np.full(params - 1, a / slope**2)])
    g_s = np.concatenate([[0.0], np.full(params - 1, -1.0 / slope**2)])
    r = Estimate(-a / slope, _se(g_r, cov))
    sigma = Estimate(1.0 / slope, _se(g_s, cov))
    w_est: tuple[Estimate, ...] | None = None
    if estimate_weights:
        beta = theta[1:]
        ests = []
        for i in range(k):
            g = np.zeros(params)
            g[1:] = -beta[i] / slope**2
            g[1 + i] += 1.0 / slope
            ests.append(Estimate(float(beta[i] / slope), _se(g, cov)))
        w_est = tuple(ests)
    return ProbitFit(r, sigma, w_est, _goodness(theta, x, yes, total, params))


def _se(g: FloatArray, cov: FloatArray) -> float:
    return float(math.sqrt(max(0.0, float(g @ cov @ g))))


def _start(x: FloatArray, yes: FloatArray, total: FloatArray) -> FloatArray:
    """Least squares of Φ⁻¹(share) on x: a starting point for the likelihood."""
    share = np.clip((yes + 0.5) / (total + 1.0), 0.02, 0.98)
    z = ndtri(share)
    theta, *_ = np.linalg.lstsq(x, z, rcond=None)
    theta = np.asarray(theta, dtype=np.float64)
    theta[1:] = np.maximum(theta[1:], 0.1)
    return theta


def _separated(x: FloatArray, yes: FloatArray, total: FloatArray) -> bool:
    """All-or-none ballots that a utility cut separates exactly (one regressor only)."""
    if x.shape[1] != 2 or np.any((yes > 0) & (yes < total)):
        return False
    u = x[:, 1]
    return bool(u[yes <= 0].max() < u[yes >= total].min())


def _goodness(
    theta: FloatArray, x: FloatArray, yes: FloatArray, total: FloatArray, params: int
) -> GoodnessOfFit:
    ll = _loglik(theta, x, yes, total)
    share = yes.sum() / total.sum()
    ll0 = float(np.sum(yes * math.log(share) + (total - yes) * math.log(1 - share)))
    obs = yes / total
    with np.errstate(divide="ignore", invalid="ignore"):
        sat = np.where(yes > 0, yes * np.log(obs), 0.0) + np.where(
            total - yes > 0, (total - yes) * np.log(1 - obs), 0.0
        )
    deviance = float(2 * (sat.sum() - ll))
    p = np.clip(ndtr(x @ theta), 1e-12, 1 - 1e-12)
    pearson = float(np.sum((yes - total * p) ** 2 / (total * p * (1 - p))))
    dof = len(yes) - params
    grouped = bool(np.any(total > 1))
    p_value = None
    if grouped and dof > 0:
        from scipy.special import chdtrc  # the χ² survival function

        p_value = float(chdtrc(dof, deviance))
    hit = None if grouped else float(np.mean((p >= 0.5) == (yes >= total)))
    return GoodnessOfFit(
        len(yes),
        float(total.sum()),
        ll,
        ll0,
        1.0 - ll / ll0 if ll0 < 0 else 0.0,
        deviance,
        pearson,
        dof,
        p_value,
        hit,
    )
