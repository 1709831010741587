"""Rich tables for families, instances and run summaries."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
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


def _cls(tally: dict[str, Any], cls: str) -> str:
    c = tally["classes"][cls]
    return f"{c['count']} ({c['share']:.0%})" if c["count"] else "0"


def _inst(tally: dict[str, Any]) -> str:
    """Distinct instances scored (summaries stored before this count show '-')."""
    return str(tally["instances"]) if "instances" in tally else "-"


SHOWN_CLASSES = ("truncated", "no_answer", "error", "scoring_error")


def summary_view(console: Console, s: dict[str, Any]) -> None:
    console.print(f"[bold]run {s['run_id']}[/bold]  model {s['model']}  seed {s['run_seed']}  "
                  f"status {s['status']}")
    o = s["overall"]
    classes = ", ".join(f"{o['classes'][c]['count']} {c}" for c in SHOWN_CLASSES)
    console.print(f"attempts: {s['completed_attempts']} scored of {s['planned_attempts']} planned ({classes}); "
                  f"generation errors: {s['generation_errors']}; checker false passes on near misses: "
                  f"{s['checker_false_passes']}", highlight=False)
    console.print(f"counting rule: {s['counting_rule']}", highlight=False)
    t = Table(title="accuracy per family (Wilson 95%); response classes as count (share of attempts)")
    for col in ("family", "n", "instances", "strict", "lenient", *SHOWN_CLASSES, "gen. errors"):
        t.add_column(col)
    for f in s["families"]:
        t.add_row(f["family"], str(f["strict"]["n"]), _inst(f), _pct(f["strict"]), _pct(f["lenient"]),
                  *(_cls(f, c) for c in SHOWN_CLASSES), str(f["generation_errors"]))
    t.add_row("[bold]all[/bold]", str(o["strict"]["n"]), _inst(o), _pct(o["strict"]), _pct(o["lenient"]),
              *(_cls(o, c) for c in SHOWN_CLASSES), str(s["generation_errors"]))
    console.print(t)
    anchor = s["plan"].get("anchor", "base")
    t = Table(title=f"accuracy per variable level (Wilson 95%; one at a time, others at {anchor})")
    for col in ("family", "variable", "level", "n", "instances", "strict", "lenient", "trunc./no answer"):
        t.add_column(col)
    for f in s["families"]:
        for var, levels in f["variables"].items():
            if len(levels) < 2:
                continue
            for i, lv in enumerate(levels):
                t.add_row(f["family"] if i == 0 else "", var if i == 0 else "", str(lv["level"]),
                          str(lv["strict"]["n"]), _inst(lv), _pct(lv["strict"]), _pct(lv["lenient"]),
                          f"{lv['classes']['truncated']['count']}/{lv['classes']['no_answer']['count']}")
    console.print(t)
    small = [c for c in s.get("cells", []) if c["too_small"]]
    if small:
        t = Table(title=f"{len(small)} cells too small for n={small[0]['planned']}: only their distinct "
                        "instances were asked, and the intervals count those")
        for col in ("family", "cell", "distinct instances"):
            t.add_column(col)
        for c in small:
            t.add_row(c["family"], escape(", ".join(f"{k}={v}" for k, v in c["params"].items())),
                      f"{c['instances']} of {c['planned']}")
        console.print(t)
    for key, title in (("error_reasons", "errors (counted apart from failures)"),
                       ("scoring_error_reasons", "scoring errors (counted apart from failures; asked again "
                                                 "on --resume)")):
        if s.get(key):
            t = Table(title=title)
            t.add_column("reason")
            t.add_column("count")
            for reason, count in sorted(s[key].items(), key=lambda kv: -kv[1]):
                t.add_row(escape(reason), str(count))
            console.print(t)
