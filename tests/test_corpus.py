"""The response corpus keeps the scorer honest: 0 false passes, and at most 0.5% false
fails on responses that answer in the requested form.

``tests/corpus/rules.jsonl`` is built by ``tests/corpus/build.py`` (shapes real models
write, with verdicts by construction); ``tests/corpus/smollm2.jsonl`` holds the shipped
local model's own responses on every family, each graded by hand. A case is a response,
the problem it answers (as JSON, so a later family version cannot change it) and the
verdict a careful grader gives.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from corpus.build import load_corpus
from unseen import registry
from unseen.problem import Problem
from unseen.scoring import score

CORPUS = Path(__file__).with_name("corpus")


def load() -> list[dict]:
    return load_corpus([CORPUS / "rules.jsonl", CORPUS / "smollm2.jsonl"])


def outcomes(rows: list[dict]) -> dict[str, list[dict]]:
    """false_pass: a wrong response scored right in strict mode (any case) or in lenient
    mode (cases in the requested form); lenient_out_of_form: a wrong response without the
    requested form that the last-number/last-line fallback reads as right (reported: the
    fallback cannot tell a right value that answers another question); false_fail: a right
    answer in the requested form scored wrong in strict mode."""
    out: dict[str, list[dict]] = {"false_pass": [], "false_fail": [], "in_form_right": [],
                                  "lenient_out_of_form": []}
    for r in rows:
        fam = registry.get(r["family"])
        problem = Problem(**r["problem"])
        s = score(fam, problem, r["response"])
        if not r["verdict"] and (s.pass_strict or (s.pass_lenient and r["in_form"])):
            out["false_pass"].append({**r, "got": [s.answer_strict, s.answer_lenient]})
        elif not r["verdict"] and s.pass_lenient:
            out["lenient_out_of_form"].append({**r, "got": [s.answer_strict, s.answer_lenient]})
        if r["verdict"] and r["in_form"]:
            out["in_form_right"].append(r)
            if not s.pass_strict:
                out["false_fail"].append({**r, "got": s.answer_strict, "why": s.reason})
    return out


@pytest.fixture(scope="module")
def corpus():
    rows = load()
    return rows, outcomes(rows)


def test_corpus_is_large_and_covers_every_family_and_type(corpus):
    rows, _ = corpus
    assert len(rows) >= 2000
    assert {r["family"] for r in rows} == {f.name for f in registry.all_families()}
    types = Counter(r["problem"]["answer_type"] for r in rows)
    assert {"integer", "fraction", "sequence", "set", "grid", "string", "boolean"} <= set(types), types


def test_no_false_passes(corpus):
    _, out = corpus
    shown = [(r["family"], r["shape"] if "shape" in r else r.get("id"), r["response"][-120:], r["got"])
             for r in out["false_pass"][:10]]
    assert not out["false_pass"], f"{len(out['false_pass'])} false passes, e.g. {shown}"


def test_lenient_fallback_rarely_reads_a_wrong_unformed_response_as_right(corpus):
    rows, out = corpus
    unformed_wrong = sum(1 for r in rows if not r["verdict"] and not r["in_form"])
    assert len(out["lenient_out_of_form"]) <= 0.01 * max(1, unformed_wrong), out["lenient_out_of_form"][:5]


def test_the_local_model_is_in_the_corpus(corpus):
    rows, _ = corpus
    local = [r for r in rows if r["source"] == "smollm2.jsonl"]
    # hand-graded responses of the local model, collected when unseen had its first 15 families;
    # the 35 families added since are covered by the rule cases only (grading them is open work)
    first = {"arith_expr", "blocks_world", "boolean_eval", "cipher_decode", "date_arith", "dice_probability",
             "grid_walk", "knights_knaves", "list_transform", "mini_sudoku", "number_sequence", "reachability",
             "shortest_path", "stack_queue", "word_problem"}
    assert len(local) >= 100 and {r["family"] for r in local} == first


def test_false_fails_at_most_half_a_percent(corpus):
    _, out = corpus
    n, bad = len(out["in_form_right"]), len(out["false_fail"])
    shown = [(r["family"], r.get("shape"), r["response"][-100:], r["got"], r["why"]) for r in out["false_fail"][:10]]
    assert bad <= 0.005 * n, f"{bad} false fails of {n} in-form right answers, e.g. {shown}"
