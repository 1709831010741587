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


def one_error_line(r) -> str:
    """The run's own 'asking' line may precede it; the error is one line."""
    lines = r.stderr.strip().splitlines()
    errors = [x for x in lines if x.startswith("error:")]
    assert len(errors) == 1 and "Traceback" not in r.stderr and lines[-1] == errors[0], r.stderr
    return errors[0]


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


# ---- b. read commands open read-only -----------------------------------------------------

def two_runs(store) -> tuple[str, str]:
    ids = []
    for model in ("sim/oracle", "sim/noisy:p=0.5"):
        r = invoke("run", "-m", model, "-f", "stack_queue", "--n", "1", "--seed", "3", "--store", str(store),
                   "--json", "--no-progress")
        assert r.exit_code == 0, r.stderr
        ids.append(json.loads(r.stdout)["run_id"])
    return ids[0], ids[1]


def read_commands(store, a, b):
    s = str(store)
    return [["summary", "--store", s], ["summary", a, "--store", s, "--json"], ["runs", "--store", s],
            ["analyse", "--store", s], ["analyse", b, "--store", s, "--json"], ["compare", a, b, "--store", s],
            ["review", "--store", s, "--json"]]


def read_only_but_tidying(opened: list[tuple[str, bool]]) -> bool:
    """Every connection opened read-only, but for a last one opened for writing and closed
    unused, so that SQLite removes the -wal and -shm files the read-only one made."""
    tidy = 1 if opened and opened[-1][0].endswith("?mode=rw") else 0
    return all(uri and "mode=ro" in t for t, uri in opened[:len(opened) - tidy])


