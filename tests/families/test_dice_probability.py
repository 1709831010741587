"""dice_probability: counting every outcome by hand agrees with solve and with check's formulas."""

from __future__ import annotations

import itertools
import json
import math
import random
import re
from fractions import Fraction

from families import random_instances
from unseen import registry
from unseen.families.probability.dice_probability import _formula
from unseen.problem import Problem
from unseen.verify import verify

FAM = registry.get("dice_probability")
EVENTS = ["sum_equals", "sum_at_least", "at_least_one_k", "all_distinct", "max_equals"]


def _outcomes(faces: list[list[int]]):
    """Every ordered outcome of dice with face ranges [lo, hi], built by repeated extension."""
    rows = [[]]
    for lo, hi in faces:
        rows = [row + [f] for row in rows for f in range(lo, hi + 1)]
    return rows


def _by_counting(d: dict) -> Fraction:
    event, t, cond = d["event"], d["target"], d["condition"]
    space = good = 0
    for row in _outcomes(d["faces"]):
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


def _small_params(rng: random.Random) -> dict:
    return {"dice": rng.randint(1, 3), "sides": rng.choice([4, 6, 8, 10]), "event": rng.choice(EVENTS),
            "target": rng.randint(0, 50), "condition": rng.choice(["none", "first_even", "sum_even"]),
            "object": rng.choice(["dice", "spinner", "cards", "bag"])}


def test_counting_agrees_with_solve_on_small_sizes():
    rng = random.Random(3)
    mixed = 0
    for seed in range(250):
        problem = FAM.generate(_small_params(rng), random.Random(seed))
        faces = problem.data["faces"]
        mixed += len({hi - lo for lo, hi in faces}) > 1 or len({lo for lo, _ in faces}) > 1
        assert FAM.solve(problem) == _by_counting(problem.data), problem.prompt
        assert verify(FAM, problem, seed).ok
    assert mixed >= 100  # the mixed shape (different sizes or starts) is really covered


def test_check_formulas_agree_with_counting():
    """check only uses its closed formulas on big cases; test them directly on small ones."""
    rng = random.Random(7)
    for seed in range(220):
        params = _small_params(rng) | {"dice": rng.randint(1, 4), "sides": rng.choice([4, 6])}
        d = FAM.generate(params, random.Random(seed)).data
        faces = tuple(tuple(f) for f in d["faces"])
        assert _formula(faces, d["event"], d["target"], d["condition"]) == _by_counting(d), d


def test_large_cases_use_the_formula_and_agree():
    for seed, (n, s) in enumerate([(6, 20), (5, 12), (6, 10), (4, 20)]):
        for event in EVENTS:
            for cond in ["none", "first_even", "sum_even"]:
                problem = FAM.generate({"dice": n, "sides": s, "event": event, "condition": cond},
                                       random.Random(seed))
                assert verify(FAM, problem, seed).ok, problem.data


def _distinct_payloads(params: dict) -> int:
    return len({json.dumps(FAM.generate(params, random.Random(s)).data, sort_keys=True) for s in range(40)})


def test_a_cell_holds_many_distinct_problems():
    assert _distinct_payloads(FAM.base_params()) >= 30
    for extra in [{"event": "all_distinct"}, {"sides": 4}, {"dice": 3, "condition": "sum_even"}]:
        assert _distinct_payloads(FAM.base_params() | extra) >= 25, extra


def test_largest_die_has_exactly_sides_faces():
    for seed in range(30):
        problem = FAM.generate({"dice": 4, "sides": 10}, random.Random(seed))
        sizes = [hi - lo + 1 for lo, hi in problem.data["faces"]]
        assert max(sizes) == 10 and min(sizes) >= 5
        assert all(0 <= lo <= 4 for lo, _ in problem.data["faces"])


def _problem(faces, event, target=0, condition="none") -> Problem:
    return Problem("", {"faces": faces, "event": event, "target": target, "condition": condition}, "fraction")


def test_known_values_and_checker():
    two_d6_seven = _problem([[1, 6], [1, 6]], "sum_equals", 7)
    assert FAM.solve(two_d6_seven) == Fraction(1, 6)
    assert FAM.judge_text(two_d6_seven, "1/6").correct
    assert FAM.judge_text(two_d6_seven, "6/36").correct  # equal value, not reduced: still right
    assert not FAM.judge_text(two_d6_seven, "0.17").correct  # rounded, not exact
    assert not FAM.judge_text(two_d6_seven, "1/11").correct  # as if all sums were equally likely
    assert not FAM.judge_text(two_d6_seven, "5/6").correct
    assert not FAM.judge_text(two_d6_seven, "1/6 or 5/6").correct
    # a d4 and a d6: sum 5 comes from (1,4), (2,3), (3,2), (4,1): 4 of 24
    mixed = _problem([[1, 4], [1, 6]], "sum_equals", 5)
    assert FAM.solve(mixed) == Fraction(1, 6) and FAM.judge_text(mixed, "4/24").correct
    assert not FAM.judge_text(mixed, "1/9").correct  # as if both dice were d6
    # faces 0..2 and 2..4 only clash on 2: 1 - 1/9
    shifted = _problem([[0, 2], [2, 4]], "all_distinct")
    assert FAM.solve(shifted) == Fraction(8, 9) and FAM.judge_text(shifted, "8/9").correct
    assert not FAM.judge_text(shifted, "2/3").correct  # as if both were numbered 0..2
    one_d4 = _problem([[0, 3]], "max_equals", 3)
    assert FAM.judge_text(one_d4, "0.25").correct  # an exact decimal is the same value
    # at least one 6 in two d6, given the first is even: 1/3 + 2/3 * 1/6 = 4/9
    cond = _problem([[1, 6], [1, 6]], "at_least_one_k", 6, "first_even")
    assert FAM.solve(cond) == Fraction(4, 9) and FAM.judge_text(cond, "4/9").correct
    assert not FAM.judge_text(cond, "11/36").correct  # the unconditional answer
    # the largest of a d3 (1..3) and a d5 (2..6) is 3: (1..3 with 2 or 3) + (3 with 2) = 3*2 - 2*1 = 4 of 15
    top = _problem([[1, 3], [2, 6]], "max_equals", 3)
    assert FAM.solve(top) == Fraction(4, 15)
    impossible = _problem([[1, 4]] * 5, "all_distinct")
    assert FAM.solve(impossible) == 0 and FAM.judge_text(impossible, "0").correct
    big = tuple(tuple(f) for f in [[1, 4]] * 5)
    assert _formula(big, "all_distinct", 0, "sum_even") == 0


