"""Generation speed: instances per second of generate + verify for every family, beside
reasoning-gym's generators on the families that match one, measured in the same run.

    python benchmarks/generation.py                               # every family (about 2-3 min on 2 cores)
    python benchmarks/generation.py --quick                       # a smaller budget per cell
    python benchmarks/generation.py --family arith_expr --family knights_knaves --json out.json
    python benchmarks/generation.py --rg-python /path/to/venv/bin/python   # reasoning-gym in its own venv

reasoning-gym is not a dependency of unseen. It is used when ``import reasoning_gym`` works in
this interpreter, or, with ``--rg-python PY``, in a worker process of that interpreter (this
file, run with ``--rg-worker``; it needs only reasoning-gym there). Without either the
comparison is skipped with one line and unseen's figures are still printed.

What is timed, per instance (time.perf_counter around the calls, nothing else):
  unseen        ``fam.generate(params, Random(seed))`` then ``unseen.verify.verify(fam, problem,
                seed)``: the reference solution, its render/parse round trip, the independent
                checker on it, the reference scored as a whole ``Answer:`` response, and the
                near misses built and each judged (all must be rejected). Seeds come from
                ``derive_seed`` as in a run. This is what a run does before asking anything.
  reasoning-gym ``dataset[idx]`` (builds the question and its answer) then
                ``dataset.score_answer(item["answer"], item)``: reasoning-gym keeps no separate
                checker of its labels, so scoring the item's own answer is the nearest thing to
                a verification it does (graph_color, whose answer is None because any valid
                colouring is right, scores the JSON of metadata["possible_answer"] instead).
                ``create_dataset`` runs once per dataset, outside the clock (its time is in
                the JSON as ``setup_ms``).
Each side gets one untimed warm-up instance per cell first (lazy imports, caches). A cell
runs until ``--n`` instances or ``--budget`` seconds of timed work, whichever comes first,
but for at least ``--min-time`` seconds of timed work (50 instances of a 20 us generator are
1 ms, which one scheduler tick on a busy machine would ruin) and at least one instance.
Instances per second = instances / total timed seconds; latencies are nearest-rank p50 and
p99 and the max, in ms. The ratio is unseen / reasoning-gym instances per second (above 1:
unseen is faster while also verifying). ``gen%`` is the share
of unseen's cpu time spent in ``generate`` (the rest is ``verify``). ``--clock cpu`` times with
time.process_time instead of time.perf_counter, for a machine shared with other jobs (under
load, wall-clock tails include waits for a cpu).

Cells: each family at ``base``, then each ordered variable (IntRange, Flag, ordered Choice)
alone at its hardest level (its last declared level), the others at base. A variable whose
hardest level is its base is shown as ``= base`` and not measured again.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from typing import Any

# ---------------------------------------------------------------------------------------------
# The mapping: unseen family (at its base, with ``params`` overriding) ~ reasoning-gym dataset
# (``config`` passed to create_dataset; knobs that line up with unseen's base are set to it,
# the rest left at reasoning-gym's defaults). ``close``: the same task on the same kind of
# object; ``rough``: a related task, the ratio is indicative only. Families with no entry have
# no honest counterpart in reasoning-gym 0.1.19 (see NO_MATCH). An entry whose family is not
# registered (yet) is ignored.
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pair:
    family: str
    dataset: str
    match: str  # "close" or "rough"
    note: str
    params: dict[str, Any] = field(default_factory=dict)
    config: dict[str, Any] = field(default_factory=dict)


PAIRS: list[Pair] = [
    Pair("arith_expr", "basic_arithmetic", "close", "integer expression; rg: 2-6 terms, + - * /",
         config={"min_digits": 2, "max_digits": 2}),
    Pair("number_sequence", "number_sequence", "close", "next terms of an integer sequence"),
    Pair("knights_knaves", "knights_knaves", "close", "who is a knight; 3 people both", config={"n_people": 3}),
    Pair("mini_sudoku", "mini_sudoku", "close", "4x4 sudoku both (unseen at size=4)", params={"size": 4}),
    Pair("mini_sudoku", "sudoku", "close", "9x9 sudoku both (unseen at size=9)", params={"size": 9}),
    Pair("futoshiki", "futoshiki", "close", "5x5 futoshiki both",
         config={"min_board_size": 5, "max_board_size": 5}),
    Pair("n_queens_completion", "n_queens", "close", "complete n-queens; n=6, 3 to place both (unseen adds holes)",
         config={"n": 6, "min_remove": 3, "max_remove": 3}),
    Pair("zebra_puzzle", "zebra_puzzles", "close", "zebra puzzle; 4 positions, 3 attributes both",
         config={"num_people": 4, "num_characteristics": 3}),
    Pair("syllogism", "syllogism", "close", "does the conclusion follow"),
    Pair("polynomial_roots", "polynomial_equations", "close", "roots of a cubic both",
         config={"min_degree": 3, "max_degree": 3}),
    Pair("base_conversion", "base_conversion", "close", "convert between bases 2-16"),
    Pair("cipher_decode", "caesar_cipher", "close", "decode a Caesar cipher; 4 words both",
         config={"min_words": 4, "max_words": 4}),
    Pair("date_arith", "calendar_arithmetic", "close", "calendar offsets, weekdays, day counts"),
    Pair("dice_probability", "dice", "close", "exact dice probability as a fraction; rg: 4 dice of mixed sizes"),
    Pair("string_rewriting", "string_manipulation", "close", "ordered rewrite rules, first that applies"),
    Pair("graph_coloring", "graph_color", "close", "colour a graph with k colours; 8 vertices, 3 colours both",
         config={"min_num_vertices": 8, "max_num_vertices": 8, "num_colors": 3}),
    Pair("kinship", "family_relationships", "close", "name the relation between two people from family facts"),
    Pair("shortest_path", "shortest_path", "rough", "rg: moves through a grid maze; unseen: weighted road map"),
    Pair("boolean_eval", "circuit_logic", "rough", "evaluate a formula; rg draws it as an ASCII gate circuit"),
    Pair("blocks_world", "tower_of_hanoi", "rough", "move tops of stacks to a goal; rg: Hanoi, fixed rules"),
    Pair("kakuro", "survo", "rough", "fill a grid to meet sums; rg: survo (row/column totals)"),
    Pair("linear_system", "simple_equations", "rough", "rg: one linear equation in one unknown"),
    Pair("topological_order", "course_schedule", "rough", "prerequisites; rg asks only whether an order exists"),
    Pair("time_zones", "time_intervals", "rough", "clock arithmetic; rg: duration between two times, no zones"),
    Pair("divisors_and_factors", "prime_factorization", "rough", "rg: only the factorisation task"),
    Pair("word_problem", "gsm_symbolic", "rough", "grade-school word problems from templates"),
    Pair("arc_grid_transform", "rearc", "rough", "ARC-style grid rule from examples; rg: re-arc generators"),
]

NO_MATCH = {  # why a near name in reasoning-gym is not a counterpart; every family with no Pair is listed
    "list_transform": "rg list_functions asks to induce the rule from examples",
    "polygon_area": "rg simple_geometry asks a polygon's missing angle",
    "line_intersection": "rg advanced_geometry asks orthocentres, incircles and angles",
    "derivative_value": "rg has integration, not differentiation",
    "grid_walk": "rg maze asks a shortest distance, not where moves end",
    "ordering": "rg has no ordering puzzles; family_relationships is kinship",
    "counting_arrangements": "rg has no combinatorial counting",
    "balls_in_boxes": "rg has no combinatorial counting",
    "modular_arithmetic": "rg power_function is float powers, gcd/lcm plain",
    "nonogram": "rg has no nonograms; binary_matrix is distances",
    "nim_move": "rg has no impartial games",
}


# ---------------------------------------------------------------------------------------------
# Timing
# ---------------------------------------------------------------------------------------------


def percentile(sorted_xs: list[float], q: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    return sorted_xs[max(0, min(len(sorted_xs) - 1, math.ceil(q * len(sorted_xs)) - 1))]


def summarise(times: list[float], failures: int = 0) -> dict[str, Any]:
    xs = sorted(times)
    total = sum(xs)
    return {"n": len(xs), "per_s": len(xs) / total if total > 0 else float("inf"),
            "p50_ms": 1000 * percentile(xs, 0.50), "p99_ms": 1000 * percentile(xs, 0.99),
            "max_ms": 1000 * xs[-1], "failures": failures}


def run_timed(one, n_max: int, budget: float, min_time: float, clock: str) -> dict[str, Any]:
    """Call ``one(i)`` (i = 1, 2, ...; it returns True when the instance passed) until n_max
    calls or ``budget`` seconds of timed work on ``clock``, but for at least ``min_time``
    seconds; the summary on that clock, with the other clock's under its name ("wall", "cpu")."""
    wall: list[float] = []
    cpu: list[float] = []
    failures = 0
    spent = 0.0
    while (len(wall) < n_max or spent < min_time) and (not wall or spent < budget):
        w0, c0 = time.perf_counter(), time.process_time()
        ok = one(len(wall) + 1)
        c1, w1 = time.process_time(), time.perf_counter()
        wall.append(w1 - w0)
        cpu.append(c1 - c0)
        spent += wall[-1] if clock == "wall" else cpu[-1]
        failures += not ok
    main, other, other_name = (wall, cpu, "cpu") if clock == "wall" else (cpu, wall, "wall")
    out = summarise(main, failures)
    out[other_name] = summarise(other, failures)
    return out


