"""Adaptive breaking points: where does accuracy on an ordered variable cross a target?

Bisection over the variable's whole domain, each probe decided by a sequential Wilson
test (sample in batches until the interval excludes the target). A full one-at-a-time
grid would spend the same per-level effort on every level; bisection visits about
log2(levels) of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from unseen import registry
from unseen.errors import UsageError
from unseen.family import Family
from unseen.search.probe import CellProber, decide
from unseen.variables import Variable


@dataclass
class BreakingPoint:
    family: str
    variable: str
    target: float
    level: Any
    """The first level (in the variable's order) whose accuracy is below the target,
    or None when no level is."""
    last_above: Any
    probes: list[dict[str, Any]] = field(default_factory=list)
    calls: int = 0
    note: str = ""


def ordered_variable(fam: Family, variable: str) -> Variable:
    """The family's variable, refused unless it is ordered (a breaking point needs an order)."""
    var = fam.variable(variable)
    if not var.ordered:
        raise UsageError(f"variable {variable!r} of {fam.name} is unordered; a breaking point needs an ordered "
                         "variable (an integer range, a flag or an ordered choice)")
    return var


def breaking_point(prober: CellProber, family: str, variable: str, base: dict[str, Any] | None = None, *,
                   target: float = 0.5, batch: int = 8, n_max: int = 48) -> BreakingPoint:
    fam = registry.get(family)
    var = ordered_variable(fam, variable)
    params = fam.resolve(base or {})
    domain = sorted(var.domain, key=var.rank)
    out = BreakingPoint(family, variable, target, None, None)
    start_calls = prober.calls

    def above(i: int) -> bool:
        d = decide(prober, family, {**params, variable: domain[i]}, target, batch=batch, n_max=n_max)
        out.probes.append({"level": domain[i], "k": d.k, "n": d.n, "above": d.above, "settled": d.settled})
        return d.above

    if not above(0):
        out.level, out.note = domain[0], "accuracy is below the target already at the simplest level"
    elif above(len(domain) - 1):
        out.last_above, out.note = domain[-1], "accuracy stays above the target at every level"
    else:
        lo, hi = 0, len(domain) - 1  # lo above, hi below
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if above(mid):
                lo = mid
            else:
                hi = mid
        out.level, out.last_above = domain[hi], domain[lo]
    out.calls = prober.calls - start_calls
    return out
