"""Instances in a cell are distinct: repeats are redrawn from the run seed, a cell too
small for n says so before anything is asked, and the memorisation probe's fresh set
holds no published instance."""

import json
import sqlite3
from collections import defaultdict
from random import Random

from typer.testing import CliRunner

from unseen import registry
from unseen.cli import app
from unseen.plan import build_plan

runner = CliRunner()


def invoke(*args):
    return runner.invoke(app, list(args), catch_exceptions=False)


def cell_prompts(db, run_id):
    con = sqlite3.connect(db)
    rows = con.execute("SELECT r.cell_json, i.problem_json FROM run_items r JOIN instances i USING (instance_id) "
                       "WHERE r.run_id=? AND r.kind='task'", (run_id,)).fetchall()
    con.close()
    out = defaultdict(list)
    for cell, problem in rows:
        out[cell].append(json.loads(problem)["prompt"])
    return out


def test_number_sequence_geometric_asks_distinct_prompts_and_warns(tmp_path):
    db = tmp_path / "u.db"
    r = invoke("run", "-m", "sim/oracle", "-f", "number_sequence", "-p", "rule=geometric,magnitude=20",
               "--vary", "ahead", "--n", "80", "--seed", "5", "--store", str(db), "--no-progress", "--json")
    assert r.exit_code == 0, r.output
    summary = json.loads(r.stdout)
    cells = cell_prompts(db, summary["run_id"])
    assert len(cells) == 5
    for prompts in cells.values():
        assert len(prompts) == len(set(prompts)) < 80, "only distinct prompts are asked"
    assert "number_sequence rule=geometric ahead=3 magnitude=20: only 3 distinct instances of 80 asked; " \
           "the cell is too small for --n 80" in r.stderr
    # the summary counts distinct instances: n and the interval are those of 3, not 80
    assert summary["cells_too_small"] == 5
    assert all(c["instances"] == 3 and c["planned"] == 80 and c["too_small"] for c in summary["cells"])
    ahead = next(f for f in summary["families"])["variables"]["ahead"]
    assert all(lv["strict"]["n"] == lv["instances"] == 3 for lv in ahead)
    assert ahead[0]["strict"]["low"] < 0.5, "a Wilson interval over 3 instances, not 80"
    text = invoke("summary", summary["run_id"], "--store", str(db)).stdout
    assert "too small" in text and "3 of 80" in text


def test_resume_rebuilds_the_same_distinct_instances(tmp_path):
    db = tmp_path / "u.db"
    args = ["-m", "sim/oracle", "-f", "number_sequence", "-p", "rule=arithmetic,magnitude=5", "--n", "60",
            "--seed", "11", "--store", str(db), "--no-progress", "--json"]
    r = invoke("run", *args)
    assert r.exit_code == 0, r.output
    run_id = json.loads(r.stdout)["run_id"]
    con = sqlite3.connect(db)
    before = con.execute("SELECT item, idx, instance_id FROM run_items WHERE run_id=? ORDER BY item",
                         (run_id,)).fetchall()
    seeds = {s for (s,) in con.execute("SELECT seed FROM instances")}
    # drop every attempt: the resume rebuilds and asks every instance again
    con.execute("DELETE FROM attempts")
    con.execute("UPDATE runs SET status='interrupted'")
    con.commit()
    con.close()
    from unseen.plan import Plan
    from unseen.seeding import derive_seed
    fam = registry.get("number_sequence")
    planned = {derive_seed(fam.name, fam.version, p, 11, i) for p in
               (c.params for c in Plan(("number_sequence",), n=60,
                                       fixed={"number_sequence": {"rule": "arithmetic", "magnitude": 5}})
                .cells_for(fam, 11)) for i in range(60)}
    assert seeds - planned, "some repeats were redrawn with seeds of their own"
    r = invoke("run", "--resume", run_id, "--store", str(db), "--no-progress", "--json")
    assert r.exit_code == 0, r.output
    summary = json.loads(r.stdout)
    assert summary["completed_attempts"] == summary["planned_attempts"] == len(before)
    con = sqlite3.connect(db)
    after = con.execute("SELECT item, idx, instance_id FROM run_items WHERE run_id=? ORDER BY item",
                        (run_id,)).fetchall()
    instances = con.execute("SELECT count(*) FROM instances").fetchone()[0]
    con.close()
    assert after == before and instances == len(before)


def test_thorough_suite_cells_repeat_no_prompt_unless_flagged():
    from unseen import distinct

    # a sample of families (the whole thorough suite of 50 families generates about 90,000 instances)
    plan = build_plan(families=["number_sequence", "stack_queue", "arith_expr", "nim_move", "dfa_run"],
                      suite="thorough", design=None, n=None, samples=None, params=[], vary=[], cells=None)
    sel = distinct.select(plan, 1)
    by_cell = defaultdict(list)
    for item in sel.items:
        if item.kind == "task":
            problem = sel.problems[item.seed]
            by_cell[(item.family, json.dumps(item.params, sort_keys=True))].append(problem.prompt)
    short = {(s.family, json.dumps(s.params, sort_keys=True)): s for s in sel.short}
    assert len(by_cell) == sum(len(plan.cells_for(registry.get(f), 1)) for f in plan.families)
    for cell, prompts in by_cell.items():
        assert len(prompts) == len(set(prompts)), cell
        if cell in short:
            assert len(prompts) == short[cell].distinct < plan.n
        else:
            assert len(prompts) == plan.n, cell
    # every chosen problem is the one its item's seed generates
    for item in sel.items[::997]:
        if item.kind == "task":
            fam = registry.get(item.family)
            assert fam.generate(item.params, Random(item.seed)) == sel.problems[item.seed]


def test_memo_fresh_set_holds_no_published_prompt(tmp_path):
    pub = tmp_path / "published.jsonl"
    db = tmp_path / "m.db"
    r = invoke("publish", "--out", str(pub), "--seed", "7", "-f", "number_sequence", "-p", "rule=geometric",
               "--vary", "magnitude", "--n", "20")
    assert r.exit_code == 0, r.output
    published = [json.loads(line) for line in pub.read_text().splitlines()[1:]]
    by_cell = defaultdict(list)
    for d in published:
        by_cell[json.dumps(d["params"], sort_keys=True)].append(d["prompt"])
    assert all(len(ps) == len(set(ps)) for ps in by_cell.values()), "no repeat within a published cell"
    prompts = {d["prompt"] for d in published}
    r = invoke("memo", "--published", str(pub), "-m", f"sim/memoriser:set={pub},p=0", "--store", str(db), "--json")
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["published"] == 1.0 and d["gap"] > 0.95, d
    fresh = cell_prompts(db, d["fresh_run"])
    assert fresh and not prompts & {p for ps in fresh.values() for p in ps}
    assert d["published_n"] == len(published)
