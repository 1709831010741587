"""The corrected score: take the engine's own error out of the observed accuracy.

Generated tasks can be flawed (a wrong label, no solution) at some rate epsilon, and on
flawed tasks a model still "passes" at some rate q_e, so
    p_obs = (1 - eps) * p + eps * q_e   and   p = (p_obs - eps * q_e) / (1 - eps).
epsilon is estimated from the run's records (instances whose label failed independent
verification, counted at generation); q_e from probe tasks mixed into the run (a real
instance whose label is replaced by a near miss: the model "passes" when it gives that
wrong label). The interval carries the uncertainty of all three estimates by a
parametric bootstrap over their Jeffreys posteriors; p is clamped to [0, 1].
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np


@dataclass(frozen=True)
class Corrected:
    raw: float | None
    raw_low: float
    raw_high: float
    eps: float
    eps_k: int
    eps_n: int
    q: float | None
    q_k: int
    q_n: int
    corrected: float | None
    low: float
    high: float
    note: str = ""

    def to_json(self) -> dict:
        return asdict(self)


def _draw(k: int, n: int, size: int, rng: np.random.Generator) -> np.ndarray:
    return rng.beta(k + 0.5, n - k + 0.5, size)


def corrected_score(k_obs: int, n_obs: int, k_eps: int, n_eps: int, k_q: int, n_q: int,
                    n_boot: int = 4000, seed: int = 0, level: float = 0.95) -> Corrected:
    """The corrected accuracy with an interval; ``k_*`` successes out of ``n_*`` for the
    observed passes, the flawed instances among those generated, and probe passes."""
    from unseen.analysis.intervals import wilson

    raw_low, raw_high = wilson(k_obs, n_obs)
    raw = k_obs / n_obs if n_obs else None
    eps = k_eps / n_eps if n_eps else 0.0
    q = k_q / n_q if n_q else None
    if n_obs == 0:
        return Corrected(None, 0.0, 1.0, eps, k_eps, n_eps, q, k_q, n_q, None, 0.0, 1.0, "no scored attempts")
    # without probes q_e is unknown: the interval lets it range over [0, 1] (a flat prior)
    note = "" if n_q else "no probes: q_e unknown, interval uses q_e ~ uniform(0, 1)"
    rng = np.random.default_rng(seed)
    p_obs = _draw(k_obs, n_obs, n_boot, rng)
    e = _draw(k_eps, n_eps, n_boot, rng) if n_eps else np.zeros(n_boot)
    qq = _draw(k_q, n_q, n_boot, rng) if n_q else rng.uniform(0, 1, n_boot)
    p = np.clip((p_obs - e * qq) / np.maximum(1 - e, 1e-9), 0, 1)
    point_q = q if q is not None else 0.5
    point = min(1.0, max(0.0, (raw - eps * point_q) / (1 - eps))) if eps < 1 else None
    lo, hi = np.quantile(p, [(1 - level) / 2, 1 - (1 - level) / 2])
    return Corrected(raw, raw_low, raw_high, eps, k_eps, n_eps, q, k_q, n_q, point, float(lo), float(hi), note)
