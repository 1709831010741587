"""``unseen check``: a family's whole contract (see ``unseen.checking``), as a table."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from unseen import registry
from unseen.cli.common import JsonOpt, print_json
from unseen.errors import UsageError

MAX_N = 10_000

_STYLE = {"pass": "green", "fail": "bold red", "skip": "dim"}


def register(app: typer.Typer) -> None:
    @app.command("check")
    def check_cmd(
        families: list[str] = typer.Argument(None, help="Families to check (default: every registered family)."),
        n: int = typer.Option(50, "--n", help="Random settings per family, besides the base setting."),
        seed: int = typer.Option(0, "--seed", help="Seed of the settings and instances drawn."),
        skip: list[str] = typer.Option([], "--skip", help="Leave this family out (repeat)."),
        as_json: bool = JsonOpt,
    ) -> None:
        """Check families against the contract: determinism across processes, check accepts
        solve, near misses rejected, JSON round trip, generation time, distinct instances,
        answer spread, the answer sentence, re-derivation. Exit 1 if any check fails."""
        from unseen.checking import check_families

        if not 1 <= n <= MAX_N:
            raise UsageError(f"--n {n} is outside 1..{MAX_N:,}; pick a number of random settings in that range")
        for name in skip:
            registry.get(name)  # an unknown name is refused with a did-you-mean
        fams = [registry.get(f) for f in families] if families else registry.all_families()
        fams = [f for f in fams if f.name not in skip]
        if not fams:
            raise UsageError("no family left to check; drop a --skip")
        err = Console(stderr=True)
        with err.status("checking ...") as status:
            reports = check_families(fams, n=n, seed=seed,
                                     progress=lambda name: status.update(f"checking {name} ..."))
        failed = [r.family for r in reports if not r.ok]
        if as_json:
            print_json([r.to_json() for r in reports])
        else:
            table = Table(title=f"unseen check: {len(reports)} families, n={n}, seed={seed}")
            for col in ("family", "check", "result", "detail"):
                table.add_column(col, overflow="fold")
            for report in reports:
                for i, row in enumerate(report.rows):
                    table.add_row(report.family if i == 0 else "", row.check,
                                  f"[{_STYLE[row.status]}]{row.status}[/]", escape(row.detail),
                                  end_section=i == len(report.rows) - 1)
            Console().print(table)
            if failed:
                Console().print(f"[bold red]{len(failed)} of {len(reports)} families failed:[/] {', '.join(failed)}")
            else:
                Console().print(f"[green]all {len(reports)} families passed[/]")
        if failed:
            raise typer.Exit(1)
