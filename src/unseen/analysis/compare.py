"""Paired comparison of two runs on the same instances (two models, or one model under two
settings). Runs with the same plan and pinned seed share every instance id.

Per family and overall: both accuracies on the shared instances, the difference with a
paired bootstrap interval (instances resampled together, so each instance's difficulty
cancels), and the exact McNemar test on instances where only one run passed (each
instance scored by the mean of its samples, rounded: majority vote).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import numpy as np

from unseen.analysis.data import InstanceResult
from unseen.analysis.stats import mcnemar


def paired(a: list[InstanceResult], b: list[InstanceResult], n_boot: int = 2000, seed: int = 0) -> dict[str, Any]:
    """Compare two runs' results on the instances both have; raises ValueError if none."""
    by_a = {r.instance_id: r for r in a}
    shared = [(by_a[r.instance_id], r) for r in b if r.instance_id in by_a]
    if not shared:
        raise ValueError("no shared instances")
    groups: dict[str, list[tuple[InstanceResult, InstanceResult]]] = defaultdict(list)
    for x, y in shared:
        groups[x.family].append((x, y))
    out = {"families": [_one(fam, pairs, n_boot, seed) for fam, pairs in sorted(groups.items())]}
    out["overall"] = _one("all", shared, n_boot, seed)
    return out


def _one(name: str, pairs: list[tuple[InstanceResult, InstanceResult]], n_boot: int, seed: int) -> dict[str, Any]:
    xa = np.array([x.mean for x, _ in pairs])
    xb = np.array([y.mean for _, y in pairs])
    diff = xa - xb
    rng = np.random.default_rng(seed)
    draws = diff[rng.integers(0, len(diff), (n_boot, len(diff)))].mean(1)
    lo, hi = np.quantile(draws, [0.025, 0.975])
    only_a = int(((xa >= 0.5) & (xb < 0.5)).sum())
    only_b = int(((xb >= 0.5) & (xa < 0.5)).sum())
    test = mcnemar(only_a, only_b)
    return {"family": name, "instances": len(pairs), "a": float(xa.mean()), "b": float(xb.mean()),
            "diff": float(diff.mean()), "diff_low": float(lo), "diff_high": float(hi),
            "only_a": only_a, "only_b": only_b, "p_value": test.p_value}
