"""The SQLite store: runs, instances, run items, attempts; named append-only migrations."""

from unseen.store.sqlite import Store, open_store

__all__ = ["Store", "open_store"]
