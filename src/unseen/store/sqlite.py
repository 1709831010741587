"""SQLite (WAL) store: the run record and its typed reads and writes. Opening, creating,
checking and migrating a store file live in ``unseen.store.opening``."""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from unseen.errors import StoreError
from unseen.store.declarations import FamilyDecl, load_declarations

APP = "unseen"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class RunRecord:
    """One row of ``runs``."""

    run_id: str
    created_at: str
    run_seed: int
    model: str
    plan: dict[str, Any]
    options: dict[str, Any]
    versions: dict[str, int]
    status: str
    unseen_version: str
    finished_at: str | None


ATTEMPT_COLUMNS = ("run_id", "instance_id", "sample", "status", "response", "answer_strict", "answer_lenient",
                   "pass_strict", "pass_lenient", "reason", "latency_ms", "prompt_tokens", "completion_tokens",
                   "finish_reason", "created_at", "reasoning", "response_class")
_INSERT_ATTEMPT = (
    f"INSERT INTO attempts ({', '.join(ATTEMPT_COLUMNS)}) VALUES ({', '.join(':' + c for c in ATTEMPT_COLUMNS)}) "
    "ON CONFLICT(run_id, instance_id, sample) DO UPDATE SET "
    + ", ".join(f"{c}=excluded.{c}" for c in ATTEMPT_COLUMNS[3:]) + " WHERE attempts.status='error'")


