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
        with open_store(store, create=False) as st:
            summary = load_summary(st, run_id)
        if as_json:
            print_json(summary)
        else:
            summary_view(Console(), summary)

    @app.command("runs")
    def runs_cmd(store: str = StoreOpt, as_json: bool = JsonOpt) -> None:
        """List the runs in a store."""
        with open_store(store, create=False) as st:
            runs = st.list_runs()
        if as_json:
            print_json([{"run_id": r.run_id, "created_at": r.created_at, "model": r.model,
                         "run_seed": r.run_seed, "status": r.status, "plan": r.plan} for r in runs])
            return
        t = Table(title=f"{len(runs)} runs")
        for col in ("run id", "created", "model", "seed", "status", "suite/design"):
            t.add_column(col)
        for r in runs:
            t.add_row(r.run_id, r.created_at[:19], r.model, str(r.run_seed), r.status,
                      f"{r.plan.get('suite') or '-'} / {r.plan.get('design')}")
        Console().print(t)
