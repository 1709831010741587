"""``unseen families`` and ``unseen show``."""

from __future__ import annotations

from random import Random

import typer
from rich.console import Console

from unseen import registry
from unseen.cli.common import JsonOpt, print_json
from unseen.plan import parse_params
from unseen.report.terminal import families_table, family_detail
from unseen.verify import verify


def register(app: typer.Typer) -> None:
    @app.command("families")
    def families_cmd(
        domain: str = typer.Option(None, "--domain", help="Only families of this domain."),
        as_json: bool = JsonOpt,
    ) -> None:
        """List the task families: domain, variables, state-space size."""
        fams = registry.all_families()
        if domain:
            known = sorted({f.domain for f in fams})
            if domain not in known:
                from unseen.errors import UsageError

                raise UsageError(f"domain {domain!r} has no families; domains: {', '.join(known)}")
            fams = [f for f in fams if f.domain == domain]
        if as_json:
            print_json([f.to_json() for f in fams])
        else:
            Console().print(families_table(fams))

    @app.command("show")
    def show_cmd(
        family: str = typer.Argument(..., help="Family name."),
        seed: int = typer.Option(0, "--seed", help="Instance seed for the sample instance."),
        params: str = typer.Option("", "--params", "-p", help="Variable values, e.g. ops=16,skin=warehouse."),
        as_json: bool = JsonOpt,
    ) -> None:
        """Show one family: its variables with roles, levels and base values, and a sample instance."""
        fam = registry.get(family)
        full = fam.resolve(parse_params(params))
        problem = fam.generate(full, Random(seed))
        ver = verify(fam, problem, seed)
        if as_json:
            print_json({**fam.to_json(), "sample": {"seed": seed, "params": full, "prompt": problem.prompt,
                                                    "answer_type": problem.answer_type,
                                                    "reference": ver.reference, "verified": ver.ok,
                                                    "near_misses": ver.near_misses}})
        else:
            family_detail(Console(), fam, problem, ver.reference, full)
