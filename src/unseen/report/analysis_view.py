"""Terminal views of analysis results: effective variables, corrected scores, the
memorisation gap and search results."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table


def _f(x: float | None, pct: bool = True) -> str:
    if x is None:
        return "-"
    return f"{x:.0%}" if pct else f"{x:.3g}"


def analysis_view(console: Console, d: dict[str, Any]) -> None:
    console.print(f"[bold]analysis of run {d['run_id']}[/bold]  model {d['model']}  scoring {d['mode']}  "
                  f"alpha {d['settings']['alpha']} (Holm), min effect {d['settings']['min_effect']:.0%}")
    t = Table(title=f"variables (accuracy at a level: {d.get('accuracy_at_level', 'one at a time')})")
    for col in ("family", "variable", "role", "curve", "test", "p (Holm)", "largest drop [95%]", "CIARR",
                "effective"):
        t.add_column(col, overflow="fold")
    for e in sorted(d["effects"], key=lambda e: (not e["effective"], e["p_adjusted"] if e["p_adjusted"] is not None
                                                 else 2)):
        curve = " ".join(f"{lv['level']}:{lv['rate']:.0%}" for lv in e["levels"])
        if e["p_value"] is None:
            t.add_row(e["family"], e["variable"], e["role"], curve, "-", "-", "-", "-", e["note"])
            continue
        mark = "[bold red]yes[/bold red]" if e["effective"] else "no"
        if e["effective"] and e["role"] == "surface":
            mark = "[bold magenta]yes (surface!)[/bold magenta]"
        t.add_row(e["family"], e["variable"], e["role"], curve, e["test"], f"{e['p_adjusted']:.2g}",
                  f"{e['effect']:.0%} [{_f(e['effect_low'])}, {_f(e['effect_high'])}]", _f(e["retention"], False),
                  mark)
    console.print(t)
    if d["surface_findings"]:
        console.print(f"[bold magenta]robustness finding:[/bold magenta] changing only the telling changed the "
                      f"score for {', '.join(d['surface_findings'])}")
    t = Table(title="corrected score p = (p_obs - eps*q_e) / (1 - eps), 95%")
    for col in ("family", "raw [95%]", "eps (k/n)", "q_e (probes)", "corrected [95%]", "inconsistent"):
        t.add_column(col)
    rows = [*d["families"], {"family": "all", "corrected": d["overall_corrected"], "inconsistent_instances": ""}]
    for f in rows:
        c = f["corrected"]
        t.add_row(f["family"], f"{_f(c['raw'])} [{_f(c['raw_low'])}, {_f(c['raw_high'])}]",
                  f"{c['eps']:.1%} ({c['eps_k']}/{c['eps_n']})",
                  f"{_f(c['q'])} ({c['q_k']}/{c['q_n']})" if c["q_n"] else "no probes",
                  f"{_f(c['corrected'])} [{_f(c['low'])}, {_f(c['high'])}]", str(f["inconsistent_instances"]))
    console.print(t)
    for f in d["families"]:
        u = f.get("unsolvable_probes")
        if u and u["asked"]:
            console.print(f"{f['family']}: {u['answered']} of {u['asked']} unsolvable probes (a needed fact deleted) "
                          f"got a confident `Answer:`; {u['matched_old_label']} matched the old label")
    fp = d["checker_false_passes"]
    console.print(f"checker false passes on near misses: {fp}" + ("" if fp == 0 else "  [bold red]DEFECT[/bold red]"))


def memo_view(console: Console, d: dict[str, Any]) -> None:
    console.print(f"[bold]memorisation probe[/bold]  model {d['model']}")
    console.print(f"published set: {d['published']:.1%} [{d['published_low']:.1%}, {d['published_high']:.1%}] "
                  f"over {d['published_n']} instances (run {d['published_run']})")
    console.print(f"fresh set:     {d['fresh']:.1%} [{d['fresh_low']:.1%}, {d['fresh_high']:.1%}] "
                  f"over {d['fresh_n']} instances (run {d['fresh_run']})")
    console.print(f"gap: {d['gap']:+.1%} [{d['gap_low']:+.1%}, {d['gap_high']:+.1%}], z = {d['z']:.2f}, "
                  f"p = {d['p_value']:.2g}")
    console.print("[bold red]memorisation suspected[/bold red]" if d["suspected"] else "no sign of memorisation")


def search_view(console: Console, what: str, d: dict[str, Any]) -> None:
    if what == "shrink":
        console.print(f"[bold]smallest failing setting[/bold] of {d['family']} ({d['calls']} model calls):")
        console.print(d["smallest"], highlight=False)
        for step in d["steps"]:
            console.print(f"  {step['variable']}: {step['from']} -> {step['to']}", highlight=False)
        if d["inconsistent"]:
            console.print(f"[bold yellow]inconsistent:[/bold yellow] {len(d['inconsistent'])} instances of the "
                          f"smallest setting both passed and failed across samples: {', '.join(d['inconsistent'])}")
        if d["example_prompt"]:
            console.print("[bold]example prompt[/bold]")
            console.print(d["example_prompt"], markup=False, highlight=False)
            console.print("[bold]response[/bold]")
            console.print(d["example_response"], markup=False, highlight=False)
        return
    console.print(f"[bold]breaking point[/bold] of {d['family']}.{d['variable']} at accuracy {d['target']:.0%}: "
                  f"{d['level']} (last level above: {d['last_above']}), {d['calls']} model calls", highlight=False)
    if d["note"]:
        console.print(d["note"])
    for p in d["probes"]:
        console.print(f"  level {p['level']}: {p['k']}/{p['n']} {'above' if p['above'] else 'below'}"
                      + ("" if p["settled"] else " (not settled)"), highlight=False)
