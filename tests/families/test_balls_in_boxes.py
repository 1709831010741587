"""balls_in_boxes: the setting read back from the prompt text alone, counted by brute force over
every way of dropping the balls into the boxes, gives the reference count."""

from __future__ import annotations

import math
import random
import re
from itertools import product

from sympy.functions.combinatorial.numbers import stirling

from families import random_instances
from unseen import registry
from unseen.verify import verify

FAM = registry.get("balls_in_boxes")


def read_setting(prompt: str):
    """(ball labels, box names or None for identical boxes, lower and upper limit per box)."""
    n = int(re.match(r"There are (\d+) ", prompt).group(1))
    if m := re.match(r"There are \d+ (\w+)s, numbered 1 to", prompt):
        balls = list(range(n))
    elif re.match(r"There are \d+ identical ", prompt):
        balls = ["same"] * n
    else:
        head = re.match(r"There are \d+ \w+s, (.*?);", prompt).group(1)
        balls = [hue for c, hue in re.findall(r"(\d+) (\w+)", head) for _ in range(int(c))]
    assert len(balls) == n
    one = re.search(r"Every (\w+) is put into one of", prompt).group(1)
    if m := re.search(r"one of (\d+) identical (\w+), which", prompt):
        k = int(m.group(1))
        low = re.search(rf"Every \w+ must get at least (\d+) {one}", prompt)
        high = re.search(rf"No \w+ can hold more than (\d+) {one}", prompt)
        lo, hi = int(low.group(1)) if low else 0, int(high.group(1)) if high else n
        return balls, None, [lo] * k, [hi] * k
    listing = re.search(r"one of \d+ \w+: (.*?)\. Two ways", prompt).group(1)
    names = re.findall(r"\w+ (\w+)(?:,| and|$)", listing)
    lo, hi = [0] * len(names), [n] * len(names)
    for i, name in enumerate(names):
        if m := re.search(rf"\b\w+ {name} must get between (\d+) and (\d+) ", prompt):
            lo[i], hi[i] = int(m.group(1)), int(m.group(2))
        if m := re.search(rf"\b\w+ {name} must get at least (\d+) ", prompt):
            lo[i] = int(m.group(1))
        if m := re.search(rf"\b\w+ {name} can hold at most (\d+) ", prompt):
            hi[i] = int(m.group(1))
    return balls, names, lo, hi


def brute_force(balls, names, lo, hi) -> int:
    """Drop every ball into every box; two drops are one way when their contents agree
    (box by box, or as a multiset of contents when the boxes are identical)."""
    k = len(lo)
    ways = set()
    for target in product(range(k), repeat=len(balls)):
        boxes = [tuple(sorted((b for b, t in zip(balls, target, strict=True) if t == i), key=str)) for i in range(k)]
        if all(lo[i] <= len(boxes[i]) <= hi[i] for i in range(k)):
            ways.add(tuple(boxes) if names else tuple(sorted(boxes)))
    return len(ways)


def test_the_prompt_alone_gives_the_reference_count():
    small = lambda r: {"balls": r.randint(2, 7), "boxes": r.randint(2, 4)}  # noqa: E731
    for params, seed, problem in random_instances(FAM, 240, 8, small):
        got = brute_force(*read_setting(problem.prompt))
        assert str(got) == str(FAM.solve(problem)), (seed, params, problem.prompt)
        assert verify(FAM, problem, seed).ok


def test_large_settings_verify_and_match_closed_forms():
    for params, seed, problem in random_instances(FAM, 40, 21):
        assert verify(FAM, problem, seed).ok, (seed, params)
    for n, k in ((12, 4), (20, 8), (9, 6)):
        free = {"balls": n, "boxes": k, "lower": "none", "upper": "none"}
        stars = FAM.generate({**free, "balls_kind": "identical"}, random.Random(0))
        assert FAM.solve(stars) == math.comb(n + k - 1, k - 1)
        onto = FAM.generate({**free, "lower": "nonempty", "balls_kind": "numbered", "boxes_kind": "identical"},
                            random.Random(0))
        assert FAM.solve(onto) == stirling(n, k)
        functions = FAM.generate({**free, "balls_kind": "numbered"}, random.Random(0))
        assert FAM.solve(functions) == k ** n


def test_no_way_only_when_boxes_outnumber_balls_that_must_fill_them():
    for params, seed, problem in random_instances(FAM, 300, 4, lambda r: {"balls": r.randint(2, 8)}):
        d = problem.data
        empty_forced = sum(d["lo"]) > sum(d["counts"])
        assert (FAM.solve(problem) == 0) == empty_forced, (seed, params)
        assert not empty_forced or (params["balls"] < params["boxes"] and params["lower"] != "none")


def test_surface_leaves_the_count_unchanged():
    for seed in range(15):
        answers = {FAM.solve(FAM.generate({"story": story, "box_names": names, "layout": layout,
                                           "balls_kind": "two_colours"}, random.Random(seed)))
                   for story in ("balls", "marbles", "coins") for names in ("letters", "numbers")
                   for layout in ("lines", "paragraph")}
        assert len(answers) == 1


def test_checker_rejects_near_misses():
    for _params, seed, problem in random_instances(FAM, 60, 5, lambda r: {"balls": r.randint(2, 9)}):
        misses = FAM.near_misses(problem, random.Random(seed))
        assert len(misses) >= 3
        for miss in misses:
            assert not FAM.judge_text(problem, miss), (seed, miss)
