"""SQLite (WAL) store. Opening a file that is not an unseen database, or one written by a
newer unseen, raises StoreError before anything is written."""

from __future__ import annotations

import json
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from unseen.errors import StoreError
from unseen.store.migrations import MIGRATIONS

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


def _inspect(path: Path) -> None:
    """Refuse a file that is not an unseen store, or is from a newer schema, read-only."""
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        con = _connect_ro(path)
        try:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if not tables:
                return
            app = None
            if "meta" in tables:
                row = con.execute("SELECT value FROM meta WHERE key='app'").fetchone()
                app = row[0] if row else None
            if app != APP and not _half_made(con, tables):
                raise StoreError(
                    f"store {str(path)!r} is a SQLite file but not an unseen database; "
                    "pass --store with a new file name or an existing unseen store")
            names = [r[0] for r in con.execute("SELECT name FROM migrations ORDER BY name")]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        with open(path, "rb") as fh:
            if fh.read(16) == SQLITE_HEADER:
                raise damaged(path, exc) from None
        raise StoreError(
            f"store {str(path)!r} is not an SQLite database; pass --store with a new file name "
            "or an existing unseen store") from None
    known = {name for name, _ in MIGRATIONS}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise StoreError(
            f"store {str(path)!r} has schema migration {unknown[0]!r} from a newer unseen "
            f"(this one knows {len(known)}); upgrade unseen to read it")


SQLITE_HEADER = b"SQLite format 3\x00"
_last_opened: list[Path] = []  # the store this process opened last, to name it in an error


def is_damage(exc: BaseException) -> bool:
    """Whether an SQLite error says the file is damaged (corrupt, or no longer a database)."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    return isinstance(exc, sqlite3.DatabaseError) and (
        name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in str(exc)
        or "not a database" in str(exc))


def is_full(exc: BaseException) -> bool:
    """Whether an SQLite error says the disk (or the store's page limit) is full."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    return isinstance(exc, sqlite3.OperationalError) and (name == "SQLITE_FULL" or "is full" in str(exc))


def damaged(path: Path | None, detail: object) -> StoreError:
    """The one-line error for a damaged store, with the fix."""
    if path is None:
        path = _last_opened[-1] if _last_opened else Path("the store")
    p = str(path)
    return StoreError(f"store {p!r} is damaged ({str(detail).splitlines()[0][:120]}); nothing was written to it; "
                      f"recover what is readable with `sqlite3 {p} .recover | sqlite3 recovered.db` and pass "
                      "--store recovered.db, or restore a backup")


def _quick_check(con: sqlite3.Connection, p: Path) -> None:
    """PRAGMA quick_check (milliseconds for a few MB): a damaged store is named before any
    command reads or writes it."""
    rows = con.execute("PRAGMA quick_check(1)").fetchall()
    if [tuple(r) for r in rows] != [("ok",)]:
        raise damaged(p, rows[0][0])


OUR_TABLES = frozenset({"migrations"} | {t for _, sql in MIGRATIONS for t in re.findall(r"CREATE TABLE (\w+)", sql)})


def _half_made(con: sqlite3.Connection, tables: set[str]) -> bool:
    """A store an older unseen left half-migrated (killed while it created the store in
    place): only our tables, a migrations table, and no app row yet. It is finished, not
    refused."""
    if "migrations" not in tables or not tables <= OUR_TABLES:
        return False
    return "meta" not in tables or con.execute("SELECT count(*) FROM meta").fetchone()[0] == 0


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

    def create_run(self, run: RunRecord) -> None:
        with self.con:
            self.con.execute(
                "INSERT INTO runs VALUES (?,?,?,?,?,?,?,?,?,?)",
                (run.run_id, run.created_at, run.run_seed, run.model, json.dumps(run.plan),
                 json.dumps(run.options), json.dumps(run.versions), run.status,
                 run.unseen_version, run.finished_at))

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
            rows = self.con.execute("SELECT * FROM runs WHERE run_id LIKE ? || '%'", (run_id,)).fetchall()
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
                if held.get("host") != host or _alive(int(held.get("pid", 0))):
                    raise StoreError(
                        f"run {run_id} is being asked by process {held.get('pid')} on {held.get('host')} "
                        f"since {held.get('since')}; wait for it to finish (a lock whose process is gone "
                        "from this machine is taken over)")
            self.con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                             (key, json.dumps({"pid": os.getpid(), "host": host, "since": now()})))
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise

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


