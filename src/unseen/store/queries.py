"""Typed reads of a run's record: what summary, analysis, report and search use.

Every function takes a ``Store`` and a run id and returns dataclasses; none reads an
installed family (declarations come from ``Store.declarations``). Rows are returned in a
stable order (the run's item order, then sample).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from unseen.store.sqlite import Store

CLASSES = ("ok", "truncated", "no_answer", "error", "scoring_error", "unclassified")
"""Response classes as reported; ``unclassified`` are scored attempts stored before classes
existed (store migration 0005), scored by the rule of their time."""


@dataclass(frozen=True)
class TaskAttempt:
    """One attempt at a task instance (probes left out)."""

    instance_id: str
    family: str
    params: dict[str, Any]
    content: str
    """A digest of the instance's stored problem: equal problems are one instance, also in
    runs stored before cells held distinct instances."""
    sample: int
    status: str
    """``ok`` (scored) or ``error`` (transport or scoring error: not counted in accuracy)."""
    response_class: str
    pass_strict: int | None
    pass_lenient: int | None
    reason: str | None

    def passed(self, mode: str) -> int | None:
        return self.pass_strict if mode == "strict" else self.pass_lenient


def task_attempts(store: Store, run_id: str) -> list[TaskAttempt]:
    out = []
    digests: dict[str, str] = {}
    for r in store.query(
            "SELECT a.instance_id, a.sample, a.status, a.response_class, a.pass_strict, a.pass_lenient, "
            "a.reason, i.family, i.params_json, i.problem_json FROM attempts a JOIN instances i USING "
            "(instance_id) JOIN run_items r ON r.run_id = a.run_id AND r.instance_id = a.instance_id "
            "WHERE a.run_id=? AND r.kind='task' ORDER BY r.item, a.sample", (run_id,)):
        iid = r["instance_id"]
        if iid not in digests:
            digests[iid] = hashlib.blake2b(r["problem_json"].encode(), digest_size=12).hexdigest()
        cls = r["response_class"]
        if cls not in CLASSES:
            cls = "error" if r["status"] == "error" else "unclassified"
        out.append(TaskAttempt(iid, r["family"], json.loads(r["params_json"]), digests[iid], r["sample"],
                               r["status"], cls, r["pass_strict"], r["pass_lenient"], r["reason"]))
    return out


@dataclass
class ItemCounts:
    """A family's planned items in one run: tasks generated, verified (asked), and the
    near misses the verification tried and the checker wrongly accepted (all items)."""

    tasks: int = 0
    verified: int = 0
    near_misses: int = 0
    false_passes: int = 0

    @property
    def generation_errors(self) -> int:
        return self.tasks - self.verified


def item_counts(store: Store, run_id: str) -> dict[str, ItemCounts]:
    out: dict[str, ItemCounts] = defaultdict(ItemCounts)
    for r in store.query("SELECT family, kind, verified, near_misses, false_passes FROM run_items "
                         "WHERE run_id=?", (run_id,)):
        c = out[r["family"]]
        c.false_passes += r["false_passes"]
        if r["kind"] == "task":
            c.tasks += 1
            c.verified += r["verified"]
            c.near_misses += r["near_misses"]
    return dict(out)


@dataclass(frozen=True)
class CellCount:
    """One planned cell: its distinct instances generated and verified (equal problems once)."""

    family: str
    params: dict[str, Any]
    instances: int
    verified: int


def cell_counts(store: Store, run_id: str) -> list[CellCount]:
    return [CellCount(r["family"], json.loads(r["cell_json"]), r["distinct_n"], r["verified"]) for r in store.query(
        "SELECT r.family, r.cell_json, count(DISTINCT i.problem_json) AS distinct_n, "
        "count(DISTINCT CASE WHEN r.verified = 1 THEN i.problem_json END) AS verified "
        "FROM run_items r JOIN instances i USING (instance_id) WHERE r.run_id=? AND r.kind='task' "
        "GROUP BY r.family, r.cell_json ORDER BY min(r.item)", (run_id,))]


@dataclass(frozen=True)
class ProbeAttempt:
    """A scored probe: ``kind`` probe_label or probe_unsolvable; ``passed`` in the mode asked."""

    family: str
    kind: str
    passed: int
    answered: bool


def probe_attempts(store: Store, run_id: str, mode: str) -> list[ProbeAttempt]:
    column = "pass_strict" if mode == "strict" else "pass_lenient"
    return [ProbeAttempt(r["family"], r["kind"], r["passed"], r["answer_strict"] is not None) for r in store.query(
        f"SELECT r.family, r.kind, a.{column} AS passed, a.answer_strict FROM attempts a JOIN run_items r "
        "ON r.run_id=a.run_id AND r.instance_id=a.instance_id WHERE a.run_id=? AND a.status='ok' "
        "AND r.kind!='task' ORDER BY r.item, a.sample", (run_id,))]


@dataclass(frozen=True)
class Review:
    family: str
    instance_id: str
    verdict: str
    """``ok`` or ``flawed``."""


def reviews(store: Store, run_id: str) -> list[Review]:
    return [Review(r["family"], r["instance_id"], r["verdict"]) for r in store.query(
        "SELECT i.family, v.instance_id, v.verdict FROM reviews v JOIN instances i USING (instance_id) "
        "WHERE v.run_id=? ORDER BY v.created_at", (run_id,))]


def scored_count(store: Store, run_id: str) -> int:
    return store.query("SELECT count(*) FROM attempts WHERE run_id=? AND status='ok'", (run_id,))[0][0]


def has_items(store: Store, run_id: str) -> bool:
    return bool(store.query("SELECT 1 FROM run_items WHERE run_id=? LIMIT 1", (run_id,)))