# ---------------------------------------------------------------------------------------------
# reasoning-gym side (runs in this process or in a worker of another interpreter; it must not
# import unseen)
# ---------------------------------------------------------------------------------------------


def rg_measure(req: dict[str, Any]) -> dict[str, Any]:
    import reasoning_gym

    name = req["dataset"]
    if name not in reasoning_gym.factory.DATASETS:
        return {"ok": False, "error": f"no dataset {name!r} in reasoning-gym {reasoning_gym.__version__}"}
    try:
        start = time.perf_counter()
        ds = reasoning_gym.create_dataset(name, size=1_000_000, seed=req["seed"], **req["config"])
        setup = time.perf_counter() - start
        scores: list[float] = []

        def answer_of(item: dict[str, Any]) -> str | None:
            if item["answer"] is None and "possible_answer" in item["metadata"]:  # graph_color: any valid answer
                return json.dumps({str(k): v for k, v in item["metadata"]["possible_answer"].items()})
            return item["answer"]

        first = ds[0]  # warm-up, untimed
        ds.score_answer(answer_of(first), first)

        def one(i: int) -> bool:
            item = ds[i]
            s = ds.score_answer(answer_of(item), item)
            scores.append(s)
            return s == 1.0

        out = run_timed(one, req["n"], req["budget"], req["min_time"], req["clock"])
    except Exception as exc:  # noqa: BLE001 - reported as the pair's result
        return {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:200]}
    out.update(ok=True, setup_ms=1000 * setup, self_score=sum(scores) / len(scores))
    return out


