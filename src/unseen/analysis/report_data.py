"""Everything ``unseen analyse`` shows, as plain data: effective variables, corrected
scores, the checker's own false passes, and inconsistent instances."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from unseen.analysis.calibration import corrected_score
from unseen.analysis.data import load_results
from unseen.analysis.effects import EffectSettings, analyse_effects
from unseen.errors import StoreError
from unseen.plan import Plan
from unseen.store.sqlite import Store


def analyse_run(store: Store, run_id: str | None, *, mode: str = "strict",
                settings: EffectSettings | None = None, allow_running: bool = False) -> dict[str, Any]:
    run = store.get_run(run_id)
    if run.status == "running" and not allow_running:
        done = store.query("SELECT count(*) FROM attempts WHERE run_id=? AND status='ok'", (run.run_id,))[0][0]
        raise StoreError(f"run {run.run_id} is still in progress ({done} attempts scored so far); wait for it, "
                         f"or resume it with `unseen run --resume {run.run_id}` if it was stopped")
    plan = Plan.from_json(run.plan)
    results = load_results(store, run, mode)
    if not results:
        raise StoreError(f"run {run.run_id} has no scored attempts to analyse; "
                         f"resume it with `unseen run --resume {run.run_id}`")
    effects = analyse_effects(results, plan, settings)
    column = "pass_strict" if mode == "strict" else "pass_lenient"
    gen = defaultdict(lambda: [0, 0])
    false_passes = 0
    for r in store.query("SELECT family, verified, false_passes, kind FROM run_items WHERE run_id=?", (run.run_id,)):
        false_passes += r["false_passes"]
        if r["kind"] == "task":
            gen[r["family"]][0] += 1 - r["verified"]
            gen[r["family"]][1] += 1
    reviewed = defaultdict(lambda: [0, 0])
    for r in store.query("SELECT i.family, v.verdict FROM reviews v JOIN instances i USING (instance_id) "
                         "WHERE v.run_id=?", (run.run_id,)):
        reviewed[r["family"]][0] += r["verdict"] == "flawed"
        reviewed[r["family"]][1] += 1
    probes = defaultdict(lambda: [0, 0])
    unsolvable = defaultdict(lambda: {"asked": 0, "answered": 0, "matched_old_label": 0})
    for r in store.query(
            f"SELECT r.family, r.kind, a.{column} AS passed, a.answer_strict FROM attempts a JOIN run_items r "
            "ON r.run_id=a.run_id AND r.instance_id=a.instance_id WHERE a.run_id=? AND a.status='ok' "
            "AND r.kind!='task'", (run.run_id,)):
        probes[r["family"]][0] += r["passed"]
        probes[r["family"]][1] += 1
        if r["kind"] == "probe_unsolvable":
            u = unsolvable[r["family"]]
            u["asked"] += 1
            u["answered"] += r["answer_strict"] is not None
            u["matched_old_label"] += r["passed"]
    obs = defaultdict(lambda: [0, 0])
    inconsistent = defaultdict(int)
    for res in results:
        obs[res.family][0] += sum(res.passes)
        obs[res.family][1] += len(res.passes)
        if 0 < sum(res.passes) < len(res.passes):
            inconsistent[res.family] += 1
    families = []
    totals = [0] * 6
    for fam in plan.families:
        # epsilon pools the generator's verification failures with human-review verdicts
        eps = (gen[fam][0] + reviewed[fam][0], gen[fam][1] + reviewed[fam][1])
        counts = (*obs[fam], *eps, *probes[fam])
        totals = [t + c for t, c in zip(totals, counts, strict=True)]
        families.append({"family": fam, "corrected": corrected_score(*counts).to_json(),
                         "inconsistent_instances": inconsistent[fam],
                         "unsolvable_probes": unsolvable[fam] if fam in unsolvable else None,
                         "reviews": {"reviewed": reviewed[fam][1], "flawed": reviewed[fam][0]}})
    return {
        "run_id": run.run_id, "model": run.model, "mode": mode, "status": run.status,
        "samples": plan.samples, "settings": vars(settings or EffectSettings()),
        "effects": [e.to_json() for e in effects],
        "effective": [f"{e.family}.{e.variable}" for e in effects if e.effective],
        "surface_findings": [f"{e.family}.{e.variable}" for e in effects if e.effective and e.role == "surface"],
        "families": families,
        "overall_corrected": corrected_score(*totals).to_json(),
        "checker_false_passes": int(false_passes),
    }
