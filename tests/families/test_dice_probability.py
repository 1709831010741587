"""dice_probability: counting every outcome by hand agrees with solve on small sizes."""

from __future__ import annotations

import random
from fractions import Fraction

from unseen import registry
from unseen.problem import Problem
from unseen.verify import verify

FAM = registry.get("dice_probability")


def _outcomes(n: int, s: int):
    """Every ordered outcome, built by repeated extension (no itertools)."""
    rows = [[]]
    for _ in range(n):
        rows = [row + [f] for row in rows for f in range(1, s + 1)]
    return rows


def _by_counting(d: dict) -> Fraction:
    n, s, event, t, cond = d["dice"], d["sides"], d["event"], d["target"], d["condition"]
    space = good = 0
    for row in _outcomes(n, s):
        if cond == "first_even" and row[0] % 2 == 1:
            continue
        if cond == "sum_even" and sum(row) % 2 == 1:
            continue
        space += 1
        if event == "sum_equals":
            good += sum(row) == t
        elif event == "sum_at_least":
            good += sum(row) >= t
        elif event == "at_least_one_k":
            good += row.count(t) > 0
        elif event == "all_distinct":
            good += all(row.count(x) == 1 for x in row)
        else:
            good += sorted(row)[-1] == t
    return Fraction(good, space)


def test_counting_agrees_with_solve_on_small_sizes():
    rng = random.Random(3)
    events = ["sum_equals", "sum_at_least", "at_least_one_k", "all_distinct", "max_equals"]
    for seed in range(250):
        params = {"dice": rng.randint(1, 3), "sides": rng.choice([4, 6, 8, 10]), "event": rng.choice(events),
                  "target": rng.randint(0, 50), "condition": rng.choice(["none", "first_even", "sum_even"]),
                  "object": rng.choice(["dice", "spinner", "cards", "bag"])}
        problem = FAM.generate(params, random.Random(seed))
        assert FAM.solve(problem) == _by_counting(problem.data), problem.prompt
        assert verify(FAM, problem, seed).ok


def test_large_cases_use_the_formula_and_agree():
    for seed, (n, s) in enumerate([(6, 20), (5, 12), (6, 10), (4, 20)]):
        for event in ["sum_equals", "sum_at_least", "at_least_one_k", "all_distinct", "max_equals"]:
            for cond in ["none", "first_even", "sum_even"]:
                problem = FAM.generate({"dice": n, "sides": s, "event": event, "condition": cond},
                                       random.Random(seed))
                assert verify(FAM, problem, seed).ok, problem.data


def _problem(**d) -> Problem:
    return Problem("", d, "fraction")


def test_known_values_and_checker():
    two_d6_seven = _problem(dice=2, sides=6, event="sum_equals", target=7, condition="none")
    assert FAM.solve(two_d6_seven) == Fraction(1, 6)
    assert FAM.judge_text(two_d6_seven, "1/6").correct
    assert FAM.judge_text(two_d6_seven, "6/36").correct  # equal value, not reduced: still right
    assert not FAM.judge_text(two_d6_seven, "0.17").correct  # rounded, not exact
    assert not FAM.judge_text(two_d6_seven, "1/11").correct  # as if all sums were equally likely
    assert not FAM.judge_text(two_d6_seven, "5/6").correct
    assert not FAM.judge_text(two_d6_seven, "1/6 or 5/6").correct
    one_d4 = _problem(dice=1, sides=4, event="max_equals", target=3, condition="none")
    assert FAM.judge_text(one_d4, "0.25").correct  # an exact decimal is the same value
    # at least one 6 in two d6, given the first is even: 1/3 + 2/3 * 1/6 = 4/9
    cond = _problem(dice=2, sides=6, event="at_least_one_k", target=6, condition="first_even")
    assert FAM.solve(cond) == Fraction(4, 9) and FAM.judge_text(cond, "4/9").correct
    assert not FAM.judge_text(cond, "11/36").correct  # the unconditional answer
    impossible = _problem(dice=5, sides=4, event="all_distinct", target=1, condition="none")
    assert FAM.solve(impossible) == 0 and FAM.judge_text(impossible, "0").correct
