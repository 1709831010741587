"""The store at its edges: a kill while it is created, read-only files, damaged files, a
full disk, and two processes asking the same run."""

import json
import sqlite3
import subprocess
import sys
import textwrap

from typer.testing import CliRunner

from unseen.cli import app

runner = CliRunner()


def invoke(*args):
    return runner.invoke(app, list(args), catch_exceptions=False)


def one_line(r) -> str:
    err = r.stderr.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    return err


# ---- a. creating a store is atomic ------------------------------------------------------

# Runs open_store(create=True) in a fresh process and calls os._exit after the N-th step:
# every SQL statement executed and every file operation (rename, link, remove) counts.
KILL_AT = textwrap.dedent("""
    import os, sqlite3, sys
    n, path = int(sys.argv[1]), sys.argv[2]
    steps = [0]

    def tick():
        steps[0] += 1
        if steps[0] == n:
            os._exit(9)

    class Counting(sqlite3.Connection):
        def execute(self, *a, **k):
            out = super().execute(*a, **k)
            tick()
            return out

        def executescript(self, *a, **k):
            out = super().executescript(*a, **k)
            tick()
            return out

        def commit(self):
            super().commit()
            tick()

    real_connect = sqlite3.connect
    sqlite3.connect = lambda *a, **k: real_connect(*a, factory=Counting, **k)
    for name in ("replace", "link", "rename", "unlink", "remove"):
        def wrap(f):
            def g(*a, **k):
                out = f(*a, **k)
                tick()
                return out
            return g
        setattr(os, name, wrap(getattr(os, name)))
    from unseen.store import open_store
    open_store(path, create=True).close()
    print(steps[0])
""")


def test_a_kill_at_any_step_of_creating_a_store_leaves_none_or_a_valid_one(tmp_path):
    total = None
    n = 1
    while total is None or n <= total:
        folder = tmp_path / f"k{n}"
        folder.mkdir()
        store = folder / "u.db"
        p = subprocess.run([sys.executable, "-c", KILL_AT, str(n), str(store)], capture_output=True, text=True,
                           timeout=60)
        if p.returncode == 0:  # fewer steps than n: creation finished
            total = n - 1 if total is None else total
            break
        assert p.returncode == 9, p.stderr
        if store.exists():  # a store after the kill must be a valid, empty one
            r = invoke("runs", "--store", str(store), "--json")
            assert r.exit_code == 0 and json.loads(r.stdout) == [], (n, r.stderr)
        r = invoke("run", "-m", "sim/oracle", "-f", "stack_queue", "--n", "1", "--store", str(store), "--json",
                   "--no-progress")
        assert r.exit_code == 0, (n, r.stderr)
        r = invoke("runs", "--store", str(store), "--json")
        assert r.exit_code == 0 and len(json.loads(r.stdout)) == 1, (n, r.stderr)
        assert not [f.name for f in folder.iterdir() if ".creating" in f.name], "a killed creation's temp is removed"
        n += 1
    assert n > 5, "the kill must have landed in several steps of creation"


def test_a_half_migrated_store_of_ours_is_finished(tmp_path):
    """A store left half-migrated by an older unseen (killed while it migrated in place) is
    recognised as ours and finished, not refused as foreign."""
    from unseen.store.migrations import MIGRATIONS

    store = tmp_path / "half.db"
    con = sqlite3.connect(store)
    con.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    name, sql = MIGRATIONS[0]
    con.executescript(f"BEGIN; {sql}; INSERT INTO migrations VALUES ('{name}', 'x'); COMMIT;")
    con.close()
    r = invoke("run", "-m", "sim/oracle", "-f", "stack_queue", "--n", "1", "--store", str(store), "--json",
               "--no-progress")
    assert r.exit_code == 0, r.stderr
    assert len(json.loads(invoke("runs", "--store", str(store), "--json").stdout)) == 1
    # only the migrations table: killed right after it was made
    bare = tmp_path / "bare.db"
    con = sqlite3.connect(bare)
    con.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    con.close()
    r = invoke("run", "-m", "sim/oracle", "-f", "stack_queue", "--n", "1", "--store", str(bare), "--no-progress")
    assert r.exit_code == 0, r.stderr
