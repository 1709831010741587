"""Read a run's scored attempts into instance-level records for analysis."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from unseen.store.sqlite import RunRecord, Store


@dataclass(frozen=True)
class InstanceResult:
    """All scored samples of one instance in one run."""

    instance_id: str
    family: str
    params: dict[str, Any]
    passes: tuple[int, ...]
    """One 0/1 per scored sample (errors excluded)."""

    @property
    def mean(self) -> float:
        return sum(self.passes) / len(self.passes)


def load_results(store: Store, run: RunRecord, mode: str = "strict") -> list[InstanceResult]:
    """Scored task attempts of ``run`` grouped by instance; probes and errors left out."""
    column = "pass_strict" if mode == "strict" else "pass_lenient"
    rows = store.query(
        f"SELECT a.instance_id, i.family, i.params_json, a.{column} AS passed FROM attempts a "
        "JOIN instances i USING (instance_id) JOIN run_items r ON r.run_id=a.run_id AND r.instance_id=a.instance_id "
        "WHERE a.run_id=? AND a.status='ok' AND r.kind='task' ORDER BY a.instance_id, a.sample", (run.run_id,))
    grouped: dict[str, list[int]] = defaultdict(list)
    meta: dict[str, tuple[str, str]] = {}
    for r in rows:
        grouped[r["instance_id"]].append(int(r["passed"]))
        meta[r["instance_id"]] = (r["family"], r["params_json"])
    return [InstanceResult(i, meta[i][0], json.loads(meta[i][1]), tuple(p)) for i, p in grouped.items()]
