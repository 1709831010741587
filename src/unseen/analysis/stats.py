"""Tests and intervals that respect clustering.

Attempts are clustered: several samples of one instance share its difficulty, and a
test that treats them as independent rejects a true null far too often. Every test here
works on instance-level means (one number per instance, the mean of its samples), which
are independent across instances; for one sample per instance the homogeneity test is
Pearson's chi-square.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class TestResult:
    name: str
    statistic: float
    p_value: float
    df: int | None = None


def step_test(scores: Sequence[float], y: Sequence[float]) -> TestResult:
    """A step in ``y`` somewhere along ordered ``scores``: for every split point between
    consecutive levels, the z statistic of (mean after - mean before) with the permutation
    variance; the smallest two-sided p-value, Bonferroni-corrected for the number of
    split points. Catches a breaking point at any level, where a linear trend test loses
    power when the break sits near either end.
    """
    from scipy.stats import norm

    x = np.asarray(scores, float)
    v = np.asarray(y, float)
    n = len(v)
    s2 = float(v.var(ddof=1)) if n > 1 else 0.0
    cuts = np.unique(x)[:-1]
    if not len(cuts) or s2 == 0:
        return TestResult("step", 0.0, 1.0)
    best_z, best_p = 0.0, 1.0
    for c in cuts:
        after = x > c
        n1 = int(after.sum())
        n0 = n - n1
        z = float(v[after].mean() - v[~after].mean()) / math.sqrt(s2 * (1 / n0 + 1 / n1))
        p = float(2 * norm.sf(abs(z)))
        if p < best_p:
            best_z, best_p = z, p
    return TestResult("step", best_z, min(1.0, best_p * len(cuts)))


def homogeneity_test(groups: Sequence[int], y: Sequence[float]) -> TestResult:
    """Whether the mean of ``y`` differs across unordered ``groups``.

    Q = sum_g n_g (mean_g - mean)^2 / var(y) is chi-square with G-1 degrees of freedom
    under the permutation null; for binary y it is Pearson's chi-square times (N-1)/N.
    """
    from scipy.stats import chi2

    g = np.asarray(groups)
    v = np.asarray(y, float)
    labels = np.unique(g)
    s2 = float(v.var(ddof=1)) if len(v) > 1 else 0.0
    if len(labels) < 2 or s2 == 0:
        return TestResult("homogeneity", 0.0, 1.0, max(len(labels) - 1, 0))
    mean = v.mean()
    q = sum(int((g == lab).sum()) * (v[g == lab].mean() - mean) ** 2 for lab in labels) / s2
    df = len(labels) - 1
    return TestResult("homogeneity", float(q), float(chi2.sf(q, df)), df)


def holm(p_values: Sequence[float]) -> list[float]:
    """Holm step-down adjusted p-values (family-wise error control over all tests)."""
    if not len(p_values):
        return []
    from statsmodels.stats.multitest import multipletests

    return [float(p) for p in multipletests(list(p_values), method="holm")[1]]


def cluster_bootstrap(groups: dict[object, list[float]], stat, n_boot: int = 1000, seed: int = 0,
                      level: float = 0.95) -> tuple[float, float]:
    """Percentile interval of ``stat(means_by_group)`` resampling instances within each group.

    ``groups`` maps a level to its instance means; each resample draws, per level, as
    many instance means with replacement (samples within an instance stay together).
    """
    rng = np.random.default_rng(seed)
    arrays = {k: np.asarray(v, float) for k, v in groups.items()}
    draws = np.empty(n_boot)
    for b in range(n_boot):
        means = {k: float(a[rng.integers(0, len(a), len(a))].mean()) for k, a in arrays.items()}
        draws[b] = stat(means)
    lo, hi = np.quantile(draws, [(1 - level) / 2, 1 - (1 - level) / 2])
    return float(lo), float(hi)


def mcnemar(b: int, c: int) -> TestResult:
    """Exact McNemar test on discordant pairs: b = only A passed, c = only B passed."""
    from scipy.stats import binomtest

    n = b + c
    if n == 0:
        return TestResult("mcnemar", 0.0, 1.0)
    return TestResult("mcnemar", float(b - c), float(binomtest(b, n, 0.5).pvalue))
