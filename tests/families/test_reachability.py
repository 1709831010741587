"""reachability: a recursive DFS over the roads read back from the prompt agrees with solve."""

from __future__ import annotations

import random
import re

from families import random_instances
from unseen import registry
from unseen.answers import render
from unseen.verify import verify

FAM = registry.get("reachability")


def small_params(r: random.Random) -> dict:
    return {"nodes": r.randint(4, 10), "density": r.randint(1, 4), "cycles": r.randint(0, 4),
            "components": r.randint(1, 3), "query": r.choice(["count", "reachable_set"]),
            "representation": r.choice(["edge_list", "adjacency", "prose"]),
            "labels": r.choice(["letters", "towns"])}


def roads_from_prompt(prompt: str, rep: str) -> list[tuple[str, str]]:
    if rep == "edge_list":
        return re.findall(r"^(\w+) -> (\w+)$", prompt, re.M)
    if rep == "prose":
        return re.findall(r"one-way road from (\w+) to (\w+)\.", prompt)
    return [(head, b) for head, rest in re.findall(r"^(\w+): (.*)$", prompt, re.M)
            for b in re.findall(r"\w+", rest) if b != "none"]


def dfs_reach(roads, start: str) -> set[str]:
    seen: set[str] = set()

    def go(u: str) -> None:
        for a, b in roads:
            if a == u and b not in seen:
                seen.add(b)
                go(b)

    go(start)
    return seen - {start}


def test_dfs_from_prompt_agrees_with_solve():
    r = random.Random(11)
    for seed in range(240):
        params = small_params(r)
        problem = FAM.generate(params, random.Random(seed))
        roads = roads_from_prompt(problem.prompt, params["representation"])
        assert len(roads) == len(problem.data["edges"])
        start = re.search(r"reachable from (\w+)\?", problem.prompt).group(1)
        reached = dfs_reach(roads, start)
        expected = len(reached) if params["query"] == "count" else sorted(reached) or ["none"]
        assert FAM.solve(problem) == expected, (seed, params)
        assert verify(FAM, problem, seed).ok


def test_checker_accepts_any_order_and_case_rejects_start_and_strays():
    problem = FAM.generate({"nodes": 10, "components": 2, "cycles": 3}, random.Random(4))
    right = FAM.solve(problem)
    names, start = problem.data["names"], problem.data["names"][problem.data["start"]]
    assert FAM.check(problem, right)
    assert FAM.judge_text(problem, ", ".join(reversed(right)).lower())
    assert not FAM.check(problem, sorted(right + [start]))
    stray = next(n for n in names if n not in right and n != start)
    assert not FAM.check(problem, sorted(right + [stray]))
    assert not FAM.check(problem, right[1:] or ["none"])
    assert not FAM.check(problem, right + ["Nowhere"])
    for miss in FAM.near_misses(problem, random.Random(0)):
        assert not FAM.judge_text(problem, miss)


def test_none_and_zero_when_start_reaches_nothing():
    for seed in range(400):
        problem = FAM.generate({"nodes": 6, "components": 2, "cycles": 0, "density": 1}, random.Random(seed))
        if FAM.solve(problem) == ["none"]:
            break
    else:
        raise AssertionError("no instance with an empty reachable set")
    assert FAM.judge_text(problem, "none")
    assert not FAM.judge_text(problem, problem.data["names"][problem.data["start"]])
    count = FAM.generate({"nodes": 6, "components": 2, "cycles": 0, "density": 1, "query": "count"},
                         random.Random(seed))
    assert FAM.judge_text(count, "0") and not FAM.judge_text(count, "1")


def read_map(prompt: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The places named in the intro and every road, from the prompt text alone."""
    names = re.search(r"A map shows \d+ places \((.*?)\) joined by", prompt).group(1).split(", ")
    if "\nRoads:\n" in prompt:
        roads = re.findall(r"^(\w+) -> (\w+)$", prompt, re.M)
    elif "the places its roads lead to:" in prompt:
        roads = [(head, b) for head, rest in re.findall(r"^(\w+): (.*)$", prompt, re.M)
                 for b in rest.split(", ") if rest != "(none)"]
    else:
        roads = re.findall(r"^There is a one-way road from (\w+) to (\w+)\.$", prompt, re.M)
    assert {x for road in roads for x in road} <= set(names)
    return names, roads


def test_the_prompt_alone_gives_the_reference_answer():
    wide = lambda r: {"nodes": r.randint(4, 30), "cycles": r.randint(0, 6)}  # noqa: E731
    for params, seed, problem in random_instances(FAM, 300, 31, wide):
        names, roads = read_map(problem.prompt)
        start = re.search(r"(?:How many|Which) places are reachable from (\w+)\?", problem.prompt).group(1)
        reached = sorted(dfs_reach(roads, start))
        got = str(len(reached)) if "How many places" in problem.prompt else ", ".join(reached) or "none"
        assert got == render(problem.answer_type, FAM.solve(problem)), (seed, params)


def test_no_place_is_named_like_a_placeholder():
    """Regression: with letters, place N met `Answer: N`, places X and Y met 'A road from X to Y'."""
    for labels in FAM.variable("labels").domain:
        for query in FAM.variable("query").domain:
            for seed in range(40):
                prompt = FAM.generate({"nodes": 30, "labels": labels, "query": query},
                                      random.Random(seed)).prompt
                names, _ = read_map(prompt)
                held = set(re.findall(r"`Answer: (\w+)`", prompt))
                held |= set(re.search(r"A road from (\w+) to (\w+) can only", prompt).groups())
                assert held >= {"X", "Y"} and not held & set(names), (labels, sorted(held & set(names)))
                assert not {"N", "X", "Y"} & set(names)
