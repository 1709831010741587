"""The README's family example, as a plugin author would copy it, passes ``unseen check``."""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path

from unseen import registry
from unseen.author import check_family

README = Path(__file__).resolve().parent.parent / "README.md"


def test_the_readme_family_passes_every_check(tmp_path, monkeypatch):
    guide = README.read_text().split("### Writing a family\n", 1)[1]
    code = re.search(r"```python\n(.*?)```", guide, re.S).group(1)
    (tmp_path / "readme_family.py").write_text(code)
    monkeypatch.syspath_prepend(str(tmp_path))  # the check's other process finds it too
    try:
        importlib.import_module("readme_family")
        report = check_family("chain_sum", n=30, seed=4)
        assert report.ok, report
        assert report.row("re-derivation").status == "pass"
    finally:
        registry.unregister("chain_sum")
        sys.modules.pop("readme_family", None)
