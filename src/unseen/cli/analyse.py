"""``unseen analyse``, ``publish``, ``memo``, ``shrink`` and ``breaking-point``."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import replace
from pathlib import Path
from random import Random
from typing import Any

import typer
from rich.console import Console

from unseen import distinct, registry
from unseen.analysis.data import load_results
from unseen.analysis.effects import ALPHA, MIN_EFFECT, MIN_PER_LEVEL, EffectSettings
from unseen.analysis.memorisation import compare
from unseen.analysis.report_data import analyse_run
from unseen.cli.common import JsonOpt, StoreOpt, print_json, ready_model
from unseen.errors import UsageError
from unseen.plan import MAX_N, MAX_SAMPLES, Plan, build_plan, parse_params
from unseen.report.analysis_view import analysis_view, memo_view, search_view
from unseen.runner import execute, new_run
from unseen.search.adaptive import breaking_point, ordered_variable
from unseen.search.probe import CellProber
from unseen.search.shrink import StartPasses, shrink
from unseen.seeding import fresh_run_seed, instance_id
from unseen.store import open_store
from unseen.verify import verify


def register(app: typer.Typer) -> None:
    @app.command("analyse")
    def analyse_cmd(
        run_id: str = typer.Argument(None, help="Run id or a unique prefix; default the latest run."),
        store: str = StoreOpt,
        mode: str = typer.Option("strict", "--mode", help="strict or lenient scoring."),
        alpha: float = typer.Option(ALPHA, "--alpha", help="Family-wise error rate (Holm)."),
        min_effect: float = typer.Option(MIN_EFFECT, "--min-effect", help="Smallest drop that counts as effective."),
        min_per_level: int = typer.Option(MIN_PER_LEVEL, "--min-per-level",
                                          help="Instances a level needs before it is tested."),
        as_json: bool = JsonOpt,
    ) -> None:
        """Effective variables (Holm-corrected), corrected scores and checker false passes of a run."""
        if mode not in ("strict", "lenient"):
            raise UsageError(f"--mode {mode!r} is not a mode; use strict or lenient")
        if not 0 < alpha < 1 or not 0 <= min_effect <= 1 or min_per_level < 2:
            raise UsageError("--alpha must be in (0, 1), --min-effect in [0, 1], --min-per-level at least 2")
        with open_store(store, create=False, readonly=True) as st:
            data = analyse_run(st, run_id, mode=mode,
                               settings=EffectSettings(alpha, min_effect, min_per_level))
        print_json(data) if as_json else analysis_view(Console(), data)

    @app.command("publish")
    def publish_cmd(
        out: str = typer.Option(..., "--out", "-o", help="File to write the published set to (JSONL)."),
        seed: int = typer.Option(..., "--seed", help="The pinned seed that defines the published set."),
        family: list[str] = typer.Option([], "--family", "-f", help="Family (repeat); default all."),
        n: int = typer.Option(None, "--n", help="Instances per cell."),
        params: list[str] = typer.Option([], "--params", "-p", help="Fixed values, as for run."),
        vary: list[str] = typer.Option([], "--vary", help="Only sweep these variables (repeat)."),
    ) -> None:
        """Export a fixed published set (a pinned seed) for the memorisation probe."""
        _check_seed(seed)
        target = Path(out)
        if not out.strip() or target.is_dir():
            raise UsageError(f"--out {out!r} is a folder; give a file name, e.g. "
                             f"{str(Path(out.strip() or '.') / 'set.jsonl')!r}")
        if not target.parent.is_dir():
            what = "is a file, not a folder; give a path in a folder" if target.parent.exists() else \
                "does not exist; create it first"
            raise UsageError(f"folder {str(target.parent)!r} for --out {what}")
        plan = build_plan(families=list(family), suite=None, design=None, n=n, samples=None, params=list(params),
                          vary=list(vary), cells=None)
        lines = [json.dumps({"unseen_published": 1, "seed": seed, "plan": plan.to_json(),
                             "versions": {f: registry.get(f).version for f in plan.families}})]
        selection = distinct.select(plan, seed)  # what a run of this plan and seed asks
        selection.warn()
        for item in selection.items:
            fam = registry.get(item.family)
            problem = selection.problems.get(item.seed) or fam.generate(item.params, Random(item.seed))
            ver = verify(fam, problem, item.seed)
            if ver.ok:
                lines.append(json.dumps({
                    "instance_id": instance_id(fam.name, fam.version, item.params, item.seed), "family": fam.name,
                    "version": fam.version, "params": item.params, "seed": item.seed, "prompt": problem.prompt,
                    "answer_type": problem.answer_type, "reference": ver.reference}))
        try:
            fd, tmp = tempfile.mkstemp(dir=target.parent or ".", suffix=".tmp")
        except OSError as exc:
            raise UsageError(f"--out {out!r} cannot be written ({exc.strerror}); pick a folder you can write") \
                from None
        with os.fdopen(fd, "w") as fh:  # write whole, then rename: never a half-written set
            fh.write("\n".join(lines) + "\n")
        os.replace(tmp, target)
        Console(stderr=True).print(f"published {len(lines) - 1} instances (seed {seed}) to {out}")

    @app.command("memo")
    def memo_cmd(
        published: str = typer.Option(..., "--published", help="A published set written by `unseen publish`."),
        model: str = typer.Option(..., "--model", "-m", help="Model spec."),
        store: str = StoreOpt,
        concurrency: int = typer.Option(8, "--concurrency", "-c", help="Requests in flight."),
        as_json: bool = JsonOpt,
    ) -> None:
        """Memorisation probe: the model on the published set and on fresh instances of the same plan."""
        _check_concurrency(concurrency)
        header = _read_published(published)
        plan = Plan.from_json(header["plan"])
        mdl = ready_model(model, families=list(plan.families))
        with open_store(store, create=True) as st:
            runs = {}
            # the fresh set leaves out every published instance (same prompt or same data),
            # rebuilt from the published seed and plan, so a resume leaves out the same
            fresh_options = {"exclude_published": {"seed": int(header["seed"]), "plan": plan.to_json()}}
            for role, seed, run_plan, extra in (
                    ("published", int(header["seed"]), plan, {}),
                    ("fresh", fresh_run_seed(), replace(plan, distinct=True), fresh_options)):
                run = new_run(st, model, run_plan, seed,
                              {"cache": False, "sampling": {}, "memo": role, **extra})
                execute(st, run, mdl, concurrency=concurrency)
                runs[role] = run
            pub = load_results(st, runs["published"])
            fresh = load_results(st, runs["fresh"])
        try:
            result = compare(pub, fresh)
        except ValueError:
            raise UsageError(f"the memorisation probe needs 2 scored instances in each set; it has "
                             f"{len(pub)} published and {len(fresh)} fresh (the plan's cells hold too few "
                             "instances outside the published set); publish a plan with larger cells") from None
        data = {"published_run": runs["published"].run_id, "fresh_run": runs["fresh"].run_id, "model": model,
                **result.to_json()}
        print_json(data) if as_json else memo_view(Console(), data)

    @app.command("shrink")
    def shrink_cmd(
        model: str = typer.Option(..., "--model", "-m", help="Model spec."),
        family: str = typer.Option(..., "--family", "-f", help="Family to shrink in."),
        params: str = typer.Option("", "--params", "-p", help="The failing start setting, name=value,..."),
        threshold: float = typer.Option(0.5, "--threshold", help="Failure rate a setting must keep."),
        n_max: int = typer.Option(40, "--n-max", help="Most attempts per decision."),
        samples: int = typer.Option(1, "--samples", help="Samples per instance (2+ names inconsistent ones)."),
        store: str = StoreOpt,
        as_json: bool = JsonOpt,
    ) -> None:
        """Shrink a failing setting to the smallest setting that still fails."""
        if not 1 <= samples <= MAX_SAMPLES:
            raise UsageError(f"--samples {samples} must be from 1 to {MAX_SAMPLES:,}")
        if not 0 < threshold < 1:
            raise UsageError(f"--threshold {threshold} must be between 0 and 1")
        _check_n_max(n_max)
        fam = registry.get(family)
        start = fam.resolve(parse_params(params))
        plan = Plan(families=(family,), n=1, samples=samples)
        mdl = ready_model(model, families=[family])
        with open_store(store, create=True) as st:
            run = new_run(st, model, plan, fresh_run_seed(), {"cache": False, "sampling": {}, "search": "shrink"})
            try:
                prober = CellProber(st, run, mdl)
                result = shrink(prober, family, start, threshold=threshold, n_max=n_max)
            except StartPasses as exc:  # a finding, not bad input: the attempts asked are kept
                st.set_status(run.run_id, "complete")
                typer.echo(f"error: {exc} (the attempts asked are kept as run {run.run_id})", err=True)
                raise typer.Exit(1) from None
            except BaseException:  # an interrupt leaves no run marked running
                st.set_status(run.run_id, "interrupted")
                raise
            st.set_status(run.run_id, "complete")
        for line in prober.short_lines():
            typer.echo(line, err=True)
        data = {"run_id": run.run_id, **vars(result)}
        print_json(data) if as_json else search_view(Console(), "shrink", data)

    @app.command("breaking-point")
    def breaking_point_cmd(
        model: str = typer.Option(..., "--model", "-m", help="Model spec."),
        family: str = typer.Option(..., "--family", "-f", help="Family."),
        variable: str = typer.Option(..., "--var", help="Ordered variable to search along."),
        params: str = typer.Option("", "--params", "-p", help="Other variables' values (default base)."),
        target: float = typer.Option(0.5, "--target", help="Accuracy level to find the crossing of."),
        n_max: int = typer.Option(48, "--n-max", help="Most attempts per probed level."),
        store: str = StoreOpt,
        as_json: bool = JsonOpt,
    ) -> None:
        """Find where accuracy crosses a target along one variable, adaptively."""
        if not 0 < target < 1:
            raise UsageError(f"--target {target} must be between 0 and 1")
        _check_n_max(n_max)
        fam = registry.get(family)
        ordered_variable(fam, variable)
        base = fam.resolve(parse_params(params))
        mdl = ready_model(model, families=[family])
        with open_store(store, create=True) as st:
            run = new_run(st, model, Plan(families=(family,), n=1), fresh_run_seed(),
                          {"cache": False, "sampling": {}, "search": "breaking-point"})
            try:
                prober = CellProber(st, run, mdl)
                result = breaking_point(prober, family, variable, base, target=target, n_max=n_max)
            except BaseException:
                st.set_status(run.run_id, "interrupted")
                raise
            st.set_status(run.run_id, "complete")
        for line in prober.short_lines():
            typer.echo(line, err=True)
        data = {"run_id": run.run_id, **vars(result)}
        print_json(data) if as_json else search_view(Console(), "breaking point", data)


def _check_n_max(n_max: int) -> None:
    if not 1 <= n_max <= MAX_N:
        raise UsageError(f"--n-max {n_max} must be from 1 to {MAX_N:,} (attempts per decision)")


def _check_concurrency(concurrency: int) -> None:
    if not 1 <= concurrency <= 1024:
        raise UsageError(f"--concurrency {concurrency} must be from 1 to 1024")


def _check_seed(seed: int) -> None:
    if not 0 <= seed < 2**63:
        raise UsageError(f"--seed {seed} must be between 0 and 2^63-1")


def _read_published(path: str) -> dict[str, Any]:
    p = Path(path)
    if not p.exists():
        raise UsageError(f"published set {path!r} does not exist; write one with `unseen publish`")
    if not p.is_file():
        raise UsageError(f"published set {path!r} is a folder; give the file `unseen publish --out` wrote")
    try:
        header = json.loads(p.read_text().splitlines()[0])
        if header.get("unseen_published") != 1:
            raise ValueError
        Plan.from_json(header["plan"])
        int(header["seed"])
        dict(header["versions"])
    except (ValueError, IndexError, AttributeError, KeyError, TypeError):
        raise UsageError(f"{path!r} is not a published set written by `unseen publish`") from None
    for fam, version in header["versions"].items():
        if registry.get(fam).version != version:
            raise UsageError(f"published set {path!r} used {fam} version {version}; this unseen has version "
                             f"{registry.get(fam).version}, so the same instances cannot be rebuilt")
    return header



