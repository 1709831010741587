"""A run's scored task attempts as instance-level records for analysis."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from unseen.store.queries import task_attempts
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
    """Scored task attempts of ``run`` grouped by instance (equal problems are one
    instance, as the summary counts them); probes and errors left out."""
    first: dict[str, tuple[str, str, dict[str, Any]]] = {}
    passes: dict[str, list[int]] = {}
    for a in task_attempts(store, run.run_id):
        if a.status != "ok":
            continue
        first.setdefault(a.content, (a.instance_id, a.family, a.params))
        passes.setdefault(a.content, []).append(int(a.passed(mode)))
    return [InstanceResult(*first[c], tuple(p)) for c, p in passes.items()]
