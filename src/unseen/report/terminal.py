"""Rich tables for families, instances and run summaries."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from unseen.analysis.intervals import Rate
from unseen.analysis.summary import COUNTING_RULE, RunSummary, Tally
from unseen.family import Family
from unseen.problem import Problem


def _pct(rate: Rate) -> str:
    if rate.rate is None:
        return "-"
    return f"{rate.rate:.0%} [{100 * rate.low:.0f}-{100 * rate.high:.0f}]"


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


def _cls(tally: Tally, cls: str) -> str:
    c, total = tally.classes[cls], tally.attempts
    return f"{c} ({c / total:.0%})" if c else "0"


SHOWN_CLASSES = ("truncated", "no_answer", "error", "scoring_error")


def _row(name: str, t: Tally, *extra: str) -> list[str]:
    strict = t.rate("strict")
    return [name, str(strict.n), str(strict.instances), _pct(strict), _pct(t.rate("lenient")),
            *(_cls(t, c) for c in SHOWN_CLASSES), *extra]


def summary_view(console: Console, s: RunSummary) -> None:
    r = s.run
    console.print(f"[bold]run {r.run_id}[/bold]  model {escape(r.model)}  seed {r.run_seed}  status {r.status}")
    o = s.overall
    classes = ", ".join(f"{o.classes[c]} {c}" for c in SHOWN_CLASSES)
    console.print(f"attempts: {o.scored} scored of {s.planned_attempts} planned ({classes}); "
                  f"generation errors: {s.generation_errors}; checker false passes on near misses: "
                  f"{s.checker_false_passes}", highlight=False)
    console.print(f"counting rule: {COUNTING_RULE}", highlight=False)
    t = Table(title="accuracy per family (Wilson 95%, counting instances); response classes as count "
                    "(share of attempts)")
    for col in ("family", "n", "instances", "strict", "lenient", *SHOWN_CLASSES, "gen. errors"):
        t.add_column(col)
    for f in s.families:
        t.add_row(*_row(f.family, f.total, str(f.counts.generation_errors)))
    t.add_row(*_row("[bold]all[/bold]", o, str(s.generation_errors)))
    console.print(t)
    t = Table(title=f"accuracy per variable level (Wilson 95%; {s.level_rule})")
    for col in ("family", "variable", "level", "n", "instances", "strict", "lenient", "trunc./no answer"):
        t.add_column(col)
    for f in s.families:
        for var, rows in f.levels.items():
            if len(rows) < 2:
                continue
            for i, row in enumerate(rows):
                strict = row.tally.rate("strict")
                t.add_row(f.family if i == 0 else "", var if i == 0 else "", escape(str(row.level)),
                          str(strict.n), str(strict.instances), _pct(strict), _pct(row.tally.rate("lenient")),
                          f"{row.tally.classes['truncated']}/{row.tally.classes['no_answer']}")
    console.print(t)
    n = int(r.plan.get("n", 0))
    small = s.too_small(n)
    if small:
        t = Table(title=f"{len(small)} cells too small for n={n}: only their distinct "
                        "instances were asked, and the intervals count those")
        for col in ("family", "cell", "distinct instances"):
            t.add_column(col)
        for c in small:
            t.add_row(c.family, escape(", ".join(f"{k}={v}" for k, v in c.params.items())),
                      f"{c.instances} of {n}")
        console.print(t)
    for reasons, title in ((s.error_reasons, "errors (counted apart from failures)"),
                           (s.scoring_error_reasons, "scoring errors (counted apart from failures; asked again "
                                                     "on --resume)")):
        if reasons:
            t = Table(title=title)
            t.add_column("reason")
            t.add_column("count")
            for reason, count in sorted(reasons.items(), key=lambda kv: -kv[1]):
                t.add_row(escape(reason), str(count))
            console.print(t)
