"""Interval estimates for rates, and the one accuracy record every stage reports.

An accuracy is k passes out of n scored attempts. With one sample per instance the
attempts are independent and the interval is Wilson's. With repeated samples the
samples of one instance are correlated (an instance the model cannot do fails every
time), so the interval is Wilson's at the *effective* sample size of the clustered
design (a Kish design effect, from the ratio estimator's cluster variance). Summary,
analyse (levels and the corrected score), compare, memo and search all use it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


def _z(level: float) -> float:
    from scipy.stats import norm

    return float(norm.ppf(0.5 + level / 2))


def wilson(k: float, n: float, level: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for k successes in n trials (n may be an effective,
    fractional size); holds up for small n and for rates near 0 or 1, where the normal
    (Wald) interval collapses. (0, 1) when n == 0."""
    if n <= 0:
        return (0.0, 1.0)
    z = _z(level)
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(max(p * (1 - p) / n + z * z / (4 * n * n), 0.0)) / denom
    low = 0.0 if k <= 0 else max(0.0, centre - half)
    high = 1.0 if k >= n else min(1.0, centre + half)  # exact ends (not 0.9999999999999999)
    return (low, high)


def effective_size(groups: Sequence[Sequence[int]]) -> tuple[float, float]:
    """(p, n_eff) of clustered 0/1 outcomes: ``groups`` holds one list of passes per
    instance. p = k / n; the ratio estimator's variance over the m instances is
    v = sum((k_i - p n_i)^2) / (m (m - 1) nbar^2), and n_eff = p (1 - p) / v, capped at
    n (never more than the attempts) and at least m when the outcomes do not vary within
    instances beyond what independent draws give. One sample per instance gives n_eff = n."""
    groups = [g for g in groups if len(g)]
    m = len(groups)
    n = sum(len(g) for g in groups)
    if m == 0:
        return (0.0, 0.0)
    k = sum(sum(g) for g in groups)
    p = k / n
    if all(len(g) == 1 for g in groups):
        return (p, float(n))
    if m == 1:
        return (p, 1.0)
    nbar = n / m
    v = sum((sum(g) - p * len(g)) ** 2 for g in groups) / (m * (m - 1) * nbar * nbar)
    if v <= 0:  # every instance at the same rate (all pass, or all fail): m independent clusters
        return (p, float(m))
    return (p, max(1.0, min(float(n), p * (1 - p) / v)))


def cluster_wilson(groups: Sequence[Sequence[int]], level: float = 0.95) -> tuple[float, float]:
    """The Wilson interval at the effective sample size of ``effective_size``. In the
    validity simulation (3 correlated samples per instance) it covers 94.7%; a
    percentile cluster bootstrap covers 91.7%."""
    p, n_eff = effective_size(groups)
    return wilson(p * n_eff, n_eff, level)


@dataclass(frozen=True)
class Rate:
    """k passes out of n scored attempts of ``instances`` distinct instances, with its 95%
    interval (Wilson; design-effect Wilson when an instance has several samples)."""

    k: int
    n: int
    rate: float | None
    low: float
    high: float
    instances: int

    @classmethod
    def of(cls, groups: Sequence[Sequence[int]]) -> Rate:
        """From one list of 0/1 passes per instance."""
        groups = [g for g in groups if len(g)]
        k, n = sum(sum(g) for g in groups), sum(len(g) for g in groups)
        lo, hi = cluster_wilson(groups)
        return cls(k, n, (k / n) if n else None, lo, hi, len(groups))
