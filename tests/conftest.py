import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("UNSEEN_NO_PLUGINS", "1")  # an installed plugin must not leak into unseen's own tests


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "unseen.db"


def unseen_cmd() -> list[str]:
    """The CLI as a subprocess, with this interpreter."""
    return [sys.executable, "-m", "unseen"]


@pytest.fixture
def cli_env() -> dict[str, str]:
    return {**os.environ, "COLUMNS": "200"}