def open_store(path: str | Path, *, create: bool, readonly: bool = False) -> Store:
    """Open (and with ``create``, create and migrate) a store. Raises StoreError on a
    foreign or newer file, or on a missing file when ``create`` is False. With
    ``readonly`` the store is opened read-only (SQLite ``mode=ro``) and nothing is written
    to it; a read-only file in a folder that cannot be written is read as it is
    (``immutable``)."""
    p = Path(path)
    if not create and not p.exists():
        raise StoreError(f"store {str(p)!r} does not exist; run `unseen run` first or pass --store")
    if p.is_dir():
        raise StoreError(f"store {str(p)!r} is a folder; pass --store with a file name, e.g. {str(p / 'unseen.db')!r}")
    _last_opened.append(p)
    _inspect(p)
    if readonly:
        return _open_ro(p)
    if create and p.parent and not p.parent.exists():
        raise StoreError(f"folder {str(p.parent)!r} for store {str(p)!r} does not exist; create it first")
    if create and not p.parent.is_dir():
        raise StoreError(f"{str(p.parent)!r} is a file, not a folder, so store {str(p)!r} cannot be made there")
    if create:
        _remove_stale_temps(p)
        if not p.exists() or p.stat().st_size == 0:
            _create(p)
    con = sqlite3.connect(p, timeout=30)
    try:
        con.row_factory = sqlite3.Row
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=NORMAL")
        con.execute("PRAGMA foreign_keys=ON")
        _quick_check(con, p)
        store = Store(p, con)
        _migrate(store)
    except StoreError:
        con.close()
        raise
    except sqlite3.DatabaseError as exc:
        con.close()
        if is_damage(exc):
            raise damaged(p, exc) from None
        if getattr(exc, "sqlite_errorname", "").startswith("SQLITE_READONLY") or "readonly" in str(exc):
            raise StoreError(f"store {str(p)!r} is read-only here, and this command writes to it; "
                             "make it writable (chmod u+w, and the folder too) or pass --store") from None
        raise
    return store


def _connect_ro(p: Path) -> sqlite3.Connection:
    """A read-only connection. A WAL store needs its -shm file; where it is absent and the
    folder cannot be written, the file is opened immutable (nothing can be writing it)."""
    uri = f"file:{quote(str(p.resolve()))}?mode=ro"
    con = sqlite3.connect(uri, uri=True, timeout=30)
    try:
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return con
    except sqlite3.OperationalError as exc:
        con.close()
        if not (getattr(exc, "sqlite_errorname", "") in ("SQLITE_READONLY_DIRECTORY", "SQLITE_CANTOPEN")
                or "unable to open" in str(exc) or "readonly" in str(exc)):
            raise
    return sqlite3.connect(uri + "&immutable=1", uri=True)


def _open_ro(p: Path) -> Store:
    if p.stat().st_size == 0:
        raise StoreError(f"store {str(p)!r} is empty; start a run with `unseen run --store {p}`")
    con = _connect_ro(p)
    try:
        _quick_check(con, p)
        if _pending(con):  # written by an older unseen: upgrade it once (a write), then read
            con.close()
            open_store(p, create=False).close()
            con = _connect_ro(p)
    except sqlite3.DatabaseError as exc:
        con.close()
        if is_damage(exc):
            raise damaged(p, exc) from None
        raise
    except BaseException:
        con.close()
        raise
    con.row_factory = sqlite3.Row
    return Store(p, con)


def _pending(con: sqlite3.Connection) -> list[str]:
    """Migrations this unseen knows that the store has not applied."""
    try:
        done = {r[0] for r in con.execute("SELECT name FROM migrations")}
    except sqlite3.OperationalError:  # no migrations table yet
        done = set()
    return [name for name, _ in MIGRATIONS if name not in done]


CREATING = ".creating"


def _create(p: Path) -> None:
    """Make a new, fully migrated store atomically: it is built in a temporary file beside
    ``p`` and linked into place whole, so a kill at any moment leaves no store or a valid
    empty one (and at most a hidden temporary file, removed by the next writing open)."""
    tmp = p.parent / f".{p.name}.{os.getpid()}{CREATING}"
    try:
        con = sqlite3.connect(tmp)
        try:
            con.execute("PRAGMA journal_mode=MEMORY")  # a temporary file needs no journal on disk
            _migrate(Store(tmp, con))
        finally:
            con.close()
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        try:
            os.link(tmp, p)  # fails if another process made the store meanwhile: keep theirs
        except FileExistsError:
            if p.stat().st_size == 0:  # an empty file in the way: nothing to lose
                os.replace(tmp, p)
        except OSError:  # a file system without hard links
            if not p.exists():
                os.replace(tmp, p)
    finally:
        tmp.unlink(missing_ok=True)


def _remove_stale_temps(p: Path) -> None:
    """Remove temporary stores left by a creation that was killed (its process is gone)."""
    for leftover in p.parent.glob(f".{glob_escape(p.name)}.*{CREATING}*"):
        pid = leftover.name[len(p.name) + 2:].split(".", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            leftover.unlink(missing_ok=True)


def glob_escape(name: str) -> str:
    return re.sub(r"([*?[])", r"[\1]", name)


def _alive(pid: int) -> bool:
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


def _migrate(store: Store) -> None:
    con = store.con
    con.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    done = {r[0] for r in con.execute("SELECT name FROM migrations")}
    for name, sql in MIGRATIONS:
        if name in done:
            continue
        # one transaction per migration: it applies whole or not at all
        con.executescript(f"BEGIN; {sql}; INSERT INTO migrations VALUES ('{name}', '{now()}'); COMMIT;")
    with con:
        con.execute("INSERT OR IGNORE INTO meta VALUES ('app', ?)", (APP,))
        con.execute(f"PRAGMA user_version={len(MIGRATIONS)}")