class Store:
    """A connection to one store file. Use ``open_store`` to get one."""

    def __init__(self, path: Path, con: sqlite3.Connection):
        self.path = path
        self.con = con

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- runs -------------------------------------------------------------------

    def create_run(self, run: RunRecord, declarations: list[FamilyDecl] = ()) -> None:
        """Write the run row and its families' declarations in one transaction."""
        with self.con:
            self.con.execute(
                "INSERT INTO runs VALUES (?,?,?,?,?,?,?,?,?,?)",
                (run.run_id, run.created_at, run.run_seed, run.model, json.dumps(run.plan),
                 json.dumps(run.options), json.dumps(run.versions), run.status,
                 run.unseen_version, run.finished_at))
            self.con.executemany("INSERT INTO declarations VALUES (?,?,?,?)",
                                 [(run.run_id, d.name, d.version, json.dumps(d.to_json())) for d in declarations])

    def declarations(self, run: RunRecord) -> dict[str, FamilyDecl]:
        """family -> its declaration as the run recorded it (see ``store.declarations``)."""
        return load_declarations(self.con, run.run_id, run.versions)

    def set_status(self, run_id: str, status: str) -> None:
        finished = now() if status == "complete" else None
        with self.con:
            self.con.execute("UPDATE runs SET status=?, finished_at=? WHERE run_id=?",
                             (status, finished, run_id))

    def get_run(self, run_id: str | None = None) -> RunRecord:
        """The run with this id (a unique prefix is enough), or the latest run."""
        if run_id is None:
            rows = self.con.execute("SELECT * FROM runs ORDER BY created_at DESC LIMIT 1").fetchall()
            if not rows:
                raise StoreError(f"store {str(self.path)!r} has no runs yet; start one with `unseen run`")
        else:
            # a prefix compared as text: '%' and '_' are characters, not LIKE wildcards
            rows = self.con.execute("SELECT * FROM runs WHERE substr(run_id, 1, length(?)) = ? AND ? != ''",
                                    (run_id, run_id, run_id)).fetchall()
            if not rows:
                raise StoreError(f"run {run_id!r} is not in store {str(self.path)!r}; "
                                 "list the runs with `unseen runs`")
            if len(rows) > 1:
                raise StoreError(f"run id prefix {run_id!r} matches {len(rows)} runs; give more characters")
        r = rows[0]
        return RunRecord(r["run_id"], r["created_at"], r["run_seed"], r["model"], json.loads(r["plan_json"]),
                         json.loads(r["options_json"]), json.loads(r["versions_json"]), r["status"],
                         r["unseen_version"], r["finished_at"])

    def list_runs(self) -> list[RunRecord]:
        ids = [r[0] for r in self.con.execute("SELECT run_id FROM runs ORDER BY created_at")]
        return [self.get_run(i) for i in ids]

    # ---- instances and items -------------------------------------------------------

    def add_items(self, run_id: str, rows: list[dict[str, Any]]) -> None:
        """Write instances (content-addressed, shared) and this run's items, in one transaction."""
        with self.con:
            self.con.executemany(
                "INSERT OR IGNORE INTO instances VALUES "
                "(:instance_id,:family,:version,:params_json,:seed,:answer_type,:reference,:problem_json)",
                rows)
            self.con.executemany(
                "INSERT OR IGNORE INTO run_items VALUES (:run_id,:item,:family,:params_json,:idx,"
                ":instance_id,:verified,:reason,:near_misses,:false_passes,:kind,:probe_label)",
                [{**r, "run_id": run_id} for r in rows])

    def stored_problems(self, ids: list[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            q = f"SELECT instance_id, problem_json FROM instances WHERE instance_id IN ({','.join('?' * len(chunk))})"
            out.update({r[0]: r[1] for r in self.con.execute(q, chunk)})
        return out

    def done_attempts(self, run_id: str) -> set[tuple[str, int]]:
        """(instance_id, sample) pairs that already have a scored answer (status 'ok': classes
        ok, truncated and no_answer; error and scoring_error attempts are asked again)."""
        rows = self.con.execute(
            "SELECT instance_id, sample FROM attempts WHERE run_id=? AND status='ok'", (run_id,))
        return {(r[0], r[1]) for r in rows}

    def add_attempt(self, row: dict[str, Any]) -> None:
        """Write one attempt and commit. A scored attempt is never overwritten; an error
        (transport or scoring, status 'error') is replaced when the same attempt is asked
        again on resume."""
        row = {"reasoning": None, "response_class": None, **row}
        with self.con:
            self.con.execute(_INSERT_ATTEMPT, row)

    def cache_get(self, key: str) -> dict[str, Any] | None:
        row = self.con.execute("SELECT completion FROM response_cache WHERE key=?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def cache_put(self, key: str, model: str, completion: dict[str, Any]) -> None:
        with self.con:
            self.con.execute("INSERT OR REPLACE INTO response_cache VALUES (?,?,?,?)",
                             (key, model, json.dumps(completion), now()))

    def cache_drop(self, key: str) -> None:
        with self.con:
            self.con.execute("DELETE FROM response_cache WHERE key=?", (key,))

    # ---- the run lock: one process asks a run at a time --------------------------------

    def lock_run(self, run_id: str) -> None:
        """Take the run's lock (a ``meta`` row ``lock:RUN`` naming pid and host) in one
        transaction, or raise StoreError naming its holder. A lock whose process is gone
        from this machine is taken over."""
        import socket

        key, host = f"lock:{run_id}", socket.gethostname()
        self.con.execute("BEGIN IMMEDIATE")
        try:
            row = self.con.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
            if row is not None:
                held = json.loads(row[0])
                if held.get("host") != host or process_alive(int(held.get("pid", 0))):
                    raise StoreError(
                        f"run {run_id} is being asked by process {held.get('pid')} on {held.get('host')} "
                        f"since {held.get('since')}; wait for it to finish, or if that process is gone (a lock "
                        f"from another machine is never taken over) clear it with `unseen unlock {run_id} "
                        f"--store {self.path}`")
            self.con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                             (key, json.dumps({"pid": os.getpid(), "host": host, "since": now()})))
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise

    def break_lock(self, run_id: str) -> dict[str, Any] | None:
        """Clear the run's lock left by a process that is gone (``unseen unlock``); returns
        what it named, or None when the run was not locked. A lock of a live process on this
        machine is refused; one from another machine cannot be checked: the user vouches."""
        import socket

        key = f"lock:{run_id}"
        self.con.execute("BEGIN IMMEDIATE")
        try:
            row = self.con.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
            held = json.loads(row[0]) if row is not None else None
            if held is not None and held.get("host") == socket.gethostname() \
                    and process_alive(int(held.get("pid", 0))):
                raise StoreError(f"run {run_id} is being asked by process {held.get('pid')} on this machine, "
                                 "which is running; stop it (Ctrl-C, or kill it) instead of unlocking")
            self.con.execute("DELETE FROM meta WHERE key=?", (key,))
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise
        return held

    def unlock_run(self, run_id: str) -> None:
        """Release the run's lock if this process holds it (never raises: a lock left
        behind names a dead process and is taken over)."""
        import socket

        try:
            with self.con:
                self.con.execute("DELETE FROM meta WHERE key=? AND json_extract(value, '$.pid')=? "
                                 "AND json_extract(value, '$.host')=?",
                                 (f"lock:{run_id}", os.getpid(), socket.gethostname()))
        except sqlite3.Error:
            pass

    def query(self, sql: str, params: tuple = ()) -> list[sqlite3.Row]:
        return self.con.execute(sql, params).fetchall()


def process_alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, owned by someone else
        return True
    return True
