"""Run summary: accuracy per family and per variable level, with Wilson intervals and
counts; errors and generation errors counted apart from failures; the count and share of
each response class (truncated, no_answer, error, scoring_error) per family, per variable
level and for the run."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from unseen import registry
from unseen.analysis.intervals import cluster_wilson, wilson
from unseen.errors import StoreError
from unseen.plan import Plan
from unseen.store.sqlite import RunRecord, Store


@dataclass(frozen=True)
class Rate:
    """k passes out of n scored attempts, with a Wilson 95% interval."""

    k: int
    n: int
    rate: float | None
    low: float
    high: float

    @classmethod
    def of(cls, k: int, n: int, by_instance: dict[str, list[int]] | None = None) -> Rate:
        """Wilson for one sample per instance; with repeated samples, the design-effect
        Wilson interval over instance means (samples of one instance are correlated)."""
        if by_instance and any(len(v) > 1 for v in by_instance.values()):
            lo, hi = cluster_wilson([sum(v) / len(v) for v in by_instance.values()])
        else:
            lo, hi = wilson(k, n)
        return cls(k, n, (k / n) if n else None, lo, hi)


COUNTING_RULE = ("truncated (hit max_tokens) and no_answer (nothing extractable) attempts are scored wrong "
                 "in both modes; error and scoring_error attempts are not counted in accuracy and are asked "
                 "again on --resume")
CLASSES = ("ok", "truncated", "no_answer", "error", "scoring_error", "unclassified")
"""Response classes as reported; 'unclassified' are scored attempts stored before classes
existed (store migration 0005), scored by the rule of their time."""


def response_class(row: Any) -> str:
    cls = row["response_class"]
    if cls in CLASSES:
        return cls
    return "error" if row["status"] == "error" else "unclassified"


@dataclass
class Tally:
    strict: int = 0
    lenient: int = 0
    n: int = 0
    errors: int = 0
    classes: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CLASSES, 0))
    by_instance: dict[str, list[list[int]]] = field(default_factory=lambda: defaultdict(list))

    def add(self, row: Any) -> None:
        self.classes[response_class(row)] += 1
        if row["status"] == "error":
            self.errors += 1
            return
        self.n += 1
        self.strict += row["pass_strict"]
        self.lenient += row["pass_lenient"]
        # by content, not by id: in runs stored before cells held distinct instances, one
        # prompt drawn twice is one instance asked twice, not two independent ones
        self.by_instance[row["content"]].append([row["pass_strict"], row["pass_lenient"]])

    def merge(self, other: Tally) -> None:
        self.strict += other.strict
        self.lenient += other.lenient
        self.n += other.n
        self.errors += other.errors
        for cls, count in other.classes.items():
            self.classes[cls] += count
        for key, rows in other.by_instance.items():
            self.by_instance[key].extend(rows)

    def to_json(self) -> dict[str, Any]:
        strict = {i: [r[0] for r in rows] for i, rows in self.by_instance.items()}
        lenient = {i: [r[1] for r in rows] for i, rows in self.by_instance.items()}
        attempts = self.n + self.errors
        return {"strict": asdict(Rate.of(self.strict, self.n, strict)),
                "lenient": asdict(Rate.of(self.lenient, self.n, lenient)),
                "instances": len(self.by_instance), "errors": self.errors,
                "attempts": attempts,
                "classes": {cls: {"count": k, "share": (k / attempts) if attempts else None}
                            for cls, k in self.classes.items()}}


@dataclass
class FamilySummary:
    family: str
    total: Tally = field(default_factory=Tally)
    generation_errors: int = 0
    verified: int = 0
    near_misses: int = 0
    false_passes: int = 0
    levels: dict[str, dict[str, Tally]] = field(default_factory=lambda: defaultdict(dict))


def summarise(store: Store, run: RunRecord) -> dict[str, Any]:
    """The run summary as plain data (what ``--json`` prints)."""
    plan = Plan.from_json(run.plan)
    fams: dict[str, FamilySummary] = {f: FamilySummary(f) for f in plan.families}
    for r in store.query("SELECT family, verified, near_misses, false_passes FROM run_items "
                         "WHERE run_id=? AND kind='task'", (run.run_id,)):
        fs = fams[r["family"]]
        fs.verified += r["verified"]
        fs.generation_errors += 1 - r["verified"]
        fs.near_misses += r["near_misses"]
        fs.false_passes += r["false_passes"]
    cells = _cells(store, run, plan)
    rows = store.query(
        "SELECT a.status, a.response_class, a.pass_strict, a.pass_lenient, a.reason, i.family, i.params_json, "
        "a.instance_id, i.problem_json AS content "
        "FROM attempts a JOIN instances i USING (instance_id) JOIN run_items r "
        "ON r.run_id = a.run_id AND r.instance_id = a.instance_id WHERE a.run_id=? AND r.kind='task'",
        (run.run_id,))
    bases = {f: plan.base_for(registry.get(f)) for f in plan.families}
    errors: dict[str, int] = defaultdict(int)
    scoring_errors: dict[str, int] = defaultdict(int)
    for row in rows:
        fs = fams[row["family"]]
        fs.total.add(row)
        if row["status"] == "error":
            reasons = scoring_errors if response_class(row) == "scoring_error" else errors
            reasons[(row["reason"] or "unknown")[:120]] += 1
        params = json.loads(row["params_json"])
        base = bases[row["family"]]
        for var, value in params.items():
            # one-at-a-time: a level's attempts are those with every other variable at base
            if plan.design == "oat" and any(params[o] != base[o] for o in params if o != var):
                continue
            fs.levels[var].setdefault(json.dumps(value), Tally()).add(row)
    planned = sum(fs.verified for fs in fams.values()) * plan.samples
    scored = sum(fs.total.n for fs in fams.values())
    total = Tally()
    for fs in fams.values():
        total.merge(fs.total)
    return {
        "run_id": run.run_id, "run_seed": run.run_seed, "model": run.model, "status": run.status,
        "created_at": run.created_at, "plan": run.plan,
        "planned_attempts": planned, "completed_attempts": scored, "errors": total.errors,
        "error_reasons": dict(errors), "scoring_error_reasons": dict(scoring_errors),
        "counting_rule": COUNTING_RULE,
        "generation_errors": sum(fs.generation_errors for fs in fams.values()),
        "checker_false_passes": sum(fs.false_passes for fs in fams.values()),
        "overall": total.to_json(),
        "cells": cells,
        "cells_too_small": sum(c["too_small"] for c in cells),
        "families": [
            {
                "family": fs.family, **fs.total.to_json(), "instances_verified": fs.verified,
                "generation_errors": fs.generation_errors, "near_misses_tried": fs.near_misses,
                "checker_false_passes": fs.false_passes,
                "variables": {
                    var: [{"level": json.loads(lv), **t.to_json()}
                          for lv, t in sorted(levels.items(), key=lambda kv: _order(fs.family, var, kv[0]))]
                    for var, levels in fs.levels.items()
                },
            }
            for fs in fams.values()
        ],
    }


def _cells(store: Store, run: RunRecord, plan: Plan) -> list[dict[str, Any]]:
    """Per planned cell: instances planned, distinct instances generated (equal problems
    counted once) and verified; ``too_small`` when the cell's space held fewer than n."""
    out = []
    for r in store.query(
            "SELECT r.family, r.cell_json, count(DISTINCT i.problem_json) AS distinct_n, "
            "count(DISTINCT CASE WHEN r.verified = 1 THEN i.problem_json END) AS verified "
            "FROM run_items r JOIN instances i USING (instance_id) WHERE r.run_id=? AND r.kind='task' "
            "GROUP BY r.family, r.cell_json ORDER BY min(r.item)", (run.run_id,)):
        out.append({"family": r["family"], "params": json.loads(r["cell_json"]), "planned": plan.n,
                    "instances": r["distinct_n"], "verified": r["verified"],
                    "too_small": r["distinct_n"] < plan.n})
    return out


def _order(family: str, var: str, level_json: str) -> int:
    variable = registry.get(family).variables.get(var)
    value = json.loads(level_json)
    try:
        return variable.rank(value) if variable else 0
    except (ValueError, TypeError):
        return 0


def load_summary(store: Store, run_id: str | None) -> dict[str, Any]:
    run = store.get_run(run_id)
    if not store.query("SELECT 1 FROM run_items WHERE run_id=? LIMIT 1", (run.run_id,)):
        raise StoreError(f"run {run.run_id} has no items yet; resume it with `unseen run --resume {run.run_id}`")
    return summarise(store, run)
