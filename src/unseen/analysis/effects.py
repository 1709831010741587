"""Effective variables from one-at-a-time sweeps.

For each (family, variable): the accuracy curve over its levels (others at the anchor),
then a test on instance-level means (so repeated samples of one instance are not
counted as independent):

* ordered variables: a *step* test, the best split point between consecutive levels,
  Bonferroni-corrected over the split points. A breaking point can sit at any level,
  and a linear trend test loses power when it sits near an end: in one 40-scenario
  comparison at n=50 per cell the step test found a planted 30-point drop in 95% of
  scenarios and a linear Cochran-Armitage trend test in 75%;
* unordered variables: a homogeneity test (Pearson's chi-square on instance means).

Then Holm correction across every test in the run, an effect size (the largest drop
between levels, with a cluster-bootstrap interval) and DARG's retention rate CIARR (the
mean of A_i / A_(i-1) along the levels). A variable is *effective* when its corrected
p-value is below ``alpha`` and its effect is at least ``min_effect``. An effective
*surface* variable is a robustness finding: changing only the telling changed the score.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from typing import Any

from unseen.analysis.data import InstanceResult
from unseen.analysis.intervals import Rate
from unseen.analysis.levels import LevelRule, level_key
from unseen.analysis.stats import cluster_bootstrap, holm, homogeneity_test, step_test
from unseen.plan import Plan
from unseen.store.declarations import FamilyDecl

ALPHA = 0.05
MIN_EFFECT = 0.10
MIN_PER_LEVEL = 5


@dataclass
class Level:
    level: Any
    instances: int
    k: int
    n: int
    rate: float
    low: float
    high: float


@dataclass
class VariableEffect:
    family: str
    variable: str
    role: str
    ordered: bool
    levels: list[Level]
    test: str | None = None
    statistic: float | None = None
    p_value: float | None = None
    p_adjusted: float | None = None
    effect: float | None = None
    effect_low: float | None = None
    effect_high: float | None = None
    retention: float | None = None
    effective: bool = False
    note: str = ""
    """Why no test was run (too few samples, no variation), empty when it was."""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def largest_drop(rates: list[float], ordered: bool) -> float:
    """Ordered: the largest A_i - A_j with i before j (0 when accuracy only rises).
    Unordered: max - min."""
    if not ordered:
        return max(rates) - min(rates)
    best, drop = rates[0], 0.0
    for r in rates[1:]:
        drop = max(drop, best - r)
        best = max(best, r)
    return drop


def retention(rates: list[float]) -> float | None:
    ratios = [b / a for a, b in zip(rates, rates[1:], strict=False) if a > 0]
    return sum(ratios) / len(ratios) if ratios else None


@dataclass
class EffectSettings:
    alpha: float = ALPHA
    min_effect: float = MIN_EFFECT
    min_per_level: int = MIN_PER_LEVEL
    n_boot: int = 500
    seed: int = 0


def sweep_data(results: list[InstanceResult], plan: Plan,
               decls: dict[str, FamilyDecl]) -> dict[tuple[str, str], dict[Any, list[InstanceResult]]]:
    """(family, variable) -> level -> instances, by the one definition of a level
    (``analysis.levels``: the one-at-a-time slice, or the marginal over a grid)."""
    out: dict[tuple[str, str], dict[Any, list[InstanceResult]]] = defaultdict(lambda: defaultdict(list))
    rule = LevelRule(plan, {f: d for f, d in decls.items() if f in plan.families})
    for r in results:
        for var in rule.variables(r.family, r.params):
            out[(r.family, var)][level_key(r.params[var])].append(r)
    return out


def analyse_effects(results: list[InstanceResult], plan: Plan, decls: dict[str, FamilyDecl],
                    settings: EffectSettings | None = None) -> list[VariableEffect]:
    """Every swept variable's curve, test, Holm-corrected p, effect and verdict; ``decls``
    are the declarations the run recorded (``Store.declarations``)."""
    s = settings or EffectSettings()
    effects: list[VariableEffect] = []
    for (fam_name, var), by_instances in sorted(sweep_data(results, plan, decls).items()):
        variable = decls[fam_name].variables[var]
        by_level = {lv: [r.mean for r in rs] for lv, rs in by_instances.items()}
        levels = []
        for lv in sorted(by_level, key=lambda v, d=variable: d.rank(list(v) if isinstance(v, tuple) else v)):
            rate = Rate.of([r.passes for r in by_instances[lv]])
            levels.append(Level(lv, rate.instances, rate.k, rate.n, rate.rate, rate.low, rate.high))
        eff = VariableEffect(fam_name, var, variable.role, bool(variable.ordered), levels)
        effects.append(eff)
        if len(levels) < 2:
            eff.note = f"no variation: only level {levels[0].level!r} was run" if levels else "no data"
            continue
        short = [lv for lv in levels if lv.instances < s.min_per_level]
        if short:
            eff.note = (f"too few instances: level {short[0].level!r} has {short[0].instances}, a test needs "
                        f"at least {s.min_per_level} per level (run with --n {s.min_per_level} or more)")
            continue
        scores, ys = [], []
        for i, lv in enumerate(levels):
            scores += [i] * lv.instances
            ys += by_level[lv.level]
        if variable.ordered:
            test = step_test(scores, ys)
        else:
            test = homogeneity_test(scores, ys)
        rates = [lv.rate for lv in levels]
        eff.test, eff.statistic, eff.p_value = test.name, test.statistic, test.p_value
        eff.effect = largest_drop(rates, eff.ordered)
        order = [lv.level for lv in levels]
        eff.effect_low, eff.effect_high = cluster_bootstrap(
            {lv: by_level[lv] for lv in order}, lambda m, o=order, d=eff.ordered: largest_drop([m[x] for x in o], d),
            n_boot=s.n_boot, seed=s.seed)
        eff.retention = retention(rates)
    tested = [e for e in effects if e.p_value is not None]
    for e, p_adj in zip(tested, holm([e.p_value for e in tested]), strict=True):
        e.p_adjusted = p_adj
        e.effective = p_adj < s.alpha and (e.effect or 0.0) >= s.min_effect
    return effects

