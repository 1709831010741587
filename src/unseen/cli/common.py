"""Options shared by several commands, so they read the same everywhere."""

from __future__ import annotations

import json
import sys
from typing import Any

import typer

StoreOpt = typer.Option("unseen.db", "--store", "-s", help="SQLite store file.")
JsonOpt = typer.Option(False, "--json", help="Print machine-readable JSON instead of tables.")


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, default=str) + "\n")
