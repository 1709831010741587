"""knights_knaves: brute force over every assignment finds exactly one, the one solve gives."""

from __future__ import annotations

import itertools
import random

from unseen import registry
from unseen.verify import verify

FAM = registry.get("knights_knaves")


def small_params(r: random.Random) -> dict:
    return {"people": r.randint(2, 5), "nesting": r.randint(1, 3),
            "statement_kinds": r.choice(FAM.variable("statement_kinds").domain),
            "quiet": r.randint(0, 2), "self_reference": r.random() < 0.5,
            "knights": r.choice(["random", "few", "many"]), "extra_statements": r.randint(0, 1),
            "names": r.choice(["classic", "letters"]), "island": r.choice(["knights", "angels"])}


def value(tree, kind: dict[int, bool]) -> bool:
    """A statement's truth under one assignment (kind[p] is True for a knight)."""
    op = tree[0]
    if op == "is":
        return kind[tree[1]] is bool(tree[2])
    if op == "exactly":
        return [kind[q] for q in tree[2]].count(True) == tree[1]
    if op == "not":
        return not value(tree[1], kind)
    a, b = value(tree[1], kind), value(tree[2], kind)
    return {"and": a and b, "or": a or b, "if": b if a else True, "iff": a is b}[op]


def consistent_assignments(problem) -> list[list[str]]:
    names = problem.data["names"]
    found = []
    for bits in itertools.product([False, True], repeat=len(names)):
        kind = dict(enumerate(bits))
        if all(value(tree, kind) is kind[s] for s, tree in problem.data["statements"]):
            found.append(sorted(n for n, b in zip(names, bits, strict=True) if b) or ["none"])
    return found


def test_brute_force_finds_one_assignment_equal_to_solve():
    r = random.Random(5)
    for seed in range(220):
        params = small_params(r)
        problem = FAM.generate(params, random.Random(seed))
        found = consistent_assignments(problem)
        assert len(found) == 1, (seed, params, found)
        assert FAM.solve(problem) == found[0]
        assert verify(FAM, problem, seed).ok


def test_every_speaker_is_quoted_and_quiet_ones_named():
    problem = FAM.generate({"people": 5, "quiet": 2}, random.Random(2))
    speakers = {problem.data["names"][s] for s, _ in problem.data["statements"]}
    assert len(speakers) == 3
    for name in problem.data["names"]:
        assert (f"{name} says:" in problem.prompt) == (name in speakers)
    assert "say nothing." in problem.prompt


def test_checker_rejects_unknown_names_and_wrong_sets_accepts_any_order():
    problem = FAM.generate({"people": 4, "nesting": 2}, random.Random(9))
    right = FAM.solve(problem)
    names = problem.data["names"]
    knights = [x for x in right if x != "none"]
    assert FAM.judge_text(problem, ", ".join(reversed(right)).upper() if knights else "none")
    assert not FAM.check(problem, right + ["Zed"])
    complement = [n for n in names if n not in knights] or ["none"]
    assert not FAM.check(problem, complement)
    assert not FAM.check(problem, names if knights != sorted(names) else ["none"])
    for miss in FAM.near_misses(problem, random.Random(0)):
        assert not FAM.judge_text(problem, miss)


def test_two_people_and_no_knights():
    for seed in range(60):
        problem = FAM.generate({"people": 2, "knights": "few"}, random.Random(seed))
        if FAM.solve(problem) == ["none"]:
            assert FAM.judge_text(problem, "none")
            assert not FAM.judge_text(problem, problem.data["names"][0])
            return
    raise AssertionError("no two-person instance without knights")
