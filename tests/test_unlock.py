"""A run's lock left by a process that is gone, on another machine, is never taken over;
the refusal names `unseen unlock`, which clears it (and refuses a live local holder)."""

import json
import os
import socket
import sqlite3

from typer.testing import CliRunner

from unseen.cli import app

runner = CliRunner()


def one_run(db) -> str:
    r = runner.invoke(app, ["run", "-m", "sim/oracle", "-f", "stack_queue", "--vary", "ops", "--n", "1",
                            "--store", str(db), "--json", "--no-progress"])
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)["run_id"]


def hold(db, run_id, pid, host):
    con = sqlite3.connect(db)
    with con:
        con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (f"lock:{run_id}", json.dumps(
            {"pid": pid, "host": host, "since": "2026-01-01T00:00:00"})))
    con.close()


def locks(db):
    con = sqlite3.connect(db)
    rows = con.execute("SELECT key FROM meta WHERE key LIKE 'lock:%'").fetchall()
    con.close()
    return rows


def test_a_lock_from_another_machine_is_refused_naming_unlock_which_clears_it(tmp_path):
    db = tmp_path / "s.db"
    run_id = one_run(db)
    hold(db, run_id, 4242, "another-machine")
    r = runner.invoke(app, ["run", "--resume", run_id, "--store", str(db), "--no-progress"])
    err = r.stderr.strip().splitlines()[-1]  # after the run's "asking" line
    assert r.exit_code == 2 and err.startswith("error: "), r.output
    assert "is being asked by process 4242 on another-machine" in err
    assert f"clear it with `unseen unlock {run_id} --store {db}`" in err
    r = runner.invoke(app, ["unlock", run_id[:8], "--store", str(db)])
    assert r.exit_code == 0, r.output
    assert f"cleared the lock of run {run_id} (process 4242 on another-machine" in r.stderr
    assert locks(db) == []
    r = runner.invoke(app, ["run", "--resume", run_id, "--store", str(db), "--no-progress"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["unlock", run_id, "--store", str(db)])
    assert r.exit_code == 0 and "is not locked; nothing to clear" in r.stderr


def test_unlock_refuses_a_live_process_on_this_machine(tmp_path):
    db = tmp_path / "s.db"
    run_id = one_run(db)
    hold(db, run_id, os.getpid(), socket.gethostname())  # this test's own process: alive
    r = runner.invoke(app, ["unlock", run_id, "--store", str(db)])
    err = r.stderr.strip()
    assert r.exit_code == 2 and len(err.splitlines()) == 1, r.output
    assert f"process {os.getpid()} on this machine, which is running; stop it" in err
    assert len(locks(db)) == 1
    r = runner.invoke(app, ["unlock", "nosuch", "--store", str(db)])
    assert r.exit_code == 2 and "run 'nosuch' is not in store" in r.stderr
