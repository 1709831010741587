"""Ask fresh instances of one cell through the pipeline, and decide sequentially whether
a cell's accuracy sits above or below a level."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from unseen import distinct, registry
from unseen.analysis.intervals import Rate
from unseen.models.base import AnswerKey, Model, hand_key
from unseen.plan import Item
from unseen.runner import RunStats, ask_all, generate_or_failure, prepare_items
from unseen.seeding import canonical, derive_seed
from unseen.store.sqlite import RunRecord, Store


class CellProber:
    """Each ``ask`` draws new instances of a cell (fresh indices), asks them, and returns
    one 0/1 per scored attempt (strict mode). ``calls`` counts model calls. A model that
    needs the answer key is handed one key here, once; each ``ask`` adds its instances.

    The instances of a probed cell are distinct, as a run's are (``unseen.distinct``): an
    index whose instance repeats one already drawn in the cell (the same prompt or the same
    structured data) is skipped, at most ``DRAWS_PER_INSTANCE`` draws per instance asked;
    a cell whose space runs out returns fewer (then none), and is listed in ``short``."""

    def __init__(self, store: Store, run: RunRecord, model: Model, concurrency: int = 8):
        self.store, self.run, self.model, self.concurrency = store, run, model, concurrency
        self.next_idx: dict[str, int] = defaultdict(int)
        self.next_item = store.query("SELECT coalesce(max(item), -1) + 1 FROM run_items WHERE run_id=?",
                                     (run.run_id,))[0][0]
        self.calls = 0
        self.key = AnswerKey()
        hand_key(model, self.key, run.run_seed)
        self.example: dict[str, tuple[str, str]] = {}
        self.last_groups: list[list[int]] = []
        self.inconsistent: dict[str, list[str]] = defaultdict(list)
        self.seen: dict[str, set[str]] = defaultdict(set)
        """Per cell: the keys (prompt and data hashes) of the instances drawn so far."""
        self.drawn: dict[str, int] = defaultdict(int)
        self.short: dict[str, tuple[str, dict[str, Any], int]] = {}
        """Cells whose space ran out: cell key -> (family, params, distinct instances drawn)."""

    def ask(self, family: str, params: dict[str, Any], n: int) -> list[int]:
        fam = registry.get(family)
        key = canonical([family, params])
        items, problems, draws = [], {}, 0
        while len(items) < n and draws < distinct.DRAWS_PER_INSTANCE * n:
            draws += 1
            idx = self.next_idx[key]
            self.next_idx[key] += 1
            seed = derive_seed(fam.name, fam.version, params, self.run.run_seed, idx)
            problem, failed = generate_or_failure(fam, params, seed)
            if failed is None:  # a generation error is stored and counted as such, never compared
                ks = distinct.keys(problem)
                if self.seen[key].intersection(ks):
                    continue
                self.seen[key].update(ks)
                self.drawn[key] += 1
                problems[seed] = problem
            items.append(Item(self.next_item, fam.name, fam.version, params, idx, seed))
            self.next_item += 1
        if len(items) < n:
            self.short[key] = (family, dict(params), self.drawn[key])  # shrink changes its dict later
        if not items:
            return []
        prepared = prepare_items(self.store, self.run, items, problems, key=self.key)

        async def go() -> RunStats:
            try:
                return await ask_all(self.store, self.run, self.model, prepared, concurrency=self.concurrency)
            finally:
                await self.model.aclose()

        stats = asyncio.run(go())
        self.calls += stats.asked
        ids = [p.instance_id for p in prepared if p.usable]
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = self.store.query(
            f"SELECT a.instance_id, a.pass_strict, a.response, i.problem_json FROM attempts a JOIN instances i "
            f"USING (instance_id) WHERE a.run_id=? AND a.status='ok' AND a.instance_id IN ({marks})",
            (self.run.run_id, *ids))
        by_instance: dict[str, list[int]] = defaultdict(list)
        for r in rows:
            by_instance[r["instance_id"]].append(int(r["pass_strict"]))
            if not r["pass_strict"]:
                self.example[key] = (r["problem_json"], r["response"])
        # an instance that both passed and failed across samples is named, not averaged away
        self.inconsistent[key].extend(i for i, v in by_instance.items() if 0 < sum(v) < len(v))
        self.last_groups = list(by_instance.values())  # for intervals that count instances
        return [int(r["pass_strict"]) for r in rows]


    def short_lines(self) -> list[str]:
        """One line per probed cell whose space ran out before its decision."""
        out = []
        for family, params, drawn in self.short.values():
            base = registry.get(family).resolve({})
            named = " ".join(f"{k}={v}" for k, v in params.items() if base.get(k) != v) or "(base cell)"
            out.append(f"{family} {named}: only {drawn} distinct instances; decided on those")
        return out


@dataclass
class Decision:
    above: bool
    """True when the cell's accuracy is judged at or above the level."""
    k: int
    n: int
    settled: bool
    """True when the Wilson interval excluded the level; False when n ran out first."""


def decide(prober: CellProber, family: str, params: dict[str, Any], level: float, *,
           batch: int = 8, n_max: int = 48) -> Decision:
    """Sample the cell in batches until its 95% interval excludes ``level`` or ``n_max``
    attempts are in; then judge by the point estimate. The interval is the design-effect
    Wilson interval over instances (``Rate.of``): with repeated samples it counts
    instances, not samples, as every interval in unseen does."""
    passes: list[int] = []
    groups: list[list[int]] = []
    while len(passes) < n_max:
        got = prober.ask(family, params, min(batch, n_max - len(passes)))
        if not got:
            break
        passes += got
        groups += getattr(prober, "last_groups", [[p] for p in got])
        k, n = sum(passes), len(passes)
        rate = Rate.of(groups)
        lo, hi = rate.low, rate.high
        if lo > level:
            return Decision(True, k, n, True)
        if hi < level:
            return Decision(False, k, n, True)
    k, n = sum(passes), len(passes)
    return Decision(n > 0 and k / n >= level, k, n, False)
