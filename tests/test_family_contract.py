"""The contract every built-in family must keep: ``unseen check``'s rows, and how families are written."""

from __future__ import annotations

import pytest

from unseen import registry
from unseen.author import check_family

FAMILIES = [f for f in registry.all_families() if type(f.impl).__module__.startswith("unseen.families.")]
"""The built-in families only: an installed plugin is checked by its own tests (``check_family``)."""


def test_enough_families_and_domains():
    assert len(FAMILIES) >= 12
    assert len({f.domain for f in FAMILIES}) >= 6


KNOWN_FAILURES: dict[str, set[str]] = {}
"""Rows a built-in is known to fail (or to fail at some seeds); remove an entry once fixed."""


@pytest.mark.parametrize("fam", FAMILIES, ids=lambda f: f.name)
def test_the_family_passes_unseen_check(fam):
    """The shared contract (declaration rules, determinism across processes, check accepts
    solve, near misses, JSON, time, distinct instances, answer spread, the answer sentence,
    re-derivation) is ``unseen check``'s: see unseen/checking.py and tests/test_checking.py."""
    report = check_family(fam, n=40, seed=11)
    failed = {r.check for r in report.failures}
    known = KNOWN_FAILURES.get(fam.name, set())
    assert failed - known == set(), report


def test_no_family_writes_the_answer_sentence_itself():
    from pathlib import Path

    import unseen.families

    root = Path(unseen.families.__file__).parent
    offenders = [p.name for p in root.rglob("*.py") if "End with a final line" in p.read_text()]
    assert not offenders, f"use unseen.forms.answer_form in {offenders}"


def test_families_import_only_the_author_namespace():
    """A built-in family is written as a plugin would be: every unseen name it uses comes
    from ``unseen.author``."""
    import ast
    from pathlib import Path

    import unseen.families

    offenders = []
    for path in Path(unseen.families.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            modules = ([node.module or ""] if isinstance(node, ast.ImportFrom)
                       else [a.name for a in node.names] if isinstance(node, ast.Import) else [])
            offenders += [f"{path.name}: {m}" for m in modules if m.split(".")[0] == "unseen" and m != "unseen.author"]
    assert not offenders, offenders


@pytest.mark.parametrize("fam", FAMILIES, ids=lambda f: f.name)
def test_every_family_declares_its_answer_types(fam):
    from unseen.author import AnswerType

    assert fam.answer_types and all(a in set(AnswerType) for a in fam.answer_types)
