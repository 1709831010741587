"""Kill a run with SIGKILL mid-way, resume it by id: every planned attempt exactly once,
and the instances the resumed process rebuilt are byte for byte the stored ones."""

import json
import signal
import sqlite3
import subprocess
import time
from random import Random

from conftest import unseen_cmd
from unseen import distinct, registry
from unseen.plan import Plan


def count(db, sql):
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        con.close()


def test_sigkill_then_resume(store_path, cli_env):
    cmd = unseen_cmd() + ["run", "-m", "sim/noisy:p=0.7,delay=15", "--store", str(store_path), "--n", "6",
                          "--seed", "99", "--concurrency", "4", "--no-progress", "--json"]
    proc = subprocess.Popen(cmd, env=cli_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while time.time() < deadline and count(store_path, "SELECT count(*) FROM attempts") < 40:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    written = count(store_path, "SELECT count(*) FROM attempts")
    planned = count(store_path, "SELECT count(*) FROM run_items WHERE verified=1")
    assert 40 <= written < planned, "the kill must land mid-run"
    con = sqlite3.connect(store_path)
    run_id, status = con.execute("SELECT run_id, status FROM runs").fetchone()
    first = dict(con.execute("SELECT instance_id, problem_json FROM instances"))
    con.close()
    assert status == "running"

    out = subprocess.run(unseen_cmd() + ["run", "--resume", run_id[:8], "--store", str(store_path),
                                         "--no-progress", "--json"], env=cli_env, capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    summary = json.loads(out.stdout)
    assert summary["completed_attempts"] == summary["planned_attempts"] == planned
    con = sqlite3.connect(store_path)
    rows = con.execute("SELECT instance_id, sample, count(*) FROM attempts GROUP BY 1, 2").fetchall()
    assert len(rows) == planned and all(r[2] == 1 for r in rows)
    assert con.execute("SELECT status FROM runs").fetchone()[0] == "complete"
    after = dict(con.execute("SELECT instance_id, problem_json FROM instances"))
    plan = Plan.from_json(json.loads(con.execute("SELECT plan_json FROM runs").fetchone()[0]))
    con.close()
    assert after == first
    # an independent rebuild in this process, byte for byte (the plan's items with repeats
    # within a cell redrawn, as a run asks them)
    for item in distinct.select(plan, 99).items:
        fam = registry.get(item.family)
        from unseen.seeding import instance_id

        iid = instance_id(fam.name, fam.version, item.params, item.seed)
        assert first[iid] == fam.generate(item.params, Random(item.seed)).to_json()


def test_sigterm_stops_cleanly_and_marks_interrupted(store_path, cli_env):
    cmd = unseen_cmd() + ["run", "-m", "sim/oracle:delay=20", "--store", str(store_path), "--n", "4",
                          "--concurrency", "2", "--no-progress"]
    proc = subprocess.Popen(cmd, env=cli_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while time.time() < deadline and count(store_path, "SELECT count(*) FROM attempts") < 10:
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert "interrupted" in err and "--resume" in err and "Traceback" not in err
    assert count(store_path, "SELECT count(*) FROM runs WHERE status='interrupted'") == 1
