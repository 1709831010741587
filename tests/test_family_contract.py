"""The contract every registered family must keep, checked by Hypothesis over all of them."""

from __future__ import annotations

import time
from random import Random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from unseen import registry
from unseen.answers import ANSWER_TYPES
from unseen.problem import Problem
from unseen.verify import verify

FAMILIES = [f for f in registry.all_families() if type(f.impl).__module__.startswith("unseen.families.")]
"""The built-in families only: an installed plugin is checked by its own tests (``check_family``)."""


def params_strategy(fam):
    return st.fixed_dictionaries({n: st.sampled_from(v.domain) for n, v in fam.variables.items()})


def test_enough_families_and_domains():
    assert len(FAMILIES) >= 12
    assert len({f.domain for f in FAMILIES}) >= 6


@pytest.mark.parametrize("fam", FAMILIES, ids=lambda f: f.name)
def test_declaration(fam):
    roles = [v.role for v in fam.variables.values()]
    assert roles.count("logic") >= 3, "at least 3 logic variables"
    assert roles.count("surface") >= 1, "at least 1 surface variable"
    assert fam.state_space_size >= 10**5
    assert fam.purpose and fam.domain and fam.version >= 1
    for v in fam.variables.values():
        assert v.base in v.domain and v.simplest in v.domain
        assert all(level in v.domain for level in v.levels)


@pytest.mark.parametrize("fam", FAMILIES, ids=lambda f: f.name)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), seed=st.integers(0, 2**63 - 1))
def test_contract(fam, data, seed):
    params = data.draw(params_strategy(fam))
    start = time.perf_counter()
    problem = fam.generate(params, Random(seed))
    elapsed = time.perf_counter() - start
    assert elapsed < 1.0, f"generation took {elapsed:.2f}s"
    again = fam.generate(params, Random(seed))
    assert problem.to_json() == again.to_json(), "generation is not deterministic"
    assert problem.answer_type in ANSWER_TYPES
    assert problem.params == fam.resolve(params)
    assert Problem.from_json(problem.to_json()) == problem, "Problem does not survive JSON"
    assert "Answer:" in problem.prompt, "the prompt must state the answer form"
    result = verify(fam, problem, seed)
    assert result.ok, result.reason
    assert not result.false_passes
    assert result.near_misses, "a family must offer at least one near miss"


@pytest.mark.parametrize("fam", FAMILIES, ids=lambda f: f.name)
def test_a_cell_holds_many_distinct_problems(fam):
    """Fresh instances must really be fresh: 40 seeds at the base setting give at least
    30 different problems (different structured data, not only different names)."""
    import json

    datas = {json.dumps(fam.generate(fam.base_params(), Random(s)).data, sort_keys=True) for s in range(40)}
    assert len(datas) >= 30, f"only {len(datas)} distinct problems in 40 draws at the base setting"


TYPE_CLAUSE = {  # what answer_form writes for each type: the form the parser reads
    "integer": "written as a whole number in digits",
    "fraction": "written as a reduced fraction a/b",
    "sequence": "in order, separated by commas",
    "set": "separated by commas, in any order",
    "grid": "rows separated by ' / ' and the entries within a row by single spaces",
    "boolean": "End with a final line `Answer: true` or `Answer: false`.",
    "string": "End with a final line `Answer: ",
}


@pytest.mark.parametrize("fam", FAMILIES, ids=lambda f: f.name)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), seed=st.integers(0, 2**63 - 1))
def test_the_answer_sentence_comes_from_the_answer_type(fam, data, seed):
    problem = fam.generate(data.draw(params_strategy(fam)), Random(seed))
    assert problem.prompt.count("End with a final line") == 1
    sentence = problem.prompt[problem.prompt.index("End with a final line"):]
    assert TYPE_CLAUSE[problem.answer_type] in sentence, (problem.answer_type, sentence)


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