def test_b_read_commands_open_read_only_and_write_nothing(store_path, monkeypatch):
    a, b = two_runs(store_path)
    before = store_path.read_bytes()
    opened = []
    real_connect = sqlite3.connect

    def spy(target, *args, **kwargs):
        opened.append((str(target), kwargs.get("uri", False)))
        return real_connect(target, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", spy)
    for cmd in read_commands(store_path, a, b):
        opened.clear()
        r = invoke(*cmd)
        assert r.exit_code == 0, (cmd, r.stderr)
        # every connection reads only; the last may be opened for writing and closed unused, so
        # that SQLite removes the -wal and -shm files the read-only one left (none are left)
        assert opened and read_only_but_tidying(opened), (cmd, opened)
        assert not list(store_path.parent.glob(store_path.name + "-*")), (cmd, "a read left -wal or -shm files")
    assert store_path.read_bytes() == before, "a read command changed the store"
    opened.clear()
    r = invoke("doctor", "-m", "sim/oracle", "--store", str(store_path))
    assert read_only_but_tidying([(t, uri) for t, uri in opened if "doctor" not in t]), opened
    assert store_path.read_bytes() == before


def test_b_read_only_wal_store_without_its_shm_is_read_immutable(store_path, monkeypatch):
    """What a folder that cannot be written does to a WAL store (no -shm can be made), as
    root too: a plain read-only open fails, and the store is read immutable."""
    a, b = two_runs(store_path)
    before = store_path.read_bytes()
    real_connect = sqlite3.connect

    class NoShm(sqlite3.Connection):
        def execute(self, *a, **k):
            exc = sqlite3.OperationalError("attempt to write a readonly database")
            exc.sqlite_errorname = "SQLITE_READONLY_DIRECTORY"  # what SQLite 3.40 raises there
            raise exc

    def no_shm(target, *args, **kwargs):
        if kwargs.get("uri") and "mode=ro" in str(target) and "immutable=1" not in str(target):
            return real_connect(target, *args, factory=NoShm, **kwargs)
        return real_connect(target, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", no_shm)
    for cmd in read_commands(store_path, a, b):
        r = invoke(*cmd)
        assert r.exit_code == 0, (cmd, r.stderr)
    assert store_path.read_bytes() == before


def _as_nobody() -> list[str] | None:
    import os
    import shutil

    if os.geteuid() != 0 or not shutil.which("setpriv"):
        return None
    return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


def test_b_read_only_file_in_read_only_folder(cli_env):
    """chmod 0444 in a folder chmod 0555, read by an unprivileged user (root ignores the
    bits): every read command works and the folder is unchanged."""
    import os
    import shutil
    import tempfile
    from pathlib import Path

    import pytest

    prefix = _as_nobody()
    if prefix is None:
        pytest.skip("needs root and setpriv to read as an unprivileged user")
    probe = subprocess.run(prefix + [sys.executable, "-c", "import unseen"], capture_output=True, cwd="/tmp")
    if probe.returncode != 0:
        pytest.skip("the unprivileged user cannot read this Python environment (a venv in a private folder)")
    folder = Path(tempfile.mkdtemp(prefix="unseen-ro-", dir="/tmp"))
    try:
        store = folder / "u.db"
        a, b = two_runs(store)
        before = store.read_bytes()
        store.chmod(0o444)
        folder.chmod(0o555)
        names = sorted(os.listdir(folder))
        for cmd in read_commands(store, a, b):
            p = subprocess.run(prefix + [sys.executable, "-m", "unseen", *cmd], env={**cli_env, "HOME": "/tmp"},
                               capture_output=True, text=True, timeout=120, cwd="/tmp")
            assert p.returncode == 0, (cmd, p.stderr)
        assert store.read_bytes() == before and sorted(os.listdir(folder)) == names
        p = subprocess.run(prefix + [sys.executable, "-m", "unseen", "run", "--resume", a, "--store", str(store)],
                           env=cli_env, capture_output=True, text=True, timeout=120, cwd="/tmp")
        assert p.returncode == 2 and "read-only" in p.stderr and "Traceback" not in p.stderr, p.stderr
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


# ---- c. a damaged store is named, with the fix ------------------------------------------

def damage(store, page: int, seed: int) -> None:
    """Overwrite one page (4096 bytes) with random bytes."""
    from random import Random

    keep = 100 if page == 0 else 0  # the file header stays: it is still an SQLite file
    with open(store, "r+b") as fh:
        fh.seek(page * 4096 + keep)
        fh.write(Random(seed).randbytes(4096 - keep))


def test_c_a_damaged_store_is_one_line_exit_2_and_never_written(tmp_path):
    from shutil import copy

    good = tmp_path / "good.db"
    r = invoke("run", "-m", "sim/oracle", "-f", "stack_queue", "--n", "2", "--store", str(good), "--json",
               "--no-progress")
    run_id = json.loads(r.stdout)["run_id"]
    pages = good.stat().st_size // 4096
    assert pages > 8
    for k, page in enumerate((0, 1, 2, pages // 2, pages - 1)):
        store = tmp_path / f"bad{k}.db"
        copy(good, store)
        damage(store, page, k)
        before = store.read_bytes()
        for cmd in (["summary"], ["analyse"], ["runs"], ["run", "--resume", run_id],
                    ["run", "-m", "sim/oracle", "-f", "stack_queue", "--n", "1"]):
            r = invoke(*cmd, "--store", str(store), "--no-progress" if cmd[0] == "run" else "--json")
            assert r.exit_code == 2, (page, cmd, r.exit_code, r.output)
            err = one_line(r)
            assert "is damaged" in err and ".recover" in err, (page, cmd, err)
        assert store.read_bytes() == before, f"a command wrote into the store damaged at page {page}"
        wal = tmp_path / f"bad{k}.db-wal"
        assert not wal.exists() or wal.stat().st_size == 0, "nothing waits in the WAL either"


# ---- d. a full disk stops the run as interrupted ----------------------------------------

def status_of(store) -> str:
    con = sqlite3.connect(store)
    try:
        return con.execute("SELECT status FROM runs").fetchone()[0]
    finally:
        con.close()


def test_d_full_disk_on_an_attempt_stops_the_run_as_interrupted(store_path, monkeypatch):
    from unseen.store.sqlite import Store

    real = Store.add_attempt
    calls = [0]

    def full_after_three(self, row):
        calls[0] += 1
        if calls[0] > 3:
            raise sqlite3.OperationalError("database or disk is full")
        return real(self, row)

    monkeypatch.setattr(Store, "add_attempt", full_after_three)
    r = invoke("run", "-m", "sim/oracle", "-f", "stack_queue", "--n", "2", "--store", str(store_path),
               "--no-progress", "--concurrency", "1")
    assert r.exit_code == 2, r.output
    err = one_error_line(r)
    assert "is full" in err and "interrupted" in err and "--resume" in err, err
    assert status_of(store_path) == "interrupted"
    monkeypatch.setattr(Store, "add_attempt", real)
    run_id = json.loads(invoke("runs", "--store", str(store_path), "--json").stdout)[0]["run_id"]
    r = invoke("run", "--resume", run_id, "--store", str(store_path), "--json", "--no-progress")
    assert r.exit_code == 0 and status_of(store_path) == "complete", r.stderr


def test_d_real_sqlite_full_through_max_page_count(store_path, monkeypatch):
    import unseen.cli.run as run_cli

    real_open = run_cli.open_store

    def small(*a, **k):
        st = real_open(*a, **k)
        pages = st.con.execute("PRAGMA page_count").fetchone()[0]
        st.con.execute(f"PRAGMA max_page_count={pages + 2}")
        return st

    monkeypatch.setattr(run_cli, "open_store", small)
    r = invoke("run", "-m", "sim/oracle", "-f", "stack_queue", "--n", "20", "--store", str(store_path),
               "--no-progress")
    assert r.exit_code == 2, r.output
    err = one_error_line(r)
    assert "is full" in err and "--resume" in err, err
    assert status_of(store_path) == "interrupted"


# ---- e. a run is locked while it is asked -----------------------------------------------

def test_e_a_second_process_resuming_the_same_run_is_refused(store_path, cli_env):
    import time

    from conftest import unseen_cmd

    first = subprocess.Popen(unseen_cmd() + ["run", "-m", "sim/oracle:delay=40", "-f", "stack_queue", "--n", "6",
                                             "--store", str(store_path), "--no-progress", "--concurrency", "1"],
                             env=cli_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.time() + 60
        run_id = None
        while time.time() < deadline and run_id is None:
            time.sleep(0.1)
            try:
                con = sqlite3.connect(store_path)
                row = con.execute("SELECT run_id FROM runs JOIN attempts USING (run_id) LIMIT 1").fetchone()
                con.close()
                run_id = row and row[0]
            except sqlite3.Error:
                pass
        assert run_id, "the first run never started asking"
        second = subprocess.run(unseen_cmd() + ["run", "--resume", run_id, "--store", str(store_path),
                                                "--no-progress"], env=cli_env, capture_output=True, text=True,
                                timeout=120)
        assert first.poll() is None, "the first run must still be asking"
        assert second.returncode == 2, second.stderr
        errors = [x for x in second.stderr.splitlines() if x.startswith("error:")]
        assert len(errors) == 1 and "Traceback" not in second.stderr, second.stderr
        assert "is being asked by process" in errors[0]
    finally:
        out, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    con = sqlite3.connect(store_path)
    assert con.execute("SELECT count(*) FROM meta WHERE key LIKE 'lock:%'").fetchone()[0] == 0, "lock released"
    con.close()


def test_e_a_stale_lock_is_taken_over_and_a_live_one_refuses(store_path):
    import socket

    r = invoke("run", "-m", "sim/oracle", "-f", "stack_queue", "--n", "1", "--store", str(store_path), "--json",
               "--no-progress")
    run_id = json.loads(r.stdout)["run_id"]
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        for pid, code in ((live.pid, 2), (dead.pid, 0)):
            con = sqlite3.connect(store_path)
            con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (f"lock:{run_id}", json.dumps(
                {"pid": pid, "host": socket.gethostname(), "since": "2026-01-01T00:00:00"})))
            con.commit()
            con.close()
            r = invoke("run", "--resume", run_id, "--store", str(store_path), "--no-progress")
            assert r.exit_code == code, (pid, r.output)
            if code == 2:
                assert "is being asked by process" in one_error_line(r)
    finally:
        live.kill()
        live.wait()
