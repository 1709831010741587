"""Rich tables for families, instances and run summaries."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from unseen.family import Family
from unseen.problem import Problem


def _pct(rate: dict[str, Any]) -> str:
    if rate["rate"] is None:
        return "-"
    return f"{rate['rate']:.0%} [{100 * rate['low']:.0f}-{100 * rate['high']:.0f}]"


def families_table(families: list[Family]) -> Table:
    t = Table(title=f"{len(families)} families in {len({f.domain for f in families})} domains")
    for col in ("family", "domain", "v", "variables (logic / surface)", "state space", "purpose"):
        t.add_column(col, overflow="fold")
    for f in families:
        logic = [n for n, v in f.variables.items() if v.role == "logic"]
        surface = [n for n, v in f.variables.items() if v.role == "surface"]
        t.add_row(f.name, f.domain, str(f.version), f"{', '.join(logic)} / {', '.join(surface)}",
                  f"{f.state_space_size:,}", f.purpose)
    return t


def family_detail(console: Console, fam: Family, problem: Problem, reference: str, params: dict) -> None:
    console.print(f"[bold]{fam.name}[/bold] v{fam.version} ({fam.domain}): {fam.purpose}")
    console.print(f"state space: {fam.state_space_size:,} settings")
    t = Table()
    for col in ("variable", "kind", "role", "domain", "base", "simplest", "levels", "help"):
        t.add_column(col, overflow="fold")
    for name, v in fam.variables.items():
        t.add_row(name, v.kind + (" (ordered)" if v.ordered and v.kind == "choice" else ""), v.role,
                  v.describe_domain(), str(v.base), str(v.simplest), ", ".join(map(str, v.levels)), v.help)
    console.print(t)
    console.print(f"[bold]sample instance[/bold] with {params}:")
    console.print(problem.prompt, markup=False, highlight=False)
    console.print(f"[bold]reference answer:[/bold] {reference}", highlight=False)


def summary_view(console: Console, s: dict[str, Any]) -> None:
    console.print(f"[bold]run {s['run_id']}[/bold]  model {s['model']}  seed {s['run_seed']}  "
                  f"status {s['status']}")
    console.print(f"attempts: {s['completed_attempts']} scored of {s['planned_attempts']} planned, "
                  f"{s['errors']} errors (not counted as failures); generation errors: "
                  f"{s['generation_errors']}; checker false passes on near misses: {s['checker_false_passes']}")
    t = Table(title="accuracy per family (Wilson 95%)")
    for col in ("family", "n", "strict", "lenient", "errors", "gen. errors"):
        t.add_column(col)
    for f in s["families"]:
        t.add_row(f["family"], str(f["strict"]["n"]), _pct(f["strict"]), _pct(f["lenient"]),
                  str(f["errors"]), str(f["generation_errors"]))
    o = s["overall"]
    t.add_row("[bold]all[/bold]", str(o["strict"]["n"]), _pct(o["strict"]), _pct(o["lenient"]),
              str(o["errors"]), str(s["generation_errors"]))
    console.print(t)
    anchor = s["plan"].get("anchor", "base")
    t = Table(title=f"accuracy per variable level (Wilson 95%; one at a time, others at {anchor})")
    for col in ("family", "variable", "level", "n", "strict", "lenient"):
        t.add_column(col)
    for f in s["families"]:
        for var, levels in f["variables"].items():
            if len(levels) < 2:
                continue
            for i, lv in enumerate(levels):
                t.add_row(f["family"] if i == 0 else "", var if i == 0 else "", str(lv["level"]),
                          str(lv["strict"]["n"]), _pct(lv["strict"]), _pct(lv["lenient"]))
    console.print(t)
    if s["error_reasons"]:
        t = Table(title="errors (counted apart from failures)")
        t.add_column("reason")
        t.add_column("count")
        for reason, count in sorted(s["error_reasons"].items(), key=lambda kv: -kv[1]):
            t.add_row(reason, str(count))
        console.print(t)
