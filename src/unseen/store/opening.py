"""Opening a store file: refuse what is not an unseen store or is from a newer unseen,
create a new store atomically, name a damaged one with its fix, open read-only for read
commands, and apply the named migrations. Every refusal is a StoreError before anything
is written."""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path
from urllib.parse import quote

from unseen.errors import StoreError
from unseen.store.migrations import MIGRATIONS
from unseen.store.sqlite import APP, Store, now, process_alive


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
    if not create and p.stat().st_size == 0:  # nothing to read or resume: refused, not made into a store
        raise StoreError(f"store {str(p)!r} is empty; start a run with `unseen run --store {p}`")
    _last_opened.append(p)
    tidy = readonly and not Path(f"{p}-wal").exists()  # no -wal file: nothing has the store open
    try:
        _inspect(p)
        if readonly:
            store = _open_ro(p)
            store.tidy = tidy
            return store
    except BaseException:
        if tidy:
            _release(p)
        raise
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
    return _ReadStore(p, con)


class _ReadStore(Store):
    """A store opened read-only. A read-only connection leaves the -wal and -shm files it
    made; when none were there before, closing lets a connection that only reads remove
    them, as SQLite's last connection to close does (a refused read command writes
    nothing, and leaves nothing)."""

    tidy = False

    def close(self) -> None:
        super().close()
        if self.tidy:
            _release(self.path)


def _release(p: Path) -> None:
    """Open the store for writing, read it, close it: if no other connection has it open,
    SQLite removes its -wal and -shm files (the main file is not written). A store that
    cannot be opened for writing keeps them."""
    try:
        con = sqlite3.connect(f"file:{quote(str(p.resolve()))}?mode=rw", uri=True, timeout=1)
        try:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            con.close()
    except (sqlite3.Error, OSError):
        pass


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
        if pid.isdigit() and not process_alive(int(pid)):
            leftover.unlink(missing_ok=True)


def glob_escape(name: str) -> str:
    return re.sub(r"([*?[])", r"[\1]", name)


def _migrate(store: Store) -> None:
    con = store.con
    con.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    done = {r[0] for r in con.execute("SELECT name FROM migrations")}
    for name, sql in MIGRATIONS:
        if name in done:
            continue
        # one transaction per migration: it applies whole or not at all
        con.executescript(f"BEGIN; {sql}; INSERT INTO migrations VALUES ('{name}', '{now()}'); COMMIT;")
    if con.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS) and \
            con.execute("SELECT 1 FROM meta WHERE key='app'").fetchone():
        return  # up to date: opening a store writes nothing to it
    with con:
        con.execute("INSERT OR IGNORE INTO meta VALUES ('app', ?)", (APP,))
        con.execute(f"PRAGMA user_version={len(MIGRATIONS)}")
