"""Everything ``unseen analyse`` shows, as plain data: effective variables, corrected
scores, the checker's own false passes, and inconsistent instances."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from unseen.analysis.calibration import corrected_score
from unseen.analysis.data import InstanceResult, load_results
from unseen.analysis.effects import EffectSettings, analyse_effects
from unseen.analysis.intervals import effective_size
from unseen.analysis.levels import LevelRule
from unseen.errors import StoreError
from unseen.plan import Plan
from unseen.store.queries import item_counts, probe_attempts, reviews, scored_count
from unseen.store.sqlite import Store


def analyse_run(store: Store, run_id: str | None, *, mode: str = "strict",
                settings: EffectSettings | None = None, allow_running: bool = False) -> dict[str, Any]:
    run = store.get_run(run_id)
    if run.status == "running" and not allow_running:
        raise StoreError(f"run {run.run_id} is still in progress ({scored_count(store, run.run_id)} attempts scored "
                         f"so far); wait for it, or resume it with `unseen run --resume {run.run_id}` if it was "
                         "stopped")
    plan = Plan.from_record(run.plan)
    results = load_results(store, run, mode)
    if not results:
        raise StoreError(f"run {run.run_id} has no scored attempts to analyse; "
                         f"resume it with `unseen run --resume {run.run_id}`")
    decls = store.declarations(run)
    effects = analyse_effects(results, plan, decls, settings)
    counts = item_counts(store, run.run_id)
    reviewed = defaultdict(lambda: [0, 0])
    for r in reviews(store, run.run_id):
        reviewed[r.family][0] += r.verdict == "flawed"
        reviewed[r.family][1] += 1
    probes = defaultdict(lambda: [0, 0])
    unsolvable = defaultdict(lambda: {"asked": 0, "answered": 0, "matched_old_label": 0})
    for p in probe_attempts(store, run.run_id, mode):
        probes[p.family][0] += p.passed
        probes[p.family][1] += 1
        if p.kind == "probe_unsolvable":
            u = unsolvable[p.family]
            u["asked"] += 1
            u["answered"] += p.answered
            u["matched_old_label"] += p.passed
    by_family: dict[str, list[InstanceResult]] = defaultdict(list)
    for res in results:
        by_family[res.family].append(res)
    families = []
    totals = [0.0] * 6
    for fam in plan.families:
        c = counts.get(fam)
        # epsilon pools the generator's verification failures with human-review verdicts
        eps = ((c.generation_errors if c else 0) + reviewed[fam][0], (c.tasks if c else 0) + reviewed[fam][1])
        counts_fam = (*_observed(by_family[fam]), *eps, *probes[fam])
        totals = [t + x for t, x in zip(totals, counts_fam, strict=True)]
        families.append({"family": fam, "corrected": corrected_score(*counts_fam).to_json(),
                         "inconsistent_instances": sum(0 < sum(r.passes) < len(r.passes) for r in by_family[fam]),
                         "unsolvable_probes": unsolvable[fam] if fam in unsolvable else None,
                         "reviews": {"reviewed": reviewed[fam][1], "flawed": reviewed[fam][0]}})
    totals[0:2] = _observed(results)
    return {
        "run_id": run.run_id, "model": run.model, "mode": mode, "status": run.status,
        "samples": plan.samples, "settings": vars(settings or EffectSettings()),
        "accuracy_at_level": LevelRule(plan, decls).name,
        "effects": [e.to_json() for e in effects],
        "effective": [f"{e.family}.{e.variable}" for e in effects if e.effective],
        "surface_findings": [f"{e.family}.{e.variable}" for e in effects if e.effective and e.role == "surface"],
        "families": families,
        "overall_corrected": corrected_score(*totals).to_json(),
        "checker_false_passes": sum(c.false_passes for c in counts.values()),
    }


def _observed(results: list[InstanceResult]) -> tuple[float, float]:
    """(passes, attempts) at the effective sample size: with repeated samples of one
    instance the corrected score's interval counts instances, as every interval does."""
    p, n_eff = effective_size([r.passes for r in results])
    return (p * n_eff, n_eff)
