"""Simulations with known truth that show the analysis methods are right.

Each ``check_*`` function runs many scenarios with fixed seeds and returns the rates
the validity suite asserts (tests, on a small version) and prints (benchmarks/validity.py,
at full size). Outcomes are drawn from the same rules the simulated models follow, with
instance-level difficulty so that repeated samples of one instance are correlated.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

import numpy as np

from unseen import registry
from unseen.analysis.calibration import corrected_score
from unseen.analysis.data import InstanceResult
from unseen.analysis.effects import EffectSettings, analyse_effects
from unseen.analysis.intervals import cluster_wilson, wilson
from unseen.analysis.memorisation import compare
from unseen.plan import Plan
from unseen.store.declarations import FamilyDecl

RECOMMENDED_N = 80
"""Instances per cell the docs recommend for finding a 30-point drop with one sample each
(98.5% of 200 planted scenarios found; 91.5% at n=50, 93% at n=60)."""


def ordered_vars(family: str, min_levels: int = 3) -> list[str]:
    fam = registry.get(family)
    return [n for n, v in fam.variables.items()
            if v.ordered and v.role == "logic" and len(v.levels) >= min_levels and v.simplest == v.domain[0]]


def _instance(rng: np.random.Generator, acc: float, samples: int, phi: float) -> tuple[int, ...]:
    """Samples of one instance: its own pass probability drawn around ``acc``."""
    if samples == 1 or phi <= 0:
        return tuple(int(x) for x in rng.random(samples) < acc)
    a = max(acc, 1e-3) * phi
    b = max(1 - acc, 1e-3) * phi
    p = rng.beta(a, b)
    return tuple(int(x) for x in rng.random(samples) < p)


@dataclass
class EffectsCheck:
    scenarios: int
    planted_found: float
    null_flagged: float
    null_tested: int


def check_effects(scenarios: int = 200, n: int = RECOMMENDED_N, samples: int = 1, below: float = 0.8,
                  above: float = 0.5, seed: int = 0) -> EffectsCheck:
    """Plant a threshold on one random ordered variable of a random family; the other
    variables have no effect. Rate at which the planted variable is called effective, and
    at which any other variable is."""
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    fams = [f.name for f in registry.all_families() if ordered_vars(f.name)]
    found = flagged = tested_null = 0
    for _ in range(scenarios):
        fam_name = rng.choice(fams)
        fam = registry.get(fam_name)
        var = rng.choice(ordered_vars(fam_name))
        levels = list(fam.variables[var].levels)
        at = rng.choice(levels[1:])
        rank_at = fam.variables[var].rank(at)
        plan = Plan(families=(fam_name,), design="oat", n=n, samples=samples)
        results = []
        for i, cell in enumerate(plan.cells_for(fam, 0)):
            acc = above if fam.variables[var].rank(cell.params[var]) >= rank_at else below
            for j in range(n):
                results.append(InstanceResult(f"{i}-{j}", fam_name, cell.params, _instance(nrng, acc, samples, 4.0)))
        effects = analyse_effects(results, plan, {fam_name: FamilyDecl.of(fam)}, EffectSettings(n_boot=50))
        for e in effects:
            if e.variable == var:
                found += e.effective
            elif e.p_value is not None:
                tested_null += 1
                flagged += e.effective
    return EffectsCheck(scenarios, found / scenarios, flagged / max(tested_null, 1), tested_null)


@dataclass
class CoverageCheck:
    scenarios: int
    wilson_single: float
    cluster_wilson: float


def check_coverage(scenarios: int = 400, seed: int = 1) -> CoverageCheck:
    """95% intervals around a known accuracy: Wilson for one sample per instance, the
    design-effect Wilson interval for repeated samples of correlated instances."""
    nrng = np.random.default_rng(seed)
    hit_w = hit_b = 0
    for _ in range(scenarios):
        p = float(nrng.uniform(0.1, 0.9))
        n = int(nrng.integers(30, 200))
        k = int((nrng.random(n) < p).sum())
        lo, hi = wilson(k, n)
        hit_w += lo <= p <= hi
        # clustered: instances with their own difficulty (mean p), 3 samples each
        m = int(nrng.integers(40, 200))
        lo, hi = cluster_wilson([_instance(nrng, p, 3, 4.0) for _ in range(m)])
        hit_b += lo <= p <= hi
    return CoverageCheck(scenarios, hit_w / scenarios, hit_b / scenarios)


@dataclass
class CalibrationCheck:
    scenarios: int
    corrected_coverage: float
    raw_coverage_large_eps: float
    corrected_coverage_large_eps: float


def check_calibration(scenarios: int = 400, seed: int = 2) -> CalibrationCheck:
    """Flawed tasks at a known epsilon, a model passing them at a known q_e: does the
    corrected interval hold the true p, and does the raw one fail when epsilon is large?"""
    nrng = np.random.default_rng(seed)
    hit = hit_large = raw_large = large = 0
    for s in range(scenarios):
        p = float(nrng.uniform(0.2, 0.9))
        eps = float(nrng.uniform(0.0, 0.3))
        q = float(nrng.uniform(0.0, 1.0))
        n_obs, n_eps, n_q = 1000, 2000, 200
        k_obs = int(nrng.binomial(n_obs, (1 - eps) * p + eps * q))
        k_eps = int(nrng.binomial(n_eps, eps))
        k_q = int(nrng.binomial(n_q, q))
        c = corrected_score(k_obs, n_obs, k_eps, n_eps, k_q, n_q, n_boot=2000, seed=s)
        inside = c.low <= p <= c.high
        hit += inside
        if eps > 0.2 and abs(q - p) > 0.3:
            large += 1
            hit_large += inside
            raw_large += c.raw_low <= p <= c.raw_high
    return CalibrationCheck(scenarios, hit / scenarios, raw_large / max(large, 1), hit_large / max(large, 1))


@dataclass
class MemoCheck:
    scenarios: int
    memoriser_flagged: float
    noisy_flagged: float


def check_memorisation(scenarios: int = 200, n: int = 60, seed: int = 3) -> MemoCheck:
    """A memoriser (right on the published set, guessing at p elsewhere) against a noisy
    model of the same accuracy p on both sets."""
    nrng = np.random.default_rng(seed)
    flagged_m = flagged_n = 0

    def res(acc: float, m: int) -> list[InstanceResult]:
        return [InstanceResult(str(i), "f", {}, (int(nrng.random() < acc),)) for i in range(m)]

    for _ in range(scenarios):
        p = float(nrng.uniform(0.05, 0.95))
        flagged_n += compare(res(p, n), res(p, n), n_boot=200).suspected
        guess = float(nrng.uniform(0.1, 0.6))
        flagged_m += compare(res(1.0, n), res(guess, n), n_boot=200).suspected
    return MemoCheck(scenarios, flagged_m / scenarios, flagged_n / scenarios)


class SimulatedProber:
    """Answers a cell like ``sim/threshold`` would, without generating instances: each
    call draws fresh Bernoulli outcomes. Counts calls like the real prober."""

    def __init__(self, family: str, conditions: list[tuple[str, Any]], below: float, above: float, seed: int):
        self.fam = registry.get(family)
        self.conditions, self.below, self.above = conditions, below, above
        self.rng = np.random.default_rng(seed)
        self.calls = 0
        self.example: dict = {}
        self.inconsistent: dict = {}  # one sample per instance: nothing to be inconsistent about

    def accuracy(self, params: dict[str, Any]) -> float:
        for var, at in self.conditions:
            v = self.fam.variables[var]
            if v.rank(params[var]) < v.rank(at):
                return self.below
        return self.above

    def ask(self, family: str, params: dict[str, Any], n: int) -> list[int]:
        self.calls += n
        return [int(x) for x in self.rng.random(n) < self.accuracy(params)]


@dataclass
class ShrinkCheck:
    scenarios: int
    exact: float
    mean_calls: float


def check_shrink(scenarios: int = 200, seed: int = 4, below: float = 0.85, above: float = 0.15,
                 prober_factory=None) -> ShrinkCheck:
    """Plant a minimal failing setting (one or two ordered variables at given levels, the
    rest irrelevant), start from a random failing setting, shrink, compare."""
    from unseen.search.shrink import shrink

    rng = random.Random(seed)
    fams = [f.name for f in registry.all_families() if len(ordered_vars(f.name)) >= 2]
    exact = calls = 0
    for s in range(scenarios):
        fam_name = rng.choice(fams)
        fam = registry.get(fam_name)
        planted = rng.sample(ordered_vars(fam_name), rng.choice([1, 2]))
        conditions = []
        start = {}
        for name, v in fam.variables.items():
            start[name] = rng.choice(v.domain)
        for var in planted:
            v = fam.variables[var]
            dom = sorted(v.domain, key=v.rank)
            at = rng.choice(dom[1:])
            conditions.append((var, at))
            start[var] = rng.choice([x for x in dom if v.rank(x) >= v.rank(at)])
        make = prober_factory or (lambda f, c, b, a, sd: SimulatedProber(f, c, b, a, sd))
        prober = make(fam_name, conditions, below, above, seed * 1000 + s)
        result = shrink(prober, fam_name, start, threshold=0.5)
        want = {**fam.simplest_params(), **dict(conditions)}
        exact += result.smallest == want
        calls += result.calls
    return ShrinkCheck(scenarios, exact / scenarios, calls / scenarios)


@dataclass
class AdaptiveCheck:
    scenarios: int
    within_one_level: float
    adaptive_calls: float
    grid_calls: float
    ratio: float


def check_adaptive(scenarios: int = 200, seed: int = 5, below: float = 0.9, above: float = 0.1) -> AdaptiveCheck:
    """Plant a breaking point on an ordered variable; the bisection must land within one
    level of it; the grid applies the same sequential rule at every level."""
    from unseen.search.adaptive import breaking_point
    from unseen.search.probe import decide

    rng = random.Random(seed)
    cands = [(f.name, v) for f in registry.all_families() for v in ordered_vars(f.name)
             if registry.get(f.name).variables[v].size >= 6]
    ok = 0
    a_calls = g_calls = 0
    for s in range(scenarios):
        fam_name, var = rng.choice(cands)
        v = registry.get(fam_name).variables[var]
        dom = sorted(v.domain, key=v.rank)
        at_i = rng.randrange(1, len(dom))
        prober = SimulatedProber(fam_name, [(var, dom[at_i])], below, above, seed * 1000 + s)
        bp = breaking_point(prober, fam_name, var, target=0.5)
        ok += bp.level is not None and abs(dom.index(bp.level) - at_i) <= 1
        a_calls += bp.calls
        grid = SimulatedProber(fam_name, [(var, dom[at_i])], below, above, seed * 1000 + s + 7)
        base = registry.get(fam_name).base_params()
        for level in dom:
            decide(grid, fam_name, {**base, var: level}, 0.5)
        g_calls += grid.calls
    return AdaptiveCheck(scenarios, ok / scenarios, a_calls / scenarios, g_calls / scenarios, a_calls / g_calls)