def rg_worker() -> None:
    """JSON lines on stdin -> JSON lines on stdout; anything reasoning-gym prints goes to stderr."""
    out = sys.stdout
    sys.stdout = sys.stderr
    try:
        import reasoning_gym
        hello = {"ok": True, "version": reasoning_gym.__version__, "python": sys.executable}
    except Exception as exc:  # noqa: BLE001
        hello = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
    out.write(json.dumps(hello) + "\n")
    out.flush()
    if not hello["ok"]:
        return
    for line in sys.stdin:
        if line.strip():
            out.write(json.dumps(rg_measure(json.loads(line))) + "\n")
            out.flush()


class RgLocal:
    def __init__(self) -> None:
        import reasoning_gym

        self.version = reasoning_gym.__version__
        self.where = f"in-process ({sys.executable})"

    def measure(self, req: dict[str, Any]) -> dict[str, Any]:
        return rg_measure(req)

    def close(self) -> None:
        pass


class RgRemote:
    def __init__(self, python: str) -> None:
        self.err = tempfile.TemporaryFile()
        self.proc = subprocess.Popen([python, os.path.abspath(__file__), "--rg-worker"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=self.err, text=True, bufsize=1)
        hello = self._read()
        if not hello.get("ok"):
            self.close()
            raise RuntimeError(hello.get("error", "the worker did not start"))
        self.version = hello["version"]
        self.where = f"worker process ({hello['python']})"

    def _read(self) -> dict[str, Any]:
        line = self.proc.stdout.readline()
        if not line:
            self.err.seek(0)
            tail = self.err.read().decode(errors="replace").strip().splitlines()[-1:] or ["no output"]
            return {"ok": False, "error": f"worker exited: {tail[0]}"}
        return json.loads(line)

    def measure(self, req: dict[str, Any]) -> dict[str, Any]:
        self.proc.stdin.write(json.dumps(req) + "\n")
        self.proc.stdin.flush()
        return self._read()

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def open_rg(python: str | None) -> tuple[Any, str]:
    """A reasoning-gym measurer, or None and the reason it is unavailable."""
    try:
        return RgLocal(), ""
    except Exception as exc:  # noqa: BLE001 - ImportError, or a reasoning-gym that breaks on import
        local_reason = f"reasoning_gym is not importable here ({type(exc).__name__}: {exc})"
    if not python:
        return None, f"{local_reason}; pass --rg-python PY for an interpreter that has it"
    try:
        return RgRemote(python), ""
    except (OSError, RuntimeError) as exc:
        return None, f"{local_reason}, and --rg-python {python} failed: {exc}"


# ---------------------------------------------------------------------------------------------
# unseen side
# ---------------------------------------------------------------------------------------------


def unseen_measure(fam, params: dict[str, Any], run_seed: int, n: int, budget: float, min_time: float,
                   clock: str) -> dict[str, Any]:
    from random import Random

    from unseen.seeding import derive_seed
    from unseen.verify import verify

    full = fam.resolve(params)
    generating: list[float] = []  # cpu seconds inside generate: its share of the work, whatever the load

    def one(i: int) -> bool:
        seed = derive_seed(fam.name, fam.version, full, run_seed, i)
        start = time.process_time()
        try:
            problem = fam.generate(full, Random(seed))
        except Exception:  # noqa: BLE001 - a generation error is a counted failure, as in a run
            return False
        finally:
            generating.append(time.process_time() - start)
        return verify(fam, problem, seed).ok

    one(0)  # warm-up, untimed
    generating.clear()
    out = run_timed(one, n, budget, min_time, clock)
    cpu_per_s = out["cpu"]["per_s"] if clock == "wall" else out["per_s"]
    out["generate_share"] = min(1.0, sum(generating) * cpu_per_s / max(1, len(generating)))
    return out


def cells_of(fam) -> list[tuple[str, dict[str, Any] | None]]:
    """(label, overrides) for base and each ordered variable at its hardest level; overrides is
    None when that level is the base."""
    cells: list[tuple[str, dict[str, Any] | None]] = [("base", {})]
    for name, var in fam.variables.items():
        if not getattr(var, "ordered", False):
            continue
        hardest = var.levels[-1]
        cells.append((f"{name}={hardest}", None if hardest == var.base else {name: hardest}))
    return cells


# ---------------------------------------------------------------------------------------------
# main
# ---------------------------------------------------------------------------------------------


def fmt_rate(x: float) -> str:
    return f"{x:9.1f}" if x < 1e5 else f"{x:9.2e}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--family", action="append", default=[], help="limit to this family (repeatable)")
    ap.add_argument("--budget", type=float, default=None, help="timed seconds per cell (default 0.5; --quick 0.1)")
    ap.add_argument("--n", type=int, default=None, help="instances per cell at most (default 50; --quick 10)")
    ap.add_argument("--min-time", type=float, default=None,
                    help="timed seconds per cell at least, past --n (default 0.05; --quick 0.02)")
    ap.add_argument("--quick", action="store_true", help="0.1 s or 10 instances per cell")
    ap.add_argument("--clock", choices=("wall", "cpu"), default="wall",
                    help="time.perf_counter (default) or time.process_time, for a machine shared with other jobs")
    ap.add_argument("--seed", type=int, default=0, help="run seed for unseen, dataset seed for reasoning-gym")
    ap.add_argument("--rg-python", default=os.environ.get("UNSEEN_RG_PYTHON"),
                    help="an interpreter with reasoning-gym, when this one has none (or $UNSEEN_RG_PYTHON)")
    ap.add_argument("--no-rg", action="store_true", help="skip the reasoning-gym comparison")
    ap.add_argument("--json", metavar="PATH", help="also write every number to PATH")
    ap.add_argument("--rg-worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.rg_worker:
        rg_worker()
        return
    budget = args.budget if args.budget is not None else (0.1 if args.quick else 0.5)
    n_max = args.n if args.n is not None else (10 if args.quick else 50)
    min_time = min(budget, args.min_time if args.min_time is not None else (0.02 if args.quick else 0.05))

    from unseen import registry

    families = registry.all_families()
    if args.family:
        families = [registry.get(name) for name in args.family]
    names = {f.name for f in families}
    pairs = [p for p in PAIRS if p.family in names]

    rg, rg_reason = (None, "--no-rg given") if args.no_rg else open_rg(args.rg_python)
    wall = time.perf_counter()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"generate + verify, per cell: {n_max} instances or {budget:g} s of timed work ({args.clock} clock), "
          f"whichever first, but at least {min_time:g} s; seed {args.seed}; {os.cpu_count()} cpus (load {load:.1f}), "
          f"Python {platform.python_version()}")
    if load > (os.cpu_count() or 1):
        print("the load is above the cpu count: wall-clock figures include waits for a cpu "
              "(--clock cpu counts this process's cpu time only)")
    if rg is None:
        print(f"reasoning-gym comparison skipped: {rg_reason}")
    else:
        print(f"reasoning-gym {rg.version}, {rg.where}: dataset[idx] + score_answer(item answer), "
              f"measured right after the matching unseen cell")
    print()
    head = (f"{'family':22s} {'cell':28s} {'n':>6s} {'inst/s':>9s} {'p50 ms':>8s} {'p99 ms':>8s} {'max ms':>8s} "
            "gen% fail")
    print(head)
    print("-" * len(head))

    results: list[dict[str, Any]] = []
    pair_rows: list[dict[str, Any]] = []

    def compare(fam, p: Pair, u: dict[str, Any]) -> None:
        g = rg.measure({"dataset": p.dataset, "config": p.config, "seed": args.seed, "n": n_max,
                        "budget": budget, "min_time": min_time, "clock": args.clock})
        pair_rows.append({"family": fam.name, "params": p.params, "dataset": p.dataset, "config": p.config,
                          "match": p.match, "note": p.note, "unseen": u, "rg": g,
                          "ratio": u["per_s"] / g["per_s"] if g.get("ok") else None})

    for fam in families:
        todo = [p for p in pairs if p.family == fam.name] if rg is not None else []
        for label, over in cells_of(fam):
            if over is None:
                print(f"{fam.name:22s} {label:28s} {'= base':>6s}")
                results.append({"family": fam.name, "cell": label, "params": None, "same_as": "base"})
                continue
            r = unseen_measure(fam, over, args.seed, n_max, budget, min_time, args.clock)
            results.append({"family": fam.name, "cell": label, "params": over, **r})
            print(f"{fam.name:22s} {label:28s} {r['n']:6d} {fmt_rate(r['per_s'])} {r['p50_ms']:8.1f} "
                  f"{r['p99_ms']:8.1f} {r['max_ms']:8.1f} {100 * r['generate_share']:4.0f} {r['failures']:4d}",
                  flush=True)
            for p in [p for p in todo if fam.resolve(p.params) == fam.resolve(over)]:
                compare(fam, p, r)  # reasoning-gym right after the same unseen cell
                todo.remove(p)
        for p in todo:  # pairs at a setting that is not one of the cells above
            compare(fam, p, unseen_measure(fam, p.params, args.seed, n_max, budget, min_time, args.clock))
    if rg is not None:
        rg.close()

    if rg is not None:
        print()
        print("unseen / reasoning-gym, instances per second (unseen: generate + verify; "
              "rg: dataset[idx] + score_answer)")
        other = "cpu" if args.clock == "wall" else "wall"
        head = (f"{'unseen family (setting)':30s} {'reasoning-gym dataset':23s} {'match':5s} "
                f"{'unseen/s':>9s} {'p99 ms':>7s} {'max ms':>7s} {'gen%':>4s} {'rg/s':>9s} {'p99 ms':>7s} "
                f"{'max ms':>7s} {'ratio':>7s} {other + ' ratio':>9s} {'rg self':>7s}")
        print(head)
        print("-" * len(head))
        for row in pair_rows:
            u, g = row["unseen"], row["rg"]
            left = row["family"] + (" " + ",".join(f"{k}={v}" for k, v in row["params"].items()) if row["params"]
                                    else "")
            right = row["dataset"] + (" *" if row["config"] else "")
            line = (f"{left[:30]:30s} {right[:23]:23s} {row['match']:5s} {fmt_rate(u['per_s'])} {u['p99_ms']:7.1f} "
                    f"{u['max_ms']:7.1f} {100 * u['generate_share']:4.0f}")
            if not g.get("ok"):
                print(f"{line}   rg failed: {g.get('error')}")
                continue
            row["ratio_" + other] = u[other]["per_s"] / g[other]["per_s"]
            print(f"{line} {fmt_rate(g['per_s'])} {g['p99_ms']:7.1f} {g['max_ms']:7.1f} {row['ratio']:7.2f} "
                  f"{row['ratio_' + other]:9.2f} {g['self_score']:7.2f}")
        ok = [r for r in pair_rows if r["ratio"] is not None]
        if ok:
            slower = [r for r in ok if r["ratio"] < 1]
            geo = math.exp(sum(math.log(r["ratio"]) for r in ok) / len(ok))
            geo_other = math.exp(sum(math.log(r["ratio_" + other]) for r in ok) / len(ok))
            print(f"{len(ok)} pairs; geometric mean ratio {geo:.2f} ({other} clock {geo_other:.2f}); unseen slower "
                  f"on {len(slower)}: "
                  + (", ".join(f"{r['family']}~{r['dataset']} ({r['ratio']:.2f})" for r in slower) or "none"))
        configs = sorted({(r["dataset"], json.dumps(r["config"])) for r in pair_rows if r["config"]})
        if configs:
            print("* reasoning-gym config set (the rest at its defaults): " + "; ".join(
                d + " " + ",".join(f"{k}={v}" for k, v in json.loads(c).items()) for d, c in configs))
        print(f"{other} ratio = the same instances timed on the {other} clock; "
              "rg self = mean score_answer of each item's own answer (1.00: it accepts its own labels)")
        alone = [f.name + (f" ({NO_MATCH[f.name]})" if f.name in NO_MATCH else "") for f in families
                 if f.name not in {p.family for p in pairs}]
        print(f"no reasoning-gym counterpart ({len(alone)}): {', '.join(alone) or 'none'}")
    elapsed = time.perf_counter() - wall
    print(f"\n{len(results)} cells of {len(families)} families, {len(pair_rows)} pairs, in {elapsed:.0f} s")

    if args.json:
        import importlib.metadata as md

        doc = {
            "meta": {"budget_s": budget, "n_max": n_max, "min_time_s": min_time, "seed": args.seed,
                     "clock": args.clock, "cpus": os.cpu_count(), "load_at_start": load,
                     "python": platform.python_version(), "platform": platform.platform(),
                     "unseen": md.version("unseen"), "reasoning_gym": getattr(rg, "version", None),
                     "reasoning_gym_where": getattr(rg, "where", None), "skipped": rg_reason or None,
                     "seconds": elapsed,
                     "timed_unseen": "fam.generate(params, Random(seed)) + unseen.verify.verify(fam, problem, seed)",
                     "timed_reasoning_gym": "dataset[idx] + dataset.score_answer(item['answer'], item); "
                                            "create_dataset outside the clock (setup_ms)"},
            "cells": results,
            "pairs": pair_rows,
            "no_match": {f.name: NO_MATCH.get(f.name, "") for f in families
                         if f.name not in {p.family for p in pairs}},
        }
        with open(args.json, "w") as fh:
            json.dump(doc, fh, indent=1, default=str)
        print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
