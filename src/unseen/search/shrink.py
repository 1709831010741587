"""Shrinking: from a failing setting to the smallest setting that still fails.

Each variable is moved toward its simplest value; a move is kept only while the cell
still fails (its failure rate judged above ``threshold`` by a sequential Wilson test).
For an ordered variable the search tries the simplest value first, then bisects between
it and the current value for the simplest value that still fails (the same result as
stepping one level at a time when failure grows with the level, in far fewer calls).
Passes repeat until no variable moves.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from unseen import registry
from unseen.errors import UnseenError
from unseen.search.probe import CellProber, decide
from unseen.seeding import canonical


class StartPasses(UnseenError):
    """The start setting does not fail: there is nothing to shrink (found by asking)."""


@dataclass
class ShrinkResult:
    family: str
    start: dict[str, Any]
    smallest: dict[str, Any]
    steps: list[dict[str, Any]] = field(default_factory=list)
    calls: int = 0
    inconsistent: list[str] = field(default_factory=list)
    """Instances in the smallest cell that both passed and failed across samples."""
    example_prompt: str = ""
    example_response: str = ""


def shrink(prober: CellProber, family: str, start: dict[str, Any], *, threshold: float = 0.5,
           batch: int = 8, n_max: int = 40) -> ShrinkResult:
    fam = registry.get(family)
    current = fam.resolve(start)
    accuracy_level = 1.0 - threshold  # fails when accuracy is below this

    def fails(params: dict[str, Any]) -> bool:
        return not decide(prober, family, params, accuracy_level, batch=batch, n_max=n_max).above

    if not fails(current):
        raise StartPasses(f"the start setting of {family} does not fail (failure rate below {threshold:.0%}); "
                         "start from a setting where the model fails")
    result = ShrinkResult(family, dict(current), dict(current))
    moved = True
    while moved:
        moved = False
        for name, var in fam.variables.items():
            value = current[name]
            if value == var.simplest:
                continue
            if fails({**current, name: var.simplest}):
                current[name] = var.simplest
                result.steps.append({"variable": name, "from": value, "to": var.simplest})
                moved = True
                continue
            if not var.ordered:
                continue
            path = _path(var, value)  # simplest-exclusive ... value-inclusive, in order
            lo, hi = -1, len(path) - 1  # path[hi] fails; everything at or below lo passes
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if fails({**current, name: path[mid]}):
                    hi = mid
                else:
                    lo = mid
            if path[hi] != value:
                current[name] = path[hi]
                result.steps.append({"variable": name, "from": value, "to": path[hi]})
                moved = True
    result.smallest = dict(current)
    result.calls = prober.calls
    key = canonical([family, current])
    result.inconsistent = list(prober.inconsistent.get(key, []))
    example = prober.example.get(key)
    if example:
        result.example_prompt = json.loads(example[0])["prompt"]
        result.example_response = example[1]
    return result


def _path(var: Any, value: Any) -> list[Any]:
    """The values strictly past ``simplest`` up to ``value``, in order from simplest."""
    out = []
    v = value
    while v != var.simplest:
        out.append(v)
        v = var.step_toward_simplest(v)
    return out[::-1]
