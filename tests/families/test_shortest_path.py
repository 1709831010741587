"""shortest_path: Floyd-Warshall over the roads read back from the prompt agrees with solve."""

from __future__ import annotations

import random
import re
from collections import deque

from families import random_instances
from unseen import registry
from unseen.answers import parse, render
from unseen.verify import verify

FAM = registry.get("shortest_path")


def small_params(r: random.Random) -> dict:
    return {"nodes": r.randint(4, 9), "density": r.choice(FAM.variable("density").domain),
            "max_weight": r.randint(1, 12), "directed": r.random() < 0.5, "trap": r.random() < 0.5,
            "representation": r.choice(["edge_list", "adjacency", "prose"]),
            "labels": r.choice(["letters", "towns"])}


def roads_from_prompt(prompt: str, rep: str, directed: bool) -> list[tuple[str, str, int]]:
    """Read the roads back from the prompt text alone, for each of the three listings."""
    if rep == "edge_list":
        found = re.findall(r"^(\w+) -?>? ?(\w+) \((\d+)\)$", prompt, re.M)
    elif rep == "prose":
        found = re.findall(r"length (\d+) runs (?:from|between) (\w+) (?:to|and) (\w+)\.", prompt)
        found = [(a, b, w) for w, a, b in found]
    else:
        found = [(head, b, w) for head, rest in re.findall(r"^(\w+): (.*)$", prompt, re.M)
                 for b, w in re.findall(r"(\w+) \((\d+)\)", rest)]
    roads = [(a, b, int(w)) for a, b, w in found]
    return roads if directed or rep == "adjacency" else roads + [(b, a, w) for a, b, w in roads]


def floyd(names: list[str], roads) -> dict:
    inf = float("inf")
    dist = {(a, b): 0 if a == b else inf for a in names for b in names}
    for a, b, w in roads:
        dist[a, b] = min(dist[a, b], w)
    for k in names:
        for i in names:
            for j in names:
                if dist[i, k] + dist[k, j] < dist[i, j]:
                    dist[i, j] = dist[i, k] + dist[k, j]
    return dist


def test_floyd_warshall_from_prompt_agrees_with_solve():
    r = random.Random(7)
    for seed in range(240):
        params = small_params(r)
        problem = FAM.generate(params, random.Random(seed))
        names = problem.data["names"]
        roads = roads_from_prompt(problem.prompt, params["representation"], params["directed"])
        assert len(roads) == len(problem.data["edges"]) * (1 if params["directed"] else 2)
        src, dst = re.search(r"shortest route from (\w+) to (\w+)\?", problem.prompt).groups()
        expected = floyd(names, roads)[src, dst]
        assert expected == FAM.solve(problem), (seed, params)
        assert verify(FAM, problem, seed).ok


def test_trap_makes_fewest_roads_route_longer():
    hits = 0
    for seed in range(40):
        problem = FAM.generate({"nodes": 10, "max_weight": 20, "trap": True}, random.Random(seed))
        d = problem.data
        adj = {i: [] for i in range(len(d["names"]))}
        for u, v, w in d["edges"]:
            adj[u].append((v, w))
            adj[v].append((u, w))
        # best length among routes with the fewest roads, by layered BFS
        best = {d["source"]: 0}
        layer = deque([d["source"]])
        while layer and d["target"] not in best:
            nxt: dict[int, int] = {}
            for u in layer:
                for v, w in adj[u]:
                    if v not in best:
                        nxt[v] = min(nxt.get(v, 10**9), best[u] + w)
            best.update(nxt)
            layer = deque(nxt)
        hits += best[d["target"]] > FAM.solve(problem)
    assert hits == 40


def test_checker_rejects_wrong_lengths_and_hedges():
    problem = FAM.generate({"nodes": 8}, random.Random(3))
    right = FAM.solve(problem)
    assert FAM.check(problem, parse("integer", render("integer", right)))
    for wrong in (right - 1, right + 1, 0):
        assert not FAM.check(problem, wrong)
    assert not FAM.judge_text(problem, f"{right} or {right + 1}")
    for miss in FAM.near_misses(problem, random.Random(0)):
        assert not FAM.judge_text(problem, miss)


def read_roads(prompt: str) -> list[tuple[str, str, int]]:
    """Every road as (from, to, length), both ways when two-way, from the prompt text alone."""
    one_way = "Every road is one-way" in prompt
    if "\nRoads:\n" in prompt:
        lines = re.findall(r"^(\w+) (->|-) (\w+) \((\d+)\)$", prompt, re.M)
        assert {arrow for _, arrow, _, _ in lines} == {"->" if one_way else "-"}
        found = [(a, b, int(w)) for a, _, b, w in lines]
    elif "\nFor each place, the roads" in prompt:  # listed under the places they leave (or both ends)
        return [(head, b, int(w)) for head, rest in re.findall(r"^(\w+): (.*)$", prompt, re.M)
                for b, w in re.findall(r"(\w+) \((\d+)\)", rest)]
    else:
        found = [(a, b, int(w)) for w, a, b in
                 re.findall(r"road of length (\d+) runs (?:from|between) (\w+) (?:to|and) (\w+)\.", prompt)]
    return found if one_way else found + [(b, a, w) for a, b, w in found]


def test_the_prompt_alone_gives_the_reference_answer():
    wide = lambda r: {"nodes": r.randint(4, 30), "max_weight": r.randint(1, 30)}  # noqa: E731
    for params, seed, problem in random_instances(FAM, 240, 41, wide):
        roads = read_roads(problem.prompt)
        assert roads
        names = sorted({x for a, b, _ in roads for x in (a, b)})
        assert len(names) == int(re.search(r"A map shows (\d+) places", problem.prompt).group(1))
        src, dst = re.search(r"shortest route from (\w+) to (\w+)\?", problem.prompt).groups()
        got = str(floyd(names, roads)[src, dst])
        assert got == render(problem.answer_type, FAM.solve(problem)), (seed, params)


def test_no_place_is_named_like_a_placeholder():
    """Regression: with letters, place N met `Answer: N`."""
    for labels in FAM.variable("labels").domain:
        for seed in range(40):
            problem = FAM.generate({"nodes": 30, "labels": labels, "representation": "adjacency"},
                                   random.Random(seed))
            names = set(re.findall(r"^(\w+): ", problem.prompt, re.M))
            assert len(names) == 30
            held = set(re.findall(r"`Answer: (\w+)`", problem.prompt))
            assert held == {"N"} and not held & names and not {"X", "Y"} & names, (labels, held & names)
