"""shrink and breaking-point ask distinct instances within a probed cell, as a run does:
a repeat (the same prompt or the same structured data) is skipped within a bounded budget,
and a cell whose space runs out is decided on what it holds, and named."""

import json
import sqlite3
from collections import defaultdict

import pytest
from typer.testing import CliRunner

from unseen.cli import app

runner = CliRunner()
SMALL = "rule=geometric,magnitude=20"  # 3 distinct instances per setting of ahead


def prompts_per_cell(db, run_id):
    con = sqlite3.connect(db)
    rows = con.execute("SELECT r.cell_json, i.problem_json, i.instance_id FROM run_items r JOIN instances i "
                       "USING (instance_id) WHERE r.run_id=?", (run_id,)).fetchall()
    asked = con.execute("SELECT count(*) FROM attempts WHERE run_id=?", (run_id,)).fetchone()[0]
    con.close()
    out = defaultdict(list)
    for cell, problem, _ in rows:
        out[cell].append(json.loads(problem)["prompt"])
    return out, asked


@pytest.mark.parametrize("command", [
    ["breaking-point", "-m", "sim/threshold:var=ahead,at=3", "--var", "ahead", "-p", SMALL],
    ["shrink", "-m", "sim/threshold:var=ahead,at=3", "-p", SMALL + ",ahead=5"],
])
def test_a_small_cell_is_probed_with_distinct_instances_only(tmp_path, command):
    db = tmp_path / "s.db"
    r = runner.invoke(app, [*command, "-f", "number_sequence", "--store", str(db), "--json"])
    assert r.exit_code == 0, r.output
    cells, asked = prompts_per_cell(db, json.loads(r.stdout)["run_id"])
    assert cells
    for cell, prompts in cells.items():
        assert len(prompts) == len(set(prompts)), "a probed cell asks each instance once"
        if "geometric" in cell:
            assert len(prompts) <= 3
    assert asked == sum(len(p) for p in cells.values())
    assert "number_sequence rule=geometric ahead=5 magnitude=20: only 3 distinct instances; decided on those" \
        in r.stderr


def test_a_large_cell_still_gets_every_instance_asked_for(tmp_path):
    db = tmp_path / "s.db"
    r = runner.invoke(app, ["breaking-point", "-m", "sim/threshold:var=ops,at=20,below=0.95,above=0.05",
                            "-f", "stack_queue", "--var", "ops", "--store", str(db), "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    cells, asked = prompts_per_cell(db, data["run_id"])
    assert all(len(p) == len(set(p)) for p in cells.values())
    assert asked == sum(p["n"] for p in data["probes"]) == data["calls"]
    assert "distinct instances" not in r.stderr
