"""``unseen summary`` and ``unseen runs``."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

from unseen.analysis.summary import load_summary
from unseen.cli.common import JsonOpt, StoreOpt, print_json
from unseen.report.terminal import summary_view
from unseen.store import open_store


def register(app: typer.Typer) -> None:
    @app.command("summary")
    def summary_cmd(
        run_id: str = typer.Argument(None, help="Run id or a unique prefix; default the latest run."),
        store: str = StoreOpt,
        as_json: bool = JsonOpt,
    ) -> None:
        """Accuracy per family and per variable level with Wilson 95% intervals; errors apart."""
        with open_store(store, create=False, readonly=True) as st:
            summary = load_summary(st, run_id)
        if as_json:
            print_json(summary.to_json())
        else:
            summary_view(Console(), summary)

    @app.command("compare")
    def compare_cmd(
        run_a: str = typer.Argument(..., help="First run id (or unique prefix)."),
        run_b: str = typer.Argument(..., help="Second run id (or unique prefix)."),
        store: str = StoreOpt,
        mode: str = typer.Option("strict", "--mode", help="strict or lenient scoring."),
        as_json: bool = JsonOpt,
    ) -> None:
        """Compare two runs on their shared instances: paired difference and McNemar test."""
        from unseen.analysis.compare import paired
        from unseen.analysis.data import load_results
        from unseen.errors import UsageError

        if mode not in ("strict", "lenient"):
            raise UsageError(f"--mode {mode!r} is not a mode; use strict or lenient")
        with open_store(store, create=False, readonly=True) as st:
            ra, rb = st.get_run(run_a), st.get_run(run_b)
            try:
                data = paired(load_results(st, ra, mode), load_results(st, rb, mode))
            except ValueError:
                raise UsageError(f"runs {ra.run_id} and {rb.run_id} share no scored instances; run both with "
                                 "the same plan and the same --seed") from None
        data.update(run_a=ra.run_id, model_a=ra.model, run_b=rb.run_id, model_b=rb.model, mode=mode)
        if as_json:
            print_json(data)
            return
        t = Table(title=f"A = {ra.model} ({ra.run_id})  vs  B = {rb.model} ({rb.run_id}), paired, {mode}")
        for col in ("family", "instances", "A", "B", "A - B [95%]", "only A / only B", "McNemar p"):
            t.add_column(col)
        for f in [*data["families"], data["overall"]]:
            t.add_row(f["family"], str(f["instances"]), f"{f['a']:.0%}", f"{f['b']:.0%}",
                      f"{f['diff']:+.0%} [{f['diff_low']:+.0%}, {f['diff_high']:+.0%}]",
                      f"{f['only_a']} / {f['only_b']}", f"{f['p_value']:.2g}")
        Console().print(t)

    @app.command("runs")
    def runs_cmd(store: str = StoreOpt, as_json: bool = JsonOpt) -> None:
        """List the runs in a store."""
        with open_store(store, create=False, readonly=True) as st:
            runs = st.list_runs()
        if as_json:
            print_json([{"run_id": r.run_id, "created_at": r.created_at, "model": r.model,
                         "run_seed": r.run_seed, "status": r.status, "plan": r.plan} for r in runs])
            return
        t = Table(title=f"{len(runs)} runs")
        for col in ("run id", "created", "model", "seed", "status", "suite/design"):
            t.add_column(col, no_wrap=col == "run id", min_width=16 if col == "run id" else None)
        for r in runs:
            t.add_row(r.run_id, r.created_at[:19], r.model, str(r.run_seed), r.status,
                      f"{r.plan.get('suite') or '-'} / {r.plan.get('design')}")
        Console().print(t)
