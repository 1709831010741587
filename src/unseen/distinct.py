"""Distinct instances per cell.

A cell's planned instances are drawn with the seeds the plan derives (index 0..n-1). An
instance that repeats one already chosen in its cell (the same prompt or the same
structured data, compared by hash) is redrawn with a seed of its own, deterministically
from (family, version, params, run seed, redraw count), until the cell has n distinct
instances or ``DRAWS_PER_INSTANCE * n`` draws are spent. A cell whose space is too small
keeps the distinct instances it found, and says so on stderr before anything is asked.

Instances that repeat nothing keep the plan's seeds, so a run whose cells never repeat
is the same run as before; the same run seed always rebuilds the same selection.

``exclude`` (the memorisation probe's fresh set) removes instances of another
selection, by the same identity.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from random import Random
from typing import Any

from unseen import registry
from unseen.plan import Item, Plan
from unseen.problem import Problem
from unseen.seeding import canonical, sub_seed

DRAWS_PER_INSTANCE = 20
"""A cell of n planned instances gets at most this many draws per planned instance."""


def _hash(kind: str, value: Any) -> str:
    return hashlib.blake2b(canonical([kind, value]).encode(), digest_size=12).hexdigest()


def identity(problem: Problem) -> str:
    """One id for an instance's content: a hash of its prompt and its structured data."""
    return _hash("instance", [problem.prompt, problem.data])


def keys(problem: Problem) -> tuple[str, str]:
    """What makes two instances the same: an equal prompt or equal structured data."""
    return _hash("prompt", problem.prompt), _hash("data", problem.data)


def redraw_seed(family: str, version: int, params: dict[str, Any], run_seed: int, draw: int) -> int:
    """The seed of a cell's ``draw``-th redraw (its own namespace: never a planned index)."""
    return sub_seed("redraw", family, version, params, run_seed, draw)


@dataclass(frozen=True)
class Short:
    """A cell whose space held fewer distinct instances than the plan asks for."""

    family: str
    params: dict[str, Any]
    planned: int
    distinct: int
    excluded: bool = False

    def line(self) -> str:
        base = registry.get(self.family).resolve({})
        named = " ".join(f"{k}={v}" for k, v in self.params.items() if base.get(k) != v) or "(base cell)"
        besides = " (the published set left out)" if self.excluded else ""
        return (f"{self.family} {named}: only {self.distinct} distinct instances of {self.planned} asked"
                f"{besides}; the cell is too small for --n {self.planned}")


@dataclass
class Selection:
    items: list[Item]
    """Tasks with no repeat within their cell (gaps in ``item`` where a cell ran short),
    then the plan's probes unchanged."""
    problems: dict[int, Problem] = field(default_factory=dict)
    """Generated problems of the task items, by seed (so they are not generated twice)."""
    short: list[Short] = field(default_factory=list)

    def warn(self) -> None:
        """One line on stderr per cell too small for its n."""
        for s in self.short:
            print(s.line(), file=sys.stderr, flush=True)

    def keys(self) -> set[str]:
        return {k for p in self.problems.values() for k in keys(p)}


def select(plan: Plan, run_seed: int, exclude: Iterable[str] = ()) -> Selection:
    """The plan's items with distinct instances in every cell (see the module doc).

    A plan stored before instances were distinct (``plan.distinct`` false) keeps its items
    as planned, so its runs rebuild as they were stored."""
    planned = plan.items(run_seed)
    excluded = set(exclude)
    dedupe = plan.distinct or bool(excluded)
    cells: dict[str, list[Item]] = {}
    for it in planned:
        if it.kind == "task":
            cells.setdefault(canonical([it.family, it.params]), []).append(it)
    chosen: dict[int, Item] = {}
    sel = Selection([])
    for group in cells.values():
        _fill(group, run_seed, excluded, dedupe, chosen, sel)
    sel.items = [chosen[it.item] for it in planned if it.kind == "task" and it.item in chosen]
    sel.items += [it for it in planned if it.kind != "task"]
    return sel


def _fill(group: list[Item], run_seed: int, excluded: set[str], dedupe: bool, chosen: dict[int, Item],
          sel: Selection) -> None:
    first = group[0]
    fam = registry.get(first.family)
    seen = set(excluded)
    free: list[Item] = []
    for it in group:
        try:
            problem = fam.generate(it.params, Random(it.seed))
        except Exception:  # kept in its place: preparing it records the generation error
            chosen[it.item] = it
            continue
        ks = keys(problem)
        if dedupe and seen.intersection(ks):
            free.append(it)
            continue
        seen.update(ks)
        chosen[it.item] = it
        sel.problems[it.seed] = problem
    draws, budget = len(group), DRAWS_PER_INSTANCE * len(group)
    while free and draws < budget:
        seed = redraw_seed(fam.name, fam.version, first.params, run_seed, draws - len(group))
        draws += 1
        try:
            problem = fam.generate(first.params, Random(seed))
        except Exception:  # a redraw that fails is one more spent draw
            continue
        ks = keys(problem)
        if seen.intersection(ks):
            continue
        seen.update(ks)
        slot = free.pop(0)  # the repeat's place in the plan: same item number and index
        chosen[slot.item] = replace(slot, seed=seed)
        sel.problems[seed] = problem
    if free:
        sel.short.append(Short(fam.name, first.params, len(group), len(group) - len(free), bool(excluded)))


def for_run(plan: Plan, run_seed: int, options: dict[str, Any]) -> Selection:
    """A run's selection: the memorisation probe's fresh run (``options['exclude_published']``
    = the published set's seed and plan) leaves out every published instance."""
    pub = options.get("exclude_published")
    exclude: set[str] = set()
    if pub:
        exclude = select(Plan.from_json(pub["plan"]), int(pub["seed"])).keys()
    return select(plan, run_seed, exclude)
