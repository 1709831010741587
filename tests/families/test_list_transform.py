"""list_transform: an independent re-implementation of the rules agrees with solve."""

from __future__ import annotations

import random

from unseen import registry
from unseen.answers import parse, render
from unseen.verify import verify

FAM = registry.get("list_transform")


def _rule(name: str, k: int, xs: list[int]) -> list[int]:
    """A third reading of each rule, written from the prompt's wording."""
    indexed = list(enumerate(xs, start=1))
    if name == "drop_below":
        return list(filter(lambda x: not x < k, xs))
    if name == "add":
        return list(map(lambda x: x + k, xs))
    if name == "times":
        return list(map(lambda x: k * x, xs))
    if name == "keep_multiples":
        return list(filter(lambda x: divmod(x, k)[1] == 0, xs))
    if name == "digit_sum":
        return [sum(int(c) for c in f"{x}") for x in xs]
    if name == "mod":
        return [divmod(x, k)[1] for x in xs]
    if name == "add_even_pos":
        return [x + (k if i % 2 == 0 else 0) for i, x in indexed]
    if name == "times_odd_pos":
        return [x * (k if i % 2 == 1 else 1) for i, x in indexed]
    if name == "add_position":
        return [x + i for i, x in indexed]
    if name == "drop_every":
        return [x for i, x in indexed if i not in range(k, len(xs) + 1, k)]
    if name == "swap_pairs":
        out = []
        for j in range(0, len(xs), 2):
            out.extend(reversed(xs[j:j + 2]))
        return out
    if name == "reverse":
        return list(reversed(xs))
    if name == "sort_desc":
        return sorted(xs, key=lambda x: -x)
    if name == "sort_asc":
        return sorted(xs, key=lambda x: x)
    if name == "rotate":
        out = xs[:]
        for _ in range(k):
            out = out[1:] + out[:1]
        return out
    if name == "pair_sums":
        return [xs[j - 1] + xs[j] for j in range(1, len(xs))]
    if name == "dedupe":
        seen: set[int] = set()
        return [x for x in xs if not (x in seen or seen.add(x))]
    raise AssertionError(name)


def _small_params(rng: random.Random) -> dict:
    return {"length": rng.randint(2, 8), "steps": rng.randint(1, 4),
            "rule_set": rng.choice(["simple", "positional", "structural"]),
            "magnitude": rng.choice([9, 20, 50, 99]), "phrasing": rng.choice(["terse", "story"]),
            "list_format": rng.choice(["brackets", "spaces"])}


def test_independent_reimplementation_agrees_with_solve():
    rng = random.Random(7)
    for seed in range(300):
        problem = FAM.generate(_small_params(rng), random.Random(seed))
        xs = list(problem.data["start"])
        for name, k in problem.data["rules"]:
            xs = _rule(name, k, xs)
        assert FAM.solve(problem) == ([str(x) for x in xs] or ["none"]), problem.prompt
        assert verify(FAM, problem, seed).ok


def test_all_rules_and_levels_appear():
    seen = set()
    for seed in range(300):
        level = ["simple", "positional", "structural"][seed % 3]
        problem = FAM.generate({"rule_set": level, "steps": 4}, random.Random(seed))
        seen.update(name for name, _ in problem.data["rules"])
    assert len(seen) == 17


def test_checker_rejects_specific_wrong_answers():
    problem = FAM.generate({"length": 6, "steps": 3, "rule_set": "positional"}, random.Random(11))
    right = FAM.solve(problem)
    assert FAM.check(problem, parse("sequence", render("sequence", right))).correct
    assert FAM.check(problem, parse("sequence", " ".join(right))).correct  # spaces are fine too
    assert not FAM.check(problem, right[:-1] or ["none"]).correct
    assert not FAM.check(problem, right + ["1"]).correct
    assert not FAM.check(problem, ["x", "y"]).correct
    assert not FAM.judge_text(problem, f"{render('sequence', right)} or 1, 2").correct


def test_positions_count_from_one():
    from unseen.problem import Problem

    problem = Problem("", {"start": [10, 20, 30, 40, 50], "rules": [["add_even_pos", 1], ["drop_every", 2]]},
                      "sequence")
    assert FAM.solve(problem) == ["10", "30", "50"]
    assert FAM.check(problem, ["10", "30", "50"]).correct
    assert not FAM.check(problem, ["11", "31", "51"]).correct  # add applied to odd positions
    empty = Problem("", {"start": [1, 3], "rules": [["keep_multiples", 2]]}, "sequence")
    assert FAM.solve(empty) == ["none"] and FAM.check(empty, ["none"]).correct
