"""The SQLite store: runs, instances, run items, attempts; named append-only migrations."""

from unseen.store.opening import open_store
from unseen.store.sqlite import Store

__all__ = ["Store", "open_store"]
