"""Options shared by several commands, so they read the same everywhere."""

from __future__ import annotations

import json
import sys
from typing import Any

import typer

StoreOpt = typer.Option("unseen.db", "--store", "-s", help="SQLite store file.")
JsonOpt = typer.Option(False, "--json", help="Print machine-readable JSON instead of tables.")


def ready_model(spec: str, http: dict[str, Any] | None = None, families: list[str] | None = None) -> Any:
    """Resolve a model spec and let it fail fast (connection, key, weights, and for a model
    with a planted behaviour, the planned ``families``) before anything is written. The
    check runs in its own event loop, so the model's connections are closed again with it;
    the run opens fresh ones in its own loop."""
    import asyncio

    from unseen.models import resolve_model
    from unseen.models.base import preflight

    model = resolve_model(spec, http)
    if families is not None and hasattr(model, "check_families"):
        model.check_families(list(families))
    try:
        asyncio.run(preflight(model))
    finally:  # release what is tied to this event loop; a local model keeps its loaded worker
        asyncio.run(getattr(model, "detach", model.aclose)())
    return model


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, default=str) + "\n")
