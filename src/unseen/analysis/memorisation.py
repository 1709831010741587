"""Memorisation probe: the same model on a fixed published set and on fresh instances of
the same plan. A model that has seen the published set scores higher on it than on
fresh draws from the same distribution; one that reasons scores the same on both.

The gap is published minus fresh accuracy over instance means; the interval is a
bootstrap over instances (each set resampled on its own), the test a two-sided Welch z
test on instance means. Memorisation is *suspected* when the test rejects at ``alpha``
and the published set scores higher.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np

from unseen.analysis.data import InstanceResult
from unseen.analysis.intervals import Rate


@dataclass(frozen=True)
class MemoResult:
    published: float
    published_n: int
    published_low: float
    published_high: float
    fresh: float
    fresh_n: int
    fresh_low: float
    fresh_high: float
    gap: float
    gap_low: float
    gap_high: float
    z: float
    p_value: float
    suspected: bool

    def to_json(self) -> dict:
        return asdict(self)


def compare(published: list[InstanceResult], fresh: list[InstanceResult], *, alpha: float = 0.05,
            n_boot: int = 2000, seed: int = 0) -> MemoResult:
    from scipy.stats import norm

    a = np.array([r.mean for r in published], float)
    b = np.array([r.mean for r in fresh], float)
    if len(a) < 2 or len(b) < 2:
        raise ValueError("each set needs at least 2 scored instances")
    gap = float(a.mean() - b.mean())
    se = math.sqrt(a.var(ddof=1) / len(a) + b.var(ddof=1) / len(b))
    if se == 0:
        z, p = (0.0, 1.0) if gap == 0 else (math.copysign(math.inf, gap), 0.0)
    else:
        z = gap / se
        p = float(2 * norm.sf(abs(z)))
    rng = np.random.default_rng(seed)
    draws = a[rng.integers(0, len(a), (n_boot, len(a)))].mean(1) - b[rng.integers(0, len(b), (n_boot, len(b)))].mean(1)
    lo, hi = np.quantile(draws, [0.025, 0.975])
    ra, rb = Rate.of([r.passes for r in published]), Rate.of([r.passes for r in fresh])
    return MemoResult(float(a.mean()), len(a), ra.low, ra.high, float(b.mean()), len(b), rb.low, rb.high,
                      gap, float(lo), float(hi), float(z), p, bool(p < alpha and gap > 0))