# ---- the answer from the prompt text alone ---------------------------------------------

_ASKS = [  # the question's wording -> (what decides it, the test on that)
    (r"the sum of the numbers obtained is exactly (\d+)", "sum", lambda key, t: key == t),
    (r"the sum of the numbers obtained is at least (\d+)", "sum", lambda key, t: key >= t),
    (r"the numbers obtained include at least one (\d+)", "seen", lambda key, t: key),
    (r"the largest of the numbers obtained is exactly (\d+)", "max", lambda key, t: key == t),
    (r"the number obtained is (?:exactly )?(\d+)", "sum", lambda key, t: key == t),  # one device
    (r"the number obtained is at least (\d+)", "sum", lambda key, t: key >= t),
    (r"no number comes up more than once()", "distinct", lambda key, t: key is not None),
]


def read_prompt(prompt: str):
    """Each device's values, what the event depends on, its test and target, and the given fact."""
    setup, question = prompt.split("\nWhat is the probability that ")
    ranges = [(int(a), int(b)) for a, b in re.findall(r"numbered (\d+) to (\d+)", setup)]
    counts = [int(k) for k in re.findall(r"(\d+) (?:faces|equal sectors|cards|balls)", setup)]
    assert counts == [b - a + 1 for a, b in ranges], "a stated count disagrees with its numbering"
    many = re.search(r" (\d+) (?:fair dice|fair spinners|piles of cards|bags of balls)", setup)
    assert len(ranges) == (int(many[1]) if many else 1)
    m = re.fullmatch(r"(.+?)(?:, given that (.+))?\?", question.split("\n")[0])
    ask, given = m[1], m[2]
    kind, test, t = next((kind, test, int(mm[1] or 0)) for pat, kind, test in _ASKS
                         if (mm := re.fullmatch(pat, ask)))
    if given is None:
        cond = None
    elif re.fullmatch(r"the number on the (?:first die|first spinner|card from the first pile|ball from "
                      r"the first bag) is even", given):
        cond = "first_even"
    else:
        assert re.fullmatch(r"the (?:sum of the numbers|number) obtained is even", given), given
        cond = "sum_even"
    return ranges, kind, test, t, cond


def _step(kind: str, key, v: int, t: int):
    if kind == "sum":
        return key + v
    if kind == "max":
        return max(key, v)
    if kind == "seen":
        return key or v == t
    return None if key is None or v in key else key | {v}  # distinct: the set of values so far


def count_from_text(ranges, kind, test, t, cond) -> Fraction:
    """Every outcome when there are few, else a DP over the devices keyed by (what decides the event,
    parity of the sum)."""
    faces = [[v for v in range(a, b + 1) if not (i == 0 and cond == "first_even" and v % 2)]
             for i, (a, b) in enumerate(ranges)]
    start = {"sum": 0, "max": -1, "seen": False, "distinct": frozenset()}[kind]
    if math.prod(len(f) for f in faces) <= 20000:
        good = space = 0
        for outcome in itertools.product(*faces):
            if cond == "sum_even" and sum(outcome) % 2:
                continue
            key = start
            for v in outcome:
                key = _step(kind, key, v, t)
            space += 1
            good += bool(test(key, t))
        return Fraction(good, space)
    ways = {(start, 0): 1}
    for fs in faces:
        nxt: dict = {}
        for (key, par), w in ways.items():
            for v in fs:
                k2 = (_step(kind, key, v, t), (par + v) % 2)
                nxt[k2] = nxt.get(k2, 0) + w
        ways = nxt
    kept = {k: w for k, w in ways.items() if cond != "sum_even" or k[1] == 0}
    return Fraction(sum(w for (key, _), w in kept.items() if test(key, t)), sum(kept.values()))


def test_answer_from_prompt_text_alone():
    for params, seed, problem in random_instances(FAM, 300, 8):
        got = count_from_text(*read_prompt(problem.prompt))
        assert got == FAM.solve(problem), (params, seed, problem.prompt)
