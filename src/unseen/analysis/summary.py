"""Run summary: accuracy per family and per variable level (by the one definition in
``analysis.levels``), with 95% intervals that count instances, not samples; errors and
generation errors counted apart from failures; the count and share of each response
class (truncated, no_answer, error, scoring_error) per family, per level and for the
run. Read from the run record alone (``store.queries``, ``Store.declarations``)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from unseen.analysis.intervals import Rate
from unseen.analysis.levels import LevelRule, level_key
from unseen.errors import StoreError
from unseen.plan import Plan
from unseen.store.declarations import FamilyDecl
from unseen.store.queries import (
    CLASSES,
    CellCount,
    ItemCounts,
    TaskAttempt,
    cell_counts,
    has_items,
    item_counts,
    task_attempts,
)
from unseen.store.sqlite import RunRecord, Store

COUNTING_RULE = ("truncated (hit max_tokens) and no_answer (nothing extractable) attempts are scored wrong "
                 "in both modes; error and scoring_error attempts are not counted in accuracy and are asked "
                 "again on --resume")


@dataclass
class Tally:
    """Attempts counted into one row (a family, a level, the run)."""

    errors: int = 0
    classes: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CLASSES, 0))
    strict: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    lenient: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    """Instance (by content) -> its scored passes, one per sample."""

    def add(self, a: TaskAttempt) -> None:
        self.classes[a.response_class] += 1
        if a.status == "error":
            self.errors += 1
            return
        self.strict[a.content].append(a.pass_strict)
        self.lenient[a.content].append(a.pass_lenient)

    def merge(self, other: Tally) -> None:
        self.errors += other.errors
        for cls, count in other.classes.items():
            self.classes[cls] += count
        for mine, theirs in ((self.strict, other.strict), (self.lenient, other.lenient)):
            for key, passes in theirs.items():
                mine[key].extend(passes)

    def rate(self, mode: str = "strict") -> Rate:
        return Rate.of(list((self.strict if mode == "strict" else self.lenient).values()))

    @property
    def scored(self) -> int:
        return sum(len(v) for v in self.strict.values())

    @property
    def attempts(self) -> int:
        return self.scored + self.errors

    def to_json(self) -> dict[str, Any]:
        attempts = self.attempts
        strict, lenient = self.rate("strict"), self.rate("lenient")
        return {"strict": _rate_json(strict), "lenient": _rate_json(lenient),
                "instances": strict.instances, "errors": self.errors, "attempts": attempts,
                "classes": {cls: {"count": k, "share": (k / attempts) if attempts else None}
                            for cls, k in self.classes.items()}}


def _rate_json(r: Rate) -> dict[str, Any]:
    return {"k": r.k, "n": r.n, "rate": r.rate, "low": r.low, "high": r.high}


@dataclass(frozen=True)
class LevelRow:
    level: Any
    tally: Tally


@dataclass
class FamilySummary:
    family: str
    counts: ItemCounts
    total: Tally = field(default_factory=Tally)
    levels: dict[str, list[LevelRow]] = field(default_factory=dict)
    """variable -> its levels in declared order."""


@dataclass
class RunSummary:
    run: RunRecord
    level_rule: str
    families: list[FamilySummary]
    overall: Tally
    cells: list[CellCount]
    error_reasons: dict[str, int]
    scoring_error_reasons: dict[str, int]
    planned_attempts: int

    @property
    def generation_errors(self) -> int:
        return sum(f.counts.generation_errors for f in self.families)

    @property
    def checker_false_passes(self) -> int:
        return sum(f.counts.false_passes for f in self.families)

    def too_small(self, plan_n: int) -> list[CellCount]:
        return [c for c in self.cells if c.instances < plan_n]

    def to_json(self) -> dict[str, Any]:
        """What ``unseen summary --json`` prints."""
        r, n = self.run, int(self.run.plan.get("n", 0))
        return {
            "run_id": r.run_id, "run_seed": r.run_seed, "model": r.model, "status": r.status,
            "created_at": r.created_at, "plan": r.plan, "accuracy_at_level": self.level_rule,
            "planned_attempts": self.planned_attempts, "completed_attempts": self.overall.scored,
            "errors": self.overall.errors, "error_reasons": self.error_reasons,
            "scoring_error_reasons": self.scoring_error_reasons, "counting_rule": COUNTING_RULE,
            "generation_errors": self.generation_errors, "checker_false_passes": self.checker_false_passes,
            "overall": self.overall.to_json(),
            "cells": [{"family": c.family, "params": c.params, "planned": n, "instances": c.instances,
                       "verified": c.verified, "too_small": c.instances < n} for c in self.cells],
            "cells_too_small": len(self.too_small(n)),
            "families": [{
                "family": f.family, **f.total.to_json(), "instances_verified": f.counts.verified,
                "generation_errors": f.counts.generation_errors, "near_misses_tried": f.counts.near_misses,
                "checker_false_passes": f.counts.false_passes,
                "variables": {var: [{"level": row.level, **row.tally.to_json()} for row in rows]
                              for var, rows in f.levels.items()},
            } for f in self.families],
        }


def summarise(store: Store, run: RunRecord) -> RunSummary:
    plan = Plan.from_record(run.plan)
    decls = store.declarations(run)
    rule = LevelRule(plan, decls)
    counts = item_counts(store, run.run_id)
    fams = {f: FamilySummary(f, counts.get(f, ItemCounts())) for f in plan.families}
    levels: dict[str, dict[str, dict[Any, tuple[Any, Tally]]]] = {f: defaultdict(dict) for f in fams}
    errors: dict[str, int] = defaultdict(int)
    scoring_errors: dict[str, int] = defaultdict(int)
    for a in task_attempts(store, run.run_id):
        fams[a.family].total.add(a)
        if a.status == "error":
            reasons = scoring_errors if a.response_class == "scoring_error" else errors
            reasons[(a.reason or "unknown")[:120]] += 1
        for var in rule.variables(a.family, a.params):
            value = a.params[var]
            levels[a.family][var].setdefault(level_key(value), (value, Tally()))[1].add(a)
    overall = Tally()
    for fs in fams.values():
        overall.merge(fs.total)
        fs.levels = {var: [LevelRow(v, t) for v, t in sorted(by.values(), key=lambda vt: _rank(decls[fs.family],
                                                                                                var, vt[0]))]
                     for var, by in levels[fs.family].items()}
    return RunSummary(run, rule.name, list(fams.values()), overall, cell_counts(store, run.run_id),
                      dict(errors), dict(scoring_errors),
                      sum(fs.counts.verified for fs in fams.values()) * plan.samples)


def _rank(decl: FamilyDecl, var: str, value: Any) -> int:
    variable = decl.variables.get(var)
    try:
        return variable.rank(value) if variable else 0
    except ValueError:
        return 0


def load_summary(store: Store, run_id: str | None) -> RunSummary:
    """The summary of a run (a unique id prefix, or the latest); StoreError when the run
    has no items yet or its families' declarations cannot be read."""
    run = store.get_run(run_id)
    if not has_items(store, run.run_id):
        raise StoreError(f"run {run.run_id} has no items yet; resume it with `unseen run --resume {run.run_id}`")
    return summarise(store, run)
